"""The declarative domain model: one YAML file per node or fact type.

Everything that describes the data (Neo4j constraints, fact keys, GraphQL types,
the RDF ontology, SHACL shapes, export headers) is derived from the objects this
module builds, so a type is added or changed in exactly one place: its YAML file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast

import yaml

from blocgraph.errors import ModelError

TYPES_DIR = Path(__file__).parent / "types"

PROPERTY_TYPES = frozenset(
    {"id", "string", "country", "date", "integer", "float", "boolean", "amount", "currency", "json"}
)
FIELD_TYPES = frozenset({"entity", "country", "string", "amount", "currency", "date"})
KINDS = frozenset({"entity", "reference", "source", "fact"})
KEY_TRANSFORMS = frozenset({"year"})

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


@dataclass(frozen=True)
class Model:
    """All node types, with the lookups the rest of the code needs."""

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
        return [t for t in self.types.values() if t.kind == "fact" and not t.abstract]

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
    return text.casefold()


@cache
def load_model(types_dir: Path | None = None) -> Model:
    """Load and validate every YAML type file; cached because it never changes at run time."""
    directory = types_dir or TYPES_DIR
    raw = {path.stem: _read_yaml(path) for path in sorted(directory.glob("*.yaml"))}
    if not raw:
        raise ModelError(f"no type files in {directory}")
    parsed = {name: _parse_type(name, data) for name, data in raw.items()}
    resolved = {name: _inherit(parsed, node) for name, node in parsed.items()}
    _validate(resolved)
    by_code = {t.code: t for t in resolved.values() if t.code}
    return Model(types=resolved, _by_code=by_code)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ModelError(f"{path.name}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ModelError(f"{path.name}: expected a mapping at the top level")
    return cast(dict[str, Any], data)


def _parse_type(stem: str, data: Mapping[str, Any]) -> NodeType:
    where = f"{stem}.yaml"
    _require_keys(where, data, {"name", "kind", "label", "description"})
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
    if data.get("type") not in FIELD_TYPES:
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


def fact_field_names(fact: NodeType) -> Sequence[str]:
    """The README's field names in order, which is also the output contract's order."""
    return [f.name for f in fact.fields]
