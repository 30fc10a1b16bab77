"""Merge fields of a letter template, rendered in Jinja2's immutable sandbox with bounded output."""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from organiser.errors import ValidationError

# A letter is a few pages: anything far past this is a runaway template, refused before writing.
MAX_OUTPUT_CHARS = 200_000
MAX_RANGE = 1_000


@dataclass(frozen=True)
class Party:
    """A recipient or sender as a template sees it: plain strings only."""

    name: str = ""
    title: str = ""
    organisation: str = ""
    acronym: str = ""
    address: str = ""
    country: str = ""
    email: str = ""
    language: str = ""


@dataclass(frozen=True)
class CampaignFields:
    """The campaign as a template sees it."""

    title: str = ""
    target: str = ""
    country: str = ""
    summary: str = ""
    demands: tuple[str, ...] = ()


@dataclass(frozen=True)
class MergeContext:
    """Everything one letter's template may reach, and nothing else."""

    recipient: Party = field(default_factory=Party)
    sender: Party = field(default_factory=Party)
    campaign: CampaignFields = field(default_factory=CampaignFields)
    date: str = ""
    our_reference: str = ""

    def as_mapping(self) -> dict[str, object]:
        return {
            "recipient": self.recipient,
            "sender": self.sender,
            "campaign": self.campaign,
            "date": self.date,
            "our_reference": self.our_reference,
        }


# The documented fields (name, description); the window translates the descriptions.
FIELDS: tuple[tuple[str, str], ...] = (
    ("recipient.name", "The recipient's name"),
    ("recipient.title", "The recipient's title or role"),
    ("recipient.organisation", "The recipient's organisation"),
    ("recipient.acronym", "The recipient organisation's acronym"),
    ("recipient.address", "The recipient's postal address"),
    ("recipient.country", "The recipient's country (ISO code)"),
    ("recipient.email", "The recipient's email"),
    ("campaign.title", "The campaign's title"),
    ("campaign.target", "Who must act"),
    ("campaign.demands", "The campaign's demands (a list)"),
    ("sender.name", "The sending organisation"),
    ("date", "The letter's date"),
    ("our_reference", "This letter's own reference"),
)


class _BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with ranges and repeated strings kept small."""

    # Intercepted operators are neither constant-folded at compile time nor run unchecked.
    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context, operator, left, right):  # type: ignore[no-untyped-def]
        if operator in ("*", "**") and _too_large(left, right):
            raise SecurityError("the template repeats text too many times")
        return super().call_binop(context, operator, left, right)


def _too_large(left: object, right: object) -> bool:
    """A repeat count or a repeated text's length past the output cap."""
    counts = [abs(v) for v in (left, right) if isinstance(v, int)]
    sizes = [len(v) for v in (left, right) if isinstance(v, str | list | tuple)]
    if any(c > MAX_OUTPUT_CHARS for c in counts):
        return True
    return bool(sizes and counts) and sizes[0] * counts[0] > MAX_OUTPUT_CHARS


def _environment() -> _BoundedEnvironment:
    env = _BoundedEnvironment(undefined=StrictUndefined, autoescape=False)
    env.globals["range"] = _bounded_range
    return env


def _bounded_range(*args: int) -> range:
    r = range(*args)
    if len(r) > MAX_RANGE:
        raise SecurityError(f"a range of {len(r)} is more than {MAX_RANGE}")
    return r


def render(template: str, context: MergeContext, what: str = "body") -> str:
    """The template filled in; ValidationError(what) naming the line for anything refused."""
    env = _environment()
    try:
        compiled = env.from_string(template)
        pieces: list[str] = []
        size = 0
        for piece in compiled.generate(context.as_mapping()):
            size += len(piece)
            if size > MAX_OUTPUT_CHARS:
                raise SecurityError(f"the letter runs past {MAX_OUTPUT_CHARS} characters")
            pieces.append(piece)
    except TemplateSyntaxError as exc:
        raise ValidationError(what, f"{what}, line {exc.lineno}: {exc.message}") from exc
    except (UndefinedError, SecurityError, TemplateError) as exc:
        raise ValidationError(what, f"{what}, line {_line_of(exc)}: {exc}") from exc
    return "".join(pieces)


def _line_of(exc: BaseException) -> int | str:
    tb = exc.__traceback__
    line: int | str = "?"
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
