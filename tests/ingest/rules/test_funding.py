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


# Rounds whose company or amount comes from around the round (funding_context.py).
CONTEXT_ROUNDS: list[tuple[str, str, float, str, str | None, set[str]]] = [
    # First person in an interview: "our" is the company the text is about; "it" is the
    # round; "came in", "so did", "joined as well".
    ("Nordwind Robotics is a Lyon-based maker of drones. Q: How did the year go? "
     "A: Our Series A in March was EUR 12 million, at a valuation of EUR 60 million. "
     "Harbour Capital led it. Bramble Ventures came in, and so did Oakridge Partners.",
     "nordwind-robotics", 12e6, "EUR", "Series A",
     {"harbour-capital", "bramble-ventures", "oakridge-partners"}),
    # Translated style: the amount in a clause of its own after the round.
    ("Quill Labs on 3 May announced the completion of its B round financing, the amount "
     "is 2 billion yuan, and the valuation reaches 9 billion yuan. Investors of this round "
     "include Pinecrest Capital.", "quill-labs", 2e9, "CNY", "Series B",
     {"pinecrest-capital"}),
    # The amount in the next sentence.
    ("Tessaly Labs closed its Series C round on Monday. The amount was $80 million.",
     "tessaly-labs", 80e6, "USD", "Series C", set()),
    # A deal summary with no verb of raising; the co-leads in a short sentence.
    ("A $220m round for Vantor Analytics, the Oslo-based start-up, is one of the largest "
     "seed rounds ever raised in Europe. Harbour Capital and Bramble Ventures co-led.",
     "vantor-analytics", 220e6, "USD", "seed", {"harbour-capital", "bramble-ventures"}),
    # The round as the means of a verb: "came out of stealth with a ... round".
    ("Corvid Materials, the battery maker, came out of stealth in May 2023 with a "
     "$31 million seed round led by Harbour Capital, with Bramble Ventures also "
     "participating.", "corvid-materials", 31e6, "USD", "seed",
     {"harbour-capital", "bramble-ventures"}),
    # "They are joined by": the investors named before.
    ("Lumora Systems closed a $40 million Series B round. The round is led by Harbour "
     "Capital. They are joined by new investors Oakridge Partners, the Boston firm, as "
     "well as Pinecrest Capital.", "lumora-systems", 40e6, "USD", "Series B",
     {"harbour-capital", "oakridge-partners", "pinecrest-capital"}),
]


@pytest.mark.parametrize(("text", "company", "amount", "currency", "name", "investors"),
                         CONTEXT_ROUNDS)
def test_round_from_context(extractor: Extractor, text: str, company: str, amount: float,
                            currency: str, name: str | None, investors: set[str]) -> None:
    rounds = [f for f in facts_of(extractor, text, "FUNDING_ROUND") if f["company"] == company]
    assert [(f["amount"], f["currency"], f["round"]) for f in rounds] == [
        (amount, currency, name)]
    assert investors <= set(rounds[0]["investors"])


def test_a_round_is_not_series_a(extractor: Extractor) -> None:
    text = "Nordwind Robotics raised $75 million in April in a round led by Harbour Capital."
    assert [f["round"] for f in facts_of(extractor, text, "FUNDING_ROUND")] == [None]


def test_round_date_is_the_rounds_not_the_asides(extractor: Extractor) -> None:
    """"X, set up in 2023, raised ... in January": January; "in October last year"
    is the month."""
    text = ("The clearest case came in January, when Tessaly Labs, the lab set up in 2023 "
            "by Jon Marr, raised $50 million. In October last year, Quill Labs completed "
            "a $300 million A1 round.")
    found = {f["company"]: f for f in facts_of(extractor, text, "FUNDING_ROUND",
                                               published="2024-07-25")}
    assert found["tessaly-labs"]["date"] == "2024-01"
    assert (found["quill-labs"]["date"], found["quill-labs"]["round"]) == (
        "2023-10", "Series A1")


def test_names_that_only_modify_are_not_participants(extractor: Extractor) -> None:
    text = ("Nordwind Robotics closed a $40 million Series B round. Corporate backers "
            "Oakridge Partners joined, alongside individuals including former Google chief "
            "executive Jon Marr.")
    found = facts_of(extractor, text, "FUNDING_ROUND")
    assert "google" not in found[0]["investors"]
    assert "oakridge-partners" in found[0]["investors"]


NOT_CONTEXT_ROUNDS = [
    # Hedged or negated copula rounds.
    "Nordwind Robotics is a Lyon drone maker. A: Our next round could be EUR 50 million.",
    "Tessaly Labs is said to have closed its Series C round. The amount was not disclosed.",
    "A $220m round for Vantor Analytics is reportedly under discussion.",
]


@pytest.mark.parametrize("text", NOT_CONTEXT_ROUNDS)
def test_no_context_round(extractor: Extractor, text: str) -> None:
    assert facts_of(extractor, text, "FUNDING_ROUND") == []


def test_deal_line_cut_after_its_company(extractor: Extractor) -> None:
    """The sentence splitter may cut a deal line after "X (country, sector) -"."""
    text = ("Deals of the week\n\n6. Vantor Analytics (India, enterprise agents) -\n"
            "Rs 238 crore ($27.5m) - seed - investors: Harbour Capital; Bramble Ventures.\n"
            "The Bengaluru firm builds voice agents.")
    found = facts_of(extractor, text, "FUNDING_ROUND")
    assert [(f["company"], f["amount"], f["currency"], f["round"]) for f in found] == [
        ("vantor-analytics", 2.38e9, "INR", "seed")]
    assert set(found[0]["investors"]) == {"harbour-capital", "bramble-ventures"}


def test_earlier_round_of_the_company(extractor: Extractor) -> None:
    """"backed the company's $20 million seed round": an earlier round of the company
    the text is about, with its backer."""
    text = ("Neysa Networks, the Mumbai start-up, raised $30 million in a Series A round. "
            "Nexus Venture Partners also took part. Nexus had already backed the company's "
            "$20 million seed round in April.")
    found = {f["amount"]: f for f in facts_of(extractor, text, "FUNDING_ROUND")}
    assert found[20e6]["company"] == "neysa-networks"
    assert found[20e6]["round"] == "seed"
    assert "nexus-venture-partners" in found[20e6]["investors"]
