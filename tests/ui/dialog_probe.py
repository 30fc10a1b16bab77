"""Opens every dialog of the window on the demo data and prints how each sits on the screen.

Run in its own process by `test_dialogs_fit.py`, so that Qt starts with the screen size under
test (Qt's offscreen screen is chosen once per process):
`python -m tests.ui.dialog_probe DB [SHOT_FOLDER]` prints one JSON object per dialog.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QScrollArea,
    QWidget,
)
from sqlalchemy import Engine

import organiser.ui
from organiser import store
from organiser.formats.ics_read import parse_calendar
from organiser.services import (
    action_import,
    calendar,
    campaigns,
    commitments,
    demo,
    drafts,
    letters,
    organisations,
    reminders,
    situations,
)
from organiser.services.archive import export_archive, import_archive
from organiser.services.backups import make_backup
from organiser.services.database_check import CheckReport
from organiser.ui.archive.plan_dialog import ArchivePlanDialog
from organiser.ui.calendar.action_form import ActionForm
from organiser.ui.calendar.day_form import InternationalDayForm
from organiser.ui.calendar.import_preview import ImportPreview
from organiser.ui.commitments.form import CommitmentForm
from organiser.ui.commitments.import_dialog import AffiliateImportDialog
from organiser.ui.dialogs.backups_dialog import BackupsDialog, CheckReportDialog
from organiser.ui.dialogs.campaign_form import CampaignForm
from organiser.ui.dialogs.conflict_dialog import MINE, THEIRS, ConflictDialog, FieldVersions
from organiser.ui.dialogs.drafts_dialog import DraftsDialog
from organiser.ui.dialogs.help import ShortcutsDialog
from organiser.ui.dialogs.organisation_form import OrganisationForm, PersonForm
from organiser.ui.dialogs.situation_form import SituationForm
from organiser.ui.dialogs.trash_dialog import TrashDialog
from organiser.ui.encryption import EncryptDialog
from organiser.ui.letters.dialogs import ReplyDialog, SentDialog
from organiser.ui.letters.editor import PAGE_WIDTH, LetterEditor
from organiser.ui.letters.merge_dialog import MergeDialog
from organiser.ui.letters.pdf_settings import PdfSettingsDialog
from organiser.ui.main_window import MainWindow
from organiser.ui.reminders.dialog import ReminderDialog
from organiser.ui.reminders.notice import ReminderNotice
from organiser.ui.search.dialog import SearchDialog

ICS = Path(__file__).parent.parent / "data" / "ics" / "america_new_york.ics"
LETTER_ID = 3  # demo: the Kazakh protest letter, the longest

Factory = Callable[[Engine, QWidget], QDialog]


def _first(engine: Engine, read: Callable[[Any], list[Any]]) -> Any:
    with store.transaction(engine) as session:
        return read(session)[0]


def _letter(engine: Engine) -> letters.LetterView:
    with store.transaction(engine) as session:
        return letters.get_letter(session, LETTER_ID)


def _import_preview(engine: Engine, parent: QWidget) -> QDialog:
    with store.transaction(engine) as session:
        plan = action_import.plan_import(session, parse_calendar(ICS.read_bytes()))
        choices = [(c.id, c.title) for c in campaigns.list_campaigns(session)]
    return ImportPreview(plan, choices, choices[0][0], parent)


def _archive_plan(engine: Engine, parent: QWidget) -> QDialog:
    """The demo's whole archive planned into an empty database: every record is added."""
    folder = Path(tempfile.mkdtemp(prefix="archive-probe-"))
    export_archive(engine, folder / "demo.organiser.zip")
    empty = store.open_database(str(folder / "empty.sqlite3"))
    try:
        plan = import_archive(empty, folder / "demo.organiser.zip", dry_run=True)
    finally:
        empty.dispose()
    return ArchivePlanDialog(plan, parent)


def _drafts_dialog(engine: Engine, parent: QWidget) -> QDialog:
    """Forty drafts left behind: the list scrolls, its buttons stay in sight."""
    with store.transaction(engine) as session:
        for n in range(40):
            label = f"New campaign “Draft number {n}”"
            drafts.save_draft(session, f"campaign:new:{n}", "campaign", None, label, {})
    return DraftsDialog(engine, lambda _draft: None, parent)


def _backups_dialog(engine: Engine, parent: QWidget) -> QDialog:
    """Twelve kept backups: the list scrolls, its buttons stay in sight."""
    start = datetime(2026, 12, 1, 9, tzinfo=UTC)
    for n in range(12):
        make_backup(engine, "before-restore" if n == 3 else "auto", start + timedelta(hours=n))
    return BackupsDialog(engine, lambda _path: None, parent)


def _check_report(_engine: Engine, parent: QWidget) -> QDialog:
    """A long report: the problems scroll inside the dialog."""
    problems = [f"action {n}: time zone 'Mars/Olympus' is not known" for n in range(200)]
    report = CheckReport("/home/organiser/campaigns.sqlite3", problems, True)
    return CheckReportDialog(report, "", parent)


def _trash_dialog(engine: Engine, parent: QWidget) -> QDialog:
    """Two campaigns in the trash, with all that went with them."""
    with store.transaction(engine) as session:
        for campaign in campaigns.list_campaigns(session)[:2]:
            campaigns.delete_campaign(session, campaign.id)
    return TrashDialog(engine, parent)


def _conflict_dialog(engine: Engine, parent: QWidget) -> QDialog:
    """The longest letter against a version of it edited elsewhere in every text field."""
    letter = _letter(engine)
    rows = [
        FieldVersions(name, name.replace("_", " ").capitalize(), text, f"{text} — {text}", side)
        for name, text, side in (
            ("subject", letter.subject, THEIRS),
            ("body", letter.body, MINE),
            ("our_reference", letter.our_reference, THEIRS),
            ("their_reference", letter.their_reference, MINE),
            ("language", letter.language, MINE),
        )
    ]
    return ConflictDialog("letter", letter.version + 1, rows, parent)


def _reminder_dialog(engine: Engine, parent: QWidget) -> QDialog:
    action = _first(engine, calendar.actions_between)
    return ReminderDialog(engine, "action", action.id, action.title, parent)


def _reminder_notice(engine: Engine, parent: QWidget) -> QDialog:
    """Twenty reminders missed while the program was closed: the list scrolls."""
    action = _first(engine, calendar.actions_between)
    with store.transaction(engine, write=True) as session:
        found = [
            reminders.add_reminder(
                session,
                reminders.ReminderFields(
                    action_id=action.id,
                    at=datetime(2026, 11, 1, 9, tzinfo=UTC) + timedelta(hours=n),
                    note=f"Call the embassy about the hearing, number {n}",
                ),
            )
            for n in range(20)
        ]
    notice = ReminderNotice(engine, parent)
    notice.add(found, missed_while_closed=True)
    return notice


# Every dialog class of the window, each opened on the fullest record the demo has.
FACTORIES: dict[type[QDialog], Factory] = {
    CampaignForm: lambda e, p: CampaignForm(e, _first(e, campaigns.list_campaigns), p),
    OrganisationForm: lambda e, p: OrganisationForm(
        e, _first(e, organisations.list_organisations), p
    ),
    PersonForm: lambda e, p: PersonForm(e, _first(e, organisations.list_people), parent=p),
    SituationForm: lambda e, p: SituationForm(e, _first(e, situations.list_situations), parent=p),
    ActionForm: lambda e, p: ActionForm(e, p, action=_first(e, calendar.actions_between)),
    InternationalDayForm: lambda e, p: InternationalDayForm(e, p),
    CommitmentForm: lambda e, p: CommitmentForm(
        e, _first(e, commitments.list_commitments), None, p
    ),
    AffiliateImportDialog: lambda e, p: AffiliateImportDialog(e, p),
    LetterEditor: lambda e, p: LetterEditor(e, _letter(e), parent=p),
    SentDialog: lambda e, p: SentDialog(e, _letter(e), p),
    ReplyDialog: lambda e, p: ReplyDialog(e, _letter(e), p),
    MergeDialog: lambda e, p: MergeDialog(e, _letter(e), p),
    ConflictDialog: _conflict_dialog,
    ReminderDialog: _reminder_dialog,
    ReminderNotice: _reminder_notice,
    SearchDialog: lambda e, p: SearchDialog(e, "union", p),  # many hits, long contexts
    PdfSettingsDialog: lambda e, p: PdfSettingsDialog(p),
    ImportPreview: _import_preview,
    ArchivePlanDialog: _archive_plan,
    DraftsDialog: _drafts_dialog,
    BackupsDialog: _backups_dialog,
    CheckReportDialog: _check_report,
    TrashDialog: _trash_dialog,  # last of those that need the demo's letters: it deletes
    EncryptDialog: lambda _e, p: EncryptDialog(Path("/home/organiser/campaigns.sqlite3"), p),
    ShortcutsDialog: lambda e, p: ShortcutsDialog(MainWindow(e).menuBar(), p),
}


def dialog_classes() -> set[type[QDialog]]:
    """Every QDialog subclass written in organiser.ui that is opened as it is (not a base)."""
    found: set[type[QDialog]] = set()
    for info in pkgutil.walk_packages(organiser.ui.__path__, "organiser.ui."):
        module = importlib.import_module(info.name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, QDialog) and value.__module__ == info.name:
                found.add(value)
    bases = {base for cls in found for base in cls.__mro__[1:] if base in found}
    return found - bases


def accept_button(dialog: QDialog) -> QWidget:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None, f"{type(dialog).__name__} has no button box"
    roles = (QDialogButtonBox.ButtonRole.AcceptRole,)
    accepting = [b for b in box.buttons() if box.buttonRole(b) in roles]
    return (accepting or box.buttons())[0]  # a dialog that only shows: its Close


def inside_scroll_area(widget: QWidget, dialog: QDialog) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not dialog:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def measure(dialog: QDialog, window: QWidget) -> dict[str, Any]:
    dialog.show()
    QApplication.processEvents()
    frame = dialog.frameGeometry()
    free = window.screen().availableGeometry()
    button = accept_button(dialog)
    top_left = button.mapTo(dialog, QPoint(0, 0))
    return {
        "dialog": type(dialog).__name__,
        "screen": [free.width(), free.height()],
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "on_screen": free.contains(frame),
        "button": button.text(),
        "button_visible": button.isVisible()
        and dialog.rect().contains(top_left)
        and dialog.rect().contains(top_left + QPoint(button.width() - 1, button.height() - 1)),
        "button_scrolls": inside_scroll_area(button, dialog),
        "page_whole": dialog.preview.width() >= PAGE_WIDTH
        if isinstance(dialog, LetterEditor)
        else None,
    }


def main(argv: list[str]) -> int:
    app = QApplication.instance() or QApplication([])
    engine = store.open_database(argv[0])
    with store.transaction(engine) as session:
        demo.load_demo(session)
    shots = Path(argv[1]) if len(argv) > 1 else None
    window = QMainWindow()
    window.setGeometry(window.screen().availableGeometry())
    window.show()
    missing = dialog_classes() - set(FACTORIES)
    for cls in sorted(missing, key=lambda c: c.__name__):
        print(json.dumps({"dialog": cls.__name__, "missing": True}))
    for cls, factory in FACTORIES.items():
        dialog = factory(engine, window)
        print(json.dumps(measure(dialog, window)), flush=True)
        if shots is not None:
            dialog.grab().save(str(shots / f"{cls.__name__}.png"))
        dialog.close()
        dialog.deleteLater()
    main_window = MainWindow(engine)  # the first start, with no remembered layout
    main_window.show()
    app.processEvents()
    free = main_window.screen().availableGeometry()
    frame = main_window.frameGeometry()
    print(
        json.dumps(
            {
                "main_window": [frame.width(), frame.height()],
                "free": [free.width(), free.height()],
                "on_screen": free.contains(frame),
            }
        )
    )
    main_window.close()
    app.processEvents()
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
