"""Turning load records into rows: validation, redirects, keys (no database)."""

from __future__ import annotations

import json

import pytest

from blocgraph.errors import InputError
from blocgraph.graph.write.rows import Context, prepare_record
from blocgraph.schema.model import load_model
from blocgraph.schema.reference import load_reference
from tests.graph.loading import dev_records, fact, record

MODEL = load_model()
KNOWN = frozenset(e.id for e in load_reference().all_entries())


def _ctx(**redirects: str) -> Context:
    return Context(MODEL, KNOWN, {k.replace("_", "-"): v for k, v in redirects.items()})


def test_every_dev_corpus_record_prepares() -> None:
    for rec in dev_records():
        rows = prepare_record(rec, _ctx())
        assert rows.article_id == rec["article"]["id"]
        assert len(rows.support) <= len(rec["facts"])
        assert len(set(rows.fact_keys)) == len(rows.fact_keys)


def test_funding_round_rows_flag_lead_investors() -> None:
    rec = record("a-1", [("acme", "Acme", "Company"), ("vc-a", "VC A", "Investor"),
                         ("vc-b", "VC B", "Investor")],
                 [fact("FUNDING_ROUND", company="acme", amount=5e6, currency="USD",
                       date="2024-03", investors=["vc-a", "vc-b"], lead_investors=["vc-b"])])
    rows = prepare_record(rec, _ctx())
    edges = rows.edges[("FUNDING_ROUND", "INVESTOR")]
    assert {e["id"]: e["flag"] for e in edges} == {"vc-a": False, "vc-b": True}
    assert rows.edges[("FUNDING_ROUND", "RAISED_BY")][0]["id"] == "acme"
    props = rows.facts["FUNDING_ROUND"][0]["props"]
    assert props["amount"] == 5e6 and "company" not in props
    values = json.loads(rows.support[0]["props"]["values"])
    assert values["lead_investors"] == ["vc-b"]


def test_redirects_apply_before_the_key_is_computed() -> None:
    rec = record("a-1", [("mistral", "Mistral", "Company"), ("microsoft", "Microsoft",
                                                             "Company")],
                 [fact("INVESTMENT", investor="microsoft", company="mistral", date="2024")])
    plain = prepare_record(rec, _ctx())
    redirected = prepare_record(rec, _ctx(mistral="mistral-ai"))
    expected = MODEL.fact_key("INVESTMENT", {"investor": "microsoft", "company": "mistral-ai",
                                             "date": "2024"})
    assert redirected.fact_keys == [expected] != plain.fact_keys
    survivor = next(r for r in redirected.entities["Company"] if r["id"] == "mistral-ai")
    assert "Mistral" in survivor["aliases"]  # the merged-away name stays findable


def test_same_key_twice_in_one_article_is_one_fact_with_gaps_filled() -> None:
    rec = record("a-1", [("acme", "Acme", "Company"), ("vc", "VC", "Investor")],
                 [fact("INVESTMENT", investor="vc", company="acme", date="2024"),
                  fact("INVESTMENT", investor="vc", company="acme", date="2024-02",
                       amount=1e6, confidence=0.9)])
    rows = prepare_record(rec, _ctx())
    assert len(rows.support) == 1
    assert rows.facts["INVESTMENT"][0]["props"]["amount"] == 1e6
    assert rows.support[0]["props"]["confidence"] == 0.9


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r["article"].pop("content_hash"), "content_hash"),
        (lambda r: r["entities"][0].update(type="Spaceship"), "unknown type"),
        (lambda r: r["facts"][0].update(company="nobody"), "not among the entities"),
        (lambda r: r["facts"][0].update(type="TELEPORT"), "unknown fact type"),
        (lambda r: r["facts"][0].update(investor=None), "required field 'investor'"),
        (lambda r: r["facts"][0].update(evidence=[]), "evidence"),
        (lambda r: r.update(facts={"a": 1}), "must be a list"),
    ],
)
def test_bad_records_fail_with_a_reason(change: object, message: str) -> None:
    rec = record("a-1", [("acme", "Acme", "Company"), ("vc", "VC", "Investor")],
                 [fact("INVESTMENT", investor="vc", company="acme")])
    change(rec)  # type: ignore[operator]
    with pytest.raises(InputError, match=message):
        prepare_record(rec, _ctx())


def test_reference_entities_may_be_used_without_being_listed() -> None:
    rec = record("a-1", [], [fact("HEADQUARTERS", org="mistral-ai", country="FR")])
    assert len(prepare_record(rec, _ctx()).support) == 1
    rec["facts"][0]["country"] = "France"
    with pytest.raises(InputError, match="ISO 3166-1 alpha-2 code"):
        prepare_record(rec, _ctx())
