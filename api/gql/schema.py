"""The strawberry schema, and its SDL as a file generated from the domain model.

:func:`build_schema` adds the limits of one :class:`ApiSettings`; the SDL does
not depend on them, so :func:`render_sdl` (passed to
:mod:`blocgraph.schema.generate` by ``blocgraph schema``) prints the schema with default
settings and the drift check keeps ``schema/generated/schema.graphql`` (and the
root ``schema.graphql`` pointing at it) in step with the model.
"""

from __future__ import annotations

from typing import Any, cast

import strawberry
from graphql import GraphQLError
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from blocgraph.api.gql.execution import PlainFieldExecution
from blocgraph.api.gql.fact_types import FACT_CLASSES
from blocgraph.api.gql.limits import extensions, is_expected
from blocgraph.api.gql.mutations import Mutation
from blocgraph.api.gql.queries import Query
from blocgraph.api.settings import ApiSettings
from blocgraph.schema.model import Model, load_model

HEADER = ("# Generated from the domain model by `blocgraph schema generate`; do not edit.\n"
          "# The BlocGraph GraphQL API (POST /graphql).\n\n")


class Schema(strawberry.Schema):
    """Logs only unexpected errors (with their traceback); a client's bad input or an
    unknown id is an answer, not a server problem."""

    def process_errors(self, errors: list[GraphQLError],
                       execution_context: ExecutionContext | None = None) -> None:
        super().process_errors([e for e in errors if not is_expected(e)], execution_context)


def build_schema(settings: ApiSettings | None = None) -> strawberry.Schema:
    """The API schema with the limits of ``settings`` (defaults when None)."""
    chosen = settings or ApiSettings()
    config = StrawberryConfig(disable_field_suggestions=not chosen.introspection,
                              batching_config=None)
    # Without the short path, graphql-core's own execution (strawberry's default context):
    # the tests run both, so a graphql-core change the short path misreads shows up.
    execution = PlainFieldExecution if chosen.fast_execution else None
    return Schema(query=Query, mutation=Mutation, types=list(FACT_CLASSES.values()),
                  extensions=extensions(chosen), config=config,
                  execution_context_class=cast(Any, execution))


def render_sdl(model: Model | None = None) -> str:
    """The SDL. The GraphQL types are generated from the packaged model at import, so
    ``model`` must be that model (the generator registry passes it)."""
    if model is not None and model is not load_model():
        raise ValueError("the GraphQL schema is built from the packaged domain model only")
    return HEADER + build_schema().as_str() + "\n"
