"""Each fragment of a document measured once, whatever the measure.

A document's fragments may spread each other many times over (a chain in which each
spreads the previous one twice expands to 2^n copies); walking a fragment's body at
every spread makes any check exponential in the document. Both the shape limits
(:mod:`.document_limits`) and the cost limit (:mod:`.cost`) therefore measure a
fragment once and reuse the result at every spread. A spread back into a fragment
being measured (a cycle, which GraphQL's own validation reports) counts as ``empty``,
and so does an unknown fragment, so every measure ends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from graphql import DocumentNode, FragmentDefinitionNode

T = TypeVar("T")


class FragmentMemo(Generic[T]):
    def __init__(self, document: DocumentNode, empty: T,
                 measure: Callable[[FragmentDefinitionNode], T]) -> None:
        self.definitions = {d.name.value: d for d in document.definitions
                            if isinstance(d, FragmentDefinitionNode)}
        self.empty = empty
        self.measure = measure
        self.measured: dict[str, T] = {}
        self.measuring: set[str] = set()

    def __call__(self, name: str) -> T:
        known = self.measured.get(name)
        if known is not None:
            return known
        definition = self.definitions.get(name)
        if definition is None or name in self.measuring:
            return self.empty
        self.measuring.add(name)
        try:
            value = self.measure(definition)
        finally:
            self.measuring.discard(name)
        self.measured[name] = value
        return value
