"""INVESTMENT and investor links outside a round, in sentences of our own."""

from __future__ import annotations

import pytest

from blocgraph.ingest.pipeline import Extractor
from tests.ingest.rules.conftest import facts_of, keys_of

LINKS: list[tuple[str, set[tuple[str, str]]]] = [
    # A verb with its own amount, the investor behind a long appositive.
    ("Harbour Capital, the Boston venture firm that manages three funds, has invested "
     "$15 million in Nordwind Robotics.", {("harbour-capital", "nordwind-robotics")}),
    # "backed" with a list of companies.
    ("France's Bramble Ventures, the state-owned investor, has backed Nordwind Robotics "
     "and Tessaly Labs.", {("bramble-ventures", "nordwind-robotics"),
                           ("bramble-ventures", "tessaly-labs")}),
    # The passive: "has been backed since ... by".
    ("Tessaly Labs, the Oslo-based maker of inspection drones, has been backed since "
     "2021 by Pinecrest Capital.", {("pinecrest-capital", "tessaly-labs")}),
    # A noun: "secured an investment from", the receiver is the subject.
    ("Nordwind Robotics has secured a $300 million investment from Harbour Capital.",
     {("harbour-capital", "nordwind-robotics")}),
    # A noun with a possessive investor.
    ("Pinecrest Capital's $80 million investment in Tessaly Labs was completed on Friday.",
     {("pinecrest-capital", "tessaly-labs")}),
    # Backing from a listed group, "including".
    ("Tessaly Labs was founded in 2020 with backing from several funds, including "
     "Harbour Capital and Bramble Ventures.", {("harbour-capital", "tessaly-labs"),
                                               ("bramble-ventures", "tessaly-labs")}),
]


@pytest.mark.parametrize(("text", "expected"), LINKS)
def test_investor_links(extractor: Extractor, text: str,
                        expected: set[tuple[str, str]]) -> None:
    assert expected <= keys_of(extractor, text, "INVESTMENT", "investor", "company")


def test_own_amount(extractor: Extractor) -> None:
    text = "Harbour Capital has invested $15 million in Nordwind Robotics."
    found = facts_of(extractor, text, "INVESTMENT")
    assert [(f["investor"], f["amount"], f["currency"]) for f in found] == [
        ("harbour-capital", 15e6, "USD")]


NOT_INVESTMENTS = [
    # Negated, hedged, proposed.
    "Harbour Capital has not invested in Nordwind Robotics.",
    "Harbour Capital could invest $15 million in Nordwind Robotics, analysts said.",
    "Pinecrest Capital is reportedly considering an investment in Tessaly Labs.",
    # A state that funds is public funding, not an investment.
    "Tessaly Labs is funded by France.",
]


@pytest.mark.parametrize("text", NOT_INVESTMENTS)
def test_no_investment(extractor: Extractor, text: str) -> None:
    assert keys_of(extractor, text, "INVESTMENT", "investor", "company") == set()


def test_earlier_backers_after_a_round(extractor: Extractor) -> None:
    """"Earlier backers include" names the company's past investors."""
    text = ("Nordwind Robotics raised $40 million in a round led by Harbour Capital. "
            "Earlier backers include Bramble Ventures and Pinecrest Capital.")
    links = keys_of(extractor, text, "INVESTMENT", "investor", "company")
    rounds = facts_of(extractor, text, "FUNDING_ROUND")
    named = links | {(i, r["company"]) for r in rounds for i in r["investors"]}
    assert {("bramble-ventures", "nordwind-robotics"),
            ("pinecrest-capital", "nordwind-robotics"),
            ("harbour-capital", "nordwind-robotics")} <= named


# Stakes and shareholders with no verb of investing (investment_stakes.py).
STAKES: list[tuple[str, set[tuple[str, str]]]] = [
    # The company from the sentence before; a list whose names carry descriptions.
    ("Regulators approved aid for Nordwind Foundry, the Lyon joint venture in which Quill "
     "Labs holds 70%. French groups Harbour Industries and Tessaly Labs and Dutch chipmaker "
     "Vantor Systems own 10% each.", {("harbour-industries", "nordwind-foundry"),
                                      ("tessaly-labs", "nordwind-foundry"),
                                      ("vantor-systems", "nordwind-foundry")}),
    # A gapped second conjunct, then a stake "as part of the financing".
    ("Kestrel Chips opened its first plant in 2023. Pinecrest Motors holds about 6%, and "
     "auto parts supplier Juniper Parts about 5.5%. Lumora Motor took a 2% stake this "
     "month as part of the financing.", {("pinecrest-motors", "kestrel-chips"),
                                         ("juniper-parts", "kestrel-chips"),
                                         ("lumora-motor", "kestrel-chips")}),
    # "our largest shareholder": the first person is the company the text is about.
    ("Nordwind Robotics is a Lyon-based chip designer. Q: Who owns the company? A: After "
     "the merger Quill Labs is our largest shareholder, but it does not control us.",
     {("quill-labs", "nordwind-robotics")}),
    # "put in ... and is the largest shareholder" after a sentence about the fund.
    ("Japan set up the Harbour Fund last year. The Ministry of Finance put in 60 billion "
     "yen and is the largest shareholder.", {("ministry-of-finance", "harbour-fund")}),
    # The company named after the stake.
    ("Bramble Ventures holds a 12% stake in Tessaly Labs.", {("bramble-ventures",
                                                             "tessaly-labs")}),
]


@pytest.mark.parametrize(("text", "expected"), STAKES)
def test_stakes(extractor: Extractor, text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= keys_of(extractor, text, "INVESTMENT", "investor", "company")


def test_gapped_investment_with_amounts(extractor: Extractor) -> None:
    text = ("Nordwind Centre is owned by two foundations. The Vantor Foundation has invested "
            "approximately DKK 600 million in the centre, and Oakridge Partners approximately "
            "DKK 100 million.")
    found = {f["investor"]: f for f in facts_of(extractor, text, "INVESTMENT")}
    assert (found["oakridge-partners"]["company"], found["oakridge-partners"]["amount"],
            found["oakridge-partners"]["currency"]) == ("nordwind-centre", 100e6, "DKK")
    assert found["vantor-foundation"]["amount"] == 600e6


def test_extension_with_its_own_amount(extractor: Extractor) -> None:
    """A later extension with its own amount is an investment, not a round participant."""
    text = ("Nordwind Robotics closed a $40 million Series B round. In July, Juniper Growth, "
            "the venture arm of Quill Labs, put in $5 million as an extension of the round.")
    found = facts_of(extractor, text, "INVESTMENT")
    assert [(f["investor"], f["company"], f["amount"]) for f in found] == [
        ("juniper-growth", "nordwind-robotics", 5e6)]
    rounds = facts_of(extractor, text, "FUNDING_ROUND")
    assert "juniper-growth" not in rounds[0]["investors"]


NOT_STAKES = [
    # Negated; a majority is control (OWNERSHIP), not an investment.
    "Nordwind Robotics makes drones. Bramble Ventures is not a shareholder.",
    "Quill Labs owns 60% of Nordwind Foundry.",
    # Nothing to tie the stake to.
    "Pinecrest Motors holds about 6%.",
]


@pytest.mark.parametrize("text", NOT_STAKES)
def test_no_stake(extractor: Extractor, text: str) -> None:
    assert keys_of(extractor, text, "INVESTMENT", "investor", "company") == set()
