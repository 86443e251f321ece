"""Score extractor output against the gold annotations of ``samples/corpus``.

The rules are the ones ``samples/corpus/README.md`` states: entities match on a
normalised name plus an accepted type; facts are compared as keys after the
predicted entity ids are mapped onto gold ids by name, so an extractor is never
rewarded or punished for how it spells ids. The scorer works on the JSON-able
contract dicts, not on extractor objects, so it can score any extractor.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blocgraph.errors import InputError
from blocgraph.ingest.evaluate_report import (
    KEY_TYPES,
    ArticleScore,
    AttributeMiss,
    Counts,
    EvalReport,
    EvidenceProblem,
    KeyMiss,
    Ratio,
    aggregate,
    format_report,
    report_to_json,
)

if TYPE_CHECKING:
    from blocgraph.ingest.sources import Article

__all__ = [
    "ArticleScore",
    "EvalReport",
    "aggregate",
    "evaluate_dir",
    "format_report",
    "normalise_name",
    "report_to_json",
    "score_article",
]

Fact = Mapping[str, Any]
Key = tuple[Any, ...]

INVESTOR_LINK = "INVESTOR_LINK"
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "BAN": ("actor", "target"),
    "FUNDING_ROUND": ("company", "amount", "currency"),
    "HEADQUARTERS": ("org", "country"),
    "ROLE": ("person", "org"),
    "DEVELOPS": ("org", "model"),
    "OWNERSHIP": ("owner", "owned"),
    "GOVERNMENT_FUNDING": ("funder", "amount"),
    # Only for pairing facts to score their attributes; INVESTMENT keys are scored
    # as investor links together with the funding rounds' participants.
    "INVESTMENT": ("investor", "company"),
}
ATTRIBUTE_FIELDS: dict[str, tuple[str, ...]] = {
    "BAN": ("date", "subject"),
    "INVESTMENT": ("date", "currency"),
    "FUNDING_ROUND": ("date", "valuation", "round"),
    "GOVERNMENT_FUNDING": ("date",),
}
ID_FIELDS = frozenset(
    {"actor", "target", "subject", "company", "investor", "org", "person", "model",
     "owner", "owned", "funder", "recipient"}
)
ID_LIST_FIELDS = frozenset({"investors", "lead_investors"})
AMOUNT_FIELDS = frozenset({"amount", "valuation"})
CODE_FIELDS = frozenset({"country", "currency"})
AMOUNT_TOLERANCE = 0.02
# Key groups larger than this (facts per side) are paired greedily, not exhaustively.
EXHAUSTIVE_SMALLER_SIDE = 4
EXHAUSTIVE_LARGER_SIDE = 8

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


def amounts_close(a: Any, b: Any) -> bool:
    """Within 2 % of the larger magnitude; None only equals None."""
    if a is None or b is None:
        return a is None and b is None
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return bool(a == b)
    return abs(x - y) <= AMOUNT_TOLERANCE * max(abs(x), abs(y))


def _code(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


def _amount(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return value


def _field_value(name: str, value: Any) -> Any:
    if name in AMOUNT_FIELDS:
        return _amount(value)
    if name in CODE_FIELDS:
        return _code(value)
    return value


def _values_match(name: str, a: Any, b: Any) -> bool:
    return amounts_close(a, b) if name in AMOUNT_FIELDS else bool(a == b)


def keys_match(fact_type: str, a: Key, b: Key) -> bool:
    fields = KEY_FIELDS.get(fact_type, ())
    if len(a) != len(b):
        return False
    if not fields:
        return a == b
    return all(_values_match(name, x, y) for name, x, y in zip(fields, a, b, strict=True))


def fact_key(fact: Fact) -> Key:
    fields = KEY_FIELDS[str(fact.get("type"))]
    return tuple(_field_value(name, fact.get(name)) for name in fields)


def _investor_links(fact: Fact) -> list[Key]:
    if fact.get("type") == "INVESTMENT":
        return [(fact.get("investor"), fact.get("company"))]
    investors = fact.get("investors") or []
    return [(investor, fact.get("company")) for investor in investors]


def build_keys(facts: Iterable[Fact]) -> dict[str, list[Key]]:
    """De-duplicated keys per scored type; investor links pool two fact types."""
    keys: dict[str, dict[Key, None]] = {fact_type: {} for fact_type in KEY_TYPES}
    for fact in facts:
        fact_type = fact.get("type")
        if fact_type in ("INVESTMENT", "FUNDING_ROUND"):
            keys[INVESTOR_LINK].update(dict.fromkeys(_investor_links(fact)))
        if fact_type in KEY_TYPES:
            keys[str(fact_type)][fact_key(fact)] = None
    return {fact_type: list(found) for fact_type, found in keys.items()}


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


def remap_fact(fact: Fact, mapping: Mapping[str, str]) -> dict[str, Any]:
    def remap(value: Any) -> Any:
        return mapping.get(value, value) if isinstance(value, str) else value

    remapped = dict(fact)
    for name, value in fact.items():
        if name in ID_FIELDS:
            remapped[name] = remap(value)
        elif name in ID_LIST_FIELDS and isinstance(value, list):
            remapped[name] = [remap(item) for item in value]
    return remapped


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


def _entity_types(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    return {str(item) for item in value or []}


def score_entities(
    predicted: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]]
) -> tuple[Counts, tuple[str, ...], tuple[str, ...]]:
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


def key_label(fact_type: str, key: Key, names: Mapping[str, str]) -> str:
    """The key with entity names for ids, as the "what still fails" lists show it."""
    fields = KEY_FIELDS.get(fact_type, ("investor", "company"))
    parts = [_display(name, value, names) for name, value in zip(fields, key, strict=False)]
    return f"{fact_type}({', '.join(parts)})"


def _display(field: str, value: Any, names: Mapping[str, str]) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if field in AMOUNT_FIELDS or field in CODE_FIELDS or not isinstance(value, str):
        return str(value)
    return names.get(value, value)


def _match_keys(fact_type: str, pred: Sequence[Key], gold: Sequence[Key]) -> list[tuple[int, int]]:
    return max_matching(len(pred), len(gold), lambda i, j: keys_match(fact_type, pred[i], gold[j]))


def score_keys(
    predicted: Mapping[str, list[Key]], gold: Mapping[str, list[Key]], names: Mapping[str, str]
) -> tuple[dict[str, Counts], list[KeyMiss], list[KeyMiss]]:
    counts: dict[str, Counts] = {}
    false_positives: list[KeyMiss] = []
    false_negatives: list[KeyMiss] = []
    for fact_type in KEY_TYPES:
        pred_keys, gold_keys = predicted.get(fact_type, []), gold.get(fact_type, [])
        pairs = _match_keys(fact_type, pred_keys, gold_keys)
        hit_pred, hit_gold = {i for i, _ in pairs}, {j for _, j in pairs}
        extra = [k for i, k in enumerate(pred_keys) if i not in hit_pred]
        missed = [k for j, k in enumerate(gold_keys) if j not in hit_gold]
        counts[fact_type] = Counts(len(pairs), len(extra), len(missed))
        false_positives += [KeyMiss(fact_type, k, key_label(fact_type, k, names)) for k in extra]
        false_negatives += [KeyMiss(fact_type, k, key_label(fact_type, k, names)) for k in missed]
    return counts, false_positives, false_negatives


def attribute_agrees(name: str, gold: Any, predicted: Any) -> bool:
    if name == "valuation":
        return amounts_close(gold, predicted)
    canonical = {"round": _folded, "currency": _code}.get(name, _same)
    return bool(canonical(gold) == canonical(predicted))


def _same(value: Any) -> Any:
    return value


def _folded(value: Any) -> Any:
    return _SPACES.sub(" ", value).strip().casefold() if isinstance(value, str) else value


def _agreement(fact_type: str, predicted: Fact, gold: Fact) -> int:
    fields = ATTRIBUTE_FIELDS[fact_type]
    return sum(attribute_agrees(name, gold.get(name), predicted.get(name)) for name in fields)


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
    fact_type: str, predicted: Sequence[Fact], gold: Sequence[Fact]
) -> list[tuple[int, int]]:
    """Pair key-matching facts; where a key is ambiguous, the best-agreeing pairing wins."""
    pred_keys, gold_keys = [fact_key(f) for f in predicted], [fact_key(f) for f in gold]
    edges = {
        (i, j): _agreement(fact_type, predicted[i], gold[j])
        for i in range(len(predicted))
        for j in range(len(gold))
        if keys_match(fact_type, pred_keys[i], gold_keys[j])
    }
    pairs: list[tuple[int, int]] = []
    for group in _components(edges):
        group_edges = {edge: edges[edge] for edge in group}
        sides = len({i for i, _ in group}), len({j for _, j in group})
        small = min(sides) <= EXHAUSTIVE_SMALLER_SIDE and max(sides) <= EXHAUSTIVE_LARGER_SIDE
        pairs += _exhaustive_pairs(group_edges) if small else _greedy_pairs(group_edges)
    return sorted(pairs)


def score_attributes(
    predicted: Sequence[Fact], gold: Sequence[Fact], names: Mapping[str, str]
) -> tuple[dict[str, Ratio], list[AttributeMiss]]:
    ratios: dict[str, Ratio] = {}
    misses: list[AttributeMiss] = []
    for fact_type, fields in ATTRIBUTE_FIELDS.items():
        pred = [f for f in predicted if f.get("type") == fact_type]
        ref = [f for f in gold if f.get("type") == fact_type]
        for i, j in pair_facts(fact_type, pred, ref):
            label = key_label(fact_type, fact_key(ref[j]), names)
            for name in fields:
                gold_value, pred_value = ref[j].get(name), pred[i].get(name)
                agrees = attribute_agrees(name, gold_value, pred_value)
                ratios[name] = ratios.get(name, Ratio()) + Ratio(int(agrees), 1)
                if not agrees:
                    misses.append(AttributeMiss(fact_type, name, label, gold_value, pred_value))
    return ratios, misses


def _published_date(value: Any) -> Any:
    """An ISO timestamp is compared by its date part, as the gold gives dates only."""
    return value.split("T", 1)[0].strip() if isinstance(value, str) else value


def score_published(
    predicted: Mapping[str, Any], gold: Mapping[str, Any]
) -> tuple[Ratio, AttributeMiss | None]:
    if "published" not in gold:
        return Ratio(), None
    article = predicted.get("article") or {}
    pred_value, gold_value = _published_date(article.get("published")), gold["published"]
    if pred_value == gold_value:
        return Ratio(1, 1), None
    return Ratio(0, 1), AttributeMiss("ARTICLE", "published", "article", gold_value, pred_value)


def _span_is_valid(item: Any, text: str) -> bool:
    if not isinstance(item, Mapping):
        return False
    start, end = item.get("start"), item.get("end")
    if type(start) is not int or type(end) is not int:
        return False
    return 0 <= start < end <= len(text) and item.get("text") == text[start:end]


def evidence_problem(fact: Fact, text: str) -> str | None:
    """Why a fact lacks a span quoting ``text`` exactly, or None when one does."""
    items = fact.get("evidence") or []
    if not items:
        return "no evidence"
    if any(_span_is_valid(item, text) for item in items):
        return None
    first = items[0] if isinstance(items[0], Mapping) else {}
    return (
        f"no span equals text[start:end] (first: start={first.get('start')!r}, "
        f"end={first.get('end')!r}, text={first.get('text')!r})"
    )


def check_evidence(
    facts: Sequence[Fact], text: str, names: Mapping[str, str]
) -> tuple[Ratio, list[EvidenceProblem]]:
    problems: list[EvidenceProblem] = []
    for index, fact in enumerate(facts):
        reason = evidence_problem(fact, text)
        if reason is not None:
            problems.append(EvidenceProblem(index, str(fact.get("type")), _fact_label(fact, names),
                                            reason))
    return Ratio(len(facts) - len(problems), len(facts)), problems


def _fact_label(fact: Fact, names: Mapping[str, str]) -> str:
    fact_type = str(fact.get("type"))
    if fact_type not in KEY_FIELDS:
        return fact_type
    return key_label(fact_type, fact_key(fact), names)


def _entity_names(*entity_lists: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Id -> display name; later lists (the gold) win over earlier ones."""
    return {
        str(entity.get("id")): str(entity.get("name"))
        for entities in entity_lists
        for entity in entities
    }


def score_article(
    predicted: Mapping[str, Any],
    gold: Mapping[str, Any],
    text: str,
    *,
    article_id: str | None = None,
) -> ArticleScore:
    """Score one extractor contract object against one gold annotation of ``text``."""
    pred_entities = list(predicted.get("entities") or [])
    gold_entities = list(gold.get("entities") or [])
    mapping = map_entity_ids(pred_entities, gold_entities)
    pred_facts = [remap_fact(fact, mapping) for fact in predicted.get("facts") or []]
    gold_facts = list(gold.get("facts") or [])
    names = _entity_names(pred_entities, gold_entities)

    facts, false_positives, false_negatives = score_keys(
        build_keys(pred_facts), build_keys(gold_facts), names
    )
    entities, extra_entities, missed_entities = score_entities(pred_entities, gold_entities)
    attributes, attribute_misses = score_attributes(pred_facts, gold_facts, names)
    published, published_miss = score_published(predicted, gold)
    if published.total:
        attributes["published"] = published
    evidence, problems = check_evidence(pred_facts, text, names)
    return ArticleScore(
        article_id=article_id or str((predicted.get("article") or {}).get("id") or "?"),
        facts=facts,
        entities=entities,
        attributes=attributes,
        evidence=evidence,
        false_positives=tuple(false_positives),
        false_negatives=tuple(false_negatives),
        entity_false_positives=extra_entities,
        entity_false_negatives=missed_entities,
        attribute_misses=tuple(filter(None, [published_miss, *attribute_misses])),
        invalid_evidence=tuple(problems),
    )


def _article_paths(gold_dir: Path) -> list[Path]:
    if not gold_dir.is_dir():
        raise InputError(f"gold directory not found: {gold_dir}")
    paths = sorted(gold_dir.glob("*.txt"))
    if not paths:
        raise InputError(f"no *.txt articles in {gold_dir}")
    return paths


def _load_gold(article_path: Path) -> dict[str, Any]:
    gold_path = article_path.with_name(f"{article_path.stem}.gold.json")
    try:
        gold: dict[str, Any] = json.loads(gold_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"no gold annotation for {article_path.name}: {gold_path}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON in {gold_path}: {exc}") from exc
    return gold


def _read_articles(paths: Sequence[Path]) -> list[Article]:
    """The articles as the extractor sees them; evidence offsets index their text."""
    from blocgraph.ingest.sources import SourceError, read_sources  # late: pulls in fetchers

    items = list(read_sources([str(path) for path in paths]))
    for item in items:
        if isinstance(item, SourceError):
            raise InputError(f"cannot read {item.item}: {item.reason}")
    articles = [item for item in items if not isinstance(item, SourceError)]
    return list(_exactly(articles, len(paths), "articles from the gold directory"))


def _exactly(items: Iterable[Any], count: int, what: str) -> Iterator[Any]:
    listed = list(items)
    if len(listed) != count:
        raise InputError(f"expected {count} {what}, got {len(listed)}")
    return iter(listed)


def evaluate_dir(
    gold_dir: Path,
    extract: Callable[[Iterable[Article]], Iterable[Mapping[str, Any]]],
) -> EvalReport:
    """Read ``GOLD_DIR/*.txt`` with their ``.gold.json``, run ``extract`` and score it.

    Results are paired with articles by order, so ``extract`` must yield exactly one
    contract object per article, in the order given.
    """
    paths = _article_paths(gold_dir)
    golds = [_load_gold(path) for path in paths]
    articles = _read_articles(paths)
    predictions = _exactly(extract(articles), len(articles), "extraction results")
    scores = [
        score_article(prediction, gold, article.text, article_id=path.stem)
        for path, gold, article, prediction in zip(paths, golds, articles, predictions, strict=True)
    ]
    return aggregate(scores)
