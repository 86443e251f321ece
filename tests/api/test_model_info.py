"""The ``model`` query answers the domain model exactly as ``load_model()`` holds it."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLEnumType, parse

from blocgraph.api.gql.cost import operation_cost
from blocgraph.api.gql.schema import build_schema
from blocgraph.schema.model import NodeType, load_model
from tests.api.conftest import Api

pytestmark = pytest.mark.neo4j

MODEL = """{ model {
  factTypes { code title plural description order headline dated listing summary
              edge { source target label style } fields { name type list participant } }
  entityTypes { name title plural } } }"""


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
