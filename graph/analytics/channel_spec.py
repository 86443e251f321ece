"""The declared dependency channels (``channels.yaml``), checked against the domain model.

Which facts place an entity (home, ownership, what it makes) and which fact fields feed
which channel are data, not code paths: ``channels.yaml`` names fact types and their
YAML field names, and this module resolves every field to the graph edge the model
gives it. Scoring (:mod:`~blocgraph.graph.analytics.channels`,
:mod:`~blocgraph.graph.analytics.blocs`), the one-entity reader
(:mod:`~blocgraph.graph.analytics.entity_projection`) and the home Cypher
(:mod:`blocgraph.graph.read.homes`) read the resolved :class:`ChannelSpec`, and the
API's ``model`` query hands each channel's label and hint to clients, so adding a
channel or feeding one from a new fact type touches only the YAML file. A declaration
the model cannot satisfy (unknown fact type or field, a field of the wrong kind) fails
at load time with a :class:`~blocgraph.errors.ModelError` naming the file and the entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from blocgraph.errors import ModelError
from blocgraph.schema.model import Model, NodeType, load_model

CHANNELS_FILE = Path(__file__).with_name("channels.yaml")

_TOP_KEYS = frozenset({"relations", "channels"})
# Each placement relation's field keys, and the field type each must have.
_RELATIONS: Mapping[str, Mapping[str, str]] = {
    "home": {"entity": "entity", "country": "country"},
    "ownership": {"owned": "entity", "owner": "entity"},
    "makes": {"maker": "entity", "product": "entity"},
}
_CHANNEL_KEYS = frozenset({"label", "hint", "weight", "own_home", "links"})
_LINK_KEYS = frozenset({"fact", "anchor", "counterparts", "sides", "amount", "currency",
                        "leads", "split", "products", "distinct"})


@dataclass(frozen=True)
class FieldRef:
    """A fact field by its YAML name, with the graph edge the model gives it."""

    name: str
    edge: str


@dataclass(frozen=True)
class Home:
    """Home facts: the entity field places the entity in the country field's country."""

    fact: str
    entity: FieldRef
    country: FieldRef


@dataclass(frozen=True)
class OwnedBy:
    """Owner facts: the owner field's entity owns the owned field's."""

    fact: str
    owned: FieldRef
    owner: FieldRef


@dataclass(frozen=True)
class Makes:
    """Product facts: the maker field's entity makes the product field's."""

    fact: str
    maker: FieldRef
    product: FieldRef


@dataclass(frozen=True)
class Side:
    """A field that may name the scored entity, and the fields naming its counterparts."""

    anchor: FieldRef
    counterparts: tuple[FieldRef, ...]

    @property
    def counterpart_edges(self) -> tuple[str, ...]:
        """The counterparts' edges in declared order, each once (fields may share one)."""
        return tuple(dict.fromkeys(f.edge for f in self.counterparts))


@dataclass(frozen=True)
class LinkSpec:
    """Facts of one type that give a channel its links (see ``channels.yaml``)."""

    fact: str
    sides: tuple[Side, ...]
    amount: str | None = None
    currency: str | None = None
    leads: FieldRef | None = None
    split: bool = False
    products: bool = False
    distinct: bool = False

    @property
    def anchor_edges(self) -> tuple[str, ...]:
        return tuple(side.anchor.edge for side in self.sides)

    def counterpart_edges(self, anchor_edge: str) -> tuple[str, ...]:
        """The counterparts' edges when the entity is on the side with this edge."""
        for side in self.sides:
            if side.anchor.edge == anchor_edge:
                return side.counterpart_edges
        return ()


@dataclass(frozen=True)
class Channel:
    """A channel: its weight in the combined score, and either the entity's own home or
    the declared links. ``label`` and ``hint`` are the words readers see for it (the API's
    ``model`` query passes them on), declared here so a new channel needs no client table."""

    name: str
    label: str
    hint: str
    weight: float
    own_home: bool = False
    links: tuple[LinkSpec, ...] = ()


@dataclass(frozen=True)
class ChannelSpec:
    home: Home
    ownership: OwnedBy
    makes: Makes
    channels: tuple[Channel, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.channels)

    @property
    def weights(self) -> dict[str, float]:
        return {c.name: c.weight for c in self.channels}

    def channel(self, name: str) -> Channel:
        for found in self.channels:
            if found.name == name:
                return found
        raise ValueError(f"unknown channel {name!r}")


def channel_spec() -> ChannelSpec:
    """The bundled declaration checked against the current model, once per model."""
    return _channel_spec(load_model())


@cache
def _channel_spec(model: Model) -> ChannelSpec:
    return load_channel_spec(model)


def load_channel_spec(model: Model | None = None, path: Path | None = None) -> ChannelSpec:
    """Read and check a channel declaration (default: the bundled ``channels.yaml``)."""
    path = path or CHANNELS_FILE
    return _Reader(model or load_model(), path.name).spec(_read_yaml(path))


def _read_yaml(path: Path) -> Mapping[str, Any]:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModelError(f"{path.name}: cannot read channel declarations ({exc})") from exc
    except yaml.YAMLError as exc:
        raise ModelError(f"{path.name}: invalid YAML ({exc})") from exc
    if not isinstance(doc, dict):
        raise ModelError(f"{path.name}: expected a mapping with 'relations' and 'channels'")
    return doc


@dataclass(frozen=True)
class _Reader:
    """Turns the parsed YAML into a :class:`ChannelSpec`, every error naming its place."""

    model: Model
    source: str

    def fail(self, where: str, message: str) -> ModelError:
        return ModelError(f"{self.source}: {where}: {message}")

    def spec(self, doc: Mapping[str, Any]) -> ChannelSpec:
        self.keys(doc, _TOP_KEYS, "top level")
        relations = self.mapping(doc.get("relations"), "relations")
        self.keys(relations, frozenset(_RELATIONS), "relations")
        found = {name: self.relation(name, relations.get(name)) for name in _RELATIONS}
        home, ownership, makes = found["home"], found["ownership"], found["makes"]
        channels = self.mapping(doc.get("channels"), "channels")
        if not channels:
            raise self.fail("channels", "no channel declared")
        return ChannelSpec(Home(home[0], *home[1]), OwnedBy(ownership[0], *ownership[1]),
                           Makes(makes[0], *makes[1]),
                           tuple(self.channel(str(n), c) for n, c in channels.items()))

    def relation(self, name: str, raw: Any) -> tuple[str, tuple[FieldRef, ...]]:
        where = f"relation {name!r}"
        item = self.mapping(raw, where)
        kinds = _RELATIONS[name]
        self.keys(item, frozenset({"fact", *kinds}), where)
        fact = self.fact_type(item.get("fact"), where)
        return fact.code or "", tuple(self.field(fact, item.get(key), kind, f"{where}, {key}")
                                      for key, kind in kinds.items())

    def channel(self, name: str, raw: Any) -> Channel:
        where = f"channel {name!r}"
        item = self.mapping(raw, where)
        self.keys(item, _CHANNEL_KEYS, where)
        label, hint = self.text(item, "label", where), self.text(item, "hint", where)
        weight = item.get("weight")
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
            raise self.fail(where, f"'weight' must be a number >= 0, got {weight!r}")
        own_home = self.flag(item, "own_home", where)
        raw_links = item.get("links") or []
        if not isinstance(raw_links, list):
            raise self.fail(where, "'links' must be a list")
        if own_home == bool(raw_links):
            raise self.fail(where, "declare either 'own_home: true' or 'links', not both")
        links = tuple(self.link(link, f"{where}, link {i + 1}")
                      for i, link in enumerate(raw_links))
        return Channel(name, label, hint, float(weight), own_home, links)

    def link(self, raw: Any, where: str) -> LinkSpec:
        item = self.mapping(raw, where)
        self.keys(item, _LINK_KEYS, where)
        fact = self.fact_type(item.get("fact"), where)
        where = f"{where} ({fact.code})"
        sides = self.sides(fact, item, where)
        amount = currency = None
        if "amount" in item or "currency" in item:
            amount = self.field(fact, item.get("amount"), "amount", f"{where}, amount").name
            currency = self.field(fact, item.get("currency"), "currency",
                                  f"{where}, currency").name
        leads = None
        if "leads" in item:
            leads = self.field(fact, item.get("leads"), "entity", f"{where}, leads")
            if fact.field(leads.name).edge_flag is None or not any(
                    leads.edge in side.counterpart_edges for side in sides):
                raise self.fail(where, f"leads field {leads.name!r} must flag the edge of a "
                                "counterpart field")
        return LinkSpec(fact.code or "", sides, amount, currency, leads,
                        self.flag(item, "split", where), self.flag(item, "products", where),
                        self.flag(item, "distinct", where))

    def sides(self, fact: NodeType, item: Mapping[str, Any], where: str) -> tuple[Side, ...]:
        if ("sides" in item) == ("anchor" in item or "counterparts" in item):
            raise self.fail(where, "declare either 'anchor' with 'counterparts', or 'sides'")
        pairs = (self.mapping(item["sides"], f"{where}, sides") if "sides" in item
                 else {item.get("anchor"): item.get("counterparts")})
        sides = []
        for anchor, counterparts in pairs.items():
            if not isinstance(counterparts, list) or not counterparts:
                raise self.fail(where, f"the counterparts of {anchor!r} must be a "
                                "non-empty list of fields")
            sides.append(Side(self.field(fact, anchor, "entity", f"{where}, anchor"),
                              tuple(self.field(fact, c, "entity", f"{where}, counterpart")
                                    for c in counterparts)))
        edges = [side.anchor.edge for side in sides]
        if len(set(edges)) != len(edges):
            raise self.fail(where, "two anchor fields share one edge")
        return tuple(sides)

    def fact_type(self, code: Any, where: str) -> NodeType:
        if not isinstance(code, str):
            raise self.fail(where, f"'fact' must name a fact type, got {code!r}")
        try:
            return self.model.fact_type(code)
        except ModelError as exc:
            raise self.fail(where, str(exc)) from None

    def field(self, fact: NodeType, name: Any, kind: str, where: str) -> FieldRef:
        """The named field of the fact type, which must be of ``kind`` (participant
        kinds must also have an edge)."""
        if not isinstance(name, str):
            raise self.fail(where, f"expected a field name, got {name!r}")
        try:
            spec = fact.field(name)
        except KeyError:
            raise self.fail(where, f"unknown field {name!r} of fact type {fact.code}") from None
        if spec.type != kind:
            raise self.fail(where, f"field {name!r} of {fact.code} is of type {spec.type!r}, "
                            f"not {kind!r}")
        if spec.is_participant and spec.edge is None:
            raise self.fail(where, f"field {name!r} of {fact.code} has no edge")
        return FieldRef(name, spec.edge or "")

    def mapping(self, raw: Any, where: str) -> Mapping[Any, Any]:
        if not isinstance(raw, dict):
            raise self.fail(where, "expected a mapping")
        return raw

    def keys(self, item: Mapping[Any, Any], allowed: frozenset[str], where: str) -> None:
        unknown = sorted(str(key) for key in set(item) - allowed)
        if unknown:
            raise self.fail(where, f"unknown key(s) {', '.join(unknown)}")

    def text(self, item: Mapping[str, Any], key: str, where: str) -> str:
        """A required, non-blank string (surrounding spaces dropped)."""
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"{key!r} must be a non-empty string, got {value!r}")
        return value.strip()

    def flag(self, item: Mapping[str, Any], key: str, where: str) -> bool:
        value = item.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(where, f"{key!r} must be true or false")
        return value
