"""DEVELOPS: sentences of our own, the (org, model) facts they state."""

from __future__ import annotations

import pytest

from blocgraph.ingest.pipeline import Extractor
from tests.ingest.rules.conftest import keys_of

ASSERTED = [
    # a relative clause on a description in apposition to the name
    ("Nordwind AI, the Oslo-based start-up that built the open Aster-7 model, said on Monday"
     " it had hired 40 engineers.", ("nordwind-ai", "aster-7")),
    # a passive participle
    ("The Aster-7 model, developed by Nordwind AI, is used by banks.",
     ("nordwind-ai", "aster-7")),
    # an agent noun in apposition
    ("Kestrel Labs, the developer of the Corvid chatbot, opened an office in Paris.",
     ("kestrel-labs", "corvid")),
    # "whose" names the maker's own product
    ("Harbour Systems, whose Tern processors power many data centres, reported higher sales.",
     ("harbour-systems", "tern")),
    # "<product> maker <org>"
    ("Aster-7 maker Nordwind AI hired 40 engineers.", ("nordwind-ai", "aster-7")),
]

NOT_FACTS = [
    # selling or using a product does not make one its developer
    ("Kestrel Labs barred its employees from using the Corvid chatbot.", "kestrel-labs"),
    ("Kestrel Labs has not released the Corvid chatbot.", "kestrel-labs"),  # negated
    ("Kestrel Labs could release the Corvid chatbot next year.", "kestrel-labs"),  # hedged
]


@pytest.mark.parametrize(("text", "key"), ASSERTED)
def test_maker_is_found(extractor: Extractor, text: str, key: tuple[str, str]) -> None:
    assert key in keys_of(extractor, text, "DEVELOPS", "org", "model")


@pytest.mark.parametrize(("text", "org"), NOT_FACTS)
def test_not_a_maker(extractor: Extractor, text: str, org: str) -> None:
    assert all(found != org for found, _ in keys_of(extractor, text, "DEVELOPS", "org", "model"))


def test_seller_is_not_maker(extractor: Extractor) -> None:
    text = "Kestrel Labs sells the Corvid chatbot made by Nordwind AI."
    assert keys_of(extractor, text, "DEVELOPS", "org", "model") == {("nordwind-ai", "corvid")}
