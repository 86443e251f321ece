"""Bans whose actor or target another sentence of the article names.

News continues a ban across sentences by ellipsis and reference:

* "So was Y." / "..., as were Y and Z": the previous ban again, on new targets;
* "Y had been hit with a similar order": the last ban's actor, on Y;
* "Z did the same" / "Z followed suit": the last ban's targets, by Z;
* "ordered the three companies to sell": a plural description standing for the
  companies just listed (a deal table's "Investors ordered out: A; B; C");
* "X's battery supplier stopped deliveries": a halt of trade without a named
  customer is aimed at the subject's owner, or at the last ban's target.

The article state lives in ``Context.memory``: the last ban (sentence, actor,
targets) and the organisations each recent sentence named.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from blocgraph.ingest.mention_types import Sentence
from blocgraph.ingest.rules.ban_actors import named
from blocgraph.ingest.rules.base import Candidate, Context
from blocgraph.ingest.rules.frames import ACTORS, ORGS
from blocgraph.ingest.rules.parse_args import Arguments, role_tokens, subjects

LAST = "ban_last"
RECENT = "ban_recent_orgs"
# Plural descriptions that can stand for companies just listed.
GROUP_NOUNS = frozenset({"company", "firm", "investor", "buyer", "entity", "group", "maker",
                         "supplier", "business", "party", "developer", "startup", "lab"})
DEMONSTRATIVES = frozenset({"the", "these", "those", "both", "all"})
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "both": 2}
SAME = frozenset({"same", "similar", "identical", "comparable"})
MEASURES = frozenset({"order", "ban", "measure", "restriction", "sanction", "curb", "block",
                      "prohibition", "suspension", "embargo", "decision", "ruling"})


@dataclass
class LastBan:
    index: int
    actor: str
    targets: list[str]
    date: str | None


def remember(ctx: Context, ban: LastBan) -> None:
    ctx.memory[LAST] = ban


def last_ban(ctx: Context, index: int, reach: int = 2) -> LastBan | None:
    found = ctx.memory.get(LAST)
    if isinstance(found, LastBan) and 0 <= index - found.index <= reach:
        return found
    return None


def note_organisations(ctx: Context, sentence: Sentence) -> None:
    """Keep the organisations each recent sentence names, for plural descriptions."""
    recent: list[tuple[int, list[str]]] = ctx.memory.setdefault(RECENT, [])
    ids: list[str] = []
    for mention in sentence.mentions:
        if mention.type in ORGS and mention.entity_id and mention.entity_id not in ids:
            ids.append(mention.entity_id)
    recent.append((sentence.index, ids))
    del recent[:-5]


def described_group(ctx: Context, token: Token, index: int) -> list[str]:
    """"the three Chinese companies": the organisations of the latest earlier sentence
    (within three) that names that many (two or more where no number is given)."""
    if token.tag_ not in ("NNS", "NNPS") or token.lemma_.lower() not in GROUP_NOUNS:
        return []
    kids = list(token.children)
    if not any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in kids) and not any(
            c.lower_ in ("both", "all") for c in kids):
        return []
    count = next((NUMBERS.get(c.lower_) or _digits(c.text) for c in kids
                  if c.dep_ == "nummod" or c.lower_ == "both"), None)
    recent: list[tuple[int, list[str]]] = ctx.memory.get(RECENT, [])
    for at, ids in reversed(recent):
        if at >= index:
            continue
        if index - at > 3:
            break
        if (count and len(ids) == count) or (not count and len(ids) >= 2):
            return ids
    return []


def _digits(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def elliptic_bans(args: Arguments, sentence: Sentence, ctx: Context,
                  events: list[tuple[int, LastBan]]) -> list[Candidate]:
    """"So was Y." and "Z did the same / followed suit": the ban before the verb in
    this sentence, else the article's last one."""
    root = args.span.root
    found: list[Candidate] = []
    for verb in (t for t in args.span if t.dep_ in ("ROOT", "conj")):
        before = [ban for at, ban in events if at < verb.i]
        last = before[-1] if before else last_ban(ctx, sentence.index)
        if last is None or any(c.dep_ == "neg" for c in verb.children):
            continue
        lemma = verb.lemma_.lower()
        subject = named(args, [s for s in subjects(verb) if s.dep_ == "nsubj"]
                        + [c for c in verb.children if c.dep_ == "attr"])
        if not subject:
            continue
        if verb.i == root.i and lemma in ("be", "do", "have") and args.span[0].lower_ == "so":
            for mention in subject:  # "So was SiCarrier."
                if mention.entity_id != last.actor:
                    found.append(_candidate(sentence, last.actor, mention.entity_id, last.date,
                                            "ban.ellipsis"))
        elif _does_the_same(verb):  # "Canada's Treasury Board did the same"
            actor = subject[0].entity_id
            for target in last.targets:
                if actor and actor != target and actor != last.actor:
                    found.append(_candidate(sentence, actor, target, None, "ban.same"))
    return found


def _does_the_same(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma == "follow":
        return any(c.lower_ == "suit" for c in verb.children)
    if lemma in ("do", "take"):  # "did the same", "did the same days later"
        return any(c.dep_ in ("dobj", "npadvmod", "advmod") and any(
            g.lower_ == "same" for g in c.subtree) for c in verb.children)
    return False


def _candidate(sentence: Sentence, actor: str | None, target: str | None, date: str | None,
               rule: str) -> Candidate:
    return Candidate("BAN", {"actor": actor, "target": target, "subject": None, "date": date},
                     sentence, 0.75, rule)


def similar_measure(trigger: Token) -> bool:
    """"was hit with a similar order", "faced the same ban"."""
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "with"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if pobj.lemma_.lower() in MEASURES:
                return True
    return any(c.dep_ == "dobj" and c.lemma_.lower() in MEASURES
               and any(g.lower_ in SAME for g in c.children) for c in trigger.children)


def as_were(args: Arguments, trigger: Token) -> list[str]:
    """"X was added, as were Y and Z": the subjects of the elided clause."""
    found: list[str] = []
    for clause in (c for c in trigger.children if c.dep_ in ("advcl", "conj")):
        if clause.lemma_.lower() not in ("be", "do", "have"):
            continue
        if not any(c.dep_ == "mark" and c.lower_ == "as" for c in clause.children):
            continue
        found += [m.entity_id for m in named(args, [s for s in clause.children
                                                     if s.dep_ == "nsubj"]) if m.entity_id]
    return found


def owner_of_subject(args: Arguments, trigger: Token) -> list[str]:
    """"X's battery supplier stopped deliveries": X."""
    heads = role_tokens(trigger, "agent")
    return [m.entity_id for m in named(args, [c for h in heads for c in h.children
                                              if c.dep_ == "poss"], ACTORS) if m.entity_id]


# "told staff that X's assistant was unauthorized for use": a ruling stated as an
# adjective of the banned thing, by whoever told or said it.
UNAUTHORISED = frozenset({"unauthorized", "unauthorised", "prohibited", "forbidden",
                          "banned", "barred", "disallowed"})
TELLING = frozenset({"tell", "say", "inform", "notify", "declare", "rule", "announce",
                     "instruct", "warn", "decide", "determine"})


def unauthorised(args: Arguments, sentence: Sentence) -> list[tuple[str, Token]]:
    """(actor, banned thing) for "A told staff that B was unauthorized for use"."""
    found: list[tuple[str, Token]] = []
    for adjective in args.span:
        if adjective.lower_ not in UNAUTHORISED or adjective.pos_ != "ADJ" \
                or adjective.dep_ != "acomp":
            continue
        copula = adjective.head
        if any(c.dep_ == "neg" for c in copula.children) or copula.dep_ != "ccomp" \
                or copula.head.lemma_.lower() not in TELLING:
            continue
        tellers = named(args, role_tokens(copula.head, "agent"), frozenset({"Government"}))
        things = [c for c in copula.children if c.dep_ == "nsubj"]
        if tellers and tellers[0].entity_id and things:
            found.append((tellers[0].entity_id, things[0]))
    return found
