"""Places gazetteer: city, region and area names mapped to an ISO country code.

News rarely says "a German company"; it says "Heidelberg-based" or "Santa Clara,
California". This module turns such place mentions into a country so the
extractor can fill HEADQUARTERS facts and bloc membership. Names are matched
after folding case, diacritics, punctuation and "Saint"/"St." so the spelling a
reporter picks ("Zurich", "Zürich", "St. Gallen", "Sankt Gallen") does not matter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from blocgraph.errors import ModelError

PLACES_FILE = Path(__file__).parent / "reference" / "places.yaml"
KINDS = frozenset({"city", "region", "area"})
_ISO = re.compile(r"^[A-Z]{2}$")
_FIELDS = frozenset({"name", "iso", "kind", "aliases", "ambiguous"})

# Letters NFKD leaves alone but a reader treats as their base letter.
_LETTER_FOLDS = str.maketrans(
    "łŁøØđĐ\u0131\u2019\u2018",
    "lLoOdDi''",
)
_LIGATURES = {"æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d"}
_SAINT = re.compile(r"\b(?:saint|sankt|st)\b")
_SAINTE = re.compile(r"\b(?:sainte|ste)\b")
_DROPPED = re.compile("[.'`\u00b4]")
_SEPARATORS = re.compile(r"[^\w]+")
_POSSESSIVE = re.compile("['\u2019]s$", re.IGNORECASE)
_BASED_SUFFIX = re.compile(r"[\s-]+based$", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_PHRASE_PREFIX = re.compile(
    r"^(?:(?:based|headquartered|located|incorporated|registered|situated)\s+)?(?:in|at)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Place:
    name: str
    iso: str
    kind: str
    aliases: tuple[str, ...] = ()
    ambiguous: bool = False


def normalize_place(text: str) -> str:
    """Fold a spelling to the key names are compared by.

    Diacritics, case, dots, apostrophes, hyphens and commas all vary between
    outlets for the same place, so none of them may decide a match.
    """
    folded = text.translate(_LETTER_FOLDS)
    for ligature, letters in _LIGATURES.items():
        folded = folded.replace(ligature, letters)
    decomposed = unicodedata.normalize("NFKD", folded)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    spaced = _SEPARATORS.sub(" ", _DROPPED.sub("", stripped)).strip()
    return _SAINTE.sub("ste", _SAINT.sub("st", spaced))


def _spelling_variants(text: str) -> list[str]:
    """The raw text plus forms without "'s", "-based" and a leading "the"."""
    variants = [text.strip()]
    for pattern in (_POSSESSIVE, _BASED_SUFFIX, _LEADING_THE):
        variants += [pattern.sub("", v).strip() for v in variants]
    return list(dict.fromkeys(v for v in variants if v))


@dataclass(frozen=True)
class Places:
    """The loaded gazetteer with an index from folded name to places."""

    entries: tuple[Place, ...]
    _index: dict[str, tuple[Place, ...]] = field(repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Place]:
        return iter(self.entries)

    def candidates(self, text: str) -> list[Place]:
        """Every place the text may name, most likely first (file order)."""
        for variant in _spelling_variants(text):
            found = self._index.get(normalize_place(variant))
            if found:
                return list(found)
        return []

    def lookup(self, text: str) -> Place | None:
        """The place the text most likely names, or None."""
        found = self.candidates(text)
        return found[0] if found else None

    def names(self) -> list[str]:
        """All names and aliases as written, for building matcher patterns."""
        seen = (n for p in self.entries for n in (p.name, *p.aliases))
        return list(dict.fromkeys(seen))

    def of_iso(self, iso: str) -> list[Place]:
        return [p for p in self.entries if p.iso == iso]


def build_places(raw: Any, source: str = "places") -> Places:
    """Validate raw YAML data and index it; errors name the offending entry."""
    if not isinstance(raw, list):
        raise ModelError(f"{source}: expected a list of place entries")
    entries = tuple(_parse_entry(item, source, i) for i, item in enumerate(raw))
    index = _index_entries(entries, source)
    return Places(entries=entries, _index=index)


def _parse_entry(item: Any, source: str, position: int) -> Place:
    where = f"{source} entry {position + 1}"
    if not isinstance(item, dict):
        raise ModelError(f"{where}: expected a mapping, got {item!r}")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ModelError(f"{where}: empty or missing name")
    where = f"{where} ({name!r})"
    unknown = set(item) - _FIELDS
    if unknown:
        raise ModelError(f"{where}: unknown fields {sorted(unknown)}")
    iso = item.get("iso")
    if not isinstance(iso, str) or not _ISO.match(iso):
        raise ModelError(f"{where}: iso {iso!r} is not an ISO alpha-2 code")
    kind = item.get("kind")
    if kind not in KINDS:
        raise ModelError(f"{where}: kind {kind!r} is not one of {sorted(KINDS)}")
    aliases = _parse_aliases(item.get("aliases", []), where)
    ambiguous = item.get("ambiguous", False)
    if not isinstance(ambiguous, bool):
        raise ModelError(f"{where}: ambiguous must be true or false")
    return Place(name.strip(), iso, str(kind), aliases, ambiguous)


def _parse_aliases(raw: Any, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ModelError(f"{where}: aliases must be a list")
    for alias in raw:
        if not isinstance(alias, str) or not normalize_place(alias):
            raise ModelError(f"{where}: empty or non-text alias {alias!r}")
    return tuple(a.strip() for a in raw)


def _index_entries(entries: tuple[Place, ...], source: str) -> dict[str, tuple[Place, ...]]:
    """Map folded names to places, rejecting repeats within one country.

    A name shared across countries is allowed only when every entry carrying it
    says so with ``ambiguous: true``, so a silent collision cannot misfile a place.
    """
    index: dict[str, list[Place]] = {}
    for place in entries:
        keys = dict.fromkeys(normalize_place(n) for n in (place.name, *place.aliases))
        for key in keys:
            if not key:
                raise ModelError(f"{source}: {place.name!r} has a name with no letters")
            holders = index.setdefault(key, [])
            _check_collision(place, key, holders, source)
            holders.append(place)
    return {key: tuple(places) for key, places in index.items()}


def _check_collision(place: Place, key: str, holders: list[Place], source: str) -> None:
    for other in holders:
        if other.iso == place.iso:
            raise ModelError(
                f"{source}: {place.name!r} repeats the name {key!r} of {other.name!r} "
                f"in {place.iso}"
            )
        if not (place.ambiguous and other.ambiguous):
            raise ModelError(
                f"{source}: {place.name!r} ({place.iso}) shares {key!r} with "
                f"{other.name!r} ({other.iso}); mark both ambiguous: true"
            )


def read_places(path: Path) -> Places:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ModelError(f"cannot read places file {path}: {exc}") from exc
    return build_places(raw, source=str(path))


@lru_cache(maxsize=8)
def _cached_places(path: Path) -> Places:
    return read_places(path)


def load_places(path: Path | str | None = None) -> Places:
    """The gazetteer from ``path`` (default: the packaged places.yaml), cached."""
    return _cached_places(Path(path) if path is not None else PLACES_FILE)


def country_of_place_phrase(
    text: str,
    places: Places | None = None,
    country_iso: Callable[[str], str | None] | None = None,
) -> str | None:
    """ISO code for a phrase like "Santa Clara, California" or "Heidelberg, Germany".

    The broader comma parts ("Massachusetts" in "Cambridge, Massachusetts") are
    trusted over an ambiguous city, since they are what a writer adds to
    disambiguate. Country names are not in this gazetteer; pass ``country_iso``
    (e.g. a countries.yaml lookup) to let a trailing country name decide.
    """
    gazetteer = places or load_places()
    phrase = _clean_phrase(text)
    if not phrase:
        return None
    whole = gazetteer.lookup(phrase)
    if whole is not None and not whole.ambiguous:
        return whole.iso
    parts = [p.strip() for p in phrase.split(",") if p.strip()]
    decided = _decisive_part_iso(parts, gazetteer, country_iso)
    if decided is not None:
        return decided
    fallback = whole or next(filter(None, map(gazetteer.lookup, parts)), None)
    return fallback.iso if fallback else None


def _clean_phrase(text: str) -> str:
    phrase = _PHRASE_PREFIX.sub("", text.strip())
    return _BASED_SUFFIX.sub("", phrase.strip()).strip(" \t\n,;:()")


def _decisive_part_iso(
    parts: list[str], gazetteer: Places, country_iso: Callable[[str], str | None] | None
) -> str | None:
    """The first unambiguous answer reading parts from the broadest (last) one."""
    for part in reversed(parts):
        iso = _country_iso_of(part, country_iso)
        if iso:
            return iso
        place = gazetteer.lookup(part)
        if place is not None and not place.ambiguous:
            return place.iso
    return None


def _country_iso_of(part: str, country_iso: Callable[[str], str | None] | None) -> str | None:
    if country_iso is None:
        return None
    return next(filter(None, map(country_iso, _spelling_variants(part))), None)
