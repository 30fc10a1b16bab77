"""One campaign's commitments seen whole: the matrix of affiliates and actions, and the report
grouped by affiliate with totals per status and the fulfilment rate."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from organiser.models import Action, Campaign, CommitmentStatus, Organisation
from organiser.services import validation as v
from organiser.services.commitments import CommitmentFilter, CommitmentView, list_commitments

# An affiliate: the organisation's id, or for one deleted since, the name its commitments kept.
Affiliate = int | str
Cell = tuple[Affiliate, int | None]  # (affiliate, action id or None for campaign-wide pledges)


@dataclass(frozen=True)
class MatrixAction:
    id: int | None
    title: str
    start_date: date | None


@dataclass(frozen=True)
class CommitmentMatrix:
    """Affiliates down, actions across (the last column: pledges for no one action)."""

    campaign_id: int
    campaign_title: str
    affiliates: list[tuple[Affiliate, str]]
    actions: list[MatrixAction]
    cells: dict[Cell, list[CommitmentView]]


@dataclass(frozen=True)
class AffiliateGroup:
    organisation_id: int | None  # None: deleted since, the commitments keep its name
    organisation_name: str
    commitments: list[CommitmentView]


@dataclass(frozen=True)
class CommitmentReport:
    """`groups`: the affiliates' commitments, by affiliate; `lead`: the campaign's lead
    organisation's own (the federation is not its own affiliate); totals count them all."""

    campaign_id: int
    campaign_title: str
    made_on: date
    groups: list[AffiliateGroup]
    totals: dict[CommitmentStatus, int]
    lead: AffiliateGroup | None = None

    @property
    def total(self) -> int:
        return sum(self.totals.values())

    @property
    def fulfilment_rate(self) -> float | None:
        """Fulfilled out of the commitments not withdrawn; None when there are none."""
        counted = self.total - self.totals[CommitmentStatus.WITHDRAWN]
        return self.totals[CommitmentStatus.FULFILLED] / counted if counted else None


def affiliate(item: CommitmentView) -> Affiliate:
    """Whose commitment it is: commitments of organisations deleted since go by their name."""
    return item.organisation_name if item.organisation_id is None else item.organisation_id


def campaign_matrix(
    session: Session, campaign_id: int, today: date | None = None
) -> CommitmentMatrix:
    campaign = v.get_or_raise(session, Campaign, campaign_id, "campaign")
    commitments = list_commitments(session, CommitmentFilter(campaign_id=campaign_id), today)
    actions = [
        MatrixAction(key, title, start)
        for key, title, start in session.execute(
            select(Action.id, Action.title, Action.start_date)
            .where(Action.campaign_id == campaign_id)
            .order_by(Action.start_date, Action.id)
        )
    ]
    actions.append(MatrixAction(None, "Whole campaign", None))
    cells: dict[Cell, list[CommitmentView]] = {}
    names: dict[Affiliate, str] = {}
    names.update(_lead_affiliates(session, campaign.lead_id))
    for item in sorted(commitments, key=lambda c: c.id):
        cells.setdefault((affiliate(item), item.action_id), []).append(item)
        names[affiliate(item)] = item.organisation_name
    affiliates = sorted(names.items(), key=lambda pair: (pair[1].casefold(), str(pair[0])))
    return CommitmentMatrix(campaign.id, campaign.title, affiliates, actions, cells)


def _lead_affiliates(session: Session, lead_id: int | None) -> dict[Affiliate, str]:
    """The lead organisation's affiliates, so that one who has not pledged shows as an empty row."""
    if lead_id is None:
        return {}
    rows = session.execute(
        select(Organisation.id, Organisation.name).where(Organisation.affiliate_of_id == lead_id)
    )
    return {key: name for key, name in rows}


def campaign_report(
    session: Session, campaign_id: int, today: date | None = None
) -> CommitmentReport:
    today = today or date.today()
    campaign = v.get_or_raise(session, Campaign, campaign_id, "campaign")
    commitments = list_commitments(session, CommitmentFilter(campaign_id=campaign_id), today)
    grouped: dict[Affiliate, list[CommitmentView]] = {}
    for item in commitments:
        grouped.setdefault(affiliate(item), []).append(item)
    lead_items = grouped.pop(campaign.lead_id, []) if campaign.lead_id is not None else []
    groups = sorted(
        (_group(items) for items in grouped.values()),
        key=lambda group: group.organisation_name.casefold(),
    )
    counts = Counter(item.status for item in commitments)
    totals = {status: counts.get(status, 0) for status in CommitmentStatus}
    lead = _group(lead_items) if lead_items else None
    return CommitmentReport(campaign.id, campaign.title, today, groups, totals, lead)


def _group(items: list[CommitmentView]) -> AffiliateGroup:
    """One organisation's commitments: those numbered in the resolution first, in its order,
    then the rest as listed (by due date)."""
    ordered = sorted(items, key=lambda c: (c.number is None, c.number or 0))
    return AffiliateGroup(items[0].organisation_id, items[0].organisation_name, ordered)
