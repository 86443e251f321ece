"""A fact type declared only in a temporary model's YAML is scored with no code change:
its key (amounts within 2 %), its pooled keys (one per item of a list field), its
attributes, its entity ids mapped onto gold ids, and its rows in the report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from blocgraph.scoring import Counts, aggregate, format_report, report_to_json, score_article
from blocgraph.scoring.plan import scoring_plan
from tests.scoring.partnership import CODE, POOL, extended_model

TEXT = "Orbital AI signed a partnership with Nimbus and Ferrite for $100m in 2025."
SPAN = [{"start": 0, "end": 10, "text": TEXT[:10]}]


def _entity(eid: str, name: str) -> dict[str, Any]:
    return {"id": eid, "name": name, "type": "Company", "aliases": []}


GOLD = {
    "entities": [_entity("orbital", "Orbital AI"), _entity("nimbus", "Nimbus"),
                 _entity("ferrite", "Ferrite")],
    "facts": [{"type": CODE, "org": "orbital", "partners": ["nimbus", "ferrite"],
               "amount": 100e6, "currency": "USD", "date": "2025"}],
}
PREDICTED = {
    "article": {"id": "a"},
    # Ids spelt the extractor's own way: mapped onto gold ids by name.
    "entities": [_entity("E1", "The Orbital AI"), _entity("E2", "Nimbus"),
                 _entity("E3", "Cobalt")],
    "facts": [{"type": CODE, "org": "E1", "partners": ["E2", "E3"], "amount": 101e6,
               "currency": "usd", "date": "2025-03", "evidence": SPAN}],
}


def test_the_plan_reads_the_new_type_from_yaml(tmp_path: Path) -> None:
    plan = scoring_plan(extended_model(tmp_path))
    assert plan.groups[-2:] == (POOL, CODE)
    assert [f.name for f in plan.types[CODE].key] == ["org", "amount"]
    assert plan.entity_fields[CODE] == (frozenset({"org"}), frozenset({"partners"}))
    assert CODE not in scoring_plan().types  # the bundled model is untouched


def test_a_yaml_only_fact_type_is_scored(tmp_path: Path) -> None:
    model = extended_model(tmp_path)
    score = score_article(PREDICTED, GOLD, TEXT, model=model)
    assert score.facts[CODE] == Counts(1, 0, 0)  # 101m is within 2 % of 100m
    assert score.facts[POOL] == Counts(1, 1, 1)  # one key per partner
    assert [m.label for m in score.false_positives] == [f"{POOL}(Cobalt, Orbital AI)"]
    assert [m.label for m in score.false_negatives] == [f"{POOL}(Ferrite, Orbital AI)"]
    assert (score.attributes["date"].correct, score.attributes["date"].total) == (0, 1)
    assert score.attribute_misses[0].label == f"{CODE}(Orbital AI, 100,000,000)"
    assert score.evidence.correct == score.evidence.total == 1


def test_the_report_shows_the_new_rows(tmp_path: Path) -> None:
    model = extended_model(tmp_path)
    report = aggregate([score_article(PREDICTED, GOLD, TEXT, model=model)], model=model)
    assert report.micro == Counts(2, 1, 1)
    table = format_report(report)
    assert f"\n{CODE} " in table and f"\n{POOL} " in table
    as_json = json.loads(json.dumps(report_to_json(report)))
    assert as_json["facts"][CODE]["f1"] == 1.0


def test_the_bundled_model_ignores_the_unknown_type() -> None:
    score = score_article(PREDICTED, GOLD, TEXT)
    assert CODE not in score.facts
    assert score.micro == Counts()
