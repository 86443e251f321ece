"""Tests for the places gazetteer and the place-phrase resolver."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocgraph.errors import ModelError
from blocgraph.schema.places import (
    PLACES_FILE,
    Place,
    build_places,
    country_of_place_phrase,
    load_places,
    normalize_place,
    read_places,
)

US_STATES = (
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "places.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_packaged_file_loads_with_at_least_600_entries() -> None:
    places = load_places()
    assert len(places) >= 600
    assert all(isinstance(p, Place) for p in places)
    assert load_places() is places  # cached


def test_every_us_state_and_dc_resolve_to_us() -> None:
    places = load_places()
    assert len(US_STATES) == 50
    for state in US_STATES:
        place = places.lookup(state)
        assert place is not None, state
        assert (place.iso, place.kind) == ("US", "region"), state
    assert country_of_place_phrase("Washington, D.C.") == "US"
    assert country_of_place_phrase("District of Columbia") == "US"


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("Heidelberg", "DE"),
        ("Toronto", "CA"),
        ("Montreal", "CA"),
        ("San Francisco", "US"),
        ("Santa Clara", "US"),
        ("New Jersey", "US"),
        ("Shenzhen", "CN"),
        ("Hangzhou", "CN"),
        ("Abu Dhabi", "AE"),
        ("Riyadh", "SA"),
        ("Paris", "FR"),
        ("London", "GB"),
        ("Neckarsulm", "DE"),
        ("Walldorf", "DE"),
        ("Heilbronn", "DE"),
        ("Zürich", "CH"),
        ("Hsinchu", "TW"),
        ("Veldhoven", "NL"),
        ("Pangyo", "KR"),
        ("Zhongguancun", "CN"),
        ("Silicon Valley", "US"),
        ("Tel Aviv", "IL"),
        ("Oslo", "NO"),
        ("Bavaria", "DE"),
        ("Ontario", "CA"),
        ("Scotland", "GB"),
        ("Guangdong", "CN"),
    ],
)
def test_spot_checks(name: str, iso: str) -> None:
    place = load_places().lookup(name)
    assert place is not None
    assert place.iso == iso


def test_lookup_folds_case_diacritics_and_saint() -> None:
    places = load_places()
    assert places.lookup("Zurich") == places.lookup("ZÜRICH") == places.lookup("zürich")
    assert places.lookup("Dusseldorf") == places.lookup("Düsseldorf")
    assert places.lookup("Lodz") == places.lookup("Łódź")
    assert places.lookup("Sao Paulo") == places.lookup("São Paulo")
    st_gallen = places.lookup("St. Gallen")
    assert st_gallen is not None
    assert places.lookup("Saint Gallen") == st_gallen == places.lookup("St Gallen")
    assert places.lookup("Saint Louis") == places.lookup("St. Louis")
    assert places.lookup("Saint-Etienne") == places.lookup("St-Étienne")


def test_aliases_resolve_to_their_place() -> None:
    places = load_places()
    bengaluru = places.lookup("Bengaluru")
    assert bengaluru is not None
    assert places.lookup("Bangalore") == bengaluru
    assert places.lookup("München") == places.lookup("Munich")
    assert places.lookup("Xian") == places.lookup("Xi'an")


def test_lookup_tolerates_possessive_and_based_suffix() -> None:
    places = load_places()
    assert places.lookup("Toronto's") == places.lookup("Toronto")
    assert places.lookup("Heidelberg-based") == places.lookup("Heidelberg")
    assert places.lookup("the Bay Area") == places.lookup("Bay Area")
    assert places.lookup("Atlantis") is None


def test_ambiguous_names_are_marked_with_likely_iso() -> None:
    places = load_places()
    cambridge = places.lookup("Cambridge")
    assert cambridge is not None
    assert cambridge.ambiguous and cambridge.iso == "GB"
    assert {p.iso for p in places.candidates("San Jose")} == {"US", "CR"}
    assert places.lookup("San Jose") == places.lookup("San José")
    toronto = places.lookup("Toronto")
    assert toronto is not None and not toronto.ambiguous


def test_names_lists_names_and_aliases() -> None:
    names = load_places().names()
    assert {"Heidelberg", "Bangalore", "Bengaluru", "Silicon Valley", "Calif."} <= set(names)
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("phrase", "iso"),
    [
        ("Santa Clara, California", "US"),
        ("Santa Clara, California-based", "US"),
        ("HEIDELBERG, Germany", "DE"),
        ("Abu Dhabi", "AE"),
        ("Heidelberg-based", "DE"),
        ("headquartered in Hangzhou", "CN"),
        ("based in Walldorf, Germany", "DE"),
        ("Toronto's", "CA"),
        ("Cambridge, Massachusetts", "US"),
        ("Cambridge, Mass.", "US"),
        ("Cambridge, England", "GB"),
        ("Cambridge", "GB"),
        ("Mountain View, Calif.", "US"),
        ("St. John's", "AG"),
        ("Eindhoven, the Netherlands", "NL"),
    ],
)
def test_country_of_place_phrase(phrase: str, iso: str) -> None:
    assert country_of_place_phrase(phrase) == iso


def test_country_of_place_phrase_unknown_or_empty() -> None:
    assert country_of_place_phrase("Atlantis, Oceania") is None
    assert country_of_place_phrase("  ") is None


def test_country_resolver_lets_trailing_country_decide() -> None:
    countries = {"costa rica": "CR", "germany": "DE"}

    def country_iso(text: str) -> str | None:
        return countries.get(text.strip().lower())

    assert country_of_place_phrase("San José, Costa Rica", country_iso=country_iso) == "CR"
    assert country_of_place_phrase("San José, Costa Rica") == "US"
    assert country_of_place_phrase("Heidelberg, Germany's", country_iso=country_iso) == "DE"


def test_normalize_place_folds_spelling() -> None:
    assert normalize_place("Baden-Württemberg") == "baden wurttemberg"
    assert normalize_place("Saint-Étienne") == normalize_place("St. Etienne")
    assert normalize_place("Washington, D.C.") == normalize_place("Washington DC")


def test_packaged_file_path_is_read_directly() -> None:
    assert len(read_places(PLACES_FILE)) == len(load_places())


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("- {name: Oslo, iso: NO, kind: city, aliases: []}\n", "'Oslo'"),
        ("- {name: Lyon, iso: fr, kind: city, aliases: []}\n", "'Lyon'"),
        ("- {name: Lyon, iso: FRA, kind: city, aliases: []}\n", "ISO alpha-2"),
        ("- {name: '', iso: FR, kind: city, aliases: []}\n", "empty or missing name"),
        ("- {iso: FR, kind: city}\n", "entry 1"),
        ("- {name: Lyon, iso: FR, kind: town, aliases: []}\n", "kind 'town'"),
        ("- {name: Lyon, iso: FR, kind: city, aliases: ['']}\n", "alias"),
        ("- {name: Lyon, iso: FR, kind: city, aliases: Lyons}\n", "aliases must be a list"),
        ("- {name: Lyon, iso: FR, kind: city, aliases: [], ambiguous: maybe}\n", "ambiguous"),
        ("- {name: Lyon, iso: FR, kind: city, colour: red}\n", "unknown fields"),
        (
            "- {name: Lyon, iso: FR, kind: city, aliases: []}\n"
            "- {name: Lyons, iso: FR, kind: city, aliases: [LYON]}\n",
            "'Lyons' repeats",
        ),
        (
            "- {name: Zürich, iso: CH, kind: city, aliases: []}\n"
            "- {name: Zurich, iso: CH, kind: region, aliases: []}\n",
            "repeats",
        ),
        (
            "- {name: Perth, iso: AU, kind: city, aliases: []}\n"
            "- {name: Perth, iso: GB, kind: city, aliases: []}\n",
            "mark both ambiguous",
        ),
        ("{name: Lyon}\n", "expected a list"),
        ("- just a string\n", "expected a mapping"),
        ("- {name: [unclosed\n", "cannot read places file"),
    ],
)
def test_broken_fixtures_raise_model_error_naming_entry(
    tmp_path: Path, yaml_text: str, message: str
) -> None:
    with pytest.raises(ModelError, match=message.replace(".", r"\.")):
        read_places(_write(tmp_path, yaml_text))


def test_shared_name_across_countries_allowed_when_marked(tmp_path: Path) -> None:
    text = (
        "- {name: Perth, iso: AU, kind: city, aliases: [], ambiguous: true}\n"
        "- {name: Perth, iso: GB, kind: city, aliases: [], ambiguous: true}\n"
    )
    places = load_places(_write(tmp_path, text))
    perth = places.lookup("perth")
    assert perth is not None and perth.iso == "AU"
    assert [p.iso for p in places.candidates("Perth")] == ["AU", "GB"]


def test_build_places_accepts_missing_optional_fields() -> None:
    places = build_places([{"name": "Lyon", "iso": "FR", "kind": "city"}])
    assert places.lookup("lyon") == Place("Lyon", "FR", "city", (), False)


def test_missing_file_raises_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cannot read"):
        read_places(tmp_path / "absent.yaml")
