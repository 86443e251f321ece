"""Over the whole development corpus: an alias is a name, never a description."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from blocgraph.ingest.pipeline import Extractor
from blocgraph.ingest.sources import Article, article_id

DEV = Path(__file__).resolve().parents[2] / "samples" / "corpus" / "dev"
DESCRIPTOR_NOUNS = (
    "company|start-?up|startup|lab|laboratory|group|firm|chipmaker|developer|maker|fund"
    "|investor|bank|giant|supplier|provider|regulator|authority|agency|ministry|commission"
    "|government|administration|state|country|body|unit|venture|platform|model|chip"
)
DETERMINER_DESCRIPTION = re.compile(
    rf"^(?:(?:the|its|their|a|an)\s+(?:\S+\s+){{0,6}}(?:{DESCRIPTOR_NOUNS})(?:'s|’s)?|it)$",
    re.IGNORECASE,
)


@pytest.mark.parametrize("use_model", [True, False], ids=["model", "no-model"])
def test_no_description_is_exported_as_an_alias(use_model: bool) -> None:
    extractor = Extractor(use_model=use_model)
    articles = []
    for path in sorted(DEV.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        articles.append(Article(id=article_id(None, text), source=str(path), text=text,
                                title=None, url=None, published=None, outlet=None,
                                content_hash=path.name))
    bad = [
        (result.article.source, entity.name, alias)
        for result in extractor.extract_many(articles)
        for entity in result.entities
        for alias in entity.aliases
        if DETERMINER_DESCRIPTION.match(alias.strip())
    ]
    assert len(articles) > 30
    assert bad == []
