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
    # verbs of founding: a relative clause with the org as its object ("co-" split apart)
    ("Nordwind Robotics, which Karl Berg co-founded in 2019, raised money in May.",
     ("karl-berg", "nordwind-robotics")),
    # "previously started" a list of companies, in a relative clause on the founder
    ("Brightwave Labs is the third company founded by Tom Ruhl, who previously started"
     " Solent Dynamics and Kestrel Labs.", ("tom-ruhl", "kestrel-labs")),
    # a copula's subject is the company a participle describes
    ("Brightwave Labs is the third company founded by Tom Ruhl, who previously started"
     " Solent Dynamics and Kestrel Labs.", ("tom-ruhl", "brightwave-labs")),
    # "set up" in a relative clause on an apposition
    ("Kestrel Labs, the Lyon-based venture that Ola Berg set up in 2021, raised money in May.",
     ("ola-berg", "kestrel-labs")),
    # ... and the one name before a relative clause after a list runs the org it names
    ("Nordwind Robotics was founded by Karl Berg, Lena Voss and Piet Smit, who also runs"
     " Kestrel Labs-controlled Solent Dynamics.", ("piet-smit", "solent-dynamics")),
    # "ran" an org; "led research at" an org
    ("Lena Voss ran Solent Dynamics until her nomination, and Piet Smit led research at"
     " Kestrel Labs.", ("lena-voss", "solent-dynamics")),
    ("Lena Voss ran Solent Dynamics until her nomination, and Piet Smit led research at"
     " Kestrel Labs.", ("piet-smit", "kestrel-labs")),
    # a post taken "as": joined, appointed, took over, serves
    ("Lena Voss joined Nordwind Robotics as chief technology officer in 2022.",
     ("lena-voss", "nordwind-robotics")),
    ("Harbour Capital appointed Lena Voss as managing partner.", ("lena-voss", "harbour-capital")),
    ("Lena Voss took over as chair of Nordwind Robotics last year.",
     ("lena-voss", "nordwind-robotics")),
    ("Lena Voss serves as president of Nordwind Robotics.", ("lena-voss", "nordwind-robotics")),
    # leaving an org: a former role
    ("Tom Ruhl left Solent Dynamics in March to start a fund.", ("tom-ruhl", "solent-dynamics")),
    # succeeded as: both the successor and the predecessor, at the company written about
    ("Nordwind Robotics raised money in May. Karl Berg, who succeeded Lena Voss as chief"
     " executive in April, said sales doubled.", ("karl-berg", "nordwind-robotics")),
    ("Nordwind Robotics raised money in May. Karl Berg, who succeeded Lena Voss as chief"
     " executive in April, said sales doubled.", ("lena-voss", "nordwind-robotics")),
    # two roles in one apposition: "its CTO and a former <org> researcher"
    ("Nordwind Robotics was co-founded by chief executive Karl Berg and Lena Voss, its chief"
     " technology officer and a former Harbour Capital researcher.",
     ("lena-voss", "harbour-capital")),
    ("Nordwind Robotics was co-founded by chief executive Karl Berg and Lena Voss, its chief"
     " technology officer and a former Harbour Capital researcher.",
     ("lena-voss", "nordwind-robotics")),
    # a bare title in apposition: the company just written about
    ("Kestrel Labs raised money in May. Ola Berg, the chief executive, said the company would"
     " hire.", ("ola-berg", "kestrel-labs")),
    # a title in a second clause of the sentence about the company
    ("Solent Dynamics lost a supplier in June, and chief executive Tom Ruhl told customers to"
     " wait.", ("tom-ruhl", "solent-dynamics")),
    # a spokesperson speaks for the body the previous sentence is about
    ("France's Ministry of Trade and Industry criticised the decision. Spokesperson Anne Morel"
     " said the measure was unfair.", ("anne-morel", "ministry-of-trade-and-industry")),
    # "Secretary of <portfolio>" before the name
    ('The US Department of Commerce added six firms to the list. "We act now," said Secretary'
     " of Commerce Jane Doria.", ("jane-doria", "us-department-of-commerce")),
    # an initialism in the portfolio matches the ministry's words
    ("Japan's Ministry of Information and Communications Technology approved the plan. ICT"
     " Minister Kenji Oda said it would start in June.",
     ("kenji-oda", "ministry-of-information-and-communications-technology")),
    # a plural title before a list of names: each one's, at the commission named
    ("France's Competition Commission fined Nordwind Robotics. Commissioners Anne Morel and"
     " Luc Petit voted against.", ("luc-petit", "competition-commission")),
    # a head of state with no country in the sentence: the state the text is about
    ("Germany approved the subsidy in May. Chancellor Hans Weber said the plant would open"
     " in 2027.", ("hans-weber", "germany")),
    # "Under Secretary for <portfolio>": the body whose name carries the portfolio
    ("Britain's Office for Trade and Technology Security published rules. Jane Doria, the"
     " Under Secretary for Trade and Technology, said they were needed.",
     ("jane-doria", "office-for-trade-and-technology-security")),
    # a rank written after the title: "secretary general", "Minister Delegate"
    ("A: Harbour Council's secretary general, Lena Voss, sets the direction for the council.",
     ("lena-voss", "harbour-council")),
    ("France published its plan. Lena Voss, the Minister Delegate for Digital Transition,"
     " said France would pay.", ("lena-voss", "france")),
    # an "Executive Vice-President" sits in the commission the article names
    ("The European Commission approved the aid. Executive Vice-President Lena Voss, who is in"
     " charge of competition policy, said the aid was fair.",
     ("lena-voss", "european-commission")),
    # an org before the first of two coordinated titled names is the second's too
    ("The plant opening was attended by Nordwind Robotics founder Karl Berg and chairman Tom"
     " Ruhl.", ("tom-ruhl", "nordwind-robotics")),
    # "the company" the resolver gave to a backer: the company written about
    ("Harbour Capital led a $20 million round in Kestrel Labs. The company was founded in 2017"
     " by chief executive Ola Berg and engineer Jan Ek.", ("jan-ek", "kestrel-labs")),
    ("Kestrel Labs raised $20 million. Existing investors Harbour Capital and Brightwave"
     " Ventures also took part.\n\nThe company was co-founded in 2017 by co-chief executive"
     " Ola Berg, AI researcher Jan Ek and Tom Ruhl.", ("ola-berg", "kestrel-labs")),
    # a bare "Chief executive A said" after lines about backers: the paragraph's company
    ("1. Solent Dynamics (Spain, robots) raised $30 million.\nA round for Solent Dynamics,"
     " the Madrid-based maker. Harbour Capital and Brightwave Ventures took part. Chief"
     " executive Tom Ruhl said the money would fund hiring.",
     ("tom-ruhl", "solent-dynamics")),
]

NOT_FACTS = [
    # the description is not the backer's founding
    ("Harbour Capital led a $20 million round in Kestrel Labs. The company was founded in 2017"
     " by chief executive Ola Berg and engineer Jan Ek.", ("jan-ek", "harbour-capital")),
    # a bare title after a clause naming another org is not that org's
    ("1. Solent Dynamics (Spain, robots) raised $30 million.\nLena Voss is leaving to join"
     " Harbour Capital; chief strategy officer Tom Ruhl becomes interim chief executive.",
     ("tom-ruhl", "harbour-capital")),
    # a plain vice-president is no commission's
    ("The European Commission approved the aid. Vice-President Lena Voss of France said the"
     " aid was fair.", ("lena-voss", "european-commission")),
    # a title of a neighbouring clause's org is not this person's
    ("Nordwind Robotics signed a deal with Harbour Capital, and analyst Jan Ek said the terms"
     " were fair.", ("jan-ek", "harbour-capital")),
    # a hedged appointment is no role
    ("Lena Voss is expected to be named chief executive of Nordwind Robotics.",
     ("lena-voss", "nordwind-robotics")),
    # a negated founding is no role
    ("Kestrel Labs was not founded by Tom Ruhl.", ("tom-ruhl", "kestrel-labs")),
    # a relative clause after a list of founders is about the last name only
    ("Nordwind Robotics was founded by Karl Berg, Lena Voss and Piet Smit, who also runs"
     " Kestrel Labs-controlled Solent Dynamics.", ("lena-voss", "solent-dynamics")),
    # nor is the name hyphened to a participle the org run
    ("Nordwind Robotics was founded by Karl Berg, Lena Voss and Piet Smit, who also runs"
     " Kestrel Labs-controlled Solent Dynamics.", ("piet-smit", "kestrel-labs")),
    # a hedged or negated post, and a possible departure
    ("Lena Voss is expected to join Nordwind Robotics as chief executive.",
     ("lena-voss", "nordwind-robotics")),
    ("Nordwind Robotics is not run by Karl Berg.", ("karl-berg", "nordwind-robotics")),
    ("Karl Berg may leave Nordwind Robotics next year.", ("karl-berg", "nordwind-robotics")),
    # leaving a country is no role
    ("Tom Ruhl left France in May.", ("tom-ruhl", "france")),
    # a governor governs a federated state, not the country the text names
    ("France approved the plan. Governor Lena Voss vetoed a state bill.",
     ("lena-voss", "france")),
    # the portfolio words of an "Under Secretary for ..." are no org of their own
    ("Britain's Office for Trade and Technology Security published rules. Jane Doria, the"
     " Under Secretary for Trade and Technology, said they were needed.",
     ("jane-doria", "trade-and-technology")),
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
