"""A reminder as the doors show it: plain data, importable before the database machinery (the
Dashboard's first frame shows the reminders due)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ReminderView:
    id: int
    target_kind: str  # action, commitment or letter
    target_id: int
    target_title: str
    remind_at: datetime | None
    days_before: int | None
    due_at: datetime | None  # None: counted back from a record that has no date now
    note: str
    created_at: datetime
    shown_at: datetime | None
    done_at: datetime | None

    def is_due(self, now: datetime) -> bool:
        return self.done_at is None and self.due_at is not None and self.due_at <= now
