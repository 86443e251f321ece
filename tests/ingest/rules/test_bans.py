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

# Actor or target one step away from the trigger, or in another sentence.
IN_CONTEXT = [
    # a measure as subject stands for whoever unveiled the package
    ("Japan unveiled its second package of export controls on Monday. The rules restrict"
     " sales of drone engines to Russia.", ("japan", "russia")),
    # "by" attached to the last noun of the "on" phrase
    ("The first blow was the 2023 ban on Nordwind Robotics's sensors by France, which cited"
     " security risks.", ("france", "nordwind-robotics")),
    # the nominal trigger parsed apart from the verb that took it
    ("The plan arrives a month after France determined, on 3 May, the temporary suspension"
     " of the data policy of Nordwind Robotics, which let the company train its models on"
     " user posts.", ("france", "nordwind-robotics")),
    # the measure's owner; the country of the firms investors are barred from funding
    ("Kestrel Labs is based in China. Critics said the deal broke France's investment rules,"
     " which since March have barred French funds from backing robotics developers in China.",
     ("france", "china")),
    # barred "under" a programme its enactor put into force; nationality of the barred use
    ("Kestrel Labs is based in China. No French money: investors were barred from backing"
     " Chinese robotics startups under the screening programme, which France put into force"
     " in May.", ("france", "china")),
    # elliptic repetitions of the last ban
    ("Japan added Nordwind Robotics to its entity list on Monday. So was Harbour Capital.",
     ("japan", "harbour-capital")),
    ("Japan added Tern Systems to its entity list on Monday. The names: Nordwind Robotics,"
     " the biggest maker, was added, as were Kestrel Labs and Harbour Capital.",
     ("japan", "kestrel-labs")),
    ("France barred Nordwind Robotics from issuing new cards in May. Kestrel Labs had been"
     " hit with a similar order two months earlier.", ("france", "kestrel-labs")),
    ("In May France barred its staff from using the Corvid app, the assistant made by"
     " Nordwind Robotics, on work phones; Germany did the same days later.",
     ("germany", "nordwind-robotics")),
    # a plural description for the companies a table line listed
    ("Investors told to leave: Harbour Capital; Kestrel Labs; Tern Systems\n\nJapan ordered"
     " the three foreign companies to sell their stakes in Nordwind Robotics.",
     ("japan", "tern-systems")),
    # a supplier halting deliveries to its owner-named customer
    ("Nordwind Robotics's only sensor supplier, Kestrel Labs, stopped deliveries within weeks.",
     ("kestrel-labs", "nordwind-robotics")),
    # a ruling stated as an adjective of the product, by whoever told staff
    ("Last month Japan told staff that Nordwind Robotics's Corvid chatbot was unauthorized"
     " for official use.", ("japan", "nordwind-robotics")),
    # a licence duty on exports to a destination
    ("Japan will require licences for exports of drone parts to Russia from July, the"
     " ministry said on Tuesday.", ("japan", "russia")),
    # products on a blocked list stand for their makers
    ("In October France added Nordwind Robotics's Corvid app and Kestrel Labs's antivirus"
     " software to its blocked list.", ("france", "kestrel-labs")),
    # a list revision with the additions "among them"
    ("Japan announced a revision of its entity list, adding 40 entities, among them Nordwind"
     " Robotics and Kestrel Labs.", ("japan", "kestrel-labs")),
    # a description after a comma, parsed as a sibling of the name it describes
    ("The big ones are Nordwind Robotics, the Osaka-based maker that Japan put on the Entity"
     " List in 2021, and Kestrel Labs.", ("japan", "nordwind-robotics")),
]

NOT_IN_CONTEXT = [
    ("France barred Nordwind Robotics from issuing new cards in May. Kestrel Labs has not"
     " been hit with a similar order.", "kestrel-labs"),
    ("In May France barred its staff from using the Corvid app, the assistant made by"
     " Nordwind Robotics, on work phones; Germany did not do the same.", "germany"),
    ("The big ones are Nordwind Robotics, the Osaka-based maker that Japan put on the Entity"
     " List in 2021, and Kestrel Labs.", "kestrel-labs"),
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
    # a product declared safe, not unauthorized
    "Japan said the Corvid chatbot of Nordwind Robotics was safe for official use.",
    # a blocked purchase bans the (unnamed) buyer, not the company it wanted
    "On Monday Japan blocked an unnamed foreign buyer from acquiring Nordwind Robotics,"
    " a maker of sensors.",
    # a deal-table field: the participle modifies no noun of its own cell
    "Buyer: Harbour Capital (France), a unit of Kestrel Labs (Japan) | Price: 80m |"
    " Decision: blocked by Japan,",
]


@pytest.mark.parametrize(("text", "key"), ASSERTED)
def test_ban_is_found(extractor: Extractor, text: str, key: tuple[str, str]) -> None:
    assert key in keys_of(extractor, text, "BAN", "actor", "target")


@pytest.mark.parametrize(("text", "key"), IN_CONTEXT)
def test_ban_from_context(extractor: Extractor, text: str, key: tuple[str, str]) -> None:
    assert key in keys_of(extractor, text, "BAN", "actor", "target")


@pytest.mark.parametrize(("text", "absent"), NOT_IN_CONTEXT)
def test_no_ban_from_context(extractor: Extractor, text: str, absent: str) -> None:
    pairs = keys_of(extractor, text, "BAN", "actor", "target")
    assert pairs and all(absent not in pair for pair in pairs)


def test_described_group_takes_every_listed_company(extractor: Extractor) -> None:
    text = ("Investors told to leave: Harbour Capital; Kestrel Labs; Tern Systems\n\nJapan"
            " ordered the three foreign companies to sell their stakes in Nordwind Robotics.")
    assert keys_of(extractor, text, "BAN", "actor", "target") == {
        ("japan", "harbour-capital"), ("japan", "kestrel-labs"), ("japan", "tern-systems")}


def test_guessed_headline_actor_yields_to_named_one(extractor: Extractor) -> None:
    """A headline passive names no actor; the body's named one replaces the guess."""
    text = ("Nordwind Robotics listed on entity list\n\nKestrel Labs is a drone maker based"
            " in Osaka, Japan. The Ministry of Economy, Trade and Industry added Nordwind"
            " Robotics to its entity list on Monday.")
    actors = {f["actor"] for f in facts_of(extractor, text, "BAN")}
    assert len(actors) == 1 and "japan" not in actors


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
