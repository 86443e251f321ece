"""What the readers return, and the Cypher fragments that fetch it.

Curation is honoured inside the queries: every entity node is replaced by the
one it was merged into (``SAME_AS`` chains followed), so callers never see a
merged-away id; retracted facts are filtered by each query that lists facts.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Generic, TypeVar

import neo4j

from blocgraph.errors import InputError, ModelError, NotFoundError
from blocgraph.graph.analytics.projection import INTERNAL_FACT_PROPS, entity_type
from blocgraph.graph.identity import canonical as canonical  # re-exported for the readers
from blocgraph.graph.identity import merged_into as merged_into
from blocgraph.graph.read.homes import CountryView, country_views, home_countries_expr
from blocgraph.graph.read.temporal import as_iso
from blocgraph.graph.read.transactions import records
from blocgraph.schema.model import FieldSpec, load_model

T = TypeVar("T")


NOT_RETRACTED = "NOT coalesce(f.retracted, false)"
_ALIAS_IDS = f"""
MATCH (n:Entity {{id: $id}}) WITH {canonical('n', 'nt')} AS e
MATCH {merged_into('e', 'm')} RETURN collect(DISTINCT m.id) AS ids
"""


def alias_ids_in(tx: neo4j.ManagedTransaction, entity_id: str) -> list[str]:
    """The survivor's id and every id merged into it; NotFoundError for an unknown id."""
    rows = records(tx, _ALIAS_IDS, {"id": entity_id})
    ids = sorted(rows[0]["ids"]) if rows else []  # collect() answers [] for no match
    if not ids:
        raise NotFoundError(f"no entity with id {entity_id!r}")
    return ids


def fact_map(var: str, with_sources: bool = False, with_homes: bool = False) -> str:
    """Cypher for everything a FactView needs from the fact bound to ``var``, as one map.

    The flags add what a GraphQL selection will show, so it comes in the same
    statement instead of a second query: ``with_sources`` every supporting
    article with its evidence (in place of their bare publication dates),
    ``with_homes`` each participant entity's home countries (and so its bloc).
    Subquery variables carry a ``fm_`` prefix so they never capture a variable
    of the enclosing query.
    """
    homes = (f", homes: CASE WHEN fm_p:Entity THEN {home_countries_expr('fm_p')} END"
             if with_homes else "")
    published = f", published: [({var})-[:SUPPORTED_BY]->(fm_a:Article) | fm_a.published]"
    sources = (f", sources: COLLECT {{ MATCH ({var})-[fm_s:SUPPORTED_BY]->(fm_a:Article) "
               f"RETURN {{support: properties(fm_s), article: {article_fields('fm_a')}}} "
               "ORDER BY fm_a.published, fm_a.id }" if with_sources else "")
    return (
        f"{{props: properties({var}), "
        f"participants: COLLECT {{ MATCH ({var})-[fm_r]->(fm_q) WHERE type(fm_r) <> 'SUPPORTED_BY' "
        f"WITH fm_r, {canonical('fm_q', 'fm_t')} AS fm_p "
        f"RETURN {{edge: type(fm_r), lead: coalesce(fm_r.lead, false), node: fm_p{homes}}} }}"
        f"{sources or published}}}"
    )


def article_fields(var: str) -> str:
    return f"{var} {{.id, .title, .url, .outlet, .published, .source}}"


ARTICLE_FIELDS = article_fields("a")
FACT_MAP = fact_map("f")


@dataclass(frozen=True)
class EntityView:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    description: str | None = None
    known: bool = False
    homes: tuple[CountryView, ...] | None = None  # None: not read with the entity


@dataclass(frozen=True)
class ParticipantView:
    """A fact's participant: ``role`` is the edge type, ``field`` the model's field name;
    countries (of country fields, as in home facts) have ``type`` ``Country`` and their
    ISO code as ``id``.
    ``entity`` is the whole (surviving) entity, read with the fact, so showing it
    costs no further query."""

    role: str
    field: str
    id: str
    name: str
    type: str
    lead: bool = False
    entity: EntityView | None = None


@dataclass(frozen=True)
class FactView:
    key: str
    type: str
    attrs: Mapping[str, Any]
    participants: tuple[ParticipantView, ...]
    conflict: bool = False
    conflicts: tuple[str, ...] = ()
    retracted: bool = False
    retracted_why: str | None = None
    source_count: int = 0
    first_published: str | None = None
    sources: tuple[SourceView, ...] | None = None  # None: not read with the fact

    @property
    def date(self) -> str | None:
        return as_iso(self.attrs.get("date"))

    def ids(self, field_name: str) -> list[str]:
        """Participant ids of one field of the model (``investors``, ``lead_investors`` ...).

        A flag field such as ``lead_investors`` is the flagged subset of its edge's
        participants, as the model defines it; ``investors`` includes the leads.
        """
        spec = _field_spec(self.type, field_name)
        if spec is not None and spec.edge_flag:
            return [p.id for p in self.participants if p.role == spec.edge and p.lead]
        return [p.id for p in self.participants if p.field == field_name]


@dataclass(frozen=True)
class SourceView:
    """One article's support for a fact, with that source's own attribute values."""

    fact_key: str
    article_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    source: str | None
    text: str | None
    start: int | None
    end: int | None
    confidence: float | None
    extractor: str | None
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a listing; pass ``end_cursor`` as ``after`` for the next one."""

    items: tuple[T, ...]
    end_cursor: str | None
    has_next: bool


@dataclass(frozen=True)
class SearchHit:
    entity: EntityView
    score: float
    cursor: str


@dataclass(frozen=True)
class ConflictView:
    fact: FactView
    sources: tuple[SourceView, ...]


@dataclass(frozen=True)
class TimelineEntry:
    """``when`` is the fact's date, else (``dated_by='article'``) its first source's date."""

    when: str | None
    dated_by: str | None
    fact: FactView


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The offset after ``cursor``; InputError for anything :func:`encode_cursor` did not
    issue, byte for byte ("o: 5", "o:05", "o:+5" are refused). The error does not repeat
    the cursor: what a client sent is not echoed back."""
    if cursor is None:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InputError(INVALID_CURSOR) from None
    match = _CURSOR.fullmatch(text)
    if match is None or encode_cursor(int(match.group(1))) != cursor:
        raise InputError(INVALID_CURSOR)
    return int(match.group(1))


INVALID_CURSOR = "invalid cursor: pass the endCursor of a previous page"
_CURSOR = re.compile(r"o:(0|[1-9][0-9]{0,17})")


def check_first(first: int, most: int = 100) -> int:
    if not 1 <= first <= most:
        raise InputError(f"first must be between 1 and {most}, got {first}")
    return first


def page_of(items: Sequence[T], offset: int, first: int) -> Page[T]:
    """A page from ``first + 1`` fetched rows: the extra row only says there is more."""
    shown = tuple(items[:first])
    end = encode_cursor(offset + len(shown)) if shown else None
    return Page(shown, end, len(items) > first)


def entity_view(node: neo4j.graph.Node, homes: Any = None) -> EntityView:
    """The view of an entity node; ``homes`` are country maps read with it, if any.
    Aliases are a set (RDF and merges do not keep their order), shown sorted."""
    props = dict(node)
    return EntityView(
        id=props["id"], name=props.get("name") or props["id"], type=entity_type(node.labels),
        aliases=tuple(sorted(props.get("aliases") or ())), country=props.get("country"),
        description=props.get("description"), known=bool(props.get("known")),
        homes=country_views(homes),
    )


def fact_view(data: Mapping[str, Any]) -> FactView:
    """A FactView from a :data:`FACT_MAP` value."""
    props = dict(data["props"])
    sources = _sources(props, data)
    dates = ([s.published for s in sources] if sources is not None
             else [as_iso(v) for v in data["published"]])
    published = sorted(p for p in dates if p)
    participants = tuple(sorted(
        (_participant(props.get("type", ""), part) for part in data["participants"]),
        key=lambda p: (p.field, p.id),
    ))
    return FactView(
        key=props["key"], type=props.get("type", ""),
        attrs={k: v for k, v in props.items() if k not in INTERNAL_FACT_PROPS},
        participants=participants, conflict=bool(props.get("conflict")),
        conflicts=tuple(props.get("conflicts") or ()), retracted=bool(props.get("retracted")),
        retracted_why=props.get("retracted_why"), source_count=len(dates),
        first_published=published[0] if published else None, sources=sources,
    )


def _sources(props: Mapping[str, Any], data: Mapping[str, Any]) -> tuple[SourceView, ...] | None:
    found = data.get("sources")
    if found is None:
        return None
    return tuple(source_view(props["key"], s["support"], s["article"]) for s in found)


def source_view(key: str, support: Mapping[str, Any], article: Mapping[str, Any]) -> SourceView:
    return SourceView(
        fact_key=key, article_id=article["id"], title=article.get("title"),
        url=article.get("url"), outlet=article.get("outlet"),
        published=as_iso(article.get("published")), source=article.get("source"),
        text=support.get("text"), start=support.get("start"), end=support.get("end"),
        confidence=support.get("confidence"), extractor=support.get("extractor"),
        values=_values(support.get("values")),
    )


def _values(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, str):
        return {}
    try:
        parsed = json.loads(raw)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _participant(code: str, part: Mapping[str, Any]) -> ParticipantView:
    node = part["node"]
    props = dict(node)
    lead = bool(part["lead"])
    role = str(part["edge"])
    if "Country" in node.labels:
        return ParticipantView(role, _field_name(code, role), props["iso"],
                               props.get("name") or props["iso"], "Country")
    entity = entity_view(node, part.get("homes"))
    return ParticipantView(role, _field_name(code, role), entity.id, entity.name, entity.type,
                           lead, entity)


@cache
def _field_name(code: str, edge: str) -> str:
    """The model field an edge stands for (the unflagged one when several share the edge)."""
    try:
        specs = [s for s in load_model().fact_type(code).fields if s.edge == edge]
    except ModelError:
        specs = []
    plain = [s for s in specs if not s.edge_flag] or specs
    return plain[0].name if plain else edge.lower()


def _field_spec(code: str, name: str) -> FieldSpec | None:
    try:
        return load_model().fact_type(code).field(name)
    except (ModelError, KeyError):
        return None
