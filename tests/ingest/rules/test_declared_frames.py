"""Frames declared in a type file's YAML, read by the generic rule, on sentences of our own.

The model here is the bundled one plus a supply-deal type whose only extraction logic
is its ``frames:`` stanza; the rule must find its facts through the parse (verb and
noun triggers, passive agents, prepositional partners), fill amount and date for a
type that has those fields, and stay quiet where the clause is negated or hedged.
"""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from blocgraph.ingest.pipeline import Extractor
from blocgraph.ingest.rules.declared_frames import candidates, declared_frames
from blocgraph.schema.model import TYPES_DIR, Model, load_model

SUPPLY_YAML = """\
name: SupplyDeal
kind: fact
extends: Fact
code: SUPPLY_DEAL
label: SupplyDeal
description: A supplier agrees to provide chips or compute to a buyer.
frames:
  - name: supply-verb
    verbs: [supply]
    slots: {supplier: [agent], buyer: [patient, "prep:to"]}
    required: [supplier, buyer]
    confidence: 0.7
  - name: supply-noun
    nouns: [contract, agreement]
    slots: {supplier: [agent, governor], buyer: ["prep:with"]}
    required: [supplier, buyer]
key: [supplier, buyer]
fields:
  supplier: {type: entity, edge: SUPPLIER, required: true}
  buyer: {type: entity, edge: BUYER, required: true}
  amount: {type: amount}
  currency: {type: currency}
  date: {type: date}
"""


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Model:
    types = tmp_path_factory.mktemp("model") / "types"
    shutil.copytree(TYPES_DIR, types)
    (types / "SupplyDeal.yaml").write_text(SUPPLY_YAML, encoding="utf-8")
    return load_model(types)


def _found(extractor: Extractor, model: Model, text: str) -> list[dict[str, Any]]:
    """Each candidate's fields, with entity ids turned back into the names of the text."""
    sentences, context = extractor.analyse(extractor.nlp(text), text, "2025-04-02")
    names = {r.id: r.name for r in context.resolver.records.values()}
    found = []
    for sentence in sentences:
        for candidate in candidates(sentence, declared_frames(model)):
            fields = dict(candidate.fields)
            for name in ("supplier", "buyer"):
                fields[name] = names.get(str(fields.get(name)), fields.get(name))
            found.append(fields)
    return found


def test_only_types_that_declare_frames_have_any(model: Model) -> None:
    assert {fact.code for fact in declared_frames(model).values()} == {"SUPPLY_DEAL"}
    assert declared_frames(load_model()) == {}


@pytest.mark.parametrize(("text", "supplier", "buyer"), [
    # active verb, object buyer
    ("Tavrin Semiconductor will supply Oskel Robotics with its new accelerators.",
     "Tavrin Semiconductor", "Oskel Robotics"),
    # verb with the buyer after "to", subject separated by an appositive
    ("Tavrin Semiconductor, a chip designer based in Leeds, supplies servers to Oskel "
     "Robotics.", "Tavrin Semiconductor", "Oskel Robotics"),
    # passive: the supplier is the agent (gazetteer names, which need no recognition)
    ("Since January, Microsoft has been supplied by Nvidia.", "Nvidia",
     "Microsoft"),
    # noun trigger under a light verb ("signed", "struck"): its subject is the supplier
    ("Tavrin Semiconductor signed a contract with Oskel Robotics last week.",
     "Tavrin Semiconductor", "Oskel Robotics"),
    ("Tavrin Semiconductor struck a supply agreement with Oskel Robotics on Monday.",
     "Tavrin Semiconductor", "Oskel Robotics"),
])
def test_declared_frames_read_the_parse(extractor: Extractor, model: Model, text: str,
                                        supplier: str, buyer: str) -> None:
    found = _found(extractor, model, text)
    assert [(f["supplier"], f["buyer"]) for f in found] == [(supplier, buyer)]


def test_amount_and_date_fill_the_types_own_fields(extractor: Extractor, model: Model) -> None:
    text = ("In March 2025 Tavrin Semiconductor agreed to supply Oskel Robotics with "
            "$40 million of chips.")
    [found] = _found(extractor, model, text)
    assert (found["amount"], found["currency"]) == (40_000_000.0, "USD")
    assert str(found["date"]).startswith("2025-03")


@pytest.mark.parametrize("text", [
    "Tavrin Semiconductor did not supply Oskel Robotics.",
    "Tavrin Semiconductor may supply Oskel Robotics next year, people familiar said.",
    "Analysts expect that Tavrin Semiconductor could supply Oskel Robotics.",
])
def test_negated_or_hedged_clauses_give_nothing(extractor: Extractor, model: Model,
                                                text: str) -> None:
    assert _found(extractor, model, text) == []
