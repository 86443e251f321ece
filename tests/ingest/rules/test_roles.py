"""ROLE: sentences of our own, the (person, org) facts they state and those they do not."""

from __future__ import annotations

import pytest

from blocgraph.ingest.pipeline import Extractor
from tests.ingest.rules.conftest import keys_of

ASSERTED = [
    # title and org stacked before the name
    ("Nordwind Robotics chief executive Lena Voss spoke at the fair in Lyon.",
     ("lena-voss", "nordwind-robotics")),
    # a possessive org before a title before the name
    ("Harbour Capital's managing partner Ana Ruiz declined to comment.",
     ("ana-ruiz", "harbour-capital")),
    # apposition with "of"
    ("Lena Voss, the chief executive of Nordwind Robotics, said sales doubled.",
     ("lena-voss", "nordwind-robotics")),
    # apposition with a possessive and a title phrase of its own
    ("Piet Smit, Nordwind Robotics's head of policy, met the regulator.",
     ("piet-smit", "nordwind-robotics")),
    # the name in apposition to the title
    ("Nordwind Robotics's founder, Karl Berg, left the board.",
     ("karl-berg", "nordwind-robotics")),
    # a former role is still a role
    ("Tom Ruhl, a former chief executive of Synthesia, joined Nordwind Robotics as an adviser.",
     ("tom-ruhl", "synthesia")),
    # "whose" clause: the title belongs to the noun the clause hangs on
    ("Kestrel Labs, whose chief executive is Ola Berg, plans an offering.",
     ("ola-berg", "kestrel-labs")),
    # press-release byline
    ('"We are ready," said Mia Lund, co-founder of Harbour Capital.',
     ("mia-lund", "harbour-capital")),
    # relative clause with a leading verb
    ("Tom Ruhl, who heads Harbour Capital, spoke first.", ("tom-ruhl", "harbour-capital")),
    # founded by a list of people, each with its own title words
    ("Brightwave Labs was co-founded in 2019 by chief executive Ola Berg and engineer Jan Ek.",
     ("jan-ek", "brightwave-labs")),
    # run by a titled person, passive
    ("Solent Dynamics is run by chief executive Tom Ruhl.", ("tom-ruhl", "solent-dynamics")),
    # a minister's role points at the ministry whose portfolio the title names
    ("France's Ministry of Trade and Industry published the list. Trade Minister"
     " Anne Morel said it would take effect in June.",
     ("anne-morel", "ministry-of-trade-and-industry")),
    # a state named by its noun before the title
    ("Japan Prime Minister Kenji Oda opened the summit.", ("kenji-oda", "japan")),
]

NOT_FACTS = [
    # a title of a neighbouring clause's org is not this person's
    ("Nordwind Robotics signed a deal with Harbour Capital, and analyst Jan Ek said the terms"
     " were fair.", ("jan-ek", "harbour-capital")),
    # a hedged appointment is no role
    ("Lena Voss is expected to be named chief executive of Nordwind Robotics.",
     ("lena-voss", "nordwind-robotics")),
    # a negated founding is no role
    ("Kestrel Labs was not founded by Tom Ruhl.", ("tom-ruhl", "kestrel-labs")),
]


@pytest.mark.parametrize(("text", "key"), ASSERTED)
def test_asserted_roles(extractor: Extractor, text: str, key: tuple[str, str]) -> None:
    assert key in keys_of(extractor, text, "ROLE", "person", "org")


@pytest.mark.parametrize(("text", "key"), NOT_FACTS)
def test_not_roles(extractor: Extractor, text: str, key: tuple[str, str]) -> None:
    assert key not in keys_of(extractor, text, "ROLE", "person", "org")


def test_minister_of_another_state_is_not_bound_to_this_ministry(extractor: Extractor) -> None:
    text = ("Germany's Ministry of Finance announced the grant. In Japan, Finance Minister"
            " Kenji Oda said Tokyo would follow.")
    keys = keys_of(extractor, text, "ROLE", "person", "org")
    assert ("kenji-oda", "ministry-of-finance") not in keys


def test_its_opening_a_sentence_is_the_company_just_written_about(
        extractor: Extractor) -> None:
    text = ("Harbour Capital led the round. Nordwind Robotics raised the money in March."
            " Its chief executive, Ola Berg, spoke.")
    keys = keys_of(extractor, text, "ROLE", "person", "org")
    assert ("ola-berg", "nordwind-robotics") in keys
    assert ("ola-berg", "harbour-capital") not in keys


def test_fallback_without_model_still_finds_roles(fallback_extractor: Extractor) -> None:
    text = "Synthesia chief executive Lena Voss said sales doubled."
    keys = keys_of(fallback_extractor, text, "ROLE", "person", "org")
    assert ("lena-voss", "synthesia") in keys
