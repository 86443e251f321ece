"""The value types of the model, each with how it is cleaned, compared and written.

Like followthemoney's ``types/``: a fact field or a property names a type
(``amount``, ``currency``, ``date`` ...), and this registry is the one place
that says what that type means to every part of the system: how a raw value is
cleaned before it is stored, when two values are the same (the scorer's 2 %
tolerance on amounts, codes compared upper-case), the RDF datatype of the
ontology and shapes, the column type of the exports, the GraphQL scalar and
the Cypher predicate a stored value must pass. Neo4j Community has no property
type constraints (``REQUIRE n.p IS :: FLOAT`` is Enterprise only), so that
predicate is what checks stored values: ``schema.constraints.value_checks``
turns it into one query per field. A new field type is one entry here; no
exporter or validator lists types itself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

AMOUNT_TOLERANCE = 0.02
# Written with character classes only (no backslashes), so each is the same text in
# Python, in a Cypher string literal and in a SHACL sh:pattern.
_COUNTRY_PATTERN = "^[A-Z]{2}$"
_CURRENCY_PATTERN = "^[A-Z]{3}$"
_DATE_PATTERN = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_DATETIME_PATTERN = ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?"
                     "(Z|[+-][0-9]{2}:[0-9]{2})?$")
_ISO_COUNTRY = re.compile(_COUNTRY_PATTERN)
_ISO_CURRENCY = re.compile(_CURRENCY_PATTERN)
_PARTIAL_DATE = re.compile(_DATE_PATTERN)
_TIMESTAMP = re.compile(_DATETIME_PATTERN)
# The forms of a partial date, by length: a year, a month, a day.
DATE_FORMS = ("xsd:gYear", "xsd:gYearMonth", "xsd:date")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"not text: {value!r} ({type(value).__name__})")
    return value.strip()


def _identifier(value: Any) -> str:
    text = _text(value)
    if not text:
        raise ValueError(f"an empty id: {value!r}")
    return text


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


def _datetime(value: Any) -> str:
    text = _text(value)
    if not _TIMESTAMP.match(text):
        raise ValueError(f"not an ISO 8601 timestamp (YYYY-MM-DDThh:mm:ss): {value!r}")
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
    """One value type. ``clean`` raises ValueError naming what is wrong with a value.

    ``xsd`` is the RDF datatype of a value; a type whose values take one of several
    datatypes by their form (partial dates) lists them in ``xsd_forms``, and its
    ontology range is their union. ``cypher_type`` is the Cypher 5 value type a
    stored value has and ``pattern`` (if any) the regular expression its text
    matches; :meth:`cypher` builds the predicate from both.
    """

    name: str
    clean: Callable[[Any], Any]
    same: Callable[[Any, Any], bool]
    xsd: str
    graphql: type
    export: str  # the column type of the exports (vocabulary.Column.type)
    cypher_type: str
    participant: bool = False  # the value names another node (an edge, not a property)
    pattern: str | None = None
    xsd_forms: tuple[str, ...] = ()

    @property
    def xsd_datatypes(self) -> tuple[str, ...]:
        """Every RDF datatype a value may take: one, or the forms of a partial value."""
        return self.xsd_forms or (self.xsd,)

    def cypher(self, expr: str, *, many: bool = False, required: bool = False) -> str:
        """A Cypher 5 predicate, true when the value at ``expr`` is of this type.

        ``expr`` is code naming a stored value (``n.`amount```, ``row.amount`` of an
        ``UNWIND $rows``), never input: a value whose type Neo4j learns only at run
        time, since for a literal or a parameter the planner already rejects
        ``3 =~ ...``. ``many`` for a list property, whose every element must pass. An
        absent (null) value passes unless ``required``. The predicate is never null,
        so ``WHERE NOT`` it finds exactly the bad values.
        """
        if many:
            check = f"{expr} IS :: LIST<{self.cypher_type} NOT NULL> NOT NULL"
            if self.pattern:
                check += f" AND all(v IN {expr} WHERE v =~ {_cypher_string(self.pattern)})"
        else:
            check = f"{expr} IS :: {self.cypher_type} NOT NULL"
            if self.pattern:
                check += f" AND {expr} =~ {_cypher_string(self.pattern)}"
        return f"({check})" if required else f"({expr} IS NULL OR ({check}))"


def _cypher_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


_TYPES = (
    FieldType("id", _identifier, _same, "xsd:string", str, "id", "STRING"),
    FieldType("string", _text, _same, "xsd:string", str, "string", "STRING"),
    FieldType("json", lambda v: v, _same, "xsd:string", str, "json", "STRING"),
    FieldType("entity", _identifier, _same, "xsd:string", str, "id", "STRING",
              participant=True),
    FieldType("country", _code(_ISO_COUNTRY, "an ISO 3166-1 alpha-2 code"), _same_code,
              "xsd:string", str, "country", "STRING", participant=True,
              pattern=_COUNTRY_PATTERN),
    FieldType("currency", _code(_ISO_CURRENCY, "an ISO 4217 code"), _same_code,
              "xsd:string", str, "currency", "STRING", pattern=_CURRENCY_PATTERN),
    FieldType("amount", _number, _close, "xsd:double", float, "float", "FLOAT"),
    FieldType("float", _number, _same, "xsd:double", float, "float", "FLOAT"),
    FieldType("integer", _integer, _same, "xsd:integer", int, "integer", "INTEGER"),
    FieldType("boolean", _boolean, _same, "xsd:boolean", bool, "boolean", "BOOLEAN"),
    FieldType("date", _date, _same, "xsd:date", str, "date", "STRING",
              pattern=_DATE_PATTERN, xsd_forms=DATE_FORMS),
    # Not a model type: when the system itself did something (a curation, a retraction).
    FieldType("datetime", _datetime, _same, "xsd:dateTime", str, "datetime", "STRING",
              pattern=_DATETIME_PATTERN),
)
REGISTRY: Mapping[str, FieldType] = {t.name: t for t in _TYPES}
# Fact fields may use these; node properties any type of the registry but ``entity``
# (a participant is an edge) and ``datetime`` (only the system stamps times).
FACT_FIELD_TYPES = frozenset({"entity", "country", "string", "amount", "currency", "date"})
PROPERTY_TYPES = frozenset(REGISTRY) - {"entity", "datetime"}


def field_type(name: str) -> FieldType:
    """The registry entry; KeyError names the unknown type."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown field type {name!r}") from None
