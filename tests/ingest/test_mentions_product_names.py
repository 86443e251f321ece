"""Product names found by their wording, versions and variants, defined acronyms and
names repeated across an article; invented names, no statistical model needed."""

from __future__ import annotations

import copy

import pytest

from blocgraph.ingest.entity_record import EntityRecord, retype_by_wording
from blocgraph.ingest.gazetteer import Gazetteer, KnownEntity, default_gazetteer
from blocgraph.ingest.mention_cues import surface_mentions
from blocgraph.ingest.mention_passes import defines_term, drop_term_acronyms, repeat_names
from blocgraph.ingest.mention_types import Mention, Sentence
from blocgraph.ingest.mentions import DESCRIPTOR, PARTICLE_TAIL
from blocgraph.ingest.name_shapes import is_not_actor
from blocgraph.ingest.product_cues import called_product, product_kind
from blocgraph.ingest.product_names import maker_product, variant, version_inside


def _span(text: str, name: str) -> tuple[int, int]:
    start = text.index(name)
    return start, start + len(name)


def _sentence(text: str, mentions: list[Mention] | None = None, index: int = 0,
              offset: int = 0) -> Sentence:
    return Sentence(index, offset, offset + len(text), text, mentions or [])


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("ZORVA, our next chip, is due in spring.", "ZORVA", "Hardware"),
    ("Pellio, the short-video app made by Brellow, was banned.", "Pellio", "AIModel"),
    ("staff may not use Pellio, the messaging service, at work", "Pellio", "AIModel"),
    ("the messaging service Pellio was blocked", "Pellio", "AIModel"),
    ("KESTA is in mass production at two plants.", "KESTA", "Hardware"),
    ("money for the Norvik-AI supercomputer at Brellow", "Norvik-AI", "Hardware"),
    ("users of the Pellio app in Norland", "Pellio", "AIModel"),
    # the product word must end the appositive; a business noun after it is a business
    ("Brellow, the chip designer, said it would list.", "Brellow", None),
    ("Brellow, the model maker, said it would list.", "Brellow", None),
    ("Brellow is in talks with banks.", "Brellow", None),
])
def test_wording_calls_the_name_a_product(text: str, name: str, kind: str | None) -> None:
    assert product_kind(text, *_span(text, name)) == kind


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Pellio, the video app owned by Brellow, grew fast.", "Pellio", "AIModel"),
    ("the AI assistant Brellow Mind answers in Welsh", "Brellow Mind", "AIModel"),
    # a verb after the head-before cue: the capitalised word is the maker, not the product
    ("the Arabic model Brellow developed last year", "Brellow", None),
    ("Brellow, which makes apps, hired staff.", "Brellow", None),
])
def test_outright_product_wording(text: str, name: str, kind: str | None) -> None:
    assert called_product(text, *_span(text, name)) == kind


@pytest.mark.parametrize(("text", "found", "expected"), [
    ("Its Tavik 2 processor powers two clusters.", [], [("Tavik 2", "Hardware")]),
    ("ZORVA, our next chip, is due in spring.", [], [("ZORVA", "Hardware")]),
    ("It ships the Velmar XKR:2100i and XKR:2200i scanners abroad.", [],
     [("Velmar XKR:2100i", "Hardware"), ("XKR:2200i", "Hardware")]),
    ("They are linked by Brellow Kestrel-2 FabricLink network chips.", [("Brellow", "Company")],
     [("Kestrel-2 FabricLink", "Hardware")]),
    # a sentence-initial capitalised word is any word; only shouted names count there
    ("Analysts, our next guests, disagree.", [], []),
])
def test_surface_products(text: str, found: list[tuple[str, str]],
                          expected: list[tuple[str, str]]) -> None:
    known = [Mention(*_span(text, name), name, kind, 0, source="gazetteer")
             for name, kind in found]
    got = [(m.text, m.type) for m in surface_mentions(_sentence(text), known)
           if m.type in ("AIModel", "Hardware")]
    assert got == expected


@pytest.mark.parametrize(("text", "described"), [
    ("the Oslo-based designer of the Tavik chip turned down an offer", "the Oslo-based designer"),
    ("The maker of the Quorin code editor confirmed it", "The maker"),
    ("a call from the group of seven", None),  # "of" with no named product
    ("the maker of chips for phones", None),
])
def test_maker_of_a_named_product_is_a_description(text: str, described: str | None) -> None:
    match = DESCRIPTOR.search(text)
    assert (match.group() if match else None) == described


def _with_known(*entries: KnownEntity) -> Gazetteer:
    gazetteer = copy.copy(default_gazetteer())
    gazetteer.entries = dict(gazetteer.entries)
    for entry in entries:
        gazetteer.entries[entry.id] = entry
    return gazetteer


def test_a_version_listed_as_alias_is_its_own_model() -> None:
    gazetteer = _with_known(KnownEntity("quorin-fam", "Quorin", "AIModel", None,
                                        aliases=("Quorin 90B",)))
    text = "Quorin 90B was the largest open model."
    found = Mention(0, 10, "Quorin 90B", "AIModel", 0, entity_id="quorin-fam",
                    source="gazetteer")
    versioned = version_inside(found, gazetteer)
    assert versioned is not None and versioned.entity_id is None
    assert versioned.attrs["family"] == "quorin-fam"
    plain = Mention(0, 6, "Quorin", "AIModel", 0, entity_id="quorin-fam", source="gazetteer")
    assert version_inside(plain, gazetteer) is None
    assert text.startswith(versioned.text)


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("followed days later by Quorin Swahili.", "Quorin Swahili", "AIModel"),
    ("money for the Quorin Foundation, a non-profit", "Quorin Foundation", "Organization"),
    ("Quorin Monday was quiet", None, None),  # a calendar word ends the name
    ("Quorin Paris office", None, None),  # a place
    ("Quorin Grand Prix entry", None, None),  # a longer capitalised run: not ours to read
])
def test_a_word_after_a_model_names_a_variant(text: str, name: str | None,
                                              type_: str | None) -> None:
    start, end = _span(text, "Quorin")
    found = variant(Mention(start, end, "Quorin", "AIModel", 0), text, default_gazetteer())
    assert (found.text, found.type) == (name, type_) if found else name is None


def test_acronyms_defined_as_terms_or_programmes_are_dropped() -> None:
    text = ("Exports of wide-band memory (WBM) fell. Grants under the Norland Skills Plan "
            "(NSP) rose. Brellow Systems (BSX) said WBM sales rose.")
    sentences = []
    for index, part in enumerate(text.split(". ")):
        offset = text.index(part)
        mentions = [Mention(offset + part.index(w), offset + part.index(w) + len(w), w,
                            kind, index, source="ner")
                    for w, kind in (("WBM", "Hardware"), ("NSP", "Company"),
                                    ("BSX", "Company")) if w in part]
        sentences.append(_sentence(part, mentions, index, offset))
    drop_term_acronyms(sentences, text)
    left = [m.text for s in sentences for m in s.mentions]
    assert left == ["BSX"]  # the company's own acronym stays; the term and programme go


def test_a_name_found_once_is_found_again() -> None:
    first = "Velkor Labs, the Oslo lab behind Tavik, is now owned by Brellow."
    second = "Brellow bought Velkor Labs and Tavik last year."
    offset = len(first) + 1

    def at(text: str, name: str, kind: str, index: int, source: str, base: int) -> Mention:
        start, end = _span(text, name)
        return Mention(base + start, base + end, name, kind, index, source=source)

    sentences = [
        _sentence(first, [at(first, "Brellow", "Company", 0, "gazetteer", 0)]),
        _sentence(second, [at(second, "Brellow", "Company", 1, "gazetteer", offset),
                           at(second, "Velkor Labs", "Company", 1, "ner", offset),
                           at(second, "Tavik", "Company", 1, "ner", offset)], 1, offset),
    ]
    repeat_names(sentences)
    # the two-word name comes back; a lone capitalised word is too weak to repeat
    assert [(m.text, m.type) for m in sentences[0].mentions] == [
        ("Velkor Labs", "Company"), ("Brellow", "Company")]
    assert sentences[0].mentions[0].start == 0


@pytest.mark.parametrize(("known", "expected"), [
    # An organisation the article alone introduces takes the type its wording gives.
    (False, "AIModel"),
    # A curated entity keeps its type: the graph stores it under that label.
    (True, "Company"),
])
def test_organisation_called_an_app_becomes_the_product_unless_curated(
        known: bool, expected: str) -> None:
    record = EntityRecord("pellio", "Pellio", "Company", None, known=known)
    other = EntityRecord("brellow", "Brellow", "Company", None, known=True)
    called = Mention(0, 6, "Pellio", "Company", 0, entity_id="pellio",
                     attrs={"called": "AIModel"})
    plain = Mention(30, 37, "Brellow", "Company", 0, entity_id="brellow")
    retype_by_wording({"pellio": record, "brellow": other},
                      [_sentence("Pellio, the video app made by Brellow.", [called, plain])],
                      "Pellio, the video app made by Brellow.")
    assert (record.type, other.type) == (expected, "Company")


@pytest.mark.parametrize(("name", "actor"), [
    ("National Conference of Quorin Studies", False),
    ("Norland Skills Summit", False),
    ("National Council of Quorin Studies", True),
])
def test_events_by_their_head(name: str, actor: bool) -> None:
    assert is_not_actor(name) is not actor


@pytest.mark.parametrize(("after", "tail"), [
    (" do Norte, the lender", " do Norte"),
    (" de Fomento said", " de Fomento"),
    (" do not agree", None),
])
def test_particles_continue_a_name(after: str, tail: str | None) -> None:
    match = PARTICLE_TAIL.match(after)
    assert (match.group() if match else None) == tail


@pytest.mark.parametrize(("text", "product", "kind"), [
    ("the Oslo firm whose Brellow Scribe assistant rivals anything", "Brellow Scribe",
     "AIModel"),
    ("it sells its Brellow Quill chips to banks", "Brellow Quill", "Hardware"),
    ("the Oslo firm whose Brellow Monday briefing", None, None),  # a calendar word
    ("Brellow Research said it would", None, None),  # a body word: the maker's own unit
    ("shares of Brellow Scribe rose", None, None),  # nothing calls it a product
])
def test_maker_name_run_on_into_a_product(text: str, product: str | None,
                                          kind: str | None) -> None:
    start, end = _span(text, "Brellow")
    maker = Mention(start, end, "Brellow", "Company", 0, entity_id="brellow",
                    source="gazetteer")
    found = maker_product(maker, text, default_gazetteer())
    assert ((found.text, found.type) if found else (None, None)) == (product, kind)


@pytest.mark.parametrize(("before", "acronym", "term"), [
    ("exports of wide-band memory", "WBM", True),
    ("its far-infrared scanners and deep-ultraviolet", "DUV", True),
    ("grants under the Norland Skills Plan", "NSP", True),
    ("speakers at the Quorin Summit", "QS", True),
    ("all times are Norland time", "NST", True),  # a clock zone
    ("money from the state policy lender", "KDB", False),  # an actor noun
    ("sales of cloud software", "CRM", False),  # the letters do not spell the term
    ("a stake held by Brellow Capital", "BC", False),  # a named actor
])
def test_what_defines_an_acronym_as_a_term(before: str, acronym: str, term: bool) -> None:
    assert defines_term(before.split(), acronym) is term
