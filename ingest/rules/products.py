"""DEVELOPS: an organisation makes an AI model, AI product or piece of hardware."""

from __future__ import annotations

from blocgraph.ingest.rules.base import GAP, Candidate, Context, asserted, register
from blocgraph.ingest.skeleton import Skeleton

POSSESSIVE = r"<org:ORG>(?:'s|’s|~) (?:[\w-]+ ){0,3}?<model:PROD>"
PRODUCT_OF = r"<model:PROD>, (?:the|an?) (?:[\w\"-]+ ){0,4}?(?:of|from|by|developed by|made by|built by) (?:the )?<org:ORG>"
MAKER_OF = r"<org:ORG>(?: \(<:ORG>\))?, (?:the|an?) (?:[\w,.-]+ ){0,3}?(?:developer|maker|creator|designer|owner|company behind|publisher) of (?:the )?<model:PROD>"
MAKES = (
    rf"<org:ORG>(?:,[^.;]*?,)?{GAP}{{0,20}}?\b(?:develops|developed|designs|designed|makes|made|built"
    rf"|builds|launched|launches|released|releases|unveiled|created|trains|trained|opened|sold|sells"
    rf"|introduced|introduces|offers|debuted)\b{GAP}{{0,40}}?<models:PROD+>"
)
FLAGSHIP = r"<org:ORG>(?:'s|’s|~) (?:[\w-]+ ){0,2}?(?:model|chatbot|product|chip|processor|accelerator|system)s?,? (?:is |was )?<model:PROD>"
AS_ITS = r"<model:PROD> as <org:ORG>(?:'s|’s|~)? (?:[\w-]+ ){0,2}?(?:product|model|chatbot|chip|offering)"
MODEL_OF_ORG = r"<model:PROD>, <org:ORG>(?:'s|’s) (?:[\w-]+ ){0,3}?(?:model|chatbot|product|chip|processor)"


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
    for match in skeleton.find(MAKES):
        org, models = skeleton.ids(match, "org"), skeleton.ids(match, "models")
        if org and asserted(skeleton, match, lead=10):
            found += [_develops(skeleton, ctx, org[-1], model, 0.8) for model in models]
    found += _known_developers(skeleton, ctx, found)
    return found


def _known_developers(skeleton: Skeleton, ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """A product and its gazetteer developer in one sentence: the text ties them."""
    present = {m.entity_id for m in skeleton.mentions if m.entity_id}
    done = {(c.fields["org"], c.fields["model"]) for c in found}
    extra = []
    for mention in skeleton.mentions:
        known = ctx.gazetteer.entries.get(mention.entity_id or "")
        if known is None or known.type not in ("AIModel", "Hardware") or not known.developer:
            continue
        if known.developer in present and (known.developer, known.id) not in done:
            extra.append(_develops(skeleton, ctx, known.developer, known.id, 0.6))
            done.add((known.developer, known.id))
    return extra
