"""DEVELOPS: sentences of our own, the (org, model) facts they state."""

from __future__ import annotations

import pytest

from blocgraph.ingest.pipeline import Extractor
from blocgraph.ingest.rules.develops_links import family_maker, prefixed_maker
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
    # a possessed product noun with the names listed after it (or after the number)
    ("Kestrel Optics will export two of its etching tools, the Lumen-5 and Lumen-7, to"
     " Brazil.", ("kestrel-optics", "lumen-7")),
    ("Kestrel Optics hired staff. The licence covers Kestrel Optics's etching machines, from"
     " the Lumen-9 scanner onwards.", ("kestrel-optics", "lumen-9")),
    # "our next chip" in apposition, with a passive verb that names no maker
    ("Nordwind Labs hired 40 engineers. Tern-5, our second processor, reaches customers in the"
     " autumn.", ("nordwind-labs", "tern-5")),
    # a making verb on the items of a named series; a later member of that family
    ("Buyers want the Corvid line of server chips developed by Harbour Systems.",
     ("harbour-systems", "corvid")),
    ("Buyers want the Corvid line of server chips developed by Harbour Systems. A customs raid"
     " found one Corvid-7 processor.", ("harbour-systems", "corvid-7")),
    # "made by" with a place-based modifier before the maker
    ("Several banks rely on Corvid, the messaging service made by Oslo-based Harbour Systems.",
     ("harbour-systems", "corvid")),
    # a relative clause the parse hangs on the organisation after "the supercomputer in"
    ("Boreas-3 went live in May. Sweden paid for the supercomputer in the Lund Science Park,"
     " which was designed by Harbour Systems.", ("harbour-systems", "boreas-3")),
    # a product said to be a maker's product (a real company, so the typer keeps it a company)
    ("Nokia opened a lab in Oslo. Boreas-2 is a Nokia cluster for weather research.",
     ("nokia", "boreas-2")),
    # "it" is the product the same sentence began with; "we" is the interviewed company
    ("Nordwind Labs hired staff. The Corvid-2 model speaks Finnish, and we built it for call"
     " centres.", ("nordwind-labs", "corvid-2")),
    # an interview answer: a product in mass production is the speaker's
    ("Nordwind Labs hired 40 engineers in Oslo. Q: How is the business going? A: Tern-5 has"
     " been in volume production since March.", ("nordwind-labs", "tern-5")),
    ("Nordwind AI hired staff in Oslo. Q: What is new? A: The Tern-5 chip is shipping.",
     ("nordwind-ai", "tern-5")),
    # the people who made it stand for their organisation
    ("Nordwind AI said its engineers trained the Vela-2 model on public data.",
     ("nordwind-ai", "vela-2")),
    ("Researchers at Nordwind AI built the Tern-4 chip in two years.", ("nordwind-ai", "tern-4")),
    # the maker as a description the resolver ties to the name
    ("Nordwind AI raised $10 million from Harbour Capital on Monday. The Oslo start-up behind"
     " the Tern-4 chip said sales doubled.", ("nordwind-ai", "tern-4")),
    ("Nordwind AI raised $10 million. The Oslo-based designer of the Tern-4 chip said sales"
     " doubled.", ("nordwind-ai", "tern-4")),
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
    # production outside an interview's answer, or denied in it, names no maker
    ("Nordwind Labs hired 40 engineers in Oslo. Tern-5 has been in volume production since"
     " March.", "nordwind-labs"),
    ("Nordwind Labs hired 40 engineers in Oslo. Q: How is the business going? A: Tern-5 is not"
     " in volume production yet.", "nordwind-labs"),
    ("Nokia opened a lab in Oslo. The Boreas-2 system is not a Nokia supercomputer.", "nokia"),
    # staff who use a product do not make it
    ("Nordwind AI hired staff. Harbour Bank said its engineers use the Vela-2 model daily.",
     "harbour-bank"),
    # a user's own chips are not its make
    ("Kestrel Labs designs the Tern-4 chip. Harbour Bank said it runs its chips, the Tern-4 and"
     " Tern-5, in Oslo.", "harbour-bank"),
    # a shipper of another company's scanners
    ("Kestrel Optics said it would export two of Harbour Systems's etching tools, the Lumen-5"
     " and Lumen-7, to Brazil.", "kestrel-optics"),
]


def test_family_member_with_its_own_maker(extractor: Extractor) -> None:
    """A sentence that names a member's maker outranks the family's maker."""
    text = ("Nordwind Labs released the Aster model. Harbour Systems built Aster-Lite, a"
            " smaller model.")
    keys = keys_of(extractor, text, "DEVELOPS", "org", "model")
    assert ("harbour-systems", "aster-lite") in keys
    assert ("nordwind-labs", "aster-lite") not in keys


@pytest.mark.parametrize(("name", "expected"), [
    ("Kestrel Tern Max", "kestrel"),            # the maker's name opens the product's
    ("Kestrel Labs Tern", "kestrel-labs"),      # the longest name wins
    ("Kestrel", None),                          # nothing left after the name
    ("Kestrelton Tern", None),                  # not a whole word
])
def test_prefixed_maker(name: str, expected: str | None) -> None:
    makers = {"kestrel": "kestrel", "kestrel labs": "kestrel-labs"}
    assert prefixed_maker(name, makers) == expected


def test_family_maker() -> None:
    developers = {"tern": "kestrel", "tern-4": "harbour"}
    assert family_maker("tern-4-max", developers) == "harbour"
    assert family_maker("tern-5", developers) == "kestrel"
    assert family_maker("ternary", developers) is None


@pytest.mark.parametrize(("text", "key"), ASSERTED)
def test_maker_is_found(extractor: Extractor, text: str, key: tuple[str, str]) -> None:
    assert key in keys_of(extractor, text, "DEVELOPS", "org", "model")


@pytest.mark.parametrize(("text", "org"), NOT_FACTS)
def test_not_a_maker(extractor: Extractor, text: str, org: str) -> None:
    assert all(found != org for found, _ in keys_of(extractor, text, "DEVELOPS", "org", "model"))


def test_seller_is_not_maker(extractor: Extractor) -> None:
    text = "Kestrel Labs sells the Corvid chatbot made by Nordwind AI."
    assert keys_of(extractor, text, "DEVELOPS", "org", "model") == {("nordwind-ai", "corvid")}
