"""Countries, blocs and entity homes for the API's fields and filters.
What an entity's homes are is defined once, in :mod:`blocgraph.graph.homes`
(``homes_expr``); this module reads them in batches for the DataLoaders.
"""

from __future__ import annotations

from collections.abc import Sequence

import neo4j

from blocgraph.graph.homes import (
    BlocView,
    CountryView,
    bloc_members_in,
    country_view,
    home_countries_expr,
)
from blocgraph.graph.reader_views import canonical
from blocgraph.graph.reading import read, read_work

_COUNTRY_MAP = ("c {.iso, .name, bloc: head([(c)-[:MEMBER_OF]->(b:Bloc) | b {.id, .name}])}")
_BLOCS = """
MATCH (b:Bloc) RETURN b.id AS id, b.name AS name,
       COLLECT { MATCH (c:Country)-[:MEMBER_OF]->(b) RETURN c.iso ORDER BY c.iso } AS members
ORDER BY b.id
"""
_COUNTRIES = f"UNWIND $isos AS iso MATCH (c:Country {{iso: iso}}) RETURN {_COUNTRY_MAP} AS country"


def _homes_query() -> str:
    return (
        f"UNWIND $ids AS rid MATCH (n:Entity {{id: rid}}) WITH rid, {canonical('n', 'nt')} AS e "
        f"RETURN rid, {home_countries_expr('e')} AS countries"
    )


def entity_homes(driver: neo4j.Driver, ids: Sequence[str], *,
                 database: str | None = None) -> dict[str, list[CountryView]]:
    """Entity id -> the countries placing it, best evidence first (one query)."""
    result: dict[str, list[CountryView]] = {i: [] for i in ids}
    for row in read(driver, _homes_query(), {"ids": list(dict.fromkeys(ids))}, database):
        result[row["rid"]] = [country_view(c) for c in row["countries"]]
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
    return read_work(driver, lambda tx: bloc_members_in(tx, bloc), database)
