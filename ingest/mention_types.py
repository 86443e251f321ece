"""The records every extraction stage passes along: mentions and their sentences.

They live apart from the code that finds mentions so that the cue detectors,
the resolver and the rules can share them without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Span

ENTITY_TYPES = frozenset(
    {"Company", "Investor", "Government", "Person", "AIModel", "Hardware", "Regulation",
     "Organization"}
)


@dataclass
class Mention:
    """A span of the article text with its type and, once resolved, its entity id."""

    start: int
    end: int
    text: str
    type: str
    sent: int
    entity_id: str | None = None
    source: str = "ner"
    value: Any = None
    cue: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def is_entity(self) -> bool:
        return self.type in ENTITY_TYPES


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    mentions: list[Mention] = field(default_factory=list)
    # The sentence's tokens (with their dependency parse when the model has a parser);
    # None where the text could not be aligned to tokens.
    span: Span | None = field(default=None, repr=False, compare=False)


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the span shares a character with any of ``spans`` (all half-open)."""
    return any(start < e and s < end for s, e in spans)
