"""Currency and scale vocabularies for :mod:`blocgraph.ingest.money`.

Kept apart from the matching code so that supporting a new currency or a new way
of writing "billion" is a one-line table edit, not a regex change.
"""

from __future__ import annotations

from decimal import Decimal

# Symbols and codes written *before* the number ("US$4bn", "EUR 15m", "Rs 500 crore").
# Matched case-sensitively: upper-case codes are a strong signal, lower-case ones are noise.
PREFIX_CURRENCIES: dict[str, str] = {
    "$": "USD", "US$": "USD", "US $": "USD", "USD": "USD",
    "C$": "CAD", "CA$": "CAD", "Can$": "CAD", "CAD": "CAD",
    "A$": "AUD", "AU$": "AUD", "AUD": "AUD",
    "S$": "SGD", "SG$": "SGD", "SGD": "SGD",
    "HK$": "HKD", "HKD": "HKD",
    "NZ$": "NZD", "NZD": "NZD",
    "NT$": "TWD", "TWD": "TWD",
    "R$": "BRL", "BRL": "BRL",
    "€": "EUR", "EUR": "EUR",
    "£": "GBP", "GBP": "GBP",
    "¥": "JPY", "JP¥": "JPY", "JPY": "JPY",
    "CN¥": "CNY", "CNY": "CNY", "RMB": "CNY",
    "₹": "INR", "Rs": "INR", "Rs.": "INR", "INR": "INR",
    "CHF": "CHF", "SFr": "CHF", "SFr.": "CHF",
    "SAR": "SAR", "AED": "AED",
    "₩": "KRW", "KRW": "KRW",
    "₪": "ILS", "ILS": "ILS",
    "₽": "RUB", "RUB": "RUB",
    "R": "ZAR",  # only with a scale word: "R2 million" (see money._from_prefixed)
    "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "PLN": "PLN", "ZAR": "ZAR", "MXN": "MXN",
    "TRY": "TRY", "QAR": "QAR", "KWD": "KWD", "IDR": "IDR", "MYR": "MYR", "THB": "THB",
}  # fmt: skip

# Three-letter codes may also follow the number ("4 billion USD").
SUFFIX_CODES: dict[str, str] = {
    code: cur for code, cur in PREFIX_CURRENCIES.items() if len(code) == 3 and code.isalpha()
}

# Currency words written *after* the number ("1.7 billion euros"); matched case-insensitively.
# Singular forms; the plural with a trailing "s" is added below.
_COUNTABLE_WORDS: dict[str, str] = {
    "dollar": "USD", "us dollar": "USD", "u.s. dollar": "USD", "american dollar": "USD",
    "canadian dollar": "CAD", "australian dollar": "AUD", "singapore dollar": "SGD",
    "hong kong dollar": "HKD", "new zealand dollar": "NZD", "taiwan dollar": "TWD",
    "new taiwan dollar": "TWD",
    "euro": "EUR",
    "pound": "GBP", "british pound": "GBP",
    "rupee": "INR", "indian rupee": "INR",
    "franc": "CHF", "swiss franc": "CHF",
    "riyal": "SAR", "saudi riyal": "SAR",
    "dirham": "AED", "uae dirham": "AED", "emirati dirham": "AED",
    "shekel": "ILS", "ruble": "RUB", "rouble": "RUB",
}  # fmt: skip

_UNCOUNTABLE_WORDS: dict[str, str] = {
    "yen": "JPY", "japanese yen": "JPY",
    "yuan": "CNY", "chinese yuan": "CNY", "renminbi": "CNY",
    "won": "KRW", "korean won": "KRW", "south korean won": "KRW",
    "pounds sterling": "GBP", "pound sterling": "GBP", "sterling": "GBP",
    "reais": "BRL",
}  # fmt: skip

SUFFIX_WORDS: dict[str, str] = {
    **_COUNTABLE_WORDS,
    **{f"{word}s": cur for word, cur in _COUNTABLE_WORDS.items()},
    **_UNCOUNTABLE_WORDS,
}

# Words that are also ordinary English ("won the race", "300 pounds of steel"):
# accepted only with a scale word or a grouped number, never after a bare small number.
AMBIGUOUS_WORDS: frozenset[str] = frozenset({"won", "pound", "pounds", "franc", "francs"})

# Multipliers. Word scales may be separated from the number ("$4 bn", "$10-billion");
# the one-letter ones only count when glued to it ("$4B", "$500m", "$50k").
_WORD_SCALES: dict[str, Decimal] = {
    "thousand": Decimal(10**3),
    "lakh": Decimal(10**5),
    "lac": Decimal(10**5),
    "million": Decimal(10**6),
    "crore": Decimal(10**7),
    "billion": Decimal(10**9),
    "trillion": Decimal(10**12),
}
WORD_SCALES: dict[str, Decimal] = {
    **_WORD_SCALES,
    **{f"{word}s": value for word, value in _WORD_SCALES.items()},
    "lakh crore": Decimal(10**12),
    "thousand crore": Decimal(10**10),
    "mn": Decimal(10**6),
    "mln": Decimal(10**6),
    "mil": Decimal(10**6),
    "cr": Decimal(10**7),
    "bn": Decimal(10**9),
    "bln": Decimal(10**9),
    "tn": Decimal(10**12),
    "trn": Decimal(10**12),
}
LETTER_SCALES: dict[str, Decimal] = {
    "k": Decimal(10**3),
    "m": Decimal(10**6),
    "b": Decimal(10**9),
}

# Hedges that make an amount approximate when they come right before it.
APPROXIMATE_HEDGES: tuple[str, ...] = (
    "up to", "more than", "over", "about", "roughly", "nearly", "some", "around",
    "approximately", "almost", "at least", "as much as", "upwards of", "in excess of",
    "close to", "an estimated", "estimated", "less than", "under", "north of", "just over",
    "just under", "well over", "between", "circa", "approx.", "approx",
)  # fmt: skip
