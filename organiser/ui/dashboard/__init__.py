"""The Dashboard's pieces: its sections of clickable items, and how each item is worded."""
