"""Scoring one article: an extractor's contract object against its gold annotation.

The scorer works on the JSON-able contract dicts, not on extractor objects, so it
can score any extractor; what it compares comes from the model
(:mod:`blocgraph.scoring.plan`), the loaded one unless a test passes its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from blocgraph.schema.model import Model
from blocgraph.scoring.entities import entity_names, map_entity_ids, remap_fact, score_entities
from blocgraph.scoring.matching import build_keys, fact_key, key_label, score_attributes, score_keys
from blocgraph.scoring.plan import PUBLISHED, ScoringPlan, scoring_plan
from blocgraph.scoring.results import ArticleScore, AttributeMiss, EvidenceProblem, Ratio

Fact = Mapping[str, Any]


def _published_date(value: Any) -> Any:
    """An ISO timestamp is compared by its date part, as the gold gives dates only."""
    return value.split("T", 1)[0].strip() if isinstance(value, str) else value


def score_published(
    predicted: Mapping[str, Any], gold: Mapping[str, Any]
) -> tuple[Ratio, AttributeMiss | None]:
    if PUBLISHED not in gold:
        return Ratio(), None
    article = predicted.get("article") or {}
    pred_value, gold_value = _published_date(article.get(PUBLISHED)), gold[PUBLISHED]
    if pred_value == gold_value:
        return Ratio(1, 1), None
    return Ratio(0, 1), AttributeMiss("ARTICLE", PUBLISHED, "article", gold_value, pred_value)


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
    facts: Sequence[Fact], text: str, names: Mapping[str, str], plan: ScoringPlan
) -> tuple[Ratio, list[EvidenceProblem]]:
    problems: list[EvidenceProblem] = []
    for index, fact in enumerate(facts):
        reason = evidence_problem(fact, text)
        if reason is not None:
            label = _fact_label(fact, names, plan)
            problems.append(EvidenceProblem(index, str(fact.get("type")), label, reason))
    return Ratio(len(facts) - len(problems), len(facts)), problems


def _fact_label(fact: Fact, names: Mapping[str, str], plan: ScoringPlan) -> str:
    code = str(fact.get("type"))
    scored = plan.types.get(code)
    if scored is None:
        return code
    return key_label(code, fact_key(fact, scored), names, plan)


def score_article(
    predicted: Mapping[str, Any],
    gold: Mapping[str, Any],
    text: str,
    *,
    article_id: str | None = None,
    model: Model | None = None,
) -> ArticleScore:
    """Score one extractor contract object against one gold annotation of ``text``."""
    plan = scoring_plan(model)
    pred_entities = list(predicted.get("entities") or [])
    gold_entities = list(gold.get("entities") or [])
    mapping = map_entity_ids(pred_entities, gold_entities)
    pred_facts = [remap_fact(fact, mapping, plan) for fact in predicted.get("facts") or []]
    gold_facts = list(gold.get("facts") or [])
    names = entity_names(pred_entities, gold_entities)

    facts, false_positives, false_negatives = score_keys(
        build_keys(pred_facts, plan), build_keys(gold_facts, plan), names, plan
    )
    entities, extra_entities, missed_entities = score_entities(pred_entities, gold_entities)
    attributes, attribute_misses = score_attributes(pred_facts, gold_facts, names, plan)
    published, published_miss = score_published(predicted, gold)
    if published.total:
        attributes[PUBLISHED] = published
    evidence, problems = check_evidence(pred_facts, text, names, plan)
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
