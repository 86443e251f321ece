"""What the scorer compares, read off the domain model once.

Each fact type's YAML says how it is scored (``scoring:``): its key fields, the
attributes compared on paired facts, whether its own keys count, and a pool that
several fact types feed together (investor links, from investments and from each
round's investors). How two values compare comes from the field-type registry
(amounts within 2 %, codes upper-case). So a fact type declared in YAML alone is
scored with no code change, and no fact-type name is written in this package.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from blocgraph.schema.field_types import FieldType, field_type
from blocgraph.schema.model import FieldSpec, Model, NodeType, load_model

# The article's own attribute, scored before the facts' attributes.
PUBLISHED = "published"
# Free text (a round's name) is compared ignoring case and spacing.
TEXT_TYPE = "string"
ENTITY_TYPE = "entity"


@dataclass(frozen=True)
class KeyField:
    """One field of a key or an attribute, with the value type that compares it."""

    name: str
    type: FieldType
    list: bool = False

    @property
    def names_entity(self) -> bool:
        """The value is an entity id, shown by the entity's name in labels."""
        return self.type.name == ENTITY_TYPE

    def value(self, raw: Any) -> Any:
        """The value as keys hold it: cleaned by its type, left as given when it does not
        clean (the scorer judges any extractor's output, so it never refuses a value)."""
        if raw is None:
            return None
        try:
            return self.type.clean(raw)
        except ValueError:
            return raw

    def same(self, a: Any, b: Any) -> bool:
        return bool(self.type.same(a, b))


@dataclass(frozen=True)
class Pool:
    """A key group several fact types feed; a list field gives one key per item."""

    name: str
    key: tuple[KeyField, ...]


@dataclass(frozen=True)
class ScoredType:
    """How facts of one type are keyed, paired and compared."""

    code: str
    key: tuple[KeyField, ...]
    attributes: tuple[KeyField, ...]
    scored: bool
    pool: Pool | None


@dataclass(frozen=True)
class ScoringPlan:
    """Every scored fact type by code, and the report's rows in reading order."""

    types: Mapping[str, ScoredType]
    # Report rows: scored fact codes and pool names, in the model's reading order.
    groups: tuple[str, ...]
    group_fields: Mapping[str, tuple[KeyField, ...]]
    attribute_names: tuple[str, ...]
    # Entity-id fields of every fact type (single, list), so ids are mapped on any fact.
    entity_fields: Mapping[str, tuple[frozenset[str], frozenset[str]]]


def _key_field(fact: NodeType, name: str) -> KeyField:
    spec: FieldSpec = fact.field(name)
    return KeyField(name, field_type(spec.type), spec.list)


def _scored_type(fact: NodeType) -> ScoredType | None:
    spec = fact.scoring
    if spec is None or fact.code is None:
        return None
    pool = None
    if spec.pool is not None:
        pool = Pool(spec.pool.name, tuple(_key_field(fact, n) for n in spec.pool.key))
    return ScoredType(
        code=fact.code,
        key=tuple(_key_field(fact, n) for n in spec.key),
        attributes=tuple(_key_field(fact, n) for n in spec.attributes),
        scored=spec.scored,
        pool=pool,
    )


def _entity_fields(fact: NodeType) -> tuple[frozenset[str], frozenset[str]]:
    fields = fact.entity_fields
    return (frozenset(f.name for f in fields if not f.list),
            frozenset(f.name for f in fields if f.list))


def build_plan(model: Model) -> ScoringPlan:
    """The plan of one model; a pool's row comes just before its first member's own row."""
    types: dict[str, ScoredType] = {}
    groups: dict[str, tuple[KeyField, ...]] = {}
    attributes: dict[str, None] = {PUBLISHED: None}
    for fact in model.fact_types:
        scored = _scored_type(fact)
        if scored is None:
            continue
        types[scored.code] = scored
        if scored.pool is not None:
            groups.setdefault(scored.pool.name, scored.pool.key)
        if scored.scored:
            groups.setdefault(scored.code, scored.key)
        attributes.update(dict.fromkeys(a.name for a in scored.attributes))
    return ScoringPlan(
        types=types,
        groups=tuple(groups),
        group_fields=groups,
        attribute_names=tuple(attributes),
        entity_fields={str(f.code): _entity_fields(f) for f in model.fact_types if f.code},
    )


def scoring_plan(model: Model | None = None) -> ScoringPlan:
    """The plan of ``model`` (the loaded model by default), built once per model."""
    return _scoring_plan(model or load_model())


@cache
def _scoring_plan(model: Model) -> ScoringPlan:
    return build_plan(model)
