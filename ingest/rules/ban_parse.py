"""BAN from the parse: frames (:mod:`.ban_frames`) turned into candidates.

The frame finds the trigger and its actor; :mod:`.ban_targets` reads the target
tiers; this module decides, per frame, which reading is a ban:

* a halt verb is a ban only on trade ("halted shipments to X");
* an order is a ban only when it makes its object sell, exit or stop
  ("ordered X to sell its stake"): a forced sale is a ban on the buyer;
* adding to a list is a ban only when the list is a (black, entity) list, or the
  article has just listed someone and goes on ("X was also added");
* a passive with no agent ("was blacklisted", "has been barred from") takes the
  article's last ban actor outside the headline (a headline names the state where
  the body names the agency), else the public body the text is about just there.
"""

from __future__ import annotations

from blocgraph.ingest.mention_types import Mention, Sentence
from blocgraph.ingest.rules.ban_frames import (
    FRAMES,
    LIST_VERBS,
    ORDERED_ACTS,
    TRADE_NOUNS,
)
from blocgraph.ingest.rules.ban_merge import settle
from blocgraph.ingest.rules.ban_targets import (
    PUBLIC_BODY,
    Found,
    bare_passive,
    gather,
    maker_in_parse,
    maker_in_text,
    misread_modifier,
    modifier_subject,
    noun_actor_fallback,
)
from blocgraph.ingest.rules.base import Candidate, Context, register
from blocgraph.ingest.rules.frames import ACTORS, FrameMatch, match_frames
from blocgraph.ingest.rules.parse_args import Arguments, is_verbal, role_tokens
from blocgraph.ingest.skeleton import Skeleton

# The article's last ban actor, for "X was also blacklisted" (own key: the skeleton
# rules keep theirs).
MEMORY = "ban_frame_actor"
GOVERNMENT = frozenset({"Government"})
LIST_WORDS = ("list", "blacklist")
# Subjects that stand for the body that made them: "the rules restrict ...".
MEASURE_WORDS = frozenset({"rule", "rules", "measure", "measures", "order", "regulation",
                           "regulations", "package", "they", "it", "decision"})


@register("ban.frame")
def frame_bans(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    sentence = skeleton.sentence
    if sentence.span is None or sentence.text.rstrip().endswith("?"):
        return []  # a question asserts nothing
    args = Arguments(sentence.span, sentence.mentions)
    found: list[Candidate] = []
    for match in match_frames(sentence, FRAMES):
        if not _applies(match, ctx):
            continue
        actors = [a for a in _actors(args, match, ctx, sentence.index) if ctx.type_of(a) in ACTORS]
        if not actors:
            continue
        if sentence.index > 0:  # a headline names the state, the body names the agency
            ctx.memory[MEMORY] = actors[0]
        for target, subject in _targets(args, match, ctx, actors, sentence):
            for actor in actors:
                fields = {"actor": actor, "target": target, "subject": subject,
                          "date": match.date()}
                found.append(settle(ctx, Candidate(
                    "BAN", fields, sentence, match.frame.confidence,
                    f"ban.frame.{match.frame.name}")))
    return found


def _applies(match: FrameMatch, ctx: Context) -> bool:
    trigger = match.trigger
    name = match.frame.name
    kids = list(trigger.children)
    if name == "halt-trade":
        return any(c.dep_ in ("dobj", "xcomp") and c.lemma_.lower() in TRADE_NOUNS
                   | {"supply", "sell", "ship", "export"} for c in kids)
    if name == "order-exit":
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in ORDERED_ACTS for c in kids)
    if name == "list-add":
        onto = [p for c in kids if c.dep_ == "prep" and c.lower_ in ("to", "on", "onto")
                for p in c.children if p.dep_ == "pobj"]
        if any(p.lemma_.lower() in LIST_WORDS for p in onto):
            ctx.memory["ban_listing"] = True
            return True
        if onto or not ctx.memory.get("ban_listing"):
            return False
        # "X was also added", "put A on the list and added B in 2020".
        return bare_passive(trigger) or (trigger.dep_ == "conj"
                                         and trigger.head.lemma_.lower() in LIST_VERBS)
    return True


def _actors(args: Arguments, match: FrameMatch, ctx: Context, index: int) -> list[str]:
    """The named agents; for a noun, the subject of the verb it is the object of;
    for a bare passive or a measure as subject ("the rules restrict"), the body
    that last took a ban-like measure in the article."""
    named = match.ids("actor")
    if named:
        return named
    trigger = match.trigger
    if not is_verbal(trigger):
        return [m.entity_id for m in noun_actor_fallback(args, trigger) if m.entity_id][:1]
    if misread_modifier(trigger):
        return [m.entity_id for m in modifier_subject(args, trigger) if m.entity_id][:1]
    subjects = role_tokens(trigger, "agent")
    stands_in = subjects and all(s.lower_ in MEASURE_WORDS for s in subjects)
    if not (bare_passive(trigger) or stands_in):
        return []
    remembered = ctx.memory.get(MEMORY)
    if isinstance(remembered, str):
        return [remembered]
    here = ctx.salient(index, GOVERNMENT)
    return [here] if here else []


def _targets(args: Arguments, match: FrameMatch, ctx: Context, actors: list[str],
             sentence: Sentence) -> list[tuple[str, str | None]]:
    """(target, subject) pairs, one per target of the first tier that names one."""
    found = gather(args, match)
    if found.blocked:
        return []
    actor = actors[0]
    if match.frame.name in ("list-add", "order-exit"):
        tiers = [found.direct]
    else:
        tiers = [found.direct, found.barred_use, _places(found, ctx, actor), found.owners]
    subject = found.products[0].entity_id if found.products else None
    for tier in tiers:
        named = [m for m in tier if _fits(m, ctx, actors)]
        if named:
            return _unique_pairs([_as_maker(sentence, m, subject) for m in named])
    if match.frame.name in ("list-add", "order-exit"):
        return []
    pairs: list[tuple[str, str | None]] = []
    for product in found.products:
        assert product.entity_id is not None
        maker = maker_in_parse(args, sentence, product) or _maker(ctx, product)
        if maker and maker not in actors:
            pairs.append((maker, product.entity_id))
    return _unique_pairs(pairs)


def _as_maker(sentence: Sentence, mention: Mention, subject: str | None
              ) -> tuple[str, str | None]:
    """A company-typed app ("TikTok, the video app made by X") stands for its maker."""
    assert mention.entity_id is not None
    maker = maker_in_text(sentence, mention)
    if maker:
        return maker, mention.entity_id
    return mention.entity_id, subject


def _maker(ctx: Context, product: Mention) -> str | None:
    """The maker the article stated earlier, or the gazetteer knows."""
    assert product.entity_id is not None
    developers = ctx.memory.get("developers", {})
    if product.entity_id in developers:
        return str(developers[product.entity_id])
    known = ctx.gazetteer.entries.get(product.entity_id)
    if known and known.developer and known.developer in ctx.resolver.records:
        return str(known.developer)
    return None


def _places(found: Found, ctx: Context, actor: str) -> list[Mention]:
    """Places other than the actor's own country: a regulator acting "in Italy" is
    acting at home, not against Italy."""
    home = _country(ctx, actor)
    return [m for m in found.places
            if not (m.type == "Government" and home and _country(ctx, m.entity_id) == home)]


def _country(ctx: Context, entity_id: str | None) -> str | None:
    record = ctx.resolver.records.get(entity_id) if entity_id else None
    return record.country if record else None


def _fits(mention: Mention, ctx: Context, actors: list[str]) -> bool:
    if mention.entity_id is None or mention.entity_id in actors or mention.type not in ACTORS:
        return False
    record = ctx.resolver.records.get(mention.entity_id)
    name = record.display_name() if record else mention.text
    return not (mention.type == "Government" and PUBLIC_BODY.search(name))


def _unique_pairs(pairs: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    seen: list[tuple[str, str | None]] = []
    for pair in pairs:
        if all(pair[0] != s[0] for s in seen):
            seen.append(pair)
    return seen
