"""Depth, alias and size limits of a GraphQL document, in one pass linear in its length.

Strawberry's ``QueryDepthLimiter`` and ``MaxAliasesLimiter`` walk a fragment's
body again at every spread. A chain in which each fragment spreads the previous
one twice (``fragment M1 on Query { ...M0 ...M0 }`` ... ``M23``) is a 1 KB
document that makes them visit 2^24 spreads, on the event loop, freezing the
server. Here each fragment is measured once and its measure reused at every
spread (memoised per fragment name), so the work is proportional to the
document, whatever it expands to.

A document is measured as:

* ``depth``: the deepest field nesting, root fields at 0 (introspection fields
  are not counted), as strawberry counts it;
* ``aliases``: aliased fields, a fragment's counted at each spread;
* ``selections``: fields once every spread is expanded; capping it caps the
  expansion itself, since execution would resolve every one of them.

Fragment cycles are GraphQL's own validation error (``NoFragmentCyclesRule``);
a spread back into a fragment being measured counts as empty here, so the
measure always ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
)
from graphql.language.visitor import SKIP

from blocgraph.api.gql.fragments import FragmentMemo


@dataclass(frozen=True)
class Shape:
    """What a selection set amounts to once its fragments are expanded."""

    depth: int = 0
    aliases: int = 0
    selections: int = 0

    def beside(self, other: Shape) -> Shape:
        return Shape(max(self.depth, other.depth), self.aliases + other.aliases,
                     self.selections + other.selections)


@dataclass(frozen=True)
class DocumentLimits:
    max_depth: int
    max_aliases: int
    max_selections: int


class ShapeMeter:
    """Measures selection sets of one document; each fragment is measured once."""

    def __init__(self, document: DocumentNode) -> None:
        self.fragment = FragmentMemo(document, Shape(),
                                     lambda d: self.selection_set(d.selection_set))

    def selection_set(self, node: SelectionSetNode | None) -> Shape:
        shape = Shape()
        for selection in node.selections if node else ():
            if isinstance(selection, FieldNode):
                shape = shape.beside(self.field(selection))
            elif isinstance(selection, InlineFragmentNode):
                shape = shape.beside(self.selection_set(selection.selection_set))
            elif isinstance(selection, FragmentSpreadNode):
                shape = shape.beside(self.fragment(selection.name.value))
        return shape

    def field(self, node: FieldNode) -> Shape:
        alias = 1 if node.alias else 0
        if node.name.value.startswith("__") or not node.selection_set:
            return Shape(0, alias, 1)
        inner = self.selection_set(node.selection_set)
        return Shape(inner.depth + 1, inner.aliases + alias, inner.selections + 1)


def measure(document: DocumentNode) -> dict[str, Shape]:
    """Each operation's shape, by name (``anonymous`` for an unnamed one)."""
    meter = ShapeMeter(document)
    return {(d.name.value if d.name else "anonymous"): meter.selection_set(d.selection_set)
            for d in document.definitions if isinstance(d, OperationDefinitionNode)}


def limits_rule(limits: DocumentLimits) -> type[ASTValidationRule]:
    """A validation rule refusing documents over ``limits``, one error per limit."""

    class DocumentLimitsRule(ASTValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            self.context = context

        def enter_document(self, node: DocumentNode, *_args: Any) -> Any:
            shapes = measure(node)
            for name, shape in shapes.items():
                if shape.depth > limits.max_depth:
                    self.report_error(GraphQLError(
                        f"'{name}' exceeds maximum operation depth of {limits.max_depth}"))
            aliases = sum(s.aliases for s in shapes.values())
            if aliases > limits.max_aliases:
                self.report_error(GraphQLError(
                    f"{aliases} aliases found. Allowed: {limits.max_aliases}"))
            selections = sum(s.selections for s in shapes.values())
            if selections > limits.max_selections:
                self.report_error(GraphQLError(
                    f"the document expands to {selections:,} field selections once its "
                    f"fragments are spread. Allowed: {limits.max_selections:,}"))
            return SKIP

    return DocumentLimitsRule
