"""The ``model`` query answers the domain model exactly as ``load_model()`` holds it."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLEnumType, parse

from blocgraph.api.gql.cost import operation_cost
from blocgraph.api.gql.schema import build_schema
from blocgraph.graph.analytics.channel_spec import channel_spec
from blocgraph.schema.model import NodeType, load_model
from tests.api.conftest import Api

pytestmark = pytest.mark.neo4j

MODEL = """{ model {
  factTypes { code title plural description order headline dated listing summary
              edge { source target label style } fields { name type list participant } }
  entityTypes { name title plural } channels { name label hint weight } } }"""


def _expected_fact(fact: NodeType) -> dict[str, Any]:
    edge = fact.edge
    return {
        "code": fact.code, "title": fact.title, "plural": fact.plural,
        "description": fact.description, "order": fact.order, "headline": fact.headline,
        "dated": fact.date_field is not None, "listing": fact.listing, "summary": fact.summary,
        "edge": None if edge is None else {"source": edge.source, "target": edge.target,
                                           "label": edge.label, "style": edge.style},
        "fields": [{"name": s.name, "type": s.type, "list": s.list,
                    "participant": s.is_participant} for s in fact.fields],
    }


def test_the_model_query_matches_the_loaded_model(api: Api) -> None:
    model = load_model()
    answer = api.data(MODEL)["model"]
    assert answer["factTypes"] == [_expected_fact(f) for f in model.fact_types]
    assert [f["order"] for f in answer["factTypes"]] == sorted(f.order for f in model.fact_types)
    assert answer["entityTypes"] == [{"name": t.name, "title": t.title, "plural": t.plural}
                                     for t in model.entity_types]


def test_the_model_query_lists_the_declared_channels_in_order(api: Api) -> None:
    """Clients take channel order, labels and hints from here, not from tables of their own."""
    answer = api.data("{ model { channels { name label hint weight } } }")["model"]["channels"]
    assert answer == [{"name": c.name, "label": c.label, "hint": c.hint, "weight": c.weight}
                      for c in channel_spec().channels]
    assert [c["name"] for c in answer] == ["home", "capital", "state", "restrictions"]
    assert [c["label"] for c in answer] == ["Home", "Capital", "State", "Restrictions"]
    assert answer[0]["hint"] == "where it is based or who controls it"


def test_enum_values_carry_the_types_titles() -> None:
    schema = build_schema()._schema
    model = load_model()
    fact_enum = schema.get_type("FactType")
    entity_enum = schema.get_type("EntityType")
    assert isinstance(fact_enum, GraphQLEnumType) and isinstance(entity_enum, GraphQLEnumType)
    assert {code: v.description for code, v in fact_enum.values.items()} == {
        f.code: f.title for f in model.fact_types}
    assert {name: v.description for name, v in entity_enum.values.items()} == {
        t.name: t.title for t in model.entity_types}


def test_the_model_costs_one_whatever_is_selected() -> None:
    schema = build_schema()._schema
    assert operation_cost(schema, parse(MODEL), None, None).total == 1
