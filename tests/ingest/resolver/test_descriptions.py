"""What descriptions refer to, on invented texts: bodies named by their modifiers, states
from the item they sit in, list items as walls, plural subjects, trades that disagree.
The pure helpers run everywhere; resolution runs on both pipelines where it can."""

from __future__ import annotations

import pytest

from blocgraph.ingest.descriptors import description_traits, traits_fit
from blocgraph.ingest.discourse import block_start, heading_name
from blocgraph.ingest.mentions import DESCRIPTOR
from blocgraph.ingest.pipeline import Extractor
from tests.ingest.resolver.conftest import needs_model, references

LIST = ("Weekly deals\n\n"
        "1. NORWAY - 200 million kroner - harbour support\n"
        "Officials said the state will spend the money on ten harbours.\n\n"
        "2. SWEDEN - 90 million kronor - rail grants\n"
        "The government said the grants open in May.\n")


@pytest.mark.parametrize(("pos", "start", "heading"), [
    (LIST.index("the state"), LIST.index("1. NORWAY"), "Norway"),
    (LIST.index("The government"), LIST.index("2. SWEDEN"), "Sweden"),
    (LIST.index("Weekly"), 0, None),
])
def test_list_items_and_their_headings(pos: int, start: int, heading: str | None) -> None:
    assert block_start(LIST, pos) == start
    assert heading_name(LIST, start) == heading


@pytest.mark.parametrize(("mods", "traits"), [
    ("Leeds electricity", {"Leeds", "electricity"}),
    ("Bristol-based chip", {"Bristol", "chip"}),
    ("AI", set()),                     # letters, no place
    ("largest new", set()),            # neither trade nor place
])
def test_description_traits(mods: str, traits: set[str]) -> None:
    assert description_traits(mods) == traits


@pytest.mark.parametrize(("wanted", "known", "fits"), [
    ({"electricity"}, {"chip"}, False),
    ({"Leeds"}, {"Bristol"}, False),
    ({"Leeds", "electricity"}, {"Leeds"}, True),
    ({"chip"}, set(), True),            # nothing known: anything fits
])
def test_traits_fit(wanted: set[str], known: set[str], fits: bool) -> None:
    assert traits_fit(wanted, known) is fits


@pytest.mark.parametrize(("text", "description"), [
    ("He said the money would fund new harbours.", None),
    ("The state-owned port operator said so.", None),
    ("It was the first time the regulator acted.", "the regulator"),
    ("Rates were set by the cabinet on Monday.", "the cabinet"),
])
def test_what_reads_as_a_description(text: str, description: str | None) -> None:
    found = [m.group() for m in DESCRIPTOR.finditer(text)]
    assert found == ([description] if description else [])


def test_state_description_takes_its_items_country(extractor: Extractor) -> None:
    refs = references(extractor, LIST)
    assert refs["the state"] == "Norway"
    assert refs["The government"] == "Sweden"


@pytest.mark.parametrize(("text", "description", "expected"), [
    # The body the modifier names, not the country that acts in between.
    ("Norway's Ministry of Fisheries and Coastal Affairs met on Monday. A day after Sweden "
     "tightened its rules, the fisheries ministry banned exports of feed to Sweden.",
     "the fisheries ministry", "Ministry of Fisheries"),
    # Several subjects: a sentence-opening "Its" goes back to the one actor.
    ("Halvard Systems raised $40 million in March. Corvid Labs, Teslin Analytics and "
     "Marrow Capital joined the round, which valued Halvard Systems at $300 million. "
     "Its earlier backers include Pennock Ventures.", "Its", "Halvard Systems"),
    # The trade decides between two companies of one sentence.
    ("Pellucid Silicon, a Bristol chip designer, will buy power from Tarnwell Power, the "
     "Leeds electricity group. The electricity group said the contract runs ten years.",
     "The electricity group", "Tarnwell Power"),
])
def test_description_resolves_to(extractor: Extractor, text: str, description: str,
                                 expected: str) -> None:
    needs_model(extractor, "invented names and the parse need the statistical model")
    refs = references(extractor, text)
    assert (refs[description] or "").startswith(expected), refs


def test_list_item_is_a_wall(extractor: Extractor) -> None:
    """Item 2 names no company the extractor finds; its "start-up" is not item 1's."""
    text = ("1. Brimvale Robotics (Norway, robot arms) - $8 million - seed.\n"
            "Brimvale Robotics builds arms for fish farms.\n\n"
            "2. (name withheld; Sweden, legal software) - $5 million - seed.\n"
            "The start-up automates contracts for small banks.\n")
    refs = references(extractor, text)
    assert refs.get("The start-up") is None
