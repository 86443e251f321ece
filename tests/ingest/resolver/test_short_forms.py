"""Mention-level coreference on invented articles: short forms join the full name,
descriptions refer without becoming aliases. Both pipelines (model and rules only)."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from blocgraph.ingest.pipeline import Extractor
from blocgraph.ingest.sources import Article, article_id
from tests.ingest.resolver.conftest import needs_model


def _entities(extractor: Extractor, text: str) -> list[dict[str, Any]]:
    article = Article(id=article_id(None, text), source="test", text=text, title=None, url=None,
                      published="2025-02-01", outlet=None,
                      content_hash=hashlib.sha256(text.encode()).hexdigest())
    entities: list[dict[str, Any]] = extractor.extract(article).to_contract()["entities"]
    return entities


def _named(entities: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [e for e in entities if e["name"] == name or name in e["aliases"]]


def test_bracketed_acronym_joins_the_full_name(extractor: Extractor) -> None:
    needs_model(extractor, "unknown names need the statistical model")
    text = ("The Norwegian Bureau of Data Regulation (NBDR) fined Velmora Technology on "
            "Monday. NBDR said the fine was final.")
    entities = _entities(extractor, text)
    found = _named(entities, "NBDR")
    assert len(found) == 1
    assert found[0]["name"] == "Norwegian Bureau of Data Regulation"


def test_unbracketed_acronym_joins_a_body_named_before(extractor: Extractor) -> None:
    text = ("The Office of Digital Trade Controls listed four firms on Monday. "
            "Later, ODTC added two more.")
    entities = _entities(extractor, text)
    assert not [e for e in entities if e["name"] == "ODTC"]


def test_clipped_name_in_a_headline_joins_the_full_name(extractor: Extractor) -> None:
    needs_model(extractor, "unknown names need the statistical model")
    text = ("Velmora raises $40 million\n"
            "Velmora Robotics, a Lisbon start-up, raised $40 million in a Series B round "
            "led by Harbour Capital.")
    entities = _entities(extractor, text)
    assert [e["name"] for e in entities if "Velmora" in e["name"]] == ["Velmora Robotics"]


@pytest.mark.parametrize("description", [
    "The company", "The Lisbon-based firm", "The start-up", "It",
])
def test_descriptions_refer_but_are_never_aliases(extractor: Extractor,
                                                  description: str) -> None:
    text = (f"Velmora Robotics raised $40 million from Harbour Capital in March. "
            f"{description} also opened an office in Oslo.")
    entities = _entities(extractor, text)
    for entity in entities:
        assert description not in entity["aliases"]
        assert description.lower() not in entity["aliases"]


def test_description_still_resolves_for_the_rules(extractor: Extractor) -> None:
    needs_model(extractor, "unknown names need the statistical model")
    from blocgraph.ingest.mentions import find_mentions
    from blocgraph.ingest.resolver import ArticleResolver

    text = ("Velmora Robotics, a Lisbon start-up, makes warehouse robots. "
            "The company raised $40 million from Harbour Capital.")
    sentences = find_mentions(extractor.nlp(text), extractor.gazetteer, "2025-02-01")
    ArticleResolver(extractor.gazetteer, text).resolve(sentences)
    described = [m for s in sentences for m in s.mentions if m.text == "The company"]
    assert described and described[0].entity_id == "velmora-robotics"


def test_lone_word_person_is_an_organisation(extractor: Extractor) -> None:
    text = ("Regulators blocked the sale of the plant to Quillet. Quillet said it would "
            "appeal the order.")
    entities = _entities(extractor, text)
    assert all(e["type"] != "Person" for e in _named(entities, "Quillet"))


def test_titled_person_loses_the_title(extractor: Extractor) -> None:
    text = "Digital Minister Tove Arnesen said the rules would apply from May."
    names = [e["name"] for e in _entities(extractor, text) if e["type"] == "Person"]
    assert names == ["Tove Arnesen"]


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Brellow trained the Quorin family of large language models. Quorin is free.",
     "Quorin", "AIModel"),
    ("The agency fined the Basque regional government on Monday.",
     "Basque regional government", "Government"),
])
def test_names_found_by_their_wording(
    extractor: Extractor, text: str, name: str, kind: str
) -> None:
    found = _named(_entities(extractor, text), name)
    assert found, f"{name} not found"
    assert {e["type"] for e in found} == {kind}


def test_a_titled_name_is_a_person_however_the_headline_read_it(extractor: Extractor) -> None:
    needs_model(extractor, "unknown names need the statistical model")
    text = ("Velmora's Ilse Marrow on funding and open models\n"
            "We spoke to its chief executive, Ilse Marrow, at the lab in Porto.")
    assert {e["type"] for e in _named(_entities(extractor, text), "Ilse Marrow")} == {"Person"}


def test_a_registered_name_keeps_its_bracketed_place(extractor: Extractor) -> None:
    needs_model(extractor, "unknown names need the statistical model")
    text = "Regulators ordered Velkor (Hong Kong) Rare Metals Trading to sell its stake."
    entities = _entities(extractor, text)
    assert _named(entities, "Velkor (Hong Kong) Rare Metals Trading")
    assert not _named(entities, "Hong Kong")
