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
PRODUCT_OF = r"<model:PROD>, (?:the|an?) (?:[\w\"-]+ ){0,4}?(?:of|from|by|developed by|made by|built by) (?:the )?<org:ORG>"
MAKER_OF = rf"<org:ORG>{PAREN}, (?:the|an?) (?:[\w,.-]+ ){0,3}?(?:developer|maker|creator|designer|owner|company behind|publisher) of (?:the )?<model:PROD>"
MAKES = (
    rf"<org:ORG>(?:,[^.;]*?,)?{GAP}{{0,20}}?\b(?:develops|developed|designs|designed|makes|made|built"
    rf"|builds|launched|launches|released|releases|unveiled|created|trains|trained|opened|sold|sells"
    rf"|introduced|introduces|offers|debuted)\b{GAP}{{0,40}}?<models:PROD+>"
)
FLAGSHIP = r"<org:ORG>(?:'s|’s|(?<=~»)) (?:[\w-]+ ){0,2}?(?:model|chatbot|product|chip|processor|accelerator|system)s?,? (?:is |was )?<model:PROD>"
AS_ITS = r"<model:PROD> as <org:ORG>(?:'s|’s|(?<=~»))? (?:[\w-]+ ){0,2}?(?:product|model|chatbot|chip|offering)"
MODEL_OF_ORG = r"<model:PROD>, <org:ORG>(?:'s|’s)? (?:[\w-]+ ){0,3}?(?:model|chatbot|product|chip|processor)"
PRODUCTS_OF = (
    r"(?:models|chatbots|products|chips|processors) of <org:ORG>,? (?:in particular|notably|including"
    r"|such as|like|especially) (?P<list>[^;]+)"
)


def _develops(skeleton: Skeleton, ctx: Context, org: str, model: str, confidence: float) -> Candidate:
    ctx.memory.setdefault("developers", {})[model] = org
    return Candidate("DEVELOPS", {"org": org, "model": model}, skeleton.sentence, confidence,
                     "develops")


@register("develops.patterns")
def develops(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    for pattern in (POSSESSIVE, PRODUCT_OF, MAKER_OF, FLAGSHIP, AS_ITS, MODEL_OF_ORG):
        for match in skeleton.find(pattern):
            org, model = skeleton.ids(match, "org"), skeleton.ids(match, "model")
            if org and model and asserted(skeleton, match, lead=10):
                found.append(_develops(skeleton, ctx, org[-1], model[0], 0.8))
    for match in skeleton.find(PRODUCTS_OF):
        org = skeleton.ids(match, "org")
        if org and asserted(skeleton, match, lead=10):
            sub = list_region(match.group("list"))
            for index in re.findall(r"«(\d+)\|(?:AIModel|Hardware)»", sub):
                model = skeleton.mentions[int(index)].entity_id
                if model:
                    found.append(_develops(skeleton, ctx, org[-1], model, 0.8))
    for match in skeleton.find(MAKES):
        org, models = skeleton.ids(match, "org"), skeleton.ids(match, "models")
        if org and asserted(skeleton, match, lead=10):
            found += [_develops(skeleton, ctx, org[-1], model, 0.8) for model in models]
    return found
