"""OWNERSHIP: who controls an organisation, in sentences of our own.

Parent companies, completed acquisitions and states' funds are ownership; a
minority stake, a proposed, rejected or blocked takeover and a bare possessive
("Japan's X") are not. The names are invented so the rules are tested on phrasing.
"""

from __future__ import annotations

import pytest

from blocgraph.ingest.pipeline import Extractor
from tests.ingest.rules.conftest import keys_of

CASES: list[tuple[str, set[tuple[str, str]], set[tuple[str, str]]]] = [
    # A unit "of" a named parent, the parent after a possessive country.
    ("Kestrel Data, a subsidiary of Japan's Hoshino Electric, cut prices.",
     {("hoshino-electric", "kestrel-data")}, {("japan", "kestrel-data")}),
    # The venture arm of a group.
    ("The round was co-led by Bramble Ventures, the venture arm of Ostara Motors.",
     {("ostara-motors", "bramble-ventures")}, set()),
    # A possessive parent before its unit.
    ("Regulators fined Ostara Motors and its battery subsidiary Voltrix Cells.",
     {("ostara-motors", "voltrix-cells")}, set()),
    # An owner apposition.
    ("Harbour Group, the Dutch owner of the chipmaker Tessaly Labs, was also named.",
     {("harbour-group", "tessaly-labs")}, set()),
    # "wholly owned by" with "the" before the owner.
    ("Juniper Growth, the fund launched and wholly owned by the Pinecrest Corporation, "
     "invested.", {("pinecrest", "juniper-growth")}, set()),
    # A majority percentage is control; a minority one is not.
    ("Corvane Systems is owned 70% by Harbour Group and 30% by Bramble Holdings.",
     {("harbour-group", "corvane-systems")}, {("bramble-holdings", "corvane-systems")}),
    # A completed acquisition.
    ("Nordwind Robotics acquired Lumora Systems in 2021 for $300 million.",
     {("nordwind-robotics", "lumora-systems")}, set()),
    # A nominal acquisition completed with a light verb.
    ("Last month Harbour Group completed its purchase of Tarvik Tools.",
     {("harbour-group", "tarvik-tools")}, set()),
    # A relative clause: the owned one is what the clause modifies.
    ("Regulators ordered Harbour Group to sell Tarvik Tools, which the group bought in 2020.",
     {("harbour-group", "tarvik-tools")}, set()),
    # A hyphenated owner before the name.
    ("Analysts praised Ostara-controlled Voltrix Cells for its margins.",
     set(), {("voltrix-cells", "ostara")}),
    # A state's sovereign wealth fund: ownership and HEADQUARTERS.
    ("Denmark's sovereign wealth fund, Skovhavn Capital, bought shares.",
     {("denmark", "skovhavn-capital")}, set()),
    # "the <country> state investor" apposition.
    ("Pavona Capital, the Singapore state investor, joined the round.",
     {("singapore", "pavona-capital")}, set()),
    # A public fund's name after the state's possessive.
    ("Brazil's National Innovation Fund backed the start-up.",
     {("brazil", "national-innovation-fund")}, set()),
    # A state setting up a fund owns it.
    ("In March France established the Digital Sovereignty Investment Fund with capital of "
     "EUR 2 billion.", {("france", "digital-sovereignty-investment-fund")}, set()),
    # A relative clause with no object of its own owns the noun it modifies.
    ("Harbour Group said it would spend €2 billion on data centres, among them a site to be "
     "run by Tarvik Data, the data-centre operator it owns.",
     {("harbour-group", "tarvik-data")}, set()),
    # "which owns it": the pronoun is the main clause's subject.
    ("Spun out in February from game publisher Kestrel Holdings, which still wholly owns it, "
     "Nordwind AI is run by chief executive Ana Ruiz.",
     {("kestrel-holdings", "nordwind-ai")}, set()),
    # Percentages held: control above half only.
    ("Regulators approved aid for Ostara Chips (OC), the Lyon-based joint venture in which "
     "Japan's Hoshino Electric holds 70%.", {("hoshino-electric", "ostara-chips")}, set()),
    ("Harbour Group holds a 51% stake in Kestrel Semiconductor.",
     {("harbour-group", "kestrel-semiconductor")}, set()),
    ("Harbour Group holds a 21% stake in Kestrel Semiconductor.", set(),
     {("harbour-group", "kestrel-semiconductor")}),
    # A state registering a phase of a fund owns the fund.
    ("Japan on Friday registered the third phase of the National Chip Investment Fund with "
     "capital of 3 trillion yen.", {("japan", "national-chip-investment-fund")}, set()),
    # "has belonged to".
    ("Pavona Labs has belonged to Kestrel Holdings since 2014.",
     {("kestrel-holdings", "pavona-labs")}, set()),
    # "its acquisition" after a regulator and a company: the company acquired.
    ("France's competition authority opened an investigation into Kestrel Holdings over its "
     "2020 acquisition of Pavona Networks.", {("kestrel-holdings", "pavona-networks")},
     {("france", "pavona-networks")}),
    # A unit of "the kingdom's state oil company, X": X owns it, the state owns X.
    ("Saudi Arabia hosted the fair. Pavona Digital, a subsidiary of the kingdom's state oil "
     "company, Harbour Petroleum, runs the data centre.",
     {("harbour-petroleum", "pavona-digital"), ("saudi-arabia", "harbour-petroleum")},
     {("saudi-arabia", "pavona-digital")}),
    # A possessive state and "the state investment bank" after the name.
    ("France's Lumen Invest, the state investment bank, has backed Nordwind Robotics.",
     {("france", "lumen-invest")}, set()),
    # "the kingdom's sovereign wealth fund".
    ("Saudi Arabia hosted the fair. Nordwind AI may take money from the Harbour Investment "
     "Fund (HIF), the kingdom's sovereign wealth fund.",
     {("saudi-arabia", "harbour-investment-fund")}, set()),
    # A bare possessive is HEADQUARTERS only.
    ("Japan's Hoshino Electric reported higher profit.", set(), {("japan", "hoshino-electric")}),
    # A rejected offer and a proposed takeover are no ownership.
    ("Nordwind Robotics rejected an offer from Harbour Group to buy it.", set(),
     {("harbour-group", "nordwind-robotics")}),
    ("Harbour Group has agreed to acquire Tarvik Tools, pending approval.", set(),
     {("harbour-group", "tarvik-tools")}),
    ("The government blocked the proposed acquisition of Tarvik Tools by Harbour Group.",
     set(), {("harbour-group", "tarvik-tools")}),
    # A minority stake is an investment, not control.
    ("Harbour Group owns a 20% stake in Tarvik Tools.", set(),
     {("harbour-group", "tarvik-tools")}),
    ("Tarvik Tools is jointly owned by Harbour Group and Bramble Holdings.", set(),
     {("harbour-group", "tarvik-tools"), ("bramble-holdings", "tarvik-tools")}),
]


@pytest.mark.parametrize(("text", "expected", "forbidden"), CASES)
def test_ownership(extractor: Extractor, text: str, expected: set[tuple[str, str]],
                   forbidden: set[tuple[str, str]]) -> None:
    found = keys_of(extractor, text, "OWNERSHIP", "owner", "owned")
    assert expected <= found, found
    assert not found & forbidden, found


def test_state_fund_is_based_in_the_state(extractor: Extractor) -> None:
    found = keys_of(extractor, "Denmark's sovereign wealth fund, Skovhavn Capital, bought shares.",
                    "HEADQUARTERS", "org", "country")
    assert ("skovhavn-capital", "DK") in found


def test_wholly_owned_without_model(fallback_extractor: Extractor) -> None:
    """The skeleton rules run without the parser."""
    found = keys_of(fallback_extractor,
                    "The start-up Kestrel is wholly owned by investment firm Hoshino Capital.",
                    "OWNERSHIP", "owner", "owned")
    assert ("hoshino-capital", "kestrel") in found
