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
from blocgraph.ingest.rules.develops_args import Focus
from blocgraph.ingest.rules.develops_frames import parse_develops, subject_org
from blocgraph.ingest.rules.develops_links import (
    answered_production,
    copular_maker,
    family_maker,
    possessed_products,
    prefixed_maker,
)
from blocgraph.ingest.skeleton import Skeleton

# Words that end a possessive's own noun phrase: "its staff from using X" is not its X.
NOT_OWN = (
    r"(?!(?:from|using|use|of|to|with|on|in|into|for|and|or|by|as|at|rival|rivals|than|like"
    r"|over|against|versus|vs|via|through|about)\b)"
)
POSSESSIVE = rf"<org:ORG>(?:'s|’s|(?<=~»)) (?:{NOT_OWN}[\w-]+ ){{0,3}}?<model:PROD>"
PRODUCT_NOUN = (
    r"(?:models?|chatbots?|assistants?|apps?|applications?|chips?|processors?|accelerators?"
    r"|systems?|tools?|platforms?|products?|family|series|software|services?|supercomputers?"
    r"|agents?|engines?|LLMs?|GPUs?|machines?|networking|switch(?:es)?)"
)
PRODUCT_OF = (
    r"<model:PROD>, (?:the|an?) (?:[\w\"-]+ ){0,4}?"
    rf"(?:{PRODUCT_NOUN} (?:of|from|by)|(?:developed|made|built|designed|created|trained"
    r"|released|launched) by) (?:the )?(?:[\w-]+-based )?<org:ORG>"
)
# "Kimi maker Moonshot", "the chatbot's developer, Nordwind".
PRODUCT_MAKER = r"<model:PROD>(?:-| )(?:maker|developer|creator|designer|owner|builder) <org:ORG>"
# "Nordwind, the Oslo lab behind the Aster models", "Nordwind, whose Aster models ...".
BEHIND = (
    rf"<org:ORG>{PAREN}, (?:the|an?) (?:[\w,.-]+ ){{0,4}}?(?:company|start-?up|lab|group|firm"
    r"|developer|institute|centre|center|team|unit|maker) behind (?:the |its )?<model:PROD>"
)
# "Nordwind, the Oslo chipmaker whose Tern processors ...": a description mention too.
WHOSE = (
    rf"<org:ORG>(?:{PAREN}, (?:[\w-]+ ){{0,6}}?| )whose (?:own |flagship |latest |new )?"
    r"<model:PROD>"
)
# "Nordwind Aster", "NVIDIA H100": the maker's name right before the product's.
NAMED_WITH = r"<org:ORG> <model:PROD>"
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
    r"(?:model|chatbot|product|chip|processor|assistant)s?(?=[,.;)]|$)"
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


def _focus(ctx: Context) -> Focus:
    """The speaker of "we" (the article's most named company or organisation) and the
    previous sentence's subject organisation."""
    orgs = [r for r in ctx.resolver.records.values() if r.type in ("Company", "Organization")]
    speaker = max(orgs, key=lambda r: r.mentions).id if orgs else None
    return Focus(speaker, ctx.memory.get("develops.subject"), ctx.memory.get("develops.product"))


@register("develops.patterns")
def develops(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    for pattern, confidence in ((POSSESSIVE, 0.8), (PRODUCT_OF, 0.85), (MAKER_OF, 0.85),
                                (FLAGSHIP, 0.8), (AS_ITS, 0.8), (MODEL_OF_ORG, 0.8),
                                (PRODUCT_MAKER, 0.85), (BEHIND, 0.8), (WHOSE, 0.75),
                                (NAMED_WITH, 0.7)):
        for match in skeleton.find(pattern):
            orgs, models = skeleton.ids(match, "org"), skeleton.ids(match, "model")
            if orgs and models and asserted(skeleton, match, lead=10):
                found.append(_develops(skeleton, ctx, orgs[-1], models[0], confidence))
    for match in skeleton.find(PRODUCTS_OF):
        orgs = skeleton.ids(match, "org")
        if orgs and asserted(skeleton, match, lead=10):
            sub = list_region(match.group("list"))
            for index in re.findall(r"«(\d+)\|(?:AIModel|Hardware)»", sub):
                listed = skeleton.mentions[int(index)].entity_id
                if listed:
                    found.append(_develops(skeleton, ctx, orgs[-1], listed, 0.8))
    focus = _focus(ctx)
    parsed = parse_develops(skeleton.sentence, focus)
    if parsed is not None:
        parsed += possessed_products(skeleton.sentence, focus.speaker,
                                     ctx.memory.get("developers"))
        parsed += copular_maker(skeleton.sentence, _maker_names(ctx))
        parsed += answered_production(skeleton.sentence, focus.speaker)
    ctx.memory["develops.subject"] = subject_org(skeleton.sentence)
    products = [m.entity_id for m in skeleton.sentence.mentions
                if m.type in ("AIModel", "Hardware") and m.entity_id]
    ctx.memory["develops.product"] = products[0] if products else None
    if parsed is not None:
        # The parse names the subject of a making verb across asides and voices; the
        # window rule below would take the nearest name before the verb instead.
        # It also outranks an "its" read by the resolver for the same product.
        named = {model: org for org, model, _ in parsed}
        found = [c for c in found if named.get(c.fields["model"], c.fields["org"])
                 == c.fields["org"]]
        found += [_develops(skeleton, ctx, org, model, confidence)
                  for org, model, confidence in parsed]
        return found + _family_members(skeleton, ctx, found)
    for match in skeleton.find(MAKES):
        orgs, models = skeleton.ids(match, "org"), skeleton.ids(match, "models")
        if orgs and asserted(skeleton, match, lead=10):
            found += [_develops(skeleton, ctx, orgs[-1], model, 0.7) for model in models]
    return found + _family_members(skeleton, ctx, found)


def _maker_names(ctx: Context) -> dict[str, str]:
    """The article's companies and organisations by lower-cased name and alias."""
    return {name.lower(): r.id for r in ctx.resolver.records.values()
            if r.type in ("Company", "Organization")
            for name in (r.name, *r.aliases, *r.surfaces) if len(name) > 1}


def _family_members(skeleton: Skeleton, ctx: Context, found: list[Candidate]
                    ) -> list[Candidate]:
    """"Tern 4" in an article that gave the maker of "Tern": the member of a family is
    the family maker's, unless this sentence names a maker of its own."""
    developers: dict[str, str] = ctx.memory.setdefault("developers", {})
    named = {c.fields["model"] for c in found}
    makers = _maker_names(ctx)
    members: list[Candidate] = []
    for mention in skeleton.sentence.mentions:
        model = mention.entity_id
        if mention.type not in ("AIModel", "Hardware") or not model or model in named:
            continue
        maker = prefixed_maker(mention.text, makers)
        if maker is not None and maker != model:
            named.add(model)
            members.append(_develops(skeleton, ctx, maker, model, 0.75))
            continue
        maker = family_maker(model, developers) if model not in developers else None
        if maker is not None:
            named.add(model)
            members.append(_develops(skeleton, ctx, maker, model, 0.65))
    return members
