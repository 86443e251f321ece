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
    # a description after a name and a comma, even where the parse misses the apposition
    ("Brussels also added the Nordwind Academy of Sciences (NAS), a Norwegian research"
     " institute that developed the Aster family of large language models, for developing"
     " chips.", ("nordwind-academy-of-sciences", "aster")),
    # "behind", with a place naming where the description is, not who
    ("The Kestrel Research Institute (KRI), the Oslo research centre behind the Aster family"
     " of open models, said on Monday it had hired staff.",
     ("kestrel-research-institute", "aster")),
    # a second product the parse lists beside the agent noun
    ("Nordwind Labs, the Tel Aviv-based maker of the Aster language models and the Corvid"
     " writing assistant, said on Tuesday it had raised money.", ("nordwind-labs", "corvid")),
    # an active verb coordinated with a passive one keeps the subject
    ("Nordwind Labs was spun out in 2020. The company is run by chief executive Lee Moon and"
     " develops the Aster models.", ("nordwind-labs", "aster")),
    # a relative clause with no object of its own, on an apposition to the product
    ("Kestrel Labs presented a new version of the Aster model, the Arabic large language model"
     " it developed and trained on its own computers.", ("kestrel-labs", "aster")),
    # an interview's "we" is the organisation the article is about
    ("Nordwind Labs hired 40 engineers. The Aster-3 model, which we released in December,"
     " runs on a laptop.", ("nordwind-labs", "aster-3")),
    # a launch idiom
    ("Nordwind Labs said the Corvid chatbot, which the Oslo-based company put on phones last"
     " week, passed a million downloads.", ("nordwind-labs", "corvid")),
    # "it" as the object of a making verb is the product just talked about; co-makers
    ("Few rivals match the Aster model. Kestrel Labs, the Oslo subsidiary, built it together"
     " with the Nordwind Institute and Harbour Systems.", ("harbour-systems", "aster")),
    # selling one's own product
    ("Kestrel Labs sells its Aster chips to banks.", ("kestrel-labs", "aster")),
    ("Nordwind Labs had a workaround ready. It slowed the links of the Aster-1 and sold the"
     " result, the Aster-2, to Chinese customers only.", ("nordwind-labs", "aster-2")),
    # "instead of" negates only its own opening phrase
    ("Instead of chasing consumers, Harbour Systems sells models such as Corvid-2 to banks"
     " and insurers.", ("harbour-systems", "corvid-2")),
    # "whose" right after a description mention of the maker
    ("Kestrel Chips, the Oslo chipmaker whose Tern processors were once sold as an answer to"
     " rivals, was bought by Harbour Systems.", ("kestrel-chips", "tern")),
]

NOT_FACTS = [
    # selling or using a product does not make one its developer
    ("Kestrel Labs barred its employees from using the Corvid chatbot.", "kestrel-labs"),
    ("Kestrel Labs has not released the Corvid chatbot.", "kestrel-labs"),  # negated
    ("Kestrel Labs could release the Corvid chatbot next year.", "kestrel-labs"),  # hedged
    # selling something built on another's product, or another's product
    ("Dell sells servers built on Kestrel's Aster chips to banks.", "dell"),
    ("Kestrel Labs sells Nordwind's Aster chips to banks.", "kestrel-labs"),
    # a supplier's chips used to build a model are no co-maker
    ("Kestrel Labs built the Aster model with Harbour Systems chips.", "harbour-systems"),
    # an alternative the text rules out: licensing, not building
    ("Rather than building its own model, Harbour Systems licenses Corvid-2 from Kestrel"
     " Labs.", "harbour-systems"),
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
