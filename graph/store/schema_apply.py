"""Apply the generated constraints and indexes to a database, safely and repeatably.

Loading relies on the uniqueness constraints (MERGE on a constrained key is what
stops concurrent loaders from creating duplicates), so every writer applies the
schema before its first write. Statements whose name already exists are skipped
and a concurrent creator winning the race is not an error: eight loaders
starting at once all succeed.
"""

from __future__ import annotations

import re
from pathlib import Path

import neo4j
from neo4j import exceptions as neo4j_errors

from blocgraph.errors import ModelError

INDEX_WAIT_S = 300.0
_NAME = re.compile(r"^CREATE\s+(?:CONSTRAINT|(?:FULLTEXT\s+|RANGE\s+)?INDEX)\s+(\w+)", re.I)
_ALREADY_THERE = ("EquivalentSchemaRuleAlreadyExists", "AlreadyExists")


def constraints_file() -> Path:
    """The generated file, from the installed ``blocgraph.schema`` package."""
    import blocgraph.schema as schema

    return Path(schema.__file__).resolve().parent / "generated" / "constraints.cypher"


def schema_statements(path: Path | None = None) -> list[str]:
    """The statements of the generated file (``//`` comments dropped, split on ``;``)."""
    source = path or constraints_file()
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"cannot read {source}: {exc}") from exc
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def statement_name(statement: str) -> str:
    """The constraint or index name a statement creates."""
    match = _NAME.match(statement)
    if match is None:
        raise ModelError(f"schema statement without a name: {statement[:60]!r}")
    return match.group(1)


def existing_names(driver: neo4j.Driver, database: str | None = None) -> set[str]:
    with driver.session(database=database) as session:
        constraints = session.run("SHOW CONSTRAINTS YIELD name").value()
        indexes = session.run("SHOW INDEXES YIELD name").value()
    return {str(name) for name in [*constraints, *indexes]}


def apply_schema(
    driver: neo4j.Driver,
    database: str | None = None,
    *,
    path: Path | None = None,
    wait_s: float = INDEX_WAIT_S,
) -> list[str]:
    """Create what is missing, wait until every index is online; returns the names created."""
    present = existing_names(driver, database)
    created: list[str] = []
    with driver.session(database=database) as session:
        for statement in schema_statements(path):
            name = statement_name(statement)
            if name in present:
                continue
            if _create(session, statement):
                created.append(name)
        session.run("CALL db.awaitIndexes($seconds)", seconds=int(wait_s)).consume()
    return created


def _create(session: neo4j.Session, statement: str) -> bool:
    """Run one schema statement; False when another client created it first.

    A managed transaction, because concurrent schema changes deadlock and the
    retry (a no-op thanks to ``IF NOT EXISTS``) is what resolves that.
    """
    try:
        session.execute_write(lambda tx: tx.run(statement).consume())
    except neo4j_errors.ClientError as exc:
        if any(marker in (exc.code or "") for marker in _ALREADY_THERE):
            return False
        raise
    return True
