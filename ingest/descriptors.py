"""What a description ("the lab", "its", "the Heidelberg-based company") may refer to.

The noun limits the types, and for known actors the gazetteer categories, that
a description can take. A name written right beside it (before the comma of an
appositive, right after it, or as the antecedent of a relative clause) is its
referent; the resolver falls back to salience only when there is none.
"""

from __future__ import annotations

import re

from blocgraph.ingest.mention_types import Mention, Sentence

ORG_TYPES = frozenset({"Company", "Investor", "Organization"})
ACTOR_TYPES = ORG_TYPES | {"Government"}
NOUN_TYPES: dict[str, frozenset[str]] = {
    "company": ORG_TYPES, "startup": frozenset({"Company"}), "start-up": frozenset({"Company"}),
    "lab": frozenset({"Company", "Organization"}), "laboratory": frozenset({"Company"}),
    "group": frozenset({"Company", "Investor"}), "firm": ORG_TYPES,
    "chipmaker": frozenset({"Company"}), "developer": frozenset({"Company"}),
    "designer": frozenset({"Company"}),
    "maker": frozenset({"Company"}), "provider": frozenset({"Company"}),
    "giant": frozenset({"Company"}), "supplier": frozenset({"Company"}),
    "fund": frozenset({"Investor"}), "investor": frozenset({"Investor"}),
    "venture": frozenset({"Investor", "Company"}), "bank": frozenset({"Investor", "Company"}),
    "authority": frozenset({"Government"}), "regulator": frozenset({"Government"}),
    "executive": frozenset({"Government"}), "agency": frozenset({"Government"}),
    "ministry": frozenset({"Government"}), "commission": frozenset({"Government"}),
    "government": frozenset({"Government"}), "administration": frozenset({"Government"}),
    "state": frozenset({"Government"}), "cabinet": frozenset({"Government"}),
    "department": frozenset({"Government"}), "its": ACTOR_TYPES, "it": ACTOR_TYPES,
}
# What a description can refer to among known actors ("the lab" is no big-tech firm);
# entities the gazetteer does not know are always candidates.
NOUN_CATEGORIES: dict[str, frozenset[str]] = {
    "lab": frozenset({"ai_labs", "organizations"}),
    "laboratory": frozenset({"ai_labs", "organizations"}),
    "startup": frozenset({"ai_labs"}), "start-up": frozenset({"ai_labs"}),
    "chipmaker": frozenset({"chips"}),
    "fund": frozenset({"investors", "state_funds"}),
    "investor": frozenset({"investors", "state_funds"}),
}
# "the company", "its Hangzhou-based lab", "it": a determiner or pronoun and ending in a
# lower-case noun; "the White House" and "The Hague" end in a capital and stay names.
DESCRIPTION = re.compile(
    r"^(?:(?:the|its|their|a|an|this|that|these|those|our|his|her)\s+.*\b[a-z][\w-]*(?:'s|’s)?"
    r"|it|its|they|their|them|he|she|his|her)$",
    re.IGNORECASE,
)


def is_description(text: str) -> bool:
    """Whether ``text`` describes an entity instead of naming it (never an alias)."""
    text = text.strip()
    if not DESCRIPTION.match(text):
        return False
    last = text.split()[-1].rstrip("'’s") if " " in text else text
    return " " not in text or last[:1].islower()


# A head ending in a relative clause: "Mistral, which later said", "Mistral which raised".
RELATIVE_HEAD = re.compile(
    r"(\S+)\s+(?:which|who|that)\s+\w+\s*$|(\S+),?\s+(?:which|who)\b[^,]*$"
)


def appositive_name(mention: Mention, sentence: Sentence, allowed: frozenset[str]) -> str | None:
    """"Aleph Alpha, the Heidelberg-based company": the name just before the comma."""
    previous = [m for m in sentence.mentions if m.end <= mention.start and m.entity_id]
    if not previous:
        return None
    last = previous[-1]
    gap = sentence.text[last.end - sentence.start : mention.start - sentence.start]
    if gap.strip() in (",", "(", "—", "-", "–") and last.type in allowed:
        return last.entity_id
    return None


COPULA = re.compile(r"^\s*(?:is|was|remains|became|becomes|has become)\s+$")


def copula_subject(mention: Mention, sentence: Sentence, allowed: frozenset[str]) -> str | None:
    """"Acme is the third company founded by ...": the name the copula equates it with."""
    if mention.cue in ("its", "it"):
        return None
    previous = [m for m in sentence.mentions if m.end <= mention.start and m.entity_id]
    if not previous or previous[-1].type not in allowed:
        return None
    last = previous[-1]
    gap = sentence.text[last.end - sentence.start : mention.start - sentence.start]
    return last.entity_id if COPULA.match(gap) else None


def name_right_after(mention: Mention, sentence: Sentence, allowed: frozenset[str]) -> str | None:
    """"the American company OpenAI": the name right after the description."""
    if mention.cue in ("its", "it"):
        return None
    following = [m for m in sentence.mentions if m.start >= mention.end and m.entity_id]
    if not following:
        return None
    first = following[0]
    gap = sentence.text[mention.end - sentence.start : first.start - sentence.start]
    if gap.strip() in ("", ",") and first.type in allowed:
        return first.entity_id
    return None


def relative_antecedent(sentence: Sentence, head: str) -> Mention | None:
    """The resolved name just before "which"/"who" at the end of ``head``."""
    relative = RELATIVE_HEAD.search(head)
    if relative is None:
        return None
    end = sentence.start + relative.end(1 if relative.group(1) else 2)
    for earlier in sentence.mentions:
        if earlier.end == end and earlier.entity_id:
            return earlier
    return None


# Trade words a description can carry ("the electricity group", "the chip designer"): two
# descriptions of one actor do not name different trades. Plurals are cut to the stem.
SECTOR_WORDS = frozenset({
    "chip", "semiconductor", "memory", "foundry", "wafer", "software", "cloud", "electricity",
    "power", "energy", "utility", "telecom", "telecommunication", "battery", "robot",
    "robotic", "drone", "mining", "lithium", "metal", "car", "carmaker", "automotive",
    "bank", "banking", "payment", "insurance", "media", "gaming", "game", "retail",
    "e-commerce", "pharmaceutical", "biotech", "drug", "oil", "gas", "steel", "shipping",
    "logistics", "airline", "defence", "defense", "satellite", "search", "advertising",
    "social", "fintech", "hardware", "server", "network", "networking", "data-centre",
    "internet", "equipment", "tool", "toolmaker", "lithography", "display", "smartphone",
    "phone", "electronics", "food", "fashion",
})


def _stem(word: str) -> str:
    word = word.lower().strip(",.'’")
    return word[:-1] if word.endswith("s") and len(word) > 3 and word[:-1] in SECTOR_WORDS \
        else word


def description_traits(mods: str) -> set[str]:
    """What a description's modifiers say about its referent: trade words (lower case)
    and places ("Shenzhen", "Idaho", capitalised as written)."""
    traits = set()
    for word in re.split(r"[\s-]+", mods.replace("-based", " ")):
        word = word.strip(",.'’")
        if not word:
            continue
        if word[:1].isupper():
            if not word.replace(".", "").isupper():  # "AI", "U.S.": no place
                traits.add(word)
        elif _stem(word) in SECTOR_WORDS:
            traits.add(_stem(word))
    return traits


def traits_fit(wanted: set[str], known: set[str]) -> bool:
    """A description fits an actor unless both say something of the same kind (a trade,
    a place) and nothing agrees: "the Shenzhen group" is not the Beijing-based firm."""
    for kind in (str.islower, lambda w: w[:1].isupper()):
        mine = {w for w in wanted if kind(w)}
        theirs = {w for w in known if kind(w)}
        if mine and theirs and not mine & theirs:
            return False
    return True
