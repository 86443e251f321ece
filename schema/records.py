"""Typed extraction records: one frozen record class per fact type, built from the model.

What a rule found is a loose mapping of field names to values; before it leaves
the extractor it becomes a record of its fact type, whose class is made from the
type's YAML fields (list fields as tuples). Building one is the single check of
an extracted fact: an unknown field or a missing required one is an
:class:`~blocgraph.errors.InputError` naming the fact type and the field, and
every value is cleaned by its field type (:mod:`blocgraph.schema.field_types`).
A fact type declared only in YAML gets its record class with no code change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, make_dataclass
from functools import cache
from types import GenericAlias
from typing import Any, ClassVar

from blocgraph.errors import InputError
from blocgraph.schema.field_types import field_type
from blocgraph.schema.model import FieldSpec, Model, NodeType, load_model

_MISSING = (None, "", ())


@dataclass(frozen=True)
class FactRecord:
    """Base of the record classes; a subclass's fields are one fact type's YAML fields."""

    code: ClassVar[str] = ""

    def values(self) -> dict[str, Any]:
        """Field name -> value in the model's field order, as JSON has them (lists)."""
        found = ((f.name, getattr(self, f.name)) for f in fields(self))
        return {name: list(value) if isinstance(value, tuple) else value
                for name, value in found}


def _annotation(spec: FieldSpec) -> object:
    """The field's Python type, for the class's annotations: ``tuple[str, ...]`` for a
    list field, the value type for a required one, else the value type or None."""
    python: type = field_type(spec.type).graphql
    if spec.list:
        return GenericAlias(tuple, (python, ...))
    return python if spec.required else python | None


def _record_class(fact: NodeType) -> type[FactRecord]:
    specs = []
    for spec in fact.fields:
        default = field(default=()) if spec.list else field(default=None)
        specs.append((spec.name, _annotation(spec), field() if spec.required else default))
    made = make_dataclass(
        f"{fact.name}Record", specs, bases=(FactRecord,), frozen=True, kw_only=True,
        namespace={"code": fact.code, "__doc__": f"An extracted {fact.title or fact.name}."},
    )
    return made


@dataclass(frozen=True)
class RecordTypes:
    """The record class of every concrete fact type of one model, by code."""

    model: Model
    by_code: Mapping[str, type[FactRecord]]

    def get(self, code: str) -> type[FactRecord]:
        try:
            return self.by_code[code]
        except KeyError:
            raise InputError(f"unknown fact type {code!r}") from None


def record_types(model: Model | None = None) -> RecordTypes:
    """The record classes of ``model`` (the loaded model by default), made once per model."""
    return _record_types(model or load_model())


@cache
def _record_types(model: Model) -> RecordTypes:
    classes = {str(f.code): _record_class(f) for f in model.fact_types if f.code}
    return RecordTypes(model, classes)


def _clean_one(code: str, spec: FieldSpec, value: Any) -> Any:
    try:
        return field_type(spec.type).clean(value)
    except ValueError as exc:
        raise InputError(f"{code}: field {spec.name!r}: {exc}") from None


def _clean(code: str, spec: FieldSpec, value: Any) -> Any:
    if spec.list:
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            raise InputError(f"{code}: field {spec.name!r} must be a list, got {value!r}")
        return tuple(_clean_one(code, spec, item) for item in value)
    return None if value is None else _clean_one(code, spec, value)


def make_record(
    code: str, values: Mapping[str, Any], model: Model | None = None
) -> FactRecord:
    """The record of fact type ``code`` holding ``values``, cleaned and checked.

    Raises :class:`InputError` for an unknown fact type, a field the type does not
    declare, a value its field type refuses, or a required field left empty.
    """
    types = record_types(model)
    record_class = types.get(code)
    fact = types.model.fact_type(code)
    declared = {spec.name for spec in fact.fields}
    unknown = [name for name in values if name not in declared]
    if unknown:
        raise InputError(f"{code}: unknown field {unknown[0]!r}")
    cleaned = {spec.name: _clean(code, spec, values.get(spec.name)) for spec in fact.fields}
    for spec in fact.fields:
        if spec.required and cleaned[spec.name] in _MISSING:
            raise InputError(f"{code}: required field {spec.name!r} is missing")
    return record_class(**cleaned)
