"""Who took a ban, where the trigger's own subject does not say.

News often hides the actor of a measure one step away from the trigger word:

* a nominal trigger inside a phrase: "unveiled its package of chip controls"
  (the subject of the verb whose object holds the noun), "the ban on X's chips
  by the regulator" (the "by" phrase attached to the last noun of the "on"
  phrase), "the regulator determined, on 2 July, the suspension of ..." (the
  noun misread as an apposition after a verb left without its object);
* a measure as subject: "the Treasury's rules, which have barred ..." (the
  measure's possessor), "investors were barred under the programme, which the
  Treasury put into force" (who enacted what the ban is "under");
* a report: "the regulator said the chips posed risks and barred operators from
  buying them": the second verb is the reporter's, not the chips'.
"""

from __future__ import annotations

from spacy.tokens import Token

from blocgraph.ingest.mention_types import Mention
from blocgraph.ingest.rules.frames import ACTORS
from blocgraph.ingest.rules.parse_args import Arguments, is_verbal, role_tokens, subjects

REPORTING = frozenset({"say", "announce", "state", "declare", "confirm", "add", "report",
                       "explain", "rule", "decide", "determine", "find"})
# Phrase heads that hold a measure noun: "a package of controls", "a set of curbs".
HOLDERS = frozenset({"package", "set", "round", "raft", "series", "wave", "batch", "list",
                     "slate", "suite", "tranche", "number"})
ENACTING = frozenset({"put", "issue", "adopt", "enact", "impose", "introduce", "publish",
                      "unveil", "announce", "finalise", "finalize", "bring", "roll"})


def named(args: Arguments, tokens: list[Token], types: frozenset[str] = ACTORS
          ) -> list[Mention]:
    return [m for t in tokens for m in args.of(t) if m.entity_id and m.type in types]


def noun_actor(args: Arguments, trigger: Token) -> list[Mention]:
    """The actor of a nominal trigger that neither its modifiers nor a light verb give."""
    return (_holder_subject(args, trigger) or _late_by_agent(args, trigger)
            or _orphan_object_subject(args, trigger))


def _holder_subject(args: Arguments, trigger: Token) -> list[Mention]:
    """"BIS unveiled its third package of chip controls": climb "of" phrases to the
    noun that is a verb's object; that verb's subject (or the holder's owner)."""
    noun = trigger
    for _ in range(3):
        if noun.dep_ in ("dobj", "nsubjpass") and is_verbal(noun.head):
            break
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" \
                and noun.head.head.lemma_.lower() in HOLDERS:
            noun = noun.head.head
        else:
            return []
    else:
        return []
    if noun.i == trigger.i:
        return named(args, role_tokens(noun.head, "agent"))
    owners = named(args, [c for c in noun.children if c.dep_ == "poss"])
    return owners or named(args, role_tokens(noun.head, "agent"))


def _late_by_agent(args: Arguments, trigger: Token) -> list[Mention]:
    """"the ban on X's chips by the regulator": "by" parsed under "chips"."""
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("on", "of")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for by in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "by"):
                found = named(args, [c for c in by.children if c.dep_ == "pobj"],
                              frozenset({"Government"}))
                if found:
                    return found
    return []


def _orphan_object_subject(args: Arguments, trigger: Token) -> list[Mention]:
    """"ANPD determined, on 2 July, the suspension of ...", parsed with the noun as an
    apposition elsewhere: the nearest verb before it has no object, and nothing but
    its own modifiers and the noun's stand between them."""
    if trigger.dep_ in ("dobj", "nsubjpass", "pobj", "nsubj"):
        return []
    doc = trigger.doc
    for i in range(trigger.i - 1, max(trigger.i - 12, -1), -1):
        verb = doc[i]
        if not is_verbal(verb) or verb.dep_ in ("aux", "auxpass", "amod"):
            continue
        if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr") for c in verb.children):
            return []
        between = doc[verb.i + 1 : trigger.i]
        inside = set(t.i for t in verb.subtree)
        if all(t.i in inside or t.head.i == trigger.i or t.is_punct or _in_phrase(t, verb.i)
               for t in between):
            return named(args, role_tokens(verb, "agent"))
        return []
    return []


def _in_phrase(token: Token, after: int) -> bool:
    """Part of a prepositional phrase (", on 2 July,") that opens after ``after``."""
    return token.dep_ == "prep" or any(
        a.dep_ == "prep" and a.i > after for a in token.ancestors)


def measure_owner(args: Arguments, measure: Token) -> list[Mention]:
    """"the Treasury Department's outbound investment rules": the body that made them."""
    return named(args, [c for c in measure.children
                        if c.dep_ == "poss" or (c.dep_ == "compound" and c.i < measure.i)],
                 frozenset({"Government"}))


def under_measure(args: Arguments, trigger: Token) -> list[Mention]:
    """"were barred ... under the programme, which the Treasury put into force": the
    enactor of the measure the ban is under, or its possessor."""
    holders = [trigger, *(g for c in trigger.children if c.dep_ == "prep"
                          for g in c.children if g.dep_ == "pcomp")]
    for prep in (c for h in holders for c in h.children
                 if c.dep_ == "prep" and c.lower_ == "under"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            owners = measure_owner(args, pobj)
            if owners:
                return owners
            for clause in (c for c in pobj.children if c.dep_ in ("relcl", "acl")):
                if clause.lemma_.lower() in ENACTING:
                    found = named(args, role_tokens(clause, "agent"), frozenset({"Government"}))
                    if found:
                        return found
    return []


def reporter(args: Arguments, trigger: Token) -> tuple[list[Mention], Token | None]:
    """"The regulator said (that) the chips posed risks and barred operators ...":
    when a ban verb is the second conjunct inside a report and inherits a subject that
    is no government, the reporting government is the actor. Returns the reporter
    and the inherited subject (whose owner may be the target)."""
    if trigger.dep_ != "conj":
        return [], None
    first = trigger.head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.dep_ != "ccomp" or first.head.lemma_.lower() not in REPORTING:
        return [], None
    inherited = subjects(trigger)
    if named(args, inherited, frozenset({"Government"})):
        return [], None
    said_by = named(args, role_tokens(first.head, "agent"), frozenset({"Government"}))
    return said_by, (inherited[0] if inherited else None)
