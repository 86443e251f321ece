"""From a BAN frame's trigger to its target, subject and actor, over the parse.

The target of a ban is found in tiers, the first that names someone wins:

1. the named object ("barred Silex", "sanctions on the drone maker"), or, when the
   object is the actor's own staff ("barred its employees from using X"), what
   they are barred from using;
2. the destination or place of a trade noun ("sales of chips to China",
   "suspended its tools in Brazil"), unless it is the actor's own country (a
   regulator blocking an app "in Italy" targets the app's maker);
3. the owner of what is banned ("the ban on Micron's chips", "the use of X");
4. the maker of a banned product ("blocked Grok, the chatbot made by xAI"), with
   the product as the subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from blocgraph.ingest.mention_types import Mention, Sentence
from blocgraph.ingest.mentions import doc_text
from blocgraph.ingest.rules.frames import ACTORS, PRODUCTS, FrameMatch
from blocgraph.ingest.rules.parse_args import Arguments, is_passive, is_verbal, role_tokens

PLACE_PREPS = frozenset({"to", "into", "in", "from", "against", "on", "for"})
NOUN_PREPS = frozenset({"on", "against", "of", "to", "for", "in", "from"})
OWNER_PREPS = frozenset({"of"})
EXAMPLE_PREPS = frozenset({"as", "including", "like"})
# Public bodies are who bans, not whom: "the regulator" as a target is a misreading.
PUBLIC_BODY = re.compile(
    r"\b(?:Bureau|Commission|Ministry|Authority|Department|Agency|Office|Administration"
    r"|Regulator|Board|Council|Court|Parliament|Congress|Senate|Treasury)\b"
)
# "TikTok, the video app made by ByteDance": an appositive that names a product's maker.
MAKER_TEXT = re.compile(
    r"^(?: [\w-]+){0,2},? (?:the |a |an )?(?:[\w-]+ ){0,4}?(?:app|application|chatbot"
    r"|assistant|model|tool|service|platform|software|browser|network|system)s?"
    r" (?:made|developed|built|created"
    r"|owned|run|operated) by (?:[\w-]+ ){0,3}?$"
)
# "dep": "adding 40 entities, among them A and B" leaves A loosely attached.
LISTED_ROLES = frozenset({"dobj", "dative", "npadvmod", "oprd", "appos", "dep"})
# "blocked an unnamed buyer from acquiring X": the ban is on the buyer, not on X.
BUYERS = frozenset({"buyer", "acquirer", "bidder", "purchaser", "suitor"})
ALONGSIDE = frozenset({"alongside", "including", "among", "with"})
MAKER_VERBS = frozenset({"make", "develop", "build", "create", "own", "run", "operate"})


@dataclass
class Found:
    """The named mentions around a trigger, by how they hang off it."""

    direct: list[Mention] = field(default_factory=list)
    barred_use: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    owners: list[Mention] = field(default_factory=list)
    products: list[Mention] = field(default_factory=list)
    # The object is a name we could not resolve: no other phrase may stand in for it.
    blocked: bool = False
    # Adjectives of what the object is barred from ("from backing Chinese firms"):
    # a nationality there names the country the ban is aimed at.
    nations: list[Token] = field(default_factory=list)


def gather(args: Arguments, match: FrameMatch) -> Found:
    """Walk the trigger's object (or, for a noun, its on/of/to phrases) and its
    prepositional phrases, sorting the named mentions into tiers."""
    trigger = match.trigger
    found = Found()
    if match.frame.name == "list-add":
        return _listed(args, trigger, found)
    if is_verbal(trigger):
        if misread_modifier(trigger):  # its noun's own name parts are the subject
            _walk_children(args, trigger.head, 2, "direct", found, [])
        patients = _patients(trigger)
        buyer_barred = any(p.lemma_.lower() in BUYERS for p in patients)
        for obj in patients:
            _walk(args, obj, 3, "direct", found)
        for child in trigger.children:
            if child.dep_ == "xcomp" and child.lower_.endswith("ing"):  # stopped supplying X
                for obj in (c for c in child.children if c.dep_ == "dobj"):
                    _walk(args, obj, 2, "direct", found)
            if child.dep_ != "prep":
                continue
            for pobj in child.children:
                if pobj.dep_ == "pcomp" and child.lower_ == "from":  # barred X from using Y
                    for obj in (c for c in pobj.children if c.dep_ == "dobj"):
                        if not buyer_barred:  # a blocked buyer: the seller is no target
                            _walk(args, obj, 2, "barred_use", found)
                        found.nations += [a for a in obj.subtree
                                          if a.i < obj.i and a.dep_ in ("amod", "compound")]
                    for prep in (c for c in pobj.children  # "from funding labs in X"
                                 if c.dep_ == "prep" and c.lower_ in PLACE_PREPS):
                        for inner in (c for c in prep.children if c.dep_ == "pobj"):
                            _walk(args, inner, 1, "places", found)
                elif pobj.dep_ == "pobj" and child.lower_ in PLACE_PREPS:
                    _walk(args, pobj, 2, "places", found)
    else:
        holders = [trigger]
        if trigger.dep_ == "dobj" and is_verbal(trigger.head):  # "tightened its curbs on X"
            holders.append(trigger.head)
        for child in (c for h in holders for c in h.children):
            if child.dep_ == "prep" and child.lower_ in NOUN_PREPS:
                tier = "direct" if child.lower_ in ("on", "against", "of") else "places"
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    _walk(args, pobj, 3, tier, found)
    return found


def _patients(trigger: Token) -> list[Token]:
    """The trigger's own passive subject first: "investors were barred", parsed as a
    participle of the noun before it, still has "investors" as what is barred."""
    own = [c for c in trigger.children if c.dep_ == "nsubjpass"]
    if own:
        return own
    if trigger.dep_ == "acl":  # "Price: 85m | Decision: blocked by ...": no noun it modifies
        low, high = sorted((trigger.i, trigger.head.i))
        if any(t.text in (":", "|", ";") for t in trigger.doc[low:high]):
            return []
    return role_tokens(trigger, "patient")


def _listed(args: Arguments, trigger: Token, found: Found) -> Found:
    """"added A (and B) to the list", "added 11 companies ..., among them A",
    "added A to its list, alongside B", "A was added to the list"."""
    heads = [c for c in trigger.children if c.dep_ in LISTED_ROLES]
    heads += [p for c in trigger.children if c.dep_ == "prep" and c.lower_ in ALONGSIDE
              for p in c.children if p.dep_ == "pobj"]
    heads += role_tokens(trigger, "patient")
    for head in heads:
        found.direct += [m for m in _named(args, head) if m.type in ACTORS]
    if not found.direct:  # "added X's app and Y's software to its blocked list": the makers
        for head in heads:
            listed = [head, *(c for c in head.children if c.dep_ == "conj")]
            found.direct += [m for t in listed for c in t.children if c.dep_ == "poss"
                             for m in args.of(c) if m.entity_id and m.type in ACTORS]
    return found


def _named(args: Arguments, token: Token) -> list[Mention]:
    """The names a noun phrase gives; a bare description in apposition ("Inspur, a
    server maker that was added ...") stands for the name it describes."""
    named = [m for m in args.of(token) if m.entity_id and m.type in ACTORS | PRODUCTS]
    if not named and token.dep_ == "appos":
        named = [m for m in args.of(token.head) if m.entity_id and m.type in ACTORS | PRODUCTS]
    if not named and token.pos_ == "NOUN":  # "SMIC, the foundry that ...", parsed apart
        edge = token.left_edge.i
        if edge >= 2 and token.doc[edge - 1].text == ",":
            before = args.mention_at(token.doc[edge - 2])
            if before is not None and before.entity_id and before.type in ACTORS:
                named = [before]
    return named


def unresolved_name(token: Token, args: Arguments) -> bool:
    """A proper name the mention finder did not type: the target is someone we cannot
    name, so no other phrase of the sentence should stand in for it."""
    return token.pos_ == "PROPN" and args.mention_at(token) is None


def _walk(args: Arguments, token: Token, depth: int, tier: str, found: Found) -> None:
    named = _named(args, token)
    if not named and tier == "direct" and unresolved_name(token, args):
        found.blocked = True
        return
    for mention in named:
        if mention.type in PRODUCTS:
            found.products.append(mention)
        else:
            getattr(found, tier).append(mention)
    if named and not any(m.type in PRODUCTS for m in named):
        return
    if depth == 0:
        return
    _walk_children(args, token, depth, tier, found, named)


def _walk_children(args: Arguments, token: Token, depth: int, tier: str, found: Found,
                   named: list[Mention]) -> None:
    listed = [token] + [c for c in token.children if c.dep_ == "conj"]
    for child in (c for t in listed for c in t.children):
        if child.dep_ == "poss" and not named:
            found.owners += [m for m in args.of(child) if m.entity_id and m.type in ACTORS]
        elif child.dep_ == "prep" and child.lower_ in EXAMPLE_PREPS:  # "chips such as X"
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                _walk(args, pobj, depth - 1, tier, found)
        elif child.dep_ == "prep" and child.lower_ in PLACE_PREPS | OWNER_PREPS:
            inner = "owners" if child.lower_ in OWNER_PREPS else "places"
            if tier == "direct" and child.lower_ in ("on", "against"):
                inner = "direct"
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                _walk(args, pobj, depth - 1, inner, found)


def maker_in_parse(args: Arguments, sentence: Sentence, product: Mention) -> str | None:
    """Who makes ``product`` by this sentence: "Microsoft's Copilot", "Grok, the
    chatbot made by xAI", "ChatGPT, the chatbot of OpenAI"."""
    head = _head_of(args, product)
    if head is not None:
        for child in head.children:
            if child.dep_ == "poss":
                owners = [m for m in args.of(child) if m.entity_id and m.type in ACTORS]
                if owners:
                    return owners[0].entity_id
            if child.dep_ == "appos":
                for grand in child.children:
                    by = _maker_of_appos(args, grand)
                    if by:
                        return by
    return maker_in_text(sentence, product)


def _maker_of_appos(args: Arguments, token: Token) -> str | None:
    if token.dep_ == "acl" and token.lemma_.lower() in MAKER_VERBS:
        for agent in (c for c in token.children if c.dep_ == "agent"):
            for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                makers = [m for m in args.of(pobj) if m.entity_id and m.type in ACTORS]
                if makers:
                    return makers[0].entity_id
    if token.dep_ == "prep" and token.lower_ in ("of", "from"):
        for pobj in (c for c in token.children if c.dep_ == "pobj"):
            makers = [m for m in args.of(pobj) if m.entity_id and m.type in ACTORS - {"Government"}]
            if makers:
                return makers[0].entity_id
    return None


def maker_in_text(sentence: Sentence, product: Mention) -> str | None:
    """The appositive read from the words, where the parse attaches it elsewhere."""
    for mention in sentence.mentions:
        if mention.start <= product.end or not mention.entity_id or mention.type not in ACTORS:
            continue
        between = sentence.text[product.end - sentence.start : mention.start - sentence.start]
        if MAKER_TEXT.match(between):
            return mention.entity_id
        return None
    return None


def _head_of(args: Arguments, mention: Mention) -> Token | None:
    tokens = [t for t in args.span if mention.start <= t.idx < mention.end]
    if not tokens:
        return None
    inside = [t for t in tokens if not (mention.start <= t.head.idx < mention.end)
              or t.head.i == t.i]
    return inside[0] if inside else tokens[-1]


def noun_actor_fallback(args: Arguments, trigger: Token) -> list[Mention]:
    """"determined the suspension of ...": the subject of the verb whose object the
    noun trigger is, whatever that verb is."""
    head = trigger.head
    if head.i == trigger.i or not is_verbal(head) or trigger.dep_ not in ("dobj", "nsubjpass"):
        return []
    roles = role_tokens(head, "agent")
    return [m for t in roles for m in args.of(t) if m.entity_id and m.type in ACTORS]


def misread_modifier(trigger: Token) -> bool:
    """"The regulator (FCC) barred approvals of ..." parsed with "barred" as an
    adjective of "approvals": a participle that opens a noun phrase right after a
    name ("the banned app" has its article first) is the verb, with that noun as
    its object and the name as its subject."""
    if trigger.dep_ != "amod" or trigger.tag_ not in ("VBD", "VBN") or trigger.i == 0:
        return False
    before = trigger.doc[trigger.i - 1]
    return trigger.head.i > trigger.i and (before.pos_ == "PROPN" or before.text == ")")


def modifier_subject(args: Arguments, trigger: Token) -> list[Mention]:
    """The name right before a misread participle: its real subject."""
    text = doc_text(trigger.doc)
    for mention in sorted(args.mentions, key=lambda m: -m.end):
        if mention.end <= trigger.idx and mention.entity_id and mention.type in ACTORS:
            return [mention] if not text[mention.end : trigger.idx].strip(" )") else []
    return []


def bare_passive(trigger: Token) -> bool:
    """A passive with no "by" agent: "was blacklisted", "has been barred"."""
    return is_verbal(trigger) and is_passive(trigger) and not any(
        c.dep_ == "agent" for c in trigger.children)
