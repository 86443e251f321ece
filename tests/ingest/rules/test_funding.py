"""FUNDING_ROUND: rounds and their participants, in sentences of our own.

Each case is a short invented article and the rounds (company, amount, currency)
with the investors it must (or must not) yield; the names are made up so that the
rules are tested on phrasing, not on names they may have seen.
"""

from __future__ import annotations

from typing import Any

import pytest

from blocgraph.ingest.pipeline import Extractor
from tests.ingest.rules.conftest import facts_of

ROUNDS: list[tuple[str, str, float, str, set[str], set[str]]] = [
    # A long appositive between subject and verb.
    ("Nordwind Robotics, the warehouse-automation company founded by two former "
     "engineers in Lyon last year, has raised $40 million in a Series B round led by "
     "Harbour Capital.", "nordwind-robotics", 40e6, "USD", {"harbour-capital"},
     {"harbour-capital"}),
    # Participants in the sentences after the round.
    ("Quillfeather Technologies said on Monday it had closed a $25 million Series A round. "
     "The round was led by Bramble Ventures. Oakridge Partners and Pinecrest Capital "
     "also took part, as did Juniper Growth.", "quillfeather-technologies", 25e6, "USD",
     {"bramble-ventures", "oakridge-partners", "pinecrest-capital", "juniper-growth"},
     {"bramble-ventures"}),
    # "Other investors include", "So did".
    ("Lumora Systems raised EUR 18 million in a seed round. Harbour Capital led. "
     "Other investors include Bramble Ventures and Oakridge Partners.", "lumora-systems",
     18e6, "EUR", {"harbour-capital", "bramble-ventures", "oakridge-partners"},
     {"harbour-capital"}),
    # A round noun with "for": the company of a deal summary.
    ("A $60 million round for Tessaly Labs, the Oslo-based maker of inspection drones. "
     "The round was co-led by Pinecrest Capital and Bramble Ventures.", "tessaly-labs", 60e6, "USD",
     {"pinecrest-capital", "bramble-ventures"}, {"pinecrest-capital", "bramble-ventures"}),
    # "from investors including".
    ("Vantor Analytics raised $12 million from investors including Bramble Ventures "
     "and Juniper Growth.", "vantor-analytics", 12e6, "USD",
     {"bramble-ventures", "juniper-growth"}, set()),
]


@pytest.mark.parametrize(("text", "company", "amount", "currency", "investors", "leads"),
                         ROUNDS)
def test_round_and_participants(extractor: Extractor, text: str, company: str, amount: float,
                                currency: str, investors: set[str], leads: set[str]) -> None:
    rounds = [f for f in facts_of(extractor, text, "FUNDING_ROUND") if f["company"] == company]
    assert len(rounds) == 1, rounds
    found = rounds[0]
    assert (found["amount"], found["currency"]) == (amount, currency)
    assert investors <= set(found["investors"])
    assert leads <= set(found["lead_investors"])


def test_valuation_is_not_the_amount(extractor: Extractor) -> None:
    text = ("Corvid Materials, a battery start-up, closed a $90 million Series C round "
            "that values it at $1.2 billion.")
    found = facts_of(extractor, text, "FUNDING_ROUND")
    assert [(f["company"], f["amount"], f["valuation"]) for f in found] == [
        ("corvid-materials", 90e6, 1.2e9)]
    assert found[0]["round"] == "Series C"


def test_chinese_style_letter_round_is_a_series(extractor: Extractor) -> None:
    text = "Nordwind Robotics completed a 300 million yuan B round financing."
    found = facts_of(extractor, text, "FUNDING_ROUND")
    assert [(f["amount"], f["currency"], f["round"]) for f in found] == [
        (300e6, "CNY", "Series B")]


def test_deal_list_line(extractor: Extractor) -> None:
    text = ("Deals of the week\n\n"
            "2. Tessaly Labs (Norway, drones) - $60 million - Series B - valuation $400 "
            "million - investors: Harbour Capital (lead); Bramble Ventures.\n"
            "The Oslo company makes inspection drones.")
    found = facts_of(extractor, text, "FUNDING_ROUND")
    assert [(f["company"], f["amount"], f["round"], f["valuation"]) for f in found] == [
        ("tessaly-labs", 60e6, "Series B", 400e6)]
    assert set(found[0]["investors"]) == {"harbour-capital", "bramble-ventures"}
    assert found[0]["lead_investors"] == ["harbour-capital"]


NOT_ROUNDS = [
    # Hedged: talks, reports.
    "Nordwind Robotics, the warehouse-automation company, is reportedly close to raising "
    "about $200 million.",
    "Quillfeather Technologies is in talks to raise $50 million from Harbour Capital.",
    # Negated.
    "Lumora Systems has not raised any money since 2021 and did not close a $10 million "
    "round.",
    # A running total, not a round.
    "Vantor Analytics has raised more than $300 million so far.",
    # Other money: an acquisition, state aid.
    "Corvid Materials completed the $2 billion acquisition of Tessaly Labs.",
]


@pytest.mark.parametrize("text", NOT_ROUNDS)
def test_no_round(extractor: Extractor, text: str) -> None:
    assert facts_of(extractor, text, "FUNDING_ROUND") == []


def test_participation_verb_about_something_else(extractor: Extractor) -> None:
    """"X joined the board" after a round is no participation."""
    text = ("Quillfeather Technologies raised $25 million in a Series A round led by Bramble "
            "Ventures. Later, Oakridge Partners joined the board of a rival.")
    found: list[dict[str, Any]] = facts_of(extractor, text, "FUNDING_ROUND")
    assert len(found) == 1
    assert "oakridge-partners" not in found[0]["investors"]


def test_participants_far_from_the_round_are_not_attached(extractor: Extractor) -> None:
    text = ("Quillfeather Technologies raised $25 million in a Series A round. It builds models. "
            "It sells to banks. It has offices in Lyon. It hires in Paris. It is growing. "
            "Oakridge Partners also took part.")
    found = facts_of(extractor, text, "FUNDING_ROUND")
    assert len(found) == 1
    assert "oakridge-partners" not in found[0]["investors"]
