"""Descriptions of makers ("the designer of the X chip") and places that must agree, on
invented texts; unknown names need the statistical model, the rest runs on both."""

from __future__ import annotations

import pytest

from blocgraph.ingest.pipeline import Extractor
from tests.ingest.resolver.conftest import needs_model, references


@pytest.mark.parametrize(("text", "description", "expected"), [
    # the maker of a named product is a description of the company named just before
    ("Brellow Systems raised $90 million on Monday.\n\nThe maker of the Quorin code editor "
     "confirmed the round.", "The maker", "Brellow Systems"),
    ("Brellow Systems raised $90 million on Monday. The Oslo-based designer of the Tavik "
     "inference chip turned down a takeover offer.", "The Oslo-based designer",
     "Brellow Systems"),
    # a description with another country's word is not the firm tied to a foreign city
    ("When Harwick Semiconductor bought Velkor Labs last month, analysts cheered. Velkor "
     "Labs, the Oslo-based lab that trained the Quorin models, is now part of the American "
     "chipmaker.", "the American chipmaker", "Harwick Semiconductor"),
])
def test_maker_descriptions_resolve(extractor: Extractor, text: str, description: str,
                                    expected: str) -> None:
    needs_model(extractor, "invented names need the statistical model")
    refs = references(extractor, text)
    assert (refs.get(description) or "").startswith(expected), refs


@pytest.mark.parametrize("text", [
    "Brellow, the Oslo developer of the Quorin models, raised money.",
    "Brellow, the maker of the Tavik chips, hired staff.",
])
def test_an_appositive_maker_of_stays_text(extractor: Extractor, text: str) -> None:
    """After "Name," the rules read "the developer of X" whole; no description is made."""
    refs = references(extractor, text)
    assert not any(d.lower().startswith("the ") for d in refs), refs
