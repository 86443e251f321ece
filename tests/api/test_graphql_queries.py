"""Every query against the running API and the dev corpus: filters, pages, sources.

Filters are checked for consistency with what the API itself reports (a bloc
filter keeps exactly the facts whose participants' homes lie in the bloc), so
the tests hold however the extractor's recall moves.
"""

from __future__ import annotations

from typing import Any

import pytest

from blocgraph.graph.read.temporal import overlaps
from tests.api.conftest import Api, error_codes

pytestmark = pytest.mark.neo4j

SOURCES = "sources { evidence start end confidence article { id title url published } }"
BANS = """query Bans($actor: ID, $target: ID, $bloc: ID, $from: String, $to: String,
                     $first: Int! = 100, $after: String) {
  bans(actor: $actor, target: $target, bloc: $bloc, from: $from, to: $to, first: $first,
       after: $after) {
    nodes { key date actor { id homes { iso bloc { id } } } target { id homes { iso bloc { id } } }
            SOURCES }
    pageInfo { endCursor hasNextPage } } }""".replace("SOURCES", SOURCES)
ROUNDS = """query Rounds($company: ID, $investor: ID, $leadOnly: Boolean! = false,
                       $investorBloc: ID, $minAmount: Float, $currency: String, $from: String,
                       $to: String) {
  fundingRounds(company: $company, investor: $investor, leadOnly: $leadOnly,
                investorBloc: $investorBloc, minAmount: $minAmount, currency: $currency,
                from: $from, to: $to, first: 100) {
    nodes { key date amount currency round company { id }
            investors { id homes { bloc { id } } } leadInvestors { id } }
    pageInfo { hasNextPage } } }"""


def _all_pages(api: Api, query: str, field: str, variables: dict[str, Any],
               first: int, items: str = "nodes") -> list[Any]:
    """Every node of a listing, fetched ``first`` at a time through the cursors."""
    nodes: list[Any] = []
    after = None
    for _ in range(200):
        page = api.data(query, {**variables, "first": first, "after": after})[field]
        nodes.extend(page[items])
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]
    raise AssertionError("pagination did not end")


def test_entity_by_id_with_home_and_bloc(api: Api) -> None:
    query = "query($id: ID!) { entity(id: $id) { id name type home { iso } bloc { id } } }"
    mistral = api.data(query, {"id": "mistral-ai"})["entity"]
    assert mistral == {"id": "mistral-ai", "name": "Mistral AI", "type": "Company",
                       "home": {"iso": "FR"}, "bloc": {"id": "eu"}}
    assert api.data(query, {"id": "no-such-entity"})["entity"] is None


def test_search_with_types_and_cursors(api: Api) -> None:
    query = """query($text: String!, $types: [EntityType!], $first: Int!, $after: String) {
      search(text: $text, types: $types, first: $first, after: $after) {
        nodes { score entity { id type } } pageInfo { endCursor hasNextPage } } }"""
    assert api.data(query, {"text": "a16z", "first": 1})["search"]["nodes"][0]["entity"]["id"] \
        == "andreessen-horowitz"
    everything = api.data(query, {"text": "mistral", "first": 50})["search"]["nodes"]
    paged = _all_pages(api, query, "search", {"text": "mistral"}, 1)
    assert [n["entity"]["id"] for n in paged] == [n["entity"]["id"] for n in everything]
    models = api.data(query, {"text": "mistral", "types": ["AIModel"], "first": 50})
    assert {n["entity"]["type"] for n in models["search"]["nodes"]} == {"AIModel"}
    bad = api.gql(query, {"text": "mistral", "first": 1, "after": "not-a-cursor"})
    assert error_codes(bad) == ["BAD_USER_INPUT"]
    too_long = api.gql(query, {"text": "ai " * 300, "first": 1})
    assert error_codes(too_long) == ["BAD_USER_INPUT"]


def test_entities_by_type_country_and_bloc(api: Api) -> None:
    query = """query($type: EntityType, $country: String, $bloc: ID, $first: Int!, $after: String) {
      entities(type: $type, country: $country, bloc: $bloc, first: $first, after: $after) {
        nodes { id type homes { iso bloc { id } } } pageInfo { endCursor hasNextPage } } }"""
    french = _all_pages(api, query, "entities", {"type": "Company", "country": "FR"}, 7)
    assert "mistral-ai" in {e["id"] for e in french}
    assert all(e["type"] == "Company" and "FR" in {h["iso"] for h in e["homes"]} for e in french)
    assert len({e["id"] for e in french}) == len(french)
    chinese = _all_pages(api, query, "entities", {"bloc": "china"}, 100)
    assert {"zhipu-ai", "huawei", "china"} <= {e["id"] for e in chinese}
    assert all("china" in {(h["bloc"] or {}).get("id") for h in e["homes"]} for e in chinese)
    unknown = api.gql(query, {"bloc": "atlantis", "first": 5})
    assert error_codes(unknown) == ["NOT_FOUND"]


def test_bans_by_actor_target_bloc_and_dates_with_pages(api: Api) -> None:
    every = api.data(BANS, {})["bans"]["nodes"]
    assert ("openai", "china") in {(b["actor"]["id"], (b["target"] or {}).get("id")) for b in every}
    paged = _all_pages(api, BANS, "bans", {}, 4)
    assert [b["key"] for b in paged] == [b["key"] for b in every]
    by_actor = api.data(BANS, {"actor": "bis"})["bans"]["nodes"]
    assert by_actor and all(b["actor"]["id"] == "bis" for b in by_actor)
    by_target = api.data(BANS, {"target": "deepseek"})["bans"]["nodes"]
    assert {b["key"] for b in by_target} == {b["key"] for b in every
                                            if (b["target"] or {}).get("id") == "deepseek"}
    in_eu = api.data(BANS, {"bloc": "eu"})["bans"]["nodes"]
    assert {b["key"] for b in in_eu} == {b["key"] for b in every if _touches(b, "eu")}
    assert in_eu
    dated = api.data(BANS, {"from": "2023-10", "to": "2024"})["bans"]["nodes"]
    assert dated and all(b["date"] for b in dated)
    assert {b["key"] for b in dated} == {b["key"] for b in every
                                        if overlaps(b["date"], "2023-10", "2024")}
    assert error_codes(api.gql(BANS, {"from": "last spring"})) == ["BAD_USER_INPUT"]


def _touches(ban: dict[str, Any], bloc: str) -> bool:
    parts = [ban["actor"], ban["target"]]
    return any(bloc == (h["bloc"] or {}).get("id") for p in parts if p for h in p["homes"])


def test_funding_rounds_filters(api: Api) -> None:
    every = api.data(ROUNDS, {})["fundingRounds"]["nodes"]
    assert len(every) >= 3
    mistral = api.data(ROUNDS, {"company": "mistral-ai"})["fundingRounds"]["nodes"]
    assert mistral and all(r["company"]["id"] == "mistral-ai" for r in mistral)
    backed = api.data(ROUNDS, {"investor": "general-catalyst"})["fundingRounds"]["nodes"]
    assert backed and all("general-catalyst" in {i["id"] for i in r["investors"]} for r in backed)
    led = api.data(ROUNDS, {"investor": "general-catalyst", "leadOnly": True})
    assert all("general-catalyst" in {i["id"] for i in r["leadInvestors"]}
               for r in led["fundingRounds"]["nodes"])
    for r in every:
        assert {i["id"] for i in r["leadInvestors"]} <= {i["id"] for i in r["investors"]}
    chinese = api.data(ROUNDS, {"investorBloc": "china"})["fundingRounds"]["nodes"]
    assert {r["key"] for r in chinese} == {
        r["key"] for r in every
        if any((h["bloc"] or {}).get("id") == "china" for i in r["investors"] for h in i["homes"])}
    assert chinese
    euro = api.data(ROUNDS, {"currency": "eur", "minAmount": 500_000_000})["fundingRounds"]
    assert euro["nodes"] and all(r["currency"] == "EUR" and r["amount"] >= 5e8
                                 for r in euro["nodes"])
    big = api.data(ROUNDS, {"minAmount": 600_000_000})["fundingRounds"]["nodes"]
    assert "EUR" in {r["currency"] for r in big}  # EUR 600 m is over USD 600 m at 1.08
    assert all(r["amount"] * (1.08 if r["currency"] == "EUR" else 1) >= 6e8 for r in big
               if r["currency"] in ("EUR", "USD"))
    since = api.data(ROUNDS, {"from": "2024"})["fundingRounds"]["nodes"]
    assert since and {r["key"] for r in since} == {
        r["key"] for r in every if overlaps(r["date"], "2024", None)}
    assert error_codes(api.gql(ROUNDS, {"currency": "euros"})) == ["BAD_USER_INPUT"]


def test_blocs_with_their_countries(api: Api) -> None:
    blocs = api.data("{ blocs { id name countries { iso name } } }")["blocs"]
    by_id = {b["id"]: b for b in blocs}
    assert {"us", "china", "eu", "other"} <= set(by_id)
    assert {"FR", "DE", "EU"} <= {c["iso"] for c in by_id["eu"]["countries"]}


def test_every_fact_shows_article_evidence_and_confidence(api: Api) -> None:
    query = """query($id: ID!) { entity(id: $id) { facts(first: 100) { nodes { key type
      sourceCount sources { evidence start end confidence article { id title text } } } } } }"""
    facts = api.data(query, {"id": "mistral-ai"})["entity"]["facts"]["nodes"]
    assert facts
    for fact in facts:
        assert len(fact["sources"]) == fact["sourceCount"] >= 1
        for source in fact["sources"]:
            assert source["article"]["id"] and source["evidence"]
            assert 0 < source["confidence"] <= 1
            text = source["article"]["text"]
            if source["article"]["id"] != "reference":
                assert text[source["start"]:source["end"]] == source["evidence"]


def test_fact_by_key_and_typed_fields(api: Api) -> None:
    query = """query($key: ID!) { fact(key: $key) { key type
      ... on FundingRound { amount currency round company { id } investors { id } }
      ... on Headquarters { org { id } country { iso bloc { id } } } } }"""
    rounds = api.data(ROUNDS, {"company": "anthropic"})["fundingRounds"]["nodes"]
    found = api.data(query, {"key": rounds[0]["key"]})["fact"]
    assert found["type"] == "FUNDING_ROUND" and found["company"] == {"id": "anthropic"}
    assert found["amount"] == rounds[0]["amount"]
    hq = api.data("""{ entity(id: "mistral-ai") { facts(types: [HEADQUARTERS]) { nodes {
        key type } } } }""")["entity"]["facts"]["nodes"]
    assert hq and {f["type"] for f in hq} == {"HEADQUARTERS"}
    answer = api.data(query, {"key": hq[0]["key"]})["fact"]
    assert answer["org"] == {"id": "mistral-ai"} and answer["country"]["bloc"] == {"id": "eu"}
    assert api.data(query, {"key": "no-such-key"})["fact"] is None


def test_dependency_with_paths_and_sources(api: Api) -> None:
    query = """query($id: ID!, $asOf: String) { dependency(entity: $id, asOf: $asOf) {
      asOf entity { id } channels { name weight effectiveWeight }
      blocs { bloc { id } score channels { channel score paths { share counterpart { id }
        steps { key from to sources { evidence confidence article { id } } fact { key } } } } }
      } }"""
    found = api.data(query, {"id": "mistral-ai"})["dependency"]
    assert found["entity"] == {"id": "mistral-ai"}
    eu = next(b for b in found["blocs"] if b["bloc"]["id"] == "eu")
    assert eu["score"] > 0
    steps = [s for c in eu["channels"] for p in c["paths"] for s in p["steps"]]
    assert steps and all(s["fact"]["key"] == s["key"] and s["sources"] for s in steps)
    early = api.data(query, {"id": "mistral-ai", "asOf": "2000"})["dependency"]
    assert early["asOf"] == "2000"
    assert error_codes(api.gql(query, {"id": "mistral-ai", "asOf": "soon"})) == ["BAD_USER_INPUT"]
    assert error_codes(api.gql(query, {"id": "nobody-here"})) == ["NOT_FOUND"]


def test_dependency_matrix_rows_are_paged(api: Api) -> None:
    query = """query($first: Int!, $after: String) { dependencyMatrix(type: Company, first: $first,
      after: $after) { blocs { id } rows { entity { id } scores { bloc { id } score } }
      pageInfo { endCursor hasNextPage } } }"""
    first = api.data(query, {"first": 100})["dependencyMatrix"]
    blocs = [b["id"] for b in first["blocs"]]
    assert all([s["bloc"]["id"] for s in r["scores"]] == blocs for r in first["rows"])
    paged = _all_pages(api, query.replace("blocs { id } ", ""), "dependencyMatrix", {}, 37,
                       "rows")
    ids = [r["entity"]["id"] for r in paged]
    assert ids[:len(first["rows"])] == [r["entity"]["id"] for r in first["rows"]]
    assert "mistral-ai" in ids and len(set(ids)) == len(ids)
    mistral = next(r for r in paged if r["entity"]["id"] == "mistral-ai")
    assert max(mistral["scores"], key=lambda s: s["score"])["bloc"]["id"] == "eu"


def test_neighbourhood_paths_and_timeline(api: Api) -> None:
    hood = """query($id: ID!, $hops: Int!, $limit: Int!) { neighbourhood(entity: $id, hops: $hops,
      limit: $limit) { truncated center { id } entities { id } facts { key } } }"""
    one = api.data(hood, {"id": "mistral-ai", "hops": 1, "limit": 100})["neighbourhood"]
    two = api.data(hood, {"id": "mistral-ai", "hops": 2, "limit": 100})["neighbourhood"]
    assert one["center"] == {"id": "mistral-ai"}
    assert "microsoft" in {e["id"] for e in one["entities"]}
    assert {f["key"] for f in one["facts"]} < {f["key"] for f in two["facts"]}
    cut = api.data(hood, {"id": "mistral-ai", "hops": 2, "limit": 2})["neighbourhood"]
    assert cut["truncated"] and len(cut["facts"]) == 2
    assert error_codes(api.gql(hood, {"id": "mistral-ai", "hops": 4, "limit": 5})) == \
        ["BAD_USER_INPUT"]
    paths = api.data("""{ paths(from: "mistral-ai", to: "microsoft", maxHops: 3) {
      entities { id } facts { key type } } }""")["paths"]
    assert paths and all(p["entities"][0]["id"] == "mistral-ai" and
                         p["entities"][-1]["id"] == "microsoft" and
                         len(p["facts"]) == len(p["entities"]) - 1 for p in paths)
    timeline = """query($after: String, $first: Int!) { timeline(entity: "mistral-ai",
      first: $first, after: $after) { nodes { when datedBy fact { key } }
      pageInfo { endCursor hasNextPage } } }"""
    entries = _all_pages(api, timeline, "timeline", {}, 2)
    dated = [e["when"] for e in entries if e["when"]]
    assert dated == sorted(dated) and len(entries) >= 3
    assert all(e["when"] for e in entries[:len(dated)])


def test_conflicts_show_each_sources_values(api: Api) -> None:
    query = """{ conflicts(first: 20) { nodes { attributes fact { key conflict }
      sources { values evidence article { id } } } pageInfo { hasNextPage } } }"""
    conflicts = api.data(query)["conflicts"]["nodes"]
    assert conflicts
    for item in conflicts:
        assert item["fact"]["conflict"] and item["attributes"]
        for attribute in item["attributes"]:
            values = {str(s["values"].get(attribute)) for s in item["sources"]
                      if s["values"].get(attribute) is not None}
            assert len(values) >= 2


def test_articles_newest_first_with_facts_and_pages(api: Api) -> None:
    query = """query($first: Int!, $after: String) { articles(first: $first, after: $after) {
      nodes { id title published facts { key } } pageInfo { endCursor hasNextPage } } }"""
    articles = _all_pages(api, query, "articles", {}, 3)
    assert len(articles) >= 11 and len({a["id"] for a in articles}) == len(articles)
    published = [a["published"] for a in articles if a["published"]]
    assert published == sorted(published, reverse=True)
    assert sum(len(a["facts"]) for a in articles) > 20


def test_listings_name_an_unknown_entity_or_bloc_in_one_error(api: Api) -> None:
    """The anchor entity is resolved inside the listing's own statement; an id that
    names nothing must still be an error, not an empty page."""
    for variables in ({"target": "nobody-here"}, {"actor": "bis", "target": "nobody-here"}):
        body = api.gql(BANS, variables)
        assert error_codes(body) == ["NOT_FOUND"]
        assert "nobody-here" in body["errors"][0]["message"]
    assert error_codes(api.gql(ROUNDS, {"investor": "nobody-here"})) == ["NOT_FOUND"]
    assert error_codes(api.gql(ROUNDS, {"investorBloc": "atlantis"})) == ["NOT_FOUND"]
    assert api.data(BANS, {"target": "anthropic", "actor": "bis"})["bans"]["nodes"] == []
