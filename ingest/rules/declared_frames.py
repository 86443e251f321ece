"""Facts from frames declared in the model's YAML, with no rule code of their own.

A fact type may declare ``frames:`` (trigger verbs and nouns, and the grammatical
roles that fill each entity field); this rule turns each into a
:class:`~blocgraph.ingest.rules.frames.Frame` and reads its facts from the parse:
participants from the slots, the amount nearest the trigger for a type with an
amount field, and the date of the trigger's phrase for a dated type. A new fact
type (a partnership, a supply deal) is extracted from its YAML file alone; a
family module is written only when a type needs more than its frames say (a ban
on a product targets its maker, a round gathers its investors across sentences).
"""

from __future__ import annotations

from functools import cache

from blocgraph.ingest.mention_types import Sentence
from blocgraph.ingest.rules.base import Candidate, Context, register
from blocgraph.ingest.rules.frames import Frame, FrameMatch, Slot, match_frames
from blocgraph.ingest.skeleton import Skeleton
from blocgraph.schema.model import FieldSpec, FrameSpec, Model, NodeType, load_model

# Who may fill a participant field whose YAML gives no range.
DEFAULT_TYPES = frozenset({"Company", "Investor", "Organization", "Government"})


DeclaredFrames = dict[Frame, NodeType]


def declared_frames(model: Model | None = None) -> DeclaredFrames:
    """Every fact type's declared frames with their fact type, built once per model."""
    return _declared_frames(model or load_model())


@cache
def _declared_frames(model: Model) -> DeclaredFrames:
    return {_frame(fact, spec): fact for fact in model.fact_types for spec in fact.frames}


def _frame(fact: NodeType, spec: FrameSpec) -> Frame:
    slots = tuple(Slot(name, roles, _types(fact.field(name))) for name, roles in spec.slots)
    return Frame(
        f"declared.{spec.name}", str(fact.code), slots,
        verbs=frozenset(spec.verbs), nouns=frozenset(spec.nouns),
        required=spec.required, confidence=spec.confidence, particle=spec.particle,
    )


def _types(spec: FieldSpec) -> frozenset[str]:
    return frozenset(spec.range) if spec.range else DEFAULT_TYPES


@register("declared-frames")
def declared_frame_facts(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    return candidates(skeleton.sentence, declared_frames())


def candidates(sentence: Sentence, table: DeclaredFrames) -> list[Candidate]:
    """The facts the declared frames find in one sentence."""
    if not table:
        return []
    found = []
    for match in match_frames(sentence, tuple(table)):
        fact = table[match.frame]
        fields = _fields(fact, match)
        if fields is not None:
            found.append(Candidate(str(fact.code), fields, sentence,
                                   match.frame.confidence, match.frame.name))
    return found


def _fields(fact: NodeType, match: FrameMatch) -> dict[str, object] | None:
    """The candidate's fields, or None when two slots name one entity (no fact
    ties an entity to itself)."""
    fields: dict[str, object] = {}
    named: list[str] = []
    for spec in fact.fields:
        if spec.type == "entity" and spec.name in match.fields:
            ids = match.ids(spec.name)
            fields[spec.name] = ids if spec.list else (ids[0] if ids else None)
            named += ids[:1] if not spec.list else ids
    if len(named) != len(set(named)):
        return None
    amount = next((s for s in fact.fields if s.type == "amount"), None)
    money = match.money() if amount is not None else []
    if amount is not None and money:
        value = money[0].value
        fields[amount.name] = getattr(value, "amount", None)
        currency = next((s for s in fact.fields if s.type == "currency"), None)
        if currency is not None:
            fields[currency.name] = getattr(value, "currency", None)
    if fact.date_field is not None:
        fields[fact.date_field.name] = match.date()
    return fields
