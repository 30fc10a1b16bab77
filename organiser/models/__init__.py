"""The domain as SQLAlchemy 2.x typed mapped classes; portable between SQLite and PostgreSQL."""

from organiser.models.attachments import Attachment
from organiser.models.base import Base, UTCDateTime, utc_now
from organiser.models.campaigns import (
    Action,
    Campaign,
    CampaignDemand,
    Commitment,
    InternationalDay,
)
from organiser.models.drafts import Draft
from organiser.models.enums import (
    ActionKind,
    ActionStatus,
    CampaignStatus,
    Channel,
    CommitmentStatus,
    CosignedBy,
    CosignedOrder,
    LabelledEnum,
    LetterKind,
    LetterStatus,
    OrganisationKind,
    RecipientRole,
    SituationKind,
)
from organiser.models.letters import (
    Letter,
    LetterRecipient,
    LetterSignatory,
    LetterVersion,
    StatementIssue,
    Template,
)
from organiser.models.organisations import Organisation, Person, Situation, situation_campaign
from organiser.models.trash import TrashEntry

__all__ = [
    "Action",
    "ActionKind",
    "ActionStatus",
    "Attachment",
    "Base",
    "Campaign",
    "CampaignDemand",
    "CampaignStatus",
    "Channel",
    "Commitment",
    "CommitmentStatus",
    "CosignedBy",
    "CosignedOrder",
    "Draft",
    "InternationalDay",
    "LabelledEnum",
    "Letter",
    "LetterKind",
    "LetterRecipient",
    "LetterSignatory",
    "LetterStatus",
    "LetterVersion",
    "Organisation",
    "OrganisationKind",
    "Person",
    "RecipientRole",
    "Situation",
    "SituationKind",
    "StatementIssue",
    "Template",
    "TrashEntry",
    "UTCDateTime",
    "situation_campaign",
    "utc_now",
]
