"""The actors a synthetic corpus talks about: gazetteer entries plus invented names.

Built once per corpus from the reference data so that picking an actor while
writing an article is a ``rng.choice`` over a prepared tuple; that keeps the
generator at thousands of articles per second.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

from bench import vocabulary as voc
from blocgraph.schema.reference import GazetteerEntry, ReferenceData, load_reference

INVENTED_COMPANIES = 600
INVENTED_INVESTORS = 300
KNOWN_COMPANY_SHARE = 0.35
KNOWN_INVESTOR_MAX = 3
KNOWN_PERSON_SHARE = 0.2
BIGTECH_CATEGORIES = frozenset({"big_tech", "cloud", "chips"})
FOCUS_CATEGORIES = frozenset({"ai_labs", "chips", "cloud", "big_tech"})
BUSINESS_PEOPLE = ("CEO", "founder", "chief", "President of", "CTO", "scientist", "executive",
                   "chair")
INVENTED_ISO_WEIGHTS = {"US": 30, "CN": 20, "FR": 8, "DE": 7, "GB": 7, "JP": 4, "KR": 4, "IN": 4,
                        "SG": 3, "AE": 3, "SA": 2, "IL": 2, "CA": 3, "NL": 2, "TW": 2, "SE": 1,
                        "CH": 1, "FI": 1, "IT": 1, "ES": 1}
_LEGAL_WORDS = ("Inc", "Corp", "Ltd", "GmbH", "SAS", "PBC", "LLC", "Co.", "Limited", "plc")
_THE_PREFIXES = ("US ", "UK ", "United ", "European ", "National ", "Federal ", "Office ",
                 "Ministry ", "Department ", "Bureau ", "Committee ", "Center ", "Chief ",
                 "State ", "Securities ", "White ", "Cyberspace ", "People's ")


@dataclass(frozen=True)
class Actor:
    name: str
    short: str
    iso: str
    entry_id: str | None = None
    owner: str | None = None


@dataclass(frozen=True)
class Place:
    name: str
    demonym: str


@dataclass(frozen=True)
class Cast:
    countries: dict[str, Place]
    companies: tuple[Actor, ...]
    invented_by_iso: dict[str, tuple[Actor, ...]]
    known_by_iso: dict[str, tuple[Actor, ...]]
    known_investors: tuple[str, ...]
    invented_investors: tuple[str, ...]
    state_funds: tuple[tuple[str, str], ...]
    bigtech: tuple[str, ...]
    people: tuple[str, ...]
    models_by_developer: dict[str, tuple[str, ...]]
    hardware: tuple[str, ...]
    bodies_by_iso: dict[str, tuple[str, ...]]

    def pick_company(self, rng: random.Random) -> Actor:
        if rng.random() < KNOWN_COMPANY_SHARE:
            return rng.choice(self.companies)
        iso = rng.choices(tuple(INVENTED_ISO_WEIGHTS), tuple(INVENTED_ISO_WEIGHTS.values()))[0]
        return rng.choice(self.invented_by_iso[iso])

    def pick_rival(self, rng: random.Random, iso: str) -> Actor:
        """A company of the other bloc, the usual target of bans and export controls."""
        rival_iso = rng.choice(voc.RIVAL_ISO.get(iso, voc.DEFAULT_RIVALS))
        pool = self.known_by_iso if rng.random() < 0.5 else self.invented_by_iso
        return rng.choice(pool[rival_iso])

    def owner_of(self, rng: random.Random, company: Actor) -> str:
        """The real parent when the gazetteer knows one, else a big company of the same country."""
        if company.owner:
            return company.owner
        others = [a.name for a in self.known_by_iso[company.iso] if a.name != company.name]
        return rng.choice(others or list(self.bigtech))

    def pick_investors(self, rng: random.Random, count: int) -> list[str]:
        known = rng.sample(self.known_investors, rng.randint(0, KNOWN_INVESTOR_MAX))
        chosen = known + rng.sample(self.invented_investors, count - len(known))
        rng.shuffle(chosen)
        return chosen

    def pick_state_fund(self, rng: random.Random) -> tuple[str, str]:
        return rng.choice(self.state_funds)

    def pick_city(self, rng: random.Random, iso: str) -> str:
        return rng.choice(voc.CITIES.get(iso, ("London",)))

    def pick_person(self, rng: random.Random, iso: str) -> str:
        if rng.random() < KNOWN_PERSON_SHARE:
            return rng.choice(self.people)
        group = voc.NAME_GROUP_OF_ISO.get(iso, "en")
        given, family = rng.choice(voc.FIRST_NAMES[group]), rng.choice(voc.LAST_NAMES[group])
        return f"{family} {given}" if group in voc.FAMILY_NAME_FIRST else f"{given} {family}"

    def pick_model(self, rng: random.Random, company: Actor) -> str:
        known = self.models_by_developer.get(company.entry_id or "")
        if known:
            return rng.choice(known)
        stem = company.short if rng.random() < 0.4 else rng.choice(voc.MODEL_STEMS)
        return f"{stem}{rng.choice(('-', ' '))}{rng.randint(1, 5)}"

    def pick_hardware(self, rng: random.Random) -> str:
        if rng.random() < 0.7:
            return rng.choice(self.hardware)
        return f"{rng.choice(voc.CHIP_STEMS)} X{rng.randint(1, 9)}"

    def pick_bigtech(self, rng: random.Random) -> str:
        return rng.choice(self.bigtech)

    def pick_body(self, rng: random.Random, iso: str) -> str:
        place = self.countries[iso]
        options = (*self.bodies_by_iso.get(iso, ()), f"the {place.demonym} government", place.name)
        return rng.choice(options)


def build_cast(rng: random.Random, reference: ReferenceData | None = None) -> Cast:
    """Everything articles can name, from ``reference`` (default: the packaged one)."""
    ref = reference or load_reference()
    entries = tuple(ref.entries.values())
    countries = {iso: _place(ref, iso) for iso in {*voc.CITIES, *_countries_of(entries)}}
    companies = tuple(_actor(e, ref) for e in entries if e.type == "Company"
                      and e.country in voc.CITIES and e.category in FOCUS_CATEGORIES)
    invented = _invented_companies(rng)
    return Cast(
        countries=countries,
        companies=companies,
        invented_by_iso=_by_iso(invented),
        known_by_iso=_by_iso(companies),
        known_investors=tuple(e.name for e in entries
                              if e.type == "Investor" and e.owner not in ref.governments),
        invented_investors=_invented_investors(rng),
        state_funds=_state_funds(ref, countries),
        bigtech=tuple(e.name for e in entries
                      if e.type == "Company" and e.category in BIGTECH_CATEGORIES),
        people=tuple(e.name for e in entries if e.type == "Person"
                     and any(word in e.description for word in BUSINESS_PEOPLE)),
        models_by_developer=_models_by_developer(entries),
        hardware=tuple(e.name for e in entries if e.type == "Hardware"),
        bodies_by_iso=_bodies_by_iso(entries),
    )


def _countries_of(entries: tuple[GazetteerEntry, ...]) -> set[str]:
    return {e.country for e in entries if e.country}


def _place(ref: ReferenceData, iso: str) -> Place:
    country = ref.countries[iso]
    name = f"the {country.name}" if country.name.startswith(_THE_PREFIXES) else country.name
    return Place(name, country.demonyms[0] if country.demonyms else country.name)


def _actor(entry: GazetteerEntry, ref: ReferenceData) -> Actor:
    short = min((a for a in entry.aliases if _usable_short(a, entry.name)), key=len,
                default=entry.name)
    owner = ref.entries.get(entry.owner or "")
    return Actor(entry.name, short, entry.country or "US", entry.id, owner.name if owner else None)


def _usable_short(alias: str, name: str) -> bool:
    return len(alias) < len(name) and not any(w in alias for w in _LEGAL_WORDS) and "." not in alias


def _by_iso(actors: tuple[Actor, ...]) -> dict[str, tuple[Actor, ...]]:
    grouped: dict[str, list[Actor]] = defaultdict(list)
    for actor in actors:
        grouped[actor.iso].append(actor)
    return {iso: tuple(found) for iso, found in grouped.items()}


def _stem(rng: random.Random) -> str:
    return (rng.choice(voc.SYLLABLE_HEADS) + rng.choice(voc.SYLLABLE_MIDS)
            + rng.choice(voc.SYLLABLE_TAILS))


def _invented_companies(rng: random.Random) -> tuple[Actor, ...]:
    """Unseen companies spread over countries; every country in the weights gets some."""
    actors: dict[str, Actor] = {}
    isos = tuple(INVENTED_ISO_WEIGHTS)
    while len(actors) < INVENTED_COMPANIES:
        stem = _stem(rng)
        name = f"{stem} {rng.choice(voc.COMPANY_SUFFIXES)}".strip()
        iso = isos[len(actors) % len(isos)] if len(actors) < len(isos) else rng.choices(
            isos, tuple(INVENTED_ISO_WEIGHTS.values()))[0]
        actors.setdefault(name, Actor(name, stem, iso))
    return tuple(actors.values())


def _invented_investors(rng: random.Random) -> tuple[str, ...]:
    names: set[str] = set()
    while len(names) < INVENTED_INVESTORS:
        head = rng.choice(voc.INVESTOR_WORDS) if rng.random() < 0.5 else _stem(rng)
        names.add(f"{head} {rng.choice(voc.INVESTOR_SUFFIXES)}")
    return tuple(sorted(names))


def _state_funds(ref: ReferenceData, countries: dict[str, Place]) -> tuple[tuple[str, str], ...]:
    """(fund, owning country) pairs: "Singapore's sovereign wealth fund Temasek"."""
    funds = []
    for entry in ref.entries.values():
        if entry.type == "Investor" and entry.owner in ref.governments and entry.country:
            place = countries.get(entry.country) or _place(ref, entry.country)
            funds.append((entry.name, place.name))
    return tuple(funds)


def _models_by_developer(entries: tuple[GazetteerEntry, ...]) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        if entry.type == "AIModel" and entry.developer:
            grouped[entry.developer].append(entry.name)
    return {developer: tuple(names) for developer, names in grouped.items()}


def _bodies_by_iso(entries: tuple[GazetteerEntry, ...]) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        if entry.type == "Government" and entry.country:
            grouped[entry.country].append(_with_article(entry.name))
    return {iso: tuple(names) for iso, names in grouped.items()}


def _with_article(name: str) -> str:
    """Bodies named by a common noun phrase take "the": "the Federal Trade Commission"."""
    return f"the {name}" if name.startswith(_THE_PREFIXES) or " of " in name else name
