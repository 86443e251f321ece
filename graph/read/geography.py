"""Countries and blocs as the API shows them, and bloc membership for its filters.

What an entity's homes are is defined once, in :mod:`blocgraph.graph.read.homes`
(``homes_expr``); entities are read with their homes by
:func:`blocgraph.graph.read.lookups.get_entities`.
"""

from __future__ import annotations

from collections.abc import Sequence

import neo4j

from blocgraph.graph.read.homes import (
    BlocView,
    CountryView,
    bloc_members_in,
    country_map,
    country_view,
)
from blocgraph.graph.read.transactions import read, read_work

_BLOCS = """
MATCH (b:Bloc) RETURN b.id AS id, b.name AS name,
       COLLECT { MATCH (c:Country)-[:MEMBER_OF]->(b) RETURN c.iso ORDER BY c.iso } AS members
ORDER BY b.id
"""
_COUNTRIES = (f"UNWIND $isos AS iso MATCH (c:Country {{iso: iso}}) "
              f"RETURN {country_map('c', 'b')} AS country")


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
    return read_work(driver, lambda tx: bloc_members_in(tx, bloc), database)
