"""Co-signed statements: the organisations that sign a letter because they committed to its
campaign, followed live until the letter is sent and kept as they were from then on.

The issued versions of a statement (kept, compared) are in `statement_issues.py`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from organiser.errors import ValidationError
from organiser.models import (
    Commitment,
    CommitmentStatus,
    CosignedBy,
    CosignedOrder,
    Letter,
    LetterStatus,
    Organisation,
)
from organiser.pdf.cosigned import CosignedBlock, Cosigner, country_heading
from organiser.services import attachments
from organiser.services import validation as v
from organiser.services.letters import LetterView, get_letter

# A commitment under way still binds its organisation; a withdrawn one no longer does.
COMMITTED = (CommitmentStatus.PLEDGED, CommitmentStatus.IN_PROGRESS, CommitmentStatus.FULFILLED)
# Statuses in which the letter's block follows the commitments as they are now.
LIVE = (LetterStatus.DRAFT, LetterStatus.APPROVED)


@dataclass(frozen=True)
class CosignedSetting:
    """Whether the committed organisations sign the letter, and in which order."""

    by: CosignedBy = CosignedBy.NONE
    order: CosignedOrder = CosignedOrder.COUNTRY

    @classmethod
    def parse(cls, by: CosignedBy | str, order: CosignedOrder | str | None) -> CosignedSetting:
        return cls(
            v.parse_enum(CosignedBy, by, "cosigned_by", "Co-signed by"),
            v.parse_enum(CosignedOrder, order or "country", "cosigned_order", "Order"),
        )


@dataclass(frozen=True)
class CosignerRow:
    """A co-signing organisation as kept: what prints, and which organisation it was."""

    name: str
    acronym: str
    country: str
    organisation_id: int | None
    organisation_uuid: str
    logo_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "acronym": self.acronym,
            "country": self.country,
            "organisation_id": self.organisation_id,
            "organisation_uuid": self.organisation_uuid,
            "logo_id": self.logo_id,
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> CosignerRow:
        return cls(
            str(value.get("name", "")),
            str(value.get("acronym", "")),
            str(value.get("country", "")),
            value.get("organisation_id"),
            str(value.get("organisation_uuid", "")),
            value.get("logo_id"),
        )


def setting_of(record: Letter) -> CosignedSetting:
    return CosignedSetting(
        record.cosigned_by or CosignedBy.NONE, record.cosigned_order or CosignedOrder.COUNTRY
    )


def _sort_key(order: CosignedOrder, language: str) -> Any:
    def by_name(row: CosignerRow) -> tuple[str, str]:
        return (row.name.casefold(), row.country)

    def by_country(row: CosignerRow) -> tuple[bool, str, str]:
        # Countries as the letter names them (their headings), no country last.
        heading = country_heading(row.country, language).casefold()
        return (not row.country, heading, row.name.casefold())

    return by_country if order is CosignedOrder.COUNTRY else by_name


def committed_rows(
    session: Session, campaign_id: int, order: CosignedOrder, language: str = "en"
) -> list[CosignerRow]:
    """Each organisation with a commitment pledged, under way or fulfilled to the campaign,
    once, sorted by `order` (countries by their names in `language`)."""
    query = (
        select(Organisation)
        .join(Commitment, Commitment.organisation_id == Organisation.id)
        .where(Commitment.campaign_id == campaign_id, Commitment.status.in_(COMMITTED))
        .distinct()
    )
    rows = [
        CosignerRow(o.name, o.acronym, o.country, o.id, o.uuid, o.logo_id)
        for o in session.scalars(query)
    ]
    return sorted(rows, key=_sort_key(order, language))


def _kept_rows(record: Letter) -> list[CosignerRow] | None:
    if record.cosigners_sent is None:
        return None
    return [CosignerRow.from_json(item) for item in json.loads(record.cosigners_sent)]


def cosigner_rows(session: Session, letter_id: int) -> list[CosignerRow]:
    """The letter's co-signers: as kept once it was sent, else as the commitments read now;
    none when the letter is not signed by the committed organisations."""
    record = v.get_or_raise(session, Letter, letter_id, "letter")
    kept = _kept_rows(record)
    if kept is not None:
        return kept
    setting = setting_of(record)
    if setting.by is CosignedBy.NONE:
        return []
    return committed_rows(session, record.campaign_id, setting.order, record.language)


def _printed(session: Session, rows: list[CosignerRow]) -> tuple[Cosigner, ...]:
    def logo(row: CosignerRow) -> bytes | None:
        return attachments.attachment_data(session, row.logo_id) if row.logo_id else None

    return tuple(Cosigner(r.name, r.acronym, r.country, logo(r)) for r in rows)


def cosigners(session: Session, letter_id: int) -> tuple[Cosigner, ...]:
    """The co-signers as printed: name, acronym, country, logo (bytes or None)."""
    return _printed(session, cosigner_rows(session, letter_id))


def block_for_letter(session: Session, record: Letter) -> CosignedBlock | None:
    """The block a saved letter prints, or None when it has no co-signers' block."""
    setting = setting_of(record)
    if setting.by is CosignedBy.NONE:
        return None
    return CosignedBlock(
        _printed(session, cosigner_rows(session, record.id)),
        by_country=setting.order is CosignedOrder.COUNTRY,
    )


def block_for_campaign(
    session: Session, campaign_id: int | None, setting: CosignedSetting, language: str = "en"
) -> CosignedBlock | None:
    """The block a letter of `campaign_id` in `language` would print with `setting` now: the
    live preview."""
    if setting.by is CosignedBy.NONE or campaign_id is None:
        return None
    rows = committed_rows(session, campaign_id, setting.order, language)
    return CosignedBlock(_printed(session, rows), by_country=setting.order is CosignedOrder.COUNTRY)


def set_cosigned(
    session: Session,
    letter_id: int,
    by: CosignedBy | str,
    order: CosignedOrder | str | None = None,
    *,
    expected_version: int,
) -> LetterView:
    """Whether the committed organisations sign the letter, and their order; refused once the
    letter has gone out (its co-signers are kept as they were)."""
    record = v.get_or_raise(session, Letter, letter_id, "letter")
    v.check_version(record, expected_version, "letter")
    setting = CosignedSetting.parse(by, order or record.cosigned_order)
    if record.status not in LIVE:
        raise ValidationError(
            "cosigned_by", "This letter has gone out; its co-signers are kept as they were."
        )
    record.cosigned_by, record.cosigned_order = setting.by, setting.order
    session.flush()
    return get_letter(session, letter_id)


def keep_cosigners(session: Session, letter_id: int) -> None:
    """The letter goes out: its co-signers as they are now are kept with it, so the sent
    letter prints them as they were, whatever happens to the commitments."""
    record = v.get_or_raise(session, Letter, letter_id, "letter")
    if record.cosigners_sent is not None or setting_of(record).by is CosignedBy.NONE:
        return
    rows = committed_rows(session, record.campaign_id, setting_of(record).order, record.language)
    record.cosigners_sent = json.dumps([row.as_json() for row in rows], ensure_ascii=False)
    session.flush()
