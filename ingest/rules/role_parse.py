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
from blocgraph.ingest.mentions import doc_text
from blocgraph.ingest.rules.base import Candidate, Context
from blocgraph.ingest.rules.frames import asserted_at
from blocgraph.ingest.rules.parse_args import (
    Arguments,
    is_verbal,
    parsed,
    sentence_of,
    token_at,
)
from blocgraph.ingest.rules.role_gov import GOV_HEADS, POST_RANKS, government_for, title_head
from blocgraph.ingest.rules.role_topic import (
    NON_STATE,
    ORG_TYPES,
    PREVIOUS_BODY_KEY,
    main_subject,
    paragraph_lead,
    previous_subject,
    remember_subject,
    topic_org,
)
from blocgraph.ingest.skeleton import Skeleton

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
    remember_subject(skeleton, span, args, ctx)
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
                if is_title(each):
                    own = words if each is noun else title_phrase(each)
                    extra = [t for t in _portfolio_words(each, args) if t not in own]
                    yield Title(person, each, [*own, *extra])


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
    elif head.dep_ == "conj":
        # "Commissioners A and B": a plural title before the list is each one's
        first = args.mention_at(head.head)
        shared = _pre_title(head.doc, first, args) if first and first.type == "Person" else None
        if shared is not None and _plural(shared[0]):
            yield shared
    # After it: "Lena Voss, the chief executive of Nordwind" (the apposition right
    # after this name, whatever the parse hung it on in a list of names).
    for token in sentence_of(head):
        if token.dep_ == "appos" and _right_after(person, token.left_edge):
            yield token, title_phrase(token)
    # The name explains the title: "Nordwind's founder, Karl Berg".
    if head.dep_ == "appos" and is_title(head.head):
        yield head.head, title_phrase(head.head)
    # A copula: "whose chief executive is Karl Berg", "Karl Berg is the company's president".
    verb = head.head
    if is_verbal(verb) and verb.lemma_.lower() in COPULAS and asserted_at(verb):
        for other in verb.children:
            if other.i != head.i and other.dep_ in ("nsubj", "attr", "acomp", "oprd"):
                yield other, title_phrase(other)
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
            yield from ((p, title_phrase(p)) for p in prep.children if p.dep_ == "pobj")


def _pre_title(doc: Doc, person: Mention, args: Arguments) -> tuple[Token, list[Token]] | None:
    """The title written right before the name, read word by word leftwards (the parse
    of such noun stacks is unreliable): title words, capitalised portfolio words,
    an org's name or possessive; its last word must be a title head."""
    first = token_at(doc, person.start)
    if first is None or first.i == 0:
        return None
    words: list[Token] = []
    i = first.i - 1
    start = sentence_of(first).start
    while i >= start:
        token = doc[i]
        mention = args.mention_at(token)
        if mention is not None and mention.is_entity:
            if mention.type == "Person" or (mention.text[:1].islower() and not _possessed(doc, i)):
                break
        elif token.text in ("-", "–") and i > start and doc[i - 1].is_alpha:
            pass  # "co-founder", "vice-chair"
        elif token.lower_ in ("and", "&", ",", "-"):
            if i - 1 < start or not (
                    _capitalised(doc[i - 1], args) or is_title(doc[i - 1])):
                break
        elif token.lower_ in ("'s", "’s"):
            pass
        elif token.lower_ in ("of", "for") and i > start and is_title(doc[i - 1]) \
                and words and _capitalised(words[0], args):
            pass  # "Secretary of Commerce Jane Doria"
        elif not (token.is_alpha or "-" in token.text) \
                or (token.is_stop and not (token.text.isupper() and len(token.text) > 1)) \
                or (token.pos_ not in ("NOUN", "PROPN", "ADJ") and not is_title(token)):
            break
        words.insert(0, token)
        i -= 1
    while words and (words[0].is_punct or words[0].lower_ in ("and", "&")):
        words.pop(0)
    if not words:
        return None
    head = words[-1]
    linked = [w for w in words[1:] if w.lower_ in ("of", "for") and is_title(doc[w.i - 1])]
    if not is_title(head) and linked:
        head = doc[linked[0].i - 1]
    if not is_title(head) or args.mention_at(head) is not None:
        return None
    return head, words


def _possessed(doc: Doc, i: int) -> bool:
    """"the company's chief executive": a description is an org only as a possessor."""
    return (i + 1 < len(doc) and doc[i + 1].lower_ in ("'s", "’s")) or doc[i].lower_ in (
        "its", "their")


def _right_after(person: Mention, token: Token) -> bool:
    gap = doc_text(token.doc)[person.end : token.idx]
    return token.idx >= person.end and gap.strip() in (",", "(", "—", "–", "-")


def _capitalised(token: Token, args: Arguments) -> bool:
    """A word of a capitalised portfolio ("Economy, Trade and Industry"), not a person."""
    mention = args.mention_at(token)
    if mention is not None and mention.type == "Person":
        return False
    return token.text[:1].isupper()


def title_phrase(noun: Token) -> list[Token]:
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


def is_public_title(token: Token) -> bool:
    lower = token.lower_
    before = _ranked(token)
    return lower in GOV_HEADS or token.lemma_.lower() in GOV_HEADS or (
        lower.endswith("s") and lower[:-1] in GOV_HEADS) or (
        before is not None and is_public_title(before))


def is_title(token: Token) -> bool:
    """A title head word; a plural one too ("Commissioners A and B"); a rank written
    after its title ("secretary general", "Minister Delegate") ends the title."""
    lower = token.lower_
    before = _ranked(token)
    return lower in TITLE_HEADS or token.lemma_.lower() in TITLE_HEADS or (
        _plural(token) and lower[:-1] in TITLE_HEADS) or (
        before is not None and is_title(before))


def _ranked(token: Token) -> Token | None:
    """The title a post-positive rank word follows ("general", "delegate"), if any."""
    if token.lower_ not in POST_RANKS or token.i == 0:
        return None
    before = token.doc[token.i - 1]
    if before.text in ("-", "‑") and token.i >= 2:
        before = token.doc[token.i - 2]
    return before if before.lower_ not in POST_RANKS else None


def _plural(token: Token) -> bool:
    """A plural noun; capitalised title plurals are often tagged as singular names."""
    return token.lower_.endswith("s") and (
        token.tag_ in ("NNS", "NNPS") or (token.pos_ == "PROPN" and token.text[:1].isupper()))


def _orgs_of(
    title: Title, args: Arguments, skeleton: Skeleton, ctx: Context
) -> tuple[list[str], float]:
    named = _named_orgs(title, args, skeleton, ctx)
    is_gov = is_public_title(title.head)
    if title_head(title.words) in PORTFOLIO_HEADS:
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
    shared = _shared_org(title, args)
    if shared:
        return [shared], 0.75
    org = _unnamed_org(title, skeleton, ctx)
    return ([org], 0.6) if org else ([], 0.0)


def _shared_org(title: Title, args: Arguments) -> str | None:
    """"Nordwind founder A and chairman B": a name coordinated with a titled name whose
    title carries an org shares that org when its own title names none."""
    head = _head_of(args.span, title.person)
    if head is None or head.dep_ != "conj" or title.head.i > head.i:
        return None
    first = args.mention_at(head.head)
    if first is None or first.type != "Person":
        return None
    pre = _pre_title(head.doc, first, args)
    if pre is None or pre[0].i >= title.head.i:
        return None
    orgs = [m for m in (args.mention_at(t) for t in pre[1])
            if m is not None and m.is_entity and m.type in NON_STATE and m.entity_id]
    return str(orgs[0].entity_id) if orgs else None


def chunk_token(token: Token, mention: Mention) -> bool:
    return mention.start <= token.idx < mention.end


def _named_orgs(
    title: Title, args: Arguments, skeleton: Skeleton, ctx: Context
) -> list[Mention]:
    """Mentions the title itself is bound to, most specific first."""
    heads = [title.head, *(h for h in (title.head.head,) if title.head.dep_ == "conj")]
    found: list[Mention] = []
    for noun in heads:
        if noun is not title.head and found:
            break  # "its CTO and a former Nordwind researcher": the conjunct's own org
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
    in_words: list[Mention] = []
    for token in title.words:
        mention = args.mention_at(token)
        if mention is not None and mention.is_entity and mention is not title.person:
            in_words += _own(args, token, skeleton, ctx) if token.dep_ == "poss" else [mention]
    if title.head.dep_ == "conj" and in_words:
        found = in_words  # the conjunct names its own org: the head's is not its
    else:
        found += in_words
    return [m for m in found if m.is_entity and m.type != "Person"]


def _own(args: Arguments, token: Token, skeleton: Skeleton, ctx: Context) -> list[Mention]:
    """The possessor's mention. "its" is checked against the parse: opening a sentence
    after one about a name we do not know, or inside a sentence whose subject is such
    a name, it is left open rather than given to the last org named."""
    mentions = args.of(token) or [m for m in [args.mention_at(token)] if m is not None]
    if token.lower_ in ("its", "their"):
        topic = topic_org(skeleton, ctx, token.idx)
        if topic == "":
            return []  # the previous sentence is about a name we do not know
        if topic and all(m.entity_id != topic for m in mentions):
            return [Mention(token.idx, token.idx + len(token.text), token.text,
                            ctx.type_of(topic) or "", skeleton.sentence.index, topic)]
        subject = main_subject(sentence_of(token))
        if subject is not None and subject.pos_ == "PROPN" and not args.of(subject):
            return []  # "Nordwind was founded by A and B, its CTO": a name we do not know
        if subject is not None:
            own = [m for m in args.of(subject) if m.type in NON_STATE]
            return own[:1] or mentions
    return mentions


def _unnamed_org(title: Title, skeleton: Skeleton, ctx: Context) -> str | None:
    """A business title with no org ("Chief executive Lena Voss said ..."): only when the
    person is what the sentence is about, the org the previous sentence was about,
    unless the sentence names other orgs; else the one org the sentence names."""
    head = title.head
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "appos" and chunk_token(head.head, title.person):
        head = head.head  # "Lena Voss, the chief executive, said ..."
    clause = head.head
    if clause.dep_ == "conj" and clause.head.dep_ == "ROOT":
        clause = clause.head  # "..., and chief executive Lena Voss told customers"
    if head.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ROOT":
        return None
    # orgs of another clause after a semicolon ("A is leaving to join Y; chief
    # strategy officer B becomes ...") are not the title's
    text, at = doc_text(title.head.doc), title.head.idx
    start = text.rfind(";", skeleton.sentence.start, at) + 1
    end = text.find(";", at, skeleton.sentence.end)
    end = skeleton.sentence.end if end < 0 else end
    named = {str(m.entity_id) for m in skeleton.mentions
             if m.type in ORG_TYPES and m.entity_id and m.cue is None
             and start <= m.start and m.end <= end}
    body = ctx.memory.get(PREVIOUS_BODY_KEY)
    if title.head.lower_ in SPEAKERS and not named and body \
            and body[0] == skeleton.sentence.index - 1 and body[1]:
        return str(body[1])  # "The ministry said ... Spokesperson Lena Voss added"
    previous = previous_subject(skeleton, ctx)
    if previous and ctx.type_of(previous) == "Investor" and title.head.lower_ not in SPEAKERS:
        previous = None  # a deal's backer just named is rarely whose executive speaks next
    if previous and (not named or previous in named):
        return previous
    if len(named) == 1:
        return named.pop()
    # "Chief executive A said ..." after lines about the deal's backers: the company
    # the paragraph opened on, when the sentence names no org of its own.
    lead = paragraph_lead(ctx)
    if lead and title.head.lower_ not in SPEAKERS and not named:
        return lead
    return None


def _clean(role: str) -> str:
    return role.strip(" ,").replace(" - ", "-").replace(" ,", ",")
