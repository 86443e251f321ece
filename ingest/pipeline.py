"""The extractor: articles in, typed entities and facts with evidence out.

Stages, each a plain function with a typed result so they can be tested alone:
spaCy (``nlp.pipe`` in batches) -> mentions -> resolution -> rules -> facts
(merged, then the corpus conventions that relate whole facts) -> typed records.
The spaCy model is optional; without it the gazetteer ruler, surface cues and
the same rules run with lower recall.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from blocgraph import __version__
from blocgraph.ingest.dates import find_publication_date
from blocgraph.ingest.descriptors import is_description
from blocgraph.ingest.facts import ExtractedFact, merge_candidates
from blocgraph.ingest.gazetteer import Gazetteer, default_gazetteer
from blocgraph.ingest.mentions import Sentence, find_mentions
from blocgraph.ingest.nlp import build_nlp
from blocgraph.ingest.resolver import ArticleResolver, EntityRecord
from blocgraph.ingest.rules import RULES, Candidate, Context
from blocgraph.ingest.rules.conventions import apply_conventions, entity_countries
from blocgraph.ingest.skeleton import build_skeleton
from blocgraph.ingest.sources import Article
from blocgraph.schema.model import Model, load_model

EXTRACTOR_VERSION = f"blocgraph-rules/{__version__}"
MAX_CHARS = 200_000


@dataclass
class ExtractedEntity:
    id: str
    name: str
    type: str
    country: str | None
    aliases: list[str]
    known: bool

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "country": self.country,
                "aliases": self.aliases}


@dataclass
class ExtractionResult:
    article: Article
    published: str | None
    entities: list[ExtractedEntity]
    facts: list[ExtractedFact]
    model: Model
    extractor: str = EXTRACTOR_VERSION

    def to_contract(self) -> dict[str, Any]:
        """One line of ``blocgraph extract``: the contract analysts and the loader rely on."""
        return {
            "article": {"id": self.article.id, "source": self.article.source,
                        "title": self.article.title, "url": self.article.url,
                        "published": self.published},
            "entities": [e.to_json() for e in self.entities],
            "facts": [f.to_json(self.model) for f in self.facts],
        }

    def to_load_record(self) -> dict[str, Any]:
        """The contract plus what the graph keeps of the article (text, hash, outlet).

        Every fact passes through its type's typed record (:mod:`blocgraph.schema.records`),
        so a record that leaves here holds only declared, cleaned fields.
        """
        record = self.to_contract()
        record["article"].update(
            text=self.article.text, content_hash=self.article.content_hash,
            outlet=self.article.outlet,
        )
        record["extractor"] = self.extractor
        return record


class Extractor:
    """Holds the loaded pipeline; build once, run over many articles."""

    def __init__(
        self, *, use_model: bool | None = None, gazetteer: Gazetteer | None = None
    ) -> None:
        self.gazetteer = gazetteer or default_gazetteer()
        self.nlp, self.has_model = build_nlp(self.gazetteer, use_model)
        self.model = load_model()

    def extract(self, article: Article) -> ExtractionResult:
        return next(self.extract_many([article]))

    def extract_many(
        self, articles: Iterable[Article], batch_size: int = 16
    ) -> Iterator[ExtractionResult]:
        """Streams: spaCy sees batches, memory stays flat however many articles come."""
        pairs = ((article.text[:MAX_CHARS], article) for article in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self.from_doc(doc, article)

    def from_doc(self, doc: Doc, article: Article) -> ExtractionResult:
        published = article.published or find_publication_date(article.text)
        sentences, context = self.analyse(doc, article.text, published)
        records = context.resolver.records
        candidates = run_rules(sentences, context)
        facts = apply_conventions(merge_candidates(self.model, article.text, candidates))
        facts = [f for f in facts if _participants_known(self.model, f, records)]
        entities = entity_table(records, facts)
        return ExtractionResult(article, published, entities, facts, self.model)


    def analyse(self, doc: Doc, text: str, published: str | None
                ) -> tuple[list[Sentence], Context]:
        """Sentences with their resolved mentions, and the article context rules see."""
        sentences = find_mentions(doc, self.gazetteer, published)
        resolver = ArticleResolver(self.gazetteer, text)
        resolver.resolve(sentences)
        return sentences, Context(self.gazetteer, resolver, published)


def run_rules(sentences: list[Sentence], context: Context) -> list[Candidate]:
    candidates: list[Candidate] = []
    for sentence in sentences:
        skeleton = build_skeleton(sentence)
        if not skeleton.mentions:
            continue
        for rule in RULES.values():
            candidates.extend(rule(skeleton, context))
    return candidates


def _participants_known(
    model: Model, fact: ExtractedFact, records: dict[str, EntityRecord]
) -> bool:
    """Every single entity the fact names was resolved in the article."""
    names = {spec.name for spec in model.fact_type(fact.type).entity_fields if not spec.list}
    ids = [v for k, v in fact.fields.items() if isinstance(v, str) and k in names]
    return all(i in records for i in ids)


def entity_table(
    records: dict[str, EntityRecord], facts: list[ExtractedFact]
) -> list[ExtractedEntity]:
    """Every resolved entity, its country the one the text bases it in where given."""
    based = entity_countries(facts)
    return [
        ExtractedEntity(r.id, r.display_name(), r.type, based.get(r.id, r.country),
                        _aliases(r), r.known)
        for r in records.values()
    ]


def _aliases(record: EntityRecord) -> list[str]:
    """Other names of the entity; descriptions ("the company", "it") only ever refer, so
    as aliases they would tie unrelated entities together in the graph."""
    shown = record.display_name()
    return sorted(a for a in record.aliases | {record.name}
                  if a != shown and not is_description(a))
