"""The extractor end to end: the output contract, both pipelines, negation, quality."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from blocgraph.api.cli import main
from blocgraph.ingest.pipeline import Extractor
from blocgraph.ingest.sources import Article, article_id
from blocgraph.schema.model import load_model

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "samples" / "corpus" / "dev"
ENTITY_TYPES = {"Company", "Investor", "Government", "Person", "AIModel", "Hardware",
                "Regulation", "Organization"}


def _article(text: str, published: str | None = "2024-03-01") -> Article:
    import hashlib

    return Article(id=article_id(None, text), source="test", text=text, title=None, url=None,
                   published=published, outlet=None,
                   content_hash=hashlib.sha256(text.encode()).hexdigest())


@pytest.fixture(scope="module", params=[True, False], ids=["model", "no-model"])
def extractor(request: pytest.FixtureRequest) -> Iterator[Extractor]:
    yield Extractor(use_model=request.param)


def _facts(extractor: Extractor, text: str, kind: str) -> list[dict[str, Any]]:
    contract = extractor.extract(_article(text)).to_contract()
    return [f for f in contract["facts"] if f["type"] == kind]


def test_contract_shape(extractor: Extractor) -> None:
    text = (DEV / "microsoft-mistral-stake.txt").read_text(encoding="utf-8")
    contract = extractor.extract(_article(text, None)).to_contract()
    assert set(contract) == {"article", "entities", "facts"}
    assert set(contract["article"]) == {"id", "source", "title", "url", "published"}
    assert contract["article"]["published"] == "2024-02-27"
    ids = {e["id"] for e in contract["entities"]}
    for entity in contract["entities"]:
        assert set(entity) == {"id", "name", "type", "country", "aliases"}
        assert entity["type"] in ENTITY_TYPES
    model = load_model()
    assert contract["facts"], "the article states facts"
    for fact in contract["facts"]:
        fields = [f.name for f in model.fact_type(fact["type"]).fields]
        assert list(fact) == ["type", *fields, "evidence", "confidence"]
        for name in fields:
            value = fact[name]
            spec = model.fact_type(fact["type"]).field(name)
            if spec.type == "entity" and value is not None:
                assert set(value if spec.list else [value]) <= ids
        assert 0 < fact["confidence"] <= 1
        for evidence in fact["evidence"]:
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Mistral AI has not received investment from Google.", "INVESTMENT"),
        ("Anthropic is reportedly in talks to raise $2bn from Google.", "FUNDING_ROUND"),
        ("Analysts expect Nvidia to invest $1bn in Mistral AI.", "INVESTMENT"),
        ("Anthropic and Google could tighten access from China in the coming months.", "BAN"),
        ("Microsoft is taking a minority stake and will not control G42.", "OWNERSHIP"),
    ],
)
def test_negated_and_hedged_statements_are_not_facts(
    extractor: Extractor, text: str, kind: str
) -> None:
    assert _facts(extractor, text, kind) == []


def test_plain_statements_are_facts(extractor: Extractor) -> None:
    investment = _facts(extractor, "In March 2024, Google invested $2 billion in Anthropic.",
                        "INVESTMENT")
    assert [(f["investor"], f["company"], f["amount"], f["currency"], f["date"])
            for f in investment] == [("google", "anthropic", 2e9, "USD", "2024-03")]
    ban = _facts(extractor, "OpenAI blocked access to ChatGPT in China in 2023.", "BAN")
    assert [(f["actor"], f["target"], f["subject"], f["date"]) for f in ban] == [
        ("openai", "china", "chatgpt", "2023")
    ]


def test_round_with_leads_and_participants(extractor: Extractor) -> None:
    text = ("Mistral AI raised €385 million in a Series A round led by Andreessen Horowitz, "
            "with Lightspeed Venture Partners and Nvidia also taking part, a deal that valued "
            "the company at about €2 billion.")
    [round_] = _facts(extractor, text, "FUNDING_ROUND")
    assert round_["company"] == "mistral-ai"
    assert (round_["amount"], round_["currency"], round_["round"]) == (385e6, "EUR", "Series A")
    assert round_["valuation"] == 2e9
    assert round_["lead_investors"] == ["andreessen-horowitz"]
    assert set(round_["investors"]) == {"andreessen-horowitz", "lightspeed-venture-partners",
                                        "nvidia"}


def test_dev_corpus_quality_holds(capsys: pytest.CaptureFixture[str]) -> None:
    """The bar on the 41-article development corpus: fact micro-F1 >= 0.90 with precision
    >= 0.90 (hedged and negated distractors included), every fact type's recall >= 0.80,
    entity F1 >= 0.92, and every evidence span quoting the article exactly. The corpus
    is where phrasing is learnt; held-out and published sets judge generalisation."""
    assert main(["eval", str(DEV), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["micro"]["f1"] >= 0.90
    assert report["micro"]["precision"] >= 0.90
    low = {name: round(c["recall"], 3) for name, c in report["facts"].items() if c["recall"] < 0.80}
    assert low == {}
    assert report["entities"]["f1"] >= 0.92
    assert report["evidence"]["correct"] == report["evidence"]["total"] > 0


def test_the_no_model_fallback_is_scored(capsys: pytest.CaptureFixture[str]) -> None:
    """Without the statistical model the gazetteer and skeleton rules still extract, with
    lower recall: a floor that catches the fallback breaking."""
    assert main(["eval", str(DEV), "--json", "--no-model"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["micro"]["precision"] >= 0.85 and report["micro"]["recall"] >= 0.35
    assert report["evidence"]["correct"] == report["evidence"]["total"] > 0
