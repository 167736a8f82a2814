"""The ruleset AST: one tree that every back end reads.

The parser builds expression nodes with plain ``Name`` references; the checker resolves them
into ``InputRef``, ``ScoreRef`` and ``Aggregate`` nodes and returns a checked ``RulesetDef``.
The compiled engine, the reference evaluator, the verifier and the exporters all read the
checked tree. Nodes are frozen: a stage that changes a tree builds a new one.
"""

from __future__ import annotations

import unicodedata
from fractions import Fraction
from typing import Union

import attrs

from ..errors import Span

LANGUAGES = ("fi", "sv", "en")


# --------------------------------------------------------------------------- expressions


@attrs.frozen
class Number:
    value: Fraction
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class String:
    value: str
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Bool:
    value: bool
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Name:
    """An unresolved name, as written (only before checking)."""

    id: str
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class InputRef:
    """An input, resolved; ``label`` (the question) and ``choices`` (an enum's codes with
    their labels) travel with it so that a rule can be read in the model's own words
    wherever the rule goes (a decision, its pickle), and take no part in comparisons."""

    id: str
    span: Span | None = attrs.field(default=None, eq=False)
    label: "Labels | None" = attrs.field(default=None, eq=False, repr=False)
    choices: "tuple[EnumValue, ...]" = attrs.field(default=(), eq=False, repr=False)


@attrs.frozen
class ScoreRef:
    """A score, resolved; ``label`` as for ``InputRef``."""

    id: str
    span: Span | None = attrs.field(default=None, eq=False)
    label: "Labels | None" = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class Call:
    """A function call as written (only before checking)."""

    func: str
    args: tuple["Expr", ...]
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Aggregate:
    """mean/sum/min/max/count/count_true over items; unanswered input items are skipped."""

    func: str
    items: tuple["Expr", ...]
    span: Span | None = attrs.field(default=None, eq=False)
    # the groups named in the source, kept for printing back
    written: tuple["Expr", ...] = attrs.field(default=(), eq=False)


@attrs.frozen
class Answered:
    input: InputRef
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Negate:
    operand: "Expr"
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Binary:
    op: str  # + - * /
    left: "Expr"
    right: "Expr"
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Compare:
    """A comparison chain: ``a < b <= c`` holds when every adjacent pair holds."""

    ops: tuple[str, ...]  # < <= > >= = !=
    operands: tuple["Expr", ...]
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class In:
    operand: "Expr"
    values: tuple["Expr", ...]  # literals
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class And:
    operands: tuple["Expr", ...]
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Or:
    operands: tuple["Expr", ...]
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Not:
    operand: "Expr"
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class If:
    cond: "Expr"
    then: "Expr"
    otherwise: "Expr"
    span: Span | None = attrs.field(default=None, eq=False)


Expr = Union[
    Number, String, Bool, Name, InputRef, ScoreRef, Call, Aggregate, Answered, Negate, Binary,
    Compare, In, And, Or, Not, If,
]

AGGREGATES = ("mean", "sum", "min", "max", "count", "count_true")
FUNCTIONS = AGGREGATES + ("answered",)
KEYWORDS = frozenset(
    {"and", "or", "not", "when", "otherwise", "if", "then", "else", "in", "true", "false"}
)


def children(e: Expr) -> tuple[Expr, ...]:
    if isinstance(e, (Call,)):
        return e.args
    if isinstance(e, Aggregate):
        return e.items
    if isinstance(e, Answered):
        return (e.input,)
    if isinstance(e, (Negate, Not)):
        return (e.operand,)
    if isinstance(e, Binary):
        return (e.left, e.right)
    if isinstance(e, Compare):
        return e.operands
    if isinstance(e, In):
        return (e.operand,) + e.values
    if isinstance(e, (And, Or)):
        return e.operands
    if isinstance(e, If):
        return (e.cond, e.then, e.otherwise)
    return ()


def walk(e: Expr):
    yield e
    for c in children(e):
        yield from walk(c)


def references(e: Expr) -> tuple[str, ...]:
    """Input and score ids an expression reads, in order of first appearance."""
    seen: dict[str, None] = {}
    for node in walk(e):
        if isinstance(node, (InputRef, ScoreRef)):
            seen.setdefault(node.id, None)
    return tuple(seen)


# --------------------------------------------------------------------------- ruleset parts


@attrs.frozen
class Labels:
    fi: str
    sv: str | None = None
    en: str | None = None

    def get(self, lang: str = "fi") -> str:
        return getattr(self, lang, None) or self.fi

    def to_json(self) -> dict:
        return {k: v for k in LANGUAGES if (v := getattr(self, k)) is not None}


@attrs.frozen
class ScaleValue:
    value: int
    label: Labels


@attrs.frozen
class Scale:
    id: str
    label: Labels | None
    values: tuple[ScaleValue, ...]
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class EnumValue:
    code: str
    label: Labels


@attrs.frozen
class Domain:
    """The finite set of answers an input accepts.

    kind is ``scale``, ``integer``, ``boolean`` or ``enum``. ``values`` lists every accepted
    answer in order: ints for scale and integer, bools for boolean, codes for enum.
    """

    kind: str
    values: tuple
    scale: str | None = None
    labels: tuple[Labels | None, ...] = ()

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("scale", "integer")

    def contains(self, value: object) -> bool:
        if self.kind in ("scale", "integer"):
            return type(value) is int and value in self.values
        if self.kind == "boolean":
            return type(value) is bool
        return type(value) is str and value in self.values

    def label_of(self, value: object) -> Labels | None:
        for v, label in zip(self.values, self.labels):
            if v == value and type(v) is type(value):
                return label
        return None

    def describe(self) -> str:
        if self.kind == "integer":
            return f"a whole number from {self.values[0]} to {self.values[-1]}"
        if self.kind == "boolean":
            return "true or false"
        if self.kind == "scale":
            return f"one of {', '.join(str(v) for v in self.values)} (scale {self.scale})"
        return "one of " + ", ".join(f'"{v}"' for v in self.values)


RESPONDENTS = ("client", "professional", "record")


@attrs.frozen
class Input:
    id: str
    respondent: str
    domain: Domain
    text: Labels
    optional: bool = False
    asked_when: Expr | None = None
    help: Labels | None = None
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Group:
    id: str
    members: tuple[str, ...]
    span: Span | None = attrs.field(default=None, eq=False)
    #: where each member is written, so that a misspelt member is shown on its own line
    member_spans: tuple[Span | None, ...] = attrs.field(default=(), eq=False, repr=False)


@attrs.frozen
class Score:
    id: str
    label: Labels
    expr: Expr
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Axes:
    resources: str
    complexity: str
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Quadrant:
    resources: str  # "high" | "low"
    complexity: str

    def to_json(self) -> dict:
        return {"resources": self.resources, "complexity": self.complexity}


@attrs.frozen
class Segment:
    id: str
    label: Labels
    service_use: str  # "occasional" | "heavy"
    aliases: tuple[str, ...] = ()
    quadrant: Quadrant | None = None
    description: Labels | None = None
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Rule:
    index: int  # 0-based position in the rules list
    segment: str
    condition: Expr | None  # None for `otherwise`
    text: str
    span: Span | None = attrs.field(default=None, eq=False)

    @property
    def is_otherwise(self) -> bool:
        return self.condition is None


@attrs.frozen
class Pathway:
    segment: str
    contact: Labels
    appointments: tuple[Labels, ...]
    coordination: Labels
    self_care: Labels
    reassess_after_months: int
    professional_role: Labels | None = None
    first_visit: Labels | None = None
    follow_up_visits: int | None = None
    service_model: str | None = None
    service_menu: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    booking: Labels | None = None
    follow_up: Labels | None = None
    span: Span | None = attrs.field(default=None, eq=False)

    def to_json(self) -> dict:
        out: dict = {"segment": self.segment}
        for f in attrs.fields(Pathway):
            if f.name in ("segment", "span"):
                continue
            v = getattr(self, f.name)
            if v is None or v == ():
                continue
            if isinstance(v, Labels):
                v = v.to_json()
            elif isinstance(v, tuple):
                v = [x.to_json() if isinstance(x, Labels) else x for x in v]
            out[f.name] = v
        return out


PATHWAY_SERVICE_MODELS = ("value_shop", "value_chain", "value_network")
PATHWAY_SERVICE_MENU = ("reception", "phone", "group_reception", "group", "network_meeting", "digital")
PATHWAY_CHANNELS = ("in_person", "phone", "video", "digital")


@attrs.frozen
class Example:
    name: str
    answers: tuple[tuple[str, object], ...]
    expect: str
    span: Span | None = attrs.field(default=None, eq=False)

    @property
    def answer_dict(self) -> dict:
        return dict(self.answers)


@attrs.frozen
class RulesetDef:
    """A whole ruleset. After ``check`` names are resolved and ``scores`` are in evaluation order."""

    id: str
    version: str
    title: Labels
    hit_policy: str
    inputs: tuple[Input, ...]
    groups: tuple[Group, ...]
    scores: tuple[Score, ...]
    segments: tuple[Segment, ...]
    rules: tuple[Rule, ...]
    pathways: tuple[Pathway, ...]
    examples: tuple[Example, ...] = ()
    scales: tuple[Scale, ...] = ()
    axes: Axes | None = None
    aliases: tuple[str, ...] = ()
    provenance: str | None = None
    content_hash: str = ""
    source: str = ""
    checked: bool = False

    def input(self, id: str) -> Input:
        for i in self.inputs:
            if i.id == id:
                return i
        raise KeyError(id)

    def score(self, id: str) -> Score:
        for s in self.scores:
            if s.id == id:
                return s
        raise KeyError(id)

    def segment(self, id: str) -> Segment:
        for s in self.segments:
            if s.id == id:
                return s
        raise KeyError(id)

    def segments_named(self, name: str) -> tuple[str, ...]:
        """The ids of the segments ``name`` can mean: an id, an alias or a label in any
        language, in any case; accents are ignored only when nothing matches with them
        ('Yhteisö' and 'yhteiso' both name yhteiso). Several ids: the name is ambiguous."""
        for fold in (lambda n: str(n).strip().casefold(), fold_name):
            wanted = fold(str(name).strip())
            found = tuple(
                s.id for s in self.segments
                if wanted in {fold(n) for n in (s.id, *s.aliases, *s.label.to_json().values())}
            )
            if found:
                return found
        return ()

    def pathway(self, segment: str) -> Pathway:
        for p in self.pathways:
            if p.segment == segment:
                return p
        raise KeyError(segment)

    def answer_space_size(self) -> int:
        """Number of answer combinations before `asked_when` is taken into account."""
        n = 1
        for i in self.inputs:
            n *= len(i.domain.values) + (1 if (i.optional or i.asked_when is not None) else 0)
        return n


def fold_name(text: str) -> str:
    """Case- and accent-insensitive form: 'Yhteisö' and 'yhteiso' fold alike."""
    decomposed = unicodedata.normalize("NFKD", str(text).strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
