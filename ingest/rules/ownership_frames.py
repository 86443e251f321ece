"""OWNERSHIP and HEADQUARTERS read from the dependency parse (frames as data).

Acquisitions that completed are ownership: "X acquired Y", "Y was bought by X",
"Y, which X took over in 2021", "X completed its purchase of Y", "over its 2020
acquisition of Y". An acquisition that is only agreed, offered, planned, blocked or
under review is no fact, so a trigger governed by such a verb, or a noun marked
"proposed"/"planned"/"failed", is left out. "X owns/controls Y" and a state
setting up a fund ("China established the X Investment Fund") are ownership too;
the state's fund is then based in that state. "Korelya Capital from France"
places an organisation when "from" hangs on its name, not on a verb ("barred
Nvidia from China" says nothing about where Nvidia is).
"""

from __future__ import annotations

from spacy.tokens import Token

from blocgraph.ingest.mention_types import Mention
from blocgraph.ingest.rules.base import Candidate, Context, register
from blocgraph.ingest.rules.frames import ACTORS, ORGS, Frame, FrameMatch, Slot, match_frames
from blocgraph.ingest.rules.headquarters_places import GOVERNMENT, country_of_state, hq
from blocgraph.ingest.rules.ownership import ownership_candidate
from blocgraph.ingest.rules.parse_args import Arguments, parsed
from blocgraph.ingest.skeleton import Skeleton

ACQUIRE_VERB = Frame(
    "acquire-verb", "OWNERSHIP",
    verbs=frozenset({"acquire", "buy", "purchase", "absorb"}),
    slots=(Slot("owner", ("agent",), ACTORS), Slot("owned", ("patient",), ORGS)),
    required=("owner", "owned"), confidence=0.8,
)
TAKE_OVER = Frame(
    "take-over", "OWNERSHIP", verbs=frozenset({"take"}), particle="over",
    slots=(Slot("owner", ("agent",), ACTORS), Slot("owned", ("patient",), ORGS)),
    required=("owner", "owned"), confidence=0.8,
)
ACQUISITION_NOUN = Frame(
    "acquisition-noun", "OWNERSHIP",
    nouns=frozenset({"acquisition", "purchase", "takeover", "buyout"}),
    slots=(Slot("owner", ("agent",), ACTORS), Slot("owned", ("patient",), ORGS)),
    required=("owner", "owned"), confidence=0.75,
)
OWN_VERB = Frame(
    "own-verb", "OWNERSHIP", verbs=frozenset({"own", "control"}),
    slots=(Slot("owner", ("agent",), ACTORS), Slot("owned", ("patient",), ORGS)),
    required=("owner", "owned"), confidence=0.8,
)
SET_UP_FUND = Frame(
    "state-sets-up-fund", "OWNERSHIP",
    verbs=frozenset({"establish", "create", "launch", "register", "found", "form"}),
    slots=(Slot("owner", ("agent",), frozenset({GOVERNMENT})),
           Slot("owned", ("patient",), frozenset({"Investor"}))),
    required=("owner", "owned"), confidence=0.75,
)
SET_UP_FUND_PHRASAL = Frame(
    "state-sets-up-fund-phrasal", "OWNERSHIP", verbs=frozenset({"set"}), particle="up",
    slots=SET_UP_FUND.slots, required=("owner", "owned"), confidence=0.75,
)
FRAMES = (ACQUIRE_VERB, TAKE_OVER, ACQUISITION_NOUN, OWN_VERB, SET_UP_FUND, SET_UP_FUND_PHRASAL)
STATE_FRAMES = (SET_UP_FUND, SET_UP_FUND_PHRASAL)
# Verbs under which an acquisition has not (yet) happened.
NOT_DONE = frozenset({
    "agree", "plan", "offer", "bid", "seek", "try", "attempt", "propose", "consider", "want",
    "aim", "intend", "hope", "block", "bar", "ban", "prevent", "stop", "prohibit", "reject",
    "veto", "oppose", "abandon", "scrap", "drop", "review", "investigate", "probe", "approve",
    "clear", "announce", "negotiate", "explore", "expect", "move", "order", "force", "talk",
    "discuss", "weigh", "pursue", "launch", "make", "submit", "file", "challenge", "examine",
    "scrutinise", "scrutinize", "study", "refuse", "decline", "unwind", "reverse", "undo",
})
NOT_DONE_MODIFIERS = frozenset({
    "proposed", "planned", "potential", "possible", "attempted", "failed", "aborted",
    "rejected", "blocked", "hostile", "pending", "mooted", "rumoured", "rumored", "abandoned",
    "prospective", "would-be", "contested", "unsolicited", "stalled",
})
FUTURE_AUX = frozenset({"will", "would", "shall", "to", "can"})
CLIMB = frozenset({"xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "advcl", "acomp", "conj",
                   "nsubjpass", "nsubj", "attr", "oprd"})


def completed(trigger: Token) -> bool:
    """No verb of intent, review or refusal governs the trigger, it is not future or
    infinitival, and a noun trigger is not a "proposed"/"failed" one."""
    if any(c.lower_ in FUTURE_AUX and c.dep_ in ("aux", "auxpass") for c in trigger.children):
        return False
    if any(c.lower_ in NOT_DONE_MODIFIERS for c in trigger.children):
        return False
    token = trigger
    while token.dep_ in CLIMB and token.head.i != token.i:
        token = token.head
        if token.lemma_.lower() in NOT_DONE:
            return False
    return True


@register("org.ownership-frames")
def ownership_frames(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    for match in match_frames(skeleton.sentence, FRAMES):
        if match.frame not in (OWN_VERB, *STATE_FRAMES) and not completed(match.trigger):
            continue
        if (match.frame is OWN_VERB and _shared(match.trigger)) or _copular(match.trigger):
            continue
        owner = match.first("owner")
        for owned in match.ids("owned"):
            if owner is None or owned == owner:
                continue
            found.append(ownership_candidate(skeleton, owner, owned, f"frame.{match.frame.name}",
                                             match.frame.confidence))
            if match.frame in STATE_FRAMES:
                found += hq(skeleton.sentence, ctx, owned, country_of_state(ctx, owner),
                            "hq.state", 0.8)
    found += _copula_acquired(skeleton, ctx)
    found += _from_country(skeleton, ctx)
    return found


def _copular(trigger: Token) -> bool:
    """"Y is the company which X bought": left to :func:`_copula_acquired`, which takes
    Y from the copula rather than the description "the company"."""
    return trigger.dep_ == "relcl" and trigger.head.dep_ == "attr"


def _shared(trigger: Token) -> bool:
    """"jointly owns", "partly controls", "co-owns": no single owner controls it."""
    return any(c.lower_ in ("jointly", "partly", "partially") for c in trigger.children)


def _copula_acquired(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"Y is the search company which was acquired by X": the relative clause hangs on a
    predicate noun that is Y."""
    span = parsed(skeleton.sentence)
    if span is None:
        return []
    args = Arguments(span, skeleton.sentence.mentions)
    found: list[Candidate] = []
    for verb in span:
        if verb.lemma_.lower() not in ("acquire", "buy", "purchase") or verb.dep_ != "relcl":
            continue
        noun = verb.head
        if noun.dep_ != "attr" or not completed(verb):
            continue
        owned = _orgs(args, [c for c in noun.head.children if c.dep_ == "nsubj"])
        owner = _orgs(args, [p for a in verb.children if a.dep_ == "agent"
                             for p in a.children if p.dep_ == "pobj"])
        if owned and owner and owned[0].entity_id != owner[0].entity_id:
            found.append(ownership_candidate(skeleton, str(owner[0].entity_id),
                                             str(owned[0].entity_id), "frame.copula-acquired",
                                             0.75))
    return found


def _orgs(args: Arguments, tokens: list[Token]) -> list[Mention]:
    return [m for t in tokens for m in args.of(t) if m.type in ORGS and m.entity_id]


def _from_country(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"Korelya Capital from France joined": "from" modifies the organisation's name."""
    span = parsed(skeleton.sentence)
    if span is None:
        return []
    args = Arguments(span, skeleton.sentence.mentions)
    found: list[Candidate] = []
    for prep in span:
        if prep.lower_ != "from" or prep.dep_ != "prep" or prep.head.pos_ != "PROPN":
            continue
        orgs = [m for m in args.of(prep.head) if m.type in ORGS]
        states = [m for p in prep.children if p.dep_ == "pobj" for m in args.of(p)
                  if m.type == GOVERNMENT and m.entity_id]
        if len(orgs) == 1 and states:
            iso = country_of_state(ctx, str(states[0].entity_id))
            found += hq(skeleton.sentence, ctx, orgs[0].entity_id, iso, "hq.from", 0.75)
    return found


__all__ = ["FRAMES", "FrameMatch", "completed", "ownership_frames"]
