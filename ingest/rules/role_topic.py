"""What a sentence is about, remembered for the next one.

"Its chief executive", "the company", "Spokesperson A said" name no org of their
own; news means the org the previous sentence was about (its main subject),
not the last org it happened to name. :func:`remember_subject` records that
per sentence in :attr:`Context.memory`; :func:`topic_org` reads it back.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from blocgraph.ingest.mentions import doc_text
from blocgraph.ingest.rules.base import Context
from blocgraph.ingest.rules.parse_args import Arguments
from blocgraph.ingest.skeleton import Skeleton

ORG_TYPES = frozenset({"Company", "Investor", "Organization", "Government"})
NON_STATE = frozenset({"Company", "Investor", "Organization"})
SUBJECT_KEY = "role.subject"  # (sentence, org its main subject names)
PREVIOUS_KEY = "role.previous-subject"
BODY_KEY = "role.subject-body"  # the same, public bodies and states included
PREVIOUS_BODY_KEY = "role.previous-subject-body"


PARAGRAPH_KEY = "role.paragraph-lead"  # the company the current paragraph opens on
# Descriptions that may stand for a company even where the resolver typed them otherwise.
COMPANY_NOUNS = frozenset({"company", "start-up", "startup", "firm", "lab", "developer",
                           "maker", "business", "group", "venture"})


def remember_subject(skeleton: Skeleton, span: Span, args: Arguments, ctx: Context) -> None:
    if ctx.memory.get(SUBJECT_KEY, (None,))[0] == skeleton.sentence.index:
        return  # already recorded by a rule that ran first on this sentence
    _remember_paragraph(skeleton, span, args, ctx)
    ctx.memory[PREVIOUS_KEY] = ctx.memory.get(SUBJECT_KEY)
    ctx.memory[SUBJECT_KEY] = (skeleton.sentence.index, _subject_org(span, args))
    ctx.memory[PREVIOUS_BODY_KEY] = ctx.memory.get(BODY_KEY)
    ctx.memory[BODY_KEY] = (skeleton.sentence.index, _subject_org(span, args, ORG_TYPES))


def topic_org(skeleton: Skeleton, ctx: Context, offset: int) -> str | None:
    """What "its" or "the company" at ``offset`` refers to when the sentence names no
    org before it: the org the previous sentence is about (its subject), not the last
    org it named; after a sentence about a backer ("Harbour took part"), the company
    the article is about there. "" when the previous sentence is about a name we do
    not know and the word opens the sentence; None when this cannot tell."""
    if any(m.cue is None and m.type in ORG_TYPES and m.end <= offset for m in skeleton.mentions):
        return None
    # Rules that run before role.titles in a sentence still find it under SUBJECT_KEY.
    previous = next((p for p in (ctx.memory.get(PREVIOUS_KEY), ctx.memory.get(SUBJECT_KEY))
                     if p and p[0] == skeleton.sentence.index - 1), None)
    if previous is None:
        return None
    if previous[1] is None:
        return "" if offset <= skeleton.sentence.start else None
    if ctx.type_of(previous[1]) != "Investor":
        return str(previous[1])
    # after lines about backers: the company the paragraph opened on, else the one
    # the article names most (the deal's company, not a backer's parent named last)
    return paragraph_lead(ctx) or _most_named_company(ctx)


def _most_named_company(ctx: Context) -> str | None:
    companies = [r for r in ctx.resolver.records.values() if r.type == "Company"]
    return max(companies, key=lambda r: r.mentions).id if companies else None


def main_subject(sent: Span) -> Token | None:
    """The main clause's subject; "X was co-founded by" parses with the subject on the
    auxiliary, so a subject of the root's auxiliary counts too."""
    return next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass")
                 and (t.head.dep_ == "ROOT" or (t.head.dep_ in ("aux", "auxpass")
                                                and t.head.head.dep_ == "ROOT"))), None)


def previous_subject(skeleton: Skeleton, ctx: Context) -> str | None:
    """The org the previous sentence's main subject names, None when it names none."""
    previous = ctx.memory.get(PREVIOUS_KEY)
    if previous and previous[0] == skeleton.sentence.index - 1:
        return str(previous[1]) if previous[1] else None
    return ctx.resolver.previous_subject(skeleton.sentence.index, NON_STATE)


def _subject_org(span: Span, args: Arguments, types: frozenset[str] = NON_STATE
                 ) -> str | None:
    """The org the sentence is about: its main subject ("The biggest of them,
    Nordwind, raised ..." is about Nordwind)."""
    for token in span:
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT":
            for mention in args.of(token):
                if mention.type in types and mention.entity_id:
                    return mention.entity_id
            return None
    return None


def _remember_paragraph(skeleton: Skeleton, span: Span, args: Arguments, ctx: Context) -> None:
    """A paragraph (a line of its own) of a deal list or brief opens on the company it is
    about: its subject, else the first company it names."""
    before = doc_text(span.doc)[: span.start_char].rstrip(" \t")
    if before and not before.endswith("\n"):
        return
    subject = main_subject(span)
    named = args.of(subject) if subject is not None else []
    if named:  # a description ("The company ...") opening it is no lead of its own
        lead = next((m.entity_id for m in named if m.type == "Company" and m.cue is None), None)
    else:
        lead = next((m.entity_id for m in skeleton.mentions
                     if m.type == "Company" and m.cue is None and m.entity_id), None)
    ctx.memory[PARAGRAPH_KEY] = lead


def paragraph_lead(ctx: Context) -> str | None:
    """The company the paragraph being read opened on, if any."""
    lead = ctx.memory.get(PARAGRAPH_KEY)
    return str(lead) if lead else None


def describes_company(cue: str | None) -> bool:
    """"the company", "the start-up": a description a company may be meant by."""
    return bool(cue) and str(cue).lower().split()[-1] in COMPANY_NOUNS
