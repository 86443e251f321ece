"""One entity's neighbourhood scores as the whole graph does, in one read transaction.

``dependency(driver, id)`` reads only what scoring looks at for that entity
(:mod:`blocgraph.graph.analytics.entity_projection`); every entity of the dev corpus is
scored both ways and the answers must be identical, before and after curation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, cast

import neo4j
import pytest

from blocgraph.errors import NotFoundError
from blocgraph.graph.analytics.blocs import MAX_OWNERSHIP_DEPTH
from blocgraph.graph.analytics.dependency import dependency, score_entity
from blocgraph.graph.analytics.entity_projection import load_entity_projection
from blocgraph.graph.analytics.projection import (
    FactRecord,
    Participant,
    Projection,
    entity_node,
    fact_node,
    load_projection,
)
from blocgraph.graph.store.settings import Settings
from blocgraph.graph.write import curation
from blocgraph.schema.model import load_model
from tests.conftest import WIPE_QUERY
from tests.graph.dev_corpus import ensure_dev_graph
from tests.graph.projection_builder import Builder

AS_OF = "2023-06-30"
# One statement each for the entity, its own facts, its products' bans and the countries;
# one per ownership level (facts come with their participants' rows).
MAX_STATEMENTS = 4 + MAX_OWNERSHIP_DEPTH + 1


@pytest.fixture(scope="module")
def dev_graph(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> neo4j.Driver:
    return ensure_dev_graph(neo4j_driver, neo4j_settings.database)


class CountingDriver:
    """The real driver, counting the sessions, transactions and statements run through it."""

    def __init__(self, driver: neo4j.Driver) -> None:
        self.driver = driver
        self.sessions = self.transactions = self.statements = 0

    def session(self, **config: Any) -> CountingSession:
        self.sessions += 1
        return CountingSession(self, self.driver.session(**config))


class CountingSession:
    def __init__(self, counter: CountingDriver, session: neo4j.Session) -> None:
        self.counter, self.session = counter, session

    def __enter__(self) -> CountingSession:
        self.session.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.session.__exit__(*exc)

    def execute_read(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        def counted(tx: neo4j.ManagedTransaction, *a: Any, **k: Any) -> Any:
            self.counter.transactions += 1
            return work(CountingTransaction(self.counter, tx), *a, **k)
        return self.session.execute_read(counted, *args, **kwargs)


class CountingTransaction:
    def __init__(self, counter: CountingDriver, tx: neo4j.ManagedTransaction) -> None:
        self.counter, self.tx = counter, tx

    def run(self, query: str, parameters: dict[str, Any] | None = None,
            **kwargs: Any) -> neo4j.Result:
        self.counter.statements += 1
        return self.tx.run(query, parameters, **kwargs)


def _every_id(projection: Projection) -> list[str]:
    """Every entity of the graph, and every id merged into one."""
    ids = [data["entity"].id for _, data in projection.graph.nodes(data=True)
           if data["kind"] == "entity"]
    return sorted([*ids, *projection.redirects])


def _assert_same_scores(driver: neo4j.Driver, database: str, as_of: str | None) -> int:
    """Every entity scored from its own neighbourhood as from the whole graph, each read
    in one transaction of a few statements."""
    whole = load_projection(driver, as_of, database=database)
    ids = _every_id(whole)
    for entity_id in ids:
        expected = score_entity(whole, whole.canonical(entity_id)).to_dict()
        counting = CountingDriver(driver)
        found = dependency(cast(neo4j.Driver, counting), entity_id, as_of, database=database)
        assert found.to_dict() == expected, entity_id
        assert (counting.sessions, counting.transactions) == (1, 1), entity_id
        assert counting.statements <= MAX_STATEMENTS, entity_id
    return len(ids)


@pytest.mark.neo4j
@pytest.mark.parametrize("as_of", [None, AS_OF])
def test_every_entity_scores_as_on_the_whole_graph(
    dev_graph: neo4j.Driver, neo4j_settings: Settings, as_of: str | None,
) -> None:
    assert _assert_same_scores(dev_graph, neo4j_settings.database, as_of) > 1000


@pytest.mark.neo4j
def test_as_of_is_honoured_like_the_whole_graph(
    dev_graph: neo4j.Driver, neo4j_settings: Settings,
) -> None:
    local = load_entity_projection(dev_graph, "mistral-ai", AS_OF,
                                   database=neo4j_settings.database)
    dates = [fact.date for fact, _ in local.facts_touching("mistral-ai")]
    assert None in dates and all(d is None or d <= AS_OF for d in dates)
    assert local.as_of == AS_OF


@pytest.mark.neo4j
def test_one_session_one_transaction_a_few_statements(
    dev_graph: neo4j.Driver, neo4j_settings: Settings,
) -> None:
    """Mistral's investors are placed through their state owners: two ownership levels."""
    counting = CountingDriver(dev_graph)
    result = dependency(cast(neo4j.Driver, counting), "mistral-ai",
                        database=neo4j_settings.database)
    assert any(p.via == "state-owner" for p in result.paths())
    assert (counting.sessions, counting.transactions) == (1, 1)
    assert counting.statements <= MAX_STATEMENTS


@pytest.mark.neo4j
def test_unknown_ids_are_not_found(dev_graph: neo4j.Driver, neo4j_settings: Settings) -> None:
    with pytest.raises(NotFoundError):
        dependency(dev_graph, "no-such-entity", database=neo4j_settings.database)
    with pytest.raises(NotFoundError):
        load_entity_projection(dev_graph, "no-such-entity", database=neo4j_settings.database)


# --- memoised lookups ------------------------------------------------------------------------


def _scanned_facts_touching(projection: Projection, entity_id: str, fact_type: str | None,
                            roles: tuple[str, ...] | None) -> list[tuple[FactRecord, str]]:
    """The lookup as it was before memoising: a fresh scan of the entity's in-edges."""
    found = []
    for source, _, role in projection.graph.in_edges(entity_node(entity_id), keys=True):
        if not source.startswith("fact:") or (roles is not None and role not in roles):
            continue
        fact = projection.graph.nodes[source]["fact"]
        if fact_type is None or fact.type == fact_type:
            found.append((fact, role))
    return sorted(found, key=lambda item: (item[0].date or "", item[0].key, item[1]))


def _scanned_participants(projection: Projection, key: str, role: str) -> list[Participant]:
    found = []
    for _, target, edge_role, data in projection.graph.out_edges(fact_node(key), keys=True,
                                                                 data=True):
        if edge_role == role:
            kind, _, ident = target.partition(":")
            found.append(Participant(ident, kind, bool(data.get("lead"))))
    return sorted(found, key=lambda p: p.id)


def _assert_memo_matches_scans(projection: Projection) -> None:
    lookups: list[tuple[str | None, tuple[str, ...] | None]] = [(None, None)]
    for fact in load_model().fact_types:
        edges = tuple(sorted({f.edge for f in fact.fields if f.edge}))
        lookups += [(fact.code, None), (fact.code, edges[:1]), (None, edges)]
    for entity_id in _every_id(projection):
        if entity_id in projection.redirects:
            continue
        for _ in range(2):  # the second round answers from the cache
            for fact_type, roles in lookups:
                assert list(projection.facts_touching(entity_id, fact_type, roles)) == \
                    _scanned_facts_touching(projection, entity_id, fact_type, roles)
    for node, data in projection.graph.nodes(data=True):
        if data["kind"] == "fact":
            for role in {key for _, _, key in projection.graph.out_edges(node, keys=True)}:
                assert list(projection.participants(data["fact"].key, role)) == \
                    _scanned_participants(projection, data["fact"].key, role)


def test_memoised_lookups_match_scans_and_cannot_be_changed() -> None:
    b = Builder().entity("startup").entity("vc", "Investor", reference="US")
    b.fact("FUNDING_ROUND", date="2024-03", RAISED_BY="startup", INVESTOR="vc", lead=["vc"])
    b.fact("INVESTMENT", INVESTEE="startup", INVESTOR="vc")
    projection = b.build()
    _assert_memo_matches_scans(projection)
    assert isinstance(projection.facts_touching("startup"), tuple)
    assert isinstance(projection.participants("investment-2", "INVESTOR"), tuple)
    earlier = projection.restricted("2024-02")
    assert [f.type for f, _ in earlier.facts_touching("startup")] == ["INVESTMENT"]
    assert len(projection.facts_touching("startup")) == 2


@pytest.mark.neo4j
def test_memoised_lookups_match_scans_on_the_dev_corpus(
    dev_graph: neo4j.Driver, neo4j_settings: Settings,
) -> None:
    _assert_memo_matches_scans(load_projection(dev_graph, database=neo4j_settings.database))


# --- after curation (last: it changes the graph, and wipes it for the next module) ------------


@pytest.fixture
def curated_graph(dev_graph: neo4j.Driver, neo4j_settings: Settings) -> Iterator[neo4j.Driver]:
    """The dev corpus with merges (one a chain), a retraction, and a SAME_AS whose facts
    were not moved (``load_projection`` still hangs them off the survivor)."""
    database = neo4j_settings.database
    curation.merge_entities(dev_graph, "general-catalyst", "andreessen-horowitz", "test",
                            database=database)
    curation.merge_entities(dev_graph, "sasac", "china-mobile", "test", database=database)
    curation.merge_entities(dev_graph, "china", "sasac", "test", database=database)
    [temasek] = [key for key, in dev_graph.execute_query(
        "MATCH (:Entity {id: 'temasek'})<-[:OWNED]-(f:Ownership) RETURN f.key",
        database_=database).records]
    curation.retract_fact(dev_graph, temasek, "test", "test", database=database)
    dev_graph.execute_query(
        "MATCH (a:Entity {id: 'deepseek'}), (b:Entity {id: 'zhipu-ai'}) "
        "MERGE (a)-[:SAME_AS]->(b)", database_=database)
    try:
        yield dev_graph
    finally:
        with dev_graph.session(database=database) as session:
            session.run(WIPE_QUERY).consume()


@pytest.mark.neo4j
def test_merges_and_retractions_read_as_the_whole_graph(
    curated_graph: neo4j.Driver, neo4j_settings: Settings,
) -> None:
    database = neo4j_settings.database
    _assert_same_scores(curated_graph, database, None)
    _assert_same_scores(curated_graph, database, AS_OF)
    mistral = dependency(curated_graph, "mistral-ai", database=database)
    assert "andreessen-horowitz" not in {p.counterpart for p in mistral.paths()}
    assert dependency(curated_graph, "sasac", database=database).entity_id == "china"
    assert "state-owner" not in {p.via for p in mistral.paths() if p.counterpart == "temasek"}
    zhipu = dependency(curated_graph, "deepseek", database=database)
    assert zhipu.entity_id == "zhipu-ai"
    assert {"high-flyer", "south-korea"} <= {p.counterpart for p in zhipu.paths()}
