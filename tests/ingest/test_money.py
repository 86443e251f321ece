from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocgraph.ingest.money import Money, find_money, parse_money

# (sentence, amount, currency, exact mention text)
SINGLE_MENTIONS: list[tuple[str, float, str, str]] = [
    ("The startup raised $4bn from investors.", 4e9, "USD", "$4bn"),
    ("a $4 bn deal", 4e9, "USD", "$4 bn"),
    ("It is worth $4 billion.", 4e9, "USD", "$4 billion"),
    ("US$4 billion in chips", 4e9, "USD", "US$4 billion"),
    ("US $4bn in chips", 4e9, "USD", "US $4bn"),
    ("USD 4 billion of debt", 4e9, "USD", "USD 4 billion"),
    ("USD4bn of debt", 4e9, "USD", "USD4bn"),
    ("spent 4 billion dollars on GPUs", 4e9, "USD", "4 billion dollars"),
    ("4 billion US dollars", 4e9, "USD", "4 billion US dollars"),
    ("4 billion USD", 4e9, "USD", "4 billion USD"),
    ("a $500 million round", 5e8, "USD", "$500 million"),
    ("a $500m round", 5e8, "USD", "$500m"),
    ("$3.5bn valuation", 3.5e9, "USD", "$3.5bn"),
    ("$4B Series C", 4e9, "USD", "$4B"),
    ("$100M led by a16z", 1e8, "USD", "$100M"),
    ("$4 BILLION", 4e9, "USD", "$4 BILLION"),
    ("a $10-billion fund", 1e10, "USD", "$10-billion"),
    ("a 10-billion-dollar fund", 1e10, "USD", "10-billion-dollar"),
    ("a 5 million-dollar grant", 5e6, "USD", "5 million-dollar"),
    ("EUR 15m seed", 1.5e7, "EUR", "EUR 15m"),
    ("€385 million Series B", 3.85e8, "EUR", "€385 million"),
    ("€ 385 million", 3.85e8, "EUR", "€ 385 million"),
    ("€1.2bn from the EU", 1.2e9, "EUR", "€1.2bn"),
    ("1.7 billion euros", 1.7e9, "EUR", "1.7 billion euros"),
    ("500 million euros", 5e8, "EUR", "500 million euros"),
    ("a 450 million euro round", 4.5e8, "EUR", "450 million euro"),
    ("£100m for compute", 1e8, "GBP", "£100m"),
    ("GBP 2 million", 2e6, "GBP", "GBP 2 million"),
    ("200 million pounds", 2e8, "GBP", "200 million pounds"),
    ("¥30bn subsidy", 3e10, "JPY", "¥30bn"),
    ("30bn yen", 3e10, "JPY", "30bn yen"),
    ("CNY 30bn", 3e10, "CNY", "CNY 30bn"),
    ("RMB 5 billion", 5e9, "CNY", "RMB 5 billion"),
    ("30 billion yuan", 3e10, "CNY", "30 billion yuan"),
    ("2 billion renminbi", 2e9, "CNY", "2 billion renminbi"),
    ("Rs 10,000 crore", 1e11, "INR", "Rs 10,000 crore"),
    ("Rs. 500 crore", 5e9, "INR", "Rs. 500 crore"),
    ("₹500 crore", 5e9, "INR", "₹500 crore"),
    ("Rs 5 lakh crore", 5e12, "INR", "Rs 5 lakh crore"),
    ("CHF 20m", 2e7, "CHF", "CHF 20m"),
    ("C$2.4 billion", 2.4e9, "CAD", "C$2.4 billion"),
    ("CA$3bn", 3e9, "CAD", "CA$3bn"),
    ("CAD 2 billion", 2e9, "CAD", "CAD 2 billion"),
    ("2 billion Canadian dollars", 2e9, "CAD", "2 billion Canadian dollars"),
    ("A$1bn", 1e9, "AUD", "A$1bn"),
    ("S$2bn", 2e9, "SGD", "S$2bn"),
    ("HK$3bn", 3e9, "HKD", "HK$3bn"),
    ("SAR 10bn", 1e10, "SAR", "SAR 10bn"),
    ("5 billion riyals", 5e9, "SAR", "5 billion riyals"),
    ("AED 3bn", 3e9, "AED", "AED 3bn"),
    ("4 billion dirhams", 4e9, "AED", "4 billion dirhams"),
    ("KRW 5 trillion", 5e12, "KRW", "KRW 5 trillion"),
    ("5 trillion won", 5e12, "KRW", "5 trillion won"),
    ("50,000 won", 5e4, "KRW", "50,000 won"),
    ("5 billion South Korean won", 5e9, "KRW", "5 billion South Korean won"),
    ("$1.5tn market", 1.5e12, "USD", "$1.5tn"),
    ("$3 trillion market", 3e12, "USD", "$3 trillion"),
    ("$50k grant", 5e4, "USD", "$50k"),
    ("5 thousand dollars", 5e3, "USD", "5 thousand dollars"),
    ("$1,000,000 prize", 1e6, "USD", "$1,000,000"),
    ("$10 000 prize", 1e4, "USD", "$10 000"),
    ("$12.50 a share", 12.5, "USD", "$12.50"),
    ("$2,023 per seat", 2023.0, "USD", "$2,023"),
    ("a $2 billion round", 2e9, "USD", "$2 billion"),
    ("$4bn+ valuation", 4e9, "USD", "$4bn"),
    ("a $5m-a-year contract", 5e6, "USD", "$5m"),
]


@pytest.mark.parametrize(("text", "amount", "currency", "mention"), SINGLE_MENTIONS)
def test_finds_single_mention(text: str, amount: float, currency: str, mention: str) -> None:
    (found,) = find_money(text)
    assert (found.amount, found.currency, found.text) == (amount, currency, mention)
    assert text[found.start : found.end] == mention
    assert found.start == text.index(mention)


# (sentence, first amount, mention text)
RANGES: list[tuple[str, float, str]] = [
    ("$2bn-$3bn", 2e9, "$2bn-$3bn"),
    ("between $2-3bn", 2e9, "$2-3bn"),
    ("$2 to $3 billion", 2e9, "$2 to $3 billion"),
    ("$20\u201330 million", 2e7, "$20\u201330 million"),
    ("2bn to 3bn euros", 2e9, "2bn to 3bn euros"),
    ("1.5 to 2 billion dollars", 1.5e9, "1.5 to 2 billion dollars"),
]


@pytest.mark.parametrize(("text", "amount", "mention"), RANGES)
def test_range_takes_lower_end_and_is_approximate(text: str, amount: float, mention: str) -> None:
    (found,) = find_money(text)
    assert (found.amount, found.text, found.approximate) == (amount, mention, True)


@pytest.mark.parametrize(
    "hedge",
    ["up to", "more than", "over", "about", "roughly", "nearly", "some", "around", "~", "almost"],
)
def test_hedge_before_amount_marks_it_approximate(hedge: str) -> None:
    (found,) = find_money(f"It raised {hedge} $5bn last year.")
    assert found.approximate
    assert found.text == "$5bn"


@pytest.mark.parametrize("text", ["It raised $5bn.", "the $5bn deal", "overall, $5bn"])
def test_plain_amount_is_exact(text: str) -> None:
    (found,) = find_money(text)
    assert not found.approximate


NOT_MONEY: list[str] = [
    "70 people attended",
    "viewed 3 million times",
    "a 78% stake",
    "in 2023",
    "Biden in 2020 won the race",
    "In 2019 he won 3 awards",
    "a 300 pounds robot",
    "1.5 pounds of silicon",
    "costs measured in 2023 dollars",
    "GPT-4 billion dollars",
    "raised 100 million from investors",
    "the 2,000 GPUs",
    "Mistral 7B, GPT-4 and Ascend 910B",
    "at 10:30 am",
    "Mrs 5 and SARS 2",
    "a 5m tall robot",
    "3.5 billion parameters",
    "no digits at all",
    "",
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_rejects_non_money(text: str) -> None:
    assert find_money(text) == []


def test_several_mentions_in_order_with_original_offsets() -> None:
    text = "£1.2bn ($1.5bn) beat €2.3bn and 30 billion yuan; Rs 500 crore followed."
    found = find_money(text)
    assert [(m.currency, m.amount) for m in found] == [
        ("GBP", 1.2e9),
        ("USD", 1.5e9),
        ("EUR", 2.3e9),
        ("CNY", 3e10),
        ("INR", 5e9),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_second_amount_after_between_is_exact() -> None:
    first, second = find_money("between $2bn and $3bn")
    assert (first.approximate, second.approximate) == (True, False)
    assert second.amount == 3e9


def test_dash_to_year_is_not_a_range() -> None:
    (found,) = find_money("$5m to 2025")
    assert (found.text, found.approximate) == ("$5m", False)


def test_parse_money_returns_first_mention() -> None:
    found = parse_money("about €1.2bn")
    assert found == Money(1.2e9, "EUR", 6, 12, "€1.2bn", True)


def test_parse_money_without_money_is_none() -> None:
    assert parse_money("seventy people") is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789 $€£¥₹.,-bmkBMtnillioreurosdaUSDCNYRs%", max_size=40))
def test_offsets_always_index_the_input(text: str) -> None:
    for money in find_money(text):
        assert text[money.start : money.end] == money.text
        assert money.amount >= 0
