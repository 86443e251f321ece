"""GOVERNMENT_FUNDING: sentences of our own, the (funder, amount) facts they state."""

from __future__ import annotations

import pytest

from blocgraph.ingest.money import find_money
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


# Text -> every (funder, amount) key it states: shapes the amount walk reads beyond a
# plain verb, and state support with no figure (amount None).
KEYED = [
    # the winner of a cabinet approval for a programme with its amount
    ("The Ministry of Digital Affairs won cabinet approval for the Harbour Compute Mission, a"
     " ¥50 billion programme that will fund data centres over five years.",
     {("ministry-of-digital-affairs", 50e9)}),
    # an amount "to" a count of recipients
    ("France's Compute Agency on Monday committed €900 million to seven so-called AI hubs,"
     " centres that start-ups can use.", {("compute-agency", 900e6)}),
    # a head of government's government: the state just named
    ("France is rebuilding its chip industry. President Jean Morel's government unveiled a"
     " €4 billion package of loans and tax credits for chipmakers.", {("france", 4e9)}),
    # a second clause whose subject the parse hangs on the first verb
    ("Japan is spending heavily on chips. The Ministry of Digital Affairs has committed about"
     " ¥300 billion to Kestrel Chips, and Prime Minister Taro Sato's government last week"
     " unveiled a plan to provide more than ¥5 trillion in support for chips by 2030.",
     {("ministry-of-digital-affairs", 300e9), ("japan", 5e12)}),
    # a budget document "finds" money; a sub-amount with its own purpose is its own fact
    ("Britain wants more compute. The Chancellor's spending review found £1 billion for the"
     " National Compute Plan and, within it, £300 million for a new supercomputer at the"
     " University of Kestrel.", {("united-kingdom", 1e9), ("united-kingdom", 300e6)}),
    # a head of government by title, an amount in words
    ("Britain wants more compute. The Prime Minister, Ann Other, has promised half a billion"
     " pounds for a unit that will back start-ups.", {("united-kingdom", 500e6)}),
    # a part "including" in a larger plan is paid by the plan's payer
    ("The European Union will mobilise €50 billion for AI through GridAI, a new initiative"
     " announced by European Commission President Jane Roe, including a new €5 billion fund"
     " for data centres.", {("european-union", 50e9), ("european-union", 5e9)}),
    # the Centre's programme; support received under it with no figure of its own
    ("India is courting chipmakers. The plant will receive central support under the National"
     " Chip Mission (NCM), the Centre's Rs 50,000 crore incentive programme, the minister"
     " said.", {("india", 500e9), ("india", None)}),
    # subsidies under a programme run by a ministry
    ("Kestrel Labs has received computing subsidies under NORDA, a programme run by the"
     " Ministry of Digital Affairs to give start-ups access to chips.",
     {("ministry-of-digital-affairs", None)}),
    # part of the resources of a plan the article gave an amount for
    ("Brazil unveiled a R$ 10 billion plan for AI on Tuesday. The Kestrel Laboratory will"
     " receive part of the resources of the plan, the ministry said.",
     {("brazil", 10e9), ("brazil", None)}),
    # an interview: "us" is the organisation the text speaks for
    ("Nordwind Institute is a lab in Abu Dhabi. Nordwind Institute trains models. Q: Who pays"
     " for Nordwind Institute? A: The Advanced Research Council funds us entirely.",
     {("advanced-research-council", None)}),
]

NOT_KEYED = [
    # negated support
    "Kestrel Labs did not receive subsidies under NORDA, a programme run by the Ministry of"
    " Digital Affairs.",
    # a company's president is not a state's
    "Nordwind's president, Jane Roe, promised $5 million for a new lab in Oslo.",
    # a company executive spending in a country
    "Germany is a large market. Nordwind Robotics said its chief executive, Jane Roe, would"
    " spend €20 million on a plant.",
]


@pytest.mark.parametrize(("text", "keys"), KEYED)
def test_funding_keys(extractor: Extractor, text: str,
                      keys: set[tuple[str, float | None]]) -> None:
    found = {(f["funder"], f["amount"]) for f in facts_of(extractor, text, "GOVERNMENT_FUNDING")}
    assert found == keys


@pytest.mark.parametrize("text", NOT_KEYED)
def test_no_funding_keys(extractor: Extractor, text: str) -> None:
    assert facts_of(extractor, text, "GOVERNMENT_FUNDING") == []


def test_negated_share_of_plan_is_no_support(extractor: Extractor) -> None:
    text = ("Brazil unveiled a R$ 10 billion plan for AI on Tuesday. Kestrel Labs said it did"
            " not receive resources of the plan.")
    found = {(f["funder"], f["amount"]) for f in facts_of(extractor, text, "GOVERNMENT_FUNDING")}
    assert found == {("brazil", 10e9)}


@pytest.mark.parametrize(("text", "amount", "currency"), [
    ("has promised half a billion pounds for a unit", 500e6, "GBP"),
    ("raised a quarter of a billion dollars in a round", 250e6, "USD"),
    ("set aside a billion euros for chips", 1e9, "EUR"),
])
def test_amounts_in_words(text: str, amount: float, currency: str) -> None:
    (found,) = find_money(text)
    assert (found.amount, found.currency) == (amount, currency)


def test_a_million_of_something_else_is_no_amount() -> None:
    assert find_money("The app has half a million users and a billion downloads.") == []
