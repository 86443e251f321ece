"""The declarative domain model: one YAML file per node or fact type.

Everything that describes the data (Neo4j constraints, fact keys, GraphQL types,
the RDF ontology, SHACL shapes, export headers) is derived from the objects this
module builds, so a type is added or changed in exactly one place: its YAML file.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from blocgraph.errors import ModelError

TYPES_DIR = Path(__file__).parent / "types"


Kind = Literal["entity", "reference", "source", "fact"]


@dataclass(frozen=True)
class PropertySpec:
    """A scalar (or list of scalars) stored on a node or relationship."""

    name: str
    type: str
    required: bool = False
    list: bool = False
    fulltext: bool = False
    description: str = ""


@dataclass(frozen=True)
class EdgeSpec:
    """A relationship type a node type owns, with its properties."""

    type: str
    target: str
    properties: tuple[PropertySpec, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class FieldSpec:
    """One field of a fact type, as the corpus README names it.

    Entity fields become edges from the fact node to the participant (``edge``);
    list fields hold several participants; ``edge_flag`` names a boolean set on
    the edge instead of a separate edge type (lead investors are investors too).
    """

    name: str
    type: str
    list: bool = False
    edge: str | None = None
    edge_flag: str | None = None
    required: bool = False
    range: tuple[str, ...] = ()

    @property
    def is_participant(self) -> bool:
        return self.type in ("entity", "country")


@dataclass(frozen=True)
class KeyPart:
    field: str
    transform: str | None = None


@dataclass(frozen=True)
class DisplayEdge:
    """How a graph view draws a fact as one edge: from which field to which, and its verb
    (followthemoney's ``edge:`` stanza)."""

    source: str
    target: str
    label: str
    style: str | None = None


@dataclass(frozen=True)
class ScoringPool:
    """Keys several fact types score together (investor links: each round's participants
    and each investment); a list field gives one key per item."""

    name: str
    key: tuple[str, ...]


@dataclass(frozen=True)
class ScoringSpec:
    """How the scorer compares a fact type with the gold (``samples/corpus/README.md``):
    the key fields, the attributes scored on paired facts, and an optional pool."""

    key: tuple[str, ...]
    attributes: tuple[str, ...] = ()
    scored: bool = True
    pool: ScoringPool | None = None


@dataclass(frozen=True)
class FrameSpec:
    """A way news states the fact, declared in YAML for the generic frame rule
    (``ingest/rules/declared_frames.py``): trigger lemmas, and for each entity field the
    grammatical roles that may fill it (``agent``, ``patient``, ``governor``,
    ``prep:with|alongside``), tried in order."""

    name: str
    slots: tuple[tuple[str, tuple[str, ...]], ...]
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    particle: str | None = None
    required: tuple[str, ...] = ()
    confidence: float = 0.7


@dataclass(frozen=True)
class NodeType:
    name: str
    kind: Kind
    label: str
    description: str
    abstract: bool = False
    extends: str | None = None
    key: str | None = None
    properties: tuple[PropertySpec, ...] = ()
    edges: tuple[EdgeSpec, ...] = ()
    code: str | None = None
    fields: tuple[FieldSpec, ...] = ()
    key_parts: tuple[KeyPart, ...] = ()
    # Entity types: when articles type one unknown entity differently, the type with the
    # lowest precedence is kept, whatever order the articles load in.
    precedence: int = 100
    # How people read the type: its name in a sentence, its plural, its place in lists.
    title: str = ""
    plural: str = ""
    order: int = 100
    # Facts: always listed on an entity page; the GraphQL listing alias (``bans``); a
    # one-line summary template; how a graph view draws the fact.
    headline: bool = False
    listing: str | None = None
    # The participant fields the listing alias's bloc argument checks (every participant
    # field when the YAML names none): ``listing: {name: bans, bloc: [actor, target]}``.
    listing_bloc: tuple[str, ...] = ()
    summary: str | None = None
    edge: DisplayEdge | None = None
    # Facts: what makes two candidates of one article the same fact (defaults to the
    # key without its transformed parts), and how the scorer keys it.
    identity_parts: tuple[KeyPart, ...] = ()
    scoring: ScoringSpec | None = None
    frames: tuple[FrameSpec, ...] = ()

    @property
    def date_field(self) -> FieldSpec | None:
        """The fact's date, if its type has one: dated facts are placed in time."""
        return next((f for f in self.fields if f.type == "date"), None)

    @property
    def entity_fields(self) -> tuple[FieldSpec, ...]:
        """Fields naming participants by entity id (not countries)."""
        return tuple(f for f in self.fields if f.type == "entity")

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(f"{self.name} has no field {name!r}")

    def property(self, name: str) -> PropertySpec:
        for spec in self.properties:
            if spec.name == name:
                return spec
        raise KeyError(f"{self.name} has no property {name!r}")


@dataclass(frozen=True, eq=False)
class Model:
    """All node types, with the lookups the rest of the code needs.

    Compared and hashed by identity: a loaded model never changes, so what is derived
    from it (record classes, the scoring plan, the channel table) is cached with
    ``functools.cache`` keyed by the model itself.
    """

    types: Mapping[str, NodeType]
    _by_code: Mapping[str, NodeType] = field(default_factory=dict)

    def get(self, name: str) -> NodeType:
        try:
            return self.types[name]
        except KeyError:
            raise ModelError(f"unknown node type {name!r}") from None

    @property
    def entity_types(self) -> list[NodeType]:
        return [t for t in self.types.values() if t.kind == "entity" and not t.abstract]

    @property
    def fact_types(self) -> list[NodeType]:
        """Concrete fact types in their declared reading order."""
        found = [t for t in self.types.values() if t.kind == "fact" and not t.abstract]
        return sorted(found, key=lambda t: (t.order, t.name))

    def fact_type(self, code: str) -> NodeType:
        try:
            return self._by_code[code]
        except KeyError:
            raise ModelError(f"unknown fact type {code!r}") from None

    def labels(self, name: str) -> list[str]:
        """The node's labels, most general first (``["Entity", "Company"]``)."""
        node = self.get(name)
        chain = [node.label]
        while node.extends:
            node = self.get(node.extends)
            chain.append(node.label)
        return list(reversed(chain))

    def fact_key(self, code: str, values: Mapping[str, Any]) -> str:
        """A deterministic key: the same fact from any article gets the same key."""
        fact = self.fact_type(code)
        parts = [_key_value(values.get(p.field), p.transform) for p in fact.key_parts]
        digest = hashlib.sha256(json.dumps([code, *parts]).encode()).hexdigest()
        return f"{code.lower().replace('_', '-')}-{digest[:20]}"


def _key_value(value: Any, transform: str | None) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return sorted(str(v) for v in value)
    text = str(value).strip()
    if transform == "year":
        return text[:4]
    if transform == "hundred_thousands":
        return str(round_amount(value))
    return text.casefold()


def round_amount(value: Any) -> float:
    """An amount to the nearest 100,000 (0 when missing or not a number)."""
    try:
        return round(float(value or 0), -5)
    except (TypeError, ValueError):
        return 0.0


def identity_key(fact: NodeType, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """Within one article, candidates with the same identity are one fact."""
    parts: list[Any] = [fact.code]
    for part in fact.identity_parts:
        value = values.get(part.field)
        if part.transform == "hundred_thousands":
            parts.append(round_amount(value))
        elif part.transform == "year":
            parts.append(str(value)[:4] if value else None)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            parts.append(float(value))
        else:
            parts.append(None if value is None else str(value))
    return tuple(parts)


MODEL_ENV = "BLOCGRAPH_MODEL_DIR"


@cache
def load_model(types_dir: Path | None = None) -> Model:
    """Load and validate every YAML type file; cached because it never changes at run time.

    Without ``types_dir`` the folder is ``$BLOCGRAPH_MODEL_DIR`` when set (a deployment
    with fact types of its own, or a test of a model extension), else the bundled one.
    """
    from blocgraph.schema.model_files import read_types

    configured = os.environ.get(MODEL_ENV)
    resolved = read_types(types_dir or (Path(configured) if configured else TYPES_DIR))
    by_code = {t.code: t for t in resolved.values() if t.code}
    return Model(types=resolved, _by_code=by_code)


def fact_field_names(fact: NodeType) -> Sequence[str]:
    """The README's field names in order, which is also the output contract's order."""
    return [f.name for f in fact.fields]
