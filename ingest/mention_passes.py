"""Article-wide passes over the mentions once every sentence has been read.

A sentence alone cannot tell that the model missed a name it found elsewhere in
the article, or that an all-capitals word was defined as a technology ("high-
bandwidth memory (HBM)") rather than introduced as an actor; the whole text can.
"""

from __future__ import annotations

import re

from blocgraph.ingest.kind_cues import head_kind
from blocgraph.ingest.mention_types import Mention, Sentence, overlaps
from blocgraph.ingest.name_shapes import is_not_actor

PROGRAM_WORDS = re.compile(r"\b(?:Strategy|Program|Programme|Initiative|Plan|Scheme)$")


# "high-bandwidth memory (HBM)", "the National Skills Plan (NSP)": an acronym defined
# by the words before its brackets.
DEFINED_ACRONYM = re.compile(r"(?P<before>[^()\n]{0,80}?)\s+\((?P<acronym>[A-Z]{2,6})\)")
ACTOR_TYPES = frozenset({"Company", "Investor", "Government", "Organization", "Person"})


def drop_term_acronyms(sentences: list[Sentence], text: str) -> None:
    """An acronym the article defines by a lower-case term ("deep-ultraviolet (DUV)") is
    a technology, and one it defines by a programme's or event's name is no actor either:
    neither is an entity, wherever it is used. A known actor's acronym stays."""
    terms = {match.group("acronym") for match in DEFINED_ACRONYM.finditer(text)
             if defines_term(match.group("before").split(), match.group("acronym"))}
    if not terms:
        return
    for sentence in sentences:
        sentence.mentions = [m for m in sentence.mentions if not (
            m.text in terms and m.is_entity
            and not (m.source == "gazetteer" and m.type in ACTOR_TYPES))]


def defines_term(words: list[str], acronym: str) -> bool:
    """Whether the words before "(ACRONYM)" spell a lower-case term whose letters the
    acronym takes ("high-bandwidth memory"), or a programme or event by its name. A
    lower-case actor noun ("the state lender (KDB)") defines an actor, not a term."""
    if not words:
        return False
    if words[-1][:1].islower():
        if head_kind(words[-1]) is not None:
            return False
        if words[-1] == "time":  # "Lisbon time (WET)": a clock zone
            return True
        tail = " ".join(words[-4:]).lower()
        parts = re.split(r"[\s-]+", tail)
        first = acronym[0].lower()
        starts = [i for i, part in enumerate(parts) if part.startswith(first)]
        if not starts:
            return False
        rest = iter("-".join(parts[starts[0]:]))
        return all(letter in rest for letter in acronym[1:].lower())
    run: list[str] = []
    for word in reversed(words):  # the capitalised run that ends at the bracket
        if not (word[:1].isupper() or word in ("of", "for", "and")):
            break
        run.insert(0, word)
    head = " ".join(run).split(" of ")[0]
    return bool(head) and (is_not_actor(head) or PROGRAM_WORDS.search(head) is not None)


# A name worth repeating: several words, or a word with a digit or an inner capital; a
# lone capitalised word ("Nordic") is too often an ordinary word the model misread once.
REPEATABLE = re.compile(r"\S+\s+\S+|.*\d|.+[a-z][A-Z]")


def repeat_names(sentences: list[Sentence]) -> None:
    """The model finds a name in one sentence and misses it in another ("Acme Labs,
    the Oslo lab that ..."); a name the article has used is that name wherever it
    stands again, with the type it had."""
    named: dict[str, str] = {}
    for sentence in sentences:
        for mention in sentence.mentions:
            if (mention.is_entity and mention.source in ("ner", "cue", "pattern")
                    and REPEATABLE.match(mention.text) and mention.text[:1].isupper()):
                named.setdefault(mention.text, mention.type)
    if not named:
        return
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(
        re.escape(n) for n in sorted(named, key=len, reverse=True)) + r")(?![\w-])")
    for sentence in sentences:
        taken = [(m.start, m.end) for m in sentence.mentions]
        added = []
        for match in pattern.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if not overlaps(start, end, taken):
                added.append(Mention(start, end, match.group(), named[match.group()],
                                     sentence.index, source="ner", cue=None,
                                     attrs={"repeated": True}))
        if added:
            sentence.mentions = sorted(sentence.mentions + added, key=lambda m: m.start)
