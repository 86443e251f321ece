"""Small in-memory projections for unit tests of the bloc and dependency maths.

Builds the same networkx shape ``load_projection`` reads from Neo4j, without
the database, so edge cases (ownership cycles, split headquarters, lead
weighting) are checked in milliseconds.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from blocgraph.graph.analytics.projection import (
    EntityRecord,
    FactRecord,
    Projection,
    SourceRef,
    bloc_node,
    country_node,
    entity_node,
    fact_node,
)

BLOCS = {"us": ["US"], "china": ["CN", "HK"], "eu": ["FR", "DE", "LU", "EU"], "other": ["SG"]}


class Builder:
    def __init__(self) -> None:
        self.graph: Any = nx.MultiDiGraph()
        self.redirects: dict[str, str] = {}
        self._count = 0
        for bloc, members in BLOCS.items():
            self.graph.add_node(bloc_node(bloc), kind="bloc", id=bloc, name=bloc.upper())
            for iso in members:
                self.graph.add_node(country_node(iso), kind="country", iso=iso, name=iso)
                self.graph.add_edge(country_node(iso), bloc_node(bloc), key="MEMBER_OF")

    def entity(self, entity_id: str, type_name: str = "Company", *, country: str | None = None,
               reference: str | None = None) -> Builder:
        refs = (reference,) if reference else ()
        record = EntityRecord(entity_id, entity_id.title(), type_name, country, refs)
        self.graph.add_node(entity_node(entity_id), kind="entity", entity=record)
        for iso in refs:
            self.graph.add_edge(entity_node(entity_id), country_node(iso), key="IN_COUNTRY")
        return self

    def fact(self, code: str, *, sources: int = 1, date: str | None = None,
             amount: float | None = None, currency: str | None = None,
             **participants: Any) -> str:
        """Participants as edge=id or edge=[ids]; ``lead=[ids]`` marks lead investors."""
        self._count += 1
        key = f"{code.lower()}-{self._count}"
        leads = set(participants.pop("lead", []))
        refs = tuple(SourceRef(f"a{i}", f"Article {i}", None, "2024-01-01", f"evidence {key}",
                               0, 10, 0.9) for i in range(sources))
        attrs = {"date": date, "amount": amount, "currency": currency}
        record = FactRecord(key, code, date, amount, currency, attrs, False, refs)
        self.graph.add_node(fact_node(key), kind="fact", fact=record)
        for edge, ids in participants.items():
            for ident in ids if isinstance(ids, list) else [ids]:
                target = country_node(ident) if edge == "IN_COUNTRY" else entity_node(ident)
                self.graph.add_edge(fact_node(key), target, key=edge, lead=ident in leads)
        return key

    def build(self) -> Projection:
        return Projection(self.graph, self.redirects, None)
