"""What a GraphQL operation costs before it runs, and the budget it must fit.

Depth, alias and token limits bound the *shape* of a document, not its price:
fifteen aliased ``dependencyMatrix(first: 100)`` fit every shape limit and are
fifteen whole-graph loads. Each field therefore has a static cost:

* its own cost: :data:`FIELD_COSTS` for the fields that read much more than
  their page (analytics, walks, search), 1 for any other field returning an
  object, 0 for a scalar;
* plus, for a paged field, its page size (``first`` or ``limit``, from the
  arguments or variables, else the schema's default) times the cost of one item.

Fragments are costed once per type condition and reused, so costing is linear
in the document (see :mod:`blocgraph.api.gql.document_limits` for why). The
budget is per operation (``BLOCGRAPH_API_MAX_COST``); fields whose own cost is
:data:`EXPENSIVE` or more also count against a per-client limit of operations
running at once (``BLOCGRAPH_API_MAX_EXPENSIVE``), so one client cannot hold
every worker thread with analytics while others wait for a search.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    is_composite_type,
    value_from_ast,
)
from graphql import ExecutionResult as GraphQLExecutionResult
from strawberry.extensions import SchemaExtension

from blocgraph.api.gql.fragments import FragmentMemo

# Own cost of the fields that read far more than the items they return (declared here,
# beside the resolvers they price; every other field costs 1 if it returns an object).
FIELD_COSTS: Mapping[tuple[str, str], int] = {
    ("Query", "dependencyMatrix"): 1000,  # scores every entity of a type: whole-graph load
    ("Query", "dependency"): 100,  # the entity's neighbourhood, placed and scored
    ("Query", "paths"): 100,  # a bounded walk between two entities
    ("Query", "neighbourhood"): 50,
    ("Query", "search"): 10,  # a full-text index query
    ("Query", "timeline"): 10,
    ("Query", "conflicts"): 10,
    ("Mutation", "ingestArticle"): 100,  # runs the extractor
    ("Query", "facts"): 1,  # one anchored statement; its page is costed as any page
    ("Query", "model"): 1,  # see IN_MEMORY
}
# Fields answered from memory whatever is selected below them (the domain model, built
# once): their own cost is the whole cost. A fact type's named listing is an
# ordinary page: 1 plus its page size times the cost of one fact.
IN_MEMORY: frozenset[tuple[str, str]] = frozenset({("Query", "model")})
PAGE_ARGUMENTS = ("first", "limit")
EXPENSIVE = 100


@dataclass(frozen=True)
class Cost:
    total: int = 0
    expensive: int = 0  # fields of own cost >= EXPENSIVE, pages included

    def __add__(self, other: Cost) -> Cost:
        return Cost(self.total + other.total, self.expensive + other.expensive)

    def times(self, count: int) -> Cost:
        return Cost(self.total * count, self.expensive * count)


class CostMeter:
    """Costs the selection sets of one operation; fragments once per type."""

    def __init__(self, schema: GraphQLSchema, document: DocumentNode,
                 variables: Mapping[str, Any]) -> None:
        self.schema = schema
        self.variables = dict(variables)
        self.fragment = FragmentMemo(document, Cost(), lambda d: self.selection_set(
            self.schema.get_type(d.type_condition.name.value), d.selection_set))

    def selection_set(self, parent: GraphQLNamedType | None,
                      node: SelectionSetNode | None) -> Cost:
        cost = Cost()
        for selection in node.selections if node else ():
            if isinstance(selection, FieldNode):
                cost += self.field(parent, selection)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                cost += self.selection_set(inner, selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                cost += self.fragment(selection.name.value)
        return cost

    def field(self, parent: GraphQLNamedType | None, node: FieldNode) -> Cost:
        name = node.name.value
        definition = (parent.fields.get(name)
                      if isinstance(parent, GraphQLObjectType) else None)
        if definition is None or name.startswith("__"):
            return Cost(1 if node.selection_set else 0)
        own = FIELD_COSTS.get((parent.name if parent else "", name))
        named = get_named_type(definition.type)
        if own is None:
            own = 1 if is_composite_type(named) else 0
        cost = Cost(own, own if own >= EXPENSIVE else 0)
        if node.selection_set and (parent.name if parent else "", name) not in IN_MEMORY:
            cost += self.selection_set(named, node.selection_set).times(self.page(node, definition))
        return cost

    def page(self, node: FieldNode, definition: Any) -> int:
        """The field's page size: its ``first``/``limit`` argument, else the default."""
        given = {a.name.value: a.value for a in node.arguments or ()}
        for argument in PAGE_ARGUMENTS:
            spec = definition.args.get(argument)
            if spec is None:
                continue
            value = (value_from_ast(given[argument], spec.type, self.variables)
                     if argument in given else spec.default_value)
            if isinstance(value, int) and value > 0:
                return value
        return 1


def operation_cost(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None,
                   variables: Mapping[str, Any] | None) -> Cost:
    """The cost of the operation that would run (the named one, else the only one)."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [d for d in operations
              if operation_name is None or (d.name and d.name.value == operation_name)]
    if not chosen:
        return Cost()
    operation = chosen[0]
    root = schema.get_root_type(operation.operation)
    return CostMeter(schema, document, variables or {}).selection_set(root, operation.selection_set)


class ClientSlots:
    """How many expensive operations each client has running; at most ``limit`` each."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.running: Counter[str] = Counter()
        self.lock = threading.Lock()

    def take(self, client: str) -> bool:
        with self.lock:
            if self.running[client] >= self.limit:
                return False
            self.running[client] += 1
            return True

    def give_back(self, client: str) -> None:
        with self.lock:
            self.running[client] -= 1
            if self.running[client] <= 0:
                del self.running[client]


def client_of(context: Any) -> str:
    """A keyed caller by its key's digest name, an anonymous one by address."""
    principal = getattr(context, "principal", None)
    if principal is not None and principal.scope is not None:
        return str(principal.name)
    request = getattr(context, "request", None)
    client = getattr(request, "client", None)
    return f"address:{client.host}" if client is not None else "anonymous"


class CostLimit(SchemaExtension):
    """Refuses an operation over ``budget`` before it runs, and one more expensive
    operation from a client that already runs ``slots.limit`` of them."""

    def __init__(self, budget: int, slots: ClientSlots) -> None:
        super().__init__()
        self.budget = budget
        self.slots = slots

    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        if ctx.graphql_document is None or ctx.result is not None:  # refused already
            yield
            return
        cost = operation_cost(ctx.schema._schema, ctx.graphql_document, ctx.operation_name,
                              ctx.variables)
        if cost.total > self.budget:
            ctx.result = _refused(
                f"the operation costs {cost.total:,}. Allowed: {self.budget:,} (ask for "
                "smaller pages or fewer analytics fields; see docs/security.md)",
                "QUERY_TOO_COSTLY")
            yield
            return
        client = client_of(ctx.context) if cost.expensive else None
        if client is not None and not self.slots.take(client):
            ctx.result = _refused(
                f"this client already runs {self.slots.limit} expensive operations "
                "(analytics); retry when one has finished", "TOO_MANY_REQUESTS")
            yield
            return
        try:
            yield
        finally:
            if client is not None:
                self.slots.give_back(client)


def _refused(message: str, code: str) -> GraphQLExecutionResult:
    return GraphQLExecutionResult(data=None,
                                  errors=[GraphQLError(message, extensions={"code": code})])
