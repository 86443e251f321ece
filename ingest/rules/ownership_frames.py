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
from blocgraph.ingest.rules.frames import (
    ACTORS,
    ORGS,
    Frame,
    FrameMatch,
    Slot,
    asserted_at,
    match_frames,
)
from blocgraph.ingest.rules.headquarters_places import GOVERNMENT, country_of_state, hq
from blocgraph.ingest.rules.ownership import described, ownership_candidate
from blocgraph.ingest.rules.parse_args import (
    RELATIVE_PRONOUNS,
    Arguments,
    negated,
    parsed,
    role_tokens,
    sentence_of,
)
from blocgraph.ingest.skeleton import Skeleton

# Most ownership frames: the doer owns, the thing done to is owned.
OWNER_OWNED = (Slot("owner", ("agent",), ACTORS), Slot("owned", ("patient",), ORGS))

ACQUIRE_VERB = Frame(
    "acquire-verb", "OWNERSHIP",
    verbs=frozenset({"acquire", "buy", "purchase", "absorb"}),
    slots=OWNER_OWNED,
    required=("owner", "owned"), confidence=0.8,
)
TAKE_OVER = Frame(
    "take-over", "OWNERSHIP", verbs=frozenset({"take"}), particle="over",
    slots=OWNER_OWNED,
    required=("owner", "owned"), confidence=0.8,
)
ACQUISITION_NOUN = Frame(
    "acquisition-noun", "OWNERSHIP",
    nouns=frozenset({"acquisition", "purchase", "takeover", "buyout"}),
    slots=OWNER_OWNED,
    required=("owner", "owned"), confidence=0.75,
)
OWN_VERB = Frame(
    "own-verb", "OWNERSHIP", verbs=frozenset({"own", "control"}),
    slots=OWNER_OWNED,
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
# "Y has belonged to X since 2014".
BELONG_TO = Frame(
    "belong-to", "OWNERSHIP", verbs=frozenset({"belong"}),
    slots=(Slot("owned", ("agent",), ORGS), Slot("owner", ("prep:to",), ACTORS)),
    required=("owner", "owned"), confidence=0.75,
)
FRAMES = (ACQUIRE_VERB, TAKE_OVER, ACQUISITION_NOUN, OWN_VERB, SET_UP_FUND, SET_UP_FUND_PHRASAL,
          BELONG_TO)
# "registered the third phase of the X Fund": the fund is behind "of".
PART_NOUNS = frozenset({"phase", "tranche", "round", "edition", "generation"})
SET_UP_VERBS = SET_UP_FUND.verbs | {"set"}
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
        if match.frame not in (OWN_VERB, BELONG_TO, *STATE_FRAMES) and \
                not completed(match.trigger):
            continue
        if (match.frame is OWN_VERB and _shared(match.trigger)) or _copular(match.trigger):
            continue
        owner = _owner(skeleton, ctx, match)
        owned_ids = [described(skeleton, ctx, m) for m in match.fields.get("owned", [])]
        for owned in (o for o in owned_ids if o):
            if owner is None or owned == owner:
                continue
            found.append(ownership_candidate(skeleton, owner, owned, f"frame.{match.frame.name}",
                                             match.frame.confidence))
            if match.frame in STATE_FRAMES:
                found += hq(skeleton.sentence, ctx, owned, country_of_state(ctx, owner),
                            "hq.state", 0.8)
    found += own_without_object(skeleton, ctx)
    found += fund_phase(skeleton, ctx)
    found += _copula_acquired(skeleton, ctx)
    found += _from_country(skeleton, ctx)
    return found


def _owner(skeleton: Skeleton, ctx: Context, match: FrameMatch) -> str | None:
    """The owner slot's entity. A possessive pronoun the resolver gave to a public body
    ("opened an investigation into Nvidia over its acquisition of X") stands for the
    company named last before it in the sentence, if any; otherwise it is no owner."""
    owners = match.fields.get("owner", [])
    if not owners:
        return None
    mention = owners[0]
    if mention.cue not in ("it", "its") or ctx.type_of(str(mention.entity_id)) != GOVERNMENT:
        return described(skeleton, ctx, mention)
    before = [m for m in skeleton.mentions if m.end <= mention.start and not m.cue
              and m.entity_id and m.type in ORGS]
    return before[-1].entity_id if before else None


def own_without_object(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"the operator it owns": a relative clause with no object of its own owns the
    noun it modifies. "X, which still wholly owns it, the company ...": an object
    pronoun the resolver left open stands for the main clause's subject."""
    span = parsed(skeleton.sentence)
    if span is None:
        return []
    args = Arguments(span, skeleton.sentence.mentions)
    found: list[Candidate] = []
    for verb in span:
        if verb.lemma_.lower() not in OWN_VERB.verbs or verb.dep_ != "relcl" or _shared(verb):
            continue
        subject = [c for c in verb.children if c.dep_ == "nsubj"]
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        if not subject or negated(verb):
            continue
        if not objects and subject[0].lower_ not in RELATIVE_PRONOUNS:
            noun = verb.head.head if verb.head.dep_ == "appos" else verb.head
            owners, owned = _orgs(args, subject), _orgs(args, [noun])
        elif objects and objects[0].lower_ == "it" and not args.of(objects[0]):
            owners = _orgs(args, [verb.head]) if subject[0].lower_ in RELATIVE_PRONOUNS else []
            owned = _orgs(args, _main_subjects(verb))
        else:
            continue
        if owners and owned and owners[0].entity_id != owned[0].entity_id:
            owned_id = described(skeleton, ctx, owned[0])
            if owned[0].cue and objects:  # "..., which owns it, the company is ...":
                owned_id = ctx.resolver.previous_subject(skeleton.sentence.index, ORGS)
            if owned_id and owned_id != owners[0].entity_id:
                found.append(ownership_candidate(skeleton, str(owners[0].entity_id), owned_id,
                                                 "frame.own-relative", 0.7))
    return found


def _main_subjects(token: Token) -> list[Token]:
    """The subject of the main clause the token's clause hangs in."""
    root = token
    while root.head.i != root.i:
        root = root.head
    own = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if own:
        return own
    # A fronted participle the parser took for the main verb ("Spun out from X, which
    # owns it, Y is run by ..."): the first subject after the clause.
    after = [t for t in token.doc[token.right_edge.i + 1: sentence_of(root).end]
             if t.dep_ in ("nsubj", "nsubjpass")]
    return after[:1]


def fund_phase(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"China registered the third phase of the X Investment Fund": the state sets up
    the fund named behind "phase of"."""
    span = parsed(skeleton.sentence)
    if span is None:
        return []
    args = Arguments(span, skeleton.sentence.mentions)
    found: list[Candidate] = []
    for noun in span:
        verb = noun.head
        if noun.lemma_.lower() not in PART_NOUNS or noun.dep_ not in ("dobj", "obj"):
            continue
        if verb.lemma_.lower() not in SET_UP_VERBS or negated(verb) or not asserted_at(verb):
            continue
        states = [m for m in args.of(next(iter(role_tokens(verb, "agent")), None))
                  if m.type == GOVERNMENT and m.entity_id]
        funds = [m for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                 for o in p.children if o.dep_ == "pobj" for m in args.of(o)
                 if m.type == "Investor" and m.entity_id]
        if states and funds:
            state, fund = str(states[0].entity_id), str(funds[0].entity_id)
            found.append(ownership_candidate(skeleton, state, fund, "frame.fund-phase", 0.75))
            found += hq(skeleton.sentence, ctx, fund, country_of_state(ctx, state), "hq.state",
                        0.8)
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
