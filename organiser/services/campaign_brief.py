"""A campaign's brief: the two pages an organiser takes into a meeting — the campaign, its
timeline with outcomes, the commitments by affiliate, the letters that went out and the people
at risk — read from the campaign's records, trimmed to fit, and written out as PDF."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from organiser.files import write_bytes_atomic
from organiser.models import ActionStatus, CommitmentStatus, LetterStatus
from organiser.models.readable import (
    BriefAction,
    BriefAffiliate,
    BriefCommitment,
    BriefLetter,
    BriefPerson,
    CampaignBrief,
    Left,
)
from organiser.services.actions import ActionView
from organiser.services.calendar import ActionFilter, actions_between
from organiser.services.campaigns import get_campaign
from organiser.services.commitment_summary import AffiliateGroup, campaign_report
from organiser.services.commitments import CommitmentView
from organiser.services.letters import LetterFilter, LetterView, list_letters
from organiser.services.paper_options import PaperOptions
from organiser.services.situations import AtRiskView, at_risk_now
from organiser.services.timezones import short_zone_name
from organiser.services.validation import country_name

OPEN = frozenset({CommitmentStatus.PLEDGED, CommitmentStatus.IN_PROGRESS})
PAST = frozenset({ActionStatus.HAPPENED, ActionStatus.CANCELLED})


@dataclass(frozen=True)
class BriefLimits:
    """How much of each section the brief prints; the rest is counted ("and 3 earlier")."""

    actions: int = 10
    commitments: int = 14
    letters: int = 6
    people: int = 6


def campaign_brief(
    session: Session, campaign_id: int, today: date | None = None, limits: BriefLimits | None = None
) -> CampaignBrief:
    """The campaign's brief as of `today`; an unknown campaign is a NotFound naming it."""
    today = today or date.today()
    limits = limits or BriefLimits()
    campaign = get_campaign(session, campaign_id)
    actions, actions_left = _timeline(
        actions_between(session, chosen=ActionFilter(campaign_ids=(campaign_id,))),
        today,
        limits.actions,
    )
    report = campaign_report(session, campaign_id, today)
    groups = ([report.lead] if report.lead is not None else []) + report.groups
    affiliates, commitments_left = _commitments(groups, report.lead, limits.commitments)
    letters = list_letters(session, LetterFilter(campaign_id=campaign_id))
    sent, letters_left = _sent_letters(letters, limits.letters)
    people = at_risk_now(session, campaign_id, today, everyone=True)
    return CampaignBrief(
        title=campaign.title,
        status=campaign.status,
        country=country_name(campaign.country),
        start_date=campaign.start_date,
        end_date=campaign.end_date,
        lead=campaign.lead_name,
        target=campaign.target,
        target_organisations=tuple(campaign.target_organisation_names),
        allies=tuple(campaign.ally_names),
        summary=campaign.summary,
        demands=tuple(campaign.demands),
        made_on=today,
        actions=actions,
        actions_left=actions_left,
        affiliates=affiliates,
        commitments_left=commitments_left,
        commitment_totals=dict(report.totals),
        fulfilment_rate=report.fulfilment_rate,
        letters=sent,
        letters_left=letters_left,
        letters_unsent=sum(1 for item in letters if _unsent(item)),
        people=tuple(_person(item) for item in people[: limits.people]),
        people_left=Left(after=max(0, len(people) - limits.people)),
    )


def _upcoming(action: ActionView, today: date) -> bool:
    """Still to come: not yet dated, ongoing, or ending today or later and not over."""
    if action.undated or action.ongoing:
        return True
    return action.status not in PAST and action.end_date is not None and action.end_date >= today


def _timeline(
    actions: list[ActionView], today: date, limit: int
) -> tuple[tuple[BriefAction, ...], Left]:
    """In date order (not yet dated last): what is to come, the nearest first, and the most
    recent of the past — a third of the room at least, when there is a past, so that the
    brief says what has been done as well as what is planned."""
    coming = [a for a in actions if _upcoming(a, today)]
    past = [a for a in actions if not _upcoming(a, today)]
    kept_coming = coming[: limit - min(len(past), limit // 3)]
    room = limit - len(kept_coming)
    kept_past = past[max(0, len(past) - room) :] if room > 0 else []
    left = Left(before=len(past) - len(kept_past), after=len(coming) - len(kept_coming))
    kept = [_action(a, False, today) for a in kept_past]
    kept += [_action(a, True, today) for a in kept_coming]
    return tuple(kept), left


def _action(action: ActionView, upcoming: bool, today: date) -> BriefAction:
    """The action with its date in the form it has, for the brief to say in its language."""
    kept = BriefAction("", action.title, action.location, action.status, action.outcome, upcoming)
    if action.undated or action.start_date is None:
        return replace(kept, to_be_dated=True, target_month=action.target_month or "")
    if action.month_only():
        return replace(kept, month=action.start_date)
    if action.ongoing:
        start = action.local_start()
        since = action.start_date.isoformat()
        if start is not None and not action.all_day:
            since = f"{start:%Y-%m-%d %H:%M} {short_zone_name(action.timezone)}"
        return replace(kept, since=since, day=action.day_count(today))
    return replace(kept, when=action.when_text(short_zone=True))


def _commitments(
    groups: list[AffiliateGroup], lead: AffiliateGroup | None, limit: int
) -> tuple[tuple[BriefAffiliate, ...], Left]:
    """Every affiliate's commitments in the report's order; past the limit, those still open
    are kept first (the soonest due first), then the latest fulfilled or withdrawn."""
    everything = [item for group in groups for item in group.commitments]
    ranked = sorted(everything, key=_keep_first)
    kept = {item.id for item in ranked[:limit]}
    affiliates = tuple(
        BriefAffiliate(
            group.organisation_name,
            group is lead,
            tuple(_commitment(item) for item in group.commitments if item.id in kept),
        )
        for group in groups
        if any(item.id in kept for item in group.commitments)
    )
    return affiliates, Left(after=len(everything) - len(kept))


def _keep_first(item: CommitmentView) -> tuple[bool, int]:
    if item.status in OPEN:
        return False, (item.due_date or date.max).toordinal()
    return True, -(item.due_date or date.min).toordinal()


def _commitment(item: CommitmentView) -> BriefCommitment:
    return BriefCommitment(
        item.what, item.number, item.due_date, item.status, item.fulfilled_on, item.overdue
    )


def _unsent(letter: LetterView) -> bool:
    return letter.status in (LetterStatus.DRAFT, LetterStatus.APPROVED)


def _sent_letters(letters: list[LetterView], limit: int) -> tuple[tuple[BriefLetter, ...], Left]:
    """The letters that went out, the latest first."""
    sent = sorted(
        (item for item in letters if item.sent_on is not None),
        key=lambda item: (item.sent_on, item.id),
        reverse=True,
    )
    kept = tuple(_letter(item) for item in sent[:limit])
    return kept, Left(after=len(sent) - len(kept))


def _letter(letter: LetterView) -> BriefLetter:
    return BriefLetter(
        letter.sent_on,
        letter.channel,
        letter.tracking_number,
        letter.subject,
        ", ".join(party.name for party in letter.to),
        letter.reply_received_on,
    )


def _person(risk: AtRiskView) -> BriefPerson:
    hearing = risk.next_hearing
    next_hearing = ""
    if hearing is not None and hearing.start_date is not None:
        next_hearing = f"{hearing.title}, {hearing.start_date.isoformat()}"
    return BriefPerson(
        risk.person_name,
        risk.organisation_name,
        risk.kind,
        risk.since,
        risk.until,
        risk.held_days,
        risk.sentence,
        risk.hunger_strike_day,
        next_hearing,
    )


def brief_pdf(
    brief: CampaignBrief, options: PaperOptions | None = None, language: str = "en"
) -> bytes:
    """The brief as PDF bytes, its words in `language`; raises FontCoverageError naming the
    characters no font has, before anything is written."""
    from organiser.pdf.brief import render_brief  # on use: ReportLab is slow to import

    return render_brief(brief, (options or PaperOptions.from_settings()).fonts(), language)


def campaign_brief_pdf(
    session: Session,
    campaign_id: int,
    options: PaperOptions | None = None,
    today: date | None = None,
    language: str = "en",
) -> bytes:
    """The campaign's brief made now, as PDF bytes (to print, or to write)."""
    return brief_pdf(campaign_brief(session, campaign_id, today), options, language)


def write_brief(
    session: Session,
    campaign_id: int,
    path: str | os.PathLike[str],
    options: PaperOptions | None = None,
    today: date | None = None,
    language: str = "en",
) -> CampaignBrief:
    """The campaign's brief written to `path` as PDF, whole or not at all; returns it."""
    brief = campaign_brief(session, campaign_id, today)
    write_bytes_atomic(path, brief_pdf(brief, options, language))
    return brief
