"""The corpus conventions that relate whole facts of an article, after they are merged.

Rules find facts one sentence at a time; a few annotation conventions of
``samples/corpus/README.md`` look at an article's facts together, across fact
types. They live here, with the rules, because they name the fact types they
relate; the pipeline only calls :func:`apply_conventions` and
:func:`entity_countries` and so stays free of fact-type names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from blocgraph.ingest.facts import ExtractedFact

Convention = Callable[[list["ExtractedFact"]], list["ExtractedFact"]]


def drop_investments_inside_rounds(facts: list[ExtractedFact]) -> list[ExtractedFact]:
    """A round's participants are not separate investments unless the text gives that
    investor's own amount."""
    in_rounds = {
        (investor, fact.fields["company"])
        for fact in facts if fact.type == "FUNDING_ROUND"
        for investor in fact.fields.get("investors") or []
    }
    return [
        fact for fact in facts
        if not (fact.type == "INVESTMENT" and fact.fields.get("amount") is None
                and (fact.fields["investor"], fact.fields["company"]) in in_rounds)
    ]


# Applied in order to every article's merged facts.
CONVENTIONS: tuple[Convention, ...] = (drop_investments_inside_rounds,)


def apply_conventions(
    facts: list[ExtractedFact], conventions: Sequence[Convention] = CONVENTIONS
) -> list[ExtractedFact]:
    """The article's facts after every cross-fact convention."""
    for convention in conventions:
        facts = convention(facts)
    return facts


def entity_countries(facts: Sequence[ExtractedFact]) -> dict[str, str]:
    """Entity id -> the country the article says it is based in (its HEADQUARTERS facts;
    the last one stated wins), so an entity the gazetteer does not place gets one."""
    return {f.fields["org"]: f.fields["country"] for f in facts if f.type == "HEADQUARTERS"}
