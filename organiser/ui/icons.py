"""Icons through one cached accessor, from Font Awesome / Material Design Icons via QtAwesome."""

from __future__ import annotations

from functools import cache

import qtawesome
from PySide6.QtGui import QIcon

# Names of the things in the program -> icon-set names; pages ask by meaning, not by glyph.
ICONS = {
    "dashboard": "mdi6.view-dashboard-outline",
    "campaigns": "mdi6.bullhorn-outline",
    "calendar": "mdi6.calendar-month-outline",
    "commitments": "mdi6.handshake-outline",
    "letters": "mdi6.email-outline",
    "organisations": "mdi6.account-group-outline",
    "people_at_risk": "mdi6.account-alert-outline",
    "add": "mdi6.plus",
    "edit": "mdi6.pencil-outline",
    "delete": "mdi6.trash-can-outline",
    "duplicate": "mdi6.content-copy",
    "merge": "mdi6.email-multiple-outline",
    "pdf": "mdi6.file-pdf-box",
    "print": "mdi6.printer-outline",
    "import": "mdi6.file-import-outline",
    "export": "mdi6.file-export-outline",
    "sent": "mdi6.send-check-outline",
    "reply": "mdi6.email-arrow-left-outline",
    "refresh": "mdi6.refresh",
    "today": "mdi6.calendar-today",
    "previous": "mdi6.chevron-left",
    "next": "mdi6.chevron-right",
    "undo": "mdi6.undo",
    "redo": "mdi6.redo",
    "person": "mdi6.account-outline",
    "settings": "mdi6.cog-outline",
    "sample": "mdi6.database-import-outline",
    "reminder": "mdi6.bell-outline",
    "done": "mdi6.check",
    "warning": "mdi6.alert-outline",
    "search": "mdi6.magnify",
}


@cache
def icon(name: str, colour: str = "#3d4450") -> QIcon:
    """The icon for a named thing; unknown names give an empty icon rather than failing."""
    glyph = ICONS.get(name)
    return qtawesome.icon(glyph, color=colour) if glyph else QIcon()
