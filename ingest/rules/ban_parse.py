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

from typing import Any

from spacy.tokens import Token

from blocgraph.ingest.mention_types import Mention, Sentence
from blocgraph.ingest.rules.ban_actors import measure_owner, noun_actor, reporter, under_measure
from blocgraph.ingest.rules.ban_context import (
    LastBan,
    as_were,
    described_group,
    elliptic_bans,
    last_ban,
    note_organisations,
    owner_of_subject,
    remember,
    similar_measure,
    unauthorised,
)
from blocgraph.ingest.rules.ban_frames import (
    FRAMES,
    LICENCE_NOUNS,
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
from blocgraph.ingest.rules.frames import ACTORS, PRODUCTS, FrameMatch, match_frames
from blocgraph.ingest.rules.parse_args import (
    Arguments,
    is_passive,
    is_verbal,
    role_tokens,
    subjects,
)
from blocgraph.ingest.skeleton import Skeleton

# The article's last ban actor, for "X was also blacklisted" (own key: the skeleton
# rules keep theirs).
MEMORY = "ban_frame_actor"
GOVERNMENT = frozenset({"Government"})
ORG_TYPES = frozenset({"Company", "Organization", "Investor"})
# Marks an actor taken from whichever government the text is about just there: a
# guess that a named actor of the same target later overrides.
GUESSED = object()
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
    events: list[tuple[int, LastBan]] = []
    for match in match_frames(sentence, FRAMES):
        if not _applies(match, ctx):
            continue
        actors, inherited = _actors(args, match, ctx, sentence.index)
        actors = [a for a in actors if ctx.type_of(a) in ACTORS]
        guessed = inherited is GUESSED
        inherited = None if guessed else inherited
        if not actors:
            continue
        if sentence.index > 0:  # a headline names the state, the body names the agency
            ctx.memory[MEMORY] = actors[0]
        pairs = _targets(args, match, ctx, actors, sentence) or _fallback_targets(
            args, match, ctx, actors, sentence, inherited)
        pairs += [(i, None) for i in as_were(args, match.trigger)  # "..., as were Y"
                  if i not in actors and all(i != t for t, _ in pairs)]
        for target, subject in pairs:
            for actor in actors:
                fields = {"actor": actor, "target": target, "subject": subject,
                          "date": match.date()}
                found.append(settle(ctx, Candidate(
                    "BAN", fields, sentence, match.frame.confidence,
                    f"ban.frame.{match.frame.name}"), guessed))
        if pairs:
            events.append((match.trigger.i, LastBan(sentence.index, actors[0],
                                                    [t for t, _ in pairs], match.date())))
    for actor, thing in unauthorised(args, sentence):
        pairs = _thing_targets(args, ctx, sentence, thing, actor)
        for target, subject in pairs:
            found.append(settle(ctx, Candidate(
                "BAN", {"actor": actor, "target": target, "subject": subject,
                        "date": None}, sentence, 0.75, "ban.unauthorised")))
        if pairs:
            ctx.memory[MEMORY] = actor
            events.append((thing.i, LastBan(sentence.index, actor, [t for t, _ in pairs], None)))
    found += [settle(ctx, c) for c in elliptic_bans(args, sentence, ctx, events)]
    if events:
        remember(ctx, events[-1][1])
    note_organisations(ctx, sentence)
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
    if name == "licence":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in LICENCE_NOUNS for c in kids)
    if name == "similar":
        return similar_measure(trigger) and (trigger.lemma_.lower() != "hit"
                                             or bare_passive(trigger))
    if name == "list-add":
        onto = [p for c in kids if c.dep_ == "prep" and c.lower_ in ("to", "on", "onto")
                for p in c.children if p.dep_ == "pobj"]
        if any(p.lemma_.lower() in LIST_WORDS for p in onto) or (
                not onto and _list_in_clause(trigger)):
            ctx.memory["ban_listing"] = True
            return True
        if onto or not ctx.memory.get("ban_listing"):
            return False
        # "X was also added", "put A on the list and added B in 2020", "BIS also added Y".
        return bare_passive(trigger) or (trigger.dep_ == "conj"
                                         and trigger.head.lemma_.lower() in LIST_VERBS) or (
            is_verbal(trigger) and any(c.dep_ == "dobj" and c.pos_ == "PROPN" for c in kids))
    return True


def _list_in_clause(trigger: Token) -> bool:
    """"announced the revision of the entity list, adding 601 entities, among them X"."""
    holder = trigger.head if trigger.dep_ in ("advcl", "conj", "xcomp") else trigger
    return any(t.lemma_.lower() in LIST_WORDS and t.pos_ in ("NOUN", "PROPN")
               for t in holder.subtree)


def _actors(args: Arguments, match: FrameMatch, ctx: Context, index: int
            ) -> tuple[list[str], Any]:
    """The named agents; for a noun, the subject of the verb it is the object of;
    for a ban inside a report, the reporter; for a bare passive or a measure as
    subject ("the rules restrict", "the same office restricted"), the measure's
    owner or the body that last took a ban-like measure in the article. Also the
    subject a reported ban inherited (its owner may be the target)."""
    trigger = match.trigger
    if is_verbal(trigger):
        said_by, inherited = reporter(args, trigger)
        if said_by:
            return _ids(said_by[:1]), inherited
    named = match.ids("actor")
    if named:
        return _distinct(ctx, named), None
    if not is_verbal(trigger):
        return _ids((noun_actor_fallback(args, trigger) or noun_actor(args, trigger))[:1]), None
    if misread_modifier(trigger):
        return _ids(modifier_subject(args, trigger)[:1]), None
    # A measure stands in for its maker also as the inherited subject of a passive
    # ("the rules, which ..., are used to ... and will restrict"), not for a passive
    # trigger itself.
    heads = role_tokens(trigger, "agent")
    if not heads and not is_passive(trigger):
        heads = subjects(trigger)
    measures = [s for s in heads if s.lower_ in MEASURE_WORDS or s.lemma_.lower() in MEASURE_WORDS]
    for measure in measures:
        owners = measure_owner(args, measure)
        if owners:
            return _ids(owners[:1]), None
    under = under_measure(args, trigger)
    if under:
        return _ids(under[:1]), None
    same = any(c.lower_ == "same" for s in heads for c in s.children)
    stands_in = bool(heads) and (len(measures) == len(heads) or same)
    if not (bare_passive(trigger) or stands_in):
        return [], None
    remembered = ctx.memory.get(MEMORY)
    if isinstance(remembered, str):
        return [remembered], None
    here = ctx.salient(index, GOVERNMENT)
    return ([here] if here else []), GUESSED


def _ids(mentions: list[Mention]) -> list[str]:
    return [m.entity_id for m in mentions if m.entity_id]


def _distinct(ctx: Context, ids: list[str]) -> list[str]:
    """"the International Trade Administration (hereafter "the Trade
    Administration")": a shortened alias the resolver kept apart is one actor."""
    names = {i: _name(ctx, i) for i in ids}
    return [i for i in ids if not any(
        o != i and names[i] != names[o] and names[i] in names[o] for o in ids)]


def _name(ctx: Context, entity_id: str) -> str:
    record = ctx.resolver.records.get(entity_id)
    return record.display_name().lower() if record else entity_id


def _fallback_targets(args: Arguments, match: FrameMatch, ctx: Context, actors: list[str],
                      sentence: Sentence, inherited: Token | None
                      ) -> list[tuple[str, str | None]]:
    """Targets another phrase or sentence names: a plural description of companies
    just listed, the owner of a halting supplier (or the last ban's target), or
    the subject a reported ban inherited."""
    trigger = match.trigger
    ids: list[str] = []
    for obj in role_tokens(trigger, "patient"):
        ids += described_group(ctx, obj, sentence.index)
    if not ids and match.frame.name == "halt-trade":
        ids = owner_of_subject(args, trigger)
        last = last_ban(ctx, sentence.index, 1)
        if not ids and last is not None and not _destination_given(trigger):
            ids = list(last.targets)
    if not ids and inherited is not None:
        subject = named_of(args, inherited)
        ids = [m.entity_id for m in subject if m.entity_id]
    return [(i, None) for i in dict.fromkeys(ids) if i not in actors]


def _destination_given(trigger: Token) -> bool:
    """"halted shipments to <a name we could not resolve>": no stand-in target."""
    return any(t.dep_ == "prep" and t.lower_ in ("to", "for", "with") for t in trigger.subtree)


def named_of(args: Arguments, token: Token) -> list[Mention]:
    """The organisations a noun phrase names, else its owner ("Micron's chips")."""
    own = [m for m in args.of(token) if m.entity_id and m.type in ORG_TYPES]
    if own:
        return own
    return [m for c in token.children if c.dep_ == "poss" for m in args.of(c)
            if m.entity_id and m.type in ORG_TYPES]


def _targets(args: Arguments, match: FrameMatch, ctx: Context, actors: list[str],
             sentence: Sentence) -> list[tuple[str, str | None]]:
    """(target, subject) pairs, one per target of the first tier that names one."""
    found = gather(args, match)
    if found.blocked:
        return []
    actor = actors[0]
    if match.frame.name in ("list-add", "order-exit", "similar"):
        tiers = [found.direct]
    else:
        tiers = [found.direct, found.barred_use, _places(found, ctx, actor), found.owners]
    subject = found.products[0].entity_id if found.products else None
    for tier in tiers:
        named = [m for m in tier if _fits(m, ctx, actors)]
        if named:
            return _unique_pairs([_as_maker(sentence, m, subject) for m in named])
    nations = [n for n in (_nation(ctx, t) for t in found.nations) if n and n not in actors]
    if nations:
        return [(nations[0], subject)]
    if match.frame.name in ("list-add", "order-exit", "similar"):
        return []
    pairs: list[tuple[str, str | None]] = []
    for product in found.products:
        assert product.entity_id is not None
        maker = maker_in_parse(args, sentence, product) or _maker(ctx, product)
        if maker and maker not in actors:
            pairs.append((maker, product.entity_id))
    return _unique_pairs(pairs)


def _thing_targets(args: Arguments, ctx: Context, sentence: Sentence, thing: Token,
                   actor: str) -> list[tuple[str, str | None]]:
    """A banned product stands for its maker; a banned company for itself."""
    pairs: list[tuple[str, str | None]] = []
    for mention in args.of(thing):
        if mention.entity_id is None or mention.entity_id == actor:
            continue
        if mention.type in PRODUCTS:
            maker = maker_in_parse(args, sentence, mention) or _maker(ctx, mention) or next(
                (m.entity_id for c in thing.children if c.dep_ == "poss"  # "X's Y chatbot"
                 for m in args.of(c) if m.entity_id and m.type in ORG_TYPES), None)
            if maker and maker != actor:
                pairs.append((maker, mention.entity_id))
        elif mention.type in ORG_TYPES:
            pairs.append(_as_maker(sentence, mention, None))
    return _unique_pairs(pairs)


def _nation(ctx: Context, adjective: Token) -> str | None:
    """"Chinese" -> the Chinese state, when the article names it."""
    iso = ctx.gazetteer.demonym_iso(adjective.text)
    state = ctx.gazetteer.government_id(iso) if iso else None
    return state if state and state in ctx.resolver.records else None


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
