"""Shared by the rule-family tests: one extractor with the statistical model, and a
helper turning a sentence of our own into the facts of one type it yields."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from blocgraph.ingest.pipeline import Extractor
from blocgraph.ingest.sources import Article, article_id


def article(text: str, published: str | None = "2024-03-01") -> Article:
    return Article(id=article_id(None, text), source="test", text=text, title=None, url=None,
                   published=published, outlet=None,
                   content_hash=hashlib.sha256(text.encode()).hexdigest())


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(use_model=True)


@pytest.fixture(scope="session")
def fallback_extractor() -> Extractor:
    """Gazetteer and skeleton rules only, as without the spaCy model."""
    return Extractor(use_model=False)


def facts_of(extractor: Extractor, text: str, kind: str,
             published: str | None = "2024-03-01") -> list[dict[str, Any]]:
    """The fact field dicts of type ``kind`` the extractor finds in ``text``."""
    contract = extractor.extract(article(text, published)).to_contract()
    return [f for f in contract["facts"] if f["type"] == kind]


def keys_of(extractor: Extractor, text: str, kind: str, *fields: str,
            published: str | None = "2024-03-01") -> set[tuple[Any, ...]]:
    """The facts of type ``kind`` reduced to the tuple of ``fields`` (e.g. actor, target)."""
    return {tuple(f[name] for name in fields)
            for f in facts_of(extractor, text, kind, published)}
