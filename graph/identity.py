"""Which id an entity answers to: merge redirects, and the judgement log that decides them.

Every merge is a judgement "``subject`` is the same as ``target``"; like
nomenklatura's resolver, the judgements are kept apart from the data, as
Curation nodes (the log, with who, when and why) and as one ``SAME_AS`` edge
per live merge (``merged_into`` on the dropped node names the same target).
Chains are kept as decided: merging B into C after A into B leaves A -> B -> C,
so undoing B -> C is deleting one edge, and A still lands on B.

Everything that follows a redirect comes from here: :func:`resolve` for Python
(the loader's row preparation, curation), :func:`canonical`, :func:`merged_into`
and :func:`survivor_id` for the Cypher of readers, analytics and exports, and
:func:`read_redirects` for the map itself. Chains are followed at most
:data:`MAX_REDIRECT_HOPS` deep; a merge that would make a longer one is refused.

The log is also what an unmerge re-derives from (see
:mod:`blocgraph.graph.write.unmerge`): whether a fact is retracted is the
question "does a retract judgement name its key".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import neo4j

from blocgraph.schema.vocabulary import SAME_AS

MAX_REDIRECT_HOPS = 8
CURATION_LABEL = "Curation"


# --- redirects in Python -----------------------------------------------------------


def resolve(redirects: Mapping[str, str], entity_id: str) -> str:
    """The surviving id after merges (chains followed, a cycle cut where it closes)."""
    seen = {entity_id}
    while entity_id in redirects:
        entity_id = redirects[entity_id]
        if entity_id in seen:
            break
        seen.add(entity_id)
    return entity_id


def final_redirects(direct: Mapping[str, str]) -> dict[str, str]:
    """Every merged-away id mapped to its final survivor."""
    return {drop: resolve(direct, drop) for drop in direct}


def merged_under(redirects: Mapping[str, str], entity_id: str) -> set[str]:
    """``entity_id`` and every id whose chain passes through it."""
    return {i for i in {entity_id, *redirects} if entity_id in _chain(redirects, i)}


def _chain(redirects: Mapping[str, str], entity_id: str) -> list[str]:
    chain = [entity_id]
    while chain[-1] in redirects and redirects[chain[-1]] not in chain:
        chain.append(redirects[chain[-1]])
    return chain


def read_redirects(tx: neo4j.ManagedTransaction | neo4j.Session) -> dict[str, str]:
    """The direct redirects (one per live merge judgement)."""
    query = f"MATCH (d:Entity)-[:{SAME_AS}]->(k:Entity) RETURN d.id AS drop, k.id AS keep"
    return {str(r["drop"]): str(r["keep"]) for r in tx.run(query)}


def redirects(driver: neo4j.Driver, database: str | None = None) -> dict[str, str]:
    """Every merged-away id in the graph mapped to its final survivor."""
    with driver.session(database=database, notifications_min_severity="OFF") as session:
        return final_redirects(read_redirects(session))


# --- redirects in Cypher -----------------------------------------------------------


def canonical(var: str, inner: str) -> str:
    """Cypher for the entity ``var`` stands for after following its SAME_AS chain."""
    return (f"coalesce(head([({var})-[:{SAME_AS}*1..{MAX_REDIRECT_HOPS}]->({inner}:Entity) "
            f"WHERE NOT ({inner})-[:{SAME_AS}]->() | {inner}]), {var})")


def merged_into(var: str, alias: str) -> str:
    """A MATCH pattern binding ``alias`` to ``var`` and every entity merged into it."""
    return f"({var})<-[:{SAME_AS}*0..{MAX_REDIRECT_HOPS}]-({alias}:Entity)"


def survivor_id(var: str) -> str:
    """Cypher for the id of the survivor entity ``var`` was merged into (null if none)."""
    return (f"head(COLLECT {{ MATCH ({var})-[:{SAME_AS}*1..{MAX_REDIRECT_HOPS}]->"
            f"({var}_t:Entity) WHERE NOT ({var}_t)-[:{SAME_AS}]->() RETURN {var}_t.id }})")


def chain_targets(ids_param: str, alias: str) -> str:
    """A MATCH binding ``alias`` to every entity the ids in ``$ids_param`` were merged into."""
    return (f"UNWIND ${ids_param} AS i MATCH (:Entity {{id: i}})"
            f"-[:{SAME_AS}*1..{MAX_REDIRECT_HOPS}]->({alias}:Entity)")


# --- the judgement log -------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """One curation decision: merge, unmerge (``target`` is the entity it was merged
    into) or retract (``subject`` is a fact key)."""

    id: str
    action: str
    subject: str
    target: str | None
    why: str | None
    by: str
    at: str


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def judgement(action: str, subject: str, target: str | None, why: str | None, by: str,
              round_: int = 0) -> Judgement:
    """A judgement with a deterministic id, so repeating a decision records it once; a new
    reason is a new entry, and so is the ``round_``-th merge of an entity unmerged before."""
    parts: list[Any] = [action, subject, target, why] + ([round_] if round_ else [])
    digest = hashlib.sha256(json.dumps(parts).encode()).hexdigest()
    return Judgement(f"{action}-{digest[:16]}", action, subject, target, why, by, now())


_RECORD = (
    f"MERGE (c:{CURATION_LABEL} {{id: $id}}) ON CREATE SET c.action = $action, "
    "c.subject = $subject, c.target = $target, c.why = $why, c.by = $by, c.at = $at"
)


def record_clause() -> str:
    """The Cypher recording a judgement (parameters: its fields), for use inside a query."""
    return _RECORD


def record(tx: neo4j.ManagedTransaction, item: Judgement) -> None:
    tx.run(_RECORD, id=item.id, action=item.action, subject=item.subject, target=item.target,
           why=item.why, by=item.by, at=item.at).consume()


def times_unmerged(tx: neo4j.ManagedTransaction, entity_id: str) -> int:
    """How often ``entity_id`` was unmerged (each later merge of it is a new judgement)."""
    query = (f"MATCH (c:{CURATION_LABEL} {{action: 'unmerge', subject: $id}}) "
             "RETURN count(c) AS n")
    found = tx.run(query, id=entity_id).single()
    return int(found["n"]) if found else 0


@dataclass(frozen=True)
class Retraction:
    why: str | None
    at: str | None


def retractions(tx: neo4j.ManagedTransaction, keys: list[str]) -> dict[str, Retraction]:
    """The retract judgements naming ``keys``: the latest reason, the first time."""
    query = (f"MATCH (c:{CURATION_LABEL} {{action: 'retract'}}) WHERE c.subject IN $keys "
             "WITH c ORDER BY c.at, c.id "
             "RETURN c.subject AS key, collect(c.why) AS whys, collect(c.at) AS ats")
    return {str(r["key"]): Retraction(r["whys"][-1] if r["whys"] else None,
                                      r["ats"][0] if r["ats"] else None)
            for r in tx.run(query, keys=keys)}


def list_judgements(driver: neo4j.Driver, database: str | None = None) -> list[dict[str, Any]]:
    """The whole log, oldest first."""
    query = f"MATCH (c:{CURATION_LABEL}) RETURN properties(c) AS c ORDER BY c.at, c.id"
    with driver.session(database=database, notifications_min_severity="OFF") as session:
        return [dict(r["c"]) for r in session.run(query)]


def chain_depth_into(tx: neo4j.ManagedTransaction, entity_id: str) -> int:
    """The longest chain of merges ending at ``entity_id`` (0 when none)."""
    query = (f"OPTIONAL MATCH p = (:Entity)-[:{SAME_AS}*1..{MAX_REDIRECT_HOPS}]->"
             "(:Entity {id: $id}) RETURN coalesce(max(length(p)), 0) AS n")
    found = tx.run(query, id=entity_id).single()
    return int(found["n"]) if found else 0
