"""Facts: keys, their matching, and the pairing that scores attributes.

Facts are compared as keys (the fields each type's YAML lists under ``scoring.key``),
a pool's keys gathered from every type that feeds it; two keys match when every
field's value type says the values are the same. Key-matching facts are then
paired, the best-agreeing pairing winning where a key is ambiguous, and the
declared attributes are compared on each pair.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from blocgraph.scoring.entities import max_matching
from blocgraph.scoring.plan import TEXT_TYPE, KeyField, Pool, ScoredType, ScoringPlan
from blocgraph.scoring.results import AttributeMiss, Counts, KeyMiss, Ratio

Fact = Mapping[str, Any]
Key = tuple[Any, ...]

# Key groups larger than this (facts per side) are paired greedily, not exhaustively.
EXHAUSTIVE_SMALLER_SIDE = 4
EXHAUSTIVE_LARGER_SIDE = 8
_SPACES = re.compile(r"\s+")


def fact_key(fact: Fact, scored: ScoredType) -> Key:
    return tuple(field.value(fact.get(field.name)) for field in scored.key)


def pool_keys(fact: Fact, pool: Pool) -> list[Key]:
    """The fact's keys in a pool: one per item of a list field (none when it is empty)."""
    choices: list[list[Any]] = []
    for field in pool.key:
        raw = fact.get(field.name)
        items = (raw or []) if field.list else [raw]
        choices.append([field.value(item) for item in items])
    return list(itertools.product(*choices))


def keys_match(fields: Sequence[KeyField], a: Key, b: Key) -> bool:
    if len(a) != len(b):
        return False
    if not fields:
        return a == b
    return all(field.same(x, y) for field, x, y in zip(fields, a, b, strict=True))


def build_keys(facts: Iterable[Fact], plan: ScoringPlan) -> dict[str, list[Key]]:
    """De-duplicated keys per scored group; a pool gathers keys of several fact types."""
    keys: dict[str, dict[Key, None]] = {group: {} for group in plan.groups}
    for fact in facts:
        scored = plan.types.get(str(fact.get("type")))
        if scored is None:
            continue
        if scored.pool is not None:
            keys[scored.pool.name].update(dict.fromkeys(pool_keys(fact, scored.pool)))
        if scored.scored:
            keys[scored.code][fact_key(fact, scored)] = None
    return {group: list(found) for group, found in keys.items()}


def _label_fields(group: str, plan: ScoringPlan) -> tuple[KeyField, ...]:
    if group in plan.group_fields:
        return plan.group_fields[group]
    scored = plan.types.get(group)
    return scored.key if scored is not None else ()


def key_label(group: str, key: Key, names: Mapping[str, str], plan: ScoringPlan) -> str:
    """The key with entity names for ids, as the "what still fails" lists show it."""
    fields = _label_fields(group, plan)
    parts = [_display(fields[i] if i < len(fields) else None, value, names)
             for i, value in enumerate(key)]
    return f"{group}({', '.join(parts)})"


def _display(field: KeyField | None, value: Any, names: Mapping[str, str]) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if field is None or not field.names_entity or not isinstance(value, str):
        return str(value)
    return names.get(value, value)


def _match_keys(
    fields: Sequence[KeyField], pred: Sequence[Key], gold: Sequence[Key]
) -> list[tuple[int, int]]:
    return max_matching(len(pred), len(gold), lambda i, j: keys_match(fields, pred[i], gold[j]))


def score_keys(
    predicted: Mapping[str, list[Key]],
    gold: Mapping[str, list[Key]],
    names: Mapping[str, str],
    plan: ScoringPlan,
) -> tuple[dict[str, Counts], list[KeyMiss], list[KeyMiss]]:
    counts: dict[str, Counts] = {}
    false_positives: list[KeyMiss] = []
    false_negatives: list[KeyMiss] = []
    for group in plan.groups:
        pred_keys, gold_keys = predicted.get(group, []), gold.get(group, [])
        pairs = _match_keys(plan.group_fields[group], pred_keys, gold_keys)
        hit_pred, hit_gold = {i for i, _ in pairs}, {j for _, j in pairs}
        extra = [k for i, k in enumerate(pred_keys) if i not in hit_pred]
        missed = [k for j, k in enumerate(gold_keys) if j not in hit_gold]
        counts[group] = Counts(len(pairs), len(extra), len(missed))
        false_positives += [KeyMiss(group, k, key_label(group, k, names, plan)) for k in extra]
        false_negatives += [KeyMiss(group, k, key_label(group, k, names, plan)) for k in missed]
    return counts, false_positives, false_negatives


def attribute_agrees(field: KeyField, gold: Any, predicted: Any) -> bool:
    """By the field's value type; free text ignoring case and spacing ("Series E")."""
    if field.type.name == TEXT_TYPE:
        return bool(_folded(gold) == _folded(predicted))
    return field.same(gold, predicted)


def _folded(value: Any) -> Any:
    return _SPACES.sub(" ", value).strip().casefold() if isinstance(value, str) else value


def _agreement(scored: ScoredType, predicted: Fact, gold: Fact) -> int:
    return sum(attribute_agrees(field, gold.get(field.name), predicted.get(field.name))
               for field in scored.attributes)


def _components(edges: Mapping[tuple[int, int], int]) -> list[list[tuple[int, int]]]:
    """Group pairing candidates that share a fact, so each group is solved on its own."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(node: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for i, j in edges:
        parent[root(("p", i))] = root(("g", j))
    groups: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for i, j in edges:
        groups.setdefault(root(("p", i)), []).append((i, j))
    return list(groups.values())


def _exhaustive_pairs(edges: Mapping[tuple[int, int], int]) -> list[tuple[int, int]]:
    """Most pairs first, then most agreeing attributes; only for small groups."""
    lefts = sorted({i for i, _ in edges})
    best: tuple[tuple[int, int], list[tuple[int, int]]] = ((0, 0), [])

    def search(k: int, used: set[int], chosen: list[tuple[int, int]], score: int) -> None:
        nonlocal best
        if k == len(lefts):
            best = max(best, ((len(chosen), score), list(chosen)), key=lambda item: item[0])
            return
        search(k + 1, used, chosen, score)
        for (i, j), weight in edges.items():
            if i == lefts[k] and j not in used:
                search(k + 1, used | {j}, [*chosen, (i, j)], score + weight)

    search(0, set(), [], 0)
    return best[1]


def _greedy_pairs(edges: Mapping[tuple[int, int], int]) -> list[tuple[int, int]]:
    chosen: list[tuple[int, int]] = []
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    for (i, j), _ in sorted(edges.items(), key=lambda item: (-item[1], item[0])):
        if i not in used_pred and j not in used_gold:
            chosen.append((i, j))
            used_pred.add(i)
            used_gold.add(j)
    return chosen


def pair_facts(
    scored: ScoredType, predicted: Sequence[Fact], gold: Sequence[Fact]
) -> list[tuple[int, int]]:
    """Pair key-matching facts; where a key is ambiguous, the best-agreeing pairing wins."""
    pred_keys = [fact_key(f, scored) for f in predicted]
    gold_keys = [fact_key(f, scored) for f in gold]
    edges = {
        (i, j): _agreement(scored, predicted[i], gold[j])
        for i in range(len(predicted))
        for j in range(len(gold))
        if keys_match(scored.key, pred_keys[i], gold_keys[j])
    }
    pairs: list[tuple[int, int]] = []
    for group in _components(edges):
        group_edges = {edge: edges[edge] for edge in group}
        sides = len({i for i, _ in group}), len({j for _, j in group})
        small = min(sides) <= EXHAUSTIVE_SMALLER_SIDE and max(sides) <= EXHAUSTIVE_LARGER_SIDE
        pairs += _exhaustive_pairs(group_edges) if small else _greedy_pairs(group_edges)
    return sorted(pairs)


def score_attributes(
    predicted: Sequence[Fact], gold: Sequence[Fact], names: Mapping[str, str], plan: ScoringPlan
) -> tuple[dict[str, Ratio], list[AttributeMiss]]:
    """Attribute agreement on the paired facts of every type that declares attributes."""
    ratios: dict[str, Ratio] = {}
    misses: list[AttributeMiss] = []
    for scored in plan.types.values():
        if not scored.attributes:
            continue
        pred = [f for f in predicted if f.get("type") == scored.code]
        ref = [f for f in gold if f.get("type") == scored.code]
        for i, j in pair_facts(scored, pred, ref):
            label = key_label(scored.code, fact_key(ref[j], scored), names, plan)
            for field in scored.attributes:
                gold_value, pred_value = ref[j].get(field.name), pred[i].get(field.name)
                agrees = attribute_agrees(field, gold_value, pred_value)
                ratios[field.name] = ratios.get(field.name, Ratio()) + Ratio(int(agrees), 1)
                if not agrees:
                    misses.append(
                        AttributeMiss(scored.code, field.name, label, gold_value, pred_value)
                    )
    return ratios, misses
