"""The words the commitment report prints, in the reader's language, with counted words in the
plural form that language gives the number ("1 affiliate", "2 affiliates"; French "1 affilié",
Korean one form for every count). Plural categories come from Babel's CLDR rules, so a
language with more forms (Russian "one", "few", "many") needs only its texts added here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from organiser.models import CommitmentStatus

Forms = Mapping[str, str]  # CLDR plural category ("one", "few", "other"...) -> text with {n}


@dataclass(frozen=True)
class ReportWords:
    language: str
    title: str  # {campaign}
    made_on: str  # {date}
    rate: str  # {rate}
    commitments: Forms
    from_affiliates: Forms
    from_lead: str  # {name}: the campaign's own federation or lead organisation
    lead_heading: str  # {name}
    columns: tuple[str, str, str, str, str, str]
    statuses: Mapping[CommitmentStatus, str]
    total: str
    rate_row: str
    overdue: str  # appended to the status
    file: str  # {name}
    number: str  # {n}: a commitment's number in the resolution
    jointly: str  # {names}
    source: str  # {subject}
    no_affiliates: str
    none_at_all: str

    def counted(self, forms: Forms, n: int) -> str:
        return forms.get(plural_category(self.language, n), forms["other"]).format(n=n)


def _statuses(
    pledged: str, progress: str, fulfilled: str, withdrawn: str
) -> dict[CommitmentStatus, str]:
    return dict(zip(CommitmentStatus, (pledged, progress, fulfilled, withdrawn), strict=True))


WORDS: dict[str, ReportWords] = {
    "en": ReportWords(
        "en", "Commitments — {campaign}", "Made on {date}", "fulfilment rate {rate}",
        {"one": "{n} commitment", "other": "{n} commitments"},
        {"one": "from {n} affiliate", "other": "from {n} affiliates"},
        "and from {name} itself",
        "{name} (the campaign's lead organisation)",
        ("What was promised", "Action", "Due", "Status", "Fulfilled", "Evidence"),
        _statuses("Pledged", "In progress", "Fulfilled", "Withdrawn"),
        "Total", "Fulfilment rate (of those not withdrawn)", " — overdue", "File: {name}",
        "{n}.", "Jointly with {names}", "From: {subject}",
        "No affiliate has made a commitment to this campaign yet.",
        "No commitment has been made to this campaign yet.",
    ),
    "fr": ReportWords(
        "fr", "Engagements — {campaign}", "Établi le {date}", "taux de réalisation {rate}",
        {"one": "{n} engagement", "other": "{n} engagements"},
        {"one": "de {n} affilié", "other": "de {n} affiliés"},
        "et de {name} elle-même",
        "{name} (organisation qui mène la campagne)",
        ("Engagement", "Action", "Échéance", "Statut", "Réalisé le", "Preuve"),
        _statuses("Promis", "En cours", "Réalisé", "Retiré"),
        "Total", "Taux de réalisation (hors retirés)", " — en retard", "Fichier : {name}",
        "{n}.", "Avec {names}", "Source : {subject}",
        "Aucun affilié ne s'est encore engagé pour cette campagne.",
        "Aucun engagement n'a encore été pris pour cette campagne.",
    ),
    "es": ReportWords(
        "es", "Compromisos — {campaign}", "Elaborado el {date}", "tasa de cumplimiento {rate}",
        {"one": "{n} compromiso", "other": "{n} compromisos"},
        {"one": "de {n} afiliada", "other": "de {n} afiliadas"},
        "y de la propia {name}",
        "{name} (organización que dirige la campaña)",
        ("Compromiso", "Acción", "Plazo", "Estado", "Cumplido", "Prueba"),
        _statuses("Prometido", "En curso", "Cumplido", "Retirado"),
        "Total", "Tasa de cumplimiento (sin los retirados)", " — atrasado", "Archivo: {name}",
        "{n}.", "Junto con {names}", "Origen: {subject}",
        "Ninguna afiliada se ha comprometido todavía con esta campaña.",
        "Todavía no hay compromisos con esta campaña.",
    ),
    "ko": ReportWords(
        "ko", "약속 — {campaign}", "작성일 {date}", "이행률 {rate}",
        {"other": "약속 {n}건"},
        {"other": "가맹조직 {n}곳"},
        "및 {name}",
        "{name} (캠페인 주관 조직)",
        ("약속 내용", "행동", "기한", "상태", "이행일", "증빙"),
        _statuses("약속함", "진행 중", "이행함", "철회함"),
        "합계", "이행률 (철회 제외)", " — 기한 지남", "파일: {name}",
        "{n}.", "공동: {names}", "출처: {subject}",
        "아직 이 캠페인에 약속한 가맹조직이 없습니다.",
        "아직 이 캠페인에 대한 약속이 없습니다.",
    ),
}  # fmt: skip
ENGLISH = WORDS["en"]


def _base(language: str) -> str:
    return (language or "en").replace("-", "_").split("_")[0].lower()


def report_words(language: str) -> ReportWords:
    """The report's words in `language` (an ISO 639-1 code); English for one we have none for."""
    return WORDS.get(_base(language), ENGLISH)


@lru_cache(maxsize=32)
def _locale(language: str) -> Locale | None:
    try:
        return Locale.parse(_base(language))
    except (UnknownLocaleError, ValueError):
        return None


def plural_category(language: str, n: int) -> str:
    """The CLDR plural category of `n` in `language` ("one", "few", "many", "other"...)."""
    locale = _locale(language)
    return "other" if locale is None else str(locale.plural_form(n))
