"""The enumerated values of the domain; each value is the lower-case hyphenated word users type."""

from __future__ import annotations

import enum


class LabelledEnum(enum.StrEnum):
    """An enum whose value is the command-line word and whose label is shown in the window."""

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


class OrganisationKind(LabelledEnum):
    GLOBAL_UNION_FEDERATION = "global-union-federation"
    NATIONAL_CENTRE = "national-centre"
    # An international trade union confederation (the ITUC): national centres are its members.
    INTERNATIONAL_CONFEDERATION = "international-confederation"
    UNION = "union"
    GOVERNMENT = "government"
    EMPLOYER = "employer"
    INTERNATIONAL_BODY = "international-body"
    OTHER = "other"


class CampaignOrganisationRole(LabelledEnum):
    """How a campaign names an organisation: a target that must act, or an ally working with it."""

    TARGET = "target"
    ALLY = "ally"


class CampaignStatus(LabelledEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    WON = "won"
    CLOSED = "closed"


class ActionKind(LabelledEnum):
    RALLY = "rally"
    STRIKE = "strike"
    HUNGER_STRIKE = "hunger-strike"
    GLOBAL_DAY_OF_ACTION = "global-day-of-action"
    MARCH = "march"
    VIGIL = "vigil"
    MEETING = "meeting"
    COURT_HEARING = "court-hearing"
    COURT_RULING = "court-ruling"
    APPEAL = "appeal"
    POLICE_RAID = "police-raid"
    ARREST = "arrest"
    DEADLINE = "deadline"
    ONLINE_ACTION = "online-action"
    OTHER = "other"


class DatePrecision(LabelledEnum):
    """How exactly an action is dated: to the day, or only to the month ("July 2016")."""

    DAY = "day"
    MONTH = "month"


class ActionRole(LabelledEnum):
    """What an organisation is to an action: who organises it, strikes, employs, is targeted or
    raided."""

    ORGANISER = "organiser"
    STRIKING_UNION = "striking-union"
    EMPLOYER = "employer"
    TARGET = "target"
    RAIDED = "raided"


class ActionStatus(LabelledEnum):
    PLANNED = "planned"
    CONFIRMED = "confirmed"
    HAPPENED = "happened"
    CANCELLED = "cancelled"


class CommitmentStatus(LabelledEnum):
    PLEDGED = "pledged"
    IN_PROGRESS = "in-progress"
    FULFILLED = "fulfilled"
    WITHDRAWN = "withdrawn"


class LetterKind(LabelledEnum):
    SOLIDARITY_LETTER = "solidarity-letter"
    PROTEST_LETTER = "protest-letter"
    STATEMENT = "statement"
    RESOLUTION = "resolution"
    PRESS_RELEASE = "press-release"


class LetterStatus(LabelledEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    SENT = "sent"
    ANSWERED = "answered"


class Channel(LabelledEnum):
    EMAIL = "email"
    POST = "post"
    REGISTERED_POST = "registered-post"
    FAX = "fax"
    HAND = "hand"

    @property
    def label(self) -> str:
        return "By hand" if self is Channel.HAND else super().label


class RecipientRole(LabelledEnum):
    TO = "to"
    CC = "cc"


class SituationKind(LabelledEnum):
    ARRESTED = "arrested"
    CHARGED = "charged"
    DETAINED = "detained"
    ON_TRIAL = "on-trial"
    SENTENCED = "sentenced"
    DISMISSED = "dismissed"
    ON_HUNGER_STRIKE = "on-hunger-strike"
    RELEASED = "released"
    ACQUITTED = "acquitted"


class CosignedBy(LabelledEnum):
    """Who signs a statement below its signatories: nobody else, or every organisation whose
    commitment to the letter's campaign is pledged or fulfilled."""

    NONE = "none"
    COMMITTED = "committed"


class CosignedOrder(LabelledEnum):
    """How the co-signing organisations are listed: under their countries, or by name."""

    COUNTRY = "country"
    NAME = "name"
