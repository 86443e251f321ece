"""``GET /export/{format}``: the graph, an entity's neighbourhood or a bloc, streamed.

The export runs in a worker thread feeding a bounded queue
(:func:`blocgraph.graph.export.formats.iter_export`), so the response starts
at once and a large graph never sits in memory. The first chunk is taken
before the response starts: an unknown entity or bloc still answers 404 (and
a bad argument 400) instead of a 200 with a broken body. The app provides
``app.state.backend`` with ``driver`` and ``database``.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import StreamingResponse

from blocgraph.errors import BlocGraphError
from blocgraph.graph.export.base import Scope
from blocgraph.graph.export.formats import FORMATS, ExportOptions, exporter_class, iter_export

router = APIRouter()


@router.get("/export/{fmt}", summary="Export as " + ", ".join(FORMATS))
def export(
    fmt: str,
    request: Request,
    entity: str | None = Query(None, description="only this entity and its neighbourhood"),
    hops: int = Query(1, description="facts to follow from the entity or the bloc's entities"),
    bloc: str | None = Query(None, description="only the entities a bloc holds"),
) -> StreamingResponse:
    backend = request.app.state.backend
    try:
        exporter = exporter_class(fmt)
        options = ExportOptions(Scope(entity=entity, bloc=bloc, hops=hops),
                                database=backend.database)
        chunks = iter_export(backend.driver, fmt, options)
        first = next(chunks, b"")
    except BlocGraphError as exc:
        raise HTTPException(status_code=exc.status, detail=exc.message) from exc
    name = f"blocgraph-{entity or bloc or 'graph'}{exporter.suffix}"
    headers = {"Content-Disposition": f'attachment; filename="{_safe(name)}"'}
    body: Iterator[bytes] = chain([first], chunks)
    return StreamingResponse(body, media_type=exporter.media_type, headers=headers)


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
