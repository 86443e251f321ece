"""DEVELOPS: an organisation makes an AI model, AI product or piece of hardware."""

from __future__ import annotations

import re

from blocgraph.ingest.rules.base import (
    GAP,
    PAREN,
    Candidate,
    Context,
    asserted,
    list_region,
    register,
)
from blocgraph.ingest.skeleton import Skeleton

POSSESSIVE = r"<org:ORG>(?:'s|’s|(?<=~»)) (?:[\w-]+ ){0,3}?<model:PROD>"
PRODUCT_OF = (
    r"<model:PROD>, (?:the|an?) (?:[\w\"-]+ ){0,4}?"
    r"(?:of|from|by|developed by|made by|built by) (?:the )?<org:ORG>"
)
MAKER_OF = (
    rf"<org:ORG>{PAREN}, (?:the|an?) (?:[\w,.-]+ ){{0,3}}?"
    r"(?:developer|maker|creator|designer|owner|company behind|publisher) of (?:the )?<model:PROD>"
)
MAKES = (
    rf"<org:ORG>(?:,[^.;]*?,)?{GAP}{{0,20}}?\b(?:develops|developed|designs|designed|makes|made|built"
    rf"|builds|launched|launches|released|releases|unveiled|created|trains|trained|opened|sold|sells"
    rf"|introduced|introduces|offers|debuted)\b{GAP}{{0,40}}?<models:PROD+>"
)
FLAGSHIP = (
    r"<org:ORG>(?:'s|’s|(?<=~»)) (?:[\w-]+ ){0,2}?"
    r"(?:model|chatbot|product|chip|processor|accelerator|system)s?,? (?:is |was )?<model:PROD>"
)
AS_ITS = (
    r"<model:PROD> as <org:ORG>(?:'s|’s|(?<=~»))? (?:[\w-]+ ){0,2}?"
    r"(?:product|model|chatbot|chip|offering)"
)
MODEL_OF_ORG = (
    r"<model:PROD>, <org:ORG>(?:'s|’s)? (?:[\w-]+ ){0,3}?"
    r"(?:model|chatbot|product|chip|processor)"
)
PRODUCTS_OF = (
    r"(?:models|chatbots|products|chips|processors) of <org:ORG>,?"
    r" (?:in particular|notably|including|such as|like|especially) (?P<list>[^;]+)"
)


def _develops(
    skeleton: Skeleton, ctx: Context, org: str, model: str, confidence: float
) -> Candidate:
    ctx.memory.setdefault("developers", {})[model] = org
    return Candidate("DEVELOPS", {"org": org, "model": model}, skeleton.sentence, confidence,
                     "develops")


@register("develops.patterns")
def develops(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    for pattern in (POSSESSIVE, PRODUCT_OF, MAKER_OF, FLAGSHIP, AS_ITS, MODEL_OF_ORG):
        for match in skeleton.find(pattern):
            orgs, models = skeleton.ids(match, "org"), skeleton.ids(match, "model")
            if orgs and models and asserted(skeleton, match, lead=10):
                found.append(_develops(skeleton, ctx, orgs[-1], models[0], 0.8))
    for match in skeleton.find(PRODUCTS_OF):
        orgs = skeleton.ids(match, "org")
        if orgs and asserted(skeleton, match, lead=10):
            sub = list_region(match.group("list"))
            for index in re.findall(r"«(\d+)\|(?:AIModel|Hardware)»", sub):
                listed = skeleton.mentions[int(index)].entity_id
                if listed:
                    found.append(_develops(skeleton, ctx, orgs[-1], listed, 0.8))
    for match in skeleton.find(MAKES):
        orgs, models = skeleton.ids(match, "org"), skeleton.ids(match, "models")
        if orgs and asserted(skeleton, match, lead=10):
            found += [_develops(skeleton, ctx, orgs[-1], model, 0.8) for model in models]
    return found
