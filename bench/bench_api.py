"""API latency against hand-written Cypher, and requests/s under concurrent load, in one run.

Five requests, the explorer's own GraphQL documents (:mod:`bench.api_load`):
an entity page (entity, home, its facts with participants and sources), a
search by name prefix, bans filtered by target, funding rounds filtered by
investor (participants with their bloc, sources), and ``dependency(entity)``.
Each is timed through HTTP against a uvicorn subprocess (one worker, loopback)
and through the driver against hand-written Cypher that returns the same data
(:mod:`bench.api_reads`: one statement per request where one will do; for
``dependency`` the reads the scoring needs plus the same Python scoring).

Per query: warm-up, then ``--requests`` sequential requests per path (fewer
once ``--budget`` seconds are spent, but at least ten), alternating which path
goes first, parameters cycling through a pool of entities spread over the
range of fact counts. The answers of the first pass over the pool are compared
(ids, order, homes, blocs, scores) and the table says ``same`` or how many
differ. Then ``bench/api_load.py``, in its own process, keeps 16 requests in
flight for ``--load-seconds``: once with the four page queries, once with all
five. ``--profile over`` profiles, in-process, every query whose median ratio
is over the 2x target.

    python -m bench.bench_api --articles 10000 [--profile over]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
import neo4j

from bench import api_load, bench_ingest
from bench.api_load import DOCUMENTS, QUERY_NAMES, answer, api_signature, body
from bench.api_reads import (
    CYPHER_READS,
    LISTING_PAGE,
    SEARCH_PAGE,
    Reader,
    cypher_signature,
)
from blocgraph.api.service import IngestService
from blocgraph.errors import InputError
from blocgraph.graph.read.transactions import read
from blocgraph.graph.store import local_neo4j
from blocgraph.graph.store.driver import open_driver
from blocgraph.graph.store.settings import LOCAL_HOST, Settings

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 2.0
MIN_REQUESTS = 10  # timed requests per path even past the time budget
LOAD_CHUNK = 1000
SERVER_START_S = 90.0
HTTP_TIMEOUT_S = 300.0
_ARTICLES = "MATCH (a:Article) WHERE NOT a:Reference RETURN count(a) AS n"
_POOLS = {  # entities with something to show, busiest first
    "entity": "MATCH (e:Company)<--(f:Fact) WHERE NOT (e)-[:SAME_AS]->() "
              "RETURN e.id AS id, e.name AS name, count(DISTINCT f) AS n ORDER BY n DESC, id",
    "bans": "MATCH (e:Entity)<-[:TARGET]-(f:Ban) RETURN e.id AS id, e.name AS name, "
            "count(DISTINCT f) AS n ORDER BY n DESC, id",
    "rounds": "MATCH (e:Entity)<-[:INVESTOR]-(f:FundingRound) RETURN e.id AS id, "
              "e.name AS name, count(DISTINCT f) AS n ORDER BY n DESC, id",
    "dependency": "MATCH (e:Company)<-[:RAISED_BY]-(f:FundingRound) RETURN e.id AS id, "
                  "e.name AS name, count(DISTINCT f) AS n ORDER BY n DESC, id",
}
Variables = dict[str, Any]
Path_ = Callable[[str, Variables], Any]  # (query name, variables) -> answer
Record = dict[str, Any]  # one load record (``ExtractionResult.to_load_record()``)


@dataclass(frozen=True)
class Case:
    """One of the five queries: its parameters, one set per pooled entity."""

    name: str
    pool: tuple[Variables, ...]


# --- parameters ------------------------------------------------------------------------------


def spread(rows: Sequence[neo4j.Record], size: int) -> list[neo4j.Record]:
    """``size`` rows at evenly spaced ranks of a busiest-first list (the busiest included)."""
    picked = {min(len(rows) - 1, i * len(rows) // size) for i in range(size)} if rows else set()
    return [rows[i] for i in sorted(picked)]


def name_prefix(name: str) -> str:
    """What a user types: the first four letters of the name's longest word."""
    word = max(name.split(), key=len)
    return word[:4].lower()


def build_cases(driver: neo4j.Driver, database: str, size: int) -> list[Case]:
    picked = {kind: spread(read(driver, query, {}, database), size)
              for kind, query in _POOLS.items()}
    if not all(picked.values()):
        raise InputError("the graph lacks companies, bans or funding rounds to query")
    pools: dict[str, list[Variables]] = {
        "entity": [{"id": r["id"]} for r in picked["entity"]],
        "search": [{"text": name_prefix(r["name"] or r["id"]), "first": SEARCH_PAGE}
                   for r in picked["entity"]],
        "bans": [{"target": r["id"], "first": LISTING_PAGE} for r in picked["bans"]],
        "rounds": [{"investor": r["id"], "first": LISTING_PAGE} for r in picked["rounds"]],
        "dependency": [{"entity": r["id"]} for r in picked["dependency"]],
    }
    return [Case(name, tuple(pools[name])) for name in QUERY_NAMES]


# --- the two paths ---------------------------------------------------------------------------


class ApiPath:
    """POSTs to the API over one keep-alive connection; fails loudly on any error answer."""

    def __init__(self, url: str) -> None:
        self.client = httpx.Client(base_url=url, timeout=HTTP_TIMEOUT_S)

    def __call__(self, name: str, variables: Variables) -> dict[str, Any]:
        response = self.client.post("/graphql", json=body(name, variables))
        data = answer(response)
        if data is None:
            raise RuntimeError(f"{name} {variables} failed: {response.status_code} "
                               f"{response.text[:300]}")
        return data

    def close(self) -> None:
        self.client.close()


def cypher_path(driver: neo4j.Driver, database: str) -> Path_:
    def call(name: str, variables: Variables) -> Any:
        reader: Reader = CYPHER_READS[name]
        return reader(driver, database, variables)

    return call


# --- timing ----------------------------------------------------------------------------------


@dataclass
class Timing:
    name: str
    api: list[float]
    cypher: list[float]
    answers: str

    def ratio(self, pct: int) -> float:
        return percentile(self.api, pct) / percentile(self.cypher, pct)


def percentile(seconds: Sequence[float], pct: int) -> float:
    if len(seconds) == 1:
        return seconds[0]
    return statistics.quantiles(seconds, n=100, method="inclusive")[pct - 1]


def time_case(case: Case, paths: dict[str, Path_], requests: int, warm_up: int,
              budget_s: float) -> tuple[dict[str, list[float]], str]:
    """Warm both paths up, then ``requests`` of each (fewer if ``budget_s`` runs out, but
    at least :data:`MIN_REQUESTS`), alternating which path goes first. The answers of the
    first pass over the pool are compared: ``same``, or how many parameters differ."""
    began = time.perf_counter()
    for i in range(warm_up):
        if i and time.perf_counter() - began > budget_s / 4:
            break
        for path in paths.values():
            path(case.name, case.pool[i % len(case.pool)])
    times: dict[str, list[float]] = {label: [] for label in paths}
    differ = 0
    began = time.perf_counter()
    for i in range(requests):
        if i >= MIN_REQUESTS and time.perf_counter() - began > budget_s:
            break
        variables = case.pool[i % len(case.pool)]
        found = {}
        for label in list(paths) if i % 2 == 0 else reversed(paths):
            started = time.perf_counter()
            found[label] = paths[label](case.name, variables)
            times[label].append(time.perf_counter() - started)
        if i < len(case.pool) and not _same(case.name, variables, found):
            differ += 1
    return times, "same" if not differ else f"DIFFER x{differ}"


def _same(name: str, variables: Variables, found: dict[str, Any]) -> bool:
    api, cypher = api_signature(name, found["api"]), cypher_signature(name, found["cypher"])
    if api != cypher:
        print(f"  {name} {variables} answers differ:\n    api    {api}\n    cypher {cypher}",
              flush=True)
    return bool(api == cypher)


def report_latency(timings: Sequence[Timing]) -> str:
    lines = [f"latency, sequential requests (ms; n per path; ratio = API / Cypher, target "
             f"<= {TARGET_RATIO:g}x)", "",
             f"{'query':<11} {'n':>4} {'API p50':>8} {'API p99':>8} {'Cy p50':>8} {'Cy p99':>8}"
             f" {'ratio p50':>10} {'ratio p99':>10}  {'verdict':<8} answers"]
    for t in timings:
        p50 = t.ratio(50)
        verdict = "ok" if p50 <= TARGET_RATIO else "OVER"
        lines.append(f"{t.name:<11} {len(t.api):>4} {percentile(t.api, 50) * 1e3:>8.1f} "
                     f"{percentile(t.api, 99) * 1e3:>8.1f} {percentile(t.cypher, 50) * 1e3:>8.1f} "
                     f"{percentile(t.cypher, 99) * 1e3:>8.1f} {p50:>9.1f}x {t.ratio(99):>9.1f}x"
                     f"  {verdict:<8} {t.answers}")
    return "\n".join(lines)


# --- concurrent load -------------------------------------------------------------------------


def load_plan(cases: Sequence[Case]) -> list[tuple[str, Variables]]:
    """The queries interleaved, each cycling through its pool."""
    longest = max(len(case.pool) for case in cases)
    return [(case.name, case.pool[i % len(case.pool)]) for i in range(longest) for case in cases]


def run_load(url: str, plan: Sequence[tuple[str, Variables]], concurrency: int, seconds: float,
             max_requests: int) -> dict[str, Any]:
    """``bench.api_load`` in a child process (its own interpreter and event loop)."""
    command = [sys.executable, "-m", "bench.api_load", "--url", url, "--concurrency",
               str(concurrency), "--seconds", str(seconds), "--max-requests", str(max_requests)]
    done = subprocess.run(command, input=api_load.plan_json(plan), capture_output=True,
                          text=True, cwd=ROOT, check=False,
                          timeout=seconds + api_load.REQUEST_TIMEOUT_S + 60)
    if done.returncode != 0:
        raise RuntimeError(f"the load process failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def report_load(title: str, result: dict[str, Any], seconds: float) -> str:
    lines = [f"load, {title}, from a separate process: {result['concurrency']} in flight, "
             f"new requests for {seconds:g} s, {result['seconds']:.1f} s until the last answer",
             f"  {result['requests']} requests, {result['rps']:.1f} requests/s, "
             f"{result['errors']} errors",
             f"  {'query':<11} {'ok':>6} {'errors':>6} {'p50 ms':>9} {'p99 ms':>9}"]
    for name, tally in result["per_query"].items():
        p50, p99 = (f"{v:.0f}" if v is not None else "-" for v in (tally["p50_ms"],
                                                                    tally["p99_ms"]))
        lines.append(f"  {name:<11} {tally['ok']:>6} {tally['errors']:>6} {p50:>9} {p99:>9}")
    return "\n".join(lines)


# --- the database and the server -------------------------------------------------------------


def records_for(args: argparse.Namespace) -> list[Record]:
    """``--records`` if given, else the cache ``bench_ingest`` keeps (extracted if missing)."""
    if args.records:
        return bench_ingest.read_records(Path(args.records), args.articles)
    path = bench_ingest.cache_path(args.seed)
    partial = path.with_suffix(".partial")
    if (bench_ingest.line_count(path) < args.articles and partial.exists()
            and time.time() - partial.stat().st_mtime < 120):
        raise InputError(f"{partial} is being written by another extraction; wait for it")
    return bench_ingest.load_records(args.articles, args.seed, refresh=False)


def ensure_articles(driver: neo4j.Driver, database: str, records: Sequence[Record],
                    throwaway: bool, allow_load: bool) -> int:
    """At least ``len(records)`` articles in the graph: loads the records when fewer."""
    have = int(read(driver, _ARTICLES, {}, database)[0]["n"])
    if have >= len(records):
        print(f"the graph already holds {have} articles; not loading", flush=True)
        return have
    if have and not throwaway and not allow_load:
        raise InputError(f"the database holds {have} articles, fewer than {len(records)}; "
                         "pass --allow-load to add the synthetic ones")
    service = IngestService(driver, database,
                            on_error=lambda e: print(e.line(), file=sys.stderr))
    service.prepare()
    writer = service.writer()
    began, done = time.perf_counter(), 0
    iterator = iter(records)
    while chunk := list(islice(iterator, LOAD_CHUNK)):
        writer.load(chunk)
        done += len(chunk)
        print(f"  loaded {done}/{len(records)} ({time.perf_counter() - began:.0f} s)", flush=True)
    return int(read(driver, _ARTICLES, {}, database)[0]["n"])


@contextlib.contextmanager
def neo4j_settings(heap: str, page_cache_mb: int) -> Iterator[Settings]:
    """``BLOCGRAPH_NEO4J_URI`` if set, else a throw-away local runner on a free port."""
    if os.environ.get("BLOCGRAPH_NEO4J_URI"):
        yield Settings.from_env()
        return
    with tempfile.TemporaryDirectory(prefix="blocgraph-bench-api-") as home:
        settings = Settings.from_env({"BLOCGRAPH_HOME": home,
                                      "BLOCGRAPH_NEO4J_PORT": str(local_neo4j.free_port())})
        # The runner reads these module settings at launch; they are not options of start().
        local_neo4j.HEAP, local_neo4j.PAGE_CACHE_MB = heap, page_cache_mb
        print(f"starting a throw-away Neo4j on {settings.uri} (heap {heap}, "
              f"page cache {page_cache_mb} MB) ...", flush=True)
        local_neo4j.start(settings, wait=180.0)
        try:
            yield settings
        finally:
            local_neo4j.stop(settings)


@contextlib.contextmanager
def api_server(settings: Settings) -> Iterator[str]:
    """``uvicorn --factory blocgraph.api.app:create_app`` on a free loopback port, one worker,
    default API settings (open reads), stopped (SIGTERM, then SIGKILL) on the way out."""
    port = local_neo4j.free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("BLOCGRAPH_API_")}
    env.update(BLOCGRAPH_NEO4J_URI=settings.uri, BLOCGRAPH_NEO4J_DATABASE=settings.database,
               BLOCGRAPH_NEO4J_USER=settings.user, BLOCGRAPH_NEO4J_PASSWORD=settings.password)
    command = [sys.executable, "-m", "uvicorn", "--factory", "blocgraph.api.app:create_app",
               "--host", LOCAL_HOST, "--port", str(port), "--workers", "1",
               "--log-level", "warning", "--no-access-log"]
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    url = f"http://{LOCAL_HOST}:{port}"
    try:
        wait_until_ready(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the API server exited with {process.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/readyz", timeout=5).status_code == 200:
                return
        time.sleep(0.25)
    raise RuntimeError(f"the API at {url} was not ready after {SERVER_START_S:g} s")


# --- main ------------------------------------------------------------------------------------


def parse_args(argv: Iterable[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_api", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000, help="graph size (10000)")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per path")
    parser.add_argument("--warm-up", type=int, default=10, help="untimed requests per path")
    parser.add_argument("--budget", type=float, default=300.0,
                        help=f"seconds per query after which timing stops (at least "
                             f"{MIN_REQUESTS} requests per path); default 300")
    parser.add_argument("--pool", type=int, default=10, help="entities per query (10)")
    parser.add_argument("--only", nargs="+", choices=QUERY_NAMES, default=list(QUERY_NAMES),
                        metavar="QUERY", help=f"time only these ({', '.join(QUERY_NAMES)})")
    parser.add_argument("--concurrency", type=int, default=16, help="load: requests in flight")
    parser.add_argument("--load-seconds", type=float, default=20.0, help="load: duration")
    parser.add_argument("--load-max", type=int, default=100_000, help="load: most requests")
    parser.add_argument("--profile", nargs="+", default=[], metavar="QUERY",
                        help="pyinstrument over the API in-process for these queries, or "
                             "'over' for those above the target ratio")
    parser.add_argument("--profile-requests", type=int, default=20, help="requests profiled")
    parser.add_argument("--profile-lines", type=int, default=70, help="profile lines shown")
    parser.add_argument("--seed", type=int, default=0, help="synthetic corpus seed")
    parser.add_argument("--records", help="load records (JSON Lines) instead of the cache")
    parser.add_argument("--heap", default="2g", help="local runner JVM heap (2g)")
    parser.add_argument("--page-cache-mb", type=int, default=1024, help="local page cache")
    parser.add_argument("--allow-load", action="store_true",
                        help="add synthetic articles to a non-empty BLOCGRAPH_NEO4J_URI")
    args = parser.parse_args(None if argv is None else list(argv))
    if min(args.articles, args.requests, args.pool, args.concurrency, args.load_max) < 1:
        parser.error("counts must be positive")
    return args


def benchmark(args: argparse.Namespace, settings: Settings, driver: neo4j.Driver) -> None:
    cases = [c for c in build_cases(driver, settings.database, args.pool) if c.name in args.only]
    with api_server(settings) as url:
        timings = time_all(cases, url, cypher_path(driver, settings.database), args)
        print("\n" + report_latency(timings) + "\n", flush=True)
        for title, mix in load_mixes(cases):
            result = run_load(url, load_plan(mix), args.concurrency, args.load_seconds,
                              args.load_max)
            print(report_load(title, result, args.load_seconds) + "\n", flush=True)
    over = [t.name for t in timings if t.ratio(50) > TARGET_RATIO]
    chosen = over if args.profile == ["over"] else [n for n in args.profile if n in DOCUMENTS]
    if chosen:
        for case in (c for c in cases if c.name in chosen):
            print(api_load.profile(settings, case.name, case.pool, args.profile_requests,
                                   args.profile_lines, args.budget / 2), flush=True)


def time_all(cases: Sequence[Case], url: str, cypher: Path_,
             args: argparse.Namespace) -> list[Timing]:
    api = ApiPath(url)
    try:
        timings = []
        for case in cases:
            print(f"timing {case.name} ...", flush=True)
            times, answers = time_case(case, {"api": api, "cypher": cypher}, args.requests,
                                       args.warm_up, args.budget)
            timings.append(Timing(case.name, times["api"], times["cypher"], answers))
        return timings
    finally:
        api.close()


def load_mixes(cases: Sequence[Case]) -> list[tuple[str, list[Case]]]:
    """The page queries alone, then all five: each dependency request reads the whole graph,
    so once the workers reach them the second mix measures little else."""
    pages = [c for c in cases if c.name != "dependency"]
    mixes = [(f"mix of {len(pages)} ({', '.join(c.name for c in pages)})", pages)]
    if len(pages) < len(cases):
        mixes.append((f"mix of all {len(cases)}", list(cases)))
    return [(title, mix) for title, mix in mixes if mix]


def main(argv: Iterable[str] | None = None) -> int:
    args = parse_args(argv)
    records = records_for(args)
    throwaway = not os.environ.get("BLOCGRAPH_NEO4J_URI")
    with neo4j_settings(args.heap, args.page_cache_mb) as settings:
        driver = open_driver(settings)
        try:
            count = ensure_articles(driver, settings.database, records, throwaway,
                                    args.allow_load)
            print(f"{count} articles in the graph at {settings.uri}", flush=True)
            benchmark(args, settings, driver)
        finally:
            driver.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
