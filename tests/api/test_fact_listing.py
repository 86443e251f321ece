"""The generic ``facts`` listing, for every fact type of the model, on the dev corpus.

Each type's listing is checked against the graph itself (exactly the type's
non-retracted facts, in its order), each filter against what the listing
reports of its facts, and each named listing (``listing:`` in the YAML) against
the generic listing with the same filters. Nothing here names a fact type: a
type added to the model is tested by the same code.
"""

from __future__ import annotations

from typing import Any

import pytest

from blocgraph.graph.analytics.channels import USD_PER_UNIT
from blocgraph.graph.read.listing_aliases import ListingAlias, listing_aliases
from blocgraph.graph.read.temporal import overlaps
from blocgraph.schema.model import NodeType, load_model
from tests.api.conftest import Api, error_codes

pytestmark = pytest.mark.neo4j

FACT_TYPES = load_model().fact_types
FACTS = """query($type: FactType!, $entity: ID, $participants: [FieldFilter!], $bloc: ID,
                 $from: String, $to: String, $minAmount: Float, $first: Int! = 100,
                 $after: String) {
  facts(type: $type, entity: $entity, participants: $participants, bloc: $bloc, from: $from,
        to: $to, minAmount: $minAmount, first: $first, after: $after) {
    nodes { key type attributes
            participants { field id type lead entity { homes { bloc { id } } } } }
    pageInfo { endCursor hasNextPage } } }"""


def _all(api: Api, variables: dict[str, Any], first: int = 100) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after = None
    for _ in range(500):
        page = api.data(FACTS, {**variables, "first": first, "after": after})["facts"]
        nodes.extend(page["nodes"])
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]
    raise AssertionError("pagination did not end")


def _stored(api: Api, fact: NodeType) -> list[str]:
    rows = api.driver.execute_query(
        f"MATCH (f:{fact.label}) WHERE NOT coalesce(f.retracted, false) RETURN f.key AS key",
        database_=api.database).records
    return sorted(r["key"] for r in rows)


def _ids(node: dict[str, Any], field: str | None = None) -> set[str]:
    return {p["id"] for p in node["participants"]
            if p["type"] != "Country" and (field is None or p["field"] == field)}


def _blocs(node: dict[str, Any]) -> set[str | None]:
    return {(h["bloc"] or {}).get("id") for p in node["participants"] if p["entity"]
            for h in p["entity"]["homes"]}


@pytest.mark.parametrize("fact", FACT_TYPES, ids=lambda f: str(f.code))
def test_each_type_lists_exactly_its_facts_in_order(api: Api, fact: NodeType) -> None:
    listed = _all(api, {"type": fact.code})
    assert {n["type"] for n in listed} <= {fact.code}
    assert sorted(n["key"] for n in listed) == _stored(api, fact)
    assert [n["key"] for n in _all(api, {"type": fact.code}, first=7)] == [
        n["key"] for n in listed]
    date = fact.date_field
    if date is None:
        assert [n["key"] for n in listed] == sorted(n["key"] for n in listed)
        return
    dates = [n["attributes"].get(date.name) for n in listed]
    known = [d for d in dates if d is not None]
    assert known == sorted(known, reverse=True)
    assert dates == known + [None] * (len(dates) - len(known))  # undated ones last


@pytest.mark.parametrize("fact", FACT_TYPES, ids=lambda f: str(f.code))
def test_entity_and_field_filters(api: Api, fact: NodeType) -> None:
    listed = _all(api, {"type": fact.code})
    if not listed:
        pytest.skip(f"the dev corpus holds no {fact.code} facts")
    someone = sorted(_ids(listed[0]))[0]
    found = _all(api, {"type": fact.code, "entity": someone})
    assert {n["key"] for n in found} == {n["key"] for n in listed if someone in _ids(n)}
    for spec in fact.entity_fields:
        if spec.edge_flag:
            continue
        holders = [n for n in listed if _ids(n, spec.name)]
        if not holders:
            continue
        value = sorted(_ids(holders[-1], spec.name))[0]
        wanted = [{"field": spec.name, "id": value}]
        found = _all(api, {"type": fact.code, "participants": wanted})
        assert found and {n["key"] for n in found} == {
            n["key"] for n in listed if value in _ids(n, spec.name)}


@pytest.mark.parametrize("fact", FACT_TYPES, ids=lambda f: str(f.code))
def test_bloc_dates_and_amounts(api: Api, fact: NodeType) -> None:
    listed = _all(api, {"type": fact.code})
    if not any(s.type == "country" for s in fact.fields):  # countries show no homes here
        for bloc in ("eu", "china", "us"):
            found = _all(api, {"type": fact.code, "bloc": bloc})
            assert {n["key"] for n in found} == {n["key"] for n in listed if bloc in _blocs(n)}
    date = fact.date_field
    if date is None:
        assert error_codes(api.gql(FACTS, {"type": fact.code, "from": "2024"})) == [
            "BAD_USER_INPUT"]
    else:
        found = _all(api, {"type": fact.code, "from": "2023-10", "to": "2024"})
        assert {n["key"] for n in found} == {
            n["key"] for n in listed
            if overlaps(n["attributes"].get(date.name), "2023-10", "2024")}
    amount = next((s for s in fact.fields if s.type == "amount"), None)
    if amount is None:
        assert error_codes(api.gql(FACTS, {"type": fact.code, "minAmount": 1.0})) == [
            "BAD_USER_INPUT"]
        return
    currency = next((s.name for s in fact.fields if s.type == "currency"), None)

    def usd(node: dict[str, Any]) -> float:
        value = node["attributes"].get(amount.name)
        rate = USD_PER_UNIT.get(node["attributes"].get(currency), 0.0) if currency else 1.0
        return -1.0 if value is None else float(value) * rate

    found = _all(api, {"type": fact.code, "minAmount": 1e8})
    assert {n["key"] for n in found} == {n["key"] for n in listed if usd(n) >= 1e8}


def test_bad_filters_are_clear_input_errors(api: Api) -> None:
    fact = FACT_TYPES[0]
    body = api.gql(FACTS, {"type": fact.code,
                           "participants": [{"field": "no_such_field", "id": "x"}]})
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert "no_such_field" in body["errors"][0]["message"]
    owner, scalar = next((f, s) for f in FACT_TYPES for s in f.fields if not s.is_participant)
    body = api.gql(FACTS, {"type": owner.code, "participants": [{"field": scalar.name,
                                                                 "id": "x"}]})
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert error_codes(api.gql(FACTS, {"type": fact.code, "after": "nope"})) == [
        "BAD_USER_INPUT"]
    assert error_codes(api.gql(FACTS, {"type": fact.code, "entity": "no-such-entity"})) == [
        "NOT_FOUND"]
    unknown = api.gql(FACTS, {"type": "NO_SUCH_TYPE"})  # refused by GraphQL's own checks
    assert unknown.get("data") is None and "NO_SUCH_TYPE" in unknown["errors"][0]["message"]


def _alias_keys(api: Api, alias: ListingAlias, arguments: dict[str, Any]) -> list[str]:
    declared = "".join(f", ${name}: {kind}" for name, (kind, _) in arguments.items())
    passed = "".join(f", {name}: ${name}" for name in arguments)
    query = (f"query($first: Int!{declared}) {{ {alias.name}(first: $first{passed}) "
             "{ nodes { key } } }")
    values = {name: value for name, (_, value) in arguments.items()}
    return [n["key"] for n in api.data(query, {"first": 100, **values})[alias.name]["nodes"]]


@pytest.mark.parametrize("alias", list(listing_aliases().values()), ids=lambda a: a.name)
def test_named_listings_equal_the_generic_listing(api: Api, alias: ListingAlias) -> None:
    fact = load_model().fact_type(alias.code)
    listed = _all(api, {"type": alias.code})
    assert _alias_keys(api, alias, {}) == [n["key"] for n in listed][:100]
    for argument in alias.arguments:
        if argument.kind != "participant":
            continue
        holders = [n for n in listed if _ids(n, argument.field)]
        if not holders:
            continue
        value = sorted(_ids(holders[0], argument.field))[0]
        generic = _all(api, {"type": alias.code,
                             "participants": [{"field": argument.field, "id": value}]})
        named = _alias_keys(api, alias, {argument.name: ("ID", value)})
        assert named == [n["key"] for n in generic]
        for flag in (a for a in alias.arguments if a.kind == "flag"):
            flagged = fact.field(str(flag.field))
            if flagged.edge != fact.field(str(argument.field)).edge:
                continue
            generic = _all(api, {"type": alias.code,
                                 "participants": [{"field": flagged.name, "id": value}]})
            named = _alias_keys(api, alias, {argument.name: ("ID", value),
                                             f"{flag.name}Only": ("Boolean!", True)})
            assert named == [n["key"] for n in generic]
            assert all(any(p["id"] == value and p["lead"] for p in n["participants"])
                       for n in generic)  # the flag is shown as `lead` on participants
    if alias.bloc_argument:
        bloc_name = "".join(w if i == 0 else w.title()
                            for i, w in enumerate(alias.bloc_argument.split("_")))
        named = _alias_keys(api, alias, {bloc_name: ("ID", "china")})
        blocs = {n["key"] for n in listed if any(
            "china" in {(h["bloc"] or {}).get("id") for h in p["entity"]["homes"]}
            for p in n["participants"] if p["entity"] and p["field"] in alias.bloc_fields)}
        assert set(named) == blocs
