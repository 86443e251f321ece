"""BAN: sentences of our own, the (actor, target) facts they state and those they do not."""

from __future__ import annotations

import pytest

from blocgraph.ingest.pipeline import Extractor
from tests.ingest.rules.conftest import facts_of, keys_of

ASSERTED = [
    # an export ban on a destination, the product as subject
    ("France banned exports of the Tern X2 accelerator to Russia in May 2024.",
     ("france", "russia")),
    # a company object, barred from doing something
    ("Japan barred Harbour Capital from buying shares in Nordwind Robotics.",
     ("japan", "harbour-capital")),
    # the object is the actor's own staff: the target is the maker of what they may not use
    ("Kestrel Labs barred its employees from using the Corvid chatbot, the assistant made by"
     " Nordwind Robotics, on work laptops.", ("kestrel-labs", "nordwind-robotics")),
    # a company suspending its own tools in a country
    ("Nordwind Robotics decided to suspend its assistant in Germany last week.",
     ("nordwind-robotics", "germany")),
    # a list of companies added to an entity list
    ("In March, France added Harbour Capital and Nordwind Robotics to its entity list.",
     ("france", "nordwind-robotics")),
    # passive with the agent after "by"
    ("Nordwind Robotics was added to the entity list on Tuesday by Japan.",
     ("japan", "nordwind-robotics")),
    # a forced sale is a ban on the buyer
    ("Germany ordered Harbour Capital to sell its stake in Nordwind Robotics.",
     ("germany", "harbour-capital")),
    # halting trade with a company
    ("Kestrel Labs halted shipments to Nordwind Robotics in October.",
     ("kestrel-labs", "nordwind-robotics")),
    # a nominal ban, imposed
    ("Japan imposed sanctions on Nordwind Robotics over its drone sales.",
     ("japan", "nordwind-robotics")),
    # export curbs tightened on a country
    ("Japan tightened its export curbs on chip sales to China in 2023.", ("japan", "china")),
]

NOT_FACTS = [
    # negated, hedged, proposed, a question
    "Japan has not banned exports of chips to China.",
    "Japan could ban exports of chips to China next year.",
    "Lawmakers proposed a bill to ban Nordwind Robotics from government contracts.",
    "Will Japan restrict chip sales to China?",
    # no named target
    "France banned new petrol cars from 2035.",
    # a fine alone is no ban
    "Japan fined Nordwind Robotics 3 million euros.",
]


@pytest.mark.parametrize(("text", "key"), ASSERTED)
def test_ban_is_found(extractor: Extractor, text: str, key: tuple[str, str]) -> None:
    assert key in keys_of(extractor, text, "BAN", "actor", "target")


@pytest.mark.parametrize("text", NOT_FACTS)
def test_no_ban(extractor: Extractor, text: str) -> None:
    assert facts_of(extractor, text, "BAN") == []


def test_list_gives_every_target(extractor: Extractor) -> None:
    text = "In March, France added Harbour Capital and Nordwind Robotics to its entity list."
    assert keys_of(extractor, text, "BAN", "actor", "target") == {
        ("france", "harbour-capital"), ("france", "nordwind-robotics")}


def test_product_is_subject_of_ban_on_its_maker(extractor: Extractor) -> None:
    text = ("Kestrel Labs barred its employees from using the Corvid chatbot, the assistant"
            " made by Nordwind Robotics, on work laptops.")
    facts = facts_of(extractor, text, "BAN")
    assert [(f["target"], f["subject"]) for f in facts] == [("nordwind-robotics", "corvid")]


def test_headline_state_joins_its_agency(extractor: Extractor) -> None:
    """"Japan blocks X" in the headline and "the ministry blocked X" below are one ban,
    by the ministry."""
    text = ("Japan blocks Nordwind Robotics\n\nThe Ministry of Economy, Trade and Industry"
            " (METI) blocked Nordwind Robotics on Monday.")
    actors = {f["actor"] for f in facts_of(extractor, text, "BAN")}
    assert "japan" not in actors and len(actors) == 1


def test_bare_passive_takes_the_last_actor(extractor: Extractor) -> None:
    text = ("Japan added Harbour Capital to its entity list on Monday. Nordwind Robotics was"
            " also blacklisted.")
    assert ("japan", "nordwind-robotics") in keys_of(extractor, text, "BAN", "actor", "target")


def test_fallback_without_model_still_finds_bans(fallback_extractor: Extractor) -> None:
    text = "France banned exports of chips to Russia in May 2024."
    assert ("france", "russia") in keys_of(fallback_extractor, text, "BAN", "actor", "target")
