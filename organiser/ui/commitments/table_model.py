"""The commitments table: columns, status colours, and a model that fetches rows page by page so
that 100,000 commitments open at once."""

from __future__ import annotations

from organiser.models import CommitmentStatus
from organiser.services.commitments import CommitmentView
from organiser.ui.labels import enum_label
from organiser.ui.table_model import Column, LazyRecordModel, column_text

OVERDUE_TEXT = "#b3261e"
OVERDUE_BACKGROUND = "#fde7e9"
STATUS_BACKGROUND = {
    CommitmentStatus.PLEDGED: "#fff6d6",
    CommitmentStatus.IN_PROGRESS: "#e3efff",
    CommitmentStatus.FULFILLED: "#e3f4e8",
    CommitmentStatus.WITHDRAWN: "#eeeeee",
}


def status_background(view: CommitmentView) -> str:
    return OVERDUE_BACKGROUND if view.overdue else STATUS_BACKGROUND[view.status]


def overdue_text(view: CommitmentView) -> str | None:
    return OVERDUE_TEXT if view.overdue else None


def status_text(view: CommitmentView) -> str:
    if view.overdue:
        return column_text("%1 — overdue").replace("%1", enum_label(view.status))
    return enum_label(view.status)


def evidence_text(view: CommitmentView) -> str:
    parts = [view.evidence, view.evidence_url, view.evidence_file_name]
    return " · ".join(part for part in parts if part)


# What each column of `commitment_columns()` sorts by in the service, for sorting in SQL.
SORT_KEYS = ("affiliate", "campaign", "what", "action", "due", "status", "fulfilled_on", "evidence")


def commitment_columns(with_campaign: bool = True, with_affiliate: bool = True) -> list[Column]:
    columns: list[Column[CommitmentView]] = []
    if with_affiliate:
        columns.append(Column(column_text("Affiliate"), lambda c: c.organisation_name))
    if with_campaign:
        columns.append(Column(column_text("Campaign"), lambda c: c.campaign_title))
    columns += [
        Column(column_text("What was promised"), lambda c: c.what),
        Column(column_text("Action"), lambda c: c.action_title),
        Column(column_text("Due"), lambda c: c.due_date, foreground=overdue_text),
        Column(
            column_text("Status"),
            status_text,
            foreground=overdue_text,
            background=status_background,
            sort=lambda c: c.status,  # by its course, as the service sorts it
        ),
        Column(column_text("Fulfilled on"), lambda c: c.fulfilled_on),
        Column(column_text("Evidence"), evidence_text, tooltip=evidence_text),
    ]
    return columns


class LazyCommitmentModel(LazyRecordModel[CommitmentView]):
    """The commitments, a page at a time (see `LazyRecordModel`)."""
