"""The GraphQL schema comes from the domain model, and its committed SDL never drifts."""

from __future__ import annotations

from pathlib import Path

from graphql import (
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLType,
    build_schema,
)

from blocgraph.api.commands.schema import API_FILES
from blocgraph.api.gql.schema import render_sdl
from blocgraph.schema.generate import GENERATED_DIR, GENERATORS, check_drift
from blocgraph.schema.model import load_model

ROOT = Path(__file__).resolve().parents[2]


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _named(kind: GraphQLType) -> str:
    while isinstance(kind, GraphQLNonNull | GraphQLList):
        kind = kind.of_type
    return str(getattr(kind, "name", ""))


def test_committed_sdl_matches_the_schema() -> None:
    # The schema package renders its own files; the API passes its SDL renderer in.
    assert "schema.graphql" not in GENERATORS
    assert API_FILES["schema.graphql"] is render_sdl
    assert check_drift(extra=API_FILES) == []
    committed = (GENERATED_DIR / "schema.graphql").read_text(encoding="utf-8")
    assert committed == render_sdl()
    assert (ROOT / "schema.graphql").read_text(encoding="utf-8") == committed


def test_every_fact_type_and_field_of_the_model_is_in_the_schema() -> None:
    schema = build_schema(render_sdl())
    fact = schema.get_type("Fact")
    assert isinstance(fact, GraphQLInterfaceType)
    model = load_model()
    for fact_type in model.fact_types:
        generated = schema.get_type(fact_type.name)
        assert isinstance(generated, GraphQLObjectType), fact_type.name
        assert fact in generated.interfaces
        assert {"key", "sources", "participants", "conflict"} <= set(generated.fields)
        for spec in fact_type.fields:
            field = generated.fields[_camel(spec.name)]
            expected = {"entity": "Entity", "country": "Country", "amount": "Float"}
            assert _named(field.type) == expected.get(spec.type, "String"), spec.name
            assert isinstance(field.type, GraphQLNonNull) == spec.list
    codes = schema.get_type("FactType")
    entity_types = schema.get_type("EntityType")
    assert isinstance(codes, GraphQLEnumType) and isinstance(entity_types, GraphQLEnumType)
    assert set(codes.values) == {str(t.code) for t in model.fact_types}
    assert set(entity_types.values) == {t.name for t in model.entity_types}


def test_the_issue_queries_and_mutations_exist() -> None:
    schema = build_schema(render_sdl())
    assert schema.query_type is not None and schema.mutation_type is not None
    assert {"entity", "search", "entities", "bans", "fundingRounds", "blocs", "dependency",
            "dependencyMatrix", "neighbourhood", "paths", "timeline", "conflicts",
            "articles"} <= set(schema.query_type.fields)
    assert set(schema.mutation_type.fields) == {"ingestArticle", "mergeEntities", "unmergeEntity",
                                             "retractFact"}
    source = schema.get_type("Source")
    assert isinstance(source, GraphQLObjectType)
    assert {"article", "evidence", "confidence"} <= set(source.fields)
    bans = schema.query_type.fields["bans"].args
    assert {"actor", "target", "bloc", "from", "to", "first", "after"} <= set(bans)
    rounds = schema.query_type.fields["fundingRounds"].args
    assert {"company", "investor", "investorBloc", "minAmount", "currency", "from",
            "to"} <= set(rounds)
