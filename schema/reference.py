"""Reference data: countries, blocs and the gazetteer of known actors.

The YAML files under ``schema/reference/`` are curated by hand, so every rule
the rest of the pipeline silently relies on (one bloc per country, owners that
exist, no alias pointing at two actors) is checked here once, at load time, and
a broken file fails with a :class:`ModelError` naming the file and the entry
instead of producing a wrong graph later.

Whole states are never listed in the gazetteer: each country of
``countries.yaml`` yields one derived Government entry (id = ``gov_id``) whose
capital metonyms stay apart in ``seat_aliases``, because "Washington" means the
US government only in state contexts.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from blocgraph.errors import ModelError, NotFoundError

DEFAULT_REFERENCE_DIR = Path(__file__).resolve().parent / "reference"

ENTITY_TYPES = (
    "Company",
    "Investor",
    "Government",
    "Person",
    "AIModel",
    "Hardware",
    "Regulation",
    "Organization",
)
EU_CODE = "EU"
EU_BLOC_ID = "eu"
# fmt: off
EU_MEMBER_STATES = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
})
# fmt: on
# Actors that are legal persons or public bodies always sit in a jurisdiction.
TYPES_NEEDING_COUNTRY = frozenset({"Company", "Investor", "Government"})

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO_RE = re.compile(r"^[A-Z]{2}$")
_COUNTRY_KEYS = frozenset(
    {"iso", "name", "gov_id", "demonyms", "capital", "aliases", "seat_aliases", "kind"}
)
_BLOC_KEYS = frozenset({"id", "name", "members", "default"})
_ENTRY_KEYS = frozenset(
    {
        "id",
        "name",
        "type",
        "country",
        "aliases",
        "owner",
        "description",
        "developer",
        "shared_aliases",
    }
)
_COUNTRY_KINDS = frozenset({"country", "union"})
_YamlLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def alias_key(text: str) -> str:
    """Fold a name so spelling variants news uses compare equal.

    Accents, case, full stops and a leading "the" are dropped: "the U.S." and
    "US", "Élysée" and "Elysee" are one key.
    """
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = " ".join(plain.casefold().replace(".", "").split())
    return folded.removeprefix("the ") if folded != "the" else folded


@dataclass(frozen=True)
class Country:
    iso: str
    name: str
    gov_id: str
    demonyms: tuple[str, ...]
    capital: str | None
    aliases: tuple[str, ...]
    seat_aliases: tuple[str, ...] = ()
    kind: str = "country"


@dataclass(frozen=True)
class Bloc:
    id: str
    name: str
    members: frozenset[str]
    default: bool = False


@dataclass(frozen=True)
class GazetteerEntry:
    id: str
    name: str
    type: str
    country: str | None
    aliases: tuple[str, ...] = ()
    owner: str | None = None
    description: str = ""
    developer: str | None = None
    # Capital metonyms of a derived Government; usable only in state contexts.
    seat_aliases: tuple[str, ...] = ()
    shared_aliases: tuple[str, ...] = ()
    category: str = ""
    source: str = ""

    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias (seat aliases excluded)."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class ReferenceData:
    countries: Mapping[str, Country]
    blocs: Mapping[str, Bloc]
    entries: Mapping[str, GazetteerEntry]
    governments: Mapping[str, GazetteerEntry]
    bloc_by_iso: Mapping[str, str] = field(repr=False)

    def bloc_of(self, iso: str) -> str:
        """Id of the one bloc the country belongs to."""
        try:
            return self.bloc_by_iso[iso.upper()]
        except KeyError:
            raise NotFoundError(f"unknown country code {iso!r}") from None

    def government_entries(self) -> tuple[GazetteerEntry, ...]:
        return tuple(self.governments.values())

    def all_entries(self) -> tuple[GazetteerEntry, ...]:
        """Gazetteer entries followed by the derived country governments."""
        return (*self.entries.values(), *self.governments.values())

    def entry(self, entry_id: str) -> GazetteerEntry:
        found = self.entries.get(entry_id) or self.governments.get(entry_id)
        if found is None:
            raise NotFoundError(f"no reference entry with id {entry_id!r}")
        return found

    def country_of_government(self, gov_id: str) -> Country | None:
        gov = self.governments.get(gov_id)
        return self.countries[gov.country] if gov and gov.country else None


def load_reference(base: Path | None = None) -> ReferenceData:
    """Load and validate the reference data once per directory."""
    return _load_cached((base or DEFAULT_REFERENCE_DIR).resolve())


@lru_cache(maxsize=8)
def _load_cached(base: Path) -> ReferenceData:
    countries = _parse_countries(base / "countries.yaml")
    blocs, bloc_by_iso = _parse_blocs(base / "blocs.yaml", countries)
    governments = {c.gov_id: _government_entry(c) for c in countries.values()}
    entries = _parse_gazetteer(base / "gazetteer", base, governments)
    _check_links(entries, governments)
    _check_alias_clashes([*entries.values(), *governments.values()])
    return ReferenceData(
        countries=MappingProxyType(countries),
        blocs=MappingProxyType(blocs),
        entries=MappingProxyType(entries),
        governments=MappingProxyType(governments),
        bloc_by_iso=MappingProxyType(bloc_by_iso),
    )


# --- reading -----------------------------------------------------------------


def read_reference_yaml(path: Path) -> Any:
    """One reference file's YAML document; a ModelError names the file it cannot read."""
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_YamlLoader)
    except OSError as exc:
        raise ModelError(f"{path.name}: cannot read reference file ({exc})") from exc
    except yaml.YAMLError as exc:
        raise ModelError(f"{path.name}: invalid YAML ({exc})") from exc


def _read_list(path: Path, key: str) -> list[dict[str, Any]]:
    """The list under ``key`` of a YAML file, every item a mapping."""
    doc = read_reference_yaml(path)
    items = doc.get(key) if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise ModelError(f"{path.name}: expected a top-level {key!r} list")
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise ModelError(f"{path.name}: item #{index + 1} is not a mapping")
    return items


def _where(source: str, item: Mapping[str, Any], key: str) -> str:
    return f"{source}: entry {item.get(key, '?')!r}"


def _text(item: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str | None:
    value = item.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ModelError(f"{where}: {key!r} must be a non-empty string, got {value!r}")
    return value.strip()


def _required(item: Mapping[str, Any], key: str, where: str) -> str:
    value = _text(item, key, where)
    assert value is not None
    return value


def _texts(item: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = item.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ModelError(f"{where}: {key!r} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _reject_unknown_keys(item: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise ModelError(f"{where}: unknown field(s) {', '.join(unknown)}")


def _check_id(value: str, where: str) -> None:
    if not _ID_RE.match(value):
        raise ModelError(f"{where}: id {value!r} is not a lowercase slug")


# --- countries and blocs -----------------------------------------------------


def _parse_countries(path: Path) -> dict[str, Country]:
    countries: dict[str, Country] = {}
    gov_ids: set[str] = set()
    for item in _read_list(path, "countries"):
        country = _country_from(item, _where(path.name, item, "iso"))
        where = f"{path.name}: entry {country.iso!r}"
        if country.iso in countries:
            raise ModelError(f"{where}: duplicate country code")
        if country.gov_id in gov_ids:
            raise ModelError(f"{where}: duplicate gov_id {country.gov_id!r}")
        countries[country.iso] = country
        gov_ids.add(country.gov_id)
    _check_unique_forms(path.name, countries.values(), "demonyms")
    _check_unique_forms(path.name, countries.values(), "seat_aliases")
    return countries


def _country_from(item: Mapping[str, Any], where: str) -> Country:
    _reject_unknown_keys(item, _COUNTRY_KEYS, where)
    iso = item.get("iso")
    if not isinstance(iso, str) or not _ISO_RE.match(iso):
        raise ModelError(f"{where}: 'iso' must be two uppercase letters, got {iso!r}")
    gov_id = _required(item, "gov_id", where)
    _check_id(gov_id, where)
    kind = item.get("kind", "country")
    if kind not in _COUNTRY_KINDS:
        raise ModelError(f"{where}: unknown kind {kind!r}")
    return Country(
        iso=iso,
        name=_required(item, "name", where),
        gov_id=gov_id,
        demonyms=_texts(item, "demonyms", where),
        capital=_text(item, "capital", where, required=False),
        aliases=_texts(item, "aliases", where),
        seat_aliases=_texts(item, "seat_aliases", where),
        kind=kind,
    )


def _check_unique_forms(source: str, countries: Iterable[Country], attr: str) -> None:
    """A demonym or seat naming two states would make the extractor guess."""
    owner_of: dict[str, str] = {}
    for country in countries:
        for form in getattr(country, attr):
            other = owner_of.setdefault(alias_key(form), country.iso)
            if other != country.iso:
                raise ModelError(
                    f"{source}: entry {country.iso!r}: {attr} {form!r} also used by {other!r}"
                )


def _parse_blocs(
    path: Path, countries: Mapping[str, Country]
) -> tuple[dict[str, Bloc], dict[str, str]]:
    blocs: dict[str, Bloc] = {}
    bloc_by_iso: dict[str, str] = {}
    for item in _read_list(path, "blocs"):
        bloc = _bloc_from(item, _where(path.name, item, "id"), countries)
        where = f"{path.name}: entry {bloc.id!r}"
        if bloc.id in blocs:
            raise ModelError(f"{where}: duplicate bloc id")
        for iso in sorted(bloc.members):
            if iso in bloc_by_iso:
                raise ModelError(f"{where}: {iso} is already in bloc {bloc_by_iso[iso]!r}")
            bloc_by_iso[iso] = bloc.id
        blocs[bloc.id] = bloc
    blocs = _fill_default_bloc(path.name, blocs, bloc_by_iso, countries)
    _check_eu_bloc(path.name, blocs)
    return blocs, bloc_by_iso


def _bloc_from(item: Mapping[str, Any], where: str, countries: Mapping[str, Country]) -> Bloc:
    _reject_unknown_keys(item, _BLOC_KEYS, where)
    bloc_id = _required(item, "id", where)
    _check_id(bloc_id, where)
    default = item.get("default", False)
    if not isinstance(default, bool):
        raise ModelError(f"{where}: 'default' must be true or false")
    members = _texts(item, "members", where)
    if default and members:
        raise ModelError(f"{where}: the default bloc takes the unclaimed countries; list none")
    for iso in members:
        if iso not in countries:
            raise ModelError(f"{where}: unknown country code {iso!r}")
    if len(set(members)) != len(members):
        raise ModelError(f"{where}: a country is listed twice")
    return Bloc(bloc_id, _required(item, "name", where), frozenset(members), default)


def _fill_default_bloc(
    source: str,
    blocs: dict[str, Bloc],
    bloc_by_iso: dict[str, str],
    countries: Mapping[str, Country],
) -> dict[str, Bloc]:
    """Give the default bloc every unclaimed country, or fail if one is left over."""
    defaults = [bloc for bloc in blocs.values() if bloc.default]
    if len(defaults) > 1:
        raise ModelError(f"{source}: more than one default bloc ({defaults[0].id!r} and more)")
    unclaimed = frozenset(countries) - frozenset(bloc_by_iso)
    if not defaults:
        if unclaimed:
            raise ModelError(f"{source}: countries in no bloc: {', '.join(sorted(unclaimed))}")
        return blocs
    default = defaults[0]
    for iso in unclaimed:
        bloc_by_iso[iso] = default.id
    filled = Bloc(default.id, default.name, unclaimed, default=True)
    return {bloc_id: (filled if bloc_id == default.id else b) for bloc_id, b in blocs.items()}


def _check_eu_bloc(source: str, blocs: Mapping[str, Bloc]) -> None:
    expected = EU_MEMBER_STATES | {EU_CODE}
    eu = blocs.get(EU_BLOC_ID)
    if eu is None:
        raise ModelError(f"{source}: the {EU_BLOC_ID!r} bloc is missing")
    if eu.members != expected:
        extra = ", ".join(sorted(eu.members - expected)) or "none"
        missing = ", ".join(sorted(expected - eu.members)) or "none"
        raise ModelError(
            f"{source}: entry {EU_BLOC_ID!r}: must hold the 27 member states and EU "
            f"(extra: {extra}; missing: {missing})"
        )


def _government_entry(country: Country) -> GazetteerEntry:
    """The Government entity standing for a whole state, with its usual press names.

    "<demonym> government" is added for states only: "a European government" is
    any member state, not the Union.
    """
    demonyms = country.demonyms if country.kind == "country" else ()
    extra = [f"{country.name} government", *(f"{d} government" for d in demonyms)]
    aliases = tuple(dict.fromkeys([*country.aliases, *extra]))
    what = "supranational union" if country.kind == "union" else "national government"
    return GazetteerEntry(
        id=country.gov_id,
        name=country.name,
        type="Government",
        country=country.iso,
        aliases=aliases,
        description=f"{country.name} ({what})",
        seat_aliases=country.seat_aliases,
        category="countries",
        source="countries.yaml",
    )


# --- gazetteer ---------------------------------------------------------------


def _parse_gazetteer(
    folder: Path, base: Path, governments: Mapping[str, GazetteerEntry]
) -> dict[str, GazetteerEntry]:
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise ModelError(f"{folder.name}/: no gazetteer files found")
    entries: dict[str, GazetteerEntry] = {}
    for path in files:
        source = path.relative_to(base).as_posix()
        for item in _read_list(path, "entries"):
            entry = _entry_from(item, source, path.stem)
            where = f"{source}: entry {entry.id!r}"
            clash = entries.get(entry.id) or governments.get(entry.id)
            if clash is not None:
                raise ModelError(f"{where}: duplicate id, already defined in {clash.source}")
            entries[entry.id] = entry
    return entries


def _entry_from(item: Mapping[str, Any], source: str, category: str) -> GazetteerEntry:
    where = _where(source, item, "id")
    _reject_unknown_keys(item, _ENTRY_KEYS, where)
    entry_id = _required(item, "id", where)
    _check_id(entry_id, where)
    entry_type = _required(item, "type", where)
    if entry_type not in ENTITY_TYPES:
        raise ModelError(f"{where}: unknown type {entry_type!r} (one of {', '.join(ENTITY_TYPES)})")
    country = _text(item, "country", where, required=False)
    if country is None and entry_type in TYPES_NEEDING_COUNTRY:
        raise ModelError(f"{where}: a {entry_type} needs a country")
    return GazetteerEntry(
        id=entry_id,
        name=_required(item, "name", where),
        type=entry_type,
        country=country,
        aliases=_texts(item, "aliases", where),
        owner=_text(item, "owner", where, required=False),
        description=_text(item, "description", where, required=False) or "",
        developer=_text(item, "developer", where, required=False),
        shared_aliases=_texts(item, "shared_aliases", where),
        category=category,
        source=source,
    )


def _check_links(
    entries: Mapping[str, GazetteerEntry], governments: Mapping[str, GazetteerEntry]
) -> None:
    """Countries, owners and developers must point at something that exists."""
    known_isos = {gov.country for gov in governments.values()}
    known_ids = set(entries) | set(governments)
    for entry in entries.values():
        where = f"{entry.source}: entry {entry.id!r}"
        if entry.country is not None and entry.country not in known_isos:
            raise ModelError(f"{where}: unknown country code {entry.country!r}")
        for role in ("owner", "developer"):
            target = getattr(entry, role)
            if target == entry.id:
                raise ModelError(f"{where}: {role} is the entry itself")
            if target is not None and target not in known_ids:
                raise ModelError(f"{where}: {role} {target!r} does not exist")
        for alias in entry.shared_aliases:
            if alias_key(alias) not in {alias_key(n) for n in entry.names()}:
                raise ModelError(f"{where}: shared alias {alias!r} is not one of its names")
    _check_owner_cycles(entries)


def _check_owner_cycles(entries: Mapping[str, GazetteerEntry]) -> None:
    for start in entries.values():
        seen = [start.id]
        current = start.owner
        while current is not None and current in entries:
            if current in seen:
                chain = " -> ".join([*seen, current])
                raise ModelError(f"{start.source}: entry {start.id!r}: ownership cycle {chain}")
            seen.append(current)
            current = entries[current].owner


def _check_alias_clashes(entries: Iterable[GazetteerEntry]) -> None:
    """Report every name or alias that would resolve to two different actors."""
    users: dict[str, dict[str, GazetteerEntry]] = defaultdict(dict)
    for entry in entries:
        for name in entry.names():
            users[alias_key(name)][entry.id] = entry
    problems = list(_unallowed_clashes(users))
    if problems:
        raise ModelError(f"alias clash(es) in the gazetteer: {'; '.join(problems)}")


def _unallowed_clashes(users: Mapping[str, Mapping[str, GazetteerEntry]]) -> Iterator[str]:
    for key, by_id in sorted(users.items()):
        if len(by_id) < 2:
            continue
        allowed = all(key in {alias_key(a) for a in e.shared_aliases} for e in by_id.values())
        if not allowed:
            who = " and ".join(f"{e.id!r} ({e.source})" for e in by_id.values())
            yield f"{key!r} is used by {who}"
