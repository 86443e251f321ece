"""Loading throughput: ``GraphWriter.load`` against bare ``UNWIND ... CREATE`` of the same rows.

``blocgraph ingest`` and ``blocgraph load`` write through :class:`GraphWriter`:
MERGE on constraint keys, alias unions, conflict checks, lock ordering and
stale-support cleanup, so re-loads are idempotent and concurrent loaders safe.
The question is what that safety costs, so the baseline is the least work that
still yields the same graph: the *same* rows (built by ``graph.rows.prepare_record``),
the same batches, driver and session settings, but plain ``CREATE`` with each
node and edge created once (the client remembers what it created) and only
range indexes for the edge lookups, no uniqueness constraints. Both runs start
from an empty database; ours also gets schema and reference data, untimed.

Extraction is not timed here (``bench_extract`` does that): the records are
extracted once and cached under ``bench/out/``. On the resulting graph the
dependency query is timed too.

    python -m bench.bench_ingest --articles 10000 [--batch-articles 50]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import neo4j

from bench.ingest_loaders import (
    ClientSide,
    Prepare,
    Record,
    client_side,
    prepare_bare,
    prepare_ours,
    profile_all,
    profile_table,
    quiet_session,
    reset_database,
)
from bench.synthetic import generate
from blocgraph.errors import InputError
from blocgraph.graph.analytics.dependency import dependency, dependency_matrix
from blocgraph.graph.analytics.projection import Projection, load_projection
from blocgraph.graph.store import local_neo4j
from blocgraph.graph.store.driver import open_driver
from blocgraph.graph.store.settings import Settings

OUT_DIR = Path(__file__).resolve().parent / "out"
GENERATOR_FILES = ("synthetic.py", "vocabulary.py", "cast.py")
TARGET_RATIO = 0.5
WARM_UP_ARTICLES = 300
WARM_UP_PASSES = 2  # Neo4j's JIT and query caches take a while to settle on a busy machine
DEPENDENCY_RUNS = 5
DEPENDENCY_ENTITIES = 3
KB_PER_MB = 1024
QUARTILES = (25, 50, 75)  # the fourth sample is taken once the load returned
TOP_COMPANIES = ("MATCH (e:Company)<--(f:Fact) RETURN e.id AS id, count(DISTINCT f) AS facts "
                 "ORDER BY facts DESC, id LIMIT $n")
COUNTS = ("MATCH (n) RETURN count(n)", "MATCH ()-[r]->() RETURN count(r)",
          "MATCH ()-[r:SUPPORTED_BY]->() RETURN count(r)")


# --- the load records, extracted once ------------------------------------------------------


def cache_path(seed: int) -> Path:
    """Named by seed and a digest of the generator and extractor, so stale caches are ignored.

    Extractor *code* changes do not invalidate it (the records stay valid load
    input); use ``--refresh`` to re-extract anyway.
    """
    from blocgraph.ingest.pipeline import EXTRACTOR_VERSION

    digest = hashlib.sha256(EXTRACTOR_VERSION.encode())
    for name in GENERATOR_FILES:
        digest.update((Path(__file__).parent / name).read_bytes())
    return OUT_DIR / f"load-records-seed{seed}-{digest.hexdigest()[:12]}.jsonl"


def read_records(path: Path, n: int) -> list[Record]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in islice(handle, n)]


def line_count(path: Path) -> int:
    if not path.exists():
        return 0
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def extract_to(path: Path, n: int, seed: int) -> None:
    """Extract ``n`` synthetic articles into ``path``; written aside and renamed, never partial."""
    from blocgraph.ingest.pipeline import Extractor

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    began = time.perf_counter()
    with partial.open("w", encoding="utf-8") as handle:
        results = Extractor().extract_many(generate(n, seed), batch_size=32)
        for count, result in enumerate(results, start=1):
            handle.write(json.dumps(result.to_load_record(), ensure_ascii=False) + "\n")
            if count % 1000 == 0:
                print(f"  extracted {count}/{n} ({time.perf_counter() - began:.0f} s)", flush=True)
    partial.replace(path)


def load_records(n: int, seed: int, refresh: bool) -> list[Record]:
    path = cache_path(seed)
    if refresh or line_count(path) < n:
        print(f"extracting {n} synthetic articles once into {path} ...", flush=True)
        extract_to(path, n, seed)
    return read_records(path, n)


# --- the database ----------------------------------------------------------------------------


@contextlib.contextmanager
def neo4j_settings(heap: str, page_cache_mb: int) -> Iterator[tuple[Settings, int | None]]:
    """``BLOCGRAPH_NEO4J_URI`` if set, else a throw-away local runner (and its pid)."""
    if os.environ.get("BLOCGRAPH_NEO4J_URI"):
        yield Settings.from_env(), None
        return
    with tempfile.TemporaryDirectory(prefix="blocgraph-bench-") as home:
        settings = Settings.from_env({"BLOCGRAPH_HOME": home,
                                      "BLOCGRAPH_NEO4J_PORT": str(local_neo4j.free_port())})
        # The runner reads these module settings at launch; they are not options of start().
        local_neo4j.HEAP, local_neo4j.PAGE_CACHE_MB = heap, page_cache_mb
        print(f"starting a throw-away Neo4j on {settings.uri} (heap {heap}, "
              f"page cache {page_cache_mb} MB) ...", flush=True)
        status = local_neo4j.start(settings, wait=180.0)
        try:
            yield settings, status.pid
        finally:
            local_neo4j.stop(settings)


def graph_size(driver: neo4j.Driver, database: str) -> tuple[int, ...]:
    """Nodes, relationships, SUPPORTED_BY relationships."""
    with quiet_session(driver, database) as session:
        return tuple(int(session.run(query).single(strict=True)[0]) for query in COUNTS)


# --- timed runs ------------------------------------------------------------------------------


def proc_status_kb(key: str, pid: int | str = "self") -> int:
    """A ``kB`` field of /proc/PID/status (VmRSS, VmHWM); 0 where there is no /proc."""
    with contextlib.suppress(OSError), open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def reset_peak_rss() -> None:
    """Writing 5 to clear_refs resets VmHWM, so each run's peak is its own (Linux >= 4.0)."""
    with contextlib.suppress(OSError), open("/proc/self/clear_refs", "w", encoding="ascii") as f:
        f.write("5")


@dataclass
class Run:
    name: str
    seconds: float
    rss_kb: list[int]  # VmRSS at 25/50/75/100 % of the records
    start_rss_kb: int
    peak_rss_kb: int  # VmHWM, reset just before the run where the kernel allows
    added: tuple[int, ...]  # nodes, relationships and SUPPORTED_BY the run added


def sampled(records: list[Record], samples: list[int]) -> Iterator[Record]:
    marks = {len(records) * pct // 100 for pct in QUARTILES}
    for count, record in enumerate(records, start=1):
        yield record
        if count in marks:
            samples.append(proc_status_kb("VmRSS"))


def timed_run(name: str, prepare: Prepare, driver: neo4j.Driver, database: str,
              records: list[Record], batch: int) -> Run:
    reset_database(driver, database)
    load = prepare(driver, database, batch)
    before = graph_size(driver, database)
    reset_peak_rss()
    samples: list[int] = []
    start_rss = proc_status_kb("VmRSS")
    began = time.perf_counter()
    load(sampled(records, samples))
    seconds = time.perf_counter() - began
    samples.append(proc_status_kb("VmRSS"))
    after = graph_size(driver, database)
    added = tuple(a - b for a, b in zip(after, before, strict=True))
    print(f"  {name}: {seconds:.1f} s", flush=True)
    return Run(name, seconds, samples, start_rss, proc_status_kb("VmHWM"), added)


# --- the dependency query --------------------------------------------------------------------


def time_dependency(driver: neo4j.Driver, database: str) -> None:
    """Printed as it goes. ``dependency(driver, id)`` reads the entity's neighbourhood;
    the scoring is also timed alone on the whole-graph projection, each run with empty
    caches (a projection memoises placements, so a reused one would time lookups)."""
    def say(line: str) -> None:
        print(f"  {line}", flush=True)

    began = time.perf_counter()
    projection = load_projection(driver, database=database)
    say(f"load_projection (whole graph read, once): {time.perf_counter() - began:.2f} s")
    top, _, _ = driver.execute_query(TOP_COMPANIES, n=DEPENDENCY_ENTITIES, database_=database)
    for entity_id, facts in ((str(r["id"]), int(r["facts"])) for r in top):
        full = _median_seconds(partial(dependency, driver, entity_id, database=database))
        scoring = _median_seconds(partial(_score_afresh, projection, entity_id))
        say(f"dependency({entity_id!r}, {facts} facts): median {full:.2f} s "
            f"(scoring alone on a loaded projection {scoring * 1000:.1f} ms)")
    began = time.perf_counter()
    matrix = dependency_matrix(driver, database=database)
    say(f"dependency_matrix(Company): {time.perf_counter() - began:.2f} s, "
        f"{len(matrix.entities)} companies x {len(matrix.blocs)} blocs")


def _score_afresh(projection: Projection, entity_id: str) -> object:
    """The scoring on the loaded graph, with the projection's caches empty."""
    return dependency(Projection(projection.graph, projection.redirects, projection.as_of),
                      entity_id)


def _median_seconds(action: Callable[[], object]) -> float:
    times = []
    for _ in range(DEPENDENCY_RUNS):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


# --- report ----------------------------------------------------------------------------------


def report(all_runs: dict[str, list[Run]], records: list[Record], client: ClientSide) -> str:
    """The best run of each (on a shared machine the slow ones measure the neighbours)."""
    runs = {name: min(found, key=lambda run: run.seconds) for name, found in all_runs.items()}
    facts, rounds = client.facts, len(all_runs["ours"])
    lines = [f"{len(records)} articles, {facts} facts (fact x article, one SUPPORTED_BY each; "
             f"{facts / len(records):.1f} per article), best of {rounds} run(s)", "",
             f"{'loader':<34} {'wall s':>7} {'facts/s':>8} {'art/s':>7} {'python s':>9}"
             f" {'+nodes':>8} {'+rels':>8} {'+support':>9} {'peak RSS +MB':>13}"]
    for name, run in runs.items():
        python_s = client.seconds[name]
        peak = (run.peak_rss_kb - run.start_rss_kb) / KB_PER_MB
        lines.append(f"{run.name:<34} {run.seconds:>7.1f} {facts / run.seconds:>8.0f}"
                     f" {len(records) / run.seconds:>7.1f} {python_s:>9.1f} {run.added[0]:>8}"
                     f" {run.added[1]:>8} {run.added[2]:>9} {peak:>13.1f}")
    ours, bare = runs["ours"], runs["bare"]
    ratio = bare.seconds / ours.seconds
    verdict = "meets" if ratio >= TARGET_RATIO else "BELOW"
    lines += ["", f"ratio ours/bare (facts/s): {ratio:.2f}  ({verdict} target {TARGET_RATIO})",
              "python s = building the rows and queries alone, no database (the rest of the wall"
              " time is the server and the round trips)",
              *(f"all runs, {name}: " + " ".join(f"{r.seconds:.1f}" for r in found) + " s"
                for name, found in all_runs.items()), "",
              "RSS (MB) before and at 25/50/75/100 % of the records:"]
    for run in runs.values():
        samples = " ".join(f"{kb / KB_PER_MB:.0f}" for kb in run.rss_kb)
        lines.append(f"  {run.name:<32} {run.start_rss_kb / KB_PER_MB:.0f} -> {samples}")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / KB_PER_MB
    lines.append(f"process peak (ru_maxrss, records held in memory included): {maxrss:.0f} MB")
    return "\n".join(lines)


def parse_args(argv: Iterable[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_ingest", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000, help="corpus size (default 10000)")
    parser.add_argument("--batch-articles", type=int, default=25,
                        help="articles per transaction, both loaders (default 25, as the CLI)")
    parser.add_argument("--rounds", type=int, default=1, help="timed runs of each (best kept)")
    parser.add_argument("--seed", type=int, default=0, help="synthetic corpus seed")
    parser.add_argument("--refresh", action="store_true", help="re-extract even if cached")
    parser.add_argument("--heap", default="2g", help="local runner JVM heap (default 2g)")
    parser.add_argument("--page-cache-mb", type=int, default=1024, help="local runner page cache")
    parser.add_argument("--allow-wipe", action="store_true",
                        help="allow emptying a non-empty database at BLOCGRAPH_NEO4J_URI")
    parser.add_argument("--skip-dependency", action="store_true", help="do not time queries")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="afterwards, time both loaders query by query over N articles")
    args = parser.parse_args(None if argv is None else list(argv))
    if min(args.articles, args.batch_articles, args.rounds) < 1:
        parser.error("--articles, --batch-articles and --rounds must be positive")
    return args


def benchmark(driver: neo4j.Driver, database: str, records: list[Record], batch: int,
              rounds: int) -> dict[str, list[Run]]:
    """Warm both up, then ``rounds`` timed runs of each.

    The order alternates (..., ours bare, bare ours) so neither always runs on the
    warmer server, and ours runs last: the dependency query then reads the graph
    blocgraph itself builds.
    """
    loaders: dict[str, Prepare] = {"bare": prepare_bare, "ours": prepare_ours}
    print(f"warming up both on {WARM_UP_ARTICLES} articles, {WARM_UP_PASSES} passes ...",
          flush=True)
    for _ in range(WARM_UP_PASSES):
        for name, prepare in loaders.items():
            timed_run(f"warm-up {name}", prepare, driver, database, records[:WARM_UP_ARTICLES],
                      batch)
    titles = {"bare": "bare UNWIND ... CREATE", "ours": "GraphWriter.load (blocgraph load)"}
    runs: dict[str, list[Run]] = {name: [] for name in loaders}
    for index in range(rounds):
        order = ["bare", "ours"] if (rounds - index) % 2 else ["ours", "bare"]
        for name in order:
            runs[name].append(timed_run(titles[name], loaders[name], driver, database, records,
                                        batch))
    return runs


def measure(driver: neo4j.Driver, database: str, args: argparse.Namespace,
            records: list[Record]) -> None:
    client = client_side(records, args.batch_articles)
    runs = benchmark(driver, database, records, args.batch_articles, args.rounds)
    print()
    print(report(runs, records, client))
    if not args.skip_dependency:
        print(f"\ndependency query on the loaded graph (median of {DEPENDENCY_RUNS} runs):")
        time_dependency(driver, database)
    if args.profile:
        print(f"\nper query kind over {args.profile} articles (seconds; server = what Neo4j "
              "reports for planning+running+streaming):", flush=True)
        print(profile_table(profile_all(driver, database, records[: args.profile],
                                        args.batch_articles)))


def main(argv: Iterable[str] | None = None) -> int:
    args = parse_args(argv)
    records = load_records(args.articles, args.seed, args.refresh)
    with neo4j_settings(args.heap, args.page_cache_mb) as (settings, runner_pid):
        driver = open_driver(settings)
        try:
            in_use = runner_pid is None and graph_size(driver, settings.database)[0] > 0
            if in_use and not args.allow_wipe:
                raise InputError(f"{settings.uri} holds data; the benchmark empties the database"
                                 " (pass --allow-wipe if that is fine)")
            measure(driver, settings.database, args, records)
        finally:
            driver.close()
        if runner_pid is not None:
            peak = proc_status_kb("VmHWM", runner_pid) / KB_PER_MB
            print(f"\nNeo4j runner (JVM) peak RSS over the whole benchmark: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
