"""GraphML for networkx, Gephi and yEd, written element by element.

The ``<key>`` declarations come first and are derived from the model (every
property any node or relationship may carry, typed), so each node and edge can
be written the moment it is read. Node ids carry their kind
(``entity:mistral-ai``, ``fact:<key>``, ``country:FR``) so ids of different
kinds never collide; ``labels`` holds the Neo4j labels (``:Entity:Company``),
``label`` a display name for Gephi. Lists are stored as JSON text, since
GraphML has no list type.
"""

from __future__ import annotations

import json
import re
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from blocgraph.graph.export.base import Exporter, GraphItem
from blocgraph.schema.model import Model
from blocgraph.schema.vocabulary import (
    DEFAULT_BASE,
    KINDS,
    Column,
    all_columns,
    labels_for,
    link_specs,
)

_GRAPHML_TYPES = {"integer": "long", "float": "double", "amount": "double", "boolean": "boolean"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DISPLAY = {"entity": "name", "country": "name", "bloc": "name", "article": "title",
            "fact": "type", "curation": "action"}
_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
         'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')


def xml_text(value: str) -> str:
    """Text XML 1.0 can hold: control characters it forbids are dropped."""
    return _NOT_XML.sub("", value)


def node_id(kind: str, key: str) -> str:
    return f"{kind}:{key}"


def _graphml_type(column: Column) -> str:
    return "string" if column.list else _GRAPHML_TYPES.get(column.type, "string")


def _keys(columns: list[Column]) -> dict[str, str]:
    """Attribute name -> GraphML type; a name typed two ways falls back to string."""
    keys: dict[str, str] = {}
    for column in columns:
        kind = _graphml_type(column)
        keys[column.name] = kind if keys.get(column.name, kind) == kind else "string"
    return keys


class GraphMLExporter(Exporter):
    media_type = "application/graphml+xml"
    suffix = ".graphml"

    def __init__(self, out: IO[bytes], model: Model | None = None,
                 base: str = DEFAULT_BASE) -> None:
        super().__init__(out, model, base)
        node_columns = [c for kind, cols in all_columns(self.model) if kind != "source"
                        for c in cols]
        edge_columns = [c for kind in KINDS for link in link_specs(self.model, kind)
                        for c in link.columns]
        self.node_keys = {"kind": "string", "labels": "string", "label": "string",
                          **_keys(node_columns)}
        self.edge_keys = {"label": "string", **_keys(edge_columns)}
        self._edges = 0
        self._started = False

    def _start(self) -> None:
        declarations = [_key("n", "node", name, kind) for name, kind in self.node_keys.items()]
        declarations += [_key("e", "edge", name, kind) for name, kind in self.edge_keys.items()]
        text = _HEAD + "".join(declarations) + '<graph id="blocgraph" edgedefault="directed">\n'
        self.out.write(text.encode("utf-8"))
        self._started = True

    def write_item(self, item: GraphItem) -> None:
        if not self._started:
            self._start()
        labels = ":" + ":".join(labels_for(self.model, item.kind, item.type))
        shown = item.props.get(_DISPLAY[item.kind]) or item.id
        values = {"kind": item.kind, "labels": labels, "label": shown, **item.props}
        parts = [f"<node id={quoteattr(xml_text(node_id(item.kind, item.id)))}>"]
        parts += _data("n", self.node_keys, values)
        parts.append("</node>\n")
        for link in item.links:
            self._edges += 1
            source = quoteattr(xml_text(node_id(item.kind, item.id)))
            target = quoteattr(xml_text(node_id(link.target_kind, link.target)))
            parts.append(f'<edge id="e{self._edges}" source={source} target={target}>')
            parts += _data("e", self.edge_keys, {"label": link.type, **link.props})
            parts.append("</edge>\n")
        self.out.write("".join(parts).encode("utf-8"))

    def finalize(self) -> None:
        if not self._started:
            self._start()
        self.out.write(b"</graph>\n</graphml>\n")


def _key(prefix: str, domain: str, name: str, kind: str) -> str:
    return (f'<key id="{prefix}_{name}" for="{domain}" attr.name="{name}" '
            f'attr.type="{kind}"/>\n')


def _data(prefix: str, keys: dict[str, str], values: dict[str, Any]) -> list[str]:
    return [f'<data key="{prefix}_{name}">{escape(xml_text(_text(value, keys[name])))}</data>'
            for name, value in values.items() if name in keys and value is not None]


def _text(value: Any, kind: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if kind == "double" and isinstance(value, int | float):
        return repr(float(value))
    return str(value)
