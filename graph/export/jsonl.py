"""JSON Lines: one object per node, in the model's own terms, readable back without loss.

Lines come in dependency order (blocs, countries, articles, entities, facts,
curations). Every object has ``kind``, its key (``id``, ``iso`` or ``key``),
``properties`` (the node's other properties), and its relationships:

* a fact: ``type`` (its code), ``participants`` by the model's field names,
  always lists (``{"company": ["mistral-ai"], "lead_investors": [...]}``), and
  ``sources``: one object per supporting article with the evidence and that
  source's own ``values``;
* an entity: ``type`` (``Company`` ...), ``in_country`` and ``same_as``;
  a country: ``member_of``; an article: ``reference`` (true for reference data).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping
from typing import IO, Any

from blocgraph.errors import BlocGraphError, InputError, ModelError
from blocgraph.graph.export.base import Exporter, GraphItem, Link, sort_links
from blocgraph.graph.write.rows import participant_rows
from blocgraph.schema.model import Model, NodeType
from blocgraph.schema.vocabulary import (
    KIND_SPECS,
    KINDS,
    REFERENCE_LABEL,
    SUPPORTED_BY,
    NodeKind,
    link_specs,
)

VALUES = "values"


class JsonLinesExporter(Exporter):
    media_type = "application/x-ndjson"
    suffix = ".jsonl"

    def write_item(self, item: GraphItem) -> None:
        line = json.dumps(item_to_json(self.model, item), ensure_ascii=False)
        self.out.write(line.encode("utf-8") + b"\n")


# --- item -> JSON ----------------------------------------------------------------------------


def item_to_json(model: Model, item: GraphItem) -> dict[str, Any]:
    spec = KIND_SPECS[item.kind]
    data: dict[str, Any] = {"kind": item.kind, spec.key: item.id}
    if item.kind in ("entity", "fact"):
        data["type"] = item.type
    if item.kind == "article":
        data["reference"] = item.type == REFERENCE_LABEL
    hidden = {spec.key, "type"} if item.kind == "fact" else {spec.key}
    data["properties"] = {k: v for k, v in sorted(item.props.items()) if k not in hidden}
    if item.kind == "fact":
        fact = model.fact_type(item.type)
        data["participants"] = _participants(fact, item)
        data["sources"] = [_source(link) for link in item.links_of(SUPPORTED_BY)]
        return data
    for link_spec in link_specs(model, item.kind):
        found = item.links_of(link_spec.type)
        if found:
            key = KIND_SPECS[link_spec.target].key
            data[link_spec.type.lower()] = [{key: link.target, **link.props} for link in found]
    return data


def _participants(fact: NodeType, item: GraphItem) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for spec in fact.fields:
        if spec.edge is None:
            continue
        ids = [link.target for link in item.links_of(spec.edge)
               if not spec.edge_flag or link.props.get(spec.edge_flag)]
        if ids:
            found[spec.name] = ids
    return found


def _source(link: Link) -> dict[str, Any]:
    props = dict(link.props)
    raw = props.get(VALUES)
    if isinstance(raw, str):
        with contextlib.suppress(ValueError):
            props[VALUES] = json.loads(raw)
    return {"article": link.target, **dict(sorted(props.items()))}


# --- JSON -> item ----------------------------------------------------------------------------


def json_to_item(model: Model, data: Mapping[str, Any]) -> GraphItem:
    """The item a line describes; InputError naming what is wrong."""
    kind = data.get("kind")
    if kind not in KINDS:
        raise InputError(f"unknown kind {kind!r}")
    node_kind: NodeKind = kind
    spec = KIND_SPECS[node_kind]
    key = data.get(spec.key)
    if not isinstance(key, str) or not key:
        raise InputError(f"a {kind} needs a non-empty {spec.key!r}")
    props = data.get("properties") or {}
    if not isinstance(props, Mapping):
        raise InputError(f"{kind} {key}: 'properties' must be an object")
    props = {**props, spec.key: key}
    if node_kind == "fact":
        return _fact_item(model, key, data, props)
    type_name = _type_name(model, node_kind, data)
    links = [link for link_spec in link_specs(model, node_kind)
             for link in _plain_links(data, link_spec.type, link_spec.target)]
    return GraphItem(node_kind, key, type_name, props, sort_links(links))


def _type_name(model: Model, kind: NodeKind, data: Mapping[str, Any]) -> str:
    if kind == "entity":
        type_name = str(data.get("type") or "Entity")
        node = model.get(type_name)
        if node.kind != "entity":
            raise InputError(f"{type_name!r} is not an entity type")
        return type_name
    if kind == "article" and data.get("reference"):
        return REFERENCE_LABEL
    return KIND_SPECS[kind].label


def _plain_links(data: Mapping[str, Any], rel_type: str, target: NodeKind) -> Iterator[Link]:
    key = KIND_SPECS[target].key
    for entry in _objects(data.get(rel_type.lower()), rel_type.lower()):
        props = {k: v for k, v in entry.items() if k != key}
        yield Link(rel_type, target, _text(entry.get(key), f"{rel_type.lower()}.{key}"), props)


def _fact_item(model: Model, key: str, data: Mapping[str, Any],
               props: dict[str, Any]) -> GraphItem:
    code = str(data.get("type") or "")
    try:
        fact = model.fact_type(code)
    except ModelError as exc:
        raise InputError(exc.message) from None
    props["type"] = code
    values = _participant_values(fact, data.get("participants") or {})
    links: list[Link] = []
    for edge, rows in participant_rows(fact, key, values).items():
        target: NodeKind = "country" if _edge_to_country(fact, edge) else "entity"
        flag = next((s.edge_flag for s in fact.fields if s.edge == edge and s.edge_flag), None)
        for row in rows:
            links.append(Link(edge, target, row["id"], {flag: row["flag"]} if flag else {}))
    for entry in _objects(data.get("sources"), "sources"):
        source = {k: v for k, v in entry.items() if k != "article"}
        if not isinstance(source.get(VALUES), str | type(None)):
            source[VALUES] = json.dumps(source[VALUES], sort_keys=True, ensure_ascii=False)
        article = _text(entry.get("article"), "sources.article")
        links.append(Link(SUPPORTED_BY, "article", article, source))
    return GraphItem("fact", key, code, props, sort_links(links))


def _participant_values(fact: NodeType, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise InputError("'participants' must be an object")
    values: dict[str, Any] = {}
    for spec in fact.fields:
        if spec.edge is None:
            continue
        ids = raw.get(spec.name) or []
        ids = ids if isinstance(ids, list) else [ids]
        values[spec.name] = [_text(i, f"participants.{spec.name}") for i in ids]
    return values


def _edge_to_country(fact: NodeType, edge: str) -> bool:
    return any(s.type == "country" for s in fact.fields if s.edge == edge)


def _objects(value: Any, name: str) -> list[Mapping[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise InputError(f"{name!r} must be a list of objects")
    return value


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value:
        raise InputError(f"{name} must be a non-empty string")
    return value


def read_jsonl(model: Model, handle: IO[str], name: str = "<input>") -> Iterator[GraphItem]:
    """Items from a JSON Lines export; a bad line raises InputError with its number."""
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, Mapping):
                raise InputError("not a JSON object")
            yield json_to_item(model, data)
        except ValueError as exc:
            raise InputError(f"{name}:{number}: not valid JSON ({exc})") from None
        except BlocGraphError as exc:
            raise InputError(f"{name}:{number}: {exc.message}") from None
