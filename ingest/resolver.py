"""Entity resolution within one article, against the gazetteer.

A mention becomes an entity id by, in order: the gazetteer ruler's id, an exact
alias look-up (case, punctuation and legal suffixes normalised), a fuzzy look-up,
a short form of an entity already named in the article ("Mensch" for "Arthur
Mensch", "Zhipu" for "Zhipu AI"), else a new stable slug. Descriptive references
("the lab", "its", "the Heidelberg-based company") are resolved by
``AntecedentMixin`` (antecedents.py).
"""

from __future__ import annotations

from blocgraph.ingest.antecedents import AntecedentMixin
from blocgraph.ingest.descriptors import ACTOR_TYPES, ORG_TYPES
from blocgraph.ingest.discourse import syntactic_subject
from blocgraph.ingest.entity_record import EntityRecord, retype_by_wording, retype_lone_names
from blocgraph.ingest.gazetteer import Gazetteer
from blocgraph.ingest.mentions import Mention, Sentence
from blocgraph.ingest.names import normalise, normalise_org, slug
from blocgraph.ingest.short_forms import acronym_of, bracket_alias, clipped_form, is_acronym

GENERIC_BODIES = frozenset({"authority", "commission", "parliament", "ministry", "agency",
                            "regulator", "council", "guarantor", "government", "executive"})
SHORT_FORM_TYPES = frozenset({"Government", "Organization", "AIModel", "Hardware"})
__all__ = ["ArticleResolver", "EntityRecord"]


class ArticleResolver(AntecedentMixin):
    """Resolves every mention of one article; holds the article's entity table."""

    def __init__(self, gazetteer: Gazetteer, text: str = "") -> None:
        self.gazetteer = gazetteer
        self._text = text
        self.records: dict[str, EntityRecord] = {}
        self._subjects: dict[int, str] = {}
        self._sentence_ends: dict[int, int] = {}
        # Sentences whose subject the parse gave, not the first-actor guess.
        self._parsed_subjects: set[int] = set()
        self._history: list[tuple[int, int, str]] = []
        # Short names the article itself defined: "(BIS)" after "Bureau of ...".
        self._local_aliases: dict[str, str] = {}

    def resolve(self, sentences: list[Sentence]) -> dict[str, EntityRecord]:
        for sentence in sentences:
            self._sentence_ends[sentence.index] = sentence.end
            for mention in sentence.mentions:
                if mention.is_entity and self._generic_body(mention):
                    mention.type, mention.cue = "Descriptor", "authority"
                    mention.attrs.update(det="the", mods="")
                elif mention.is_entity:
                    self._resolve_name(mention)
            for mention in sentence.mentions:
                if mention.type == "Descriptor":
                    self._resolve_descriptor(mention, sentence)
            self._set_subject(sentence)
        retype_lone_names(self.records, sentences)
        retype_by_wording(self.records, sentences, self._text)
        self._merge_clipped(sentences)
        return self.records

    def _merge_clipped(self, sentences: list[Sentence]) -> None:
        """A clipped name used before the full one ("Multiverse" in a headline, then
        "Multiverse Computing") is the same actor: fold it into the full record."""
        for short in list(self.records.values()):
            if short.known or short.type not in ORG_TYPES:
                continue
            fuller = [r for r in self.records.values() if r is not short
                      and r.type in ORG_TYPES and clipped_form(short.name, r.name)]
            if len(fuller) != 1:
                continue
            full = fuller[0]
            full.surfaces += short.surfaces
            full.mentions += short.mentions
            full.aliases |= short.aliases | {short.name}
            del self.records[short.id]
            for sentence in sentences:
                for mention in sentence.mentions:
                    if mention.entity_id == short.id:
                        mention.entity_id, mention.type = full.id, full.type
            self._history = [(a, b, full.id if e == short.id else e) for a, b, e in self._history]
            self._subjects = {k: full.id if v == short.id else v for k, v in self._subjects.items()}

    def _set_subject(self, sentence: Sentence) -> None:
        """The main clause's subject where the parse gives one ("When the agency ruled,
        Acme cut ..." is about Acme); else the sentence's first actor that is neither a
        possessive nor a prepositional object."""
        subject = syntactic_subject(sentence)
        if subject is False:
            return  # a subject that is no one actor: "Analysts expect", "Acme and Brix agreed"
        if isinstance(subject, Mention):
            if subject.type in ACTOR_TYPES and subject.entity_id:
                self._subjects[sentence.index] = subject.entity_id
                self._parsed_subjects.add(sentence.index)
            return
        for mention in sentence.mentions:
            if (mention.entity_id and mention.type in ACTOR_TYPES
                    and self.could_be_subject(mention)):
                self._subjects[sentence.index] = mention.entity_id
                return

    def _generic_body(self, mention: Mention) -> bool:
        """"the Authority", "the Commission" with no fuller name in the article yet."""
        if mention.entity_id or normalise(mention.text) not in GENERIC_BODIES:
            return False
        return self._local_match(mention) is None

    def _resolve_name(self, mention: Mention) -> None:
        mention.attrs.setdefault("found_as", mention.type)  # before the record's type wins
        alias = bracket_alias(self._text, mention.end)
        known = self.gazetteer.lookup(alias, mention.type) if alias else None
        if known is not None and known.type == mention.type and mention.type != "Person":
            mention.entity_id = known.id  # "Ministry of Commerce (MOFCOM)": the letters decide
        record = self._record_for(mention)
        record.mentions += 1
        record.surfaces.append(mention.text)
        if mention.text != record.name and normalise(mention.text) != normalise(record.name):
            record.aliases.add(mention.text)
        if (record.type == "Person" and not record.known and mention.type in ORG_TYPES
                and normalise(mention.text) == normalise(record.name)):
            record.type = mention.type  # the same name read as an organisation elsewhere
        if alias and self._free_alias(alias, record):
            self._local_aliases.setdefault(normalise_org(alias), record.id)
            record.aliases.add(alias)
        mention.entity_id = record.id
        mention.type = record.type
        self._history.append((mention.sent, mention.start, record.id))

    def _free_alias(self, alias: str, record: EntityRecord) -> bool:
        """A bracketed short form names this record unless it is a place or another actor
        ("Silex Microsystems (SE)", "(US)")."""
        if not normalise_org(alias) or normalise(alias) == normalise(record.name):
            return False
        if self.gazetteer.country_iso(alias):
            return False
        known = self.gazetteer.lookup(alias)
        return known is None or known.id == record.id or not record.known

    def _record_for(self, mention: Mention) -> EntityRecord:
        defined = self._defined_short_form(mention)
        if defined is not None:
            return defined
        if mention.entity_id and mention.entity_id in self.records:
            return self.records[mention.entity_id]
        known = None
        if mention.entity_id:
            known = self.gazetteer.entries.get(mention.entity_id)
        if not mention.attrs.get("family"):  # a version listed among its family's aliases
            known = known or self.gazetteer.lookup(mention.text, mention.type)
        local = None if known else self._local_match(mention)
        if local is not None:
            return local
        if known is None and mention.type != "Person" and not mention.attrs.get("family"):
            known = self.gazetteer.fuzzy(mention.text)
        if known is not None:
            if known.id not in self.records:
                self.records[known.id] = EntityRecord(
                    known.id, known.name, known.type, known.country, known=True
                )
            return self.records[known.id]
        return self._new_record(mention)

    def _defined_short_form(self, mention: Mention) -> EntityRecord | None:
        """A bracketed alias the article defined, or an acronym of a body it named in
        full; these beat the gazetteer, which may know the letters as someone else."""
        local = self._local_aliases.get(normalise_org(mention.text))
        if local is not None and local in self.records:
            return self.records[local]
        if mention.type == "Person" or not is_acronym(mention.text):
            return None
        for record in reversed(list(self.records.values())):
            if record.type != "Person" and any(
                acronym_of(mention.text, name) for name in {record.name, *record.surfaces}
            ):
                return record
        return None

    def _local_match(self, mention: Mention) -> EntityRecord | None:
        """A short form of an entity the article already named ("Mensch", "Zhipu",
        "the Commission", "Ascend"); a one-word surname wins over NER's guess of type."""
        key = normalise_org(mention.text)
        single = " " not in key
        for record in self.records.values():
            for full in {normalise_org(record.name), *map(normalise_org, record.surfaces)}:
                if key == full:
                    return record
                parts = full.split()
                if len(parts) < 2 or len(key) < 3:
                    continue
                if record.type == "Person" and (
                    (single and (key in (parts[-1], parts[0]) or (len(key) >= 4 and key in parts)))
                    or full.endswith(" " + key)
                ):
                    return record
                if (record.type in ORG_TYPES and full.startswith(key + " ")
                        and mention.type != "Person" and not _place_suffixed(record)):
                    return record
                if single and record.type in SHORT_FORM_TYPES and key in (parts[0], parts[-1]):
                    return record
        return None

    def _new_record(self, mention: Mention) -> EntityRecord:
        entity_id = slug(mention.text)
        clash = self.gazetteer.entries.get(entity_id) or self.records.get(entity_id)
        if clash is not None and clash.type != mention.type:
            entity_id = f"{entity_id}-{mention.type.lower()}"
        record = self.records.get(entity_id)
        if record is None:
            record = EntityRecord(entity_id, mention.text, mention.type, None, known=False)
            self.records[entity_id] = record
        return record

    def salient_at(self, sentence: int, allowed: frozenset[str]) -> str | None:
        """The entity a description at the start of ``sentence`` would refer to."""
        end = self._sentence_ends.get(sentence, 0)
        probe = Mention(end, end, "", "Descriptor", sentence, attrs={"probe": True})
        return self._salient(probe, allowed)

    def previous_subject(self, sentence: int, allowed: frozenset[str]) -> str | None:
        subject = self._subjects.get(sentence - 1)
        return subject if subject and self.records[subject].type in allowed else None


def _place_suffixed(record: EntityRecord) -> bool:
    """"Acme Research (Shanghai)" is a local unit; "Acme Research" alone is its parent."""
    return any("(" in surface for surface in record.surfaces)
