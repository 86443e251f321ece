from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from blocgraph.errors import InputError
from blocgraph.schema.field_types import field_type
from blocgraph.scoring import (
    ArticleScore,
    Counts,
    Ratio,
    aggregate,
    evaluate_dir,
    format_report,
    report_to_json,
    score_article,
)
from blocgraph.scoring.article import evidence_problem
from blocgraph.scoring.entities import map_entity_ids, normalise_name
from blocgraph.scoring.matching import build_keys, pair_facts
from blocgraph.scoring.plan import scoring_plan
from blocgraph.scoring.results import by_genre, genre_of

DEV_DIR = Path(__file__).resolve().parents[2] / "samples" / "corpus" / "dev"
DEV_ARTICLES = sorted(DEV_DIR.glob("*.txt"))
TEXT = "Amazon invested $4bn in Anthropic. Google backed the lab too."


def load_gold(path: Path) -> dict[str, Any]:
    gold: dict[str, Any] = json.loads(path.with_name(f"{path.stem}.gold.json").read_text())
    return gold


def gold_to_contract(gold: Mapping[str, Any], text: str, article_id: str) -> dict[str, Any]:
    """What a perfect extractor would return for this article."""
    span = {"start": 0, "end": min(20, len(text)), "text": text[: min(20, len(text))]}
    entities = [{**entity, "type": entity["type"][0]} for entity in gold["entities"]]
    facts = [{**fact, "evidence": [span], "confidence": 1.0} for fact in gold["facts"]]
    article = {"id": article_id, "source": article_id, "title": None, "url": None,
               "published": gold["published"]}
    return {"article": article, "entities": entities, "facts": facts}


def entity(
    eid: str, name: str, etype: str = "Company", aliases: Iterable[str] = ()
) -> dict[str, Any]:
    return {"id": eid, "name": name, "type": etype, "country": None, "aliases": list(aliases)}


def evidence(text: str = TEXT, start: int = 0, end: int = 6) -> list[dict[str, Any]]:
    return [{"start": start, "end": end, "text": text[start:end]}]


# --- normalisation, tolerance ---------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Mistral AI", "mistral ai"),
        ("The U.S.", "us"),
        ("THE   European  Union", "european union"),
        ("Fidelity Management & Research", "fidelity management research"),
        ("  Mistral-7B ", "mistral 7b"),
        ("Italy's", "italys"),
        ("Italy\u2019s", "italys"),
        ("Theranos", "theranos"),
        ("the", "the"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalise_name(raw: str | None, expected: str) -> None:
    assert normalise_name(raw) == expected


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        (100, 102, True),
        (102, 100, True),
        (100, 102.1, False),
        (4_000_000_000, 4.08e9, True),
        (4_000_000_000, 4.1e9, False),
        (-100, -101, True),
        (0, 0, True),
        (None, None, True),
        (None, 0, False),
        (0, None, False),
    ],
)
def test_amounts_close_within_two_percent(a: float | None, b: float | None, close: bool) -> None:
    assert field_type("amount").same(a, b) is close


# --- keys ---------------------------------------------------------------------------


def test_build_keys_pools_investor_links_and_deduplicates() -> None:
    facts = [
        {"type": "INVESTMENT", "investor": "amazon", "company": "anthropic", "amount": 4e9},
        {"type": "INVESTMENT", "investor": "amazon", "company": "anthropic", "amount": 2e9},
        {"type": "FUNDING_ROUND", "company": "anthropic", "amount": 3_500_000_000,
         "currency": "usd", "investors": ["amazon", "menlo"]},
        {"type": "HEADQUARTERS", "org": "anthropic", "country": "US"},
        {"type": "HEADQUARTERS", "org": "anthropic", "country": "US"},
        {"type": "BAN", "actor": "google", "target": None},
        {"type": "UNKNOWN", "foo": "bar"},
    ]
    keys = build_keys(facts, scoring_plan())
    assert keys["INVESTOR_LINK"] == [("amazon", "anthropic"), ("menlo", "anthropic")]
    assert keys["FUNDING_ROUND"] == [("anthropic", 3.5e9, "USD")]
    assert keys["HEADQUARTERS"] == [("anthropic", "US")]
    assert keys["BAN"] == [("google", None)]
    assert keys["ROLE"] == []
    assert set(keys) == set(scoring_plan().groups)


@pytest.mark.parametrize(
    ("predicted", "gold", "counts"),
    [
        # amount within 2 % matches, currency must agree, None matches only None
        ({"amount": 101, "currency": "EUR"}, {"amount": 100, "currency": "EUR"}, Counts(1, 0, 0)),
        ({"amount": 103, "currency": "EUR"}, {"amount": 100, "currency": "EUR"}, Counts(0, 1, 1)),
        ({"amount": 100, "currency": "USD"}, {"amount": 100, "currency": "EUR"}, Counts(0, 1, 1)),
        ({"amount": None, "currency": None}, {"amount": None, "currency": None}, Counts(1, 0, 0)),
        ({"amount": 0, "currency": None}, {"amount": None, "currency": None}, Counts(0, 1, 1)),
    ],
)
def test_funding_round_key_tolerance(
    predicted: dict[str, Any], gold: dict[str, Any], counts: Counts
) -> None:
    def article(fields: dict[str, Any]) -> dict[str, Any]:
        fact = {"type": "FUNDING_ROUND", "company": "a", "investors": [], **fields}
        return {"entities": [entity("a", "A")], "facts": [{**fact, "evidence": evidence()}]}

    score = score_article(article(predicted), article(gold), TEXT)
    assert score.facts["FUNDING_ROUND"] == counts


# --- id mapping ---------------------------------------------------------------------

GOLD_ENTITIES = [
    entity("anthropic", "Anthropic", aliases=["the lab", "the company"]),
    entity("aws", "Amazon Web Services", aliases=["AWS"]),
    entity("amazon", "Amazon"),
    entity("us", "United States", "Government", aliases=["the US", "Washington"]),
]


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        (entity("e1", "The Anthropic"), "anthropic"),
        (entity("e1", "aws"), "aws"),
        (entity("e1", "U.S."), "us"),  # via a gold alias, type ignored
        (entity("e1", "Amazon"), "amazon"),  # the name wins over anything else
        (entity("e1", "Amazon.com", aliases=["Amazon"]), "amazon"),  # via a predicted alias
        (entity("e1", "The company", aliases=["Amazon"]), "anthropic"),  # name before alias
        (entity("e1", "Nvidia"), None),
    ],
)
def test_map_entity_ids(predicted: dict[str, Any], expected: str | None) -> None:
    assert map_entity_ids([predicted], GOLD_ENTITIES).get("e1") == expected


def test_unmapped_ids_stay_and_mapped_ids_score() -> None:
    gold = {"entities": GOLD_ENTITIES,
            "facts": [{"type": "OWNERSHIP", "owner": "amazon", "owned": "aws"}]}
    predicted = {
        "entities": [entity("E1", "Amazon"), entity("E2", "AWS"), entity("E3", "Nvidia")],
        "facts": [
            {"type": "OWNERSHIP", "owner": "E1", "owned": "E2", "evidence": evidence()},
            {"type": "OWNERSHIP", "owner": "E1", "owned": "E3", "evidence": evidence()},
        ],
    }
    score = score_article(predicted, gold, TEXT)
    assert score.facts["OWNERSHIP"] == Counts(1, 1, 0)
    assert [miss.key for miss in score.false_positives] == [("amazon", "E3")]
    assert [miss.label for miss in score.false_positives] == ["OWNERSHIP(Amazon, Nvidia)"]


# --- entities -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicted", "counts"),
    [
        ([entity("x", "the lab")], Counts(1, 0, 3)),
        ([entity("x", "Anthropic", "Investor")], Counts(0, 1, 4)),
        ([entity("x", "Anthropic"), entity("y", "Anthropic")], Counts(1, 1, 3)),
        ([entity("x", "Washington", "Government"), entity("y", "AWS"), entity("z", "Amazon")],
         Counts(3, 0, 1)),
        ([], Counts(0, 0, 4)),
    ],
)
def test_entity_matching(predicted: list[dict[str, Any]], counts: Counts) -> None:
    score = score_article({"entities": predicted, "facts": []},
                          {"entities": GOLD_ENTITIES, "facts": []}, TEXT)
    assert score.entities == counts


def test_entity_accepts_any_gold_type() -> None:
    gold = {"entities": [{"id": "js", "name": "Jane Street", "type": ["Company", "Investor"],
                          "aliases": []}], "facts": []}
    predicted = {"entities": [entity("x", "Jane Street", "Investor")], "facts": []}
    assert score_article(predicted, gold, TEXT).entities == Counts(1, 0, 0)


# --- attributes ---------------------------------------------------------------------

AMAZON_INVESTMENTS = [
    {"type": "INVESTMENT", "investor": "amazon", "company": "anthropic", "amount": 4e9,
     "currency": "USD", "date": "2023-09"},
    {"type": "INVESTMENT", "investor": "amazon", "company": "anthropic", "amount": 4e9,
     "currency": "USD", "date": "2024-11"},
]


def test_ambiguous_key_pairs_with_best_agreeing_fact() -> None:
    predicted = [{**AMAZON_INVESTMENTS[1], "currency": "usd"}]
    investment = scoring_plan().types["INVESTMENT"]
    assert pair_facts(investment, predicted, AMAZON_INVESTMENTS) == [(0, 1)]
    both = [AMAZON_INVESTMENTS[1], AMAZON_INVESTMENTS[0]]
    assert pair_facts(investment, both, AMAZON_INVESTMENTS) == [(0, 1), (1, 0)]


def test_attribute_accuracy_on_matched_facts() -> None:
    gold = {
        "published": "2024-07-15",
        "entities": GOLD_ENTITIES,
        "facts": [
            *AMAZON_INVESTMENTS,
            {"type": "BAN", "actor": "us", "target": "amazon", "subject": "aws", "date": "2019"},
            {"type": "FUNDING_ROUND", "company": "anthropic", "amount": 3.5e9, "currency": "USD",
             "date": "2025-03", "valuation": 61.5e9, "round": "Series E", "investors": []},
            {"type": "GOVERNMENT_FUNDING", "funder": "us", "recipient": None, "amount": 1e9,
             "currency": "USD", "date": None},
        ],
    }
    predicted = {
        "article": {"id": "a", "published": "2024-07-15T08:00:00+00:00"},
        "entities": [entity("p-us", "Washington", "Government"), entity("p-aws", "AWS"),
                     *GOLD_ENTITIES[:1], GOLD_ENTITIES[2]],
        "facts": [
            {**AMAZON_INVESTMENTS[1], "currency": "EUR", "evidence": evidence()},
            {"type": "BAN", "actor": "p-us", "target": "amazon", "subject": "p-aws",
             "date": "2019-05", "evidence": evidence()},
            {"type": "FUNDING_ROUND", "company": "anthropic", "amount": 3.51e9, "currency": "USD",
             "date": "2025-03", "valuation": 62e9, "round": "series e", "investors": [],
             "evidence": evidence()},
            {"type": "GOVERNMENT_FUNDING", "funder": "p-us", "amount": 1e9, "date": None,
             "evidence": evidence()},
            # no key match, so its attributes are not scored
            {"type": "BAN", "actor": "amazon", "target": "us", "date": "x", "evidence": evidence()},
        ],
    }
    score = score_article(predicted, gold, TEXT)
    ratios = {name: (r.correct, r.total) for name, r in score.attributes.items()}
    assert ratios == {
        "published": (1, 1),
        "date": (3, 4),  # INVESTMENT, FUNDING_ROUND, GOVERNMENT_FUNDING right; BAN wrong
        "subject": (1, 1),
        "currency": (0, 1),
        "valuation": (1, 1),
        "round": (1, 1),
    }
    misses = {(m.fact_type, m.attribute, m.gold, m.predicted) for m in score.attribute_misses}
    assert misses == {("BAN", "date", "2019", "2019-05"), ("INVESTMENT", "currency", "USD", "EUR")}


def test_published_mismatch_is_reported() -> None:
    score = score_article({"article": {"published": None}, "entities": [], "facts": []},
                          {"published": "2024-01-02", "entities": [], "facts": []}, TEXT)
    assert score.attributes["published"].correct == 0
    assert score.attribute_misses[0].attribute == "published"


# --- evidence -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "valid"),
    [
        (evidence(), True),
        (evidence(start=7, end=15), True),
        ([{"start": 0, "end": 6, "text": "amazon"}], False),
        ([{"start": 0, "end": 0, "text": ""}], False),
        ([{"start": -6, "end": len(TEXT), "text": TEXT[-6:]}], False),
        ([{"start": 50, "end": len(TEXT) + 1, "text": TEXT[50:]}], False),
        ([{"start": True, "end": 6, "text": "mazon "}], False),
        ([{"start": "0", "end": "6", "text": "Amazon"}], False),
        ([], False),
        (None, False),
        ([{"start": 0, "end": 3, "text": "no"}, *evidence()], True),
    ],
)
def test_evidence_validity(items: list[dict[str, Any]] | None, valid: bool) -> None:
    assert (evidence_problem({"type": "BAN", "evidence": items}, TEXT) is None) is valid


def test_invalid_evidence_is_listed() -> None:
    predicted = {"entities": [], "facts": [
        {"type": "BAN", "actor": "a", "target": "b", "evidence": evidence()},
        {"type": "BAN", "actor": "a", "target": "c", "evidence": []},
    ]}
    score = score_article(predicted, {"entities": [], "facts": []}, TEXT)
    assert (score.evidence.correct, score.evidence.total) == (1, 2)
    assert [(p.fact_index, p.label, p.reason) for p in score.invalid_evidence] == [
        (1, "BAN(a, c)", "no evidence")
    ]


# --- aggregation --------------------------------------------------------------------


def test_micro_average_sums_counts_across_types_and_articles() -> None:
    gold_a = {"entities": [], "facts": [
        {"type": "BAN", "actor": "x", "target": "y"},
        {"type": "ROLE", "person": "p", "org": "o"},
    ]}
    pred_a = {"entities": [], "facts": [
        {"type": "BAN", "actor": "x", "target": "y", "evidence": evidence()},
        {"type": "ROLE", "person": "p", "org": "z", "evidence": evidence()},
    ]}
    gold_b = {"entities": [], "facts": [
        {"type": "DEVELOPS", "org": "o", "model": "m1"},
        {"type": "DEVELOPS", "org": "o", "model": "m2"},
        {"type": "DEVELOPS", "org": "o", "model": "m3"},
    ]}
    pred_b = {"entities": [], "facts": [
        {"type": "DEVELOPS", "org": "o", "model": "m1", "evidence": evidence()},
    ]}
    report = aggregate([score_article(pred_a, gold_a, TEXT), score_article(pred_b, gold_b, TEXT)])
    assert report.facts["BAN"] == Counts(1, 0, 0)
    assert report.facts["ROLE"] == Counts(0, 1, 1)
    assert report.facts["DEVELOPS"] == Counts(1, 0, 2)
    assert report.micro == Counts(2, 1, 3)
    assert report.micro.precision == pytest.approx(2 / 3)
    assert report.micro.recall == pytest.approx(2 / 5)
    assert report.micro.f1 == pytest.approx(2 * 2 / (2 * 2 + 1 + 3))
    assert report.evidence.correct == report.evidence.total == 3


@pytest.mark.parametrize(
    ("counts", "prf"),
    [
        (Counts(0, 0, 0), (1.0, 1.0, 1.0)),
        (Counts(0, 0, 2), (0.0, 0.0, 0.0)),
        (Counts(0, 2, 0), (0.0, 0.0, 0.0)),
        (Counts(3, 1, 0), (0.75, 1.0, 6 / 7)),
    ],
)
def test_counts_ratios(counts: Counts, prf: tuple[float, float, float]) -> None:
    assert (counts.precision, counts.recall, counts.f1) == pytest.approx(prf)


# --- the dev corpus -----------------------------------------------------------------


@pytest.mark.parametrize("path", DEV_ARTICLES, ids=lambda path: path.stem)
def test_gold_as_prediction_scores_perfectly(path: Path) -> None:
    gold, text = load_gold(path), path.read_text(encoding="utf-8")
    score = score_article(gold_to_contract(gold, text, path.stem), gold, text)
    assert all(counts.f1 == 1.0 for counts in score.facts.values()), score.false_negatives
    assert score.micro.fp == score.micro.fn == 0
    assert score.micro.tp > 0
    assert score.entities == Counts(len(gold["entities"]), 0, 0)
    assert all(ratio.correct == ratio.total for ratio in score.attributes.values())
    assert score.evidence.correct == score.evidence.total == len(gold["facts"])
    assert score.attribute_misses == score.invalid_evidence == ()


def test_corpus_is_present() -> None:
    assert len(DEV_ARTICLES) >= 10


def test_degraded_prediction_has_exact_precision_and_recall() -> None:
    path = DEV_DIR / "italy-garante-deepseek.txt"
    gold, text = load_gold(path), path.read_text(encoding="utf-8")
    predicted = gold_to_contract(gold, text, path.stem)
    predicted["facts"] = [f for f in predicted["facts"] if f.get("subject") != "chatgpt"]
    predicted["facts"].append(
        {"type": "BAN", "actor": "australia", "target": "openai", "subject": None, "date": None,
         "evidence": evidence(text, 0, 5)}
    )
    score = score_article(predicted, gold, text)
    assert score.facts["BAN"] == Counts(4, 1, 1)
    assert (score.facts["BAN"].precision, score.facts["BAN"].recall) == (0.8, 0.8)
    assert score.micro == Counts(13, 1, 1)
    assert [m.label for m in score.false_negatives] == ["BAN(Garante, OpenAI)"]


def test_dropping_a_round_loses_its_investor_links() -> None:
    path = DEV_DIR / "aleph-alpha-series-b.txt"
    gold, text = load_gold(path), path.read_text(encoding="utf-8")
    predicted = gold_to_contract(gold, text, path.stem)
    predicted["facts"] = [f for f in predicted["facts"] if f["type"] != "FUNDING_ROUND"]
    predicted["facts"].append({"type": "HEADQUARTERS", "org": "sap", "country": "US",
                               "evidence": evidence(text, 0, 5)})
    report = aggregate([score_article(predicted, gold, text)])
    assert report.facts["FUNDING_ROUND"] == Counts(0, 0, 1)
    assert report.facts["INVESTOR_LINK"] == Counts(0, 0, 6)
    assert report.facts["HEADQUARTERS"] == Counts(4, 1, 0)
    assert report.micro == Counts(11, 1, 7)
    assert report.micro.precision == pytest.approx(11 / 12)
    assert report.micro.recall == pytest.approx(11 / 18)


def test_report_renders_as_text_and_json() -> None:
    path = DEV_DIR / "italy-garante-deepseek.txt"
    gold, text = load_gold(path), path.read_text(encoding="utf-8")
    degraded = gold_to_contract(gold, text, path.stem)
    degraded["facts"][0]["date"] = "1999"
    degraded["facts"][1]["evidence"] = []
    report = aggregate([score_article(degraded, gold, text, article_id=path.stem)])
    table = format_report(report)
    assert "micro" in table and "entities" in table and "evidence valid: 13/14" in table
    verbose = format_report(report, verbose=True)
    assert "== italy-garante-deepseek" in verbose
    assert "attribute date of BAN(Garante, DeepSeek): gold '2025-01-30', got '1999'" in verbose
    as_json = json.loads(json.dumps(report_to_json(report)))
    assert as_json["micro"]["f1"] == 1.0
    assert as_json["attributes"]["date"] == {"correct": 5, "total": 6, "accuracy": 5 / 6}
    assert as_json["articles"][0]["invalid_evidence"][0]["fact_index"] == 1


# --- evaluate_dir -------------------------------------------------------------------


def test_evaluate_dir_rejects_missing_gold(tmp_path: Path) -> None:
    (tmp_path / "lonely.txt").write_text("text")
    with pytest.raises(InputError, match="no gold annotation"):
        evaluate_dir(tmp_path, lambda articles: [])


def test_evaluate_dir_rejects_empty_dir(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no \*\.txt"):
        evaluate_dir(tmp_path, lambda articles: [])


def test_evaluate_dir_scores_perfect_extractor_on_dev_corpus(tmp_path: Path) -> None:
    sources = pytest.importorskip("blocgraph.ingest.sources")
    if not hasattr(sources, "read_sources"):
        pytest.skip("blocgraph.ingest.sources.read_sources is not written yet")
    golds = [load_gold(path) for path in DEV_ARTICLES]

    def perfect(articles: Iterable[Any]) -> list[dict[str, Any]]:
        return [gold_to_contract(copy.deepcopy(gold), article.text, article.id)
                for gold, article in zip(golds, articles, strict=True)]

    report = evaluate_dir(DEV_DIR, perfect)
    assert [score.article_id for score in report.articles] == [p.stem for p in DEV_ARTICLES]
    assert report.micro.f1 == 1.0
    assert report.entities.f1 == 1.0
    assert report.evidence.correct == report.evidence.total


@pytest.mark.parametrize(("article_id", "genre"), [
    ("ctl-something-wire", "wire"), ("fund-any-qa", "Q&A"), ("gov-x-liveblog", "live-blog"),
    ("fund-deals-of-week", "deal list"), ("plain-article", "unlabelled"),
])
def test_genre_of_reads_the_genre_word_of_the_file_name(article_id: str, genre: str) -> None:
    assert genre_of(article_id) == genre


def test_report_groups_scores_by_genre() -> None:
    scores = [ArticleScore("a-wire", {"BAN": Counts(2, 0, 1)}, Counts(), {}, Ratio()),
              ArticleScore("b-wire", {"BAN": Counts(1, 1, 0)}, Counts(), {}, Ratio()),
              ArticleScore("c-qa", {"ROLE": Counts(0, 0, 3)}, Counts(), {}, Ratio())]
    report = aggregate(scores)
    assert by_genre(report) == {"wire": (Counts(3, 1, 1), 2), "Q&A": (Counts(0, 0, 3), 1)}
    assert "by genre" in format_report(report)
    assert report_to_json(report)["genres"]["wire"]["articles"] == 2
