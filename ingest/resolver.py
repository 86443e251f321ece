"""Entity resolution within one article, against the gazetteer.

A mention becomes an entity id by, in order: the gazetteer ruler's id, an exact
alias look-up (case, punctuation and legal suffixes normalised), a fuzzy look-up,
a short form of an entity already named in the article ("Mensch" for "Arthur
Mensch", "Zhipu" for "Zhipu AI"), else a new stable slug. Descriptive references
("the lab", "its", "the Heidelberg-based company") take the most salient
compatible entity named just before them.
"""

from __future__ import annotations

from collections import Counter

from blocgraph.ingest.descriptors import (
    ACTOR_TYPES,
    NOUN_CATEGORIES,
    NOUN_TYPES,
    ORG_TYPES,
    appositive_name,
    name_right_after,
    relative_antecedent,
)
from blocgraph.ingest.entity_record import EntityRecord, retype_by_wording, retype_lone_names
from blocgraph.ingest.gazetteer import Gazetteer
from blocgraph.ingest.mentions import Mention, Sentence
from blocgraph.ingest.names import normalise, normalise_org, slug
from blocgraph.ingest.short_forms import acronym_of, bracket_alias, clipped_form, is_acronym

GENERIC_BODIES = frozenset({"authority", "commission", "parliament", "ministry", "agency",
                            "regulator", "council", "guarantor", "government", "executive"})
PREPOSITIONS = frozenset({"after", "before", "of", "for", "with", "from", "by", "to", "on", "at",
                          "in", "unlike", "like", "against", "over", "than"})
SHORT_FORM_TYPES = frozenset({"Government", "Organization", "AIModel", "Hardware"})
__all__ = ["ArticleResolver", "EntityRecord"]

# How many sentences back a description looks first for what it refers to.
WINDOW = 3


class ArticleResolver:
    """Resolves every mention of one article; holds the article's entity table."""

    def __init__(self, gazetteer: Gazetteer, text: str = "") -> None:
        self.gazetteer = gazetteer
        self._text = text
        self.records: dict[str, EntityRecord] = {}
        self._subjects: dict[int, str] = {}
        self._history: list[tuple[int, int, str]] = []
        # Short names the article itself defined: "(BIS)" after "Bureau of ...".
        self._local_aliases: dict[str, str] = {}

    def resolve(self, sentences: list[Sentence]) -> dict[str, EntityRecord]:
        for sentence in sentences:
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
        """The sentence's first actor that is neither a possessive nor a prepositional object."""
        for mention in sentence.mentions:
            if (mention.entity_id and mention.type in ACTOR_TYPES
                    and self._could_be_subject(mention)):
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

    def _could_be_subject(self, mention: Mention) -> bool:
        """Not a possessive modifier ("Amazon's first move") nor a prepositional object."""
        text = self._text
        if text[mention.end : mention.end + 2] in ("'s", "’s"):
            return False
        before = text[max(0, mention.start - 20) : mention.start].split()
        return not (before and before[-1].lower().strip(",") in PREPOSITIONS)

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
        known = known or self.gazetteer.lookup(mention.text, mention.type)
        local = None if known else self._local_match(mention)
        if local is not None:
            return local
        if known is None and mention.type != "Person":
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

    def _resolve_descriptor(self, mention: Mention, sentence: Sentence) -> None:
        allowed = NOUN_TYPES.get(mention.cue or "", ACTOR_TYPES)
        target = appositive_name(mention, sentence, allowed) or name_right_after(
            mention, sentence, allowed
        )
        if target is None and mention.attrs.get("det") not in ("a", "an"):
            target = (
                self._state_from_demonym(mention)
                or self._same_clause_subject(mention, sentence, allowed)
                or self._salient(mention, allowed)
            )
        if target is None:
            return
        record = self.records[target]
        mention.entity_id = record.id
        mention.type = record.type
        self._history.append((mention.sent, mention.start, record.id))
        # A description stays mention text: "the company" names nothing by itself, and as an
        # alias it would merge unrelated entities across articles in the graph.

    def _same_clause_subject(
        self, mention: Mention, sentence: Sentence, allowed: frozenset[str]
    ) -> str | None:
        """"its"/"it" and a description opening a clause ("; the company, which ...")
        refer to the subject named earlier in the sentence."""
        head = sentence.text[: mention.start - sentence.start]
        if mention.cue in ("its", "it"):
            antecedent = relative_antecedent(sentence, head)
            if antecedent and antecedent.type in allowed:
                return antecedent.entity_id
        opens_clause = head.rstrip().endswith(";") or mention.cue in ("its", "it")
        if not opens_clause:
            return None
        boundary = max(head.rfind("; "), head.rfind(", and "), head.rfind(", but "),
                       head.rfind(", while "), head.rfind(" which "), head.rfind(" who "))
        its = mention.cue in ("its", "it")
        clause_start = sentence.start + boundary + 1 if boundary >= 0 and its else sentence.start
        for earlier in sentence.mentions:
            if earlier.start >= mention.start:
                break
            if earlier.start < clause_start:
                continue
            if (earlier.entity_id and earlier.type in allowed and earlier.type != "Descriptor"
                    and self._fits_noun(mention, earlier.entity_id)
                    and self._could_be_subject(earlier)):
                return earlier.entity_id
        return None

    def _fits_noun(self, mention: Mention, entity_id: str) -> bool:
        categories = NOUN_CATEGORIES.get(mention.cue or "")
        known = self.gazetteer.entries.get(entity_id)
        return not (categories and known and known.category not in categories)

    def _state_from_demonym(self, mention: Mention) -> str | None:
        if mention.cue not in ("government", "state", "administration"):
            return None
        for word in str(mention.attrs.get("mods", "")).split():
            iso = self.gazetteer.demonym_iso(word)
            gov = self.gazetteer.government_id(iso) if iso else None
            if gov:
                self._ensure_government(gov)
                return gov
        governments = [r for r in self.records.values() if r.type == "Government"]
        if not governments:
            return None
        return max(governments, key=lambda r: r.mentions).id

    def _ensure_government(self, gov_id: str) -> None:
        if gov_id not in self.records:
            known = self.gazetteer.entries[gov_id]
            self.records[gov_id] = EntityRecord(gov_id, known.name, known.type, known.country,
                                                known=True)

    def salient_at(self, sentence: int, allowed: frozenset[str]) -> str | None:
        """The entity a description at the start of ``sentence`` would refer to."""
        return self._salient(Mention(0, 0, "", "Descriptor", sentence), allowed)

    def _salient(self, mention: Mention, allowed: frozenset[str]) -> str | None:
        """The compatible entity the article is about just here: recent mentions, the
        previous sentence's subject, and how often the article names it overall.
        A place cue in the description ("the Shenzhen-based group") rules out
        entities known to be based elsewhere."""
        return self._salient_within(mention, allowed, WINDOW) or self._salient_within(
            mention, allowed, 10_000
        )

    def _salient_within(
        self, mention: Mention, allowed: frozenset[str], window: int
    ) -> str | None:
        iso = self._cue_country(mention)
        totals: Counter[str] = Counter(entity_id for _, _, entity_id in self._history)
        scores: dict[str, float] = {}
        for sent, start, entity_id in self._history:
            record = self.records[entity_id]
            if mention.sent - sent > window or record.type not in allowed:
                continue
            if sent == mention.sent and start >= mention.start and mention.end > 0:
                continue
            if iso and record.country and record.country != iso:
                continue
            if not self._fits_noun(mention, entity_id):
                continue
            if sent == mention.sent and self._subjects.get(sent) == entity_id and self._is_object(
                mention
            ):
                continue
            bonus = 2.0 if self._subjects.get(sent) == entity_id and sent == mention.sent - 1 else 0
            same_sentence = (sent == mention.sent) * 0.5
            scores[entity_id] = scores.get(entity_id, 0.0) + 1.0 + same_sentence + bonus
        if not scores:
            return None
        return max(scores, key=lambda e: scores[e] + 0.25 * totals[e])

    def _is_object(self, mention: Mention) -> bool:
        """A description after a verb or preposition names someone other than the subject."""
        if mention.cue in ("its", "it") or mention.end == 0:
            return False
        before = self._text[max(0, mention.start - 40) : mention.start]
        return bool(before.strip()) and not before.rstrip().endswith((";", ".", ":"))

    def _cue_country(self, mention: Mention) -> str | None:
        for word in str(mention.attrs.get("mods", "")).replace("-based", " ").split():
            iso = self.gazetteer.demonym_iso(word.strip(",")) or self.gazetteer.country_iso(word)
            if iso:
                return iso
            from blocgraph.schema.places import load_places

            place = load_places().lookup(word.strip(","))
            if place and not place.ambiguous:
                return place.iso
        return None

    def previous_subject(self, sentence: int, allowed: frozenset[str]) -> str | None:
        subject = self._subjects.get(sentence - 1)
        return subject if subject and self.records[subject].type in allowed else None


def _place_suffixed(record: EntityRecord) -> bool:
    """"Acme Research (Shanghai)" is a local unit; "Acme Research" alone is its parent."""
    return any("(" in surface for surface in record.surfaces)
