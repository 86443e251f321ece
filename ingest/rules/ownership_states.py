"""OWNERSHIP by a state named through a description or a possessive (skeleton rules).

Next to :mod:`.ownership`'s state patterns, news names the state owner in ways whose
state word sits inside the state's own mention ("the kingdom's state oil company,
Aramco", "the electricity group owned by the French state") or after the firm
("France's Bpifrance, the state investment bank"); and a unit's parent may itself
be a state's firm ("Digital, a subsidiary of the kingdom's state oil company,
Aramco": the parent is Aramco, the state owns Aramco). "The kingdom" or "the
country" is the state the article is about there, whatever agency the resolver
tied the word to.
"""

from __future__ import annotations

from blocgraph.ingest.mention_types import Mention
from blocgraph.ingest.rules.base import PAREN, Candidate, Context, asserted, register
from blocgraph.ingest.rules.headquarters import NP_WORD
from blocgraph.ingest.rules.headquarters_places import (
    country_of_state,
    home_country,
    hq,
    state_of,
)
from blocgraph.ingest.rules.ownership import (
    FUND_NOUN,
    STATE_WORD,
    UNIT,
    described,
    ownership_candidate,
)
from blocgraph.ingest.skeleton import Skeleton

ORG_TAG = r"«\d+\|(?:Company|Investor|Organization)»"
# "the kingdom's state oil company, Aramco": the state word is inside the mention.
STATE_CUE_FIRM = rf"<state:GOV> (?:[\w-]+ ){{0,3}}?{FUND_NOUN},? (?:the )?<owned:ORG>"
# "Digital, a subsidiary of the kingdom's state oil company, Aramco".
ARM_OF_STATE_FIRM = (
    rf"<owned:ORG>{PAREN}, (?:the|a|an) (?:{NP_WORD} ){{0,4}}?{UNIT} of <state:GOV>(?:'s|’s)? "
    rf"(?:{STATE_WORD} )?(?:[\w-]+ ){{0,3}}?{FUND_NOUN},? (?:the )?<owner:ORG>"
)
# "France's Bpifrance, the state investment bank" (where "the state" may be a mention).
POSSESSED_STATE_FIRM = (
    rf"<state:GOV>(?:'s|’s) <owned:ORG>{PAREN}, (?:(?:the|a|an) (?:{NP_WORD} ){{0,2}}?"
    rf"{STATE_WORD}\b|<word:GOV>)(?:[\w -]+?)?{FUND_NOUN}\b"
)
STATE_CUES = frozenset({"state", "government"})


@register("org.ownership-states")
def ownership_states(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    for match in skeleton.find(ARM_OF_STATE_FIRM):
        owner, owned = skeleton.one(match, "owner"), skeleton.one(match, "owned")
        state = skeleton.one(match, "state")
        if owner is None or owned is None or state is None or not asserted(skeleton, match, 0):
            continue
        parent, unit = described(skeleton, ctx, owner), described(skeleton, ctx, owned)
        if parent and unit and parent != unit:
            found.append(ownership_candidate(skeleton, parent, unit, "ownership.state-arm"))
    for pattern in (STATE_CUE_FIRM, POSSESSED_STATE_FIRM):
        for match in skeleton.find(pattern):
            state, owned = skeleton.one(match, "state"), skeleton.one(match, "owned")
            if state is None or owned is None or not asserted(skeleton, match, 0):
                continue
            if pattern is STATE_CUE_FIRM and state.cue not in STATE_CUES:
                continue
            word = skeleton.one(match, "word") if pattern is POSSESSED_STATE_FIRM else None
            if word is not None and word.cue not in STATE_CUES:
                continue  # "France's X, the Paris investment bank" says nothing of owners
            found += _state_owns(skeleton, ctx, state, owned)
    return found


def state_entity(ctx: Context, mention: Mention, sentence: int) -> str | None:
    """The state a Government mention stands for: its own country's state, or for
    "the kingdom's state" tied to an agency, the state the article is about there."""
    if mention.entity_id is None:
        return None
    iso = country_of_state(ctx, mention.entity_id)
    state = state_of(ctx, iso)
    if state is None and mention.cue:
        state = state_of(ctx, home_country(ctx, sentence))
    return state


def _state_owns(skeleton: Skeleton, ctx: Context, state_mention: Mention,
                owned_mention: Mention) -> list[Candidate]:
    state = state_entity(ctx, state_mention, skeleton.sentence.index)
    owned = described(skeleton, ctx, owned_mention)
    if state is None or owned is None or ctx.type_of(owned) == "Government":
        return []
    found = [ownership_candidate(skeleton, state, owned, "ownership.state-firm", 0.75)]
    found += hq(skeleton.sentence, ctx, owned, country_of_state(ctx, state), "hq.state", 0.8)
    return found
