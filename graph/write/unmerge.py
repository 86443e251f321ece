"""Undoing a merge: the dropped entity's facts re-derived from what their sources said.

Why re-derive rather than restore a saved copy: a merge is undone later, when
articles may have been loaded or re-ingested meanwhile under the redirect
(their statements about the dropped id landed on the survivor). A copy of the
graph as it was before the merge cannot know those; the sources can. Every
SUPPORTED_BY keeps ``values``, the fields as the article stated them, with the
entity ids before any redirect. So once the judgement is withdrawn (the
SAME_AS edge removed), each fact touching the survivor whose sources name the
dropped id (or an id merged into it) is looked at again, source by source:
the key the source's statement gets under the remaining judgements says which
fact it supports. A fact all of whose sources move is re-keyed in place (its
properties are as first loaded); a fact whose sources part ways keeps the
node for the sources that still name it, loses what the others added (fields
they filled, conflicts only they raised, a retraction no judgement names), and
the others are replayed through the loader's own statements, in article order,
so a re-created fact is what loading those articles without the merge gives.
Whether a re-derived fact is retracted is asked of the judgement log.

What the sources cannot tell is left as documented limits: a name or detail
(description, country, a narrower type) a post-merge mention of the dropped id
gave the survivor stays on the survivor, a name the survivor had also been
called before the merge is taken off it, and an article that stated the same
fact about both entities kept one statement of it once they were merged.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import neo4j

from blocgraph.errors import InputError, NotFoundError
from blocgraph.graph import identity
from blocgraph.graph.read.conflicts import compared_fields, values_conflict
from blocgraph.graph.write import statements
from blocgraph.graph.write.rows import participant_rows
from blocgraph.graph.write.statements import SAME_AS, SUPPORTED_BY, ident
from blocgraph.schema.model import Model, NodeType


@dataclass(frozen=True)
class Split:
    """What an unmerge did: the entity ``drop`` was merged into, facts re-keyed or whose
    edges moved back, and facts whose sources parted ways."""

    target: str
    moved: int
    split: int


@dataclass(frozen=True)
class Source:
    article: str
    props: dict[str, Any]
    stated: dict[str, Any]


@dataclass
class FactState:
    key: str
    type: NodeType
    props: dict[str, Any]
    edges: list[dict[str, Any]]
    sources: list[Source]


def split_entity(tx: neo4j.ManagedTransaction, model: Model, drop: str) -> Split:
    """Withdraw the merge of ``drop`` and re-derive the facts its sources name."""
    found = tx.run(
        "MATCH (d:Entity {id: $id}) SET d._lock = true REMOVE d._lock "
        "RETURN d.merged_into AS into, d.name AS name, coalesce(d.aliases, []) AS aliases",
        id=drop).single()
    if found is None:
        raise NotFoundError(f"no entity with id {drop!r}")
    before = identity.read_redirects(tx)
    if drop not in before:
        raise InputError(f"{drop!r} is not merged into another entity; nothing to undo")
    target, survivor = before[drop], identity.resolve(before, drop)
    moved_ids = identity.merged_under(before, drop)
    after = {d: k for d, k in before.items() if d != drop}
    names = [found["name"], *found["aliases"]]
    chain = [target]
    while chain[-1] in after and after[chain[-1]] not in chain:
        chain.append(after[chain[-1]])
    tx.run(
        f"MATCH (d:Entity {{id: $drop}})-[s:{SAME_AS}]->() DELETE s REMOVE d.merged_into "
        "WITH DISTINCT d UNWIND $chain AS kid MATCH (k:Entity {id: kid}) "
        "SET k.aliases = [x IN coalesce(k.aliases, []) WHERE NOT x IN $names]",
        drop=drop, chain=chain, names=names).consume()
    moved = split = 0
    for state in _affected(tx, model, survivor, moved_ids):
        if _rederive(tx, model, state, survivor, after):
            split += 1
        else:
            moved += 1
    return Split(target, moved, split)


def _affected(tx: neo4j.ManagedTransaction, model: Model, survivor: str,
              moved_ids: set[str]) -> list[FactState]:
    """Facts on ``survivor`` with a source that named one of ``moved_ids``."""
    rows = tx.run(
        f"MATCH (f:Fact)-[r]->(:Entity {{id: $id}}) WHERE type(r) <> '{SUPPORTED_BY}' "
        "WITH DISTINCT f ORDER BY f.key SET f._lock = true REMOVE f._lock "
        f"RETURN properties(f) AS props, [(f)-[e]->(p) WHERE type(e) <> '{SUPPORTED_BY}' | "
        "{edge: type(e), id: coalesce(p.id, p.iso), country: p:Country, props: properties(e)}]"
        f" AS edges, [(f)-[s:{SUPPORTED_BY}]->(a) | {{article: a.id, props: properties(s)}}]"
        " AS sources", id=survivor)
    states = []
    for row in rows:
        props = dict(row["props"])
        fact = model.fact_type(str(props["type"]))
        sources = sorted((Source(str(s["article"]), dict(s["props"]),
                                 json.loads(s["props"].get("values") or "{}"))
                          for s in row["sources"]), key=lambda s: s.article)
        if any(_names(fact, s.stated) & moved_ids for s in sources):
            states.append(FactState(str(props["key"]), fact, props, list(row["edges"]),
                                    sources))
    return states


def _names(fact: NodeType, stated: Mapping[str, Any]) -> set[str]:
    """The entity ids a statement names."""
    found: set[str] = set()
    for spec in fact.fields:
        value = stated.get(spec.name)
        if spec.is_participant and spec.type != "country" and value is not None:
            found.update(value if isinstance(value, list) else [value])
    return found


def _redirected(fact: NodeType, stated: Mapping[str, Any],
                redirects: Mapping[str, str]) -> dict[str, Any]:
    """A statement's values under the remaining judgements (as the loader computes them)."""
    values = {}
    for spec in fact.fields:
        value = stated.get(spec.name)
        if spec.is_participant and spec.type != "country" and value is not None:
            value = (list(dict.fromkeys(identity.resolve(redirects, v) for v in value))
                     if isinstance(value, list) else identity.resolve(redirects, value))
        values[spec.name] = value
    return values


def _rederive(tx: neo4j.ManagedTransaction, model: Model, state: FactState, survivor: str,
              redirects: Mapping[str, str]) -> bool:
    """Put each source of one fact where its statement now belongs; True when they parted."""
    code = str(state.type.code)
    groups: dict[str, list[tuple[Source, dict[str, Any]]]] = {}
    for source in state.sources:
        values = _redirected(state.type, source.stated, redirects)
        groups.setdefault(model.fact_key(code, values), []).append((source, values))
    if len(groups) == 1:
        (new_key, group), = groups.items()
        if new_key == state.key or not _exists(tx, new_key):
            if new_key != state.key:
                tx.run("MATCH (f:Fact {key: $key}) SET f.key = $new",
                       key=state.key, new=new_key).consume()
            _fix_edges(tx, model, state, new_key, group, survivor)
            return False
    staying = groups.pop(state.key, [])
    for new_key, group in groups.items():
        _replay(tx, model, state.type, new_key, group)
        tx.run(f"MATCH (f:Fact {{key: $key}})-[s:{SUPPORTED_BY}]->(a:Article) "
               "WHERE a.id IN $articles DELETE s",
               key=state.key, articles=[s.article for s, _ in group]).consume()
    if staying:
        _unfold(tx, state, staying)
        _fix_edges(tx, model, state, state.key, staying, survivor)
    else:
        tx.run("MATCH (f:Fact {key: $key}) DETACH DELETE f", key=state.key).consume()
    return True


def _exists(tx: neo4j.ManagedTransaction, key: str) -> bool:
    return tx.run("MATCH (f:Fact {key: $key}) RETURN f.key AS key", key=key).single() is not None


def _fix_edges(tx: neo4j.ManagedTransaction, model: Model, state: FactState, key: str,
               group: list[tuple[Source, dict[str, Any]]], survivor: str) -> None:
    """The survivor keeps the edges its sources state (with their flags); the others
    go to the entities the statements now name."""
    stated: dict[tuple[str, str], bool] = {}
    rows: dict[str, list[dict[str, Any]]] = {}
    for _, values in group:
        for edge, edge_rows in participant_rows(state.type, key, values).items():
            for row in edge_rows:
                pair = (edge, str(row["id"]))
                stated[pair] = stated.get(pair, False) or bool(row["flag"])
                rows.setdefault(edge, []).append(row)
    for current in state.edges:
        if current["country"] or current["id"] != survivor:
            continue
        rel = ident(str(current["edge"]))
        pair = (str(current["edge"]), survivor)
        if pair not in stated:
            tx.run(f"MATCH (f:Fact {{key: $key}})-[r:{rel}]->(:Entity {{id: $id}}) DELETE r",
                   key=key, id=survivor).consume()
            continue
        _, flag = statements.participant_edge(model, str(state.type.code), pair[0])
        if flag:
            tx.run(f"MATCH (f:Fact {{key: $key}})-[r:{rel}]->(:Entity {{id: $id}}) "
                   f"SET r.{ident(flag)} = $flag", key=key, id=survivor,
                   flag=stated[pair]).consume()
    for edge, edge_rows in sorted(rows.items()):
        query = statements.merge_participants(model, str(state.type.code), edge,
                                              [r for r in edge_rows if r["id"] != survivor])
        tx.run(*query).consume()


def _unfold(tx: neo4j.ManagedTransaction, state: FactState,
            staying: list[tuple[Source, dict[str, Any]]]) -> None:
    """Take back from a fact what the sources that left it had added."""
    removed: list[str] = []
    conflicts = []
    fields = {spec.name: spec for spec in compared_fields(state.type)}
    for name in fields:
        if state.props.get(name) is not None and all(v.get(name) is None for _, v in staying):
            removed.append(name)
    for name in state.props.get("conflicts") or []:
        spec = fields.get(name)
        if spec is None or any(values_conflict(spec.type, state.props.get(name), v.get(name))
                               for _, v in staying):
            conflicts.append(name)
    retracted = bool(state.props.get("retracted")) and bool(
        identity.retractions(tx, [state.key]))
    drop_props = "".join(f", f.{ident(name)} = null" for name in removed)
    tx.run(
        f"MATCH (f:Fact {{key: $key}}) SET f.conflicts = $conflicts, "
        f"f.conflict = size($conflicts) > 0, f.retracted = $retracted{drop_props} "
        "FOREACH (_ IN CASE WHEN $retracted THEN [] ELSE [1] END | "
        "REMOVE f.retracted_why, f.retracted_at)",
        key=state.key, conflicts=conflicts, retracted=retracted).consume()


def _replay(tx: neo4j.ManagedTransaction, model: Model, fact: NodeType, key: str,
            group: list[tuple[Source, dict[str, Any]]]) -> None:
    """Load one fact's statements again, one source at a time, in article order."""
    code = str(fact.code)
    created = not _exists(tx, key)
    for source, values in group:
        props = {s.name: values[s.name] for s in fact.fields if not s.is_participant}
        queries = [statements.merge_facts(model, code, [{"key": key, "type": code,
                                                         "props": props}])]
        queries += [statements.merge_participants(model, code, edge, rows)
                    for edge, rows in sorted(participant_rows(fact, key, values).items())]
        queries.append(statements.merge_support([{"key": key, "article": source.article,
                                                  "props": source.props}]))
        for query in queries:
            tx.run(*query).consume()
    judged = identity.retractions(tx, [key]).get(key) if created else None
    if judged is not None:
        tx.run("MATCH (f:Fact {key: $key}) SET f.retracted = true, f.retracted_why = $why, "
               "f.retracted_at = $at", key=key, why=judged.why, at=judged.at).consume()
