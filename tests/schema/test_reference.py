"""Tests for the reference data (countries, blocs, gazetteer) and its validating loader."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from blocgraph.errors import ModelError, NotFoundError
from blocgraph.schema.reference import (
    DEFAULT_REFERENCE_DIR,
    ENTITY_TYPES,
    EU_MEMBER_STATES,
    ReferenceData,
    alias_key,
    load_reference,
)

EXPECTED_CATEGORIES = {
    "ai_labs",
    "big_tech",
    "chips",
    "cloud",
    "investors",
    "state_funds",
    "governments",
    "people",
    "models",
    "hardware",
    "regulations",
    "organizations",
    "media",
}


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return load_reference()


# --- the real data -----------------------------------------------------------


def test_every_iso_code_plus_the_eu(ref: ReferenceData) -> None:
    codes = set(ref.countries)
    assert len(codes) == 250
    assert "EU" in codes
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in codes)
    assert {"FR", "US", "CN", "TW", "NO", "GB", "AE", "AQ", "UM"} <= codes
    assert ref.countries["EU"].kind == "union"
    assert all(c.kind == "country" for iso, c in ref.countries.items() if iso != "EU")


def test_country_fields(ref: ReferenceData) -> None:
    us = ref.countries["US"]
    assert us.gov_id == "united-states"
    assert {"the US", "U.S.", "USA", "America"} <= set(us.aliases)
    assert "Washington" in us.seat_aliases
    assert "Washington" not in us.aliases
    assert "American" in us.demonyms
    assert ref.countries["GB"].gov_id == "united-kingdom"
    assert "Britain" in ref.countries["GB"].aliases
    assert "Emirati" in ref.countries["AE"].demonyms
    assert ref.countries["KR"].gov_id == "south-korea"
    assert ref.countries["SA"].gov_id == "saudi-arabia"
    assert "Dutch" in ref.countries["NL"].demonyms
    assert ref.countries["EU"].seat_aliases == ("Brussels",)


def test_blocs_cover_every_country_exactly_once(ref: ReferenceData) -> None:
    assert len(ref.blocs) >= 9
    assert {"us", "china", "eu", "uk", "russia", "gulf", "india", "japan", "other"} <= set(
        ref.blocs
    )
    memberships = [iso for bloc in ref.blocs.values() for iso in bloc.members]
    assert len(memberships) == len(set(memberships)) == len(ref.countries)
    assert all(ref.bloc_of(iso) in ref.blocs for iso in ref.countries)


def test_bloc_spot_checks(ref: ReferenceData) -> None:
    assert ref.blocs["eu"].members == EU_MEMBER_STATES | {"EU"}
    assert len(ref.blocs["eu"].members) == 28
    assert ref.blocs["us"].members == {"US", "PR", "GU", "VI", "AS", "MP", "UM"}
    assert ref.blocs["china"].members == {"CN", "HK", "MO"}
    assert ref.blocs["gulf"].members == {"SA", "AE", "QA", "KW", "BH", "OM"}
    assert ref.bloc_of("FR") == "eu"
    assert ref.bloc_of("EU") == "eu"
    assert ref.bloc_of("fr") == "eu"
    assert ref.bloc_of("SG") == "other"
    assert ref.bloc_of("TW") == "other"
    assert ref.bloc_of("HK") == "china"
    assert ref.bloc_of("BY") == "russia"
    assert ref.blocs["other"].default


def test_bloc_of_unknown_code(ref: ReferenceData) -> None:
    with pytest.raises(NotFoundError, match="XX"):
        ref.bloc_of("XX")


def test_gazetteer_size_types_and_categories(ref: ReferenceData) -> None:
    entries = list(ref.entries.values())
    assert len(entries) >= 260
    assert {e.type for e in entries} == set(ENTITY_TYPES)
    assert {e.category for e in entries} >= EXPECTED_CATEGORIES
    assert all(e.source.startswith("gazetteer/") for e in entries)


def test_ids_are_unique_across_gazetteer_and_governments(ref: ReferenceData) -> None:
    all_ids = [e.id for e in ref.all_entries()]
    assert len(all_ids) == len(set(all_ids))
    assert len(ref.governments) == len(ref.countries)
    assert not set(ref.entries) & set(ref.governments)


def test_links_resolve(ref: ReferenceData) -> None:
    for entry in ref.entries.values():
        for target in (entry.owner, entry.developer):
            if target is not None:
                assert ref.entry(target).id == target
        assert entry.country is None or entry.country in ref.countries


def test_whole_countries_are_not_in_the_gazetteer(ref: ReferenceData) -> None:
    country_names = {alias_key(c.name) for c in ref.countries.values()}
    for entry in ref.entries.values():
        assert alias_key(entry.name) not in country_names, entry.id


def test_derived_government_entries(ref: ReferenceData) -> None:
    us = ref.entry("united-states")
    assert us in ref.government_entries()
    assert us.type == "Government"
    assert us.country == "US"
    assert us.category == "countries"
    assert "Washington" in us.seat_aliases
    assert "Washington" not in us.names()
    assert "American government" in us.aliases
    assert ref.country_of_government("france") is ref.countries["FR"]
    assert ref.entry("european-union").country == "EU"


def test_gazetteer_spot_checks(ref: ReferenceData) -> None:
    assert ref.entry("temasek").owner == "singapore"
    assert ref.entry("gic").owner == "singapore"
    assert ref.entry("pif").owner == "saudi-arabia"
    assert ref.entry("bpifrance").owner == "france"
    assert ref.entry("aws").owner == "amazon"
    assert ref.entry("google").owner == "alphabet"
    assert ref.entry("deepmind").owner == "google"
    assert ref.entry("bosch-ventures").owner == "bosch"
    assert ref.entry("softbank-group").type == "Company"
    assert ref.entry("mistral-ai").country == "FR"
    assert ref.entry("eu-ai-act").country == "EU"
    assert "AI Act" in ref.entry("eu-ai-act").aliases
    assert ref.entry("deepseek-r1").developer == "deepseek"
    assert ref.entry("bis").type == "Government"


def test_a16z_alias_points_at_andreessen_horowitz(ref: ReferenceData) -> None:
    owners = [e.id for e in ref.all_entries() if alias_key("a16z") in map(alias_key, e.names())]
    assert owners == ["andreessen-horowitz"]


def test_loader_is_cached(ref: ReferenceData) -> None:
    assert load_reference() is ref
    assert load_reference(DEFAULT_REFERENCE_DIR) is ref


def test_alias_key_folds_press_variants() -> None:
    assert alias_key("the U.S.") == alias_key("US") == "us"
    assert alias_key("Élysée") == alias_key("elysee")
    assert alias_key("  Nvidia   Corp. ") == "nvidia corp"
    assert alias_key("The Information") == "information"


# --- broken fixtures ---------------------------------------------------------

GOOD_ENTRIES = """\
entries:
- {id: acme, name: Acme, type: Company, country: US, owner: null, aliases: [Acme Corp]}
- {id: acme-ventures, name: Acme Ventures, type: Investor, country: US, owner: acme}
- {id: widget-1, name: Widget One, type: AIModel, country: null, developer: acme}
"""


def make_reference(tmp_path: Path, entries: str = GOOD_ENTRIES, blocs: str | None = None) -> Path:
    """A reference folder with the real countries, the given blocs and one gazetteer file."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEFAULT_REFERENCE_DIR / "countries.yaml", tmp_path / "countries.yaml")
    blocs_text = (DEFAULT_REFERENCE_DIR / "blocs.yaml").read_text(encoding="utf-8")
    (tmp_path / "blocs.yaml").write_text(blocs or blocs_text, encoding="utf-8")
    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "gazetteer" / "test.yaml").write_text(entries, encoding="utf-8")
    return tmp_path


def test_fixture_baseline_is_valid(tmp_path: Path) -> None:
    ref = load_reference(make_reference(tmp_path))
    assert set(ref.entries) == {"acme", "acme-ventures", "widget-1"}
    assert ref.entry("acme-ventures").owner == "acme"


BROKEN_ENTRIES = {
    "duplicate id": (
        GOOD_ENTRIES + "- {id: acme, name: Acme Two, type: Company, country: FR}\n",
        r"gazetteer/test\.yaml: entry 'acme': duplicate id",
    ),
    "id of a country government": (
        GOOD_ENTRIES + "- {id: france, name: Paris Inc, type: Company, country: FR}\n",
        r"gazetteer/test\.yaml: entry 'france': duplicate id.*countries\.yaml",
    ),
    "unknown type": (
        GOOD_ENTRIES + "- {id: robo, name: Robo, type: Robot, country: US}\n",
        r"gazetteer/test\.yaml: entry 'robo': unknown type 'Robot'",
    ),
    "bad country": (
        GOOD_ENTRIES + "- {id: robo, name: Robo, type: Company, country: XX}\n",
        r"gazetteer/test\.yaml: entry 'robo': unknown country code 'XX'",
    ),
    "company without country": (
        GOOD_ENTRIES + "- {id: robo, name: Robo, type: Company, country: null}\n",
        r"entry 'robo': a Company needs a country",
    ),
    "missing owner": (
        GOOD_ENTRIES + "- {id: robo, name: Robo, type: Company, country: US, owner: nobody}\n",
        r"gazetteer/test\.yaml: entry 'robo': owner 'nobody' does not exist",
    ),
    "missing developer": (
        GOOD_ENTRIES + "- {id: m2, name: M2, type: AIModel, country: null, developer: nobody}\n",
        r"entry 'm2': developer 'nobody' does not exist",
    ),
    "unknown field": (
        GOOD_ENTRIES + "- {id: robo, name: Robo, type: Company, country: US, ownr: acme}\n",
        r"entry 'robo': unknown field\(s\) ownr",
    ),
    "bad id": (
        GOOD_ENTRIES + "- {id: Robo Inc, name: Robo, type: Company, country: US}\n",
        r"id 'Robo Inc' is not a lowercase slug",
    ),
    "ownership cycle": (
        GOOD_ENTRIES
        + "- {id: a1, name: A1, type: Company, country: US, owner: b1}\n"
        + "- {id: b1, name: B1, type: Company, country: US, owner: a1}\n",
        r"ownership cycle a1 -> b1 -> a1",
    ),
    "alias clash": (
        GOOD_ENTRIES + "- {id: acme-2, name: ACME Corp., type: Company, country: GB}\n",
        r"'acme corp' is used by 'acme' .*and 'acme-2'",
    ),
    "alias clash with a country": (
        GOOD_ENTRIES + "- {id: usa-inc, name: USA Inc, type: Company, country: US, "
        "aliases: [U.S.A.]}\n",
        r"'usa' is used by 'usa-inc' .*and 'united-states' \(countries\.yaml\)",
    ),
    "not a list": ("entries: {id: acme}\n", r"test\.yaml: expected a top-level 'entries' list"),
    "invalid yaml": ("entries: [\n", r"test\.yaml: invalid YAML"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_ENTRIES))
def test_loader_rejects_broken_gazetteer(tmp_path: Path, case: str) -> None:
    entries, message = BROKEN_ENTRIES[case]
    with pytest.raises(ModelError, match=message):
        load_reference(make_reference(tmp_path, entries))


def test_shared_alias_is_allowed_when_both_sides_declare_it(tmp_path: Path) -> None:
    entries = GOOD_ENTRIES.replace(
        "aliases: [Acme Corp]", "aliases: [Acme Corp, AC], shared_aliases: [AC]"
    )
    entries += "- {id: ac-2, name: AC, type: Company, country: GB, shared_aliases: [AC]}\n"
    ref = load_reference(make_reference(tmp_path, entries))
    assert "ac-2" in ref.entries
    one_sided = entries.replace("shared_aliases: [AC]}", "}")
    with pytest.raises(ModelError, match="'ac' is used by"):
        load_reference(make_reference(tmp_path / "one-sided", one_sided))


def real_blocs() -> str:
    path: Path = DEFAULT_REFERENCE_DIR / "blocs.yaml"
    return path.read_text(encoding="utf-8")


def test_loader_rejects_country_in_two_blocs(tmp_path: Path) -> None:
    blocs = real_blocs().replace("members: [IN]", "members: [IN, JP]")
    with pytest.raises(ModelError, match=r"blocs\.yaml: entry 'japan': JP is already in bloc"):
        load_reference(make_reference(tmp_path, blocs=blocs))


def test_loader_rejects_unknown_bloc_member(tmp_path: Path) -> None:
    blocs = real_blocs().replace("members: [IN]", "members: [IN, XX]")
    with pytest.raises(ModelError, match=r"entry 'india': unknown country code 'XX'"):
        load_reference(make_reference(tmp_path, blocs=blocs))


def test_loader_rejects_countries_left_without_a_bloc(tmp_path: Path) -> None:
    blocs = real_blocs().replace("  default: true\n", "  members: [SG]\n")
    with pytest.raises(ModelError, match=r"countries in no bloc: .*TW"):
        load_reference(make_reference(tmp_path, blocs=blocs))


def test_loader_rejects_an_eu_bloc_without_its_27(tmp_path: Path) -> None:
    blocs = real_blocs().replace("members: [EU, AT, ", "members: [EU, ")
    with pytest.raises(ModelError, match=r"entry 'eu': must hold the 27 .*missing: AT"):
        load_reference(make_reference(tmp_path, blocs=blocs))


def test_loader_rejects_a_country_code_read_as_boolean(tmp_path: Path) -> None:
    ref_dir = make_reference(tmp_path)
    countries = ref_dir / "countries.yaml"
    text = countries.read_text(encoding="utf-8").replace('{iso: "NO"', "{iso: NO")
    countries.write_text(text, encoding="utf-8")
    with pytest.raises(ModelError, match=r"countries\.yaml: entry False: 'iso' must be two"):
        load_reference(ref_dir)


def test_loader_names_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"countries\.yaml: cannot read"):
        load_reference(tmp_path)
