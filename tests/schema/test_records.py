"""Typed extraction records: one frozen class per fact type, made from the YAML model;
building one refuses unknown and missing fields by name and cleans every value."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from blocgraph.errors import InputError
from blocgraph.ingest.facts import Evidence, ExtractedFact
from blocgraph.schema.model import load_model
from blocgraph.schema.records import FactRecord, make_record, record_types
from tests.scoring.partnership import CODE, extended_model


def test_every_fact_type_has_a_record_class_with_its_yaml_fields() -> None:
    model = load_model()
    types = record_types(model)
    assert set(types.by_code) == {str(f.code) for f in model.fact_types}
    for fact in model.fact_types:
        record_class = types.get(str(fact.code))
        assert issubclass(record_class, FactRecord)
        assert record_class.code == fact.code
        assert [f.name for f in dataclasses.fields(record_class)] == [f.name for f in fact.fields]
    assert record_types(model) is types  # made once per model


def test_a_record_is_frozen_with_lists_as_tuples() -> None:
    record = make_record("FUNDING_ROUND", {"company": "mistral-ai", "investors": ["a16z"]})
    assert record.investors == ("a16z",)  # type: ignore[attr-defined]
    assert record.lead_investors == ()  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.company = "other"  # type: ignore[misc]
    assert record.values()["investors"] == ["a16z"]


def test_values_are_cleaned_by_their_field_type() -> None:
    record = make_record("FUNDING_ROUND", {
        "company": " mistral-ai ", "amount": 385_000_000, "currency": "eur",
        "date": "2023-12", "round": " Series A ",
    })
    assert record.values() == {
        "company": "mistral-ai", "amount": 385e6, "currency": "EUR", "date": "2023-12",
        "valuation": None, "round": "Series A", "investors": [], "lead_investors": [],
    }
    assert isinstance(record.values()["amount"], float)
    assert make_record("HEADQUARTERS", {"org": "x", "country": "fr"}).values()["country"] == "FR"


@pytest.mark.parametrize(
    ("code", "values", "message"),
    [
        ("BAN", {"actor": "us", "weapon": "tariffs"}, "BAN: unknown field 'weapon'"),
        ("BAN", {"target": "huawei"}, "BAN: required field 'actor' is missing"),
        ("BAN", {"actor": ""}, "BAN: field 'actor': an empty id"),
        ("HEADQUARTERS", {"org": "x", "country": None}, "required field 'country' is missing"),
        ("HEADQUARTERS", {"org": "x", "country": "France"}, "HEADQUARTERS: field 'country'"),
        ("FUNDING_ROUND", {"company": "x", "amount": "lots"}, "field 'amount': not a number"),
        ("FUNDING_ROUND", {"company": "x", "investors": "a16z"}, "'investors' must be a list"),
        ("BAN", {"actor": "us", "date": "last spring"}, "BAN: field 'date': not a date"),
        ("NO_SUCH_TYPE", {}, "unknown fact type 'NO_SUCH_TYPE'"),
    ],
)
def test_records_refuse_what_the_model_does_not_declare(
    code: str, values: dict[str, Any], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        make_record(code, values)


def test_an_extracted_fact_leaves_the_extractor_through_its_record() -> None:
    model = load_model()
    fact = ExtractedFact("BAN", {"actor": "us", "target": "huawei"}, [Evidence(0, 2, "US")], 0.8)
    assert fact.to_json(model) == {
        "type": "BAN", "actor": "us", "target": "huawei", "subject": None, "date": None,
        "evidence": [{"start": 0, "end": 2, "text": "US"}], "confidence": 0.8,
    }
    stray = ExtractedFact("BAN", {"actor": "us", "hint": "sanction"})
    with pytest.raises(InputError, match="BAN: unknown field 'hint'"):
        stray.to_json(model)


def test_a_yaml_only_fact_type_gets_a_record_with_no_code_change(tmp_path: Path) -> None:
    model = extended_model(tmp_path)
    record_class = record_types(model).get(CODE)
    assert record_class.__name__ == "PartnershipRecord"
    record = make_record(CODE, {"org": "orbital", "partners": ["nimbus"], "amount": 1}, model)
    assert record.values() == {"org": "orbital", "partners": ["nimbus"], "amount": 1.0,
                               "currency": None, "date": None}
    with pytest.raises(InputError, match=f"{CODE}: required field 'org' is missing"):
        make_record(CODE, {"partners": ["nimbus"]}, model)
    fact = ExtractedFact(CODE, {"org": "orbital"}, [Evidence(0, 7, "Orbital")], 0.7)
    assert fact.to_json(model)["partners"] == []
    with pytest.raises(InputError, match=f"unknown fact type '{CODE}'"):
        make_record(CODE, {"org": "orbital"})  # the bundled model does not know it
