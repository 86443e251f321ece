"""The domain model's own rules: every README type is there, keys are deterministic."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocgraph.errors import ModelError
from blocgraph.schema.model import TYPES_DIR, load_model

README_FACTS = {
    "BAN": ["actor", "target", "subject", "date"],
    "FUNDING_ROUND": ["company", "amount", "currency", "date", "valuation", "round",
                      "investors", "lead_investors"],
    "INVESTMENT": ["investor", "company", "amount", "currency", "date"],
    "HEADQUARTERS": ["org", "country"],
    "ROLE": ["person", "org", "role"],
    "DEVELOPS": ["org", "model"],
    "OWNERSHIP": ["owner", "owned"],
    "GOVERNMENT_FUNDING": ["funder", "recipient", "program", "amount", "currency", "date"],
}
ENTITY_TYPES = {"Company", "Investor", "Government", "Person", "AIModel", "Hardware",
                "Regulation", "Organization"}


def test_every_readme_fact_type_with_its_fields_in_order() -> None:
    model = load_model()
    for code, fields in README_FACTS.items():
        assert [f.name for f in model.fact_type(code).fields] == fields


def test_entity_types_and_reference_types() -> None:
    model = load_model()
    assert {t.name for t in model.entity_types} == ENTITY_TYPES
    for name in ("Country", "Bloc", "Article"):
        assert model.get(name).key


def test_labels_inherit_from_entity_and_fact() -> None:
    model = load_model()
    assert model.labels("Investor") == ["Entity", "Investor"]
    assert model.labels("FundingRound") == ["Fact", "FundingRound"]
    assert model.get("Company").property("aliases").list


def test_participant_fields_have_edges() -> None:
    model = load_model()
    for fact in model.fact_types:
        for spec in fact.fields:
            if spec.type == "entity":
                assert spec.edge, (fact.name, spec.name)


def test_fact_key_is_deterministic_and_ignores_non_key_fields() -> None:
    model = load_model()
    one = model.fact_key("BAN", {"actor": "anthropic", "target": "china", "date": "2024-05-14"})
    two = model.fact_key("BAN", {"target": "china", "actor": "anthropic", "date": "2023"})
    other = model.fact_key("BAN", {"actor": "openai", "target": "china"})
    assert one == two != other
    assert one.startswith("ban-")


def test_fact_key_uses_year_of_date_and_normalises_round_names() -> None:
    model = load_model()
    a = model.fact_key("FUNDING_ROUND", {"company": "c", "round": "Series B", "date": "2023-11"})
    b = model.fact_key("FUNDING_ROUND", {"company": "c", "round": "series b", "date": "2023"})
    c = model.fact_key("FUNDING_ROUND", {"company": "c", "round": "Series B", "date": "2024"})
    assert a == b != c


def _copy_types(tmp_path: Path) -> Path:
    target = tmp_path / "types"
    target.mkdir()
    for path in TYPES_DIR.glob("*.yaml"):
        (target / path.name).write_text(path.read_text())
    return target


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("Ban.yaml", "key: [actor, target, subject]", "key: [actor, nowhere]", "not a field"),
        ("Ban.yaml", "type: entity, edge: ACTOR", "type: entity", "needs an edge"),
        ("Company.yaml", "extends: Entity", "extends: Nothing", "unknown type"),
        ("Ban.yaml", "code: BAN", "code: ROLE", "used twice"),
        ("Ban.yaml", "{type: date}", "{type: moment}", "unknown type"),
        ("Role.yaml", "range: [Person]", "range: [Alien]", "unknown"),
    ],
)
def test_invalid_models_are_rejected(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    types = _copy_types(tmp_path)
    path = types / file
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new))
    with pytest.raises(ModelError, match=message):
        load_model.__wrapped__(types)
