"""Merge fields of a letter template, rendered in Jinja2's immutable sandbox with bounded output."""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError, meta, nodes
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
    return MergeTemplate(template, what).render(context)


class MergeTemplate:
    """A template parsed and compiled once, to fill in for many recipients: its fields are
    known before anything is rendered. A syntax error is a ValidationError naming the line."""

    def __init__(self, template: str, what: str = "body") -> None:
        self.what = what
        env = _environment()
        try:
            tree = env.parse(template)
            self._compiled = env.from_string(tree)
        except TemplateSyntaxError as exc:
            raise ValidationError(what, f"{what}, line {exc.lineno}: {exc.message}") from exc
        except (SecurityError, TemplateError) as exc:
            raise ValidationError(what, f"{what}, line {_line_of(exc)}: {exc}") from exc
        self.fields = _fields_of(tree)

    def render(self, context: MergeContext) -> str:
        what = self.what
        try:
            pieces: list[str] = []
            size = 0
            for piece in self._compiled.generate(context.as_mapping()):
                size += len(piece)
                if size > MAX_OUTPUT_CHARS:
                    raise SecurityError(f"the letter runs past {MAX_OUTPUT_CHARS} characters")
                pieces.append(piece)
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


DOCUMENTED = frozenset(name for name, _description in FIELDS)
_PARTS = ("recipient", "sender", "campaign")  # the fields that have fields of their own


@dataclass(frozen=True, order=True)
class FieldUse:
    """A merge field a template reads, on the line (1 = the first) where it reads it."""

    line: int
    field: str

    @property
    def known(self) -> bool:
        return self.field in DOCUMENTED


def fields_used(template: str, what: str = "body") -> tuple[FieldUse, ...]:
    """Every field the template reads from its context, with its line, found in the parsed
    template before anything is rendered; a syntax error is a ValidationError naming the line.
    A field outside the documented ones (`recipient.shoe_size`, `recipient.__class__`, a bare
    `recipient`) is among them, not `known`."""
    return MergeTemplate(template, what).fields


def _fields_of(tree: nodes.Template) -> tuple[FieldUse, ...]:
    free = meta.find_undeclared_variables(tree) - {"range"}  # loop variables are not free
    uses: set[FieldUse] = set()
    read_through: set[int] = set()
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        assert isinstance(node, nodes.Getattr | nodes.Getitem)
        target = node.node
        if not (isinstance(target, nodes.Name) and target.name in free):
            continue
        name = _attribute(node)
        if name is not None and target.name in _PARTS:
            uses.add(FieldUse(node.lineno, f"{target.name}.{name}"))
            read_through.add(id(target))
    for name_node in tree.find_all(nodes.Name):
        if name_node.name in free and id(name_node) not in read_through:
            uses.add(FieldUse(name_node.lineno, name_node.name))
    return tuple(sorted(uses))


def _attribute(node: nodes.Getattr | nodes.Getitem) -> str | None:
    if isinstance(node, nodes.Getattr):
        return node.attr
    arg = node.arg
    return arg.value if isinstance(arg, nodes.Const) and isinstance(arg.value, str) else None


def field_value(context: MergeContext, field_name: str) -> object:
    """A documented field's value in `context` (`recipient.address`, `date`)."""
    value: object = context
    for part in field_name.split("."):
        value = getattr(value, part)
    return value
