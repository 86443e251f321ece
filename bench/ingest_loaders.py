"""The loaders ``bench_ingest`` compares, each set up on an emptied database, and a profile.

The baseline writes the rows ``graph.rows.prepare_record`` builds for the
writer, batched the same way, but with plain ``CREATE``: it remembers what it
created (entities by id, facts by key, participant edges by (key, edge, id)) so
each node and edge is created once and the result is the same graph the writer
builds. That is the least any loader has to do; the gap to it is the price of
MERGE, conflict checks, alias unions and idempotent re-loads.

Ours gets what ``blocgraph load`` gives it (schema, reference data); the
baseline only range indexes on the keys its edge lookups MATCH on, no
uniqueness constraints (CREATE needs none) and no secondary or full-text
indexes, plus the Country nodes its HEADQUARTERS edges point at.

The profile replays a load query by query and adds up, per kind of query
(articles, entities, facts, participants, support, stale support), the wall
time the client saw and the time the server reports for it, plus the commit.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import neo4j

from blocgraph.errors import BlocGraphError
from blocgraph.graph import identity
from blocgraph.graph.write import statements
from blocgraph.graph.write.reference_rows import country_rows, reference_ids
from blocgraph.graph.write.rows import ArticleRows, Context, prepare_record
from blocgraph.graph.write.writer import GraphWriter, batch_queries
from blocgraph.schema.model import Model, load_model
from blocgraph.schema.reference import load_reference

Record = dict[str, Any]
Identity = Callable[[Any, Record], tuple[str, ...]]  # (group, row) -> what makes it the same
QueryBuilder = Callable[[list[ArticleRows]], list[statements.Query]]
Loader = Callable[[Iterable[Record]], object]
Prepare = Callable[[neo4j.Driver, str, int], Loader]  # (driver, database, batch) -> loader
WIPE = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
BARE_INDEXES = (("Entity", "id"), ("Fact", "key"), ("Article", "id"), ("Country", "iso"))
# First match wins: what a query writes, recognised from its text (ours and bare alike).
QUERY_KINDS = (("DELETE", "stale support"), ("SUPPORTED_BY", "support"),
               (")-[", "participants"), ("(a:Article", "articles"), ("(e:", "entities"),
               ("(f:", "facts"))


def quiet_session(driver: neo4j.Driver, database: str) -> neo4j.Session:
    """As the writer opens them: no notices (labels unknown to a fresh graph are expected)."""
    return driver.session(database=database, notifications_min_severity="OFF")


class BareBatches:
    """``CREATE`` queries for batches of prepared articles, each node and edge only once."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.seen: set[tuple[str, ...]] = set()

    def queries(self, batch: list[ArticleRows]) -> list[statements.Query]:
        model = self.model
        queries = [("UNWIND $rows AS row CREATE (a:Article) SET a = row.props, a.id = row.id",
                    {"rows": [a.article for a in batch]})]
        for type_name, rows in self._fresh(batch, "entities", lambda g, r: ("e", r["id"])):
            labels = ":".join(statements.ident(label) for label in model.labels(type_name))
            queries.append((f"UNWIND $rows AS row CREATE (e:{labels}) SET e = row", {"rows": rows}))
        for code, rows in self._fresh(batch, "facts", lambda g, r: ("f", r["key"])):
            labels = ":".join(statements.ident(x) for x in model.labels(model.fact_type(code).name))
            queries.append((f"UNWIND $rows AS row CREATE (f:{labels}) SET f = row.props, "
                            "f.key = row.key, f.type = row.type, f.retracted = false, "
                            "f.conflict = false, f.conflicts = []", {"rows": rows}))
        for (code, edge), rows in self._fresh(batch, "edges",
                                              lambda g, r: (r["key"], g[1], r["id"])):
            queries.append((self._edge_query(code, edge), {"rows": rows}))
        support = [s for a in batch for s in a.support]
        queries.append(("UNWIND $rows AS row MATCH (f:Fact {key: row.key}) "
                        "MATCH (a:Article {id: row.article}) "
                        "CREATE (f)-[s:SUPPORTED_BY]->(a) SET s = row.props", {"rows": support}))
        return [q for q in queries if q[1]["rows"]]

    def _fresh(self, batch: list[ArticleRows], attr: str, identity: Identity,
               ) -> list[tuple[Any, list[Record]]]:
        groups: dict[Any, list[Record]] = {}
        for article in batch:
            for group, rows in getattr(article, attr).items():
                for row in rows:
                    if (key := identity(group, row)) not in self.seen:
                        self.seen.add(key)
                        groups.setdefault(group, []).append(row)
        return sorted(groups.items())

    def _edge_query(self, code: str, edge: str) -> str:
        to_country, flag = statements.participant_edge(self.model, code, edge)
        target = "(e:Country {iso: row.id})" if to_country else "(e:Entity {id: row.id})"
        props = f" {{{statements.ident(flag)}: row.flag}}" if flag else ""
        return (f"UNWIND $rows AS row MATCH (f:Fact {{key: row.key}}) MATCH {target} "
                f"CREATE (f)-[:{statements.ident(edge)}{props}]->(e)")


def chunks(items: Iterable[Record], size: int) -> Iterator[list[Record]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def prepare_all(chunk: list[Record], ctx: Context) -> list[ArticleRows]:
    prepared = []
    for record in chunk:
        with contextlib.suppress(BlocGraphError):  # the writer reports these; none expected
            prepared.append(prepare_record(record, ctx))
    return prepared


def _run_all(tx: neo4j.ManagedTransaction, queries: list[statements.Query]) -> None:
    for query, params in queries:
        tx.run(query, params).consume()


def bare_loader(driver: neo4j.Driver, database: str, batch_articles: int,
                ) -> Callable[[Iterable[Record]], None]:
    """Same rows, batches and session settings as the writer; plain CREATE, one transaction each."""
    model, known = load_model(), reference_ids(load_reference())
    builder = BareBatches(model)

    def load(records: Iterable[Record]) -> None:
        for chunk in chunks(records, batch_articles):
            queries = builder.queries(prepare_all(chunk, Context(model, known)))
            with quiet_session(driver, database) as session:
                session.execute_write(_run_all, queries)

    return load


def ours_builder() -> QueryBuilder:
    model = load_model()
    return lambda prepared: batch_queries(model, prepared)


def bare_builder() -> QueryBuilder:
    return BareBatches(load_model()).queries


# --- Python-only cost ------------------------------------------------------------------------


@dataclass
class ClientSide:
    """What the records amount to, and the Python-only cost of turning them into queries."""

    facts: int  # SUPPORTED_BY rows: one per (fact, article), what both loaders write
    seconds: dict[str, float]


def client_side(records: list[Record], batch_articles: int) -> ClientSide:
    """Records to queries for both loaders, no database: what of the wall time is Python."""
    model, known = load_model(), reference_ids(load_reference())
    facts, seconds = 0, {}
    for name, build in (("ours", ours_builder()), ("bare", bare_builder())):
        began = time.perf_counter()
        for chunk in chunks(records, batch_articles):
            prepared = prepare_all(chunk, Context(model, known, {}))
            build(prepared)
            facts += sum(len(a.support) for a in prepared) if name == "ours" else 0
        seconds[name] = time.perf_counter() - began
    return ClientSide(facts, seconds)


# --- per-query profile -----------------------------------------------------------------------


@dataclass
class KindTiming:
    queries: int = 0
    rows: int = 0
    wall: float = 0.0  # as the client saw it: round trip included
    server: float = 0.0  # result_available_after + result_consumed_after


@dataclass
class Profile:
    kinds: dict[str, KindTiming] = field(default_factory=dict)
    total: float = 0.0

    def add(self, kind: str, rows: int, wall: float, server: float) -> None:
        timing = self.kinds.setdefault(kind, KindTiming())
        timing.queries += 1
        timing.rows += rows
        timing.wall += wall
        timing.server += server


def query_kind(query: str) -> str:
    return next((kind for marker, kind in QUERY_KINDS if marker in query), "other")


def profile_load(driver: neo4j.Driver, database: str, records: list[Record],
                 batch_articles: int, build: QueryBuilder, *, redirects: bool) -> Profile:
    """Load like the writer (one write transaction per batch), timing every query.

    ``redirects`` also reads the curation redirects before each batch, as the writer does.
    """
    model, known = load_model(), reference_ids(load_reference())
    profile, began = Profile(), time.perf_counter()
    for chunk in chunks(records, batch_articles):
        if redirects:
            _timed_redirects(driver, database, profile)
        queries = build(prepare_all(chunk, Context(model, known)))
        _timed_batch(driver, database, queries, profile)
    profile.total = time.perf_counter() - began
    return profile


def _timed_redirects(driver: neo4j.Driver, database: str, profile: Profile) -> None:
    began = time.perf_counter()
    with quiet_session(driver, database) as session:
        session.execute_read(identity.read_redirects)
    profile.add("redirects read", 0, time.perf_counter() - began, 0.0)


def _timed_batch(driver: neo4j.Driver, database: str, queries: list[statements.Query],
                 profile: Profile) -> None:
    def work(tx: neo4j.ManagedTransaction) -> float:
        spent = 0.0
        for query, params in queries:
            began = time.perf_counter()
            summary = tx.run(query, params).consume()
            wall = time.perf_counter() - began
            server_ms = (summary.result_available_after or 0) + (summary.result_consumed_after
                                                                  or 0)
            profile.add(query_kind(query), len(params["rows"]), wall, server_ms / 1000)
            spent += wall
        return spent

    began = time.perf_counter()
    with quiet_session(driver, database) as session:
        spent = session.execute_write(work)
    profile.add("commit + session", 0, time.perf_counter() - began - spent, 0.0)


# --- the contenders on an empty database -----------------------------------------------------


def reset_database(driver: neo4j.Driver, database: str) -> None:
    """Nothing left: no nodes, constraints or indexes (token lookup indexes stay)."""
    with quiet_session(driver, database) as session:
        for name in session.run("SHOW CONSTRAINTS YIELD name").value():
            session.run(f"DROP CONSTRAINT {statements.ident(name)}").consume()
        for name in session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' "
                                "RETURN name").value():
            session.run(f"DROP INDEX {statements.ident(name)}").consume()
        session.run(WIPE).consume()


def prepare_ours(driver: neo4j.Driver, database: str, batch_articles: int) -> Loader:
    writer = GraphWriter(driver, database, batch_articles,
                         on_error=lambda error: print(error.line(), file=sys.stderr))
    writer.ensure_schema()
    writer.load_reference()
    load: Loader = writer.load
    return load


def prepare_ours_keys_only(driver: neo4j.Driver, database: str, batch_articles: int) -> Loader:
    load = prepare_ours(driver, database, batch_articles)
    with quiet_session(driver, database) as session:
        for name in session.run("SHOW INDEXES YIELD name, type, owningConstraint WHERE type <> "
                                "'LOOKUP' AND owningConstraint IS NULL RETURN name").value():
            session.run(f"DROP INDEX {statements.ident(name)}").consume()
    return load


def prepare_bare(driver: neo4j.Driver, database: str, batch_articles: int) -> Loader:
    with quiet_session(driver, database) as session:
        for label, prop in BARE_INDEXES:
            session.run(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})").consume()
        session.run("CALL db.awaitIndexes(300)").consume()
        session.run("UNWIND $rows AS row CREATE (:Country {iso: row.iso, name: row.name})",
                    rows=country_rows(load_reference())).consume()
    return bare_loader(driver, database, batch_articles)


# --- where the time goes ----------------------------------------------------------------------


def profile_all(driver: neo4j.Driver, database: str, records: list[Record],
                batch: int) -> dict[str, Profile]:
    """The loaders again, query by query; each runs there and back, its faster pass kept.

    "ours, keys only" is the writer without the secondary and full-text indexes
    (uniqueness constraints kept), to show what maintaining those costs.
    """
    contenders: dict[str, tuple[Prepare, Callable[[], QueryBuilder]]] = {
        "bare": (prepare_bare, bare_builder), "ours": (prepare_ours, ours_builder),
        "ours, keys only": (prepare_ours_keys_only, ours_builder)}
    profiles: dict[str, Profile] = {}
    for name in [*contenders, *list(contenders)[::-1]]:
        prepare, new_builder = contenders[name]  # a fresh bare builder remembers nothing
        reset_database(driver, database)
        prepare(driver, database, batch)
        found = profile_load(driver, database, records, batch, new_builder(),
                             redirects=name != "bare")
        if name not in profiles or found.total < profiles[name].total:
            profiles[name] = found
    return profiles


def profile_table(profiles: dict[str, Profile]) -> str:
    names, ours = list(profiles), profiles["ours"].kinds
    kinds = sorted({k for p in profiles.values() for k in p.kinds},
                   key=lambda k: -ours.get(k, KindTiming()).wall)
    lines = [f"{'query kind':<17} {'rows bare/ours':>15}   wall s: " + " / ".join(names)
             + "   server s: same order"]
    for kind in kinds:
        found = [profiles[n].kinds.get(kind, KindTiming()) for n in names]
        walls = " / ".join(f"{t.wall:.1f}" for t in found)
        servers = " / ".join(f"{t.server:.1f}" for t in found)
        lines.append(f"{kind:<17} {f'{found[0].rows}/{found[1].rows}':>15}   {walls:<18}"
                     f" server {servers}")
    totals = " / ".join(f"{profiles[n].total:.1f}" for n in names)
    lines.append(f"{'total':<17} {'':>15}   {totals}")
    return "\n".join(lines)
