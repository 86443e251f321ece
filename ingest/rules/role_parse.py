"""ROLE from the dependency parse: a title bound to the person it names and to its org.

A title reaches its person in four ways news uses: before the name as a
compound ("Commerce Secretary Jane Doria", "Nordwind chief executive Lena
Voss"), as an apposition after it ("Lena Voss, the chief executive of
Nordwind", "Piet Smit, Nordwind's head of policy"), with the name in apposition
to it ("Nordwind's founder, Karl Berg") or through a copula ("whose chief
executive is Karl Berg", "who is the company's president"). The organisation is
read from the title's own dependents (a possessor, an "of"/"at"/"for" object, a
modifier before it, or the noun a "whose" clause hangs on), so a title never
takes the org of a neighbouring clause. A public title with no org named
(":mod:`.role_gov`") points at the ministry whose portfolio it names, else at the
state it names or the state the article is about just there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from blocgraph.ingest.mention_types import Mention
from blocgraph.ingest.rules.base import Candidate, Context
from blocgraph.ingest.rules.frames import asserted_at
from blocgraph.ingest.rules.parse_args import Arguments, is_verbal, parsed
from blocgraph.ingest.rules.role_gov import GOV_HEADS, government_for
from blocgraph.ingest.skeleton import Skeleton

ORG_TYPES = frozenset({"Company", "Investor", "Organization", "Government"})
NON_STATE = frozenset({"Company", "Investor", "Organization"})
# Head nouns of a title: the word a title phrase ends on ("chief executive", "head of policy").
BUSINESS_HEADS = frozenset({
    "founder", "cofounder", "co-founder", "executive", "ceo", "cfo", "cto", "coo", "cso",
    "chairman", "chairwoman", "chair", "chairperson", "director", "director-general",
    "head", "officer", "spokesperson", "spokesman", "spokeswoman", "partner", "scientist",
    "researcher", "professor", "manager", "leader", "member", "engineer", "co-chair",
    "vice-chair", "treasurer", "boss", "principal", "fellow", "economist", "chief",
})
TITLE_HEADS = BUSINESS_HEADS | GOV_HEADS
# Dependents of a title that name whose title it is.
ORG_PREPS = frozenset({"of", "at", "for", "with", "in"})
PORTFOLIO_HEADS = frozenset({"minister", "secretary", "commissioner"})
SPEAKERS = frozenset({"spokesperson", "spokesman", "spokeswoman", "partner"})
COPULAS = frozenset({"be", "remain", "serve", "become"})


SUBJECT_KEY = "role.subject"  # (sentence, org its main subject names)
PREVIOUS_KEY = "role.previous-subject"


@dataclass
class Title:
    """A title noun bound to a person, with the words that spell it out."""

    person: Mention
    head: Token
    words: list[Token]


def parse_roles(skeleton: Skeleton, ctx: Context) -> tuple[list[Candidate], set[str]]:
    """ROLE candidates for every person a title is bound to in the parse, and every
    person the parse found a title for (whose org it may have left open on purpose)."""
    span = parsed(skeleton.sentence)
    if span is None:
        return [], set()
    args = Arguments(span, skeleton.sentence.mentions)
    ctx.memory[PREVIOUS_KEY] = ctx.memory.get(SUBJECT_KEY)
    ctx.memory[SUBJECT_KEY] = (skeleton.sentence.index, _subject_org(span, args))
    found: list[Candidate] = []
    seen: set[str] = set()
    for title in titles(span, args, skeleton.mentions):
        seen.add(str(title.person.entity_id))
        orgs, confidence = _orgs_of(title, args, skeleton, ctx)
        role = " ".join(t.text for t in title.words
                        if args.mention_at(t) is None and t.lower_ not in ("'s", "’s"))
        for org in orgs:
            if org != title.person.entity_id:
                found.append(Candidate(
                    "ROLE", {"person": title.person.entity_id, "org": org,
                             "role": _clean(role) or None},
                    skeleton.sentence, confidence, "role.parse"))
    return found, seen


def titles(span: Span, args: Arguments, mentions: list[Mention]) -> Iterator[Title]:
    for person in mentions:
        if person.type != "Person" or not person.entity_id:
            continue
        head = _head_of(span, person)
        if head is None:
            continue
        for noun, words in _title_nouns(head, person, args):
            for each in (noun, *_conjuncts(noun)):
                if _is_title(each):
                    own = words if each is noun else _phrase(each)
                    yield Title(person, each, [*own, *_portfolio_words(each, args)])


def _head_of(span: Span, mention: Mention) -> Token | None:
    inside = [t for t in span if mention.start <= t.idx < mention.end]
    for token in inside:
        if not (mention.start <= token.head.idx < mention.end) or token.head.i == token.i:
            return token
    return inside[-1] if inside else None


def _title_nouns(
    head: Token, person: Mention, args: Arguments
) -> Iterator[tuple[Token, list[Token]]]:
    # Before the name: "Commerce Secretary Jane Doria", "Nordwind chief executive Lena Voss".
    pre = _pre_title(head.doc, person, args)
    if pre is not None:
        yield pre
    # After it: "Lena Voss, the chief executive of Nordwind" (the apposition right
    # after this name, whatever the parse hung it on in a list of names).
    for token in head.sent:
        if token.dep_ == "appos" and _right_after(person, token.left_edge):
            yield token, _phrase(token)
    # The name explains the title: "Nordwind's founder, Karl Berg".
    if head.dep_ == "appos" and _is_title(head.head):
        yield head.head, _phrase(head.head)
    # A copula: "whose chief executive is Karl Berg", "Karl Berg is the company's president".
    verb = head.head
    if is_verbal(verb) and verb.lemma_.lower() in COPULAS and asserted_at(verb):
        for other in verb.children:
            if other.i != head.i and other.dep_ in ("nsubj", "attr", "acomp", "oprd"):
                yield other, _phrase(other)
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
            yield from ((p, _phrase(p)) for p in prep.children if p.dep_ == "pobj")


def _pre_title(doc: Doc, person: Mention, args: Arguments) -> tuple[Token, list[Token]] | None:
    """The title written right before the name, read word by word leftwards (the parse
    of such noun stacks is unreliable): title words, capitalised portfolio words,
    an org's name or possessive; its last word must be a title head."""
    first = next((t for t in doc if t.idx >= person.start), None)
    if first is None or first.i == 0:
        return None
    words: list[Token] = []
    i = first.i - 1
    while i >= first.sent.start:
        token = doc[i]
        mention = args.mention_at(token)
        if mention is not None and mention.is_entity:
            if mention.type == "Person" or (mention.text[:1].islower() and not _possessed(doc, i)):
                break
        elif token.text in ("-", "–") and i > first.sent.start and doc[i - 1].is_alpha:
            pass  # "co-founder", "vice-chair"
        elif token.lower_ in ("and", "&", ",", "-"):
            if i - 1 < first.sent.start or not (
                    _capitalised(doc[i - 1], args) or _is_title(doc[i - 1])):
                break
        elif token.lower_ in ("'s", "’s"):
            pass
        elif not (token.is_alpha or "-" in token.text) or token.is_stop \
                or (token.pos_ not in ("NOUN", "PROPN", "ADJ") and not _is_title(token)):
            break
        words.insert(0, token)
        i -= 1
    while words and (words[0].is_punct or words[0].lower_ in ("and", "&")):
        words.pop(0)
    if not words or not _is_title(words[-1]) or args.mention_at(words[-1]) is not None:
        return None
    return words[-1], words


def _possessed(doc: Doc, i: int) -> bool:
    """"the company's chief executive": a description is an org only as a possessor."""
    return (i + 1 < len(doc) and doc[i + 1].lower_ in ("'s", "’s")) or doc[i].lower_ in (
        "its", "their")


def _right_after(person: Mention, token: Token) -> bool:
    gap = token.doc.text[person.end : token.idx]
    return token.idx >= person.end and gap.strip() in (",", "(", "—", "–", "-")


def _capitalised(token: Token, args: Arguments) -> bool:
    """A word of a capitalised portfolio ("Economy, Trade and Industry"), not a person."""
    mention = args.mention_at(token)
    if mention is not None and mention.type == "Person":
        return False
    return token.text[:1].isupper()


def _phrase(noun: Token) -> list[Token]:
    """The title's own words: its modifiers and an "of ..." that is not an org."""
    return [t for t in noun.subtree
            if (t.i <= noun.i and t.dep_ not in ("det", "poss", "case", "punct", "advmod"))
            or t.i == noun.i]


def _portfolio_words(noun: Token, args: Arguments) -> list[Token]:
    """"minister for digital affairs": the words of an "of"/"for" phrase naming no org."""
    found: list[Token] = []
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "for")):
        words = list(prep.subtree)
        named = [args.mention_at(t) for t in words]
        if not any(m is not None and m.is_entity for m in named):
            found += words
    return found


def _conjuncts(noun: Token) -> list[Token]:
    return [c for c in noun.children if c.dep_ == "conj"]


def _is_title(token: Token) -> bool:
    return token.lower_ in TITLE_HEADS or token.lemma_.lower() in TITLE_HEADS


def _orgs_of(
    title: Title, args: Arguments, skeleton: Skeleton, ctx: Context
) -> tuple[list[str], float]:
    named = _named_orgs(title, args, skeleton, ctx)
    is_gov = title.head.lower_ in GOV_HEADS or title.head.lemma_.lower() in GOV_HEADS
    if title.head.lower_ in PORTFOLIO_HEADS:
        # "Trade Minister X": a name before a minister is a portfolio, not a company.
        chunk = {t.i for t in title.words}
        named = [m for m in named if m.type == "Government"
                 or not any(chunk_token(t, m) for t in title.head.doc if t.i in chunk)]
    if is_gov:
        org = government_for(title.words, named, args, skeleton, ctx)
        return ([org], 0.75) if org else ([], 0.0)
    named = [m for m in named if m.type in ORG_TYPES and m.entity_id]
    if named:
        return [str(m.entity_id) for m in named[:1]], 0.85
    org = _unnamed_org(title, skeleton, ctx)
    return ([org], 0.6) if org else ([], 0.0)


def chunk_token(token: Token, mention: Mention) -> bool:
    return mention.start <= token.idx < mention.end


def _named_orgs(
    title: Title, args: Arguments, skeleton: Skeleton, ctx: Context
) -> list[Mention]:
    """Mentions the title itself is bound to, most specific first."""
    heads = [title.head, *(h for h in (title.head.head,) if title.head.dep_ == "conj")]
    found: list[Mention] = []
    for noun in heads:
        for child in noun.children:
            if child.dep_ == "poss":
                found += _own(args, child, skeleton, ctx)
            elif child.dep_ == "prep" and child.lower_ in ORG_PREPS:
                found += [m for p in child.children if p.dep_ == "pobj" for m in args.of(p)]
        if noun.head.dep_ == "relcl" and (
                noun.lower_ == "whose" or any(c.lower_ == "whose" for c in noun.children)):
            found += args.of(noun.head.head)
        verb = noun.head
        if verb.dep_ == "relcl" and any(c.lower_ == "whose" for c in noun.children):
            found += args.of(verb.head)
        # "the minister whose Ministry of Finance runs the scheme"
        for clause in (c for c in noun.children if c.dep_ == "relcl"):
            found += [m for t in clause.subtree if any(c.lower_ == "whose" for c in t.children)
                      for m in args.of(t)]
    for token in title.words:
        mention = args.mention_at(token)
        if mention is not None and mention.is_entity and mention is not title.person:
            found += _own(args, token, skeleton, ctx) if token.dep_ == "poss" else [mention]
    return [m for m in found if m.is_entity and m.type != "Person"]


def _own(args: Arguments, token: Token, skeleton: Skeleton, ctx: Context) -> list[Mention]:
    """The possessor's mention. "its" is checked against the parse: opening a sentence
    after one about a name we do not know, or inside a sentence whose subject is such
    a name, it is left open rather than given to the last org named."""
    mentions = args.of(token) or [m for m in [args.mention_at(token)] if m is not None]
    if token.lower_ in ("its", "their") and token.idx <= skeleton.sentence.start:
        previous = ctx.memory.get(PREVIOUS_KEY)
        if previous and previous[0] == skeleton.sentence.index - 1:
            if previous[1] is None:
                return []  # the previous sentence is about a name we do not know
            if ctx.type_of(previous[1]) != "Investor" and all(
                    m.entity_id != previous[1] for m in mentions):
                # the company the previous sentence is about, not the last org it named
                return [Mention(token.idx, token.idx + 3, token.text,
                                ctx.type_of(previous[1]) or "", skeleton.sentence.index,
                                previous[1])]
    if token.lower_ in ("its", "their"):
        subject = _main_subject(token.sent)
        if subject is not None and subject.pos_ == "PROPN" and not args.of(subject):
            return []  # "Nordwind was founded by A and B, its CTO": a name we do not know
        if subject is not None:
            own = [m for m in args.of(subject) if m.type in NON_STATE]
            return own[:1] or mentions
    return mentions


def _main_subject(sent: Span) -> Token | None:
    return next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass")
                 and t.head.dep_ == "ROOT"), None)


def _unnamed_org(title: Title, skeleton: Skeleton, ctx: Context) -> str | None:
    """A business title with no org ("Chief executive Lena Voss said ..."): only when the
    person is what the sentence is about, the org the previous sentence was about,
    unless the sentence names other orgs; else the one org the sentence names."""
    head = title.head
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i != head.i:
        head = head.head
    if head.dep_ not in ("nsubj", "nsubjpass") or head.head.dep_ != "ROOT":
        return None
    named = {str(m.entity_id) for m in skeleton.mentions
             if m.type in ORG_TYPES and m.entity_id and m.cue is None}
    previous = _previous_subject(skeleton, ctx)
    if previous and ctx.type_of(previous) == "Investor" and title.head.lower_ not in SPEAKERS:
        previous = None  # a deal's backer just named is rarely whose executive speaks next
    if previous and (not named or previous in named):
        return previous
    return named.pop() if len(named) == 1 else None


def _previous_subject(skeleton: Skeleton, ctx: Context) -> str | None:
    """The org the previous sentence's main subject names, None when it names none."""
    previous = ctx.memory.get(PREVIOUS_KEY)
    if previous and previous[0] == skeleton.sentence.index - 1:
        return str(previous[1]) if previous[1] else None
    return ctx.resolver.previous_subject(skeleton.sentence.index, NON_STATE)


def _subject_org(span: Span, args: Arguments) -> str | None:
    """The org the sentence is about: its main subject ("The biggest of them,
    Nordwind, raised ..." is about Nordwind)."""
    for token in span:
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT":
            for mention in args.of(token):
                if mention.type in NON_STATE and mention.entity_id:
                    return mention.entity_id
            return None
    return None


def _clean(role: str) -> str:
    return role.strip(" ,").replace(" - ", "-").replace(" ,", ",")
