"""The keep-together rules of a letter: a list's last items, the closing and the signatures.

No page may hold only a list's last item, nor the signatures without the closing above them:
a list is laid out as its head, which may split between items, and its last two items kept
together; the body's last two blocks (the closing and what leads to it) stay with the signatures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem

# How many of a list's last items move to the next page together rather than one alone.
LIST_TAIL = 2
# The body's last blocks kept with the signatures: the closing and the block before it.
CLOSING_BLOCKS = 2

MakeList = Callable[[Sequence[ListItem], int, bool], ListFlowable]


def list_with_kept_tail(items: Sequence[ListItem], start: int, make: MakeList) -> list[Flowable]:
    """The list as a head that may split, and its last items kept together.

    `make(items, start, last)` builds one list from its first number; `last` says whether it
    ends the list (and so takes the space after it).
    """
    if len(items) <= LIST_TAIL:
        return [KeepTogether([make(items, start, True)])]
    head = len(items) - LIST_TAIL
    return [
        make(items[:head], start, False),
        KeepTogether([make(items[head:], start + head, True)]),
    ]


def keep_ending_together(body: Sequence[Flowable], ending: Sequence[Flowable]) -> list[Flowable]:
    """The body with its last blocks and the signatures and cc below them on one page.

    Larger than a page, KeepTogether splits them as it must, so a long block still prints.
    """
    if not ending:
        return list(body)
    cut = max(0, len(body) - CLOSING_BLOCKS)
    kept = [part for flowable in body[cut:] for part in _unwrapped(flowable)]
    return [*body[:cut], KeepTogether([*kept, *ending])]


def _unwrapped(flowable: Flowable) -> list[Flowable]:
    """A KeepTogether's content: nested in another, it measures itself as endless (0xffffff
    points, to force its own split), and the outer one would always start a new page."""
    if isinstance(flowable, KeepTogether):
        return list(flowable._content)
    return [flowable]
