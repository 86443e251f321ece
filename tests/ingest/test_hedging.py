"""Negated, hedged and speculative clauses are not facts; plain and reported ones are."""

from __future__ import annotations

import pytest

from blocgraph.ingest.hedging import is_asserted


@pytest.mark.parametrize(
    "clause",
    [
        "Mistral has not received direct investment from any government",
        "The company is reportedly in talks to raise new money",
        "Analysts expect more U.S. technology investment in the Gulf",
        "Mistral is considered a top candidate for funding",
        "Anthropic and Google could tighten access from China",
        "Mistral will eventually be acquired, as some analysts predict",
        "it is unclear whether Zhipu's foreign investors will have to reconsider",
        "Anthropic has not taken money from the Public Investment Fund",
        "Germany is expected to announce new public support",
        "it would start blocking API traffic",
        "The grant is not an equity investment",
        "Ottawa will not take a stake in the company",
        "Nvidia is said to be preparing another chip",
        "The regulator may block the sale of the Lisbon unit",
        # the opening alternative is dropped, but the main clause still negates
        "Instead of selling chips, Nordwind does not make hardware at all",
        # "rather than" inside the clause still negates it
        "Harbour Systems licenses the Aster model rather than building its own",
    ],
)
def test_not_asserted(clause: str) -> None:
    assert not is_asserted(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "Microsoft will invest EUR 15m in Mistral AI",
        "Amazon agreed to invest up to $4bn in Anthropic",
        "Anthropic banned the use of its AI models in China",
        "President Emmanuel Macron said the French state would spend €500 million",
        "In July, Cohere raised US$500 million in a Series D round led by PSP Investments",
        "The U.S. Commerce Department on Wednesday added Zhipu AI to its Entity List",
        "In May, Berlin pledged €3bn for chip plants in Saxony",
        # "instead of" heads only its own opening phrase
        "Instead of building a chatbot, Nordwind sells its Aster models to insurers",
        "Rather than chasing consumers, the lab licenses the Corvid model to banks",
    ],
)
def test_asserted(clause: str) -> None:
    assert is_asserted(clause)
