"""Interchange with other programs: iCalendar, CSV, archives."""
