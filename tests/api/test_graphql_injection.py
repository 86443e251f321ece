"""Injection sweep: Cypher break-out strings in every argument leave the database unchanged.

Each string argument of each query, and of the mutations (with a write key,
so the strings reach the graph code), gets every payload. No answer may be a
server failure (which would mean the text changed a query's structure), and
the digest of every node, relationship and property must be the same after.
"""

from __future__ import annotations

import neo4j
import pytest

from blocgraph.graph.read.results import encode_cursor
from blocgraph.graph.store.settings import Settings
from tests.api.conftest import WRITE_KEY, Api, Server, error_codes, fingerprint
from tests.graph.dev_corpus import ensure_dev_graph

pytestmark = pytest.mark.neo4j

PAYLOADS = [
    "' OR 1=1 //",
    '"}) MATCH (n) DETACH DELETE n //',
    "x'}) MATCH (n) DETACH DELETE n RETURN 1 //",
    "`) MATCH (n) DETACH DELETE n //",
    "*/ MATCH (n) SET n.pwned = true /*",
    "x] MATCH (n) SET n.pwned = true WITH n MATCH (m) RETURN m //",
    "') CALL db.labels() YIELD label RETURN label //",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "{id: 'mistral-ai'}",
    "a\u0000b",
    "\\u0027 DETACH DELETE n",
    " ".join(["w*"] * 700),  # long inputs must not overflow Lucene, Cypher or the driver
    "x" * 100_000,
    encode_cursor(2**70),  # a well-formed cursor whose offset overflows Cypher's integers
]
# operation text, the variable that gets the payload, the other variables
TARGETS: list[tuple[str, str, dict[str, object]]] = [
    ("query($v: ID!) { entity(id: $v) { id facts { nodes { key } } } }", "v", {}),
    ("query($v: ID!) { fact(key: $v) { key } }", "v", {}),
    ("query($v: String!) { search(text: $v) { nodes { score } } }", "v", {}),
    ('query($v: String) { search(text: "ai", after: $v) { nodes { score } } }', "v", {}),
    ("query($v: String) { entities(country: $v) { nodes { id } } }", "v", {}),
    ("query($v: ID) { entities(bloc: $v) { nodes { id } } }", "v", {}),
    ("query($v: String) { entities(after: $v) { nodes { id } } }", "v", {}),
    ('query($v: String) { entity(id: "mistral-ai") { facts(after: $v) { nodes { key } } } }',
     "v", {}),
    *[(f"query($v: {kind}) {{ bans({arg}: $v) {{ nodes {{ key }} }} }}", "v", {})
      for arg, kind in [("actor", "ID"), ("target", "ID"), ("subject", "ID"), ("bloc", "ID"),
                        ("from", "String"), ("to", "String"), ("after", "String")]],
    *[(f"query($v: {kind}) {{ fundingRounds({arg}: $v) {{ nodes {{ key }} }} }}", "v", {})
      for arg, kind in [("company", "ID"), ("investor", "ID"), ("investorBloc", "ID"),
                        ("currency", "String"), ("from", "String"), ("to", "String"),
                        ("after", "String")]],
    ("query($v: ID!) { dependency(entity: $v) { asOf } }", "v", {}),
    ('query($v: String) { dependency(entity: "mistral-ai", asOf: $v) { asOf } }', "v", {}),
    ("query($v: String) { dependencyMatrix(asOf: $v) { asOf } }", "v", {}),
    ("query($v: String) { dependencyMatrix(after: $v) { asOf } }", "v", {}),
    ("query($v: ID!) { neighbourhood(entity: $v) { truncated } }", "v", {}),
    ('query($v: ID!) { paths(from: $v, to: "microsoft") { facts { key } } }', "v", {}),
    ('query($v: ID!) { paths(from: "mistral-ai", to: $v) { facts { key } } }', "v", {}),
    ("query($v: ID!) { timeline(entity: $v) { nodes { when } } }", "v", {}),
    ('query($v: String) { timeline(entity: "mistral-ai", after: $v) { nodes { when } } }', "v",
     {}),
    ("query($v: String) { conflicts(after: $v) { nodes { attributes } } }", "v", {}),
    ("query($v: String) { articles(after: $v) { nodes { id } } }", "v", {}),
    ("mutation($v: ID!, $w: ID!) { mergeEntities(keep: $v, drop: $w) { __typename } }", "v",
     {"w": "biren-technology"}),
    ("mutation($v: ID!, $w: ID!) { mergeEntities(keep: $w, drop: $v) { __typename } }", "v",
     {"w": "moore-threads"}),
    ("mutation($v: ID!) { retractFact(key: $v, why: \"x\") { __typename } }", "v", {}),
    ("mutation($v: String) { ingestArticle(url: $v) { __typename } }", "v", {}),
]


@pytest.fixture(scope="module")
def loaded(api_server: Server, neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> Api:
    ensure_dev_graph(neo4j_driver, neo4j_settings.database)
    return Api(api_server, neo4j_driver, neo4j_settings.database)


def test_break_out_strings_in_every_argument_change_nothing(loaded: Api) -> None:
    before = fingerprint(loaded.driver, loaded.database)
    answered = 0
    for query, name, others in TARGETS:
        for payload in PAYLOADS:
            body = loaded.gql(query, {**others, name: payload}, WRITE_KEY)
            assert "INTERNAL_SERVER_ERROR" not in error_codes(body), (query, payload, body)
            answered += 1
    assert answered == len(TARGETS) * len(PAYLOADS)
    assert fingerprint(loaded.driver, loaded.database) == before
    pwned = loaded.driver.execute_query("MATCH (n) WHERE n.pwned IS NOT NULL RETURN count(n)",
                                        database_=loaded.database).records[0][0]
    assert pwned == 0


def test_break_out_text_is_stored_verbatim_as_an_article(loaded: Api) -> None:
    text = "Report. " + " ".join(PAYLOADS[:9])
    query = ("mutation($t: String) { ingestArticle(text: $t) { __typename "
             "... on IngestSuccess { article { id text } } } }")
    result = loaded.data(query, {"t": text}, WRITE_KEY)["ingestArticle"]
    assert result["__typename"] == "IngestSuccess"
    assert result["article"]["text"] == text
    total = loaded.driver.execute_query("MATCH (n) RETURN count(n)",
                                        database_=loaded.database).records[0][0]
    assert total > 1000  # nothing was deleted
