"""Name normal forms and slugs shared by linking and scoring."""

from __future__ import annotations

import pytest

from blocgraph.ingest.names import normalise, normalise_org, slug


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("The Cohere", "cohere"),
        ("Cédric O", "cedric o"),
        ("  Mistral   AI ", "mistral ai"),
        ("Fidelity Management & Research", "fidelity management & research"),
        ("Italy's", "italy"),
    ],
)
def test_normalise(name: str, expected: str) -> None:
    assert normalise(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Cohere Inc.", "cohere"),
        ("Nvidia Corp", "nvidia"),
        ("SAP SE", "sap"),
        ("Aleph Alpha GmbH", "aleph alpha"),
    ],
)
def test_normalise_org_drops_legal_suffixes(name: str, expected: str) -> None:
    assert normalise_org(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Mistral AI", "mistral-ai"), ("Command R+", "command-r-plus"), ("Cédric O", "cedric-o"),
     ("Fidelity Management & Research", "fidelity-management-research"), ("!!!", "entity")],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected
