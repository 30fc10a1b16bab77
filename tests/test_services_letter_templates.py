"""Letter templates: documented fields render; escapes, unknown fields, runaway loops refused."""

import pytest

from organiser.errors import ValidationError
from organiser.services.letter_templates import CampaignFields, MergeContext, Party, render

CTX = MergeContext(
    recipient=Party(name="KCTU", country="KR"),
    campaign=CampaignFields(title="Free the leaders", demands=("Release", "Drop charges")),
    our_reference="OUR/2026/017-KCTU",
)


def test_documented_fields_render() -> None:
    text = render(
        "Dear {{ recipient.name }} ({{ recipient.country }}): {{ campaign.title }}\n"
        "{% for d in campaign.demands %}- {{ d }}\n{% endfor %}{{ our_reference }}",
        CTX,
    )
    assert "Dear KCTU (KR): Free the leaders" in text
    assert "- Drop charges" in text and text.endswith("OUR/2026/017-KCTU")


@pytest.mark.parametrize(
    "template",
    [
        "{{ recipient.__class__ }}",
        "{{ recipient.__class__.__mro__ }}",
        "line one\n{{ recipient.shoe_size }}",
        "{{ nobody }}",
        "{% for i in range(10**9) %}x{% endfor %}",
        "{% for i in range(999) %}{% for j in range(999) %}xxxxxxxxxx{% endfor %}{% endfor %}",
        "{{ 'x' * 10**9 }}",
        "{% for x in %}",
    ],
)
def test_hostile_or_wrong_templates_are_refused_naming_the_line(template: str) -> None:
    with pytest.raises(ValidationError) as caught:
        render(template, CTX)
    assert "line" in str(caught.value)


def test_unknown_field_names_its_line() -> None:
    with pytest.raises(ValidationError, match="line 3"):
        render("a\nb\n{{ recipient.shoe }}", CTX)
