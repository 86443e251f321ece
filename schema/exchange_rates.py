"""Exchange rates for weighting amounts: fixed reference data, not market prices.

Dependency scores weigh money in US dollars; with live rates a score would move when
a currency does, although nothing about who depends on whom changed. The rates are
fixed 2023-2024 averages in ``schema/reference/exchange_rates.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from blocgraph.errors import ModelError
from blocgraph.schema.reference import DEFAULT_REFERENCE_DIR, read_reference_yaml

RATES_FILE = "exchange_rates.yaml"
_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")


def load_exchange_rates(path: Path | None = None) -> Mapping[str, float]:
    """US dollars per unit of each currency (``exchange_rates.yaml``: fixed 2023-2024
    averages, so scores do not move with the markets), keyed by upper-case ISO 4217 code."""
    return _exchange_rates_cached((path or DEFAULT_REFERENCE_DIR / RATES_FILE).resolve())


@lru_cache(maxsize=4)
def _exchange_rates_cached(path: Path) -> Mapping[str, float]:
    doc = read_reference_yaml(path)
    rates = doc.get("usd_per_unit") if isinstance(doc, dict) else None
    if not isinstance(rates, dict) or not rates:
        raise ModelError(f"{path.name}: expected a top-level 'usd_per_unit' mapping")
    for code, rate in rates.items():
        if not isinstance(code, str) or not _CURRENCY_RE.match(code):
            raise ModelError(f"{path.name}: {code!r} is not an upper-case ISO 4217 code")
        if isinstance(rate, bool) or not isinstance(rate, int | float) or rate <= 0:
            raise ModelError(f"{path.name}: entry {code!r}: the rate must be a positive number")
    if rates.get("USD") != 1:
        raise ModelError(f"{path.name}: entry 'USD' must be 1")
    return MappingProxyType({code: float(rate) for code, rate in rates.items()})
