"""Who took part in a round, wherever the article says it.

News names a round's participants in the round's own sentence ("... in a round led
by A, with B taking part") and as often in the sentences after it ("The round was
led by A. B and C also took part, as did D." "Other investors include E."). The
participation verbs are frames; a match attaches its investors to a round of the
same sentence or, in a sentence of its own, to the article's current round (kept
in the context), so one round gathers its participants from the whole article.
A participation verb whose object names something else ("led the market", "joined
the board", "invested in another firm") is not about the round.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from blocgraph.ingest.mention_types import Mention, Sentence
from blocgraph.ingest.rules.frames import Frame, FrameMatch, Slot, asserted_at, match_frames
from blocgraph.ingest.rules.funding_frames import INVESTING, RoundFound, named_first, token_of
from blocgraph.ingest.rules.parse_args import Arguments, parsed, role_tokens

LEAD_LEMMAS = frozenset({"lead", "co-lead", "colead"})
PARTICIPATE = Frame(
    "round-participate", "FUNDING_ROUND",
    verbs=frozenset({"lead", "co-lead", "colead", "join", "participate", "invest", "back",
                     "co-invest", "coinvest", "follow"}),
    slots=(Slot("investor", ("agent",), INVESTING),), confidence=0.8)
TAKE_PART = Frame("round-take-part", "FUNDING_ROUND", verbs=frozenset({"take"}),
                  slots=(Slot("investor", ("agent",), INVESTING),), particle="part",
                  confidence=0.8)
PUT_IN = Frame("round-put-in", "FUNDING_ROUND",
               verbs=frozenset({"put", "pour", "come", "chip", "pile", "plough", "plow"}),
               slots=(Slot("investor", ("agent",), INVESTING),), particle="in",
               confidence=0.75)
INCLUDE = Frame("round-include", "FUNDING_ROUND", verbs=frozenset({"include", "be"}),
                slots=(Slot("investor", ("patient",), INVESTING),), confidence=0.75)
FRAMES = (PARTICIPATE, TAKE_PART, PUT_IN, INCLUDE)
# What the object of a participation verb may be: the round itself or a word for it.
ROUND_REFERENCES = frozenset({
    "round", "it", "that", "this", "deal", "financing", "funding", "raise", "investment",
    "part", "money", "cash", "capital", "them", "which", "table", "series", "seed",
    "extension", "tranche", "one", "fundraise", "fundraising", "transaction",
    # "They are joined by new investors A and B": the investors named before.
    "they",
})
INVESTOR_NOUNS = frozenset({"investor", "backer", "participant", "shareholder", "funder",
                            "co-investor", "coinvestor"})
EARLIER = frozenset({"earlier", "previous", "past", "early", "longtime", "long-time",
                     "existing", "former"})
# How many sentences after the last word about a round a bare "X took part" still
# refers to it.
REACH = 4


@dataclass
class RoundRef:
    """The article's current round: its key and where it was last spoken of."""

    company: str
    amount: float
    currency: str
    sentence: int


@dataclass
class Participation:
    """Investors who took part, as leads or not, in a round of ``target`` (None: the
    article's current round); ``earlier`` marks past backers of the company."""

    investors: list[str]
    leads: list[str]
    target: RoundFound | None
    earlier: bool = False
    # The investor's own amount ("put in $15 million"), not the round's.
    money: Mention | None = None


def participations(sentence: Sentence, rounds: list[RoundFound]) -> list[Participation]:
    """Every asserted statement of taking part in a round in the sentence."""
    span = parsed(sentence)
    if span is None:
        return []
    args = Arguments(span, sentence.mentions)
    companies = {r.company for r in rounds}
    found: list[Participation] = []
    for match in match_frames(sentence, FRAMES):
        if match.frame is INCLUDE:
            found += _included(args, match, rounds)
            continue
        investors = _subjects(args, match)
        if not investors or not _about_round(args, match.trigger, companies):
            continue
        lead = match.trigger.lemma_.lower() in LEAD_LEMMAS or _co_led(match.trigger)
        investors += _alongside(args, match.trigger)
        target = _target(match.trigger, rounds)
        found.append(Participation(investors, _leads(args, match, lead), target,
                                   money=_own_amount(args, match.trigger, target)))
    found += _among(args, rounds)
    return found


def _own_amount(args: Arguments, trigger: Token, target: RoundFound | None) -> Mention | None:
    """"X put in $15 million": money the verb itself governs, when it is not the
    round's amount."""
    for money in args.money(trigger.subtree):
        token = next((t for t in trigger.subtree if t.idx == money.start), None)
        if token is None or money.value is None or any(
                t.lemma_.lower() in ("value", "valuation", "round") for t in token.ancestors
                if t.i != trigger.i and trigger.i in [a.i for a in t.ancestors]):
            continue
        if target is None or float(money.value.amount) != target.amount:
            return money
    return None


def _leads(args: Arguments, match: FrameMatch, lead: bool) -> list[str]:
    return _ids(_subject_mentions(args, match)) if lead else []


def _subjects(args: Arguments, match: FrameMatch) -> list[str]:
    """The frame's agents, plus "as did X" / "so did X" after the verb."""
    ids = _ids(_subject_mentions(args, match))
    for child in match.trigger.children:
        if child.lemma_.lower() == "do" and any(c.lower_ in ("as", "so") for c in child.children):
            ids += _ids(named_first([m for s in child.children if s.dep_ == "nsubj"
                                     for m in args.of(s) if m.type in INVESTING]))
    return list(dict.fromkeys(ids))


def _subject_mentions(args: Arguments, match: FrameMatch) -> list[Mention]:
    """"A, B and C took part": the parser sometimes hangs the first name on the verb."""
    found = list(match.fields.get("investor", []))
    for child in match.trigger.children:
        if child.dep_ == "npadvmod" and child.i < match.trigger.i:
            found += [m for m in args.of(child) if m.type in INVESTING]
    return named_first([m for m in found if m.type in INVESTING
                        and not modifier_only(args, m)])


def modifier_only(args: Arguments, mention: Mention) -> bool:
    """A name that only modifies an unnamed noun is not a participant: "former Google
    chief executive Eric Schmidt", "the Beijing AI Industry Investment Fund" (where
    the fund's own name went unrecognised)."""
    token = token_of(args, mention)
    if token is None or token.dep_ not in ("compound", "amod", "nmod"):
        return False
    head = token.head
    return head.pos_ in ("NOUN", "PROPN") and args.mention_at(head) is None


def _ids(mentions: list[Mention]) -> list[str]:
    return list(dict.fromkeys(m.entity_id for m in mentions if m.entity_id))


def _co_led(trigger: Token) -> bool:
    """"co-led" split by the tokenizer: "co", "-", "led"."""
    left = trigger.doc[max(0, trigger.i - 2) : trigger.i]
    return any(t.lower_ == "co" for t in left)


def _about_round(args: Arguments, trigger: Token, companies: set[str]) -> bool:
    """The verb's object and its "in" object, if any, are the round or its company."""
    objects = role_tokens(trigger, "patient") + role_tokens(trigger, "prep:in")
    for obj in objects:
        held = args.mention_at(obj)
        if held is not None and held.type in ("Money", "Date"):
            continue  # "In July, X put in $15 million": when and how much, not into what
        named = [m for m in args.of(obj) if m.entity_id]
        if named:
            if companies and all(m.entity_id in companies for m in named):
                continue
            return False
        if obj.lemma_.lower() not in ROUND_REFERENCES and obj.lower_ not in ROUND_REFERENCES:
            return False
    return True


def _alongside(args: Arguments, trigger: Token) -> list[str]:
    """"... took part, alongside A and B": co-investors, also when the parser hangs
    "alongside" on a noun of the verb's phrase."""
    found: list[str] = []
    for token in trigger.subtree:
        if token.lower_ != "alongside" or _in_clause(token, trigger):
            continue
        for obj in (c for c in token.children if c.dep_ == "pobj"):
            found += _ids(named_first([m for m in args.of(obj) if m.type in INVESTING
                                       and not modifier_only(args, m)]))
    return found


def _in_clause(token: Token, top: Token) -> bool:
    current = token
    while current.i != top.i and current.head.i != current.i:
        if current.dep_ in ("relcl", "acl", "advcl", "ccomp"):
            return True
        current = current.head
    return False


def _target(trigger: Token, rounds: list[RoundFound]) -> RoundFound | None:
    """The sentence's round this verb speaks of: the one it hangs on, else the last."""
    if not rounds:
        return None
    for found in rounds:
        if found.trigger is not None and (
                found.trigger.i == trigger.head.i
                or any(t.i == found.trigger.i for t in trigger.ancestors)
                or any(t.i == found.trigger.i for t in role_tokens(trigger, "patient"))):
            return found
    return rounds[-1]


def _included(args: Arguments, match: FrameMatch,
              rounds: list[RoundFound]) -> list[Participation]:
    """"Other investors include A and B", "Investors of this round included ...";
    not "its investors include" (the company's backers, a rule of their own)."""
    subjects = role_tokens(match.trigger, "agent")
    if not subjects or subjects[0].lemma_.lower() not in INVESTOR_NOUNS:
        return []
    head = subjects[0]
    if any(c.dep_ == "poss" for c in head.children):
        return []
    earlier = any(c.lower_ in EARLIER for c in head.children)
    investors = _ids([m for m in match.fields.get("investor", [])
                      if not modifier_only(args, m)])
    if match.trigger.lemma_.lower() == "be" and not investors:
        return []
    return [Participation(investors, [], rounds[-1] if rounds else None, earlier)] \
        if investors else []


def _among(args: Arguments, rounds: list[RoundFound]) -> list[Participation]:
    """"X was among the investors in that round"."""
    found: list[Participation] = []
    for token in args.span:
        if token.lower_ != "among" or token.head.lemma_.lower() != "be":
            continue
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if not any(o.lemma_.lower() in INVESTOR_NOUNS for o in objects):
            continue
        verb = token.head
        if not asserted_at(verb) or any(
                o.lemma_.lower() not in ROUND_REFERENCES
                for p in verb.children if p.dep_ == "prep" and p.lower_ == "in"
                for o in p.children if o.dep_ == "pobj"):
            continue
        investors = _ids([m for s in verb.children if s.dep_ == "nsubj" for m in args.of(s)
                          if m.type in INVESTING])
        if investors:
            found.append(Participation(investors, [], rounds[-1] if rounds else None))
    return found


def so_did(sentence: Sentence) -> list[str]:
    """"So did X." on its own: X did what the sentence before said."""
    span = parsed(sentence)
    if span is None:
        return []
    args = Arguments(span, sentence.mentions)
    root = span.root
    if root.lemma_.lower() != "do" or not any(c.lower_ == "so" and c.i < root.i
                                              for c in root.children):
        return []
    return _ids([m for s in root.children if s.dep_ == "nsubj" for m in args.of(s)
                 if m.type in INVESTING])
