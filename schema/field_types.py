"""The value types of the model, each with how it is cleaned, compared and written.

Like followthemoney's ``types/``: a fact field or a property names a type
(``amount``, ``currency``, ``date`` ...), and this registry is the one place
that says what that type means to every part of the system: how a raw value is
cleaned before it is stored, when two values are the same (the scorer's 2 %
tolerance on amounts, codes compared upper-case), the RDF datatype of the
ontology and shapes, the column type of the exports and the GraphQL scalar.
A new field type is one entry here; no exporter or validator lists types itself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

AMOUNT_TOLERANCE = 0.02
_ISO_COUNTRY = re.compile(r"^[A-Z]{2}$")
_ISO_CURRENCY = re.compile(r"^[A-Z]{3}$")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {type(value).__name__}")
    return value.strip()


def _code(pattern: re.Pattern[str], what: str) -> Callable[[Any], str]:
    def clean(value: Any) -> str:
        text = _text(value).upper()
        if not pattern.match(text):
            raise ValueError(f"not {what}: {value!r}")
        return text
    return clean


def _number(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"not a number: {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {value!r}")
    return number


def _date(value: Any) -> str:
    text = _text(value)
    if not _PARTIAL_DATE.match(text):
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    return text


def _integer(value: Any) -> int:
    number = _number(value)
    if not number.is_integer():
        raise ValueError(f"not a whole number: {value!r}")
    return int(number)


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"not true or false: {value!r}")
    return value


def _same(a: Any, b: Any) -> bool:
    return bool(a == b)


def _close(a: Any, b: Any) -> bool:
    """Within 2 % of the larger magnitude; None only equals None."""
    if a is None or b is None:
        return a is None and b is None
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return bool(a == b)
    return abs(x - y) <= AMOUNT_TOLERANCE * max(abs(x), abs(y))


def _same_code(a: Any, b: Any) -> bool:
    def norm(v: Any) -> Any:
        return v.strip().upper() if isinstance(v, str) else v
    return bool(norm(a) == norm(b))


@dataclass(frozen=True)
class FieldType:
    """One value type. ``clean`` raises ValueError naming what is wrong with a value."""

    name: str
    clean: Callable[[Any], Any]
    same: Callable[[Any, Any], bool]
    xsd: str
    graphql: type
    export: str  # the column type of the exports (vocabulary.Column.type)
    participant: bool = False  # the value names another node (an edge, not a property)


_TYPES = (
    FieldType("id", _text, _same, "xsd:string", str, "id"),
    FieldType("string", _text, _same, "xsd:string", str, "string"),
    FieldType("json", lambda v: v, _same, "xsd:string", str, "json"),
    FieldType("entity", _text, _same, "xsd:string", str, "id", participant=True),
    FieldType("country", _code(_ISO_COUNTRY, "an ISO 3166-1 alpha-2 code"), _same_code,
              "xsd:string", str, "country", participant=True),
    FieldType("currency", _code(_ISO_CURRENCY, "an ISO 4217 code"), _same_code,
              "xsd:string", str, "currency"),
    FieldType("amount", _number, _close, "xsd:double", float, "float"),
    FieldType("float", _number, _same, "xsd:double", float, "float"),
    FieldType("integer", _integer, _same, "xsd:integer", int, "integer"),
    FieldType("boolean", _boolean, _same, "xsd:boolean", bool, "boolean"),
    FieldType("date", _date, _same, "xsd:string", str, "date"),
)
REGISTRY: Mapping[str, FieldType] = {t.name: t for t in _TYPES}
# Fact fields may use these; node properties any type of the registry but ``entity``.
FACT_FIELD_TYPES = frozenset({"entity", "country", "string", "amount", "currency", "date"})
PROPERTY_TYPES = frozenset(REGISTRY) - {"entity"}


def field_type(name: str) -> FieldType:
    """The registry entry; KeyError names the unknown type."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown field type {name!r}") from None
