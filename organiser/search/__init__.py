"""Searching every record: text folded into an FTS5 index, kept in step by triggers."""
