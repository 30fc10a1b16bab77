"""The words a campaign's brief prints, in the reader's language; counted words take the plural
form Babel's CLDR rules give the number, and a commitment's status is said as the commitment
report says it (`report_words.py`). A language without words here is printed in English."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from organiser.models import ActionStatus, CampaignStatus, Channel, SituationKind
from organiser.pdf.report_words import Forms, ReportWords, plural_category, report_words


@dataclass(frozen=True)
class BriefWords:
    language: str
    heading: str  # above the title
    made_on: str  # {date}
    since: str  # {date}
    led_by: str  # {name}
    target: str  # with what follows the label: "Target: ", "Cible : "
    allies: str
    demands: str
    timeline: str
    timeline_columns: tuple[str, str, str, str]
    to_come: str
    to_be_dated: str
    to_be_dated_in: str  # {month}
    ongoing: str  # {date}
    ongoing_day: str  # {date} {n}
    earlier_actions: Forms  # {n}
    more_actions: Forms
    no_actions: str
    commitments: str
    commitment_columns: tuple[str, str, str, str]
    lead: str  # {name}
    rate: str  # {rate}
    more_commitments: Forms
    no_commitments: str
    letters: str
    letter_columns: tuple[str, str, str, str, str]
    unsent: Forms
    more_letters: Forms
    no_letters: str
    people: str
    people_columns: tuple[str, str, str]
    held: Forms  # {n}: days
    hunger_strike: str  # {n}: its day
    sentence: str  # {sentence}
    kind_since: str  # {kind} {date}
    kind_between: str  # {kind} {since} {until}
    next_hearing: str  # {what}
    more_people: Forms
    no_people: str
    page: str  # {page} {pages}
    campaign_statuses: Mapping[CampaignStatus, str]
    action_statuses: Mapping[ActionStatus, str]
    channels: Mapping[Channel, str]
    situations: Mapping[SituationKind, str]

    @property
    def report(self) -> ReportWords:
        """The commitment report's words: its statuses, "overdue", its rate."""
        return report_words(self.language)

    def counted(self, forms: Forms, n: int) -> str:
        return forms.get(plural_category(self.language, n), forms["other"]).format(n=n)


E = TypeVar("E", bound=enum.Enum)


def _labels(kind: type[E], *texts: str) -> dict[E, str]:
    return dict(zip(kind, texts, strict=True))


WORDS: dict[str, BriefWords] = {
    "en": BriefWords(
        "en", "Campaign brief", "Made on {date}", "since {date}", "led by {name}",
        "Target: ", "Allies: ", "Demands",
        "Timeline", ("When", "Action", "Status", "Outcome"), "Now and to come",
        "to be dated", "to be dated ({month})", "since {date}", "since {date} (day {n})",
        {"one": "{n} earlier action is not shown.", "other": "{n} earlier actions are not shown."},
        {"one": "… and {n} more to come.", "other": "… and {n} more to come."},
        "No action is on the calendar yet.",
        "Commitments", ("What was promised", "Due", "Status", "Fulfilled"),
        "{name} (lead)", "fulfilment rate {rate}",
        {"one": "… and {n} more commitment: see the commitment report.",
         "other": "… and {n} more commitments: see the commitment report."},
        "No commitment has been made yet.",
        "Letters sent", ("Sent", "Channel", "Subject", "To", "Reply"),
        {"one": "{n} letter not yet sent.", "other": "{n} letters not yet sent."},
        {"one": "… and {n} older letter.", "other": "… and {n} older letters."},
        "No letter has gone out yet.",
        "People at risk", ("Person", "Situation", "Next"),
        {"one": "held {n} day", "other": "held {n} days"}, "day {n} of hunger strike",
        "sentence: {sentence}", "{kind} since {date}", "{kind} {since} – {until}", "{what}",
        {"one": "… and {n} more person.", "other": "… and {n} more people."},
        "No one's situation is recorded for this campaign.",
        "Page {page} of {pages}",
        _labels(CampaignStatus, "Planned", "Active", "Won", "Closed"),
        _labels(ActionStatus, "Planned", "Confirmed", "Happened", "Cancelled"),
        _labels(Channel, "Email", "Post", "Registered post", "Fax", "By hand"),
        _labels(
            SituationKind, "Arrested", "Charged", "Detained", "On trial", "Sentenced",
            "Dismissed", "On hunger strike", "Released", "Acquitted",
        ),
    ),
    "fr": BriefWords(
        "fr", "Fiche de campagne", "Établie le {date}", "depuis le {date}", "menée par {name}",
        "Cible : ", "Alliés : ", "Revendications",
        "Chronologie", ("Quand", "Action", "Statut", "Résultat"), "En cours et à venir",
        "date à fixer", "date à fixer ({month})", "depuis le {date}",
        "depuis le {date} ({n}e jour)",
        {"one": "{n} action antérieure n'est pas montrée.",
         "other": "{n} actions antérieures ne sont pas montrées."},
        {"one": "… et {n} autre à venir.", "other": "… et {n} autres à venir."},
        "Aucune action n'est encore au calendrier.",
        "Engagements", ("Engagement", "Échéance", "Statut", "Réalisé le"),
        "{name} (mène la campagne)", "taux de réalisation {rate}",
        {"one": "… et {n} autre engagement : voir le rapport des engagements.",
         "other": "… et {n} autres engagements : voir le rapport des engagements."},
        "Aucun engagement n'a encore été pris.",
        "Lettres envoyées", ("Envoyée", "Moyen", "Objet", "À", "Réponse"),
        {"one": "{n} lettre pas encore envoyée.", "other": "{n} lettres pas encore envoyées."},
        {"one": "… et {n} lettre plus ancienne.", "other": "… et {n} lettres plus anciennes."},
        "Aucune lettre n'est encore partie.",
        "Personnes en danger", ("Personne", "Situation", "Prochaine étape"),
        {"one": "détenu depuis {n} jour", "other": "détenu depuis {n} jours"},
        "{n}e jour de grève de la faim", "peine : {sentence}", "{kind} depuis le {date}",
        "{kind} du {since} au {until}", "{what}",
        {"one": "… et {n} autre personne.", "other": "… et {n} autres personnes."},
        "Aucune situation n'est enregistrée pour cette campagne.",
        "Page {page} sur {pages}",
        _labels(CampaignStatus, "Prévue", "En cours", "Gagnée", "Close"),
        _labels(ActionStatus, "Prévue", "Confirmée", "Eu lieu", "Annulée"),
        _labels(Channel, "Courriel", "Courrier", "Recommandé", "Fax", "En main propre"),
        _labels(
            SituationKind, "Arrêté", "Inculpé", "Détenu", "En procès", "Condamné",
            "Licencié", "En grève de la faim", "Libéré", "Acquitté",
        ),
    ),
    "es": BriefWords(
        "es", "Ficha de campaña", "Elaborada el {date}", "desde el {date}", "dirigida por {name}",
        "Objetivo: ", "Aliados: ", "Reivindicaciones",
        "Cronología", ("Cuándo", "Acción", "Estado", "Resultado"), "En curso y por venir",
        "fecha por fijar", "fecha por fijar ({month})", "desde el {date}",
        "desde el {date} (día {n})",
        {"one": "{n} acción anterior no se muestra.",
         "other": "{n} acciones anteriores no se muestran."},
        {"one": "… y {n} más por venir.", "other": "… y {n} más por venir."},
        "Todavía no hay acciones en el calendario.",
        "Compromisos", ("Compromiso", "Plazo", "Estado", "Cumplido"),
        "{name} (dirige la campaña)", "tasa de cumplimiento {rate}",
        {"one": "… y {n} compromiso más: véase el informe de compromisos.",
         "other": "… y {n} compromisos más: véase el informe de compromisos."},
        "Todavía no hay compromisos.",
        "Cartas enviadas", ("Enviada", "Medio", "Asunto", "A", "Respuesta"),
        {"one": "{n} carta aún sin enviar.", "other": "{n} cartas aún sin enviar."},
        {"one": "… y {n} carta más antigua.", "other": "… y {n} cartas más antiguas."},
        "Todavía no se ha enviado ninguna carta.",
        "Personas en peligro", ("Persona", "Situación", "Próximo paso"),
        {"one": "detenido desde hace {n} día", "other": "detenido desde hace {n} días"},
        "día {n} de huelga de hambre", "condena: {sentence}", "{kind} desde el {date}",
        "{kind} del {since} al {until}", "{what}",
        {"one": "… y {n} persona más.", "other": "… y {n} personas más."},
        "No hay situaciones registradas para esta campaña.",
        "Página {page} de {pages}",
        _labels(CampaignStatus, "Prevista", "Activa", "Ganada", "Cerrada"),
        _labels(ActionStatus, "Prevista", "Confirmada", "Realizada", "Cancelada"),
        _labels(Channel, "Correo electrónico", "Correo postal", "Correo certificado", "Fax",
                "En mano"),
        _labels(
            SituationKind, "Arrestado", "Acusado", "En prisión preventiva", "En juicio",
            "Condenado", "Despedido", "En huelga de hambre", "Liberado", "Absuelto",
        ),
    ),
    "ko": BriefWords(
        "ko", "캠페인 브리핑", "작성일 {date}", "{date}부터", "주관: {name}",
        "대상: ", "연대 조직: ", "요구 사항",
        "경과", ("일시", "행동", "상태", "결과"), "진행 중·예정",
        "날짜 미정", "날짜 미정 ({month})", "{date}부터", "{date}부터 ({n}일째)",
        {"other": "이전 행동 {n}건은 생략했습니다."},
        {"other": "… 예정된 행동 {n}건 더."},
        "아직 일정에 오른 행동이 없습니다.",
        "약속", ("약속 내용", "기한", "상태", "이행일"),
        "{name} (주관 조직)", "이행률 {rate}",
        {"other": "… 약속 {n}건 더: 약속 보고서를 보십시오."},
        "아직 약속이 없습니다.",
        "보낸 서한", ("발송일", "발송 방법", "제목", "수신", "회신"),
        {"other": "아직 보내지 않은 서한 {n}건."},
        {"other": "… 이전 서한 {n}건 더."},
        "아직 보낸 서한이 없습니다.",
        "위험에 처한 사람들", ("이름", "상황", "다음 일정"),
        {"other": "{n}일째 구금"}, "단식 {n}일째", "형량: {sentence}", "{date}부터 {kind}",
        "{kind} {since} – {until}", "{what}",
        {"other": "… {n}명 더."},
        "이 캠페인에 기록된 상황이 없습니다.",
        "{page} / {pages}쪽",
        _labels(CampaignStatus, "계획", "진행 중", "승리", "종료"),
        _labels(ActionStatus, "계획", "확정", "완료", "취소"),
        _labels(Channel, "이메일", "우편", "등기우편", "팩스", "직접 전달"),
        _labels(
            SituationKind, "체포", "기소", "구금", "재판 중", "선고", "해고", "단식 중",
            "석방", "무죄",
        ),
    ),
}  # fmt: skip
ENGLISH = WORDS["en"]


def brief_words(language: str) -> BriefWords:
    """The brief's words in `language` (an ISO 639-1 code); English for one we have none for."""
    base = (language or "en").replace("-", "_").split("_")[0].lower()
    return WORDS.get(base, ENGLISH)
