"""The API side of the API benchmark: its five requests, the load generator, a profiler.

The documents are the explorer's own (``api/static``): what a browser sends
for an entity page, a search, bans by target, funding rounds by investor and a
dependency view, fragments included. :mod:`bench.bench_api` times them one at a
time against hand-written Cypher; this module, run as a separate process, also
hammers the API with a mix of them so the load generator does not share the
benchmark's interpreter (or the server's):

    python -m bench.api_load --url http://127.0.0.1:8000 --seconds 20 < plan.json

The plan on stdin is ``{"requests": [[name, variables], ...]}``, sent in a
cycle; the answer on stdout is one JSON object (:func:`hammer`). Only loopback
URLs are accepted: this is a load generator, not a tool for other people's servers.

:func:`profile` runs requests in-process under pyinstrument (``pip install
pyinstrument``; only needed for ``bench_api --profile``).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from blocgraph.graph.store.settings import Settings

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
REQUEST_TIMEOUT_S = 120.0
FLAT_LINES = 30

_ENTITY = ("fragment E on Entity { id name type aliases country description "
           "home { iso name } bloc { id name } }")
_SOURCE = ("fragment S on Source { evidence start end confidence values "
           "article { id title url outlet published source } }")
_FACT = ("fragment F on Fact { key type conflict conflicts sourceCount attributes "
         "participants { role field id name type lead } }")
_FACT_SOURCES = "fragment FS on Fact { ...F sources { ...S } }"
_FACT_BLOCS = ("fragment FB on Fact { key type conflict conflicts sourceCount attributes "
               "participants { role field id name type lead entity { bloc { id name } } } "
               "sources { ...S } }")
_PAGE = "pageInfo { endCursor hasNextPage }"

DOCUMENTS: dict[str, str] = {
    "entity": (f"query EntityFacts($id: ID!) {{ entity(id: $id) {{ ...E facts(first: 100) "
               f"{{ nodes {{ ...FS }} {_PAGE} }} }} }} "
               f"{_ENTITY} {_FACT} {_FACT_SOURCES} {_SOURCE}"),
    "search": (f"query Search($text: String!, $first: Int!) {{ search(text: $text, "
               f"first: $first) {{ nodes {{ entity {{ ...E }} }} {_PAGE} }} }} {_ENTITY}"),
    "bans": (f"query Bans($target: ID, $first: Int!) {{ bans(target: $target, first: $first) "
             f"{{ nodes {{ ...FB }} {_PAGE} }} }} {_FACT_BLOCS} {_SOURCE}"),
    "rounds": (f"query Rounds($investor: ID, $first: Int!) {{ fundingRounds(investor: "
               f"$investor, first: $first) {{ nodes {{ ...FB }} {_PAGE} }} }} "
               f"{_FACT_BLOCS} {_SOURCE}"),
    "dependency": (
        "query Dependency($entity: ID!) { dependency(entity: $entity) { asOf "
        "entity { id name type } channels { name weight effectiveWeight links unattributed } "
        "blocs { bloc { id name } score channels { channel score paths { channel bloc "
        "country via counterpart { id } weight share undated steps { key type date amount "
        "currency amountUsd from to sources { ...S } fact { participants { id name } } } } } "
        f"}} }} }} {_SOURCE}"),
}
QUERY_NAMES = tuple(DOCUMENTS)
Plan = Sequence[tuple[str, dict[str, Any]]]


def body(name: str, variables: dict[str, Any]) -> dict[str, Any]:
    """The POST body of one of the five requests."""
    return {"query": DOCUMENTS[name], "variables": variables}


def answer(response: httpx.Response) -> dict[str, Any] | None:
    """The ``data`` of a successful GraphQL answer; None for an HTTP or GraphQL error."""
    if response.status_code != 200:
        return None
    payload = response.json()
    if payload.get("errors") or not isinstance(payload.get("data"), dict):
        return None
    data: dict[str, Any] = payload["data"]
    return data


def api_signature(name: str, data: dict[str, Any]) -> Any:
    """What both paths must agree on: ids, order, homes, blocs, scores, from the GraphQL
    answer (``bench.api_reads.cypher_signature`` reduces the Cypher answer alike)."""
    if name == "entity":
        entity = data["entity"]
        return (entity["id"], (entity["home"] or {}).get("iso"),
                (entity["bloc"] or {}).get("id"),
                tuple(_fact_signature(f, False) for f in entity["facts"]["nodes"]))
    if name == "search":
        return tuple((n["entity"]["id"], (n["entity"]["home"] or {}).get("iso"),
                      (n["entity"]["bloc"] or {}).get("id")) for n in data["search"]["nodes"])
    if name in ("bans", "rounds"):
        nodes = data["bans" if name == "bans" else "fundingRounds"]["nodes"]
        return tuple(_fact_signature(f, True) for f in nodes)
    return tuple((b["bloc"]["id"], round(b["score"], 6), tuple(sorted(
        (c["channel"], round(c["score"], 6), len(c["paths"])) for c in b["channels"])))
        for b in data["dependency"]["blocs"])


def _fact_signature(fact: dict[str, Any], blocs: bool) -> Any:
    def bloc(participant: dict[str, Any]) -> Any:
        entity = participant.get("entity") or {}
        return (entity.get("bloc") or {}).get("id") if blocs else None

    return (fact["key"], tuple(sorted((p["id"], p["field"], bloc(p))
                                      for p in fact["participants"])),
            tuple(s["article"]["id"] for s in fact["sources"]))


def check_loopback(url: str) -> str:
    """``url`` without a trailing slash; ValueError unless it points at this machine."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK_HOSTS:
        raise ValueError(f"the load generator only talks to http://127.0.0.1, not {url!r}")
    return url.rstrip("/")


@dataclass
class Tally:
    """Outcomes of one kind of request under load."""

    ok: int = 0
    errors: int = 0
    seconds: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {"ok": self.ok, "errors": self.errors,
                "p50_ms": _percentile_ms(self.seconds, 50),
                "p99_ms": _percentile_ms(self.seconds, 99)}


def _percentile_ms(seconds: list[float], pct: int) -> float | None:
    if not seconds:
        return None
    if len(seconds) == 1:
        return seconds[0] * 1000
    return statistics.quantiles(seconds, n=100, method="inclusive")[pct - 1] * 1000


async def hammer(url: str, plan: Plan, *, concurrency: int, seconds: float,
                 max_requests: int) -> dict[str, Any]:
    """``concurrency`` workers send the plan's requests in a cycle until ``seconds`` pass
    or ``max_requests`` were started; requests in flight then finish (or time out).

    Returns requests, errors, wall seconds, requests/s (completed, errors
    included, over the wall time to the last answer) and a tally per query.
    """
    if not plan:
        raise ValueError("the plan holds no requests")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    requests = itertools.cycle(plan)
    tallies = {name: Tally() for name, _ in plan}
    started = 0

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal started
        while loop.time() < deadline and started < max_requests:
            started += 1
            name, variables = next(requests)
            began = time.perf_counter()
            ok = await _send(client, name, variables)
            tally = tallies[name]
            tally.seconds.append(time.perf_counter() - began)
            if ok:
                tally.ok += 1
            else:
                tally.errors += 1

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    began = time.perf_counter()
    async with httpx.AsyncClient(base_url=check_loopback(url), limits=limits,
                                 timeout=REQUEST_TIMEOUT_S) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    wall = time.perf_counter() - began
    done = sum(t.ok + t.errors for t in tallies.values())
    return {"requests": done, "errors": sum(t.errors for t in tallies.values()),
            "seconds": wall, "rps": done / wall if wall else 0.0,
            "concurrency": concurrency,
            "per_query": {name: tally.summary() for name, tally in tallies.items()}}


async def _send(client: httpx.AsyncClient, name: str, variables: dict[str, Any]) -> bool:
    try:
        response = await client.post("/graphql", json=body(name, variables))
        return answer(response) is not None
    except (httpx.HTTPError, ValueError):  # timeouts, refused connections, bad JSON
        return False


# --- where the API's time goes (in-process) --------------------------------------------------


def profile(settings: Settings, name: str, pool: Sequence[dict[str, Any]], requests: int,
            lines: int, budget_s: float) -> str:
    """Where one query's time goes in the API, in-process (``httpx.ASGITransport``, so no
    sockets or uvicorn) with the API's worker-thread calls run inline: first unprofiled,
    split into graph calls (what ``Backend.call`` runs) and the rest, then under pyinstrument.
    Each pass stops after ``requests`` or once ``budget_s`` is spent (one at least)."""
    import anyio.to_thread

    from blocgraph.api.app import create_app
    from blocgraph.api.backend import Backend
    from blocgraph.api.settings import ApiSettings

    in_reads: list[float] = []

    async def inline(func: Callable[..., Any], *args: Any, **_: Any) -> Any:
        began = time.perf_counter()
        try:
            return func(*args)
        finally:
            in_reads.append(time.perf_counter() - began)

    backend = Backend.from_settings(settings)
    app = create_app(ApiSettings(), backend)
    app.state.backend = backend  # set by the lifespan, which ASGITransport does not run
    sender = _Sender(app, name, pool, budget_s)
    original = anyio.to_thread.run_sync
    setattr(anyio.to_thread, "run_sync", inline)  # noqa: B010 - for the profile only
    try:
        sender.run(1)  # warm-up
        in_reads.clear()
        before = backend.queries
        sent, total_ms = sender.run(requests)
        statements = (backend.queries - before) / sent
        reads_ms = sum(in_reads) / sent * 1000
        report = _profiled(sender, requests, lines)
    finally:
        setattr(anyio.to_thread, "run_sync", original)  # noqa: B010
        backend.close()
    return (f"\n{name}, {sent} requests in-process: {total_ms:.1f} ms each, of which graph "
            f"calls {reads_ms:.1f} ms ({statements:.1f} Cypher statements, one session and "
            f"transaction each; the readers' Python and, for dependency, the scoring "
            f"included) and the rest (FastAPI, strawberry, loaders, JSON) "
            f"{total_ms - reads_ms:.1f} ms; under pyinstrument:\n{report}")


class _Sender:
    """Sends one query in-process, its parameters cycling through the pool."""

    def __init__(self, app: Any, name: str, pool: Sequence[dict[str, Any]],
                 budget_s: float) -> None:
        self.app, self.name, self.pool, self.budget_s = app, name, pool, budget_s

    def run(self, count: int) -> tuple[int, float]:
        """Requests sent (at most ``count``, fewer past the budget) and ms per request."""
        began = time.perf_counter()
        sent = asyncio.run(self._send(count, began + self.budget_s))
        return sent, (time.perf_counter() - began) / sent * 1000

    async def _send(self, count: int, deadline: float) -> int:
        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench",
                                     timeout=REQUEST_TIMEOUT_S) as client:
            for i in range(count):
                if i and time.perf_counter() > deadline:
                    return i
                variables = self.pool[i % len(self.pool)]
                response = await client.post("/graphql", json=body(self.name, variables))
                if answer(response) is None:
                    raise RuntimeError(f"{self.name} {variables} failed in-process")
        return count


def _profiled(sender: _Sender, requests: int, lines: int) -> str:
    from pyinstrument import Profiler  # a bench-only dependency: pip install pyinstrument

    profiler = Profiler()
    profiler.start()
    sender.run(requests)
    profiler.stop()
    tree = profiler.output_text(unicode=True, color=False, show_all=False)
    flat = profiler.output_text(unicode=True, color=False, flat=True)
    return ("\n".join(tree.splitlines()[:lines]) + "\n\nby own time:\n"
            + "\n".join(flat.splitlines()[:FLAT_LINES]))


# --- the load process ------------------------------------------------------------------------


def read_plan(text: str) -> list[tuple[str, dict[str, Any]]]:
    """The plan from its JSON form; ValueError for unknown query names."""
    plan = [(str(name), dict(variables)) for name, variables in json.loads(text)["requests"]]
    unknown = sorted({name for name, _ in plan} - set(DOCUMENTS))
    if unknown:
        raise ValueError(f"unknown queries in the plan: {', '.join(unknown)}")
    return plan


def plan_json(plan: Iterable[tuple[str, dict[str, Any]]]) -> str:
    return json.dumps({"requests": [[name, variables] for name, variables in plan]})


def parse_args(argv: Iterable[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.api_load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="the API, e.g. http://127.0.0.1:8000")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight")
    parser.add_argument("--seconds", type=float, default=20.0, help="stop starting after")
    parser.add_argument("--max-requests", type=int, default=100_000,
                        help="stop starting after this many")
    args = parser.parse_args(None if argv is None else list(argv))
    if args.concurrency < 1 or args.seconds <= 0 or args.max_requests < 1:
        parser.error("--concurrency, --seconds and --max-requests must be positive")
    return args


def main(argv: Iterable[str] | None = None) -> int:
    args = parse_args(argv)
    plan = read_plan(sys.stdin.read())
    result = asyncio.run(hammer(args.url, plan, concurrency=args.concurrency,
                                seconds=args.seconds, max_requests=args.max_requests))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
