"""Name-edge and person-or-organisation cues, on invented names (no model needed)."""

from __future__ import annotations

import pytest

from blocgraph.ingest.descriptors import is_description
from blocgraph.ingest.kind_cues import in_investor_list, kind_from_context, titled_names
from blocgraph.ingest.name_shapes import (
    after_dash,
    dangling_of,
    is_heading_label,
    is_not_actor,
    is_post,
    title_length,
)
from blocgraph.ingest.short_forms import acronym_of, bracket_alias, clipped_form


def _kind(text: str, name: str) -> str | None:
    start = text.index(name)
    return kind_from_context(text, start, start + len(name))


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Velmora Dynamics, a Lisbon toolmaker that sells lathes, grew.", "Velmora Dynamics",
     "Company"),
    ("Orsk Pellen, chief executive of Nordwind Robotics, said so.", "Orsk Pellen", "Person"),
    ("Brisa, the Porto-based developer of speech software, raised money.", "Brisa", "Company"),
    ("Tarn Halloway, who founded the lab, spoke.", "Tarn Halloway", "Person"),
    ("Quillet, which sells a writing assistant, was fined.", "Quillet", "Company"),
    ("The deal was approved. Quillet said it would appeal.", "Quillet", "Company"),
    ("Dutch chipmaker Quillet lost its licence.", "Quillet", "Company"),
    ("Harbour Capital, the venture arm of Nordwind, invested.", "Harbour Capital", "Investor"),
    ("Founded by Ada Brenn and Ilse Maro, Orsk develops models.", "Ada Brenn", None),
])
def test_context_tells_person_from_organisation(text: str, name: str, kind: str | None) -> None:
    assert _kind(text, name) == kind


@pytest.mark.parametrize(("text", "names"), [
    ("Commerce Secretary Ana Velloso said the rule stands.", ["Ana Velloso"]),
    ("spokesperson Lin Haowen said Beijing objected.", ["Lin Haowen"]),
    ("its chief executive, Najla Orrin, declined.", ["Najla Orrin"]),
    ("attended by King Harald IX and others", ["Harald IX"]),
    ("Digital Minister Tove Arnesen and CEO Pia Lund met on Monday.", ["Tove Arnesen",
                                                                       "Pia Lund"]),
    ("The minister said on Monday that nothing changed.", []),
])
def test_titled_names(text: str, names: list[str]) -> None:
    assert [text[s:e] for s, e in titled_names(text)] == names


@pytest.mark.parametrize(("name", "cut"), [
    ("Spokesperson Lin Haowen", "Lin Haowen"),
    ("Digital Minister Tove Arnesen", "Tove Arnesen"),
    ("Majesty King Harald", "Harald"),
    ("Tove Arnesen", "Tove Arnesen"),
])
def test_titles_are_cut_from_person_names(name: str, cut: str) -> None:
    assert name[title_length(name):] == cut


@pytest.mark.parametrize(("line", "name", "heading"), [
    ("OPINION | Why Nordwind will not sell", "OPINION", True),
    ("3. HARBOUR SHUTS DOWN", "HARBOUR SHUTS DOWN", True),
    ("Nordwind unveiled the KESTREL chip on Monday.", "KESTREL", False),
    ("Q&A: a lawyer on the new rules", "Q&A", True),
])
def test_heading_labels(line: str, name: str, heading: bool) -> None:
    start = line.index(name)
    assert is_heading_label(line, start, start + len(name)) is heading


@pytest.mark.parametrize(("name", "expected"), [
    ("Nordic AI Summit", True), ("Series B", True), ("Project Kestrel", True),
    ("Velmora warns Brussels", True), ("un-cancels", True), ("Harbour Capital", False),
    ("Banco Central do Brasil", False), ("SK hynix", False),
])
def test_not_actor(name: str, expected: bool) -> None:
    assert is_not_actor(name) is expected


def test_posts_dashes_and_dangling_of() -> None:
    assert is_post("Minister of Digital Affairs and Innovation")
    assert not is_post("Ministry of Digital Affairs")
    assert "NORWAY - Velmora Fab"[after_dash("NORWAY - Velmora Fab"):] == "Velmora Fab"
    assert after_dash("Velmora - Fab") == 0
    text = "the Data Association of Norway said"
    assert dangling_of(text, text.index(" Norway"))


@pytest.mark.parametrize(("acronym", "name", "expected"), [
    ("BDR", "Bureau of Data Regulation", True),
    ("NFIA", "Nordic Fund for Industrial Automation", True),
    ("BDR", "Harbour Capital", False),
    ("Bdr", "Bureau of Data Regulation", False),
])
def test_acronyms(acronym: str, name: str, expected: bool) -> None:
    assert acronym_of(acronym, name) is expected


@pytest.mark.parametrize(("short", "full", "expected"), [
    ("Velmora", "Velmora Technology", True),
    ("Velmora", "Velmora Ventures", False),  # a company's fund is another actor
    ("Velmora", "Velmora Foundation", False),
    ("Velmora", "Velmora", False),
])
def test_clipped_forms(short: str, full: str, expected: bool) -> None:
    assert clipped_form(short, full) is expected


def test_bracket_alias() -> None:
    text = "the Bureau of Data Regulation (BDR) and Velmora (Norway)"
    assert bracket_alias(text, text.index(" (BDR)")) == "BDR"
    assert bracket_alias(text, text.index(" (Norway)")) is None


def test_investor_list_position() -> None:
    text = "The round was led by Harbour Capital, Fjord47 and Kestrel Peak."
    for name in ("Fjord47", "Kestrel Peak"):
        start = text.index(name)
        assert in_investor_list(text, start, start + len(name))
    text = "Velmora hired Kestrel Peak as adviser."
    start = text.index("Kestrel Peak")
    assert not in_investor_list(text, start, start + len(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("the company", True), ("the Oslo-based start-up's", True), ("it", True),
    ("a Norwegian industry body", True), ("its lab", True),
    ("the White House", False), ("Velmora", False), ("the European Commission", False),
])
def test_descriptions(text: str, expected: bool) -> None:
    assert is_description(text) is expected
