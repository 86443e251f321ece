"""Funding frames: how news says a company raised a round, held as data.

Two triggers name a round: a verb of raising whose object is the money ("X, the
lab founded last year, has raised $6bn") and the noun "round" / "financing" with
its company as possessor, "for" object or the subject of the verb that carries
it ("X closed a $10bn Series J round", "a EUR189m round for X"). The parse gives
the company however far it stands from the verb. The round's amount is the money
in the trigger's phrase that is not a valuation, a running total or a figure of
another clause ("..., bringing its total to $Y").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from blocgraph.ingest.descriptors import is_description
from blocgraph.ingest.hedging import is_asserted
from blocgraph.ingest.mention_types import Mention, Sentence
from blocgraph.ingest.mentions import doc_text
from blocgraph.ingest.rules.frames import Frame, FrameMatch, Slot, asserted_at, match_frames
from blocgraph.ingest.rules.parse_args import Arguments, is_verbal, parsed, role_tokens, sentence_of

# Who raises a round: a company or a lab; investors raising funds of their own are not.
RAISERS = frozenset({"Company", "Organization"})
INVESTING = frozenset({"Company", "Investor", "Organization", "Government", "Person"})
# Verbs whose object is the money raised ("raised $30m", "landed $5m in seed money").
# "closed a round", "announced a financing" go through the round noun instead.
RAISE_VERBS = frozenset({"raise", "secure", "land", "bag", "net", "collect", "pull", "rake"})
ROUND_NOUNS = frozenset({"round", "financing", "raise"})
# Words on the way from money to its trigger that make it another figure than the round.
NOT_ROUND = frozenset({
    "value", "valuation", "worth", "total", "revenue", "sale", "price", "investment", "stake",
    "grant", "loan", "subsidy", "contract", "order", "deal", "debt", "credit", "bond", "fund",
    "budget", "award", "aid", "package", "dividend", "profit", "loss", "offer", "bid", "fine",
    "acquisition", "purchase", "takeover", "salary", "cost", "spending", "capex", "rate",
})
CLAUSES = frozenset({"relcl", "advcl", "ccomp", "acl", "xcomp", "conj", "parataxis", "csubj"})
VALUE_WORDS = frozenset({"value", "valuation", "worth"})
RUNNING_TOTAL = re.compile(r"\b(?:in total|to date|so far|a total of|altogether|all told)\b", re.I)

RAISE_FRAME = Frame(
    "round-raise", "FUNDING_ROUND", verbs=RAISE_VERBS,
    slots=(Slot("company", ("agent",), RAISERS),), confidence=0.85)
# The company of a round noun: its possessor ("X's round"), the subject of the verb
# that carries it ("X closed a round"), "a round for X", or (in code) the subject of a
# raising verb above it ("X has raised EUR500m, including a EUR450m round").
ROUND_FRAME = Frame(
    "round-noun", "FUNDING_ROUND", nouns=ROUND_NOUNS,
    slots=(Slot("company", ("agent", "governor", "prep:for"), RAISERS),), confidence=0.8)
CARRIERS = RAISE_VERBS | {"close", "complete", "announce", "finalise", "finalize"}
# "has raised over EUR500m": with no round in sight, a running total.
ROUND_WORDS = re.compile(r"\b(?:round|series|seed|funding|financing)\b", re.I)
APPROXIMATE = frozenset({"over", "more", "than", "some", "nearly", "almost", "upwards"})
# Verbs that carry a round noun without making its subject the raiser ("X led the round").
PARTICIPATION_LEMMAS = frozenset({"lead", "join", "participate", "back", "take", "do", "co",
                                  "follow", "invest"})
ROUND_NAME = re.compile(
    # A bare letter only in capitals: "an A round", never the article of "a round".
    r"\b(?:(Series [A-Z]\d?)|(pre-seed|seed|Pre-Series [A-Z]|angel)"
    r"|(?-i:([A-H]\d?))(?=\+? round))\b",
    re.IGNORECASE,
)


@dataclass
class RoundFound:
    """A round stated in a sentence: its key, attributes and the trigger that names it."""

    company: str
    amount: float
    currency: str
    trigger: Token | None
    fields: dict[str, object] = field(default_factory=dict)
    confidence: float = 0.85


def named_first(mentions: list[Mention]) -> list[Mention]:
    """Where a slot has both a name and a description ("Harbour, the state investor"),
    the description only repeats the name; its own resolution (here to "the state")
    would add a wrong participant."""
    named = [m for m in mentions if not is_description(m.text)]
    return named if named else mentions


def unnamed_subject(args: Arguments, trigger: Token) -> bool:
    """The subject is a proper name the mentions do not cover ("Tractian, the start-up,
    raised ..." with Tractian unrecognised): a description beside it must not stand in."""
    if not is_verbal(trigger):
        return False
    return any(t.pos_ == "PROPN" and args.mention_at(t) is None
               for t in role_tokens(trigger, "agent"))


def token_of(args: Arguments, mention: Mention) -> Token | None:
    """The head token of a mention: the one whose head lies outside it."""
    inside = [t for t in args.span if mention.start <= t.idx < mention.end]
    for token in inside:
        if not (mention.start <= token.head.idx < mention.end) or token.head.i == token.i:
            return token
    return inside[0] if inside else None


def path_to(token: Token, top: Token) -> list[Token] | None:
    """The tokens from ``token`` (excluded) up to ``top`` (excluded), or None if ``top``
    does not govern it."""
    path: list[Token] = []
    current = token
    while current.i != top.i:
        if current.head.i == current.i:
            return None
        path.append(current)
        current = current.head
    return path[1:]


def round_money(args: Arguments, trigger: Token) -> Mention | None:
    """The round's amount: the first money of the trigger's phrase whose way up to the
    trigger passes no valuation word, no other figure and no clause of its own."""
    for money in sorted(args.money(trigger.subtree), key=lambda m: m.start):
        token = token_of(args, money)
        if token is None:
            continue
        path = path_to(token, trigger)
        if path is None:
            continue
        if any(t.lemma_.lower() in NOT_ROUND or t.dep_ in CLAUSES for t in path):
            continue
        if any(t.dep_ == "prep" and t.lower_ not in ("of", "in") for t in path):
            continue
        if token.dep_ in CLAUSES or token.head.lemma_.lower() in VALUE_WORDS:
            continue
        after = doc_text(args.span.doc)[money.end : money.end + 14]
        if RUNNING_TOTAL.search(after):
            continue
        return money
    return None


def round_date(args: Arguments, trigger: Token) -> str | None:
    """When the round was raised: a date of the trigger's own clause (not one inside an
    aside about the company: "X, set up in 2023, raised ... in January"), nearest to
    the trigger; "in October last year" gives the month, not the bare year."""
    dates = [d for d in args.dates(args.span) if d.value is not None]
    own = [d for d in dates if not _aside_date(args, d, trigger)]
    if not own:
        return None
    inside = [d for d in own if trigger.left_edge.idx <= d.start < trigger.right_edge.idx + 1]
    best = sorted(inside or own, key=lambda d: abs(d.start - trigger.idx))[0]
    value = str(best.value.value)
    finer = [str(d.value.value) for d in own if str(d.value.value).startswith(value)
             and abs(d.start - best.start) < 40]
    return max(finer, key=len) if finer else value


def _aside_date(args: Arguments, date: Mention, trigger: Token) -> bool:
    """A date inside a relative clause, appositive or participle phrase describes
    something else, unless the phrase is about the round itself (under the trigger,
    not in its subject: "a Series B led by X in 2023")."""
    current = token_of(args, date)
    aside = False
    while current is not None and current.head.i != current.i and current.i != trigger.i:
        if current.dep_ in ("relcl", "appos", "acl"):
            aside = True
        elif aside and current.dep_ in ("nsubj", "nsubjpass"):
            return True  # in an aside about the subject
        current = current.head
    return aside and (current is None or current.i != trigger.i)


def valuation(args: Arguments) -> float | None:
    """A money mention that a valuation word governs: "valued at", "a valuation of"."""
    for money in args.money(args.span):
        token = token_of(args, money)
        current = token
        for _ in range(5):
            if current is None or current.head.i == current.i:
                break
            current = current.head
            if current.lemma_.lower() in VALUE_WORDS or current.lower_.startswith("valu"):
                return float(money.value.amount)
    return None


def round_name(text: str) -> str | None:
    """"Series B", "seed"; the Chinese style "A round" / "A1 round" is a Series."""
    match = ROUND_NAME.search(text)
    if match is None:
        return None
    series, early, letter = match.groups()
    if series:
        return "Series " + series.split()[1].upper()
    if early:
        name = early.lower()
        return "Pre-Series " + early.split()[1].upper() if name.startswith("pre-series") else name
    return "Series " + letter.upper()


def rounds_in(sentence: Sentence) -> tuple[list[RoundFound], bool]:
    """The rounds the sentence states, and whether it had a round trigger at all (hedged
    or not), so that the skeleton fallback stays quiet where the parse said no."""
    span = parsed(sentence)
    if span is None:
        return [], False
    args = Arguments(span, sentence.mentions)
    triggered = any(f.triggered_by(t) for t in span for f in (RAISE_FRAME, ROUND_FRAME))
    found: list[RoundFound] = []
    for match in match_frames(sentence, (RAISE_FRAME, ROUND_FRAME)):
        if not _raiser_is_subject(match):
            continue
        if not _money_kind_ok(args, match.trigger) or not lead_asserted(match.trigger):
            continue
        money = round_money(args, match.trigger)
        if unnamed_subject(args, match.trigger):
            continue
        company = (match.first("company") or _raiser_above(args, match.trigger)
                   or _with_round(args, match.trigger) or _opening_subject(args, match.trigger))
        if money is not None and _running_total(args, match.trigger, money):
            continue
        if money is None or company is None or money.value is None:
            continue
        if any(r.company == company and r.amount == float(money.value.amount) for r in found):
            continue
        found.append(RoundFound(
            company, float(money.value.amount), str(money.value.currency), match.trigger,
            {"date": round_date(args, match.trigger), "valuation": valuation(args),
             "round": round_name(sentence.text), "investors": _sources(args, match.trigger)},
            match.frame.confidence))
    return found, triggered


def _raiser_is_subject(match: FrameMatch) -> bool:
    """"Harbour Capital led the round": a round noun under a verb of taking part names
    the round, not its raiser, unless the noun has its own possessor ("the company's
    round")."""
    trigger = match.trigger
    if is_verbal(trigger) or trigger.head.i == trigger.i:
        return True
    governor = trigger.head
    own = any(c.dep_ in ("poss", "compound", "prep") for c in trigger.children
              if any(m in match.fields["company"] for m in match.args.of(c))
              or any(m in match.fields["company"] for p in c.children
                     for m in match.args.of(p)))
    return own or governor.lemma_.lower() not in PARTICIPATION_LEMMAS


def lead_asserted(trigger: Token) -> bool:
    """The words from the clause's start to the trigger, asides left out, neither hedge
    nor negate: "X, the lab founded by Y, is reportedly close to raising $2bn" (the
    parse hangs "raising" under "close", out of reach of the clause test)."""
    span = sentence_of(trigger)
    start = span.start
    for token in span:
        if token.i < trigger.i and token.text in (";", ":"):
            start = token.i + 1
    words = [t.text for t in trigger.doc[start : trigger.i + 1] if not _aside(t)]
    return is_asserted(" ".join(words))


def _aside(token: Token) -> bool:
    current = token
    while current.head.i != current.i:
        if current.dep_ in ("relcl", "appos", "acl", "parataxis"):
            return True
        current = current.head
    return False


SAYING = frozenset({"say", "announce", "confirm", "report", "disclose", "tell", "state"})


def _raiser_above(args: Arguments, trigger: Token) -> str | None:
    """The raiser named higher up: the subject of a raising verb above a round noun
    ("X has raised EUR500m, including a EUR450m round"), or of the verb of saying
    above the trigger ("X said it had raised ...", when "it" is not resolved to a
    company)."""
    for verb in trigger.ancestors:
        if is_verbal(verb) and (verb.lemma_.lower() in CARRIERS
                                or verb.lemma_.lower() in SAYING):
            named = [m for t in role_tokens(verb, "agent") for m in args.of(t)
                     if m.type in RAISERS and m.entity_id]
            if named:
                return named[0].entity_id
    return None


def _with_round(args: Arguments, trigger: Token) -> str | None:
    """"X came out of stealth with a $31m seed round", "X launched with a round of ...":
    the round is the means of the verb, its subject the raiser."""
    head = trigger.head
    if is_verbal(trigger) or trigger.dep_ != "pobj" or head.lower_ != "with":
        return None
    verb = head.head
    if not is_verbal(verb) or verb.lemma_.lower() in PARTICIPATION_LEMMAS:
        return None
    named = [m for t in role_tokens(verb, "agent") for m in args.of(t)
             if m.type in RAISERS and m.entity_id]
    return named[0].entity_id if named else None


def _opening_subject(args: Arguments, trigger: Token) -> str | None:
    """"X, the lab whose ... rivals ..., raised $Y": where the parser loses a long
    appositive, the company that opens the sentence before a comma is the subject of a
    raising verb that has none of its own."""
    if not is_verbal(trigger) or role_tokens(trigger, "agent"):
        return None
    first = next((m for m in args.mentions if m.entity_id or m.value), None)
    if first is None or first.type not in RAISERS or first.start - args.span.start_char > 2:
        return None
    after = doc_text(args.span.doc)[first.end : first.end + 2]
    return first.entity_id if after.startswith(",") and first.end < trigger.idx else None


def _running_total(args: Arguments, trigger: Token, money: Mention) -> bool:
    """"it has raised over EUR500m": an approximate sum raised with no round named
    after the verb is what the company raised over the years."""
    if not is_verbal(trigger):
        return False
    token = token_of(args, money)
    words = {t.lower_ for t in (token.subtree if token is not None else [])}
    after = doc_text(args.span.doc)[trigger.idx : args.span.end_char]
    return bool(words & APPROXIMATE) and not ROUND_WORDS.search(after)


def _sources(args: Arguments, trigger: Token) -> list[str]:
    """"raised $X from A and B", "from investors including A and B"."""
    holders = [trigger, *(c for c in trigger.children if c.dep_ in ("dobj", "pobj"))]
    found = [m.entity_id for h in holders for t in _from_objects(h)
             for m in named_first(args.of(t)) if m.type in INVESTING and m.entity_id]
    return list(dict.fromkeys(found))


def _from_objects(token: Token) -> list[Token]:
    return [o for p in token.children if p.dep_ == "prep" and p.lower_ == "from"
            for o in p.children if o.dep_ == "pobj"]


def _money_kind_ok(args: Arguments, trigger: Token) -> bool:
    """"secured $2bn in state aid", "raised $1bn from the government": other money."""
    for prep in (c for c in trigger.children if c.dep_ == "prep"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if prep.lower_ in ("in", "of") and obj.lemma_.lower() in NOT_ROUND:
                return False
            if prep.lower_ == "from" and any(m.type == "Government" for m in args.of(obj)):
                return False
    return True


def hedged_round(sentence: Sentence) -> bool:
    """A round trigger whose clause is negated or hedged ("is in talks to raise")."""
    span = parsed(sentence)
    if span is None:
        return False
    return any(f.triggered_by(t) and not asserted_at(t)
               for t in span for f in (RAISE_FRAME, ROUND_FRAME))
