"""Reading the YAML type files: parsing, inheritance, defaults and validation.

Kept apart from :mod:`blocgraph.schema.model` so the model's types read on their own;
every rule a type file must follow is checked here, once, when the model loads, and
a broken file is one :class:`~blocgraph.errors.ModelError` naming the file and the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, cast

import yaml

from blocgraph.errors import ModelError
from blocgraph.schema.field_types import FACT_FIELD_TYPES, PROPERTY_TYPES
from blocgraph.schema.model import (
    DisplayEdge,
    EdgeSpec,
    FieldSpec,
    FrameSpec,
    KeyPart,
    NodeType,
    PropertySpec,
    ScoringPool,
    ScoringSpec,
)

KINDS = frozenset({"entity", "reference", "source", "fact"})
# Key transforms: ``date:year`` keys a date by its year; ``amount:hundred_thousands`` rounds
# an amount so two sentences' "$6bn" and "$6.02bn" are one round within an article.
KEY_TRANSFORMS = frozenset({"year", "hundred_thousands"})
EDGE_STYLES = frozenset({"restriction"})
_SUMMARY_FIELD = re.compile(r"\{([^}]*)\}")


def read_types(directory: Path) -> dict[str, NodeType]:
    """Every type file of the folder, parsed, inherited, defaulted and validated."""
    raw = {path.stem: _read_yaml(path) for path in sorted(directory.glob("*.yaml"))}
    if not raw:
        raise ModelError(f"no type files in {directory}")
    parsed = {name: _parse_type(name, data) for name, data in raw.items()}
    resolved = {name: _inherit(parsed, node) for name, node in parsed.items()}
    _validate(resolved)
    return {name: _default_identity(node) for name, node in resolved.items()}


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ModelError(f"{path.name}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ModelError(f"{path.name}: expected a mapping at the top level")
    return cast(dict[str, Any], data)


TYPE_KEYS = frozenset({
    "name", "kind", "label", "description", "abstract", "extends", "key", "properties",
    "edges", "code", "fields", "precedence", "title", "plural", "order", "headline",
    "listing", "summary", "edge", "identity", "scoring", "frames",
})


def _parse_type(stem: str, data: Mapping[str, Any]) -> NodeType:
    where = f"{stem}.yaml"
    _require_keys(where, data, {"name", "kind", "label", "description"})
    unknown = sorted(set(data) - TYPE_KEYS)
    if unknown:
        raise ModelError(f"{where}: unknown key {unknown[0]!r}")
    if data["name"] != stem:
        raise ModelError(f"{where}: name {data['name']!r} must match the file name")
    if data["kind"] not in KINDS:
        raise ModelError(f"{where}: unknown kind {data['kind']!r}")
    key = data.get("key")
    key_parts: tuple[KeyPart, ...] = ()
    if isinstance(key, list):
        key_parts = tuple(_parse_key_part(where, str(k)) for k in key)
        key = "key"
    return NodeType(
        name=stem,
        kind=data["kind"],
        label=str(data["label"]),
        description=str(data["description"]).strip(),
        abstract=bool(data.get("abstract", False)),
        extends=data.get("extends"),
        key=key,
        properties=_parse_properties(where, data.get("properties") or {}),
        edges=tuple(_parse_edge(where, n, e) for n, e in (data.get("edges") or {}).items()),
        code=data.get("code"),
        fields=tuple(_parse_field(where, n, f) for n, f in (data.get("fields") or {}).items()),
        key_parts=key_parts,
        precedence=int(data.get("precedence", 100)),
        title=str(data.get("title") or data["label"]),
        plural=str(data.get("plural") or data.get("title") or data["label"]),
        order=int(data.get("order", 100)),
        headline=bool(data.get("headline", False)),
        listing=_listing(data.get("listing")),
        listing_bloc=tuple(str(n) for n in _listing_options(data.get("listing")).get("bloc", ())),
        summary=data.get("summary"),
        edge=_parse_display_edge(where, data.get("edge")),
        identity_parts=tuple(_parse_key_part(where, str(k)) for k in data.get("identity") or ()),
        scoring=_parse_scoring(where, data.get("scoring")),
        frames=tuple(_parse_frame(where, f) for f in data.get("frames") or ()),
    )


def _listing(data: Any) -> str | None:
    """The alias field name of ``listing: bans`` or ``listing: {name: bans, ...}``."""
    if isinstance(data, Mapping):
        return str(data["name"]) if data.get("name") else None
    return None if data is None else str(data)


def _listing_options(data: Any) -> Mapping[str, Any]:
    return data if isinstance(data, Mapping) else {}


FRAME_ROLES = frozenset({"agent", "patient", "governor"})


def _parse_frame(where: str, data: Mapping[str, Any]) -> FrameSpec:
    _require_keys(f"{where} frame", data, {"name", "slots"})
    name = str(data["name"])
    if not data.get("verbs") and not data.get("nouns"):
        raise ModelError(f"{where}: frame {name!r} needs trigger verbs or nouns")
    slots = []
    for field_name, roles in dict(data["slots"]).items():
        for role in roles:
            if role not in FRAME_ROLES and not str(role).startswith("prep:"):
                raise ModelError(f"{where}: frame {name!r} has unknown role {role!r}")
        slots.append((str(field_name), tuple(str(r) for r in roles)))
    return FrameSpec(
        name=name, slots=tuple(slots),
        verbs=tuple(str(v).lower() for v in data.get("verbs") or ()),
        nouns=tuple(str(n).lower() for n in data.get("nouns") or ()),
        particle=data.get("particle"),
        required=tuple(data.get("required") or ()),
        confidence=float(data.get("confidence", 0.7)),
    )


def _parse_display_edge(where: str, data: Any) -> DisplayEdge | None:
    if data is None:
        return None
    _require_keys(f"{where} edge", data, {"source", "target", "label"})
    style = data.get("style")
    if style is not None and style not in EDGE_STYLES:
        raise ModelError(f"{where}: unknown edge style {style!r}")
    return DisplayEdge(str(data["source"]), str(data["target"]), str(data["label"]), style)


def _parse_scoring(where: str, data: Any) -> ScoringSpec | None:
    if data is None:
        return None
    _require_keys(f"{where} scoring", data, {"key"})
    pool = data.get("pool")
    return ScoringSpec(
        key=tuple(data["key"]),
        attributes=tuple(data.get("attributes") or ()),
        scored=bool(data.get("scored", True)),
        pool=ScoringPool(str(pool["name"]), tuple(pool["key"])) if pool else None,
    )


def _require_keys(where: str, data: Mapping[str, Any], keys: Iterable[str]) -> None:
    missing = sorted(set(keys) - set(data))
    if missing:
        raise ModelError(f"{where}: missing {', '.join(missing)}")


def _parse_key_part(where: str, text: str) -> KeyPart:
    name, _, transform = text.partition(":")
    if transform and transform not in KEY_TRANSFORMS:
        raise ModelError(f"{where}: unknown key transform {transform!r}")
    return KeyPart(field=name, transform=transform or None)


def _parse_properties(where: str, data: Mapping[str, Any]) -> tuple[PropertySpec, ...]:
    specs = []
    for name, spec in data.items():
        if spec.get("type") not in PROPERTY_TYPES:
            raise ModelError(f"{where}: property {name!r} has unknown type {spec.get('type')!r}")
        specs.append(
            PropertySpec(
                name=name,
                type=spec["type"],
                required=bool(spec.get("required", False)),
                list=bool(spec.get("list", False)),
                fulltext=bool(spec.get("fulltext", False)),
                description=str(spec.get("description", "")),
            )
        )
    return tuple(specs)


def _parse_edge(where: str, name: str, data: Mapping[str, Any]) -> EdgeSpec:
    _require_keys(f"{where} edge {name}", data, {"target"})
    return EdgeSpec(
        type=name,
        target=str(data["target"]),
        properties=_parse_properties(where, data.get("properties") or {}),
        description=str(data.get("description", "")),
    )


def _parse_field(where: str, name: str, data: Mapping[str, Any]) -> FieldSpec:
    if data.get("type") not in FACT_FIELD_TYPES:
        raise ModelError(f"{where}: field {name!r} has unknown type {data.get('type')!r}")
    spec = FieldSpec(
        name=name,
        type=data["type"],
        list=bool(data.get("list", False)),
        edge=data.get("edge"),
        edge_flag=data.get("edge_flag"),
        required=bool(data.get("required", False)),
        range=tuple(data.get("range") or ()),
    )
    if spec.is_participant and not spec.edge:
        raise ModelError(f"{where}: participant field {name!r} needs an edge type")
    return spec


def _default_identity(node: NodeType) -> NodeType:
    """Without a declared identity, one article's candidates are one fact when their key
    fields agree (transformed parts, such as a date's year, left out)."""
    if node.identity_parts or not node.key_parts:
        return node
    parts = tuple(p for p in node.key_parts if p.transform is None)
    return NodeType(**{**node.__dict__, "identity_parts": parts})


def _inherit(types: Mapping[str, NodeType], node: NodeType) -> NodeType:
    """Copy the parent's key, properties and edges into the child (parents first)."""
    if not node.extends:
        return node
    if node.extends not in types:
        raise ModelError(f"{node.name}.yaml: extends unknown type {node.extends!r}")
    parent = _inherit(types, types[node.extends])
    if parent.kind != node.kind:
        raise ModelError(f"{node.name}.yaml: kind differs from its parent {parent.name}")
    return NodeType(
        **{
            **node.__dict__,
            "key": node.key or parent.key,
            "properties": parent.properties + node.properties,
            "edges": parent.edges + node.edges,
        }
    )


def _validate(types: Mapping[str, NodeType]) -> None:
    labels = [t.label for t in types.values()]
    duplicates = {label for label in labels if labels.count(label) > 1}
    if duplicates:
        raise ModelError(f"labels used twice: {', '.join(sorted(duplicates))}")
    codes = [t.code for t in types.values() if t.code]
    if len(codes) != len(set(codes)):
        raise ModelError("a fact code is used twice")
    for node in types.values():
        _validate_node(types, node)


def _validate_node(types: Mapping[str, NodeType], node: NodeType) -> None:
    where = f"{node.name}.yaml"
    if not node.abstract and not node.key:
        raise ModelError(f"{where}: a concrete type needs a key")
    if node.kind == "fact" and not node.abstract:
        _validate_fact(types, node, where)
    for edge in node.edges:
        if edge.target not in types:
            raise ModelError(f"{where}: edge {edge.type} targets unknown type {edge.target!r}")


def _validate_fact(types: Mapping[str, NodeType], node: NodeType, where: str) -> None:
    if not node.code or not node.key_parts:
        raise ModelError(f"{where}: a fact type needs a code and a key list")
    names = {f.name for f in node.fields}
    for part in node.key_parts:
        if part.field not in names:
            raise ModelError(f"{where}: key field {part.field!r} is not a field")
    entity_names = {t.name for t in types.values() if t.kind == "entity" and not t.abstract}
    for spec in node.fields:
        unknown = set(spec.range) - entity_names
        if unknown:
            raise ModelError(f"{where}: field {spec.name!r} ranges over unknown {sorted(unknown)}")
    if node.extends != "Fact" and node.name != "Fact":
        raise ModelError(f"{where}: a fact type must extend Fact")
    for used, what in _named_fields(node):
        if used not in names:
            raise ModelError(f"{where}: {what} names {used!r}, which is not a field")


def _named_fields(node: NodeType) -> Iterable[tuple[str, str]]:
    """Every field name the type's declarations refer to, with where it is used."""
    for part in node.identity_parts:
        yield part.field, "identity"
    if node.edge is not None:
        yield node.edge.source, "edge"
        yield node.edge.target, "edge"
    if node.scoring is not None:
        for name in (*node.scoring.key, *node.scoring.attributes):
            yield name, "scoring"
        for name in node.scoring.pool.key if node.scoring.pool else ():
            yield name, "scoring pool"
    for frame in node.frames:
        for name in (*(slot for slot, _ in frame.slots), *frame.required):
            yield name, f"frame {frame.name!r}"
    for name in node.listing_bloc:
        yield name, "listing bloc"
    for slot in _SUMMARY_FIELD.findall(node.summary or ""):
        for name in slot.split("|"):
            if not name.startswith("="):
                yield name, "summary"
