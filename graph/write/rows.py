"""From one load record (``ExtractionResult.to_load_record()``) to the rows the queries take.

Everything that can be checked without the database is checked here, so a bad
record fails alone with a sentence naming what is wrong, before any write.
Entity ids go through the curation redirects first and fact keys are computed
afterwards, so later mentions of a merged entity land on the survivor's facts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from blocgraph.errors import BlocGraphError, InputError
from blocgraph.graph.identity import resolve
from blocgraph.schema.model import FieldSpec, Model, NodeType
from blocgraph.schema.records import make_record

ARTICLE_PROPS = ("source", "url", "title", "outlet", "content_hash", "text")
_ISO = re.compile(r"^[A-Z]{2}$")

EdgeGroup = tuple[str, str]  # (fact code, edge type)


# A fact object's keys that are not fields of its type.
_ENVELOPE = frozenset({"type", "evidence", "confidence"})

@dataclass(frozen=True)
class Context:
    """What preparing a record needs to know about the graph and the reference data."""

    model: Model
    known_ids: frozenset[str] = frozenset()
    redirects: Mapping[str, str] = field(default_factory=dict)

    def resolve(self, entity_id: str) -> str:
        """The surviving id after curation merges (chains followed, cycles cut)."""
        return resolve(self.redirects, entity_id)


@dataclass
class ArticleRows:
    """All rows of one article; written together or not at all."""

    article_id: str
    source: str
    article: dict[str, Any]
    entities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    facts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    edges: dict[EdgeGroup, list[dict[str, Any]]] = field(default_factory=dict)
    support: list[dict[str, Any]] = field(default_factory=list)

    @property
    def fact_keys(self) -> list[str]:
        return [row["key"] for row in self.support]

    @property
    def entity_count(self) -> int:
        return sum(len(rows) for rows in self.entities.values())


def describe(record: Mapping[str, Any]) -> str:
    """The name an error line uses for a record: its source, else its id."""
    article = record.get("article") if isinstance(record, Mapping) else None
    if isinstance(article, Mapping):
        return str(article.get("source") or article.get("id") or "<record without article>")
    return "<record without article>"


def prepare_record(record: Mapping[str, Any], ctx: Context) -> ArticleRows:
    """Rows for one record; raises :class:`InputError` naming the problem."""
    if not isinstance(record, Mapping):
        raise InputError("a load record must be a JSON object")
    article = _article_row(record.get("article"), record.get("extractor"))
    rows = ArticleRows(article["id"], describe(record), article)
    listed = _add_entities(rows, _list(record, "entities"), ctx)
    extractor = str(record.get("extractor") or "unknown")
    facts: dict[str, dict[str, Any]] = {}
    for index, raw in enumerate(_list(record, "facts")):
        try:
            _add_fact(facts, raw, ctx, listed)
        except BlocGraphError as exc:
            raise InputError(f"fact #{index + 1}: {exc.message}") from None
    for fact in facts.values():
        _emit_fact(rows, fact, ctx.model, extractor)
    return rows


def _list(record: Mapping[str, Any], name: str) -> list[Any]:
    value = record.get(name) or []
    if not isinstance(value, list):
        raise InputError(f"{name!r} must be a list")
    return value


def _text(data: Mapping[str, Any], name: str, where: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where} has no {name!r}")
    return value


def _article_row(article: Any, extractor: Any) -> dict[str, Any]:
    if not isinstance(article, Mapping):
        raise InputError("the record has no 'article' object")
    article_id = _text(article, "id", "article")
    _text(article, "content_hash", f"article {article_id}")
    props = {name: article.get(name) for name in ARTICLE_PROPS}
    props["published"] = article.get("published")
    return {"id": article_id, "props": props}


# --- entities ----------------------------------------------------------------


def _add_entities(rows: ArticleRows, entities: list[Any], ctx: Context) -> set[str]:
    """Entity rows grouped by type; returns every id (before and after redirects) listed."""
    by_id: dict[str, tuple[str, dict[str, Any]]] = {}
    listed: set[str] = set()
    for index, raw in enumerate(entities):
        if not isinstance(raw, Mapping):
            raise InputError(f"entity #{index + 1} is not an object")
        entity_id = _text(raw, "id", f"entity #{index + 1}")
        type_name = _entity_type(ctx.model, raw.get("type"), entity_id)
        row = _entity_row(raw, entity_id, ctx)
        listed.update({entity_id, row["id"]})
        if row["id"] in by_id:
            _union_aliases(by_id[row["id"]][1], row)
        else:
            by_id[row["id"]] = (type_name, row)
    for type_name, row in by_id.values():
        rows.entities.setdefault(type_name, []).append(row)
    return listed


def _entity_type(model: Model, value: Any, entity_id: str) -> str:
    names = {t.name for t in model.entity_types}
    if not isinstance(value, str) or value not in names:
        raise InputError(f"entity {entity_id!r} has unknown type {value!r}")
    return value


def _entity_row(raw: Mapping[str, Any], entity_id: str, ctx: Context) -> dict[str, Any]:
    target = ctx.resolve(entity_id)
    name = _text(raw, "name", f"entity {entity_id!r}")
    aliases = [a for a in raw.get("aliases") or [] if isinstance(a, str) and a.strip()]
    if target != entity_id:
        aliases.append(name)  # the merged-away name stays findable on the survivor
    country = raw.get("country")
    return {
        "id": target,
        "name": name,
        "aliases": list(dict.fromkeys(aliases)),
        "country": country if isinstance(country, str) and _ISO.match(country) else None,
        "description": raw.get("description") or None,
        "known": bool(raw.get("known", target in ctx.known_ids)),
    }


def _union_aliases(kept: dict[str, Any], extra: dict[str, Any]) -> None:
    names = [*kept["aliases"], extra["name"], *extra["aliases"]]
    kept["aliases"] = [a for a in dict.fromkeys(names) if a != kept["name"]]


# --- facts -------------------------------------------------------------------


def _add_fact(
    facts: dict[str, dict[str, Any]], raw: Any, ctx: Context, listed: set[str]
) -> None:
    """Validate one fact and fold it into ``facts`` by key (one article, one fact per key)."""
    if not isinstance(raw, Mapping):
        raise InputError("not an object")
    fact_type = ctx.model.fact_type(str(raw.get("type")))
    # The typed record is the one check of a fact's fields (unknown fields, required
    # ones, each value cleaned by its field type), the same the extractor applies.
    fields = {name: value for name, value in raw.items() if name not in _ENVELOPE}
    record = make_record(str(fact_type.code), fields, ctx.model).values()
    stated = {spec.name: _known(spec, record[spec.name], ctx, listed)
              for spec in fact_type.fields}
    values = {spec.name: _redirected(spec, stated[spec.name], ctx) for spec in fact_type.fields}
    key = ctx.model.fact_key(str(fact_type.code), values)
    evidence = _evidence(raw.get("evidence"))
    confidence = raw.get("confidence", 0.0)
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        raise InputError(f"confidence must be a number, got {confidence!r}")
    current = facts.get(key)
    if current is None:
        facts[key] = {"key": key, "type": fact_type, "values": values, "stated": stated,
                      "evidence": evidence, "confidence": float(confidence)}
        return
    _fill(current["values"], values)
    _fill(current["stated"], stated)
    current["confidence"] = max(current["confidence"], float(confidence))


def _known(spec: FieldSpec, value: Any, ctx: Context, listed: set[str]) -> Any:
    """An entity field's ids must be among the record's entities or already known."""
    if spec.type != "entity" or value is None:
        return value
    for entity_id in value if isinstance(value, list) else [value]:
        if entity_id not in listed and entity_id not in ctx.known_ids \
                and ctx.resolve(entity_id) == entity_id:
            raise InputError(f"{spec.name!r} refers to {entity_id!r}, "
                             "which is not among the entities")
    return value


def _redirected(spec: FieldSpec, value: Any, ctx: Context) -> Any:
    """Participant ids after curation merges (a list keeps one copy of each survivor)."""
    if not spec.is_participant or spec.type == "country" or value is None:
        return value
    if isinstance(value, list):
        return list(dict.fromkeys(ctx.resolve(v) for v in value))
    return ctx.resolve(value)


def _evidence(value: Any) -> dict[str, Any]:
    """The first evidence span (the one the SUPPORTED_BY edge shows)."""
    first = value[0] if isinstance(value, list) and value else None
    if not isinstance(first, Mapping):
        raise InputError("has no evidence")
    start, end, text = first.get("start"), first.get("end"), first.get("text")
    if not isinstance(start, int) or not isinstance(end, int) or not isinstance(text, str):
        raise InputError("evidence needs integer start/end and a text")
    return {"start": start, "end": end, "text": text}


def _fill(current: dict[str, Any], extra: dict[str, Any]) -> None:
    for name, value in extra.items():
        if isinstance(value, list):
            current[name] = list(dict.fromkeys([*(current.get(name) or []), *value]))
        elif current.get(name) is None:
            current[name] = value


def _emit_fact(rows: ArticleRows, fact: dict[str, Any], model: Model, extractor: str) -> None:
    fact_type: NodeType = fact["type"]
    code = str(fact_type.code)
    values: dict[str, Any] = fact["values"]
    key: str = fact["key"]
    props = {s.name: values[s.name] for s in fact_type.fields if not s.is_participant}
    rows.facts.setdefault(code, []).append({"key": key, "type": code, "props": props})
    for edge, edge_rows in participant_rows(fact_type, key, values).items():
        rows.edges.setdefault((code, edge), []).extend(edge_rows)
    # What the source itself said (ids as extracted), so a later merge changes nothing here.
    stated = json.dumps(fact["stated"], sort_keys=True, ensure_ascii=False)
    support = {**fact["evidence"], "confidence": fact["confidence"], "extractor": extractor,
               "values": stated}
    rows.support.append({"key": key, "article": rows.article_id, "props": support})


def participant_rows(
    fact_type: NodeType, key: str, values: Mapping[str, Any]
) -> dict[str, list[dict[str, Any]]]:
    """Edge rows ``{key, id, flag}`` per edge type; a flag field marks ids of a shared edge."""
    ids: dict[str, list[str]] = {}
    flagged: dict[str, set[str]] = {}
    for spec in fact_type.fields:
        if not spec.is_participant or spec.edge is None:
            continue
        value = values.get(spec.name)
        found = value if isinstance(value, list) else ([] if value is None else [value])
        ids.setdefault(spec.edge, []).extend(found)
        if spec.edge_flag:
            flagged.setdefault(spec.edge, set()).update(found)
    return {
        edge: [{"key": key, "id": i, "flag": i in flagged.get(edge, set())}
               for i in dict.fromkeys(found)]
        for edge, found in ids.items()
    }
