"""GOVERNMENT_FUNDING from the dependency parse, anchored on the amount.

The scoring key of a public-funding fact is (funder, amount), and news states
public money in many shapes around one amount: a verb ("the ministry will grant
up to ¥50bn to X", "Berlin promised €2bn", "X will receive $75m from the
Department"), a noun ("Germany's €5bn aid for X", "a €2.5bn package", "a
subsidy of ¥46bn", "a budget of 1 trillion won") or a programme the state sets
up ("the cabinet launched Project X, a €2bn package"; "China registered the
fund with 344 billion yuan of capital"). So each amount walks up the parse to
the word that makes it public money, and the funder is read from there: a
possessive state on the amount or the noun, else the subject of the verb that
spends, grants or sets up the money, else the ``from`` of a receiving verb.

Money a state puts into a company that the text calls an investment is an
INVESTMENT (the funding family's), so "invest"/"investment" with a company as
recipient gives nothing here. State support with no figure ("the agency funds
the lab") is read by :data:`FUND_FRAME`, with a null amount.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from blocgraph.ingest.mention_types import Mention
from blocgraph.ingest.rules.base import Candidate, Context
from blocgraph.ingest.rules.frames import ORGS, Frame, Slot, asserted_at, match_frames
from blocgraph.ingest.rules.government_funders_parse import (
    BUDGET_NOUNS,
    FUND_NOUNS,
    RECEIVE_VERBS,
    funder_of,
    government,
    possessor,
    state_possessor,
)
from blocgraph.ingest.rules.parse_args import Arguments, is_verbal, parsed, role_tokens
from blocgraph.ingest.skeleton import Skeleton

# Verbs whose object is public money the subject gives.
SPEND_VERBS = frozenset({
    "spend", "invest", "allocate", "commit", "provide", "grant", "award", "earmark", "pledge",
    "promise", "give", "put", "mobilise", "mobilize", "fund", "subsidise", "subsidize",
    "finance", "approve", "budget", "inject", "channel", "contribute", "pour", "lend",
    "dedicate", "devote", "reserve", "set", "offer", "extend",
})
# "set" counts only as "set aside/apart".
SET_PARTICLES = frozenset({"aside", "apart"})
# "won cabinet approval for the X Mission, a Rs 500 crore programme": the winner of the
# approval is the body whose programme it is.
APPROVAL_NOUNS = frozenset({"approval", "clearance", "go-ahead", "nod", "sign-off",
                            "endorsement", "authorisation", "authorization"})
# Verbs by which a state creates a programme or fund that carries the amount.
SETUP_VERBS = frozenset({
    "launch", "unveil", "announce", "approve", "establish", "create", "register", "present",
    "introduce", "start", "run", "set", "found", "open", "adopt", "clear", "back", "endorse",
    "have", "foresee", "include", "mobilise", "mobilize",
})
# Nouns that a state's money buys into: with a company named, it is an INVESTMENT.
EQUITY_WORDS = frozenset({"invest", "investment", "stake", "equity", "share"})
# Words that make a state's money a shareholding ("put in ... and is the largest shareholder").
SHAREHOLDING = frozenset({"shareholder", "stake", "equity", "stakeholder"})
CLIMB = frozenset({"nummod", "compound", "quantmod", "dobj", "obj", "pobj", "prep", "appos",
                   "attr", "npadvmod", "nmod", "amod", "conj", "oprd", "dative", "nsubjpass",
                   "acl", "relcl"})
# A conversion in brackets after the first amount: "Rs 500 crore (about $60 million)".
CONVERSION = re.compile(r"^\s*[(\[]\s*(?:about|around|roughly|approximately|some|nearly|or|~)?\s*$",
                        re.IGNORECASE)
DEADLINE = re.compile(r"\b(?:by|through|until|till|to|over|from)\s*$", re.IGNORECASE)
GOV = frozenset({"Government"})
PROGRAM_NAME = re.compile(
    r"\b(?:the )?((?:[A-Z][\w-]*\s+){1,7}(?:Strategy|Program|Programme|Initiative|Plan|Scheme"
    r"|Fund|Mission|Compact|Challenge|Project))\b|\"([A-Z][^\"]{2,60})\""
)

FUND_FRAME = Frame(
    "state-funds", "GOVERNMENT_FUNDING",
    verbs=frozenset({"fund", "subsidise", "subsidize", "finance", "bankroll", "sponsor"}),
    slots=(Slot("funder", ("agent",), GOV), Slot("recipient", ("patient",), ORGS)),
    required=("funder", "recipient"), confidence=0.75,
)


def parse_funding(skeleton: Skeleton, ctx: Context) -> list[Candidate] | None:
    """Candidates read from the parse; None when the sentence has no parse."""
    span = parsed(skeleton.sentence)
    if span is None:
        return None
    args = Arguments(span, skeleton.sentence.mentions)
    found: list[Candidate] = []
    for money in _first_amounts(skeleton):
        candidate = _from_amount(skeleton, ctx, args, money, found[-1] if found else None)
        if candidate is not None:
            found.append(candidate)
    for match in match_frames(skeleton.sentence, [FUND_FRAME]):
        if match.money():
            continue  # the amount walk reads this one
        funder, recipients = match.first("funder"), match.ids("recipient")
        if funder and ctx.type_of(funder) == "Government" and len(recipients) == 1:
            found.append(_candidate(skeleton, funder, recipients[0], None, None,
                                    match.date(), match.frame.confidence, "public.parse.funds"))
    return found


def _first_amounts(skeleton: Skeleton) -> list[Mention]:
    """The sentence's amounts, without conversions into a second currency."""
    kept: list[Mention] = []
    previous: Mention | None = None
    text, offset = skeleton.sentence.text, skeleton.sentence.start
    for mention in skeleton.sentence.mentions:
        if mention.type != "Money" or mention.value is None:
            continue
        between = text[previous.end - offset : mention.start - offset] if previous else ""
        if previous is None or not CONVERSION.match(between):
            kept.append(mention)
        previous = mention
    return kept


def _head_token(args: Arguments, mention: Mention) -> Token | None:
    tokens = [t for t in args.span if mention.start <= t.idx < mention.end]
    for token in tokens:
        if not (mention.start <= token.head.idx < mention.end) or token.head.i == token.i:
            return token
    return None


def _from_amount(skeleton: Skeleton, ctx: Context, args: Arguments,
                 money: Mention, parent: Candidate | None = None) -> Candidate | None:
    """``parent``: the sentence's previous candidate, the whole an "including" part of."""
    head = _head_token(args, money)
    if head is None:
        return None
    nouns = [c for c in _prep_nouns(head) if c.lemma_.lower() in FUND_NOUNS]
    # "a 26 trillion won package": the currency word read as a verb takes the noun.
    nouns += [c for t in args.span if money.start <= t.idx < money.end and t.i != head.i
              for c in t.children if c.dep_ in ("dobj", "obj")
              and c.lemma_.lower() in FUND_NOUNS]
    current, verb = _past_recipient_count(head), None
    included = approval = False
    for _ in range(8):
        if current.dep_ not in CLIMB or current.head.i == current.i:
            break
        arrived_by = current.dep_
        current = current.head
        if current.lower_ in ("including", "within") and current.dep_ == "prep":
            included = True  # "a plan ..., including a €2bn fund for X": a part of it
            if parent is not None:
                break
            continue
        if current.pos_ == "NOUN" and current.lemma_.lower() in APPROVAL_NOUNS:
            approval = True
            continue
        if is_verbal(current) and current.dep_ not in ("amod", "compound"):
            if _spends(current) or current.lemma_.lower() in RECEIVE_VERBS:
                verb = current
                break
            if current.lemma_.lower() in SETUP_VERBS and (nouns or _sets_up_fund(args, current)):
                verb = current
                break
            if current.dep_ not in ("relcl", "acl"):
                break
            continue
        if current.pos_ in ("NOUN", "PROPN") and current.lemma_.lower() in FUND_NOUNS:
            nouns.append(current)
        elif current.pos_ == "NOUN" or (current.pos_ == "PROPN" and arrived_by != "appos"):
            # "a Rs 500 crore plant", "a $20m round": the amount is that thing's.
            return None
    if verb is None and not nouns:
        return None
    if verb is not None and not asserted_at(verb):
        return None
    if verb is not None and verb.lemma_.lower() in ("put", "invest", "inject") \
            and any(t.lemma_.lower() in SHAREHOLDING for t in args.span):
        return None
    if verb is None and nouns and not all(asserted_at(n) for n in nouns[-1:]):
        return None
    if included and parent is not None:
        funder: str | None = str(parent.fields["funder"])
    elif approval and verb is not None and verb.lemma_.lower() in RECEIVE_VERBS:
        funder = next((g for a in role_tokens(verb, "agent") for g in [government(args, a)]
                       if g), None)
    else:
        funder = possessor(args, [head, *nouns]) or state_possessor(ctx, args, nouns) \
            or funder_of(ctx, args, verb)
    if funder is None or ctx.type_of(funder) != "Government":
        return None
    recipient = _recipient(args, verb, nouns, money)
    if recipient == "":
        return None  # money into a company called an investment
    trigger = verb if verb is not None else nouns[-1]
    return _candidate(skeleton, funder, recipient or None, _program_of(skeleton, nouns),
                      (float(money.value.amount), str(money.value.currency)),
                      _date(args, trigger, skeleton), 0.8 if verb is not None else 0.7,
                      "public.parse.amount")


def _past_recipient_count(head: Token) -> Token:
    """"committed €1.5bn to seven centres": the parse may hang the amount on the count of
    recipients as a range ("1.5 billion to seven"); the amount then stands where the
    recipients' noun does (the verb's object)."""
    count = head.head
    if head.dep_ == "quantmod" and count.pos_ == "NUM" and count.dep_ == "nummod" \
            and any(c.lower_ == "to" and c.i < count.i for c in count.children) \
            and count.head.pos_ == "NOUN":
        return count.head
    return head


def _prep_nouns(token: Token) -> list[Token]:
    """"€5 billion in state aid", "344 billion yuan of capital": the noun after it."""
    return [c for p in token.children if p.dep_ == "prep" and p.lower_ in ("in", "of")
            for c in p.children if c.dep_ == "pobj"]


def _spends(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma == "find":
        return any(s.lemma_.lower() in BUDGET_NOUNS for s in role_tokens(verb, "agent"))
    if lemma not in SPEND_VERBS:
        return False
    if lemma == "set":
        return any(c.lower_ in SET_PARTICLES for c in verb.children)
    return True


def _sets_up_fund(args: Arguments, verb: Token) -> bool:
    """"launched a plan", "registered the ... Fund": the object is a programme."""
    for obj in role_tokens(verb, "patient"):
        if obj.lemma_.lower() in FUND_NOUNS:
            return True
        if any(m.type == "Investor" for m in args.of(obj)):
            return True
    return False


def _recipient(args: Arguments, verb: Token | None, nouns: list[Token],
               money: Mention) -> str | None:
    """The one organisation named as getting the money; "" when it is an investment."""
    heads: list[Token] = []
    if verb is not None:
        if verb.lemma_.lower() in RECEIVE_VERBS:
            heads += role_tokens(verb, "agent")
        else:
            heads += role_tokens(verb, "prep:to|into|for|in")
            heads += [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
            heads += [t for t in role_tokens(verb, "patient") if not args.money([t])]
    for noun in nouns:
        heads += role_tokens(noun, "prep:to|into|for|in")
    found = [m for t in heads for m in args.of(t) if m.type in ORGS and m.entity_id]
    ids = list(dict.fromkeys(m.entity_id for m in found if m.entity_id))
    words = {t.lemma_.lower() for t in [*nouns, *([verb] if verb is not None else [])]}
    if ids and words & EQUITY_WORDS and any(m.type == "Company" for m in found):
        return ""
    return ids[0] if len(ids) == 1 else None


def _program_of(skeleton: Skeleton, nouns: list[Token]) -> str | None:
    """The programme's name: a name the amount's noun stands in apposition to
    ("Project Lumen, a €2bn package"), else a capitalised programme name or a
    quoted name in the sentence."""
    for noun in nouns:
        if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
            head = noun.head
            return str(noun.doc[head.left_edge.i : head.i + 1].text).removeprefix("the ")
    return program_name(skeleton.sentence.text)


def program_name(text: str) -> str | None:
    """A capitalised programme name ("the National Compute Plan") or a quoted one."""
    match = PROGRAM_NAME.search(text)
    if match is None:
        return None
    return (match.group(1) or match.group(2)).strip()


def _date(args: Arguments, trigger: Token, skeleton: Skeleton) -> str | None:
    """The date of the decision: in the trigger's phrase, else the sentence's nearest;
    a deadline ("by 2030", "through 2026") is not when it was decided."""
    text, offset = skeleton.sentence.text, skeleton.sentence.start
    dates = [m for m in args.dates(args.span)
             if not DEADLINE.search(text[max(0, m.start - offset - 10) : m.start - offset])]
    dates.sort(key=lambda m: abs(m.start - trigger.idx))
    return str(dates[0].value.value) if dates else None


def _candidate(skeleton: Skeleton, funder: str, recipient: str | None, program: str | None,
               money: tuple[float, str] | None, date: str | None, confidence: float,
               rule: str) -> Candidate:
    fields = {"funder": funder, "recipient": recipient, "program": program,
              "amount": money[0] if money else None, "currency": money[1] if money else None,
              "date": date}
    return Candidate("GOVERNMENT_FUNDING", fields, skeleton.sentence, confidence, rule)
