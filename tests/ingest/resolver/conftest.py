"""What the resolver tests share: an extractor with and without the statistical model,
and a view of what each cue mention resolved to."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from blocgraph.ingest.pipeline import Extractor


@pytest.fixture(scope="package", params=[True, False], ids=["model", "no-model"])
def extractor(request: pytest.FixtureRequest) -> Iterator[Extractor]:
    yield Extractor(use_model=request.param)


def references(extractor: Extractor, text: str) -> dict[str, str | None]:
    """Each description's text (first occurrence) and the name it resolved to."""
    sentences, context = extractor.analyse(extractor.nlp(text), text, "2025-02-01")
    found: dict[str, str | None] = {}
    for sentence in sentences:
        for mention in sentence.mentions:
            if mention.cue is not None:
                found.setdefault(mention.text, mention.entity_id)
    names = {r.id: r.name for r in context.resolver.records.values()}
    return {k: names.get(v, v) if v else None for k, v in found.items()}


def needs_model(extractor: Extractor, why: str) -> None:
    if not extractor.has_model:
        pytest.skip(why)
