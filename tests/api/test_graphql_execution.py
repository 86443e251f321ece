"""The plain-leaf execution path answers exactly as graphql-core's own executor.

A small schema covers every kind of field the shortcut meets or must leave
alone: scalars, enums, IDs, JSON, nullable and non-null leaves (a null where
null is not allowed must still be a located error), lists, nested objects,
resolvers with and without arguments, async resolvers, and interfaces.
"""

from __future__ import annotations

import asyncio
from enum import Enum
from typing import Any

import pytest
import strawberry
from strawberry.scalars import JSON
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from blocgraph.api.gql.execution import PlainFieldExecution
from blocgraph.api.gql.plain_fields import PlainLeaf, PlainObject, Projector, plain_leaf


@strawberry.enum
class Colour(Enum):
    RED = "RED"
    BLUE = "BLUE"


@strawberry.type
class Buddy:
    label: str
    weight: float | None


@strawberry.interface
class Named:
    name: str


@strawberry.type
class Leaf(Named):
    id: strawberry.ID
    count: int
    share: float | None
    flag: bool
    colour: Colour
    data: JSON
    tags: list[str]
    must: str  # set to None below: a non-null field that breaks
    buddy: Buddy | None

    @strawberry.field
    def shout(self, times: int = 1) -> str:
        return self.name.upper() * times

    @strawberry.field
    async def later(self) -> str:
        await asyncio.sleep(0)
        return f"later {self.name}"


@strawberry.type
class Holder:
    leaves: list[Leaf | None]
    strict: list[Leaf] | None  # one item breaks: the whole list is null
    first: Named | None


def _leaf(name: str, must: Any = "ok") -> Leaf:
    return Leaf(name=name, id=strawberry.ID(f"id-{name}"), count=3, share=None, flag=True,
                colour=Colour.BLUE, data=JSON({"a": [1, 2]}), tags=["x", "y"], must=must,
                buddy=Buddy(label=f"b-{name}", weight=None) if name != "b" else None)


@strawberry.type
class Query:
    @strawberry.field
    def holder(self) -> Holder:
        leaves: list[Leaf | None] = [_leaf("a"), _leaf("b"), _leaf("c", must=None)]
        return Holder(leaves=leaves, strict=[_leaf("d"), _leaf("e", must=None)], first=leaves[0])


DOCUMENT = """
query { holder { leaves { ...L shout(times: 2) later } strict { name must }
  plain: leaves { __typename n: name colour buddy { label weight } ... on Leaf { id } }
  first { name ... on Leaf { count } } } }
fragment L on Leaf { id name count share flag colour data tags must alias: name }
"""


def _run(execution: Any) -> Any:
    schema = strawberry.Schema(query=Query, types=[Leaf], execution_context_class=execution)
    result = asyncio.run(schema.execute(DOCUMENT))
    errors = [(e.message, e.path) for e in result.errors or []]
    return result.data, errors


def test_answers_and_errors_equal_graphql_cores_own(monkeypatch: pytest.MonkeyPatch) -> None:
    projected: list[Any] = []
    project = Projector.project
    monkeypatch.setattr(Projector, "project",
                        lambda self, obj: projected.append(obj) or project(self, obj))
    fast = _run(PlainFieldExecution)
    assert len(projected) >= 3  # the all-plain `plain` selection went through projectors
    plain = _run(StrawberryGraphQLCoreExecutionContext)
    assert fast == plain
    data, errors = fast
    assert data["holder"]["leaves"][0]["alias"] == "a"
    assert data["holder"]["leaves"][0]["colour"] == "BLUE"
    assert data["holder"]["leaves"][2] is None  # its non-null `must` was None
    assert data["holder"]["strict"] is None
    assert data["holder"]["plain"][0] == {"__typename": "Leaf", "n": "a", "colour": "BLUE",
                                          "buddy": {"label": "b-a", "weight": None}, "id": "id-a"}
    assert data["holder"]["plain"][1]["buddy"] is None
    assert sorted(path for _, path in errors) == [["holder", "leaves", 2, "must"],
                                                  ["holder", "strict", 1, "must"]]


def test_only_plain_fields_take_the_short_path() -> None:
    schema = strawberry.Schema(query=Query, types=[Leaf])._schema
    leaf_type, holder = schema.type_map["Leaf"], schema.type_map["Holder"]
    leaves = {name for name, _ in leaf_type.fields.items()
              if isinstance(plain_leaf(schema, leaf_type, name), PlainLeaf)}
    assert leaves == {"id", "name", "count", "share", "flag", "colour", "data", "must"}
    assert isinstance(plain_leaf(schema, leaf_type, "buddy"), PlainObject)
    assert isinstance(plain_leaf(schema, holder, "leaves"), PlainObject)
    assert plain_leaf(schema, holder, "first") is None  # an interface: executed in full
