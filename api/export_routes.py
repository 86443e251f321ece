"""``GET /export/{format}``: the graph, an entity's neighbourhood or a bloc, streamed.

The export runs in a worker thread feeding a bounded queue
(:func:`blocgraph.graph.export.formats.iter_export`), so the response starts
at once and a large graph never sits in memory. The first chunk is taken
before the response starts: an unknown entity or bloc still answers 404, a bad
argument 400 and a store outage 503, in the API's one error format, instead of
a 200 with a broken body. A failure after the first chunk cannot change the
status any more: the stream is aborted (the chunked body never gets its closing
chunk), which every HTTP client reports as an incomplete download, rather than
ending as if the export were whole.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from itertools import chain

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from blocgraph.api.backend import Backend
from blocgraph.graph.export.base import Scope
from blocgraph.graph.export.formats import FORMATS, ExportOptions, exporter_class, iter_export

router = APIRouter()
LOG = logging.getLogger("blocgraph.api.export")


class ExportAborted(Exception):
    """Raised into the server mid-stream so it drops the connection unfinished."""


@router.get("/export/{fmt}", summary="Export as " + ", ".join(FORMATS))
def export(
    fmt: str,
    request: Request,
    entity: str | None = Query(None, description="only this entity and its neighbourhood"),
    hops: int = Query(1, description="facts to follow from the entity or the bloc's entities"),
    bloc: str | None = Query(None, description="only the entities a bloc holds"),
) -> StreamingResponse:
    backend: Backend = request.app.state.backend
    exporter = exporter_class(fmt)
    options = ExportOptions(Scope(entity=entity, bloc=bloc, hops=hops), database=backend.database)
    with backend.guard():
        chunks = iter_export(backend.driver, fmt, options)
        first = next(chunks, b"")
    name = f"blocgraph-{entity or bloc or 'graph'}{exporter.suffix}"
    headers = {"Content-Disposition": f'attachment; filename="{_safe(name)}"'}
    body = _aborting(backend, chain([first], chunks))
    return StreamingResponse(body, media_type=exporter.media_type, headers=headers)


def _aborting(backend: Backend, chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The chunks; a failure midway is logged once and aborts the response."""
    try:
        with backend.guard():
            yield from chunks
    except Exception as exc:
        LOG.error("export aborted midway: %s", exc)
        raise ExportAborted(str(exc)) from None


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
