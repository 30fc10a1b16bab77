"""The domain as SQLAlchemy 2.x typed mapped classes; portable between SQLite and PostgreSQL."""

from organiser.enums import (
    ActionKind,
    ActionRole,
    ActionStatus,
    CampaignOrganisationRole,
    CampaignStatus,
    Channel,
    CommitmentStatus,
    CosignedBy,
    CosignedOrder,
    DatePrecision,
    LabelledEnum,
    LetterKind,
    LetterStatus,
    OrganisationKind,
    RecipientRole,
    SituationKind,
)
from organiser.models.attachments import Attachment
from organiser.models.base import Base, UTCDateTime, utc_now
from organiser.models.campaigns import (
    Action,
    ActionOrganisation,
    Campaign,
    CampaignDemand,
    CampaignOrganisation,
    Commitment,
    InternationalDay,
)
from organiser.models.drafts import Draft
from organiser.models.first_frame import FirstFrame
from organiser.models.letters import (
    Letter,
    LetterRecipient,
    LetterSignatory,
    LetterVersion,
    StatementIssue,
    Template,
)
from organiser.models.organisations import (
    Organisation,
    Person,
    Situation,
    situation_action,
    situation_campaign,
)
from organiser.models.reminders import Reminder
from organiser.models.trash import TrashEntry

__all__ = [
    "Action",
    "ActionKind",
    "ActionOrganisation",
    "ActionRole",
    "ActionStatus",
    "Attachment",
    "Base",
    "Campaign",
    "CampaignDemand",
    "CampaignOrganisation",
    "CampaignOrganisationRole",
    "CampaignStatus",
    "Channel",
    "Commitment",
    "CommitmentStatus",
    "CosignedBy",
    "CosignedOrder",
    "DatePrecision",
    "Draft",
    "FirstFrame",
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
    "Reminder",
    "Situation",
    "SituationKind",
    "StatementIssue",
    "Template",
    "TrashEntry",
    "UTCDateTime",
    "situation_action",
    "situation_campaign",
    "utc_now",
]
