"""CSV files in the layout ``neo4j-admin database import full`` reads.

One ``nodes_<Label>.csv`` per concrete type (``nodes_Company.csv``,
``nodes_FundingRound.csv``, ``nodes_Article.csv`` ...) and one
``rels_<TYPE>.csv`` per relationship type (``rels_<TYPE>_<Group>.csv`` where
one type leaves from two kinds of node, as IN_COUNTRY does). Headers come from
the model: ``id:ID(Entity)`` (ID spaces per kind, so an entity id and an
article id never collide), typed columns (``amount:double``,
``aliases:string[]`` with ``;`` between elements), ``:LABEL`` with every label,
``:START_ID(Fact)``, ``:END_ID(Entity)``, ``:TYPE``. ``import.sh`` holds the
matching command line (article text spans lines: ``--multiline-fields=true``).

Files are written as the items stream by; a single-stream output (a file or
HTTP) gets them as one zip archive, assembled from disk at the end so memory
stays flat.
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any, TextIO

from blocgraph.graph.export.base import Exporter, GraphItem, Link
from blocgraph.schema.model import Model
from blocgraph.schema.vocabulary import (
    DEFAULT_BASE,
    KIND_SPECS,
    KINDS,
    Column,
    NodeKind,
    labels_for,
    link_specs,
    node_columns,
)

ARRAY_DELIMITER = ";"
_ADMIN_TYPES = {"integer": "long", "float": "double", "amount": "double", "boolean": "boolean"}
_CHUNK = 1 << 16


def admin_type(column: Column) -> str:
    """The header type suffix: ``""`` for strings, ``:double``, ``:string[]`` ..."""
    base = _ADMIN_TYPES.get(column.type, "string")
    if column.list:
        return f":{base}[]"
    return "" if base == "string" else f":{base}"


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


class CsvAdminExporter(Exporter):
    media_type = "application/zip"
    suffix = ".zip"

    def __init__(self, out: IO[bytes], model: Model | None = None, base: str = DEFAULT_BASE,
                 directory: Path | None = None) -> None:
        super().__init__(out, model, base)
        self._spooled = directory is None
        self.directory = directory or Path(tempfile.mkdtemp(prefix="blocgraph-csv-"))
        self.directory.mkdir(parents=True, exist_ok=True)
        self._files: dict[str, tuple[TextIO, Any]] = {}
        self._columns: dict[tuple[str, str], tuple[Column, ...]] = {}
        self._rel_files = _relationship_files(self.model)
        self._node_files: list[str] = []

    def write_item(self, item: GraphItem) -> None:
        name = f"nodes_{_file_label(self.model, item)}.csv"
        columns = self._node_columns(item)
        if name not in self._files:
            self._node_files.append(name)
            key = KIND_SPECS[item.kind]
            self._open(name, [f"{key.key}:ID({key.label})",
                              *(f"{c.name}{admin_type(c)}" for c in columns), ":LABEL"])
        labels = ";".join(labels_for(self.model, item.kind, item.type))
        self._row(name, [item.id, *(cell(item.props.get(c.name)) for c in columns), labels])
        for link in item.links:
            self._link(item.kind, item.id, link)

    def _node_columns(self, item: GraphItem) -> tuple[Column, ...]:
        """The model's columns for the item's type, its key column excepted (cached)."""
        type_key = (item.kind, item.type)
        if type_key not in self._columns:
            fact_code = item.type if item.kind == "fact" else None
            self._columns[type_key] = tuple(
                c for c in node_columns(self.model, item.kind, fact_code)
                if c.name != KIND_SPECS[item.kind].key)
        return self._columns[type_key]

    def _link(self, kind: NodeKind, key: str, link: Link) -> None:
        found = self._rel_files.get((kind, link.type))
        if found is None:
            return  # not a relationship of the model
        name, columns = found
        if name not in self._files:
            start, end = KIND_SPECS[kind].label, KIND_SPECS[link.target_kind].label
            self._open(name, [f":START_ID({start})", f":END_ID({end})", ":TYPE",
                              *(f"{c.name}{admin_type(c)}" for c in columns)])
        self._row(name, [key, link.target, link.type,
                         *(cell(link.props.get(c.name)) for c in columns)])

    def _open(self, name: str, header: list[str]) -> None:
        handle = (self.directory / name).open("w", encoding="utf-8", newline="")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        self._files[name] = (handle, writer)

    def _row(self, name: str, row: list[str]) -> None:
        self._files[name][1].writerow(row)

    def finalize(self) -> None:
        for handle, _ in self._files.values():
            handle.close()
        (self.directory / "import.sh").write_text(self.import_command(), encoding="utf-8")
        if self._spooled:
            self._zip()

    def close(self) -> None:
        """Close the files and, when they were only spooled for the zip, remove them."""
        for handle, _ in self._files.values():
            handle.close()
        if self._spooled:
            shutil.rmtree(self.directory, ignore_errors=True)

    def import_command(self) -> str:
        nodes = " ".join(f"--nodes={name}" for name in sorted(self._node_files))
        rels = " ".join(f"--relationships={name}" for name in sorted(self._files)
                        if name.startswith("rels_"))
        # The database name goes first: --nodes takes any number of files after it.
        return ("#!/bin/sh\n# Run from this folder into an empty database (default: neo4j).\n"
                "neo4j-admin database import full \"${1:-neo4j}\" --multiline-fields=true "
                f"--array-delimiter='{ARRAY_DELIMITER}' {nodes} {rels}\n")

    def _zip(self) -> None:
        with zipfile.ZipFile(self.out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(self.directory.iterdir()):
                with path.open("rb") as source, archive.open(path.name, "w") as target:
                    shutil.copyfileobj(source, target, _CHUNK)


def _file_label(model: Model, item: GraphItem) -> str:
    """The most specific label (``Company``, ``Ban``), or the kind's (``Article``)."""
    if item.kind in ("entity", "fact"):
        return labels_for(model, item.kind, item.type)[-1]
    return KIND_SPECS[item.kind].label


def _relationship_files(model: Model) -> Mapping[tuple[str, str], tuple[str, tuple[Column, ...]]]:
    """(start kind, type) -> (file name, property columns), from the model."""
    starts: dict[str, list[tuple[NodeKind, tuple[Column, ...]]]] = {}
    for kind in KINDS:
        for spec in link_specs(model, kind):
            starts.setdefault(spec.type, []).append((kind, spec.columns))
    files: dict[tuple[str, str], tuple[str, tuple[Column, ...]]] = {}
    for rel_type, found in starts.items():
        for kind, columns in found:
            suffix = f"_{KIND_SPECS[kind].label}" if len(found) > 1 else ""
            files[(kind, rel_type)] = (f"rels_{rel_type}{suffix}.csv", columns)
    return files
