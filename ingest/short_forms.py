"""Short names for an entity named in full: acronyms, bracketed aliases, clipped forms.

News introduces a body once in full and then clips it: "the Bureau of Industry
and Security (BIS)" ... "BIS"; "Micron Technology" ... "Micron". Headlines clip
first and name in full later ("Multiverse" in the headline, "Multiverse
Computing" in the body). These helpers recognise such pairs by their form alone.
"""

from __future__ import annotations

import re

from blocgraph.ingest.names import normalise_org

# "(BIS)", "(MOFCOM)", "(行政院)": a bracket holding one short token right after a name.
BRACKET_ALIAS = re.compile(
    r"\s*\((?P<alias>(?=(?:[^)]*[A-Z]){2})[A-Z][A-Za-z0-9&.\-]{1,11}|[^\x00-\x7f\s()]{2,12})\)"
)
MINOR_WORDS = frozenset({"of", "and", "for", "the", "on", "in", "de", "du", "des", "la", "&"})
# Extra words after a clipped name that leave it the same actor ("Micron" ~ "Micron
# Technology"); a fund, foundation or holding named after a company is another actor.
SAME_ACTOR_TAILS = frozenset({
    "technology", "technologies", "computing", "ai", "group", "corporation", "corp",
    "systems", "labs", "semiconductor", "semiconductors", "motor", "motors", "electronics",
    "networks", "software", "robotics", "international", "global", "inc", "company",
    "industries", "platforms", "solutions", "intelligence", "materials", "microelectronics",
})


def bracket_alias(text: str, end: int) -> str | None:
    """The alias in brackets right after a name ending at ``end``."""
    match = BRACKET_ALIAS.match(text, end)
    return match.group("alias") if match else None


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha()


def initials(name: str) -> set[str]:
    """Acronyms a name may take: "Bureau of Industry and Security" -> BIS, BOIAS."""
    words = [w for w in re.split(r"[\s-]+", name) if w]
    if len(words) < 2:
        return set()
    significant = "".join(w[0] for w in words if w.lower() not in MINOR_WORDS)
    every = "".join(w[0] for w in words)
    return {significant.upper(), every.upper()}


def acronym_of(acronym: str, name: str) -> bool:
    """Whether ``acronym`` is formed from the initials of ``name``."""
    return is_acronym(acronym) and acronym.replace(".", "").upper() in initials(name)


def clipped_form(short: str, full: str) -> bool:
    """"Micron" for "Micron Technology", "Multiverse" for "Multiverse Computing"; not
    "Mozilla" for "Mozilla Ventures"."""
    key, whole = normalise_org(short), normalise_org(full)
    if not key or not whole.startswith(key + " ") or len(key) < 3:
        return False
    tail = whole[len(key) + 1 :].split()
    return all(word in SAME_ACTOR_TAILS for word in tail)
