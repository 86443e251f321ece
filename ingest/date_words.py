"""Word tables for :mod:`blocgraph.ingest.dates`, kept apart so the patterns stay readable."""

from __future__ import annotations

MONTH_NAMES: tuple[str, ...] = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip

# Abbreviations may carry a dot ("Sept. 2023"); full names never take one.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

MONTHS: dict[str, int] = {
    **{name: number for number, name in enumerate(MONTH_NAMES, start=1)},
    **MONTH_ABBREVIATIONS,
}

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

# Abbreviations are only trusted in front of a full date ("Tue, Feb 27, 2024"):
# alone, "Sun" or "Wed" are too often something else.
WEEKDAY_ABBREVIATIONS: tuple[str, ...] = (
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
)  # fmt: skip

COUNT_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# Words after which a bare four-digit number is read as a year ("since 2019", "in 2023").
# Deliberately excludes "of", "for" and "to", which precede counts ("a total of 2000 GPUs").
YEAR_LEAD_WORDS: tuple[str, ...] = (
    "in", "since", "by", "until", "till", "from", "through", "throughout", "during",
    "before", "after", "between", "circa", "year", "as of", "as early as", "as late as",
    "as recently as",
)  # fmt: skip

# After "the", a year is only trusted before a singular noun ("the 2024 election"); these
# plural-looking exceptions are counts ("the 2000 people").
COUNT_NOUNS: frozenset[str] = frozenset(
    {"people", "staff", "personnel", "children", "men", "women", "police", "cattle"}
)

# Phrases that narrow a year without giving a month: all reduce to the year itself.
YEAR_QUALIFIERS: tuple[str, ...] = (
    r"early", r"late", r"mid", r"(?:the\s+)?end\s+of", r"end", r"year[\s-]end",
    r"(?:the\s+)?(?:start|beginning|middle|turn)\s+of",
    r"(?:the\s+)?(?:first|second|third|fourth|last|final)\s+(?:half|quarter)\s+of",
    r"(?:first|second|third|fourth)[\s-]quarter(?:\s+of)?",
    r"(?:first|second)[\s-]half(?:\s+of)?",
    r"q[1-4]", r"[1-4]q", r"h[12]", r"(?:spring|summer|autumn|fall|winter)(?:\s+of)?",
    r"fiscal(?:\s+year)?", r"fy",
)  # fmt: skip
