"""Where entities are, as pure Cypher: the homes expression and bloc membership.

An entity's *homes* are the countries that place it, in the order of evidence
:func:`blocgraph.graph.analytics.blocs.home` uses: its (non-retracted) home facts
(the ``home`` relation declared in ``graph/analytics/channels.yaml``),
most-supported first, else the reference data's ``IN_COUNTRY``, else
its ``country`` property; a Government reads the reference data first. The
expression has no clauses, so filters can use it inside ``WHERE`` and the
API's ``home``/``bloc`` fields and bloc filters all agree. Labels and edge
types come from the domain model, never from a request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import neo4j

from blocgraph.errors import NotFoundError
from blocgraph.graph.analytics.channel_spec import channel_spec
from blocgraph.graph.read.transactions import records
from blocgraph.schema.model import load_model

REFERENCE_EDGE = "IN_COUNTRY"  # (:Entity)-[:IN_COUNTRY]->(:Country), written from reference data


@dataclass(frozen=True)
class BlocView:
    id: str
    name: str


@dataclass(frozen=True)
class CountryView:
    iso: str
    name: str
    bloc: BlocView | None


_BLOC_MEMBERS = """
MATCH (b:Bloc {id: $bloc}) RETURN [(c:Country)-[:MEMBER_OF]->(b) | c.iso] AS members
"""


@cache
def homes_expr(var: str) -> str:
    """Cypher for the ISO codes placing the entity bound to ``var``, best evidence first."""
    model = load_model()
    declared = channel_spec().home
    label = model.fact_type(declared.fact).label
    government = model.get("Government").label
    by_home = (
        f"COLLECT {{ MATCH ({var})<-[:{declared.entity.edge}]-(h:{label})"
        f"-[:{declared.country.edge}]->(c:Country) WHERE NOT coalesce(h.retracted, false) "
        "RETURN c.iso ORDER BY COUNT { (h)-[:SUPPORTED_BY]->() } DESC, c.iso }"
    )
    by_reference = f"[({var})-[:{REFERENCE_EDGE}]->(c:Country) | c.iso]"
    by_property = f"CASE WHEN {var}.country IS NULL THEN [] ELSE [{var}.country] END"
    return (
        f"CASE WHEN {var}:{government} THEN CASE WHEN size({by_reference}) > 0 "
        f"THEN {by_reference} WHEN {var}.country IS NOT NULL THEN {by_property} ELSE {by_home} END "
        f"ELSE CASE WHEN size({by_home}) > 0 THEN {by_home} WHEN size({by_reference}) > 0 "
        f"THEN {by_reference} ELSE {by_property} END END"
    )


def bloc_members_in(tx: neo4j.ManagedTransaction, bloc: str) -> list[str]:
    """ISO codes of the bloc's countries; NotFoundError for an unknown bloc id."""
    rows = records(tx, _BLOC_MEMBERS, {"bloc": bloc})
    if not rows:
        raise NotFoundError(f"no bloc with id {bloc!r}")
    return sorted(rows[0]["members"])


def country_map(var: str, bloc_var: str) -> str:
    """Cypher for the country bound to ``var`` as the map :func:`country_view` reads."""
    return (f"{var} {{.iso, .name, "
            f"bloc: head([({var})-[:MEMBER_OF]->({bloc_var}:Bloc) | {bloc_var} {{.id, .name}}])}}")


@cache
def home_countries_expr(var: str) -> str:
    """Cypher for the entity's homes as country maps (:func:`country_view` reads them),
    best evidence first; codes that name no stored country are left out."""
    return (f"COLLECT {{ WITH ({homes_expr(var)}) AS hm_l UNWIND range(0, size(hm_l) - 1) AS hm_i "
            f"MATCH (hm_c:Country {{iso: hm_l[hm_i]}}) RETURN {country_map('hm_c', 'hm_b')} "
            "ORDER BY hm_i }")


def country_view(data: Mapping[str, Any]) -> CountryView:
    bloc = data.get("bloc")
    bloc_view = (BlocView(str(bloc["id"]), str(bloc["name"]))
                 if isinstance(bloc, Mapping) else None)
    return CountryView(str(data["iso"]), str(data.get("name") or data["iso"]), bloc_view)


def country_views(found: Any) -> tuple[CountryView, ...] | None:
    """Home countries read with an entity (None when the query did not ask for them)."""
    return None if found is None else tuple(country_view(c) for c in found)
