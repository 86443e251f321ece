"""The export formats by name, and running an export to a stream or as chunks for HTTP.

:func:`iter_export` serves HTTP: the export runs in a worker thread writing
into a small bounded queue, and the caller yields chunks as they arrive, so a
slow client slows the reader instead of the graph piling up in memory (the
CSV zip, finished only at the end, flows through the same queue). Closing the
iterator early (a client that went away) stops the worker at its next write.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, cast

import neo4j

from blocgraph.errors import InputError
from blocgraph.graph.export.base import DEFAULT_BATCH, Exporter, Scope, iter_graph
from blocgraph.graph.export.csv_admin import CsvAdminExporter
from blocgraph.graph.export.graphml import GraphMLExporter
from blocgraph.graph.export.jsonl import JsonLinesExporter
from blocgraph.graph.export.rdf import JsonLdExporter, NTriplesExporter, TurtleExporter
from blocgraph.schema.model import Model, load_model
from blocgraph.schema.vocabulary import DEFAULT_BASE

FORMATS: dict[str, type[Exporter]] = {
    "ttl": TurtleExporter,
    "nt": NTriplesExporter,
    "jsonld": JsonLdExporter,
    "csv": CsvAdminExporter,
    "graphml": GraphMLExporter,
    "jsonl": JsonLinesExporter,
}
CHUNK_BYTES = 1 << 16
QUEUE_CHUNKS = 8


@dataclass(frozen=True)
class ExportOptions:
    """What to export and how: the scope, the IRI base, the database and page size."""

    scope: Scope = field(default_factory=Scope)
    base: str = DEFAULT_BASE
    database: str | None = None
    batch_size: int = DEFAULT_BATCH


def exporter_class(fmt: str) -> type[Exporter]:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise InputError(f"unknown export format {fmt!r}; choose one of "
                         f"{', '.join(FORMATS)}") from None


def make_exporter(fmt: str, out: IO[bytes], model: Model | None = None,
                  base: str = DEFAULT_BASE, directory: Path | None = None) -> Exporter:
    """An exporter writing ``fmt`` to ``out``; CSV into ``directory`` instead when given."""
    cls = exporter_class(fmt)
    if cls is CsvAdminExporter:
        return CsvAdminExporter(out, model, base, directory=directory)
    if directory is not None:
        raise InputError(f"only csv exports into a folder; give a file for {fmt}")
    return cls(out, model, base)


def export_graph(driver: neo4j.Driver, fmt: str, out: IO[bytes],
                 options: ExportOptions | None = None, *,
                 directory: Path | None = None) -> dict[str, int]:
    """Stream the scope's items through the format's exporter; returns counts per kind."""
    opts = options or ExportOptions()
    model = load_model()
    exporter = make_exporter(fmt, out, model, opts.base, directory)
    items = iter_graph(driver, opts.scope, database=opts.database,
                       batch_size=opts.batch_size, model=model)
    try:
        for item in items:
            exporter.write(item)
        exporter.finalize()
    finally:
        exporter.close()
    return dict(exporter.counts)


class _Cancelled(Exception):
    """The consumer stopped reading."""


class _QueueWriter:
    """A write-only binary stream (no ``tell``: zipfile then streams) feeding a queue."""

    def __init__(self, chunks: queue.Queue[bytes | BaseException | None],
                 cancelled: threading.Event) -> None:
        self.chunks = chunks
        self.cancelled = cancelled
        self.buffer = bytearray()

    def write(self, data: bytes) -> int:
        self.buffer += data
        if len(self.buffer) >= CHUNK_BYTES:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.buffer:
            self.put(bytes(self.buffer))
            self.buffer.clear()

    def put(self, item: bytes | BaseException | None) -> None:
        while True:
            if self.cancelled.is_set():
                raise _Cancelled
            try:
                self.chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue


def iter_export(driver: neo4j.Driver, fmt: str,
                options: ExportOptions | None = None) -> Iterator[bytes]:
    """The export as byte chunks; errors in the worker are raised here, in the consumer."""
    exporter_class(fmt)  # an unknown format fails before anything starts
    chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=QUEUE_CHUNKS)
    cancelled = threading.Event()
    sink = _QueueWriter(chunks, cancelled)

    def work() -> None:
        try:
            export_graph(driver, fmt, cast(IO[bytes], sink), options)
            sink.flush()
            sink.put(None)
        except _Cancelled:
            return
        except BaseException as exc:  # handed to the consumer, which re-raises it
            with contextlib.suppress(_Cancelled):
                sink.put(exc)

    worker = threading.Thread(target=work, name=f"export-{fmt}", daemon=True)
    worker.start()
    try:
        while (chunk := chunks.get()) is not None:
            if isinstance(chunk, BaseException):
                raise chunk
            yield chunk
    finally:
        cancelled.set()
        worker.join(timeout=5.0)
