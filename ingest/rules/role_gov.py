"""Which public body a public title belongs to.

The annotation convention: a minister's ROLE points at the ministry where the
text names it, otherwise at the state. Titles name their portfolio ("Commerce
Secretary", "Economy, Trade and Industry Minister", "minister for digital
affairs"), so the ministry is the government body of the article whose name
carries the portfolio's words; British and American secretaries run
departments, ministers run ministries, which settles "Commerce" between two
countries' bodies. Without a portfolio match the state is the one the title
names ("US Vice President", "Japan's prime minister"), else the one the
sentence names, else the state the article is about just there.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from blocgraph.ingest.mention_types import Mention
from blocgraph.ingest.rules.base import Context
from blocgraph.ingest.rules.parse_args import Arguments, token_at
from blocgraph.ingest.skeleton import Skeleton

GOV_HEADS = frozenset({
    "minister", "secretary", "president", "vice-president", "premier", "chancellor",
    "vice-chancellor", "senator", "governor", "king", "queen", "envoy", "adviser", "advisor",
    "mayor", "commissioner", "rapporteur", "lawmaker", "ambassador", "emir", "sultan",
    "prince", "monarch", "taoiseach", "regulator", "undersecretary", "under-secretary",
})
# Words of a title that are rank, not portfolio.
RANKS = frozenset({
    "vice", "prime", "deputy", "senior", "junior", "federal", "state", "under", "chief",
    "special", "foreign", "former", "then", "acting", "interim", "first", "general",
    "minister", "secretary", "president", "and", "for", "of", "the", "delegate", "cabinet",
    "national", "security", "presidential", "affairs",
})
BODY_WORDS = re.compile(r"\b(?:ministry|department|office|bureau|agency|secretariat)\b", re.I)
DEPARTMENT = re.compile(r"\b(?:department|office|bureau)\b", re.I)
MINISTRY = re.compile(r"\bministry\b", re.I)
# Titles held in a collegial body rather than a ministry, and the names of such bodies.
BODY_OF_TITLE = {
    "commissioner": re.compile(r"\bcommission\b", re.I),
    # an "Executive Vice-President" is a rank of the European Commission's college
    "executive": re.compile(r"\bcommission\b", re.I),
    "senator": re.compile(r"\bsenate\b", re.I),
    "lawmaker": re.compile(r"\b(?:parliament|congress|assembly|senate|house)\b", re.I),
}
# Ranks written after the title they qualify: "secretary general", "Minister Delegate".
POST_RANKS = frozenset({"general", "delegate", "designate"})
PORTFOLIO_HEADS = frozenset({"minister", "secretary", "commissioner", "ministers",
                             "secretaries", "commissioners"})


def government_for(
    words: list[Token], named: list[Mention], args: Arguments, skeleton: Skeleton, ctx: Context
) -> str | None:
    """The organisation a public title belongs to, or None when the text does not say."""
    head = title_head(words)
    titled = {t.i for t in words}
    for mention in named:
        if mention.type == "Government" or not mention.entity_id:
            continue
        if head in PORTFOLIO_HEADS and _after_for(mention, words):
            # "Under Secretary for Industry and Security": a portfolio, not an org
            words = [t for t in words[0].doc if mention.start <= t.idx < mention.end] + words
            continue
        return mention.entity_id  # "the company's president", "secretary general of X"
    if not named and (head == "governor" or any(t.lower_ == "state" for t in words
                                                 if t.i in titled)):
        return None  # a governor or state senator: a state of a federation, not the country
    lowers = {t.lower_ for t in words}
    kind = "executive" if head in ("president", "vice-president") and "executive" in lowers \
        and lowers & {"vice", "vice-president"} else head.rstrip("s")
    if not named and kind in BODY_OF_TITLE:
        body = _body_named(ctx, BODY_OF_TITLE[kind])
        if body:
            return body  # "Commissioners A and B", "senator C": the article's commission, senate
    bodies = [m for m in named if m.type == "Government" and not _is_state(m.entity_id, ctx)]
    states = [m.entity_id for m in named if m.entity_id and _is_state(m.entity_id, ctx)]
    states += [s for s in (_demonym_state(t.text, ctx) for t in words) if s]
    # States the sentence names weigh only against a body whose country is a guess.
    near = [str(m.entity_id) for m in skeleton.mentions
            if m.type == "Government" and m.cue is None and _is_state(m.entity_id, ctx)]
    index = skeleton.sentence.index
    bodies = [m for m in bodies if _fits(str(m.entity_id), states, near, index, ctx)]
    ministry = _ministry(words, states, near, ctx, bodies, index)
    if ministry:
        return ministry
    if bodies and bodies[0].entity_id:
        return bodies[0].entity_id
    if states:
        return states[0]
    return _state_near(skeleton, ctx)


def title_head(words: list[Token]) -> str:
    """The title's head word, a rank written after it skipped ("Minister Delegate")."""
    heads = [t.lower_ for t in words if t.is_alpha or (t.text != "-" and "-" in t.text)]
    while len(heads) > 1 and heads[-1] in POST_RANKS:
        heads.pop()
    return heads[-1] if heads else ""


def _after_for(mention: Mention, words: list[Token]) -> bool:
    doc = words[0].doc if words else None
    if doc is None:
        return False
    first = token_at(doc, mention.start)
    index = (first.i if first is not None else len(doc)) - 1
    return index >= 0 and doc[index].lower_ == "for"


def _body_named(ctx: Context, kind: re.Pattern[str]) -> str | None:
    """The body of that kind the article names most."""
    bodies = [r for r in ctx.resolver.records.values()
              if r.type == "Government" and any(kind.search(n) for n in (r.name, *r.aliases))]
    return max(bodies, key=lambda r: r.mentions).id if bodies else None


def _is_state(entity_id: str | None, ctx: Context) -> bool:
    record = ctx.resolver.records.get(entity_id or "")
    return bool(record and record.type == "Government" and record.country
                and ctx.gazetteer.government_id(record.country) == record.id)


def _demonym_state(word: str, ctx: Context) -> str | None:
    iso = (ctx.gazetteer.demonym_iso(word) or ctx.gazetteer.country_iso(word)
           if word[:1].isupper() else None)
    gov = ctx.gazetteer.government_id(iso) if iso else None
    if gov and gov not in ctx.resolver.records and gov in ctx.gazetteer.entries:
        ctx.ensure_government(gov)
    return gov if gov in ctx.resolver.records else None


def _in_name(word: str, text: str) -> bool:
    """A portfolio word in a body's name, an initialism ("IT", "ICT") by the initials
    of consecutive words ("Information Technology")."""
    if re.search(rf"\b{re.escape(word)}", text):
        return True
    if word.upper() != word or not 2 <= len(word) <= 4:
        return False
    initials = r"\s+(?:and\s+|&\s+|of\s+)?".join(
        rf"(?!and\b|of\b|the\b){c.lower()}\w*" for c in word)
    return bool(re.search(rf"\b{initials}\b", text))


def _portfolio(words: list[Token]) -> set[str]:
    return {t.text if t.text.isupper() and len(t.text) > 1 else t.lower_ for t in words
            if t.is_alpha and t.lower_ not in RANKS and t.lower_ not in GOV_HEADS
            and (not t.is_stop or t.text.isupper())}


def _ministry(
    words: list[Token], states: list[str], near: list[str], ctx: Context,
    bodies: list[Mention], sentence: int,
) -> str | None:
    """The named body whose name carries the title's portfolio words; one of no known
    country only when named close by (an article about several states names each
    one's ministries near its own paragraph)."""
    portfolio = _portfolio(words)
    if not portfolio:
        return None
    head = title_head(words)
    best: tuple[float, str] | None = None
    named_bodies = {m.entity_id for m in bodies}
    several = sum(_is_state(r.id, ctx) for r in ctx.resolver.records.values()) > 1
    for record in ctx.resolver.records.values():
        if record.type != "Government" or _is_state(record.id, ctx):
            continue
        names = [record.name, *record.aliases]
        if not any(BODY_WORDS.search(n) for n in names) and record.id not in named_bodies:
            continue
        if not _fits(record.id, states, near, sentence, ctx):
            continue
        text = " ".join(names).lower()
        overlap = sum(1 for w in portfolio if _in_name(w, text))
        # a whole portfolio of several words is specific enough to bind a body named
        # far away; a partial one only binds a body named close by
        if not record.country and record.id not in named_bodies and several \
                and not _named_near(record.id, sentence, ctx) \
                and not (overlap == len(portfolio) >= 2 and not near):
            continue
        if overlap == 0 or overlap * 2 < len(portfolio):
            continue
        score = overlap + 0.5 * _kind_fit(head, record.name)
        if best is None or score > best[0]:
            best = (score, record.id)
    return best[1] if best else None


def _fits(entity_id: str, states: list[str], near: list[str], sentence: int,
          ctx: Context) -> bool:
    """A body can be the ministry of a title only in the state the title names; the
    states its sentence names count only against a body whose country is inferred."""
    countries = _body_countries(entity_id, sentence, ctx)
    against = states or (near if not ctx.resolver.records[entity_id].country else [])
    return not (against and countries and all(
        ctx.resolver.records[s].country not in countries for s in against))


def _body_countries(entity_id: str, sentence: int, ctx: Context) -> set[str]:
    """The body's own country, else those of the states named in the other sentences
    that name it ("Germany's Ministry of Finance")."""
    record = ctx.resolver.records[entity_id]
    if record.country:
        return {record.country}
    sentences = {s for s, _, e in ctx.history() if e == entity_id and s != sentence}
    return {str(ctx.resolver.records[e].country) for s, _, e in ctx.history()
            if s in sentences and e != entity_id and _is_state(e, ctx)}


def _named_near(entity_id: str, sentence: int, ctx: Context, window: int = 4) -> bool:
    history = ctx.history()
    return any(e == entity_id and sentence - window <= s <= sentence + 1 for s, _, e in history)


def _kind_fit(head: str, name: str) -> int:
    """Secretaries run departments, ministers ministries."""
    if head == "secretary":
        return 1 if DEPARTMENT.search(name) else 0
    if head == "minister":
        return 1 if MINISTRY.search(name) else 0
    return 0


def _state_near(skeleton: Skeleton, ctx: Context) -> str | None:
    """The one state the sentence names, else the state the article is about here."""
    states = {m.entity_id for m in skeleton.mentions
              if m.type == "Government" and _is_state(m.entity_id, ctx)
              and m.cue in (None, "attributive")}  # "the state" may be resolved wrongly
    if len(states) == 1:
        return states.pop()
    if states:
        return None
    salient = ctx.salient(skeleton.sentence.index, frozenset({"Government"}))
    if salient and _is_state(salient, ctx):
        return salient
    # the state the article names most (a union or a body is no head of state's)
    records = [r for r in ctx.resolver.records.values() if _is_state(r.id, ctx)]
    return max(records, key=lambda r: r.mentions).id if records else None
