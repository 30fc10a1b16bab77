"""Reopening the form a draft was typed in: new, or editing its record, filled with the draft.

Imported only when a draft is restored: the forms bring the PDF and calendar machinery with
them, which a start without drafts should not wait for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from organiser import store
from organiser.errors import NotFound
from organiser.services import (
    actions,
    campaigns,
    commitments,
    drafts,
    letters,
    organisations,
    situations,
)
from organiser.ui.calendar.action_form import ActionForm
from organiser.ui.commitments.form import CommitmentForm
from organiser.ui.dialogs.campaign_form import CampaignForm
from organiser.ui.dialogs.form import RecordForm
from organiser.ui.dialogs.messages import ask_restore_as_new
from organiser.ui.dialogs.organisation_form import OrganisationForm, PersonForm
from organiser.ui.dialogs.situation_form import SituationForm
from organiser.ui.letters.editor import LetterEditor

Getter = Callable[[Session, int], Any]
Builder = Callable[[Engine, Any, QWidget], RecordForm]

# A form's `draft_form` name -> how to read the record it edits, and how to open the form.
FORMS: dict[str, tuple[Getter, Builder]] = {
    "campaign": (campaigns.get_campaign, lambda e, view, p: CampaignForm(e, view, p)),
    "organisation": (
        organisations.get_organisation,
        lambda e, view, p: OrganisationForm(e, view, p),
    ),
    "person": (organisations.get_person, lambda e, view, p: PersonForm(e, view, parent=p)),
    "action": (actions.get_action, lambda e, view, p: ActionForm(e, p, action=view)),
    "commitment": (
        commitments.get_commitment,
        lambda e, view, p: CommitmentForm(e, existing=view, parent=p),
    ),
    "letter": (letters.get_letter, lambda e, view, p: LetterEditor(e, view, parent=p)),
    "situation": (
        situations.get_situation,
        lambda e, view, p: SituationForm(e, view, parent=p),
    ),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("draft_forms", text)


def _discard(engine: Engine, key: str) -> None:
    with store.transaction(engine, write=True) as session:
        drafts.discard_draft(session, key)


def reopen(engine: Engine, draft: drafts.DraftView, parent: QWidget) -> RecordForm | None:
    """The draft's form, filled and not yet shown; None when there is nothing to open (the
    record is gone and the user discarded the draft or put it off)."""
    if draft.form not in FORMS:  # written by a newer program: leave it for that one
        return None
    getter, build = FORMS[draft.form]
    record: Any = None
    as_new = False
    if draft.record_id is not None:
        try:
            with store.transaction(engine) as session:
                record = getter(session, draft.record_id)
        except NotFound:
            message = _tr("What this draft edits has been deleted since it was typed:\n%s")
            answer = ask_restore_as_new(parent, _tr("Restore draft"), message % draft.label)
            if answer is None:
                return None
            if not answer:
                _discard(engine, draft.key)
                return None
            as_new = True
    form = build(engine, record, parent)
    form.restore_draft(draft, same_record=not as_new)
    if as_new:  # the new form has kept the draft under a key of its own
        _discard(engine, draft.key)
    return form
