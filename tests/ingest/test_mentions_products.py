"""Products, bracketed registered names, places and state bodies, on invented names."""

from __future__ import annotations

import pytest

from blocgraph.ingest.entity_record import EntityRecord, retype_by_wording
from blocgraph.ingest.gazetteer import default_gazetteer
from blocgraph.ingest.kind_cues import kind_from_context
from blocgraph.ingest.mention_cues import state_body
from blocgraph.ingest.mention_types import Mention, Sentence
from blocgraph.ingest.name_shapes import bracketed_place_end
from blocgraph.ingest.place_use import place_like, used_as_place
from blocgraph.ingest.product_cues import product_kind, versioned_product


def _span(text: str, name: str) -> tuple[int, int]:
    start = text.index(name)
    return start, start + len(name)


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Brellow trained the Quorin family of large language models.", "Quorin", "AIModel"),
    ("It sells the Tavik series of AI chips abroad.", "Tavik", "Hardware"),
    ("Its Tavik processor powers two clusters.", "Tavik", "Hardware"),
    ("the start-up behind the general-purpose AI agent Quorin, which", "Quorin", "AIModel"),
    ("Norland's AI supercomputer Halvar goes live", "Halvar", "Hardware"),
    ("money for a larger version of Quorin.", "Quorin", "AIModel"),
    ("the lab that trained the Quorin and Selka open language models", "Selka", "AIModel"),
    ("Brellow released Quorin last month.", "Quorin", "AIModel"),
    ("Quorin's maker moved to Lisbon.", "Quorin", "AIModel"),
    # a maker before a plural head, a verb after the head, a possessive after a launch
    ("Brellow chips are in short supply.", "Brellow", None),
    ("the model Brellow released was withdrawn", "Brellow", None),
    ("Orvane launched Brellow's first fund.", "Brellow", None),
])
def test_phrasing_makes_a_product(text: str, name: str, kind: str | None) -> None:
    assert product_kind(text, *_span(text, name)) == kind


@pytest.mark.parametrize(("text", "name", "kind", "versioned"), [
    ("Quorin 3, which we released, runs on a laptop.", "Quorin", "AIModel", "Quorin 3"),
    ("Quorin-H2 has more parameters.", "Quorin", "AIModel", "Quorin-H2"),
    ("its newest base model Brellow 4, and", "Brellow", "Company", "Brellow 4"),
    ("Brellow 2024 results were weak.", "Brellow", "Company", None),
    ("Quorin 40% of users", "Quorin", "AIModel", None),
    ("Brellow 3 times over", "Brellow", "Company", None),
])
def test_a_version_number_makes_another_model(
    text: str, name: str, kind: str, versioned: str | None
) -> None:
    start, end = _span(text, name)
    found = versioned_product(text, start, end, kind)
    assert (text[start : found[0]] if found else None) == versioned
    if found:
        assert found[1] == "AIModel"


@pytest.mark.parametrize(("text", "name", "full"), [
    ("Orders hit Velkor (Hong Kong) Rare Metals Trading; others", "Velkor",
     "Velkor (Hong Kong) Rare Metals Trading"),
    ("Orders hit Tarnby Mining (Chengdu) and others", "Tarnby Mining",
     "Tarnby Mining (Chengdu)"),
    ("Buyer: Tarnby (Netherlands), owned by Velkor", "Tarnby", "Tarnby"),
])
def test_a_bracketed_place_belongs_to_the_name(text: str, name: str, full: str) -> None:
    start, end = _span(text, name)
    assert text[start : bracketed_place_end(text, end)] == full


@pytest.mark.parametrize(("text", "name", "place"), [
    ("The start-up moved to California last year.", "California", True),
    ("Hong Kong, Tuesday 3 June | live coverage", "Hong Kong", True),
    ("Times are Hong Kong time.", "Hong Kong", True),
    ("California passed its own rules.", "California", False),
])
def test_a_region_named_as_a_place(text: str, name: str, place: bool) -> None:
    gazetteer = default_gazetteer()
    known = gazetteer.lookup(name, "Government")
    assert known is not None and place_like(gazetteer, known.id, name)
    assert used_as_place(text, *_span(text, name)) is place


def test_a_country_is_never_only_a_place() -> None:
    gazetteer = default_gazetteer()
    known = gazetteer.lookup("France", "Government")
    assert known is not None and not place_like(gazetteer, known.id, "France")


@pytest.mark.parametrize(("text", "body"), [
    ("the US Treasury put the rule into force", "US Treasury"),
    ("the US Space Force banned the tool", "US Space Force"),
    ("the US said on Monday", None),
])
def test_a_state_name_running_into_its_body(text: str, body: str | None) -> None:
    gazetteer = default_gazetteer()
    known = gazetteer.lookup("US", "Government")
    assert known is not None
    start, end = _span(text, "US")
    mention = Mention(start, end, "US", "Government", 0, entity_id=known.id,
                      source="gazetteer")
    grown = state_body(mention, text, gazetteer)
    assert (grown.text if grown else None) == body
    if grown:
        assert grown.type == "Government" and grown.entity_id is None


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Halvar, Norland's first national AI supercomputer, opened.", "Halvar", "Hardware"),
    ("Pelle Norrby, Brellow Labs' chief executive, said so.", "Pelle Norrby", "Person"),
    ("the director-president of the Data Board, Anselmo Ferraz Tavio, said", "Anselmo Ferraz Tavio",
     "Person"),
    ("Brellow, Orvane Labs signed a deal.", "Brellow", None),
])
def test_appositive_and_post_cues(text: str, name: str, kind: str | None) -> None:
    assert kind_from_context(text, *_span(text, name)) == kind


def test_wording_retypes_a_record_read_the_wrong_way() -> None:
    text = "Quorin lands on phones. Brellow trained its Quorin model on local data."
    first, second = _span(text, "Quorin"), text.rindex("Quorin")
    record = EntityRecord("quorin", "Quorin", "Company", None, known=False)
    mentions = [Mention(*first, "Quorin", "Company", 0, entity_id="quorin"),
                Mention(second, second + 6, "Quorin", "Company", 1, entity_id="quorin")]
    sentences = [Sentence(0, 0, len(text), text, mentions)]
    retype_by_wording({"quorin": record}, sentences, text)
    assert record.type == "AIModel"
    assert [m.type for m in mentions] == ["AIModel", "AIModel"]
