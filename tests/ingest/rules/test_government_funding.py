"""GOVERNMENT_FUNDING: sentences of our own, the (funder, amount) facts they state."""

from __future__ import annotations

import pytest

from blocgraph.ingest.pipeline import Extractor
from tests.ingest.rules.conftest import facts_of

ASSERTED = [
    # a verb of granting, the state named by a possessive on its ministry
    ("France's economy ministry will grant up to €300 million to Nordwind Semiconductor"
     " for a new factory.", "france", 300e6, "EUR", "nordwind-semiconductor"),
    # an outlay noun, a budget for a programme with no single recipient
    ("The Japanese government approved an outlay of ¥50 billion for the national compute"
     " programme in March.", "japan", 50e9, "JPY", None),
    # receiving from a public body
    ("Nordwind Semiconductor will receive up to $40 million from the Commerce Department"
     " to build a plant.", None, 40e6, "USD", "nordwind-semiconductor"),
    # a plan to spend, with a deadline that is not the date of the decision
    ("Germany will spend €2 billion on AI research clusters by 2027, the government said.",
     "germany", 2e9, "EUR", None),
    # state aid owned by the state that pays it, approved by another body
    ("The European Commission approved Italy's €1.2 billion in state aid for Nordwind"
     " Semiconductor.", "italy", 1.2e9, "EUR", "nordwind-semiconductor"),
    # a programme set up by a state, named in apposition
    ("Japan's cabinet launched the Bright Compute Initiative, a ¥200 billion programme to"
     " build data centres.", "japan", 200e9, "JPY", None),
    # two currencies: the first stated counts
    ("India approved a Rs 5,000 crore (about $600 million) chip incentive scheme.",
     "india", 50e9, "INR", None),
    # a grant in rand from a ministry named by its state
    ("Kestrel Labs received a grant of R5 million from South Africa's science ministry.",
     "south-africa", 5e6, "ZAR", "kestrel-labs"),
]

NOT_FACTS = [
    "France has not decided whether to spend €500 million on AI.",  # negated, question
    "Italy could spend €500 million on AI clusters.",  # hedged
    # the money is a company's, in a relative clause that names a state elsewhere
    "Nordwind Semiconductor, which pledged €200 million for a plant in Italy, is based in Oslo.",
    # a state's stake in a company is an INVESTMENT, not public funding
    "The Italian government invested €100 million in Nordwind Semiconductor, taking a 10% stake.",
    # an amount that is the price of a plant, only approved by the state
    "India approved a Rs 2,000 crore chip packaging plant proposed by Nordwind Semiconductor.",
]


@pytest.mark.parametrize(("text", "funder", "amount", "currency", "recipient"), ASSERTED)
def test_public_money_is_funding(extractor: Extractor, text: str, funder: str | None,
                                 amount: float, currency: str, recipient: str | None) -> None:
    facts = facts_of(extractor, text, "GOVERNMENT_FUNDING")
    assert len(facts) == 1, facts
    fact = facts[0]
    if funder is not None:
        assert fact["funder"] == funder
    assert fact["amount"] == pytest.approx(amount)
    assert fact["currency"] == currency
    assert fact["recipient"] == recipient


@pytest.mark.parametrize("text", NOT_FACTS)
def test_not_public_funding(extractor: Extractor, text: str) -> None:
    assert facts_of(extractor, text, "GOVERNMENT_FUNDING") == []


def test_deadline_is_not_the_date(extractor: Extractor) -> None:
    text = "Germany pledged €3 billion for AI research in January, to be spent by 2030."
    facts = facts_of(extractor, text, "GOVERNMENT_FUNDING")
    assert [f["date"] for f in facts] == ["2024-01"]


def test_programme_name_kept(extractor: Extractor) -> None:
    text = "Japan's cabinet launched the Bright Compute Initiative, a ¥200 billion programme."
    facts = facts_of(extractor, text, "GOVERNMENT_FUNDING")
    assert [f["program"] for f in facts] == ["Bright Compute Initiative"]


def test_state_word_is_the_state_just_named(extractor: Extractor) -> None:
    # "the state" after a list item naming the country, though another state leads the text
    text = ("South Korea unveiled a chip package on Monday. South Korea's plan is large.\n"
            "3. FRANCE - €400 million - AI clusters.\n"
            "At a fair, President Jean Dupont said the state would spend €400 million on nine"
            " AI clusters.")
    facts = facts_of(extractor, text, "GOVERNMENT_FUNDING")
    assert [(f["funder"], f["amount"]) for f in facts] == [("france", 400e6)]


def test_dateline_is_not_the_funder(extractor: Extractor) -> None:
    text = ("NAIROBI, Kenya, May 2, 2024 - Japan's trade ministry will grant up to 50 billion"
            " yen to Nordwind Semiconductor, it said on Monday.")
    facts = facts_of(extractor, text, "GOVERNMENT_FUNDING")
    assert [f["funder"] for f in facts] == ["japan"]


def test_body_named_in_text_outranks_headline_state(extractor: Extractor) -> None:
    text = ("Japan pledges ¥50bn for Nordwind chip plant\n"
            "The Ministry of Digital Affairs will grant up to ¥50 billion to Nordwind"
            " Semiconductor, it said on Monday.")
    facts = facts_of(extractor, text, "GOVERNMENT_FUNDING")
    assert [f["funder"] for f in facts] == ["ministry-of-digital-affairs"]
