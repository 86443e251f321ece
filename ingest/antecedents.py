"""What a description ("the company", "its", "the commerce ministry") refers to.

Kept apart from name resolution: names are looked up, descriptions are inferred
from the discourse around them. In order, a description takes a name tied to it
by syntax (an appositive, a name right after it, "X is the ..."), a state or
body its noun and modifiers call for, the subject it continues, and last the
most salient compatible entity, never across a list item's or section's start.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from blocgraph.ingest.descriptors import (
    ACTOR_TYPES,
    NOUN_CATEGORIES,
    NOUN_TYPES,
    appositive_name,
    copula_subject,
    description_traits,
    name_right_after,
    relative_antecedent,
    traits_fit,
)
from blocgraph.ingest.discourse import acts_as_subject, block_start, heading_name
from blocgraph.ingest.entity_record import EntityRecord
from blocgraph.ingest.gazetteer import Gazetteer
from blocgraph.ingest.mention_types import Mention, Sentence

PREPOSITIONS = frozenset({"after", "before", "of", "for", "with", "from", "by", "to", "on", "at",
                          "in", "unlike", "like", "against", "over", "than", "inside", "within",
                          "under", "into", "through", "between", "among", "alongside"})
STATE_NOUNS = frozenset({"government", "state", "administration", "cabinet"})
# A body noun is answered by a body whose name carries the same word.
BODY_WORDS = {"ministry": ("ministry", "ministerium", "ministère"),
              "department": ("department",)}
# How many sentences back a description looks first for what it refers to.
WINDOW = 3


class AntecedentMixin:
    """Description resolution for ``ArticleResolver``; it owns the shared state."""

    gazetteer: Gazetteer
    records: dict[str, EntityRecord]
    _text: str
    _subjects: dict[int, str]
    _history: list[tuple[int, int, str]]
    _parsed_subjects: set[int]

    def _resolve_descriptor(self, mention: Mention, sentence: Sentence) -> None:
        allowed = NOUN_TYPES.get(mention.cue or "", ACTOR_TYPES)
        mention.attrs["subject"] = acts_as_subject(sentence, mention)
        target = (appositive_name(mention, sentence, allowed)
                  or name_right_after(mention, sentence, allowed)
                  or copula_subject(mention, sentence, allowed))
        if target is not None:
            self.records[target].traits |= self._traits(mention)
        elif mention.attrs.get("det") not in ("a", "an"):
            target = self._infer(mention, sentence, allowed)
        if target is None:
            return
        record = self.records[target]
        mention.entity_id = record.id
        mention.type = record.type
        self._history.append((mention.sent, mention.start, record.id))
        # A description stays mention text: "the company" names nothing by itself, and as an
        # alias it would merge unrelated entities across articles in the graph.

    def _infer(self, mention: Mention, sentence: Sentence, allowed: frozenset[str]
               ) -> str | None:
        if mention.cue in STATE_NOUNS:
            return self._state_for(mention)
        if mention.cue in BODY_WORDS:
            return self._body_for(mention) or self._state_for(mention)
        return (self._opening_pronoun(mention, sentence, allowed)
                or self._same_clause_subject(mention, sentence, allowed)
                or self._salient(mention, allowed))

    def _traits(self, mention: Mention) -> set[str]:
        """The description's trades and places; states ("South Korean") are left to the
        country check."""
        mods = str(mention.attrs.get("mods", ""))
        words = mods.replace("-based", "").split()
        for pair in pairwise(words):
            phrase = " ".join(w.strip(",") for w in pair)
            if self.gazetteer.demonym_iso(phrase) or self.gazetteer.country_iso(phrase):
                mods = mods.replace(phrase, " ")
        return {t for t in description_traits(mods)
                if not (self.gazetteer.demonym_iso(t) or self.gazetteer.country_iso(t))}

    def _fits(self, mention: Mention, entity_id: str) -> bool:
        """The noun's categories and the modifiers' trades and places allow the entity."""
        categories = NOUN_CATEGORIES.get(mention.cue or "")
        known = self.gazetteer.entries.get(entity_id)
        if categories and known and known.category not in categories:
            return False
        return traits_fit(self._traits(mention), self.records[entity_id].traits)

    def _block(self, mention: Mention) -> int:
        return block_start(self._text, mention.start)

    def _recent(self, mention: Mention) -> list[tuple[int, int, str]]:
        """Earlier mentions in the description's list item or section, latest first (a
        rule's probe stands at its sentence's end, so it sees the whole sentence)."""
        floor = self._block(mention)
        return [(s, p, e) for s, p, e in reversed(self._history) if floor <= p < mention.start]

    # -- states and public bodies ------------------------------------------------------

    def _state_of(self, record: EntityRecord) -> str | None:
        return self.gazetteer.government_id(record.country) if record.country else None

    def _after_preposition(self, position: int) -> bool:
        """A name after a preposition or in brackets ("Acme (China)") is a place here."""
        before = self._text[max(0, position - 20) : position].split()
        if self._text[max(0, position - 1) : position] == "(":
            return True
        return bool(before) and before[-1].lower().strip(",") in PREPOSITIONS

    def _state_for(self, mention: Mention) -> str | None:
        """"the government", "the state": the state a modifier names, else the state of
        the latest public body acting in the paragraph, else the item heading's country,
        else the state the item names most."""
        iso = self._cue_country(mention)
        gov = self.gazetteer.government_id(iso) if iso else None
        paragraph = self._text.rfind("\n\n", 0, mention.start)
        states: list[tuple[bool, bool, str]] = []
        for _, position, entity_id in self._recent(mention):
            record = self.records[entity_id]
            state = self._state_of(record) if record.type == "Government" else None
            if state is not None:
                # Actors before places: "sales to the US; the government said" is not the US.
                states.append((position < paragraph, self._after_preposition(position), state))
        if gov is None:
            head = heading_name(self._text, self._block(mention))
            head_iso = self.gazetteer.country_iso(head) if head else None
            gov = self.gazetteer.government_id(head_iso) if head_iso else None
        if gov is None and states and not min(states)[0]:
            gov = min(states, key=lambda c: c[:2])[2]
        if gov is None and states:
            # Named most, as actors more than as places, subjects most of all.
            subjects = set(self._subjects.values())
            weight: Counter[str] = Counter()
            for _, placed, state in states:
                weight[state] += 1 + (not placed) + (state in subjects)
            gov = weight.most_common(1)[0][0]
        if gov is None:
            return None
        self._ensure_government(gov)
        return gov

    def _body_for(self, mention: Mention) -> str | None:
        """"the commerce ministry": the latest ministry named whose name has the modifiers'
        words ("Ministry of Commerce"), of the modifier's country where one is given."""
        words = BODY_WORDS[mention.cue or ""]
        iso = self._cue_country(mention)
        mods = [w.lower() for w in re.findall(r"[A-Za-z]{4,}", str(mention.attrs.get("mods", "")))
                if not self.gazetteer.demonym_iso(w) and not self.gazetteer.country_iso(w)]
        for _, _, entity_id in self._recent(mention):
            record = self.records[entity_id]
            names = " ".join({record.name, *record.surfaces, *record.aliases}).lower()
            if (record.type == "Government" and any(w in names for w in words)
                    and all(m[:5] in names for m in mods)
                    and (iso is None or record.country in (iso, None))):
                return record.id
        return None

    def _ensure_government(self, gov_id: str) -> None:
        if gov_id not in self.records:
            known = self.gazetteer.entries[gov_id]
            self.records[gov_id] = EntityRecord(gov_id, known.name, known.type, known.country,
                                                known=True)

    # -- organisations -----------------------------------------------------------------

    def _opening_pronoun(self, mention: Mention, sentence: Sentence,
                         allowed: frozenset[str]) -> str | None:
        """"It"/"its" before any other name in its sentence continues the previous
        sentence's grammatical subject, when that subject is in the same item."""
        if mention.cue not in ("its", "it"):
            return None
        if any(m.entity_id and m.start < mention.start for m in sentence.mentions):
            return None
        if sentence.index - 1 not in self._parsed_subjects:
            return None  # without a parse, the first-actor guess is too weak to decide
        subject = self._subjects.get(sentence.index - 1)
        if subject is None or self.records[subject].type not in allowed:
            return None
        floor = self._block(mention)
        if not any(e == subject and p >= floor and s == sentence.index - 1
                   for s, p, e in self._history):
            return None
        return subject if self._fits(mention, subject) else None

    def _same_clause_subject(
        self, mention: Mention, sentence: Sentence, allowed: frozenset[str]
    ) -> str | None:
        """"its"/"it" and a description opening a clause ("; the company, which ...")
        refer to the subject named earlier in the sentence."""
        head = sentence.text[: mention.start - sentence.start]
        its = mention.cue in ("its", "it")
        if its:
            antecedent = relative_antecedent(sentence, head)
            if antecedent and antecedent.type in allowed:
                return antecedent.entity_id
        if not (head.rstrip().endswith(";") or its):
            return None
        boundary = max(head.rfind("; "), head.rfind(", and "), head.rfind(", but "),
                       head.rfind(", while "), head.rfind(" which "), head.rfind(" who "))
        clause_start = sentence.start + boundary + 1 if boundary >= 0 and its else sentence.start
        earlier = [m for m in sentence.mentions if m.start < mention.start]
        for scope in (clause_start, sentence.start):
            for candidate in earlier:
                if (candidate.start >= scope and candidate.entity_id
                        and candidate.type in allowed and self._fits(mention, candidate.entity_id)
                        and self.could_be_subject(candidate)):
                    return candidate.entity_id
            if not its or boundary < 0:
                break  # "; it has since ...": else the sentence's own subject
        return None

    def could_be_subject(self, mention: Mention) -> bool:
        """Not a possessive modifier ("Amazon's first move") nor a prepositional object."""
        text = self._text
        if text[mention.end : mention.end + 2] in ("'s", "’s"):
            return False
        before = text[max(0, mention.start - 20) : mention.start].split()
        return not (before and before[-1].lower().strip(",") in PREPOSITIONS)

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
        for sent, _, entity_id in reversed(self._recent(mention)):  # ties: the earliest
            record = self.records[entity_id]
            if mention.sent - sent > window or record.type not in allowed:
                continue
            if iso and (record.country or self._placed_in(record)) not in (None, iso):
                continue  # "the American chipmaker" is not the lab described as Helsinki-based
            if not self._fits(mention, entity_id):
                continue
            if sent == mention.sent and self._subjects.get(sent) == entity_id and self._is_object(
                mention
            ):
                continue
            bonus = 2.0 if self._subjects.get(sent) == entity_id and sent == mention.sent - 1 else 0
            same_sentence = (sent == mention.sent) * 0.5
            scores[entity_id] = scores.get(entity_id, 0.0) + 1.0 + same_sentence + bonus
            if mention.cue and mention.cue in record.name.lower().split():
                scores[entity_id] += 0.5  # "the group" for "Harbour Group"
        topic = self._topic(mention, allowed)
        if topic is not None and topic not in scores and not scores and window > WINDOW:
            scores[topic] = 1.0  # nothing else in reach: the item's main actor
        if not scores:
            return None
        subjects = Counter(e for s, e in self._subjects.items() if s in self._parsed_subjects)
        return max(scores, key=lambda e: scores[e] + 0.25 * totals[e] + 0.5 * subjects[e])

    def _placed_in(self, record: EntityRecord) -> str | None:
        """The country of a city an earlier description tied the record to, if any."""
        from blocgraph.schema.places import load_places

        for trait in sorted(record.traits):
            place = load_places().lookup(trait)
            if place and not place.ambiguous:
                return place.iso
        return None

    def _topic(self, mention: Mention, allowed: frozenset[str]) -> str | None:
        """The actor the parse most often made the subject so far, in this item, if the
        description fits (the first-actor guess without a parse is too noisy for this)."""
        floor = self._block(mention)
        in_item = {s for s, p, _ in self._history if p >= floor and s < mention.sent}
        counts = Counter(e for s, e in self._subjects.items()
                         if s in in_item and s in self._parsed_subjects)
        for entity_id, _ in counts.most_common(1):
            record = self.records[entity_id]
            iso = self._cue_country(mention)
            if (record.type in allowed and self._fits(mention, entity_id)
                    and not (iso and record.country and record.country != iso)):
                return entity_id
        return None

    def _is_object(self, mention: Mention) -> bool:
        """A description after a verb or preposition names someone other than the subject."""
        if mention.cue in ("its", "it") or mention.attrs.get("probe"):
            return False
        if mention.attrs.get("subject"):
            return False
        before = self._text[max(0, mention.start - 40) : mention.start]
        return bool(before.strip()) and not before.rstrip().endswith((";", ".", ":"))

    def _cue_country(self, mention: Mention) -> str | None:
        words = str(mention.attrs.get("mods", "")).replace("-based", " ").split()
        for pair in pairwise(words):  # "South Korean", "New Zealand" before their halves
            phrase = " ".join(w.strip(",") for w in pair)
            iso = self.gazetteer.demonym_iso(phrase) or self.gazetteer.country_iso(phrase)
            if iso:
                return iso
        for word in words:
            iso = self.gazetteer.demonym_iso(word.strip(",")) or self.gazetteer.country_iso(word)
            if iso:
                return iso
            from blocgraph.schema.places import load_places

            place = load_places().lookup(word.strip(","))
            if place and not place.ambiguous:
                return place.iso
        return None
