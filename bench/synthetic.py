"""A deterministic generator of news-like articles about AI geopolitics.

Benchmarks need text that looks like the real thing to the extractor (money in
many currency forms, place and demonym cues, leads and participants, negated and
hedged sentences) but in any quantity, reproducibly, and without shipping
copyrighted articles. Actor names mix the reference gazetteer with invented
ones ("Norvexa AI", "Kestrel Ventures") so resolution sees unseen entities too.

Everything is a generator over one ``random.Random(seed)``: the same ``(n, seed)``
gives the same articles, ``generate(10)`` is a prefix of ``generate(1000)``, and
memory stays flat however many articles are drawn.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from bench import vocabulary as voc
from bench.cast import Cast, build_cast
from blocgraph.ingest.sources import Article
from blocgraph.ingest.sources.article import make_article
from blocgraph.schema.reference import ReferenceData

FIRST_DAY = date(2022, 1, 1)
DAYS_SPAN = 5 * 365
WORDS_MIN, WORDS_MAX = 320, 580
WORDS_LIMIT = 600  # a paragraph that would cross it is dropped, not cut
LEAD_FAMILIES = ("funding", "investment", "ban", "gov_funding", "product")
LEAD_WEIGHTS = (35, 15, 20, 15, 15)
BODY_FAMILIES = ("hq", "role", "product", "funding", "investment", "ownership", "ban",
                 "gov_funding", "filler", "hedged", "negated")
BODY_WEIGHTS = (10, 10, 8, 8, 6, 6, 7, 6, 25, 7, 6)
FALLBACK_FAMILY = "filler"
SOURCE_PREFIX = "synthetic"


@dataclass
class Story:
    """What one article is about; ``names`` holds the fields every template may use."""

    names: dict[str, str]
    iso: str
    currency: str
    published: date
    decks: dict[str, list[str]] = field(default_factory=dict)


Maker = Callable[[random.Random, Story], str]


def generate(
    n: int, seed: int = 0, *, reference: ReferenceData | None = None
) -> Iterator[Article]:
    """``n`` articles, the same ones for the same ``seed``, produced one at a time."""
    cast = build_cast(random.Random(f"cast-{seed}"), reference)
    rng = random.Random(seed)
    for index in range(n):
        yield _article(rng, cast, seed, index)


def write_jsonl(path: str | Path, n: int, seed: int = 0) -> Path:
    """A JSON Lines source file (url, title, published, text) of ``n`` articles."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as handle:
        for article in generate(n, seed):
            record = {"url": article.url, "title": article.title,
                      "published": article.published, "text": article.text}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target


def write_corpus(directory: str | Path, n: int, seed: int = 0) -> Path:
    """A folder of ``n`` .txt articles (headline first), as ``blocgraph extract DIR`` reads."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    for index, article in enumerate(generate(n, seed)):
        (folder / f"{index:06d}.txt").write_text(article.text, encoding="utf-8")
    return folder


# --- one article ---------------------------------------------------------------


def _article(rng: random.Random, cast: Cast, seed: int, index: int) -> Article:
    story = _story(rng, cast)
    lead = rng.choices(LEAD_FAMILIES, LEAD_WEIGHTS)[0]
    title = _fill(rng, story, rng.choice(voc.TITLES[lead]))
    opener = _fill(rng, story, rng.choice(voc.OPENERS[lead]))
    paragraphs = [f"{_dateline(rng, story)}{opener} {_sentences(rng, story, [lead])}"]
    words = len(title.split()) + len(paragraphs[0].split())
    target = rng.randint(WORDS_MIN, WORDS_MAX)
    while words < target:
        families = rng.choices(BODY_FAMILIES, BODY_WEIGHTS, k=rng.randint(2, 4))
        paragraph = _sentences(rng, story, families)
        size = len(paragraph.split())
        if words + size > WORDS_LIMIT:
            break
        paragraphs.append(paragraph)
        words += size
    text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
    published = story.published.isoformat() if rng.random() < 0.85 else None
    outlet = rng.choice(voc.OUTLETS)
    url = f"https://{outlet}/{story.published:%Y/%m}/{_slug(title)}-{seed}-{index}"
    return make_article(f"{SOURCE_PREFIX}-{seed}", text, title=title, url=url,
                        published=published, outlet=outlet)


def _story(rng: random.Random, cast: Cast) -> Story:
    focus = cast.pick_company(rng)
    rival = cast.pick_rival(rng, focus.iso)
    leads = cast.pick_investors(rng, 5)
    country = cast.countries[focus.iso]
    fund_name, fund_country = cast.pick_state_fund(rng)
    names = {
        "co": focus.name, "co_short": focus.short, "kind": rng.choice(voc.COMPANY_KINDS),
        "city": cast.pick_city(rng, focus.iso), "country": country.name, "dem": country.demonym,
        "ceo": cast.pick_person(rng, focus.iso), "cto": cast.pick_person(rng, focus.iso),
        "founder": cast.pick_person(rng, focus.iso), "model": cast.pick_model(rng, focus),
        "lead": leads[0], "investor": leads[1], "inv2": leads[2], "inv3": leads[3],
        "inv4": leads[4], "bigtech": cast.pick_bigtech(rng), "rival": rival.name,
        "rival_owner": cast.owner_of(rng, rival),
        "rival_dem": cast.countries[rival.iso].demonym,
        "rival_country": cast.countries[rival.iso].name,
        "rival_city": cast.pick_city(rng, rival.iso),
        "ban_body": rng.choice(voc.BAN_BODIES[rival.iso]),
        "body": cast.pick_body(rng, focus.iso), "gov_name": cast.pick_body(rng, focus.iso),
        "hw": cast.pick_hardware(rng), "fund": fund_name, "fund_country": fund_country,
        "owner": cast.pick_bigtech(rng),
        "programme": rng.choice(voc.PROGRAMMES.get(focus.iso, (f"{country.name} AI Fund",))),
    }
    published = FIRST_DAY + timedelta(days=rng.randrange(DAYS_SPAN))
    currency = voc.LOCAL_CURRENCY.get(focus.iso, "USD") if rng.random() < 0.45 else "USD"
    story = Story(names, focus.iso, currency, published)
    # One round per story, so every sentence about it agrees on amount and valuation.
    for key in ("raise", "valuation", "round", "deal"):
        names[key] = FIELD_MAKERS[key](rng, story)
    return story


def _sentences(rng: random.Random, story: Story, families: list[str]) -> str:
    return " ".join(_fill(rng, story, _next_template(rng, story, family)) for family in families)


def _next_template(rng: random.Random, story: Story, family: str) -> str:
    """Each template once per article; a used-up family gives way to filler."""
    deck = story.decks.get(family)
    if deck is None:
        deck = story.decks[family] = list(voc.TEMPLATES[family])
        rng.shuffle(deck)
    if deck:
        return deck.pop()
    if family != FALLBACK_FAMILY:
        return _next_template(rng, story, FALLBACK_FAMILY)
    del story.decks[FALLBACK_FAMILY]
    return _next_template(rng, story, FALLBACK_FAMILY)


class _Fields(dict[str, str]):
    """The story's names plus per-sentence values (amounts, dates) made on first use."""

    def __init__(self, rng: random.Random, story: Story) -> None:
        super().__init__(story.names)
        self.rng = rng
        self.story = story

    def __missing__(self, key: str) -> str:
        value = FIELD_MAKERS[key](self.rng, self.story)
        self[key] = value
        return value


def _fill(rng: random.Random, story: Story, template: str) -> str:
    text = template.format_map(_Fields(rng, story))
    return text[0].upper() + text[1:]


def _dateline(rng: random.Random, story: Story) -> str:
    day, city = story.published, story.names["city"]
    style = rng.random()
    if style < 0.4:
        return f"{city.upper()}, {voc.MONTHS[day.month - 1]} {day.day}, {day.year} -- "
    if style < 0.7:
        return f"{city}, {day.day} {voc.MONTHS[day.month - 1]} {day.year} \u2014 "
    return ""


def _slug(title: str) -> str:
    words = "".join(ch if ch.isalnum() else " " for ch in title.lower()).split()
    return "-".join(words[:8])


# --- per-sentence values -----------------------------------------------------------


def money_text(rng: random.Random, usd: float, currency: str) -> str:
    """``usd`` dollars written the way news writes ``currency``: "$4bn", "2.5 billion yuan"."""
    units = usd * voc.PER_USD[currency]
    for threshold, divisor, forms in voc.MONEY_FORMS[currency]:
        if units >= threshold:
            return rng.choice(forms).format(n=_number(units / divisor))
    raise AssertionError("every currency has a zero threshold")  # pragma: no cover


def _number(value: float) -> str:
    if value >= 100:
        return f"{round(value / 5) * 5:,}"
    if value >= 10:
        return str(round(value))
    return f"{value:.1f}".removesuffix(".0")


def _money(low: float, high: float) -> Maker:
    def make(rng: random.Random, story: Story) -> str:
        return money_text(rng, 10 ** rng.uniform(low, high), story.currency)

    return make


def _month_phrase(rng: random.Random, story: Story) -> str:
    day = story.published - timedelta(days=rng.randrange(200))
    choice = rng.random()
    if choice < 0.5:
        return f"in {voc.MONTHS[day.month - 1]} {day.year}"
    if choice < 0.8:
        return f"on {day.day} {voc.MONTHS[day.month - 1]}"
    return rng.choice(("last week", "earlier this year", "on Tuesday", "this month"))


def _co_ref(rng: random.Random, story: Story) -> str:
    return rng.choice((story.names["co_short"], "the company", f"the {story.names['kind']}"))


def _second_city(rng: random.Random, story: Story) -> str:
    others = [c for c in voc.CITIES.get(story.iso, ()) if c != story.names["city"]]
    return rng.choice(others or ["London", "New York"])


FIELD_MAKERS: dict[str, Maker] = {
    "money": _money(6.5, 9.8), "money2": _money(8.5, 10.0), "value": _money(8.7, 11.3),
    "raise": _money(6.7, 9.9), "valuation": _money(8.7, 11.3), "deal": _money(7.0, 10.0),
    "round": lambda rng, _s: rng.choice(voc.ROUND_NAMES),
    "month_phrase": _month_phrase,
    "month_year": lambda rng, s: f"{rng.choice(voc.MONTHS)} {s.published.year - rng.randrange(2)}",
    "weekday": lambda rng, _s: rng.choice(voc.WEEKDAYS),
    "pct": lambda rng, _s: str(rng.randint(2, 49)),
    "year": lambda rng, s: str(s.published.year - rng.randint(1, 9)),
    "headcount": lambda rng, _s: str(rng.choice((40, 70, 120, 300, 800, 1500))),
    "quote": lambda rng, _s: rng.choice(voc.QUOTES),
    "analyst": lambda rng, _s: rng.choice(voc.ANALYST_FIRMS),
    "co_ref": _co_ref,
    "city2": _second_city,
}

