"""Where entities are, in Cypher: the API's country and bloc filters and fields.

An entity's *homes* are the countries that place it, in the order of evidence
:func:`blocgraph.graph.blocs.home` uses: its (non-retracted) HEADQUARTERS
facts, most-supported first, else the reference data's ``IN_COUNTRY``, else
its ``country`` property; a Government reads the reference data first. The
expression is pure (no clauses), so filters can use it inside ``WHERE``.
Labels and edge types come from the domain model, never from a request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import neo4j

from blocgraph.errors import NotFoundError
from blocgraph.graph.reader_views import canonical
from blocgraph.graph.reading import read
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


@cache
def homes_expr(var: str) -> str:
    """Cypher for the ISO codes placing the entity bound to ``var``, best evidence first."""
    model = load_model()
    hq = model.fact_type("HEADQUARTERS")
    government = model.get("Government").label
    by_hq = (
        f"COLLECT {{ MATCH ({var})<-[:{hq.field('org').edge}]-(h:{hq.label})"
        f"-[:{hq.field('country').edge}]->(c:Country) WHERE NOT coalesce(h.retracted, false) "
        "RETURN c.iso ORDER BY COUNT { (h)-[:SUPPORTED_BY]->() } DESC, c.iso }"
    )
    by_reference = f"[({var})-[:{REFERENCE_EDGE}]->(c:Country) | c.iso]"
    by_property = f"CASE WHEN {var}.country IS NULL THEN [] ELSE [{var}.country] END"
    return (
        f"CASE WHEN {var}:{government} THEN CASE WHEN size({by_reference}) > 0 "
        f"THEN {by_reference} WHEN {var}.country IS NOT NULL THEN {by_property} ELSE {by_hq} END "
        f"ELSE CASE WHEN size({by_hq}) > 0 THEN {by_hq} WHEN size({by_reference}) > 0 "
        f"THEN {by_reference} ELSE {by_property} END END"
    )


_COUNTRY_MAP = ("c {.iso, .name, bloc: head([(c)-[:MEMBER_OF]->(b:Bloc) | b {.id, .name}])}")
_BLOCS = """
MATCH (b:Bloc) RETURN b.id AS id, b.name AS name,
       COLLECT { MATCH (c:Country)-[:MEMBER_OF]->(b) RETURN c.iso ORDER BY c.iso } AS members
ORDER BY b.id
"""
_BLOC_MEMBERS = """
MATCH (b:Bloc {id: $bloc}) RETURN [(c:Country)-[:MEMBER_OF]->(b) | c.iso] AS members
"""
_COUNTRIES = f"UNWIND $isos AS iso MATCH (c:Country {{iso: iso}}) RETURN {_COUNTRY_MAP} AS country"


def _homes_query() -> str:
    return (
        f"UNWIND $ids AS rid MATCH (n:Entity {{id: rid}}) WITH rid, {canonical('n', 'nt')} AS e "
        f"WITH rid, {homes_expr('e')} AS homes "
        f"RETURN rid, homes, COLLECT {{ MATCH (c:Country) WHERE c.iso IN homes "
        f"RETURN {_COUNTRY_MAP} }} AS countries"
    )


def entity_homes(driver: neo4j.Driver, ids: Sequence[str], *,
                 database: str | None = None) -> dict[str, list[CountryView]]:
    """Entity id -> the countries placing it, best evidence first (one query)."""
    result: dict[str, list[CountryView]] = {i: [] for i in ids}
    for row in read(driver, _homes_query(), {"ids": list(dict.fromkeys(ids))}, database):
        by_iso = {c["iso"]: country_view(c) for c in row["countries"]}
        result[row["rid"]] = [by_iso[iso] for iso in row["homes"] if iso in by_iso]
    return result


def countries(driver: neo4j.Driver, isos: Sequence[str], *,
              database: str | None = None) -> dict[str, CountryView]:
    """ISO code -> country with its bloc; unknown codes are left out (one query)."""
    rows = read(driver, _COUNTRIES, {"isos": list(dict.fromkeys(isos))}, database)
    views = [country_view(r["country"]) for r in rows]
    return {v.iso: v for v in views}


def blocs(driver: neo4j.Driver, *, database: str | None = None
          ) -> list[tuple[BlocView, list[str]]]:
    """Every bloc with the ISO codes of its member countries."""
    return [(BlocView(r["id"], r["name"]), list(r["members"]))
            for r in read(driver, _BLOCS, {}, database)]


def bloc_members(driver: neo4j.Driver, bloc: str, *, database: str | None = None) -> list[str]:
    """ISO codes of the bloc's countries; NotFoundError for an unknown bloc id."""
    rows = read(driver, _BLOC_MEMBERS, {"bloc": bloc}, database)
    if not rows:
        raise NotFoundError(f"no bloc with id {bloc!r}")
    return sorted(rows[0]["members"])


def country_view(data: dict[str, object]) -> CountryView:
    bloc = data.get("bloc")
    bloc_view = (BlocView(str(bloc["id"]), str(bloc["name"]))
                 if isinstance(bloc, dict) else None)
    return CountryView(str(data["iso"]), str(data.get("name") or data["iso"]), bloc_view)
