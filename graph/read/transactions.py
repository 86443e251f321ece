"""Running the readers' fixed queries: read transactions, quiet about harmless notices.

Reader queries mention every relationship type the model allows (``SAME_AS``,
``SUPPORTED_BY`` ...), and a fresh graph may hold none of some of them yet;
the server then attaches "unknown relationship type" notices that the driver
would log as warnings on every call. The queries are fixed text, so such
notices carry no information here and are switched off per session.

A reader that needs several statements (look up an id's merged aliases, then
list facts anchored on them) runs them in one transaction with
:func:`read_work`: one session and one BEGIN/COMMIT instead of one per
statement, and one consistent snapshot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import neo4j

T = TypeVar("T")


def read(driver: neo4j.Driver, query: str, params: dict[str, Any] | None = None,
         database: str | None = None) -> list[neo4j.Record]:
    """All records of a read query, in a retried read transaction."""
    return read_work(driver, lambda tx: records(tx, query, params), database)


def read_work(driver: neo4j.Driver, work: Callable[[neo4j.ManagedTransaction], T],
              database: str | None = None) -> T:
    """``work(tx)`` in one retried read transaction (so it must be safe to repeat)."""
    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS,
                        notifications_min_severity="OFF") as session:
        return session.execute_read(work)


def records(tx: neo4j.ManagedTransaction, query: str,
            params: dict[str, Any] | None = None) -> list[neo4j.Record]:
    """All records of one statement inside a transaction."""
    return list(tx.run(query, params or {}))
