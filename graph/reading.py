"""Running the readers' fixed queries: read transactions, quiet about harmless notices.

Reader queries mention every relationship type the model allows (``SAME_AS``,
``SUPPORTED_BY`` ...), and a fresh graph may hold none of some of them yet;
the server then attaches "unknown relationship type" notices that the driver
would log as warnings on every call. The queries are fixed text, so such
notices carry no information here and are switched off per session.
"""

from __future__ import annotations

from typing import Any

import neo4j


def read(driver: neo4j.Driver, query: str, params: dict[str, Any] | None = None,
         database: str | None = None) -> list[neo4j.Record]:
    """All records of a read query, in a retried read transaction."""
    def work(tx: neo4j.ManagedTransaction) -> list[neo4j.Record]:
        return list(tx.run(query, params or {}))

    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS,
                        notifications_min_severity="OFF") as session:
        return session.execute_read(work)
