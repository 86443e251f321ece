"""From rule candidates to an article's facts: merge duplicates, attach evidence.

The same fact is often stated twice in one article (headline and body); it is
one fact with the evidence of both sentences, its attributes filled from the
first sentence that gives them. What makes two candidates the same fact is the
fact type's ``identity`` in the model; what a fact may hold is its typed record
(:mod:`blocgraph.schema.records`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from blocgraph.ingest.rules import Candidate
from blocgraph.schema.model import Model, identity_key
from blocgraph.schema.records import FactRecord, make_record


@dataclass
class Evidence:
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class ExtractedFact:
    type: str
    fields: dict[str, Any]
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.0
    rules: list[str] = field(default_factory=list)

    def record(self, model: Model) -> FactRecord:
        """The fact as its type's typed record; raises InputError if it does not fit."""
        return make_record(self.type, self.fields, model)

    def to_json(self, model: Model) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.type, **self.record(model).values()}
        data["evidence"] = [e.to_json() for e in self.evidence]
        data["confidence"] = round(self.confidence, 3)
        return data


def _identity(model: Model, candidate: Candidate) -> tuple[Any, ...]:
    """Within one article, candidates with the same identity (the model's) are one fact."""
    return identity_key(model.fact_type(candidate.type), candidate.fields)


def merge_candidates(model: Model, text: str, candidates: list[Candidate]) -> list[ExtractedFact]:
    merged: dict[tuple[Any, ...], ExtractedFact] = {}
    for candidate in candidates:
        key = _identity(model, candidate)
        fact = merged.get(key)
        if fact is None:
            fact = merged[key] = ExtractedFact(candidate.type, dict(candidate.fields))
        else:
            _fill(fact.fields, candidate.fields)
        sentence = candidate.sentence
        evidence = Evidence(sentence.start, sentence.end, text[sentence.start : sentence.end])
        if all(e.start != evidence.start for e in fact.evidence):
            fact.evidence.append(evidence)
        fact.confidence = max(fact.confidence, candidate.confidence)
        fact.rules.append(candidate.rule)
    return list(merged.values())


def _fill(current: dict[str, Any], extra: dict[str, Any]) -> None:
    for name, value in extra.items():
        if isinstance(value, list):
            current[name] = list(dict.fromkeys([*(current.get(name) or []), *value]))
        elif current.get(name) is None and value is not None:
            current[name] = value
