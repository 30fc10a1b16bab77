"""A recipient gets the version in their language, else the original with the fallback noted."""

from organiser.models.letters import Letter, LetterVersion
from organiser.models.organisations import Organisation, Person
from organiser.services.letter_languages import choose_version, preferred_language


def _letter() -> Letter:
    letter = Letter(subject="Solidarity", body="Dear friends", language="en")
    letter.versions.append(LetterVersion(language="ko", subject="연대", body="친애하는 동지들"))
    return letter


def test_the_recipients_language_picks_its_version() -> None:
    chosen = choose_version(_letter(), "ko")
    assert (chosen.language, chosen.subject, chosen.fell_back) == ("ko", "연대", False)


def test_a_language_without_a_version_falls_back_to_the_original_and_says_so() -> None:
    chosen = choose_version(_letter(), "fr")
    assert (chosen.language, chosen.subject, chosen.wanted, chosen.fell_back) == (
        "en",
        "Solidarity",
        "fr",
        True,
    )


def test_a_person_without_a_language_takes_their_organisations() -> None:
    org = Organisation(name="KCTU", language="ko")
    person = Person(name="Yang", language="", organisation=org)
    assert preferred_language(person, None) == "ko"
    assert preferred_language(None, org) == "ko"
    assert preferred_language(Person(name="Solo", language=""), None) == ""
