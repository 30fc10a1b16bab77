"""The clean-up of text pasted from a PDF or a word processor into the body's Markdown."""

from organiser.formats.paste_cleanup import clean_pasted_text
from organiser.pdf.markdown import ListBlock, TextBlock, parse_body

FROM_PDF = """We, the undersigned trade unions, express our solidarity with the
workers of the Hyundai Steel plant who have been on strike since 1 July
2021 in defence of their right to organise.

We call on the government to:
• release the branch's first vice-chair
  immediately and without conditions;
• drop all charges against the strikers;
• respect ILO Conventions 87 and 98.

In solidarity,
"""

FROM_WORD = """The congress resolved:
- 1. to hold a global day of action in the coming months;
- 2. to send a mission to Seoul.
"""

NUMBERED = """Our demands:
1) reinstate the dismissed
workers;
2) recognise the union.
"""


def test_hard_wrapped_lines_become_paragraphs_and_bullets_become_a_list() -> None:
    """A PDF's copy: wrapped lines joined, `•` items (with their wrapped lines) made `- ` items."""
    assert clean_pasted_text(FROM_PDF) == (
        "We, the undersigned trade unions, express our solidarity with the workers of the"
        " Hyundai Steel plant who have been on strike since 1 July 2021 in defence of their"
        " right to organise.\n\n"
        "We call on the government to:\n\n"
        "- release the branch's first vice-chair immediately and without conditions;\n"
        "- drop all charges against the strikers;\n"
        "- respect ILO Conventions 87 and 98.\n\n"
        "In solidarity,\n"
    )


def test_word_processor_dash_number_items_become_a_numbered_list() -> None:
    """`- 1.` items are numbered items, not bullets holding a number."""
    assert clean_pasted_text(FROM_WORD) == (
        "The congress resolved:\n\n"
        "1. to hold a global day of action in the coming months;\n"
        "2. to send a mission to Seoul.\n"
    )


def test_parenthesis_numbering_with_a_wrapped_item_reads_back_as_a_list() -> None:
    """`1)` numbering becomes `1.`, and the body's own parser reads the result as two items."""
    cleaned = clean_pasted_text(NUMBERED)
    assert cleaned == (
        "Our demands:\n\n1. reinstate the dismissed workers;\n2. recognise the union.\n"
    )
    blocks = parse_body(cleaned)
    assert isinstance(blocks[0], TextBlock)
    assert isinstance(blocks[1], ListBlock) and blocks[1].ordered and len(blocks[1].items) == 2


def test_a_word_cut_by_a_hyphen_is_made_whole_and_empty_text_stays_empty() -> None:
    """`organi-` + `sation` joins; a hyphenated name (`co-` + `Signed`) and blanks are left."""
    assert clean_pasted_text("the organi-\nsation of workers") == "the organisation of workers\n"
    assert clean_pasted_text("\r\n  \r\n") == ""
