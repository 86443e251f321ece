from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocgraph.ingest.dates import (
    DateMention,
    find_dates,
    find_publication_date,
    parse_date,
)

PUBLISHED = "2024-05-16"  # a Thursday

# (sentence, ISO value, exact mention text): no publication date needed.
ABSOLUTE: list[tuple[str, str, str]] = [
    ("It closed on Feb. 26, 2024.", "2024-02-26", "Feb. 26, 2024"),
    ("It closed on February 26, 2024.", "2024-02-26", "February 26, 2024"),
    ("It closed on February 26 2024.", "2024-02-26", "February 26 2024"),
    ("It closed on February 26th, 2024.", "2024-02-26", "February 26th, 2024"),
    ("It closed on 26 February 2024.", "2024-02-26", "26 February 2024"),
    ("It closed on 26 Feb 2024.", "2024-02-26", "26 Feb 2024"),
    ("It closed on 26th of February, 2024.", "2024-02-26", "26th of February, 2024"),
    ("It closed on Sept. 3, 2023.", "2023-09-03", "Sept. 3, 2023"),
    ("ON NOVEMBER 6, 2023 it closed", "2023-11-06", "NOVEMBER 6, 2023"),
    ("Tuesday, Feb. 27, 2024: it closed", "2024-02-27", "Tuesday, Feb. 27, 2024"),
    ("Tue, 27 Feb 2024 10:00 GMT", "2024-02-27", "Tue, 27 Feb 2024"),
    ("filed 2024-02-26 in Delaware", "2024-02-26", "2024-02-26"),
    ("2024-02-26T10:00:00Z", "2024-02-26", "2024-02-26"),
    ("filed 2024/02/26", "2024-02-26", "2024/02/26"),
    ("filed 26/02/2024", "2024-02-26", "26/02/2024"),
    ("filed 11/10/2023", "2023-10-11", "11/10/2023"),
    ("filed 02/26/2024", "2024-02-26", "02/26/2024"),
    ("filed 02.26.2024", "2024-02-26", "02.26.2024"),
    ("filed 26.02.2024", "2024-02-26", "26.02.2024"),
    ("in September 2023", "2023-09", "September 2023"),
    ("by December 2023", "2023-12", "December 2023"),
    ("in Sept. 2023", "2023-09", "Sept. 2023"),
    ("in December of 2023", "2023-12", "December of 2023"),
    ("the March 2024 report", "2024-03", "March 2024"),
    ("in 2023", "2023", "2023"),
    ("In 2023, it grew", "2023", "2023"),
    ("since 2019", "2019", "2019"),
    ("by 2030", "2030", "2030"),
    ("until 2025", "2025", "2025"),
    ("the 2024 election", "2024", "2024"),
    ("early 2024", "2024", "early 2024"),
    ("in late 2023", "2023", "late 2023"),
    ("mid-2023", "2023", "mid-2023"),
    ("by the end of 2025", "2025", "the end of 2025"),
    ("Q3 2024", "2024", "Q3 2024"),
    ("in the second half of 2024", "2024", "the second half of 2024"),
    ("the first quarter of 2024", "2024", "the first quarter of 2024"),
    ("FY2024 revenue", "2024", "FY2024"),
    ("in fall 2023", "2023", "fall 2023"),
]


@pytest.mark.parametrize(("text", "value", "mention"), ABSOLUTE)
def test_absolute_dates(text: str, value: str, mention: str) -> None:
    (found,) = find_dates(text)
    assert (found.value, found.text, found.relative) == (value, mention, False)
    assert found.start == text.index(mention)
    assert text[found.start : found.end] == mention


# (sentence, ISO value, exact mention text), resolved against PUBLISHED (Thu 2024-05-16).
RELATIVE: list[tuple[str, str, str]] = [
    ("It launched Oct. 17.", "2023-10-17", "Oct. 17"),
    ("It launched on May 5.", "2024-05-05", "May 5"),
    ("It launches June 10.", "2024-06-10", "June 10"),
    ("It launched on 17 October.", "2023-10-17", "17 October"),
    ("It launched on Dec. 20.", "2023-12-20", "Dec. 20"),
    ("announced last Tuesday", "2024-05-14", "last Tuesday"),
    ("announced on Tuesday", "2024-05-14", "Tuesday"),
    ("announced on Thursday", "2024-05-16", "Thursday"),
    ("announced last Thursday", "2024-05-09", "last Thursday"),
    ("will announce next Monday", "2024-05-20", "next Monday"),
    ("announced yesterday", "2024-05-15", "yesterday"),
    ("Today, it announced", "2024-05-16", "Today"),
    ("will announce tomorrow", "2024-05-17", "tomorrow"),
    ("raised last month", "2024-04", "last month"),
    ("raised earlier this month", "2024-05", "earlier this month"),
    ("raised last year", "2023", "last year"),
    ("raised this year", "2024", "this year"),
    ("raised earlier this year", "2024", "earlier this year"),
    ("will raise next year", "2025", "next year"),
    ("raised 3 days ago", "2024-05-13", "3 days ago"),
    ("raised two months ago", "2024-03", "two months ago"),
    ("raised a year ago", "2023", "a year ago"),
]


@pytest.mark.parametrize(("text", "value", "mention"), RELATIVE)
def test_relative_dates(text: str, value: str, mention: str) -> None:
    (found,) = find_dates(text, PUBLISHED)
    assert (found.value, found.text, found.relative) == (value, mention, True)
    assert text[found.start : found.end] == mention


@pytest.mark.parametrize("text", [row[0] for row in RELATIVE])
def test_relative_dates_need_a_publication_date(text: str) -> None:
    assert find_dates(text) == []


def test_last_month_crosses_year_boundary() -> None:
    assert parse_date("last month", "2024-01-10") == "2023-12"


def test_publication_timestamp_is_accepted() -> None:
    assert parse_date("yesterday", "2024-03-01T08:30:00+00:00") == "2024-02-29"


NOT_DATES: list[str] = [
    "Mistral 7B beats GPT-4",
    "Huawei's Ascend 910B",
    "it cost $2,023",
    "a 2023% jump",
    "at 10:30 am",
    "78% of users",
    "the 2010s",
    "the 1990's boom",
    "GPT-2024 is fictional",
    "version 1.2.2024.5",
    "2024.5 units",
    "a cluster of 2048 GPUs",
    "the 2048 GPUs",
    "the 2000 people",
    "within 2023 units",
    "1850 and 2150 are out of range",
    "last week",
    "this week",
    "it may 5x",
    "February 30, 2024",
    "13/13/2024",
    "70 people",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_rejects_non_dates(text: str) -> None:
    assert find_dates(text, PUBLISHED) == []


def test_year_ranges_give_both_years() -> None:
    text = "from 2019 to 2023, then 2024-2026 and between 2020 and 2022"
    assert [d.value for d in find_dates(text)] == ["2019", "2023", "2026", "2020", "2022"]


def test_mixed_sentence_keeps_order_and_offsets() -> None:
    text = "On Feb. 26, 2024 it raised $4bn; in September 2023 and last Tuesday it grew."
    found = find_dates(text, PUBLISHED)
    assert [d.value for d in found] == ["2024-02-26", "2023-09", "2024-05-14"]
    assert all(text[d.start : d.end] == d.text for d in found)


def test_parse_date_returns_first_value() -> None:
    assert parse_date("Sept. 2023 and 2024") == "2023-09"
    assert parse_date("nothing here") is None


def test_find_dates_returns_mentions() -> None:
    assert find_dates("since 2019") == [DateMention("2019", 6, 10, "2019", False)]


HEADS: list[tuple[str, str | None]] = [
    ("Why chips matter\nJune 17, 2026 · 6 min read\nOn March 3, 2020, it began.", "2026-06-17"),
    ("HEIDELBERG, Germany, November 6, 2023 -- /PRNewswire/ -- Aleph Alpha said", "2023-11-06"),
    ("SAN FRANCISCO, Nov 6, 2023 /PRNewswire/ -- OpenAI said", "2023-11-06"),
    ("Some title\nNovember 10, 2023\nBody text about 2022.", "2023-11-10"),
    ("Title\nPublished: 2024-02-01\nUpdated: 2024-03-01", "2024-02-01"),
    ("Title\nUpdated: 2024-03-01 10:00 UTC\nPublished: 2024-02-01", "2024-02-01"),
    ("By Jane Doe | Feb. 3, 2024 10:42 a.m. ET\nText", "2024-02-03"),
    ("Title\n2024-02-01T10:00:00Z\nText", "2024-02-01"),
    ("Title\nMonday, 6 November 2023\nText", "2023-11-06"),
    (
        "Title\nOn March 3, 2020, the pandemic forced companies to rethink supply chains.",
        None,
    ),
    ("No date at all here. In 2023 things happened.", None),
    ("Title\nSeptember 2023\nText", None),
    ("x" * 700 + "\nNovember 10, 2023", None),
]


@pytest.mark.parametrize(("text", "expected"), HEADS)
def test_find_publication_date(text: str, expected: str | None) -> None:
    assert find_publication_date(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789 /.-,JanFebMayOctSeptuesdaylinQ", max_size=40))
def test_offsets_always_index_the_input(text: str) -> None:
    for mention in find_dates(text, PUBLISHED):
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize("month", ["June", "July", "October", "May"])
def test_full_month_name_leaves_the_full_stop(month: str) -> None:
    (found,) = find_dates(f"It launched on 17 {month}.", PUBLISHED)
    assert found.text == f"17 {month}"
