"""Human corrections: merge two entities (and undo it), retract a fact, and the log of both.

A merge moves the dropped entity's fact participations to the survivor and
re-keys the facts whose key named it (a fact that then equals an existing one
is folded into it, its sources included), so the graph looks as if the
extractor had resolved the names right from the start. The dropped node stays,
with ``merged_into`` and a SAME_AS edge, so later loads redirect to the
survivor and readers can follow old ids. Every decision is a judgement in the
log (:mod:`blocgraph.graph.identity`). Repeating a decision changes nothing.
An unmerge re-derives what the merge rewrote from the sources
(:mod:`blocgraph.graph.write.unmerge`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import neo4j

from blocgraph.errors import InputError, NotFoundError
from blocgraph.graph import identity
from blocgraph.graph.read.conflicts import compared_fields, conflicting_attributes
from blocgraph.graph.write import unmerge
from blocgraph.graph.write.statements import SAME_AS, SUPPORTED_BY, ident
from blocgraph.schema.model import Model, NodeType, load_model

_RECORD_CURATION = identity.record_clause()


@dataclass(frozen=True)
class CurationResult:
    id: str
    action: str
    subject: str
    target: str | None
    moved: int = 0
    folded: int = 0


def _session(driver: neo4j.Driver, database: str | None) -> neo4j.Session:
    return driver.session(database=database, notifications_min_severity="OFF")


# --- reads -------------------------------------------------------------------


def redirects(driver: neo4j.Driver, database: str | None = None) -> dict[str, str]:
    """Every merged-away id mapped to its final survivor (chains followed)."""
    return identity.redirects(driver, database)


def list_curations(driver: neo4j.Driver, database: str | None = None) -> list[dict[str, Any]]:
    return identity.list_judgements(driver, database)


# --- retract -----------------------------------------------------------------


def retract_fact(driver: neo4j.Driver, key: str, why: str, by: str,
                 *, database: str | None = None) -> CurationResult:
    """Mark a fact wrong; loads never clear the flag, readers skip the fact."""
    if not why.strip():
        raise InputError("a retraction needs a reason (--why)")
    decision = identity.judgement("retract", key, None, why, by)
    result = CurationResult(decision.id, "retract", key, None)
    query = (
        "MATCH (f:Fact {key: $subject}) "
        "SET f.retracted_at = CASE WHEN coalesce(f.retracted, false) "
        "THEN f.retracted_at ELSE $at END, f.retracted = true, f.retracted_why = $why "
        f"WITH f {_RECORD_CURATION} RETURN f.key AS key"
    )
    params = {"id": decision.id, "action": "retract", "subject": key, "target": None,
              "why": why, "by": by, "at": decision.at}
    with _session(driver, database) as session:
        found = session.execute_write(lambda tx: tx.run(query, params).single())
    if found is None:
        raise NotFoundError(f"no fact with key {key!r}")
    return result


# --- merge -------------------------------------------------------------------


def merge_entities(driver: neo4j.Driver, keep: str, drop: str, by: str, why: str | None = None,
                   *, database: str | None = None) -> CurationResult:
    """Make ``drop`` one with ``keep`` (in one transaction)."""
    with _session(driver, database) as session:
        return session.execute_write(_merge, load_model(), keep, drop, by, why)


def _merge(tx: neo4j.ManagedTransaction, model: Model, keep: str, drop: str, by: str,
           why: str | None) -> CurationResult:
    keep, already = _check_pair(tx, keep, drop)
    decision = identity.judgement("merge", drop, keep, why, by,
                                  identity.times_unmerged(tx, drop))
    moved = folded = 0
    if not already:
        for key in tx.run(
            f"MATCH (f:Fact)-[r]->(:Entity {{id: $drop}}) WHERE type(r) <> '{SUPPORTED_BY}' "
            "RETURN DISTINCT f.key AS key ORDER BY key", drop=drop,
        ).value():
            if _move_fact(tx, model, str(key), keep, drop):
                folded += 1
            else:
                moved += 1
        _link_entities(tx, keep, drop, by, decision.at)
    identity.record(tx, decision)
    return CurationResult(decision.id, "merge", drop, keep, moved, folded)


def unmerge_entities(driver: neo4j.Driver, drop: str, by: str, why: str | None = None,
                     *, database: str | None = None) -> CurationResult:
    """Undo the merge of ``drop`` (in one transaction): its facts come back on it, re-derived
    from what their sources said; NotFoundError/InputError when it is unknown or not merged."""
    with _session(driver, database) as session:
        return session.execute_write(_unmerge, load_model(), drop, by, why)


def _unmerge(tx: neo4j.ManagedTransaction, model: Model, drop: str, by: str,
             why: str | None) -> CurationResult:
    split = unmerge.split_entity(tx, model, drop)
    decision = identity.judgement("unmerge", drop, split.target, why, by,
                                  identity.times_unmerged(tx, drop))
    identity.record(tx, decision)
    return CurationResult(decision.id, "unmerge", drop, split.target, split.moved,
                          split.split)


def _check_pair(tx: neo4j.ManagedTransaction, keep: str, drop: str) -> tuple[str, bool]:
    """Both exist (locked from here on); returns the final survivor of ``keep``, and
    whether ``drop`` is already merged into it (the decision is then only recorded)."""
    record = tx.run(
        "OPTIONAL MATCH (k:Entity {id: $keep}) OPTIONAL MATCH (d:Entity {id: $drop}) "
        "SET k._lock = true, d._lock = true REMOVE k._lock, d._lock "
        "RETURN k IS NOT NULL AS has_keep, d IS NOT NULL AS has_drop, "
        "d.merged_into AS drop_into", keep=keep, drop=drop,
    ).single()
    assert record is not None
    for name, present in ((keep, record["has_keep"]), (drop, record["has_drop"])):
        if not present:
            raise NotFoundError(f"no entity with id {name!r}")
    chain = identity.read_redirects(tx)
    survivor = identity.resolve(chain, keep)
    if keep == drop:
        raise InputError("cannot merge an entity into itself")
    if survivor == drop:
        raise InputError(f"{keep!r} is already merged into {drop!r}; merge the other way")
    if record["drop_into"] is not None:
        if identity.resolve(chain, drop) == survivor:
            return survivor, True
        raise InputError(f"{drop!r} is already merged into {record['drop_into']!r}")
    if identity.chain_depth_into(tx, drop) + 1 > identity.MAX_REDIRECT_HOPS:
        raise InputError(f"merging {drop!r} would make a chain of merges longer than "
                         f"{identity.MAX_REDIRECT_HOPS}; merge into the end of the chain")
    return survivor, False


def _fact_state(tx: neo4j.ManagedTransaction, key: str) -> tuple[dict[str, Any], list[Any]]:
    record = tx.run(
        "MATCH (f:Fact {key: $key}) SET f._lock = true REMOVE f._lock "
        f"WITH f OPTIONAL MATCH (f)-[r]->(p) WHERE type(r) <> '{SUPPORTED_BY}' "
        "RETURN properties(f) AS props, collect({edge: type(r), id: coalesce(p.id, p.iso), "
        "country: p:Country, props: properties(r)}) AS edges", key=key,
    ).single()
    if record is None:
        return {}, []
    return dict(record["props"]), [e for e in record["edges"] if e["edge"]]


def _fields(fact: NodeType, props: Mapping[str, Any], edges: list[Any]) -> dict[str, Any]:
    """The fact's field values as the loader saw them, rebuilt from its edges."""
    values: dict[str, Any] = {}
    for spec in fact.fields:
        if not spec.is_participant:
            values[spec.name] = props.get(spec.name)
            continue
        ids = [e["id"] for e in edges if e["edge"] == spec.edge
               and (not spec.edge_flag or (e["props"] or {}).get(spec.edge_flag))]
        values[spec.name] = ids if spec.list else (ids[0] if ids else None)
    return values


def _move_fact(tx: neo4j.ManagedTransaction, model: Model, key: str, keep: str,
               drop: str) -> bool:
    """Point one fact at ``keep``; True when it was folded into an existing fact."""
    props, edges = _fact_state(tx, key)
    if not props:
        return False
    fact = model.fact_type(str(props["type"]))
    swapped = [{**e, "id": keep if e["id"] == drop and not e["country"] else e["id"]}
               for e in edges]
    new_key = model.fact_key(str(fact.code), _fields(fact, props, swapped))
    target_props, _ = _fact_state(tx, new_key) if new_key != key else ({}, [])
    if target_props:
        for edge in swapped:
            _merge_edge(tx, model, new_key, edge)
        _fold(tx, fact, key, new_key, props, target_props)
        return True
    if new_key != key:
        tx.run("MATCH (f:Fact {key: $key}) SET f.key = $new", key=key, new=new_key).consume()
    for edge in swapped:
        _merge_edge(tx, model, new_key, edge)
    tx.run(f"MATCH (f:Fact {{key: $key}})-[r]->(:Entity {{id: $drop}}) "
           f"WHERE type(r) <> '{SUPPORTED_BY}' DELETE r", key=new_key, drop=drop).consume()
    return False


def _merge_edge(tx: neo4j.ManagedTransaction, model: Model, key: str, edge: Mapping[str, Any]
                ) -> None:
    """Copy one participant edge onto fact ``key``; flags are or-ed."""
    allowed = {s.edge for t in model.fact_types for s in t.fields if s.edge}
    if edge["edge"] not in allowed:
        return
    rel = ident(str(edge["edge"]))
    target = "(e:Country {iso: $id})" if edge["country"] else "(e:Entity {id: $id})"
    flags = [ident(name) for name in (edge["props"] or {})]
    ors = ", ".join(f"r.{n} = coalesce(r.{n}, false) OR coalesce($props.{n}, false)"
                    for n in flags)
    query = (f"MATCH (f:Fact {{key: $key}}) MATCH {target} MERGE (f)-[r:{rel}]->(e) "
             "ON CREATE SET r += $props" + (f" ON MATCH SET {ors}" if ors else ""))
    tx.run(query, key=key, id=edge["id"], props=edge["props"] or {}).consume()


def _fold(tx: neo4j.ManagedTransaction, fact: NodeType, old_key: str, key: str,
          old: Mapping[str, Any], kept: Mapping[str, Any]) -> None:
    """Fold fact ``old_key`` into ``key``: sources move, disagreements are flagged."""
    clash = conflicting_attributes(compared_fields(fact), kept, old)
    fills = {s.name: old.get(s.name) for s in compared_fields(fact)
             if kept.get(s.name) is None and old.get(s.name) is not None}
    conflicts = list(dict.fromkeys([*(kept.get("conflicts") or []), *clash,
                                    *(old.get("conflicts") or [])]))
    retracted = bool(kept.get("retracted")) or bool(old.get("retracted"))
    tx.run(
        f"MATCH (o:Fact {{key: $old}})-[s:{SUPPORTED_BY}]->(a) MATCH (f:Fact {{key: $key}}) "
        f"MERGE (f)-[n:{SUPPORTED_BY}]->(a) ON CREATE SET n = properties(s)",
        old=old_key, key=key,
    ).consume()
    tx.run(
        "MATCH (f:Fact {key: $key}) SET f += $fills, f.conflicts = $conflicts, "
        "f.conflict = size($conflicts) > 0, f.retracted = $retracted, "
        "f.retracted_why = coalesce(f.retracted_why, $why), "
        "f.retracted_at = coalesce(f.retracted_at, $at)",
        key=key, fills=fills, conflicts=conflicts, retracted=retracted,
        why=old.get("retracted_why"), at=old.get("retracted_at"),
    ).consume()
    tx.run("MATCH (o:Fact {key: $old}) DETACH DELETE o", old=old_key).consume()


def _link_entities(tx: neo4j.ManagedTransaction, keep: str, drop: str, by: str,
                   at: str) -> None:
    """Union names, SAME_AS; earlier merges into ``drop`` keep pointing at it (a chain), so
    undoing this one is removing one edge."""
    tx.run(
        "MATCH (k:Entity {id: $keep}), (d:Entity {id: $drop}) "
        "SET k.aliases = reduce(acc = [], x IN coalesce(k.aliases, []) + [d.name] "
        "+ coalesce(d.aliases, []) | "
        "CASE WHEN x IS NULL OR x = k.name OR x IN acc THEN acc ELSE acc + x END), "
        "d.merged_into = $keep "
        f"MERGE (d)-[s:{SAME_AS}]->(k) ON CREATE SET s.by = $by, s.at = $at",
        keep=keep, drop=drop, by=by, at=at,
    ).consume()
