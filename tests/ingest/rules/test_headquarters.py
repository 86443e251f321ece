"""HEADQUARTERS: where the text places an organisation, in sentences of our own.

Each case is a short invented text and the (org, country) keys it must yield, and
keys it must not yield; the organisation names are made up so the rules are tested
on phrasing (place cues, nationality adjectives, possessive states, deal lists),
not on names they may have seen.
"""

from __future__ import annotations

import pytest

from blocgraph.ingest.pipeline import Extractor
from tests.ingest.rules.conftest import keys_of

CASES: list[tuple[str, set[tuple[str, str]], set[tuple[str, str]]]] = [
    # A city with "-based" before the name.
    ("Lyon-based Nordwind Robotics raised money on Tuesday.",
     {("nordwind-robotics", "FR")}, set()),
    # The same cue in an apposition, with a bracketed short form.
    ("Harbour Capital led the round in Tessaly Labs (TL), the Oslo-based maker of drones.",
     {("tessaly-labs", "NO")}, set()),
    # "headquartered in" after an aside.
    ("Quillfeather Labs Inc, which makes tools for lawyers, is headquartered in Nairobi.",
     {("quillfeather-labs", "KE")}, set()),
    # A move of headquarters.
    ("Lumora Systems has moved its headquarters to Singapore, the company said.",
     {("lumora-systems", "SG")}, set()),
    # A nationality adjective before a list: every listed name.
    ("Regulators questioned Korean chipmakers Hanul Semiconductor and Hwaro Devices on Monday.",
     {("hanul-semiconductor", "KR"), ("hwaro-devices", "KR")}, set()),
    # A possessive country before a list of banks.
    ("Brazil's largest banks Alvorada Bank, Serrano Financial and Litoral Capital joined the deal.",
     {("alvorada-bank", "BR"), ("serrano-financial", "BR"), ("litoral-capital", "BR")}, set()),
    # A plural "-based" noun before a list.
    ("Two Munich-based software companies, Vantor Analytics and Kestrel Data, were fined.",
     {("vantor-analytics", "DE"), ("kestrel-data", "DE")}, set()),
    # An apposition with the country's possessive and a superlative.
    ("Pinecrest Capital backed Ostara Motors, Italy's largest maker of electric scooters.",
     {("ostara-motors", "IT")}, set()),
    # A city as a plain modifier in an apposition.
    ("Investors also backed Tarvik Tools, a Stuttgart toolmaker, in the round.",
     {("tarvik-tools", "DE")}, set()),
    # A deal-list line: the country in brackets after the name.
    ("Veltrix Robotics (Japan, warehouse robots) - $30 million - lead: Harbour Capital.",
     {("veltrix-robotics", "JP")}, set()),
    # A possessive country before a name gives HEADQUARTERS only.
    ("Spain's Quimera Labs signed the agreement.", {("quimera-labs", "ES")}, set()),
    # The name itself carries the country.
    ("The Internet Federation of Portugal criticised the rule.",
     {("internet-federation-of-portugal", "PT")}, set()),
    # A country's supplier is not based there.
    ("The deal was signed by Zentra Optics, Germany's biggest supplier of lenses.",
     set(), {("zentra-optics", "DE")}),
    # Governments get no HEADQUARTERS fact.
    ("The French government and Canada signed the accord in Paris.", set(),
     {("france", "FR"), ("canada", "CA")}),
    # A group placed in the next sentence, by count and nationality.
    ("Regulators fined Hanul Semiconductor, Hwaro Devices and Baekdu Systems on Monday. "
     "All three companies are Korean.",
     {("hanul-semiconductor", "KR"), ("hwaro-devices", "KR"), ("baekdu-systems", "KR")}, set()),
    # A definite plural pointing back at a list of names.
    ("Investors ordered out: Hanul Semiconductor; Hwaro Devices; Baekdu Systems. "
     "Ottawa ordered the three Chinese companies to sell their stakes.",
     {("hanul-semiconductor", "CN"), ("hwaro-devices", "CN"), ("baekdu-systems", "CN")}, set()),
    # More names than the number says: the group is not that list.
    ("Regulators fined Hanul Semiconductor, Hwaro Devices and Baekdu Systems. "
     "The two Chinese companies appealed.", set(),
     {("hanul-semiconductor", "CN"), ("hwaro-devices", "CN"), ("baekdu-systems", "CN")}),
    # An indefinite group introduces the names of the next sentence.
    ("The venture counts two Japanese companies as minority shareholders. "
     "Hoshino Electric holds about 6%, and Kawabe Motors about 5%.",
     {("hoshino-electric", "JP"), ("kawabe-motors", "JP")}, set()),
    # "both based in" after a pair.
    ("Veltrix Robotics and Quimera Labs, both based in Shenzhen, signed the deal.",
     {("veltrix-robotics", "CN"), ("quimera-labs", "CN")}, set()),
    # "the country's" is the state the article is about.
    ("Companies affected include Hoshino Electric, the country's largest toolmaker, Japan said.",
     {("hoshino-electric", "JP")}, set()),
    ("Hoshino Electric, the country's biggest supplier of lenses, Japan said, fell.", set(),
     {("hoshino-electric", "JP")}),
    # "domestic" firms with a list.
    ("Other domestic chip firms, such as Hanul Semiconductor and Hwaro Devices, said they had "
     "no business with them. Korea said so.",
     {("hanul-semiconductor", "KR"), ("hwaro-devices", "KR")}, set()),
    # A state used as an attribute in an apposition.
    ("The Kestrel Institute (KI), the UAE research centre behind the Orca models, spoke.",
     {("kestrel-institute", "AE")}, set()),
    # Nationality and place after a copula.
    ("The Skovhavn Foundation is an independent Danish enterprise foundation.",
     {("skovhavn-foundation", "DK")}, set()),
    ("Pavona Data is a Copenhagen-based company.", {("pavona-data", "DK")}, set()),
    # A region's adjective.
    ("The cabinet blocked a buyer from acquiring Tarvik Electronic, a Bavarian maker of "
     "testing equipment.", {("tarvik-electronic", "DE")}, set()),
    # "barred X from China" does not place X in China.
    ("Regulators barred Corvane Systems from China last year.", set(),
     {("corvane-systems", "CN")}),
]


@pytest.mark.parametrize(("text", "expected", "forbidden"), CASES)
def test_headquarters(extractor: Extractor, text: str, expected: set[tuple[str, str]],
                      forbidden: set[tuple[str, str]]) -> None:
    found = keys_of(extractor, text, "HEADQUARTERS", "org", "country")
    assert expected <= found, found
    assert not found & forbidden, found


def test_plain_based_without_model(fallback_extractor: Extractor) -> None:
    """The skeleton rules run without the parser."""
    found = keys_of(fallback_extractor, "The Lyon-based start-up Nordwind raised money.",
                    "HEADQUARTERS", "org", "country")
    assert ("nordwind", "FR") in found
