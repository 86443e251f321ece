"""Who funds: the public body behind a funding sentence, read from the parse.

A subject that is a minister, a budget or a state word ("the government", "the
Treasury") stands for its state; a ministry named in passing is kept when the text
says whose it is; a possessive ("France's 2030 plan") names the state. Kept apart
from :mod:`.government_funding_parse`, which finds the amount and the recipient."""

from __future__ import annotations

import re

from spacy.tokens import Token

from blocgraph.ingest.rules.base import Context
from blocgraph.ingest.rules.parse_args import Arguments, is_verbal, role_tokens
from blocgraph.ingest.rules.public_funders import WHOLE_STATE, described_state, is_description

# "the spending review found £2bn for X": a budget document "finds" money it allots.
BUDGET_NOUNS = frozenset({"review", "budget", "statement", "bill"})
# Heads of government and finance ministers speak for the state: "the Prime Minister,
# X, promised ...", "the Chancellor's spending review".
STATE_TITLES = frozenset({"minister", "chancellor", "president", "premier", "taoiseach"})
# Verbs whose subject gets the money and whose "from" names who gives it.
RECEIVE_VERBS = frozenset({"receive", "get", "win", "secure", "obtain", "land", "draw"})
# Nouns that make an amount public money when a state stands behind them.
FUND_NOUNS = frozenset({
    "subsidy", "grant", "aid", "funding", "support", "budget", "package", "programme",
    "program", "fund", "plan", "initiative", "scheme", "outlay", "spending", "allocation",
    "financing", "incentive", "investment", "capital", "loan", "backing", "envelope",
    "mission", "strategy", "project", "stimulus", "money", "contribution", "commitment",
})
# A subject that is the state without naming it: resolved to the state in focus.
STATE_WORDS = frozenset({
    "government", "state", "cabinet", "ministry", "administration", "executive", "centre",
    "center", "treasury", "department", "agency", "council", "commission", "parliament",
})


def state_possessor(ctx: Context, args: Arguments, tokens: list[Token]) -> str | None:
    """"the Centre's Rs 76,000 crore programme", "the government's €2bn plan": a state
    word owning the money stands for the state just named."""
    for token in tokens:
        for child in token.children:
            if child.dep_ == "poss" and child.lemma_.lower() in WHOLE_STATE \
                    and not args.of(child):
                return described_state(ctx, args, child)
    return None


def possessor(args: Arguments, tokens: list[Token]) -> str | None:
    """"Germany's €5bn aid", "Seoul's chip package": a state owning the amount or noun
    (not a name the noun is part of: "the Nordwind Mission")."""
    for token in tokens:
        for child in token.children:
            if child.dep_ == "poss" or (child.dep_ == "compound" and child.i < token.i):
                for mention in args.of(child):
                    if mention.type == "Government" and mention.entity_id \
                            and not mention.start <= token.idx < mention.end:
                        return mention.entity_id
    return None


def funder_of(ctx: Context, args: Arguments, verb: Token | None,
               depth: int = 0) -> str | None:
    if verb is None:
        return None
    if verb.lemma_.lower() in RECEIVE_VERBS:
        for source in role_tokens(verb, "prep:from"):
            named = government(args, source) or possessor(args, [source])
            if named:
                return named
        return None
    orphan = _orphan_subject(verb)
    if orphan is not None:
        return _state_behind(ctx, args, orphan)
    # The subject nearest the verb first: a dateline ("OSLO, Norway -") may parse as one.
    for agent in sorted(role_tokens(verb, "agent"), key=lambda t: abs(t.i - verb.i)):
        named = government(args, agent)
        if named and agent.lemma_.lower() in WHOLE_STATE \
                and all(is_description(m) for m in args.of(agent)[:1]):
            # "the state will spend": the state just named, not the article's salient one.
            return described_state(ctx, args, agent, named) or named
        if named:
            return _ministry_meant(ctx, args, agent, named)
        if agent.lemma_.lower() in FUND_NOUNS and agent.head.i != agent.i and depth < 2:
            # "a plan to provide ¥1tn", "the Initiative, which will invest ...": the
            # programme spends; who set it up funds.
            governor = agent.head if is_verbal(agent.head) else None
            named = funder_of(ctx, args, governor, depth + 1) if governor is not None else None
            if named:
                return named
        if agent.dep_ == "appos":
            named = government(args, agent.head)
        if named is None:
            named = _state_behind(ctx, args, agent)
        if named:
            return named
    return None


def _orphan_subject(verb: Token) -> Token | None:
    """"X has committed €1bn to Y, and the PM's government unveiled a plan to provide
    ¥10tn": the parse may leave the second clause without a subject (its real subject
    hung on the first verb as an object). The noun right before such a clause's verb,
    when it is a state word, is the subject the text gives."""
    clause = verb
    if clause.dep_ == "acl" and clause.head.dep_ in ("dobj", "obj") \
            and is_verbal(clause.head.head):
        clause = clause.head.head
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in clause.children) \
            or clause.dep_ not in ("advcl", "conj"):
        return None
    index = clause.left_edge.i - 1
    if index < 0:
        return None
    before = clause.doc[index]
    if before.pos_ == "NOUN" and before.lemma_.lower() in STATE_WORDS \
            and before.head.i < before.i:
        return before
    return None


def _state_behind(ctx: Context, args: Arguments, agent: Token) -> str | None:
    """A subject naming no public body by name: "the cabinet", "Prime Minister X's
    government", "the Prime Minister, X,", "the Chancellor's spending review"; the
    state it stands for (only people, if anyone, are named in it)."""
    owners = [m for c in agent.children if c.dep_ == "poss" for m in args.of(c)]
    if any(m.type != "Person" for m in args.of(agent)) \
            or any(m.type not in ("Government", "Person") for m in owners):
        return None  # "Nordwind's president": not a state's
    lemma = agent.lemma_.lower()
    if lemma in STATE_WORDS or lemma in STATE_TITLES:
        return _unnamed_state(ctx, args, agent)
    if lemma in BUDGET_NOUNS and any(c.dep_ == "poss" and c.lemma_.lower() in STATE_TITLES
                                     | WHOLE_STATE for c in agent.children):
        return described_state(ctx, args, agent)
    return None


def _ministry_meant(ctx: Context, args: Arguments, agent: Token, named: str) -> str:
    """"the ministry" taken for the state by description: the article's ministry."""
    record = ctx.resolver.records.get(named)
    if agent.lemma_.lower() in ("ministry", "department") and record is not None \
            and not re.search(r"\b(?:Ministry|Department)\b", record.name):
        return _unnamed_state(ctx, args, agent) or named
    return named


def _unnamed_state(ctx: Context, args: Arguments, agent: Token) -> str | None:
    """"the ministry", "Japan's industry ministry", "the cabinet": the article's one
    ministry (of that state) for a ministry word, else the state the article is about."""
    owner = possessor(args, [agent])
    records = [r for r in ctx.resolver.records.values() if r.type == "Government"]
    if agent.lemma_.lower() in ("ministry", "department"):
        country = ctx.resolver.records[owner].country if owner in ctx.resolver.records else None
        ministries = [r for r in records if re.search(r"\b(?:Ministry|Department)\b", r.name)
                      and (country is None or r.country in (None, country))]
        if len(ministries) == 1:
            return ministries[0].id
        return owner
    if owner is not None:
        return owner
    return described_state(ctx, args, agent)


def government(args: Arguments, token: Token) -> str | None:
    for mention in args.of(token):
        if mention.entity_id:
            return mention.entity_id if mention.type == "Government" else None
    return None


