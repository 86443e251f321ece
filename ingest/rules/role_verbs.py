"""ROLE from verbs: a person founds, runs, leaves or takes a post at an organisation.

News states many roles with a verb instead of a title: "A, who previously
started Y", "the venture that A set up", "Y, which A co-founded", "A ran Y until
...", "A led research at Y", "A left Y", and posts taken "as" a title ("A joined
Y as chief technology officer", "A succeeded B as chief executive", "Y
appointed A as chair", "A took over as chair of Y"). The verbs are held as data
(:data:`FOUND`, :data:`LEAD`, :data:`LEAVE`, :data:`TAKE_AS`, :data:`GIVE_AS`);
their arguments come from the voice-normalised parse (:mod:`.parse_args`), so
relative clauses, passives ("the start-up founded by A") and lists ("started A
and B") need no pattern of their own. Without a parse this rule finds nothing
and the skeleton patterns of :mod:`.roles` stand alone.
"""

from __future__ import annotations

from typing import Literal, overload

from spacy.tokens import Token

from blocgraph.ingest.mention_types import Mention
from blocgraph.ingest.mentions import doc_text
from blocgraph.ingest.rules.base import Candidate, Context, register
from blocgraph.ingest.rules.frames import asserted_at
from blocgraph.ingest.rules.parse_args import Arguments, is_verbal, parsed, role_tokens
from blocgraph.ingest.rules.role_gov import government_for
from blocgraph.ingest.rules.role_parse import is_public_title, is_title, title_phrase
from blocgraph.ingest.rules.role_topic import describes_company, remember_subject, topic_org
from blocgraph.ingest.skeleton import Skeleton

NON_STATE = frozenset({"Company", "Investor", "Organization"})
ORG_TYPES = NON_STATE | {"Government"}
# Verb lemma -> role it gives its subject over its object (confidence after it).
FOUND = {"found": "founder", "cofound": "co-founder", "co-found": "co-founder",
         "start": "founder", "establish": "founder", "set": "founder"}
LEAD = {"run": "head", "lead": "head", "head": "head", "chair": "chairman", "helm": "head",
        "manage": "head"}
LEAVE = {"leave": "former", "quit": "former"}
# Verbs whose subject takes the post named after "as": "joined Y as CTO".
TAKE_AS = frozenset({"succeed", "join", "rejoin", "take", "return", "replace", "step",
                     "stay", "continue", "start", "come"})
# Verbs whose object is given the post: "appointed A as chief executive".
GIVE_AS = frozenset({"appoint", "name", "hire", "elect", "promote", "install", "tap",
                     "nominate", "recruit", "choose", "pick"})
# Particles a verb needs to mean what the table says: "set up", "took over".
PARTICLES = {"set": ("up",), "take": ("over",), "step": ("in", "down", "up"), "come": ("in",)}


@register("role.verb-parse")
def verb_parse_roles(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    span = parsed(skeleton.sentence)
    if span is None:
        return []
    args = Arguments(span, skeleton.sentence.mentions)
    remember_subject(skeleton, span, args, ctx)  # this rule runs before role.titles
    found: list[Candidate] = []
    for token in span:
        if not is_verbal(token):
            continue
        lemma, verb = _lemma(token)
        needs = PARTICLES.get(lemma)
        if needs and not any(c.dep_ == "prt" and c.lower_ in needs for c in verb.children):
            continue
        held = lemma in FOUND or lemma in LEAD or lemma in LEAVE
        taken = lemma in TAKE_AS or lemma in GIVE_AS
        if not (held or taken) or not (asserted_at(verb) and asserted_at(token)):
            continue  # the cheap table look-up first: most verbs state no role
        if held:
            found += _held(skeleton, args, ctx, verb, lemma)
        if taken:
            found += _taken_as(skeleton, args, ctx, verb, lemma)
    return found


def _lemma(token: Token) -> tuple[str, Token]:
    """"co-founded" is split into "co", "-", "founded" and parsed badly: the verb
    is "co" (which gets the subject) together with "founded" (which may get the
    object); read both."""
    doc = token.doc
    if token.lower_ == "co" and token.i + 2 < len(doc) and doc[token.i + 1].text == "-" \
            and doc[token.i + 2].lemma_.lower() == "found":
        return "co-found", token
    if token.lemma_.lower() == "found" and token.i >= 2 and doc[token.i - 1].text == "-" \
            and doc[token.i - 2].lower_ == "co":
        return "", token  # read with its "co"
    return token.lemma_.lower(), token


def _parts(verb: Token) -> list[Token]:
    if verb.lower_ == "co":
        return [verb, verb.doc[verb.i + 2]]
    return [verb]


def _held(skeleton: Skeleton, args: Arguments, ctx: Context, verb: Token,
          lemma: str) -> list[Candidate]:
    parts = _parts(verb)
    people = _people(args, [t for p in parts for t in role_tokens(p, "agent")], parts[0])
    patients = [t for p in parts for t in role_tokens(p, "patient")]
    allowed = NON_STATE if lemma in LEAVE or lemma == "start" else ORG_TYPES
    orgs = [topic_of(m, skeleton, ctx) for m in _mentions(args, patients, allowed, full=True)]
    if not orgs and lemma in LEAD and not any(args.of(t) for t in patients):
        # "led AI research at Y": the object is the work, the org its place
        at = [t for p in parts for t in role_tokens(p, "prep:at")]
        orgs = [topic_of(m, skeleton, ctx) for m in _mentions(args, at, allowed, full=True)]
    role = FOUND.get(lemma) or LEAD.get(lemma) or LEAVE[lemma]
    if role == "founder" and len(people) > 1:
        role = "co-founder"
    confidence = 0.85 if lemma in FOUND else 0.8
    return [_candidate(skeleton, p, o, role, confidence, "role.verb-parse")
            for p in people for o in orgs if p != o]


def topic_of(mention: Mention, skeleton: Skeleton, ctx: Context) -> str:
    """"who co-founded the company": a description is the org the text is about there."""
    if mention.cue is not None:
        topic = topic_org(skeleton, ctx, mention.start)
        # "the company" the resolver gave to a backer: the company the text is about
        if topic and (ctx.type_of(topic) == mention.type or (
                ctx.type_of(topic) == "Company" and describes_company(mention.cue))):
            return topic
    return str(mention.entity_id)


@overload
def _mentions(args: Arguments, tokens: list[Token], types: frozenset[str] | set[str],
              full: Literal[False] = ...) -> list[str]: ...
@overload
def _mentions(args: Arguments, tokens: list[Token], types: frozenset[str] | set[str],
              full: Literal[True]) -> list[Mention]: ...
def _mentions(args: Arguments, tokens: list[Token], types: frozenset[str] | set[str],
              full: bool = False) -> list[str] | list[Mention]:
    """The entities the tokens name; a noun naming none is read through the name it
    describes ("Y, the venture that ...", "Y is the third company founded by ...")."""
    found: list[Mention] = []
    for token in tokens:
        described = _described(token)
        # "Y is the third company founded by ...": the copula's subject, never a
        # guess at what "the company" refers to.
        own = [] if described is not None and token.dep_ == "attr" else args.of(token)
        mentions = [m for m in own if m.type in types and m.entity_id and not _modifier(m, args)]
        if not mentions:
            mentions = [m for m in args.of(described) if m.type in types and m.entity_id]
        found += [m for m in mentions if all(m.entity_id != f.entity_id for f in found)]
    return found if full else [str(m.entity_id) for m in found]


def _people(args: Arguments, tokens: list[Token], verb: Token) -> list[str]:
    """The people the tokens name; "by A, B and C, who also runs Y": a relative clause
    after a list is about the name right before it."""
    people = _mentions(args, tokens, {"Person"})
    clause: Token | None = verb
    while clause is not None and clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause is None or clause.dep_ != "relcl" or len(people) < 2:
        return people
    before = [m for m in args.mentions if m.entity_id in people
              and m.end <= clause.left_edge.idx]
    return [str(max(before, key=lambda m: m.end).entity_id)] if before else people


def _modifier(mention: Mention, args: Arguments) -> bool:
    """"Intel-controlled Mobileye": a name hyphened to a participle only describes."""
    text = doc_text(args.span.doc)
    return text[mention.end : mention.end + 1] == "-"


def _described(token: Token) -> Token | None:
    if token.dep_ == "appos":
        return token.head
    if token.dep_ == "attr" and token.head.lemma_ == "be":
        return next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    return None


def _as_title(verb: Token) -> Token | None:
    for holder in (verb, *(c for c in verb.children if c.dep_ == "prt")):
        for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ == "as"):
            for noun in (c for c in prep.children if c.dep_ == "pobj"):
                if is_title(noun):
                    return noun
    return None


def _taken_as(skeleton: Skeleton, args: Arguments, ctx: Context, verb: Token,
              lemma: str) -> list[Candidate]:
    """"A joined Y as CTO", "Y appointed A as chair", "A succeeded B as chief executive
    (of Y)": the post's org is its own "of"/"at" object, else the org joined or
    appointing, else (business posts only) the org the article is about just there."""
    title = _as_title(verb)
    if title is None:
        return []
    taker = "patient" if lemma in GIVE_AS else "agent"
    people = _people(args, role_tokens(verb, taker), verb)
    if lemma in ("succeed", "replace"):
        people += _mentions(args, role_tokens(verb, "patient"), {"Person"})
    words = title_phrase(title)
    own = [m for p in title.children if p.dep_ == "prep" and p.lower_ in ("of", "at", "for")
           for t in p.children if t.dep_ == "pobj" for m in args.of(t)]
    own = [m for m in own if m.type in ORG_TYPES and m.entity_id]
    other = "agent" if lemma in GIVE_AS else "patient"
    by_verb = [m for t in role_tokens(verb, other) for m in args.of(t)
               if m.type in ORG_TYPES and m.entity_id]
    org, confidence = _org_for(title, words, own or by_verb, args, skeleton, ctx)
    role = " ".join(t.text for t in words)
    return [_candidate(skeleton, p, org, role, confidence, "role.verb-as")
            for p in people if org and p != org]


def _org_for(title: Token, words: list[Token], named: list[Mention], args: Arguments,
             skeleton: Skeleton, ctx: Context) -> tuple[str | None, float]:
    if is_public_title(title):
        return government_for(words, named, args, skeleton, ctx), 0.7
    if named:
        return named[0].entity_id, 0.8
    return ctx.salient(skeleton.sentence.index, NON_STATE), 0.6


def _candidate(skeleton: Skeleton, person: str, org: str, role: str, confidence: float,
               rule: str) -> Candidate:
    return Candidate("ROLE", {"person": person, "org": org, "role": role or None},
                     skeleton.sentence, confidence, rule)
