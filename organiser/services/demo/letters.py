"""The sample letters: one sent, one answered and one draft, so each stage of the register shows."""

from __future__ import annotations

from datetime import date

from organiser.models import (
    Channel,
    Letter,
    LetterKind,
    LetterRecipient,
    LetterSignatory,
    LetterStatus,
    RecipientRole,
)
from organiser.services.demo.data import SampleIds

NHIS_LETTER = """Dear comrades,

Public Services International sends its solidarity to the outsourced workers of the **National
Health Insurance Service** customer service centre and to KPTU.

Answering the calls of insured people is *core public work*. It should be done by public
employees, and the personal data it handles should stay in public hands.

We call on the NHIS and the government to:

- employ the customer service centre workers directly;
- open talks with the KPTU branch without delay;
- respect the right to assemble peacefully.

We will keep standing with you until the promise of regular jobs is kept.

In solidarity,"""

KOREA_LETTER = """Mr President,

On behalf of the affiliates of IndustriALL Global Union, we protest the prison sentences handed
to **Han Sang-gyun**, President of the KCTU, and **Cho Sung-deok**, Vice-President of KPTU, for
their part in peaceful protests.

We urge your government to:

1. release all imprisoned trade unionists;
2. withdraw the proposed changes to labour legislation;
3. respect ILO Conventions 87 and 98 on freedom of association.

Yours sincerely,"""

KAZAKH_LETTER = """Your Excellency,

Oil workers in Mangystau organised by the union «Ақжайық» have struck peacefully for wages and
safety. We ask your government to drop the charges against the union's chair, **Ерлан
Сағынтайұлы Құдайбергенов**, and to recognise the strike as lawful.

Respectfully,"""


def sample_letters(today: date, ids: SampleIds) -> list[Letter]:
    return [_nhis_solidarity(ids), _korea_protest(ids), _kazakh_protest(ids, today)]


def _nhis_solidarity(ids: SampleIds) -> Letter:
    return Letter(
        kind=LetterKind.SOLIDARITY_LETTER,
        campaign_id=ids.campaigns["nhis"],
        sender_id=ids.organisations["psi"],
        subject="Solidarity with the NHIS customer service centre workers",
        letter_date=date(2021, 7, 27),
        language="en",
        body=NHIS_LETTER,
        status=LetterStatus.SENT,
        sent_on=date(2021, 7, 27),
        channel=Channel.EMAIL,
        our_reference="PSI/KR/2021-07",
        signatories=[LetterSignatory(person_id=ids.people["rosa"])],
        recipients=[
            _to_organisation(ids, RecipientRole.TO, "kptu"),
            _to_organisation(ids, RecipientRole.CC, "kctu"),
        ],
    )


def _korea_protest(ids: SampleIds) -> Letter:
    return Letter(
        kind=LetterKind.PROTEST_LETTER,
        campaign_id=ids.campaigns["korea"],
        sender_id=ids.organisations["industriall"],
        subject="Release Han Sang-gyun and Cho Sung-deok",
        letter_date=date(2016, 7, 15),
        language="en",
        body=KOREA_LETTER,
        status=LetterStatus.ANSWERED,
        sent_on=date(2016, 7, 15),
        channel=Channel.REGISTERED_POST,
        tracking_number="RR123456785CH",
        our_reference="IALL/KR/2016-14",
        reply_received_on=date(2016, 8, 30),
        reply_note="Acknowledged by the Ministry of Employment and Labor.",
        signatories=[LetterSignatory(person_id=ids.people["valter"])],
        recipients=[
            _to_organisation(ids, RecipientRole.TO, "kr-gov"),
            _to_organisation(ids, RecipientRole.CC, "ilo"),
            _to_organisation(ids, RecipientRole.CC, "kctu"),
        ],
    )


def _kazakh_protest(ids: SampleIds, today: date) -> Letter:
    return Letter(
        kind=LetterKind.PROTEST_LETTER,
        campaign_id=ids.campaigns["kazakh"],
        sender_id=ids.organisations["industriall"],
        subject="The Mangystau oil-field strike is lawful",
        letter_date=today,
        language="en",
        body=KAZAKH_LETTER,
        status=LetterStatus.DRAFT,
        signatories=[LetterSignatory(person_id=ids.people["valter"])],
        recipients=[
            _to_organisation(ids, RecipientRole.TO, "kz-gov"),
            LetterRecipient(role=RecipientRole.CC, person_id=ids.people["kz-leader"]),
        ],
    )


def _to_organisation(ids: SampleIds, role: RecipientRole, organisation: str) -> LetterRecipient:
    return LetterRecipient(role=role, organisation_id=ids.organisations[organisation])
