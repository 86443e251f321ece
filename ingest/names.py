"""Name normalisation and slugs shared by linking, scoring and id minting.

One normal form keeps "Cohere Inc.", "cohere" and "the Cohere" on the same key,
so the gazetteer, the per-article resolver and unseen-entity ids all agree.
"""

from __future__ import annotations

import re
import unicodedata

LEGAL_SUFFIXES = (
    "inc", "incorporated", "corp", "corporation", "co", "ltd", "limited", "llc", "plc", "gmbh",
    "ag", "sa", "sas", "se", "nv", "bv", "ab", "spa", "srl", "kk", "pte", "pty",
)
_POSSESSIVE = re.compile(r"'s\b")
_PUNCT = re.compile(r"[^\w\s&+]")
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+")
_SUFFIX = re.compile(r"(?:\s+(?:" + "|".join(LEGAL_SUFFIXES) + r"))+$")


def fold(text: str) -> str:
    """Strip diacritics so "Cédric" and "Cedric" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(name: str) -> str:
    """Casefold, fold diacritics, drop punctuation and a leading "the"."""
    text = _POSSESSIVE.sub("", fold(name).casefold().replace("’", "'"))
    text = _PUNCT.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    return _LEADING_THE.sub("", text)


def normalise_org(name: str) -> str:
    """Like :func:`normalise`, also dropping legal suffixes ("Inc.", "GmbH")."""
    return _SUFFIX.sub("", normalise(name)).strip()


def slug(name: str) -> str:
    """A readable, stable id for an entity the gazetteer does not know."""
    text = normalise_org(name).replace("&", " ").replace("+", " plus ")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "entity"
