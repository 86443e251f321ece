"""From rule candidates to an article's facts: merge duplicates, attach evidence.

The same fact is often stated twice in one article (headline and body); it is
one fact with the evidence of both sentences, its attributes filled from the
first sentence that gives them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from blocgraph.ingest.rules import Candidate
from blocgraph.schema.model import Model


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

    def to_json(self, model: Model) -> dict[str, Any]:
        fact_type = model.fact_type(self.type)
        data: dict[str, Any] = {"type": self.type}
        for spec in fact_type.fields:
            default: Any = [] if spec.list else None
            data[spec.name] = self.fields.get(spec.name, default)
        data["evidence"] = [e.to_json() for e in self.evidence]
        data["confidence"] = round(self.confidence, 3)
        return data


def _identity(model: Model, candidate: Candidate) -> tuple[Any, ...]:
    """Within one article, facts with the same scoring key are one fact."""
    fields = candidate.fields
    if candidate.type == "FUNDING_ROUND":
        return (candidate.type, fields.get("company"), fields.get("currency"),
                round(float(fields.get("amount") or 0), -5))
    if candidate.type == "GOVERNMENT_FUNDING":
        return (candidate.type, fields.get("funder"), round(float(fields.get("amount") or 0), -5))
    if candidate.type == "INVESTMENT":
        return (candidate.type, fields.get("investor"), fields.get("company"),
                fields.get("amount"))
    key = model.fact_type(candidate.type).key_parts
    return (candidate.type, *(str(fields.get(p.field)) for p in key if p.transform is None))


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
    return _drop_investments_inside_rounds(list(merged.values()))


def _fill(current: dict[str, Any], extra: dict[str, Any]) -> None:
    for name, value in extra.items():
        if isinstance(value, list):
            current[name] = list(dict.fromkeys([*(current.get(name) or []), *value]))
        elif current.get(name) is None and value is not None:
            current[name] = value


def _drop_investments_inside_rounds(facts: list[ExtractedFact]) -> list[ExtractedFact]:
    """The README's convention: a round's participants are not separate investments
    unless the text gives that investor's own amount."""
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
