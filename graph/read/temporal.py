"""Partial ISO dates (``2024``, ``2024-05``, ``2024-05-14``) and how they compare.

Facts carry dates cut to the precision the text gave, so comparisons are done
on strings, where a shorter date sorts before every longer date it prefixes.
Appending ``~`` (which sorts after digits and ``-``) turns a date into the
upper end of its period, so one string comparison answers "could this period
overlap that one" without inventing a day the text never stated.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from blocgraph.errors import InputError

PERIOD_END = "~"
_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def check_as_of(value: str | dt.date) -> str:
    """A validated partial ISO date that exists on the calendar ("2024-02-30" does not);
    InputError for anything else."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
    if not _PARTIAL_DATE.match(text) or not _on_calendar(text):
        raise InputError(f"expected a date like 2024, 2024-05 or 2024-05-14, got {value!r}")
    return text


def _on_calendar(text: str) -> bool:
    if len(text) < len("2024-05-14"):
        return True  # a year or a month: the pattern already checked its parts
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def as_of_bound(as_of: str) -> str:
    """The comparison bound for ``as_of``: a partial ``as_of`` means the end of its period."""
    return as_of + PERIOD_END


def in_force(date: str | None, as_of: str | None) -> bool:
    """Whether a fact dated ``date`` had begun by ``as_of``.

    A dated fact counts from the first day of its period (``2023-12`` is in
    force on 2023-12-01); an undated fact is always in force, because nothing
    says when it began.
    """
    if as_of is None or date is None:
        return True
    return date <= as_of_bound(as_of)


def overlaps(date: str | None, since: str | None, until: str | None) -> bool:
    """Whether a dated fact's period overlaps [since, until]; undated facts never do."""
    if date is None:
        return since is None and until is None
    if since is not None and date + PERIOD_END < since:
        return False
    return not (until is not None and date > until + PERIOD_END)


def as_iso(value: Any) -> str | None:
    """Neo4j temporal values, Python dates and strings as ISO text."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    iso = getattr(value, "iso_format", None) or getattr(value, "isoformat", None)
    return str(iso()) if callable(iso) else str(value)
