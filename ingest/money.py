"""Find money amounts in news text and normalise them to (amount, ISO 4217 currency).

Funding rounds, investments and government grants are compared across articles, so
"$4bn", "US$4 billion" and "4 billion dollars" must all become ``4e9 USD``. Everything is
regular expressions compiled once at import: the extractor calls :func:`find_money` on
every sentence of thousands of articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from blocgraph.ingest.money_units import (
    AMBIGUOUS_WORDS,
    APPROXIMATE_HEDGES,
    LETTER_SCALES,
    PREFIX_CURRENCIES,
    SUFFIX_CODES,
    SUFFIX_WORDS,
    WORD_SCALES,
)


@dataclass(frozen=True)
class Money:
    """One money mention; ``start``/``end`` index the text it was found in."""

    amount: float
    currency: str
    start: int
    end: int
    text: str
    approximate: bool


def _alternation(words: Iterable[str], *, spaced: bool = False) -> str:
    """Longest-first alternation, so "US$" wins over "$" and "billions" over "billion"."""
    escaped = [re.escape(word) for word in sorted(words, key=len, reverse=True)]
    if spaced:
        escaped = [word.replace(r"\ ", r"\s+") for word in escaped]
    return "|".join(escaped)


_SPACE = r"[ \u00a0\u202f]"
# "1,000,000" and "10 000" group thousands; the lookahead stops "1,0000" reading as grouped.
_NUMBER = rf"\d{{1,3}}(?:(?:,|{_SPACE})\d{{3}})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
_PREFIX = _alternation(PREFIX_CURRENCIES).replace(r"\ ", _SPACE)
_WORD_SCALE = _alternation(WORD_SCALES, spaced=True)
_LETTER_SCALE = _alternation(LETTER_SCALES)
_RANGE = r"\s*(?:[-\u2013\u2014]|to\b)\s*"


def _scale(name: str) -> str:
    """A scale, optionally after a space or hyphen; one-letter scales must touch the number."""
    return (
        rf"(?:(?:{_SPACE}|-)(?=(?i:{_WORD_SCALE})(?![a-zA-Z])))?"
        rf"(?P<{name}>(?i:{_WORD_SCALE}|{_LETTER_SCALE}))(?![a-zA-Z])"
    )


_PREFIXED_RE = re.compile(
    rf"(?<![A-Za-z0-9])(?P<lo>(?P<cur>{_PREFIX}){_SPACE}?(?P<num>{_NUMBER})(?:{_scale('scale')})?)"
    rf"(?:{_RANGE}(?P<cur_hi>{_PREFIX})?{_SPACE}?(?P<num_hi>{_NUMBER})(?:{_scale('scale_hi')})?)?"
)
_SUFFIXED_RE = re.compile(
    rf"(?<![\w.,$€£¥₹₩-])(?P<num>{_NUMBER})(?:{_scale('scale')})?"
    rf"(?:{_RANGE}(?P<num_hi>{_NUMBER})(?:{_scale('scale_hi')})?)?"
    rf"[\s-]+(?:(?P<word>(?i:{_alternation(SUFFIX_WORDS, spaced=True)}))"
    rf"|(?P<code>{_alternation(SUFFIX_CODES)}))(?![a-zA-Z])"
)
# "half a billion pounds", "a quarter of a billion dollars", "a billion euros": a
# fraction in words before "a <scale>" and a currency word.
_FRACTIONS = {"half": Decimal("0.5"), "a quarter of": Decimal("0.25"),
              "three quarters of": Decimal("0.75"), "": Decimal(1)}
_WORDED_RE = re.compile(
    r"(?<![\w-])(?P<frac>(?i:half|a\s+quarter\s+of|three\s+quarters\s+of)\s+)?"
    r"(?i:an?)\s+(?P<scale>(?i:million|billion|trillion))\s+"
    rf"(?P<word>(?i:{_alternation(SUFFIX_WORDS, spaced=True)}))(?![a-zA-Z])"
)
_HEDGE_RE = re.compile(rf"(?:(?i:\b(?:{_alternation(APPROXIMATE_HEDGES, spaced=True)}))\s*|~\s*)$")
_YEAR_ADJUSTED_RE = re.compile(r"(?i:\bin)\s+$")  # "in 2023 dollars" is not an amount
_HEDGE_WINDOW = 24


def _number(raw: str) -> Decimal:
    return Decimal(re.sub(r"[,\s]", "", raw))


def _multiplier(scale: str | None) -> Decimal:
    if scale is None:
        return Decimal(1)
    key = " ".join(scale.lower().split())
    if key in WORD_SCALES:
        return WORD_SCALES[key]
    return LETTER_SCALES[key]


def _is_hedged(text: str, start: int) -> bool:
    return _HEDGE_RE.search(text, max(0, start - _HEDGE_WINDOW), start) is not None


def _range_scale(match: re.Match[str]) -> str | None:
    """Both ends of "$2-3bn" and "$2 to $3 billion" are in billions."""
    scale: str | None = match["scale"] or match["scale_hi"]
    return scale


def _money(text: str, match: re.Match[str], end: int, currency: str, scale: str | None) -> Money:
    start = match.start()
    amount = _number(match["num"]) * _multiplier(scale)
    ranged = match["num_hi"] is not None and end == match.end()
    return Money(
        amount=float(amount),
        currency=currency,
        start=start,
        end=end,
        text=text[start:end],
        approximate=ranged or _is_hedged(text, start),
    )


# Prefixes that are also letters of names ("R2" is a model): money only with a scale.
_SCALE_ONLY_PREFIXES = frozenset({"R"})


def _from_prefixed(text: str, match: re.Match[str]) -> Money | None:
    if match["cur"] in _SCALE_ONLY_PREFIXES and not match["scale"]:
        return None
    currency = PREFIX_CURRENCIES[match["cur"].replace("\u00a0", " ").replace("\u202f", " ")]
    # "$5m to 2025" is not a range: the upper end needs its own currency or a scale.
    is_range = match["num_hi"] is not None and (match["cur_hi"] or match["scale_hi"])
    if not is_range:
        return _money(text, match, match.end("lo"), currency, match["scale"])
    return _money(text, match, match.end(), currency, _range_scale(match))


def _from_suffixed(text: str, match: re.Match[str]) -> Money | None:
    scale = _range_scale(match)
    word = match["word"]
    if word is not None:
        word = " ".join(word.lower().split())
        currency = SUFFIX_WORDS[word]
    else:
        currency = SUFFIX_CODES[match["code"]]
    grouped = any(not char.isdigit() and char != "." for char in match["num"])
    if scale is None and not grouped:
        if word in AMBIGUOUS_WORDS:
            return None
        year_like = len(match["num"]) == 4 and 1900 <= int(match["num"]) <= 2100
        if year_like and _YEAR_ADJUSTED_RE.search(text, max(0, match.start() - 8), match.start()):
            return None
    return _money(text, match, match.end(), currency, scale)


def _worded(text: str) -> list[Money]:
    found = []
    for match in _WORDED_RE.finditer(text):
        word = " ".join(match["word"].lower().split())  # with a scale, never ambiguous
        frac = " ".join((match["frac"] or "").lower().split())
        amount = _FRACTIONS[frac] * _multiplier(match["scale"])
        found.append(Money(amount=float(amount), currency=SUFFIX_WORDS[word],
                           start=match.start(), end=match.end(), text=match.group(),
                           approximate=_is_hedged(text, match.start())))
    return found


def find_money(text: str) -> list[Money]:
    """Every money mention in ``text``, in order, without overlaps."""
    found: list[Money] = _worded(text) if "illion" in text else []
    if not any(char.isdigit() for char in text):
        return found
    for match in _PREFIXED_RE.finditer(text):
        prefixed = _from_prefixed(text, match)
        if prefixed is not None:
            found.append(prefixed)
    for match in _SUFFIXED_RE.finditer(text):
        money = _from_suffixed(text, match)
        if money is not None:
            found.append(money)
    return _without_overlaps(found)


def _without_overlaps(found: list[Money]) -> list[Money]:
    kept: list[Money] = []
    for money in sorted(found, key=lambda m: (m.start, -m.end)):
        if not kept or money.start >= kept[-1].end:
            kept.append(money)
    return kept


def parse_money(s: str) -> Money | None:
    """The first money mention in ``s`` (e.g. a spaCy MONEY entity), or None."""
    found = find_money(s)
    return found[0] if found else None
