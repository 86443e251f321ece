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
