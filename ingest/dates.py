"""Find dates in news text and normalise them to ISO strings cut to the precision given.

Facts in the graph carry a date ("raised $4bn in September 2023"), so "Sept. 2023" must
become ``2023-09`` and "last Tuesday" the concrete day relative to the article's own
publication date. Patterns are compiled once: :func:`find_dates` runs on every sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from blocgraph.ingest.date_words import (
    COUNT_NOUNS,
    COUNT_WORDS,
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTHS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAYS,
    YEAR_LEAD_WORDS,
    YEAR_QUALIFIERS,
)
from blocgraph.ingest.dateline import head_rank


@dataclass(frozen=True)
class DateMention:
    """One date mention; ``start``/``end`` index the text it was found in."""

    value: str
    start: int
    end: int
    text: str
    relative: bool


Resolved = tuple[str, bool]  # (ISO value, resolved against the publication date?)
Handler = Callable[[re.Match[str], date | None], Resolved | None]

# A year-less day may be this far after publication ("on Oct. 17" in an Oct. 1 preview).
_FUTURE_SLACK = timedelta(days=31)


def _cased(words: Iterable[str]) -> str:
    """Title- and upper-case spellings only: "May 5" is a date, "may 5x" is not."""
    forms = {form for word in words for form in (word.title(), word.upper())}
    return "|".join(sorted(forms, key=len, reverse=True))


_YEAR = r"(?P<year>19\d\d|20\d\d|2100)"
_YEAR_END = r"(?![\w%]|[.,:/]\d|\s?%)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# Only abbreviations take a dot, so "on 17 October." leaves the full stop alone.
_MONTH = rf"(?P<month>(?:{_cased(MONTH_NAMES)})|(?:{_cased(MONTH_ABBREVIATIONS)})\.?)(?![A-Za-z])"
_WEEKDAY = rf"(?:{_cased([*WEEKDAYS, *WEEKDAY_ABBREVIATIONS])})\.?,?\s+"
_LEFT = r"(?<![\w$€£¥.,:/-])"  # not inside a number, amount, code or model name

_MONTH_DAY_YEAR_RE = re.compile(rf"{_LEFT}(?:{_WEEKDAY})?{_MONTH}\s+{_DAY},?\s+{_YEAR}{_YEAR_END}")
_DAY_MONTH_YEAR_RE = re.compile(
    rf"{_LEFT}(?:{_WEEKDAY})?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}{_YEAR_END}"
)
_YEAR_FIRST_RE = re.compile(
    rf"{_LEFT}{_YEAR}(?P<sep>[-/.])(?P<first>[01]?\d)(?P=sep)(?P<second>[0-3]?\d)(?!\d|[./-]\d)"
)
_DAY_FIRST_RE = re.compile(
    rf"{_LEFT}(?P<first>[0-3]?\d)(?P<sep>[-/.])(?P<second>[0-3]?\d)(?P=sep){_YEAR}(?!\d|[./-]\d)"
)
_MONTH_DAY_RE = re.compile(rf"{_LEFT}(?:{_WEEKDAY})?{_MONTH}\s+{_DAY}(?![\w%]|[.,:/]?\d)")
_DAY_MONTH_RE = re.compile(rf"{_LEFT}(?:{_WEEKDAY})?{_DAY}\s+(?:of\s+)?{_MONTH}")
_MONTH_YEAR_RE = re.compile(rf"{_LEFT}{_MONTH},?\s+(?:of\s+)?{_YEAR}{_YEAR_END}")
# "in July", "last December", "since June": a month named alone, in a time phrase.
_MONTH_ALONE_RE = re.compile(
    rf"(?<![\w-])(?P<lead>(?i:in|last|this|since|by|until|from|early|late|mid|in early|in late"
    rf"|in mid|earlier in|later in|during))[\s-]+{_MONTH}(?![\w-]|\s+\d|,?\s+(?:19|20)\d\d)"
)
_QUALIFIED_YEAR_RE = re.compile(
    rf"(?<![\w-])(?i:{'|'.join(YEAR_QUALIFIERS)})[\s-]*{_YEAR}{_YEAR_END}"
)
_BARE_YEAR_RE = re.compile(rf"(?<![\w$€£¥.,:/]){_YEAR}(?![\w%]|[.,:/]?\d|\s?%|['\u2019]s\b)")
_YEAR_LEAD_RE = re.compile(
    rf"(?:(?i:\b(?:{'|'.join(YEAR_LEAD_WORDS)}))\s+"
    r"|(?:19|20)\d\d\s*(?:[-\u2013\u2014]|(?i:to|and|or|through|until))\s*)$"
)
_THE_RE = re.compile(r"(?i:\bthe)\s+$")
_SINGULAR_NOUN_RE = re.compile(r"\s+(?P<noun>[a-z][a-z-]*[a-rt-z])\b")
_DAY_WORD_RE = re.compile(r"(?i:\b(?P<word>yesterday|today|tomorrow)\b)")
_RELATIVE_PERIOD_RE = re.compile(
    r"(?i:\b(?:(?:earlier|later)\s+)?(?P<dir>last|this|next)\s+(?P<unit>month|year)\b)"
)
_AGO_RE = re.compile(
    rf"(?i:\b(?P<count>\d{{1,2}}|{'|'.join(COUNT_WORDS)})\s+(?P<unit>day|month|year)s?\s+ago\b)"
)
_WEEKDAY_RE = re.compile(
    rf"(?:\b(?P<dir>(?i:last|next|this))\s+)?\b(?P<weekday>{_cased(WEEKDAYS)})(?![A-Za-z])"
)


def _day_value(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_number(match: re.Match[str]) -> int:
    return MONTHS[str(match["month"]).rstrip(".").lower()]


def _full_date(match: re.Match[str], _pub: date | None) -> Resolved | None:
    value = _day_value(int(match["year"]), _month_number(match), int(match["day"]))
    return None if value is None else (value, False)


def _year_first(match: re.Match[str], _pub: date | None) -> Resolved | None:
    value = _day_value(int(match["year"]), int(match["first"]), int(match["second"]))
    return None if value is None else (value, False)


def _day_first(match: re.Match[str], _pub: date | None) -> Resolved | None:
    """Day first (most of the world), month first only when day-first is impossible."""
    year, first, second = int(match["year"]), int(match["first"]), int(match["second"])
    value = _day_value(year, second, first) or _day_value(year, first, second)
    return None if value is None else (value, False)


def _year_less(match: re.Match[str], pub: date | None) -> Resolved | None:
    """A year-less "Oct. 17" is in the publication year, unless that is well after it."""
    if pub is None:
        return None
    month, day = _month_number(match), int(match["day"])
    for year in (pub.year, pub.year - 1):
        value = _day_value(year, month, day)
        if value is not None and date.fromisoformat(value) <= pub + _FUTURE_SLACK:
            return value, True
    return None


def _month_alone(match: re.Match[str], pub: date | None) -> Resolved | None:
    """A month with no year is the latest such month not after publication;
    "last December" is the one before the publication month."""
    if pub is None:
        return None
    month = _month_number(match)
    strictly_before = match["lead"].lower() == "last"
    year = pub.year
    if month > pub.month or (strictly_before and month >= pub.month):
        year -= 1
    return f"{year:04d}-{month:02d}", True


def _month_year(match: re.Match[str], _pub: date | None) -> Resolved | None:
    return f"{int(match['year']):04d}-{_month_number(match):02d}", False


def _year_only(match: re.Match[str], _pub: date | None) -> Resolved | None:
    return match["year"], False


def _bare_year(match: re.Match[str], _pub: date | None) -> Resolved | None:
    """A lone year counts only after a lead word: "in 2000 cities" is the risk we accept."""
    text, start = match.string, match.start()
    if _YEAR_LEAD_RE.search(text, max(0, start - 24), start) or _is_the_year_noun(match):
        return match["year"], False
    return None


def _is_the_year_noun(match: re.Match[str]) -> bool:
    """Years after "the" need a singular noun: "the 2024 election", not "the 2048 GPUs"."""
    text, start = match.string, match.start()
    if _THE_RE.search(text, max(0, start - 5), start) is None:
        return False
    noun = _SINGULAR_NOUN_RE.match(text, match.end())
    return noun is not None and noun["noun"] not in COUNT_NOUNS


def _day_word(match: re.Match[str], pub: date | None) -> Resolved | None:
    if pub is None:
        return None
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[match["word"].lower()]
    return (pub + timedelta(days=offset)).isoformat(), True


def _shift_month(pub: date, months: int) -> str:
    index = pub.year * 12 + pub.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _relative_period(match: re.Match[str], pub: date | None) -> Resolved | None:
    if pub is None:
        return None
    step = {"last": -1, "this": 0, "next": 1}[match["dir"].lower()]
    if match["unit"].lower() == "year":
        return f"{pub.year + step:04d}", True
    return _shift_month(pub, step), True


def _ago(match: re.Match[str], pub: date | None) -> Resolved | None:
    if pub is None:
        return None
    raw = match["count"].lower()
    count = int(raw) if raw.isdigit() else COUNT_WORDS[raw]
    unit = match["unit"].lower()
    if unit == "day":
        return (pub - timedelta(days=count)).isoformat(), True
    if unit == "month":
        return _shift_month(pub, -count), True
    return f"{pub.year - count:04d}", True


def _weekday(match: re.Match[str], pub: date | None) -> Resolved | None:
    """Bare and "this" weekdays: on or before publication; "last" before; "next" after."""
    if pub is None:
        return None
    wanted = WEEKDAYS[match["weekday"].lower()]
    direction = (match["dir"] or "").lower()
    if direction == "next":
        return (pub + timedelta(days=(wanted - pub.weekday()) % 7 or 7)).isoformat(), True
    back = (pub.weekday() - wanted) % 7
    if direction == "last" and back == 0:
        back = 7
    return (pub - timedelta(days=back)).isoformat(), True


# Each pattern with the cheap cue it cannot match without (see ``_cues``).
_PATTERNS: tuple[tuple[str, re.Pattern[str], Handler], ...] = (
    ("year", _MONTH_DAY_YEAR_RE, _full_date),
    ("year", _DAY_MONTH_YEAR_RE, _full_date),
    ("year", _YEAR_FIRST_RE, _year_first),
    ("year", _DAY_FIRST_RE, _day_first),
    ("digit", _MONTH_DAY_RE, _year_less),
    ("digit", _DAY_MONTH_RE, _year_less),
    ("year", _MONTH_YEAR_RE, _month_year),
    ("month", _MONTH_ALONE_RE, _month_alone),
    ("year", _QUALIFIED_YEAR_RE, _year_only),
    ("year", _BARE_YEAR_RE, _bare_year),
    ("day", _DAY_WORD_RE, _day_word),
    ("period", _RELATIVE_PERIOD_RE, _relative_period),
    ("ago", _AGO_RE, _ago),
    ("day", _WEEKDAY_RE, _weekday),
)
_YEAR_CUE_RE = re.compile(r"(?:19|20)\d\d|2100")
_MONTH_CUE_RE = re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
_DIGIT_CUE_RE = re.compile(r"\d")


def _cues(text: str) -> set[str]:
    """Cheap tests that let most sentences skip most patterns: speed, not correctness."""
    lower = text.lower()
    cues = {"period"} if any(word in lower for word in ("last", "this", "next")) else set()
    if "day" in lower or "tomorrow" in lower:  # every weekday name ends in "day"
        cues.add("day")
    if "ago" in lower:
        cues.add("ago")
    if _MONTH_CUE_RE.search(lower):
        cues.add("month")
    if _DIGIT_CUE_RE.search(text):
        cues.add("digit")
        if _YEAR_CUE_RE.search(text):
            cues.add("year")
    return cues


def _publication_day(published: str | None) -> date | None:
    """Accepts "2024-02-26" and full timestamps; anything else means "unknown"."""
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def find_dates(text: str, published: str | None = None) -> list[DateMention]:
    """Every date mention in ``text``, in order; the longest wins where patterns overlap.

    Relative mentions ("yesterday", "last year", "Oct. 17") need ``published`` (ISO date)
    and are skipped without it.
    """
    pub = _publication_day(published)
    cues = _cues(text)
    found: list[DateMention] = []
    for cue, pattern, handler in _PATTERNS:
        if cue not in cues:
            continue
        for match in pattern.finditer(text):
            resolved = handler(match, pub)
            if resolved is not None:
                start, end = match.span()
                found.append(DateMention(resolved[0], start, end, text[start:end], resolved[1]))
    return _without_overlaps(found)


def _without_overlaps(found: list[DateMention]) -> list[DateMention]:
    kept: list[DateMention] = []
    for mention in sorted(found, key=lambda m: (m.start, -m.end)):
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def parse_date(s: str, published: str | None = None) -> str | None:
    """The value of the first date mention in ``s`` (e.g. a spaCy DATE entity), or None."""
    found = find_dates(s, published)
    return found[0].value if found else None


_HEAD_CHARS = 600


def find_publication_date(text: str) -> str | None:
    """The article's own date from its head (byline, dateline, "Published:" label).

    Only full dates count: a bare year or a date inside the opening prose would anchor
    every relative date in the article to the wrong day.
    """
    head = text[:_HEAD_CHARS]
    ranked: list[tuple[int, int, str]] = []
    for mention in find_dates(head):
        if len(mention.value) != len("2024-01-01"):
            continue
        rank = head_rank(head, mention.start, mention.end)
        if rank is not None:
            ranked.append((rank, mention.start, mention.value))
    return min(ranked)[2] if ranked else None
