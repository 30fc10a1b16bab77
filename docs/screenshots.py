"""Make the README's screenshots as a person sees the window: a real X screen of 1366×768
(a common laptop), the sample campaigns, each page and the main dialogs on top of the window.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots.py [NAME.png...]

Given names, only those pictures are written (the others are still gone through, unsaved).
Settings and the database live in a temporary folder; nothing of yours is read or written.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
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
from organiser.models import Letter, LetterVersion  # noqa: E402
from organiser.services import (  # noqa: E402
    backups,
    campaigns,
    letter_versions,
    letters,
    organisations,
    reminders,
)
from organiser.services.calendar import actions_between  # noqa: E402
from organiser.services.demo import load_demo  # noqa: E402
from organiser.ui.calendar.action_form import ActionForm  # noqa: E402
from organiser.ui.dialogs.backups_dialog import BackupsDialog  # noqa: E402
from organiser.ui.dialogs.campaign_form import CampaignForm  # noqa: E402
from organiser.ui.dialogs.conflict_dialog import THEIRS, ConflictDialog, FieldVersions  # noqa: E402
from organiser.ui.dialogs.trash_dialog import TrashDialog  # noqa: E402
from organiser.ui.dialogs.widgets import OptionalDateEdit  # noqa: E402
from organiser.ui.encryption import EncryptDialog  # noqa: E402
from organiser.ui.letters.editor import LetterEditor  # noqa: E402
from organiser.ui.letters.merge_dialog import MergeDialog  # noqa: E402
from organiser.ui.main_window import MainWindow  # noqa: E402
from organiser.ui.pages.base import Page  # noqa: E402
from organiser.ui.pages.calendar import WEEK, CalendarPage  # noqa: E402
from organiser.ui.pages.campaigns import CampaignsPage  # noqa: E402
from organiser.ui.pages.commitments import CommitmentsPage  # noqa: E402
from organiser.ui.pages.dashboard import DashboardPage  # noqa: E402
from organiser.ui.pages.letters import LettersPage  # noqa: E402
from organiser.ui.pages.organisations import OrganisationsPage  # noqa: E402
from organiser.ui.pages.people_at_risk import PeopleAtRiskPage  # noqa: E402
from organiser.ui.reminders.notice import ReminderNotice  # noqa: E402
from organiser.ui.search.dialog import SearchDialog  # noqa: E402

P = TypeVar("P", bound=Page)
from organiser.ui.plurals import install_english_plurals  # noqa: E402

DOCS = Path(__file__).resolve().parent
ONLY = frozenset(sys.argv[1:])  # empty: every picture


def settle(milliseconds: int = 400) -> None:
    """Let the window paint (and any delayed preview render) before the picture is taken."""
    app = QApplication.instance()
    assert app is not None
    done: list[bool] = []
    QTimer.singleShot(milliseconds, lambda: done.append(True))
    while not done:
        app.processEvents()


def shoot(name: str) -> None:
    if ONLY and name not in ONLY:
        return
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


MERGE_BODY = """By email to {{ recipient.email }}

Dear comrades of {{ recipient.name }},

IndustriALL Global Union asks every affiliate to join the campaign “{{ campaign.title }}”
and to write to the government with our demands:

{% for demand in campaign.demands %}- {{ demand }}
{% endfor %}
Please send a copy of your letter to {{ sender.name }}, quoting {{ our_reference }}.

In solidarity,"""

MERGE_BODY_KO = """{{ recipient.name }} 동지 여러분께,

“{{ campaign.title }}” 캠페인에 함께해 주시기 바랍니다.

{% for demand in campaign.demands %}- {{ demand }}
{% endfor %}
연대하며,"""


def merge_template(engine: Engine) -> letters.LetterView:
    """A letter written as a template for every IndustriALL affiliate, with a Korean version."""
    with store.transaction(engine, write=True) as session:
        by_acronym = {o.acronym: o for o in organisations.list_organisations(session)}
        people = {p.name: p for p in organisations.list_people(session)}
        campaign = next(
            c for c in campaigns.list_campaigns(session) if c.title.startswith("Stop the crackdown")
        )
        made = letters.create_letter(
            session,
            letters.LetterFields(
                kind="solidarity-letter",
                campaign_id=campaign.id,
                sender_id=by_acronym["IndustriALL"].id,
                subject="Join the campaign, {{ recipient.name }}",
                body=MERGE_BODY,
                our_reference="IALL/2026/017",
                signatory_ids=[people["Valter Sanches"].id],
            ),
        )
        record = session.get_one(Letter, made.id)  # held: the ORM keeps only weak references
        record.versions.append(
            LetterVersion(language="ko", subject="{{ recipient.name }}에 드리는 연대 서한",
                          body=MERGE_BODY_KO)
        )  # fmt: skip
        return letters.get_letter(session, made.id)


def merge_preflight_shown(dialog: QDialog) -> None:
    """Every IndustriALL affiliate, one PDF each, checked: the pre-flight in its table."""
    assert isinstance(dialog, MergeDialog)
    dialog.affiliates.setChecked(True)
    dialog.federation.setCurrentIndex(
        dialog.federation.findText("IndustriALL", Qt.MatchFlag.MatchStartsWith)
    )
    dialog.folder_edit.setText("~/Letters/IALL-2026-017")
    dialog.check()
    app = QApplication.instance()
    assert app is not None
    while not dialog.settled():
        app.processEvents()
    settle(800)


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
        hearing = next(a for a in actions_between(session) if a.kind == "court-hearing")
        reminders.add_reminder(  # due: the Dashboard shows it with its badge
            session,
            reminders.ReminderFields(
                action_id=hearing.id, at=datetime.now(UTC) - timedelta(hours=1),
                note="Ask the lawyer for the court's address",
            ),
        )  # fmt: skip
    backups.make_backup(engine, "auto")  # so the status bar has a backup to tell of
    window = MainWindow(engine, "~/.local/share/campaign-organiser/organiser.sqlite3")
    window.setGeometry(window.screen().availableGeometry())
    window.show()
    page(window, DashboardPage)
    settle()
    for notice in window.findChildren(ReminderNotice):  # the missed reminder's notice: told
        notice.close()
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
    with store.transaction(engine) as session:  # ongoing since 23 July, with its organisations
        ongoing = next(a for a in actions_between(session, with_organisations=True) if a.ongoing)
    with_dialog(ActionForm(engine, window, action=ongoing), "action-form.png")
    commitments_page = page(window, CommitmentsPage)
    shoot("commitments.png")
    campaign = commitments_page.filters.campaign
    campaign.setCurrentIndex(campaign.findText("Stop the crackdown", Qt.MatchFlag.MatchStartsWith))
    commitments_page.tabs.setCurrentIndex(1)
    shoot("commitments-matrix.png")
    page(window, LettersPage)
    shoot("letters-page.png")
    with_dialog(LetterEditor(engine, letter, parent=window), "letter-editor.png")
    template = merge_template(engine)
    with_dialog(MergeDialog(engine, template, window), "merge-dialog.png", merge_preflight_shown)
    letter_versions_shot(engine, window, letter.id)
    page(window, OrganisationsPage)
    shoot("organisations.png")
    at_risk = page(window, PeopleAtRiskPage)
    at_risk.everyone.setChecked(True)  # Han Sang-gyun and the others of the documents too
    at_risk.table.select_where(lambda row: row.held_days is not None)
    shoot("people-at-risk.png")
    with_dialog(
        CampaignForm(engine, first_campaign, window), "date-picker.png", date_picked_from_calendar
    )
    backups.make_backup(engine, "manual")
    with_dialog(BackupsDialog(engine, lambda _path: None, window), "backups.png")
    with_dialog(SearchDialog(engine, "kctu", window), "search.png")  # before the trash's delete
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
