"""Entities: matching predicted names to gold names, and mapping ids through them.

The rules are the corpus README's: an entity matches on a normalised name (case,
punctuation, a leading "the") against the gold name or an alias, plus an accepted
type. Facts are later compared after predicted ids are mapped onto gold ids by
name, so an extractor is never rewarded or punished for how it spells ids.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from blocgraph.scoring.plan import ScoringPlan
from blocgraph.scoring.results import Counts

Fact = Mapping[str, Any]

_JOINING_PUNCTUATION = re.compile(r"[.'\u2019`]")
_OTHER_PUNCTUATION = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")


def normalise_name(name: str | None) -> str:
    """Casefold, drop punctuation and a leading "the", so "The U.S." equals "us"."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _JOINING_PUNCTUATION.sub("", text)
    text = _SPACES.sub(" ", _OTHER_PUNCTUATION.sub(" ", text)).strip()
    return text[4:] if text.startswith("the ") else text


def max_matching(
    n_left: int, n_right: int, compatible: Callable[[int, int], bool]
) -> list[tuple[int, int]]:
    """Maximum bipartite matching (augmenting paths): each side used at most once."""
    options = [[j for j in range(n_right) if compatible(i, j)] for i in range(n_left)]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(n_left):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def _gold_names(entity: Mapping[str, Any]) -> tuple[str, set[str]]:
    aliases = {normalise_name(alias) for alias in entity.get("aliases") or []}
    return normalise_name(entity.get("name")), aliases - {""}


def _find_gold_id(
    name: str, aliases: Sequence[str], gold: Sequence[tuple[str, str, set[str]]]
) -> str | None:
    """Name-on-name first, then name-on-alias, then the predicted aliases likewise."""
    tiers: list[Callable[[str, set[str]], bool]] = [
        lambda gname, _: bool(name) and name == gname,
        lambda _, galiases: bool(name) and name in galiases,
        lambda gname, _: gname in aliases,
        lambda _, galiases: not galiases.isdisjoint(aliases),
    ]
    for matches in tiers:
        for gold_id, gname, galiases in gold:
            if matches(gname, galiases):
                return gold_id
    return None


def map_entity_ids(
    predicted: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]]
) -> dict[str, str]:
    """Predicted id -> gold id by name, ignoring type; unmapped ids are left out."""
    gold_index = [(str(entity["id"]), *_gold_names(entity)) for entity in gold]
    mapping: dict[str, str] = {}
    for entity in predicted:
        name = normalise_name(entity.get("name"))
        aliases = [a for a in map(normalise_name, entity.get("aliases") or []) if a]
        gold_id = _find_gold_id(name, aliases, gold_index)
        if gold_id is not None and entity.get("id") is not None:
            mapping[str(entity["id"])] = gold_id
    return mapping


def remap_fact(fact: Fact, mapping: Mapping[str, str], plan: ScoringPlan) -> dict[str, Any]:
    """The fact with its entity ids (the model's entity fields) mapped onto gold ids."""
    def remap(value: Any) -> Any:
        return mapping.get(value, value) if isinstance(value, str) else value

    single, many = plan.entity_fields.get(str(fact.get("type")), (frozenset(), frozenset()))
    remapped = dict(fact)
    for name, value in fact.items():
        if name in single:
            remapped[name] = remap(value)
        elif name in many and isinstance(value, list):
            remapped[name] = [remap(item) for item in value]
    return remapped


def _entity_types(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    return {str(item) for item in value or []}


def score_entities(
    predicted: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]]
) -> tuple[Counts, tuple[str, ...], tuple[str, ...]]:
    """Counts, and the unmatched predicted and gold entities as labels."""
    gold_index = [(_gold_names(entity), _entity_types(entity.get("type"))) for entity in gold]

    def compatible(i: int, j: int) -> bool:
        (gname, galiases), gtypes = gold_index[j]
        name = normalise_name(predicted[i].get("name"))
        if not name or (name != gname and name not in galiases):
            return False
        return not _entity_types(predicted[i].get("type")).isdisjoint(gtypes)

    pairs = max_matching(len(predicted), len(gold), compatible)
    hit_pred = {i for i, _ in pairs}
    hit_gold = {j for _, j in pairs}
    extra = tuple(_entity_label(e) for i, e in enumerate(predicted) if i not in hit_pred)
    missed = tuple(_entity_label(e) for j, e in enumerate(gold) if j not in hit_gold)
    return Counts(len(pairs), len(extra), len(missed)), extra, missed


def _entity_label(entity: Mapping[str, Any]) -> str:
    types = "/".join(sorted(_entity_types(entity.get("type"))))
    return f"{entity.get('name')} [{types}]"


def entity_names(*entity_lists: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Id -> display name; later lists (the gold) win over earlier ones."""
    return {
        str(entity.get("id")): str(entity.get("name"))
        for entities in entity_lists
        for entity in entities
    }
