"""Partial ISO dates as the API and the analytics accept them."""

from __future__ import annotations

import datetime as dt

import pytest

from blocgraph.errors import InputError
from blocgraph.graph.read.temporal import check_as_of, in_force


@pytest.mark.parametrize("value", ["2024", "2024-02", "2024-02-29", "2023-12-31",
                                   dt.date(2024, 5, 14)])
def test_calendar_dates_are_accepted(value: str | dt.date) -> None:
    assert check_as_of(value) == str(value)


@pytest.mark.parametrize("value", ["2024-02-30", "2023-02-29", "2024-04-31", "2024-13",
                                   "24", "2024-5-1", "yesterday", "2024-05-14T00:00"])
def test_dates_off_the_calendar_or_in_other_shapes_are_refused(value: str) -> None:
    with pytest.raises(InputError, match="expected a date like"):
        check_as_of(value)


def test_a_partial_date_is_in_force_from_the_start_of_its_period() -> None:
    assert in_force("2023-12", "2023-12-01") and not in_force("2024", "2023-12-31")
    assert in_force(None, "2000")
