"""Where in the text a description may look for what it refers to.

Deal lists, newsletters and live blogs string unrelated items together: a "the
start-up" in item 5 is about item 5's company, never the one item 4 named, even
when item 5's own name was missed. A list item or a numbered section is therefore
a wall for descriptions. Its heading ("3. NORWAY - ...") also says which state
"the government" inside it means. Within a block, a sentence's grammatical
subject (from the parse, when the model is there) is what a following "it" or
"its" most often continues.
"""

from __future__ import annotations

import re

from blocgraph.ingest.mention_types import Mention, Sentence

# "1. ", "2) ", "- ", "• ": a line that opens a list item or numbered section.
LIST_MARKER = re.compile(r"^\s*(?:\d{1,2}[.)]\s|[-•*–]\s)")
HEADING_PART = re.compile(r"^\s*(?:\d{1,2}[.)]\s*)?(?P<head>[^-–:(|]+)")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def _is_heading(line: str) -> bool:
    """A line in capitals ("RUMOURS (unconfirmed)", "NOT A DEAL") opens a section."""
    head = line.split("(")[0]
    letters = [c for c in head if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def block_start(text: str, pos: int) -> int:
    """Where the list item or section holding ``pos`` begins; 0 outside any list."""
    line_start = text.rfind("\n", 0, pos) + 1
    while True:
        line_end = text.find("\n", line_start)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if LIST_MARKER.match(line) or _is_heading(line):
            return line_start
        if line_start == 0:
            return 0
        line_start = text.rfind("\n", 0, line_start - 1) + 1


def heading_name(text: str, start: int) -> str | None:
    """The first part of a block's opening line, title-cased ("UNITED KINGDOM - ..."
    gives "United Kingdom"), for the caller to look up as a country."""
    if start == 0 and not LIST_MARKER.match(text):
        return None
    line_end = text.find("\n", start)
    line = text[start : line_end if line_end >= 0 else len(text)]
    line = LIST_MARKER.sub("", line, count=1)
    head = HEADING_PART.match(line)
    if head is None:
        return None
    words = head.group("head").strip()
    return words.title() if words.isupper() else words


def syntactic_subject(sentence: Sentence) -> Mention | bool | None:
    """The resolved mention heading the main clause's subject; False where the subject
    is several actors ("Acme and Brix agreed"); None without a parse or an entity there."""
    span = sentence.span
    if span is None or not span.doc.has_annotation("DEP"):
        return None
    root = span.root
    for token in span:
        if token.dep_ not in SUBJECT_DEPS or token.head != root:
            continue
        if any(child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN")
               for child in token.children):
            return False  # "Acme, Brix and Corvo joined": no one actor a later "its" continues
        for mention in sentence.mentions:
            if mention.start <= token.idx < mention.end and mention.entity_id:
                return mention
        return None  # "Oversight ... falls to": the caller's first-actor guess decides
    return None


def acts_as_subject(sentence: Sentence, mention: Mention) -> bool:
    """Whether the parse makes the mention's head a clause subject ("because the group
    has been selling"): then it is no object and may be the sentence's own subject."""
    span = sentence.span
    if span is None or not span.doc.has_annotation("DEP"):
        return False
    return any(token.dep_ in SUBJECT_DEPS for token in span
               if mention.start <= token.idx < mention.end)
