"""Make the README's screenshots as a person sees the window: a real X screen of 1366×768
(a common laptop), the sample campaigns, each page and the main dialogs on top of the window.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots.py

Settings and the database live in a temporary folder; nothing of yours is read or written.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

HOME = tempfile.mkdtemp(prefix="organiser-shots-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(HOME, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(HOME, "data")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402
from sqlalchemy import Engine  # noqa: E402

from organiser import store  # noqa: E402
from organiser.services import backups, campaigns, letter_versions, letters  # noqa: E402
from organiser.services.demo import load_demo  # noqa: E402
from organiser.ui.dialogs.backups_dialog import BackupsDialog  # noqa: E402
from organiser.ui.dialogs.campaign_form import CampaignForm  # noqa: E402
from organiser.ui.dialogs.conflict_dialog import THEIRS, ConflictDialog, FieldVersions  # noqa: E402
from organiser.ui.dialogs.trash_dialog import TrashDialog  # noqa: E402
from organiser.ui.dialogs.widgets import OptionalDateEdit  # noqa: E402
from organiser.ui.encryption import EncryptDialog  # noqa: E402
from organiser.ui.letters.editor import LetterEditor  # noqa: E402
from organiser.ui.main_window import MainWindow  # noqa: E402
from organiser.ui.pages.base import Page  # noqa: E402
from organiser.ui.pages.calendar import WEEK, CalendarPage  # noqa: E402
from organiser.ui.pages.campaigns import CampaignsPage  # noqa: E402
from organiser.ui.pages.commitments import CommitmentsPage  # noqa: E402
from organiser.ui.pages.dashboard import DashboardPage  # noqa: E402
from organiser.ui.pages.letters import LettersPage  # noqa: E402
from organiser.ui.pages.organisations import OrganisationsPage  # noqa: E402

P = TypeVar("P", bound=Page)
from organiser.ui.plurals import install_english_plurals  # noqa: E402

DOCS = Path(__file__).resolve().parent


def settle(milliseconds: int = 400) -> None:
    """Let the window paint (and any delayed preview render) before the picture is taken."""
    app = QApplication.instance()
    assert app is not None
    done: list[bool] = []
    QTimer.singleShot(milliseconds, lambda: done.append(True))
    while not done:
        app.processEvents()


def shoot(name: str) -> None:
    screen = QApplication.primaryScreen()
    settle()
    screen.grabWindow(0).save(str(DOCS / name))
    print(DOCS / name)


def page(window: MainWindow, page_class: type[P]) -> P:
    window.show_page(page_class)
    shown = window.page(page_class)
    assert isinstance(shown, page_class)
    return shown


def with_dialog(
    dialog: QDialog, name: str, prepare: Callable[[QDialog], None] | None = None
) -> None:
    dialog.show()
    if prepare is not None:
        prepare(dialog)
    shoot(name)
    dialog.hide()
    dialog.deleteLater()


def campaign_with_bad_dates(form: QDialog) -> None:
    assert isinstance(form, CampaignForm)
    form.start.set_text("2016-02-30")
    form.submit()


def date_picked_from_calendar(form: QDialog) -> None:
    field = form.findChildren(OptionalDateEdit)[0]
    field.open_calendar()
    settle()


def letter_versions_shot(engine: Engine, window: QWidget, letter_id: int) -> None:
    """The editor scrolled to its language versions: one up to date, one made out of date by
    the original typed on, and the recipients' languages still missing."""
    with store.transaction(engine, write=True) as session:
        letter_versions.set_version(
            session, letter_id, "fr", "Libérez les grévistes de Mangystaou",
            "Chers camarades,\n\nNous exigeons la libération immédiate des grévistes.",
        )  # fmt: skip
        letter_versions.set_version(
            session, letter_id, "ru", "Освободите бастующих Мангистау",
            "Уважаемые товарищи!\n\nМы требуем немедленно освободить бастующих.",
        )  # fmt: skip
    with store.transaction(engine) as session:
        letter = letters.get_letter(session, letter_id)

    def scrolled(form: QDialog) -> None:
        assert isinstance(form, LetterEditor)
        form.body.setPlainText(form.body.toPlainText() + "\n\nWe will be at the court.")
        settle()
        form.versions.show_language("fr")
        form.fields_area.ensureWidgetVisible(form.versions, 0, 0)
        settle(1500)  # the preview, rendered off the GUI thread

    with_dialog(LetterEditor(engine, letter, parent=window), "letter-versions.png", scrolled)


def main() -> int:
    app = QApplication(sys.argv[:1])
    install_english_plurals(app)
    engine = store.open_database(os.path.join(HOME, "organiser.sqlite3"))
    with store.transaction(engine) as session:
        load_demo(session)
        first_campaign = campaigns.list_campaigns(session)[0]
        letter = letters.get_letter(session, 3)
    backups.make_backup(engine, "auto")  # so the status bar has a backup to tell of
    window = MainWindow(engine, "~/.local/share/campaign-organiser/organiser.sqlite3")
    window.setGeometry(window.screen().availableGeometry())
    window.show()
    page(window, DashboardPage)
    shoot("dashboard.png")
    page(window, CampaignsPage)
    shoot("campaigns.png")
    with_dialog(
        CampaignForm(engine, first_campaign, window), "campaign-form.png", campaign_with_bad_dates
    )
    calendar_page = page(window, CalendarPage)
    shoot("calendar-month.png")
    calendar_page.view_choice.setCurrentIndex(WEEK)
    shoot("calendar-week.png")
    calendar_page.view_choice.setCurrentIndex(0)
    commitments_page = page(window, CommitmentsPage)
    shoot("commitments.png")
    campaign = commitments_page.filters.campaign
    campaign.setCurrentIndex(campaign.findText("Stop the crackdown", Qt.MatchFlag.MatchStartsWith))
    commitments_page.tabs.setCurrentIndex(1)
    shoot("commitments-matrix.png")
    page(window, LettersPage)
    shoot("letters-page.png")
    with_dialog(LetterEditor(engine, letter, parent=window), "letter-editor.png")
    letter_versions_shot(engine, window, letter.id)
    page(window, OrganisationsPage)
    shoot("organisations.png")
    with_dialog(
        CampaignForm(engine, first_campaign, window), "date-picker.png", date_picked_from_calendar
    )
    backups.make_backup(engine, "manual")
    with_dialog(BackupsDialog(engine, lambda _path: None, window), "backups.png")
    with store.transaction(engine) as session:  # a campaign deleted: to the trash, undoable
        campaigns.delete_campaign(session, campaigns.list_campaigns(session)[-1].id)
    with_dialog(TrashDialog(engine, window), "trash.png")
    differences = [
        FieldVersions("title", "Title", "Free Han Sang-gyun now", "Free Han Sang-gyun"),
        FieldVersions(
            "summary", "Summary", "KCTU president jailed for five years.",
            "KCTU president sentenced to five years; appeal heard in May.", THEIRS,
        ),
    ]  # fmt: skip
    with_dialog(ConflictDialog("campaign", 4, differences, window), "conflict.png")
    with_dialog(
        EncryptDialog(Path(tempfile.gettempdir()) / "campaigns.sqlite3", window), "encrypt.png"
    )
    window.close()
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
