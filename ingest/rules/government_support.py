"""GOVERNMENT_FUNDING with no figure: state support a recipient gets, read from the parse.

News often says that someone gets public money without saying how much: "the lab
has received subsidies under P, a programme run by the ministry", "the plant will
receive central support under the state's chip scheme", "X will receive part of
the resources of the plan", or, in an interview, "the council funds us". Each is
GOVERNMENT_FUNDING with a null amount. The payer is who the text ties the money or
its programme to: the ``from`` of the receiving verb, the body that runs (or the
state word that owns) the programme named after ``under``, or, for "the plan" /
"the programme" with no name, the payer of the programme the article last gave an
amount for. "Us"/"we" as the one funded is the organisation the interview speaks for.
"""

from __future__ import annotations

from spacy.tokens import Token

from blocgraph.ingest.rules.base import Candidate, Context
from blocgraph.ingest.rules.frames import ORGS, asserted_at
from blocgraph.ingest.rules.parse_args import (
    Arguments,
    is_verbal,
    parsed,
    role_tokens,
    sentence_of,
    subjects,
)
from blocgraph.ingest.rules.public_funders import WHOLE_STATE, described_state
from blocgraph.ingest.skeleton import Skeleton

RECEIVE_VERBS = frozenset({"receive", "get", "obtain", "secure", "win", "draw"})
# What a recipient gets that is public money by itself.
SUPPORT_NOUNS = frozenset({"subsidy", "grant", "support", "funding", "aid", "resource",
                           "fund", "money", "financing", "backing", "incentive"})
# "part of the resources": a share of the money.
SHARE_NOUNS = frozenset({"part", "share", "portion", "some", "slice"})
PROGRAM_NOUNS = frozenset({"plan", "programme", "program", "scheme", "initiative", "fund",
                           "mission", "strategy"})
RUN_VERBS = frozenset({"run", "operate", "manage", "administer", "oversee", "fund", "finance"})
FUND_VERBS = frozenset({"fund", "finance", "bankroll", "sponsor", "subsidise", "subsidize"})
FIRST_PERSON = frozenset({"us", "we"})
# The article's last programme payer, set by the amount rules.
LAST_PAYER = "government_support.last_payer"


def remember_payer(ctx: Context, candidates: list[Candidate]) -> None:
    """Keep the payer of the latest amount, for "the resources of the plan" later on."""
    for candidate in candidates:
        if candidate.fields.get("amount") is not None:
            ctx.memory[LAST_PAYER] = candidate.fields["funder"]


def support_facts(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """Null-amount candidates of the sentence (none without a parse)."""
    span = parsed(skeleton.sentence)
    if span is None:
        return []
    args = Arguments(span, skeleton.sentence.mentions)
    found: list[Candidate] = []
    for token in span:
        lemma = token.lemma_.lower()
        if lemma not in RECEIVE_VERBS and lemma not in FUND_VERBS:
            continue  # the cheap look-up first
        if not is_verbal(token) or not asserted_at(token):
            continue
        if lemma in RECEIVE_VERBS:
            found += _received(skeleton, ctx, args, token)
        elif lemma in FUND_VERBS:
            found += _funds_us(skeleton, ctx, args, token)
    return found


def _received(skeleton: Skeleton, ctx: Context, args: Arguments,
              verb: Token) -> list[Candidate]:
    objects = role_tokens(verb, "patient")
    support = [o for o in objects if o.lemma_.lower() in SUPPORT_NOUNS]
    for share in (o for o in objects if o.lemma_.lower() in SHARE_NOUNS):
        support += [c for p in share.children if p.dep_ == "prep" and p.lower_ == "of"
                    for c in p.children if c.dep_ == "pobj"
                    and c.lemma_.lower() in SUPPORT_NOUNS]
    if not support or any(args.money([t for o in support for t in o.subtree])):
        return []  # an amount: the amount rules read it
    funder = _payer(ctx, args, verb, support)
    if funder is None or ctx.type_of(funder) != "Government":
        return []
    named = [m for s in role_tokens(verb, "agent") for m in args.of(s)
             if m.type in ORGS and m.entity_id]
    recipient = named[0].entity_id if len(named) == 1 else None
    return [_candidate(skeleton, funder, recipient, 0.7, "public.parse.support")]


def _payer(ctx: Context, args: Arguments, verb: Token, support: list[Token]) -> str | None:
    """The ``from`` of the verb, else the payer of the programme the money comes under
    or out of."""
    heads = [verb, *support]
    for source in (p for h in heads for p in role_tokens(h, "prep:from")):
        named = _government(args, source)
        if named:
            return named
    programmes = [p for h in heads for p in role_tokens(h, "prep:under|of|from")]
    for programme in programmes:
        payer = _programme_payer(ctx, args, programme)
        if payer:
            return payer
    if any(p.lemma_.lower() in PROGRAM_NOUNS and any(c.lower_ == "the" for c in p.children)
           for p in programmes):
        payer = ctx.memory.get(LAST_PAYER)
        return str(payer) if payer else None
    return None


def _programme_payer(ctx: Context, args: Arguments, programme: Token) -> str | None:
    """"GENIAC, a programme run by the ministry", "the Centre's chip scheme": the body
    that runs it or the state word that owns it, on the name or its apposition; the
    parse may hang the apposition on the verb, so the sentence's "run by" counts too."""
    nouns = [programme, *(c for c in programme.children if c.dep_ == "appos")]
    nouns += [t for t in sentence_of(programme) if t.i > programme.i and t.dep_ in ("dobj", "appos")
              and t.lemma_.lower() in PROGRAM_NOUNS]
    for noun in nouns:
        for child in noun.children:
            if child.dep_ == "poss" and child.lemma_.lower() in WHOLE_STATE \
                    and not args.of(child):
                return described_state(ctx, args, child)
            if child.dep_ == "poss":
                named = _government(args, child)
                if named:
                    return named
            if child.dep_ == "acl" and child.lemma_.lower() in RUN_VERBS:
                for agent in (a for c in child.children if c.dep_ == "agent"
                              for a in c.children if a.dep_ == "pobj"):
                    named = _government(args, agent)
                    if named:
                        return named
    return None


def _funds_us(skeleton: Skeleton, ctx: Context, args: Arguments,
              verb: Token) -> list[Candidate]:
    """"The council funds us entirely": the speaker's organisation is funded."""
    if not any(c.dep_ in ("dobj", "obj") and c.lower_ in FIRST_PERSON for c in verb.children):
        return []
    funders = [m.entity_id for s in subjects(verb) for m in args.of(s)
               if m.type == "Government" and m.entity_id]
    orgs = [r for r in ctx.resolver.records.values() if r.type in ("Company", "Organization")]
    if not funders or not orgs:
        return []
    speaker = max(orgs, key=lambda r: r.mentions).id
    return [_candidate(skeleton, funders[0], speaker, 0.7, "public.parse.funds_us")]


def _government(args: Arguments, token: Token) -> str | None:
    for mention in args.of(token):
        if mention.entity_id:
            return mention.entity_id if mention.type == "Government" else None
    return None


def _candidate(skeleton: Skeleton, funder: str, recipient: str | None, confidence: float,
               rule: str) -> Candidate:
    fields = {"funder": funder, "recipient": recipient, "program": None, "amount": None,
              "currency": None, "date": None}
    return Candidate("GOVERNMENT_FUNDING", fields, skeleton.sentence, confidence, rule)
