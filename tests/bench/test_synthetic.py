"""The synthetic corpus: deterministic, streamed, news-shaped, readable by our sources."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pytest

from bench.synthetic import generate, money_text, write_corpus, write_jsonl
from blocgraph.ingest.money import find_money
from blocgraph.ingest.sources import Article, SourceError, article_id, read_sources
from blocgraph.schema.reference import load_reference

SAMPLE = 40


@pytest.fixture(scope="module")
def sample() -> list[Article]:
    return list(generate(SAMPLE, seed=7))


def test_generate_is_a_lazy_iterator() -> None:
    stream = generate(10**9)
    assert isinstance(stream, Iterator)
    assert len(list(islice(stream, 3))) == 3


def test_same_seed_same_articles_and_prefix_stable(sample: list[Article]) -> None:
    assert list(generate(SAMPLE, seed=7)) == sample
    assert list(generate(5, seed=7)) == sample[:5]


def test_different_seeds_differ(sample: list[Article]) -> None:
    other = list(generate(SAMPLE, seed=8))
    assert {a.text for a in other}.isdisjoint(a.text for a in sample)


def test_ids_are_unique_and_derived_from_the_url(sample: list[Article]) -> None:
    assert len({a.id for a in sample}) == SAMPLE
    for article in sample:
        assert article.url is not None and article.url.startswith("https://")
        assert article.id == article_id(article.url, article.text)


def test_article_length_is_news_sized(sample: list[Article]) -> None:
    counts = [len(a.text.split()) for a in sample]
    assert min(counts) >= 300
    assert max(counts) <= 600


def test_text_starts_with_the_title(sample: list[Article]) -> None:
    for article in sample:
        assert article.title is not None
        assert article.text.startswith(article.title + "\n\n")


def test_no_template_field_is_left_unfilled(sample: list[Article]) -> None:
    for article in sample:
        assert not re.search(r"\{\w+\}", article.text)


def test_dates_vary_and_some_are_missing() -> None:
    dates = [a.published for a in generate(200, seed=1)]
    assert None in dates
    assert len({d for d in dates if d}) > 50


def test_corpus_mixes_gazetteer_and_invented_actors(sample: list[Article]) -> None:
    text = "\n".join(a.text for a in sample)
    known = [e.name for e in load_reference().all_entries() if len(e.name) > 5]
    assert sum(name in text for name in known) >= 20
    invented = re.findall(r"\b[A-Z][a-z]+ (?:Ventures|Capital|Partners|Investments)\b", text)
    assert len(set(invented)) >= 10


def test_corpus_has_the_cues_the_extractor_reads() -> None:
    text = "\n".join(a.text for a in generate(200, seed=3))
    for cue in ("-based", "led by", "chief executive", "flagship model", "Entity List",
                "sovereign wealth fund", "has not", "reportedly", "per cent stake"):
        assert cue in text, cue


def test_money_is_written_in_many_currency_forms() -> None:
    text = "\n".join(a.text for a in generate(300, seed=2))
    currencies = {m.currency for m in find_money(text)}
    assert {"USD", "EUR", "CNY", "GBP"} <= currencies
    for form in ("US$", "€", "bn", " yuan"):
        assert form in text, form


@pytest.mark.parametrize(
    ("usd", "currency", "pattern"),
    [
        (4e9, "USD", r"^(\$4(bn| billion)|US\$4 billion|USD 4 billion|4 billion dollars)$"),
        (385e6, "EUR", r"(€355|355 million euros|EUR 355)"),
        (2.5e9 / 7.2, "CNY", r"^(2\.5 billion (yuan|renminbi)|RMB 2\.5 billion)$"),
    ],
)
def test_money_text_scales_and_converts(usd: float, currency: str, pattern: str) -> None:
    rng = random.Random(0)
    for _ in range(10):
        assert re.search(pattern, money_text(rng, usd, currency))


def test_money_text_is_parsed_back_to_its_amount() -> None:
    rng = random.Random(4)
    for currency in ("USD", "EUR", "GBP", "CNY", "JPY", "SGD"):
        written = money_text(rng, 2e9, currency)
        found = find_money(f"It raised {written} this year.")
        assert found and found[0].currency == currency, written


def test_write_jsonl_is_read_back_by_the_jsonl_source(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "corpus.jsonl", 12, seed=3)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 12
    assert set(json.loads(lines[0])) == {"url", "title", "published", "text"}
    read = list(read_sources([str(path)]))
    assert not [r for r in read if isinstance(r, SourceError)]
    expected = list(generate(12, seed=3))
    assert [a.id for a in read if isinstance(a, Article)] == [a.id for a in expected]


def test_write_corpus_writes_readable_text_files(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "txt", 5, seed=3)
    files = sorted(folder.glob("*.txt"))
    assert len(files) == 5
    read = [r for r in read_sources([str(folder)]) if isinstance(r, Article)]
    assert len(read) == 5
    titles = {a.title for a in generate(5, seed=3)}
    assert {a.title for a in read} == titles
