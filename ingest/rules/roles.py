"""ROLE: a person holds a role in an organisation.

News names roles in a handful of shapes: "Mistral chief executive Arthur Mensch",
"Anthropic's chief financial officer, Krishna Rao", "Jonas Andrulis, founder and
CEO of Aleph Alpha", "G42 is chaired by ...", "founded in 2019 by A and B",
"Brad Smith will join the G42 board", and a bare title ("Innovation Minister
François-Philippe Champagne") whose organisation is the article's government.
"""

from __future__ import annotations

import re

from blocgraph.ingest.rules import role_verbs  # noqa: F401  (registers its rule)
from blocgraph.ingest.rules.base import DATE_GAP, Candidate, Context, asserted, register
from blocgraph.ingest.rules.role_parse import parse_roles
from blocgraph.ingest.rules.role_verbs import topic_of as _topic
from blocgraph.ingest.skeleton import Skeleton

TITLE = (
    r"(?:co-?founder|founder|founding partner|chief executive(?: officer)?|CEO"
    r"|chief financial officer|CFO|chief technology officer|CTO|chief operating officer|COO"
    r"|chief scientist|chief \w+ officer"
    r"|(?:executive |vice[- ])?chair(?:man|woman|person)?|(?:vice[- ])?president|managing director"
    r"|director|head|spokes(?:person|man|woman)|(?:prime |deputy )?minister|secretary"
    r"|commissioner|board member|general partner|partner|(?:national security )?advis[eo]r"
    r"|chancellor|vice-chancellor|governor|mayor|member)"
)
ROLE = rf"(?P<role>(?:[\w-]+ ){{0,3}}?{TITLE}(?:(?:,| and| &) (?:[\w-]+ ){{0,3}}?{TITLE})*)"
GOV_TITLES = re.compile(
    r"\b(?:minister|secretary|president|chancellor|prime minister|adviser|advisor|governor)\b",
    re.IGNORECASE,
)
ORG_TITLE_PERSON = rf"<org:ACTOR>(?:'s|’s|(?<=~»))? {ROLE},? <person:PER>"
PERSON_TITLE_OF = rf"<person:PER>, (?:the |a |an )?{ROLE} (?:of|at|for) (?:the )?<org:ACTOR>"
PERSON_ORG_TITLE = rf"<person:PER>, (?:the )?<org:ACTOR>(?:'s|’s) {ROLE}"
GOV_LONG_TITLE = r"<org:GOV>(?:'s|’s) (?P<role>(?-i:[A-Z])[^«.;]{3,120}?), <person:PER>"
# "by chief executive A, AI researcher B and C": each name may carry a few title words.
TITLED = r"(?:[A-Za-z][\w-]* ){0,3}?"
TITLED_PEOPLE = (
    rf"(?P<persons>{TITLED}<:PER>(?:(?:, (?:and )?| and | & ){TITLED}<:PER>)*)"
)
CHAIRED = (
    r"<org:ACTOR>(?:,[^.;]*?,)? (?:is |was |has been )?(?P<verb>chaired|headed|led|run)"
    r" by (?:[A-Za-z][\w-]* ){0,3}?<person:PER>"
)
FOUNDED = (
    rf"<org:ORG>(?:,[^.;]*?,)? (?:was |were )?(?P<verb>co-?founded|founded){DATE_GAP}{{0,30}}?"
    rf" by {TITLED_PEOPLE}"
)
FOUNDED_FRONT = (
    rf"^(?P<verb>Co-?founded|Founded){DATE_GAP}{{0,30}}? by {TITLED_PEOPLE}"
    r"[^.;«]*?, <org:ORG>"
)
WHO_FOUNDED = (
    r"<person:PER>, who (?:previously |also |had |has |later )*"
    r"(?P<verb>co-?founded|founded|runs|leads|heads|chairs) <org:ORG>(?![-‑]\w)"
)  # "who runs Nordwind-controlled Kestrel": the hyphened name only describes
JOIN_BOARD = (
    r"<person:PER> (?:will |is to |has )?join(?:s|ed)? (?:the )?<org:ACTOR>(?:'s|’s)? board"
)
BARE_TITLE = (
    rf"(?:^|[,;] |\. |^The )(?P<role>(?:(?-i:[A-Z])[\w-]+ ){{0,3}}?{TITLE}),? <person:PER>"
)
THE_TITLE = rf"<person:PER>, the {ROLE},"
NON_STATE_ORGS = frozenset({"Company", "Organization", "Investor"})
VERB_ROLES = {"chaired": "chairman", "headed": "head", "led": "head", "run": "head",
              "founded": "founder", "co-founded": "co-founder", "cofounded": "co-founder",
              "runs": "head", "leads": "head", "heads": "head", "chairs": "chairman"}


def _role(
    skeleton: Skeleton, person: str | None, org: str | None, role: str, rule: str
) -> list[Candidate]:
    if not person or not org or person == org:
        return []
    role = re.sub(r"^(?:the|a|an|its|their|former)\s+", "", role.strip(" ,"), flags=re.I)
    return [Candidate("ROLE", {"person": person, "org": org, "role": role or None},
                      skeleton.sentence, 0.8, rule)]


@register("role.titles")
def titled_roles(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """The parse binds a title to its person and org where there is one; the skeleton
    patterns add only people the parse found no title for (and run alone without a
    model), the bare-title guess only people neither placed."""
    found, placed = parse_roles(skeleton, ctx)
    for pattern in (ORG_TITLE_PERSON, PERSON_TITLE_OF, PERSON_ORG_TITLE, GOV_LONG_TITLE):
        for match in skeleton.find(pattern):
            if not asserted(skeleton, match, lead=10):
                continue
            person, org = skeleton.ids(match, "person"), skeleton.ids(match, "org")
            if person and org and person[0] not in placed:
                found += _role(skeleton, person[0], org[-1], match.group("role"), "role.title")
    if skeleton.sentence.span is not None and skeleton.sentence.span.doc.has_annotation("DEP"):
        return found  # the parse rules guess unnamed orgs more carefully
    placed = {c.fields["person"] for c in found}
    found += [c for c in _bare_titles(skeleton, ctx) if c.fields["person"] not in placed]
    return found


def _bare_titles(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """A title with no organisation named: a public title is the state's, else the lead org's."""
    found: list[Candidate] = []
    for pattern in (BARE_TITLE, THE_TITLE):
        for match in skeleton.find(pattern):
            person = skeleton.ids(match, "person")
            role = match.group("role")
            if not person:
                continue
            if GOV_TITLES.search(role):
                org = _government_near(skeleton, ctx)
            else:
                org = ctx.salient(skeleton.sentence.index, NON_STATE_ORGS)
            found += _role(skeleton, person[0], org, role, "role.bare")
    return found


def _government_near(skeleton: Skeleton, ctx: Context) -> str | None:
    for mention in skeleton.mentions:
        if mention.type == "Government" and mention.entity_id:
            return mention.entity_id
    return ctx.main_government()


@register("role.verbs")
def verb_roles(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    for pattern in (CHAIRED, WHO_FOUNDED, FOUNDED, FOUNDED_FRONT):
        for match in skeleton.find(pattern):
            if not asserted(skeleton, match, lead=10):
                continue
            verb = match.group("verb").lower()
            group = "persons" if "persons" in match.groupdict() else "person"
            people = skeleton.ids(match, group)
            # "the company was founded by": a description the resolver gave to a fund is
            # more likely a misresolved start-up than a fund's founding: read it as the
            # company the text is about there, else drop it.
            read = [(m, _topic(m, skeleton, ctx)) for m in skeleton.group_mentions(match, "org")
                    if m.entity_id]
            orgs = [o for m, o in read if not (m.cue and ctx.type_of(o) == "Investor")]
            role = VERB_ROLES.get(verb, verb)
            if verb.startswith("founded") and len(people) > 1:
                role = "co-founder"
            for person in people:
                found += _role(skeleton, person, orgs[-1] if orgs else None, role, "role.verb")
    for match in skeleton.find(JOIN_BOARD):
        found += _role(skeleton, skeleton.ids(match, "person")[0], skeleton.ids(match, "org")[0],
                       "board member", "role.board")
    return found
