"""Entity types for names the gazetteer does not know, from the name and its context.

The gazetteer decides first; these cues follow how news introduces an actor:
"X Ventures" is an investor, "the Ministry of X" a public body, "venture capital
firm X" an investor, "X, a start-up" a company, "the X chip" hardware.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

_NAME_WORDS = Path(__file__).parent / "data" / "name_words.yaml"


def _name_words() -> dict[str, tuple[str, ...]]:
    """The word lists of ``data/name_words.yaml``, by the kind of name they mark."""
    data = yaml.safe_load(_NAME_WORDS.read_text(encoding="utf-8"))
    return {kind: tuple(str(word) for word in words) for kind, words in data.items()}


_WORDS = _name_words()
INVESTOR_WORDS = _WORDS["investor"]
GOVERNMENT_WORDS = _WORDS["government"]
ORGANIZATION_WORDS = _WORDS["organization"]
REGULATION_WORDS = _WORDS["regulation"]
COMPANY_WORDS = _WORDS["company"]
PRODUCT_WORDS = _WORDS["product"]

# Central banks are public bodies, though "Bank" otherwise names a company.
CENTRAL_BANK = re.compile(r"\b(?:Reserve Bank|Central Bank|Banco Central|Banque Centrale"
                          r"|Federal Reserve|People's Bank)\b")
HARDWARE_CONTEXT = re.compile(
    r"\b(chips?|processors?|accelerators?|GPUs?|semiconductors?|silicon|hardware|servers?"
    r"|scanners?|lithography|supercomputers?|machines)\b",
    re.IGNORECASE,
)
MODEL_CONTEXT = re.compile(
    r"\b(models?|chatbots?|LLMs?|assistants?|apps?|products?|systems?|family)\b", re.IGNORECASE
)
INVESTOR_CONTEXT = re.compile(
    r"\b(venture(?: capital)? (?:firm|fund|arm)|investment firm|hedge fund|private[- ]equity"
    r"|sovereign(?: wealth)? fund|investor|fund)\b",
    re.IGNORECASE,
)
COMPANY_CONTEXT = re.compile(
    r"\b(start-?up|startup|company|firm|group|chipmaker|lab|developer|maker|provider|giant)\b",
    re.IGNORECASE,
)


def _last_word_in(name: str, words: tuple[str, ...]) -> bool:
    return any(name == w or name.endswith(" " + w) for w in words)


def _first_word_in(name: str, words: tuple[str, ...]) -> bool:
    return any(name.startswith(w + " ") for w in words)


def type_from_name(name: str, label: str) -> str | None:
    """A type read off the name itself ("Bosch Ventures", "Ministry of Digital Affairs")."""
    if label == "PERSON":
        return "Person"
    if " of " in name or " for " in name:
        # "National Authority of Data Protection": the head noun is the word before "of".
        head = re.split(r" (?:of|for) ", name, maxsplit=1)[0]
        kind = type_from_name(head, label) if head != name else None
        if kind in ("Government", "Organization", "Investor"):
            return kind
    if label == "LAW" or _last_word_in(name, REGULATION_WORDS):
        return "Regulation"
    if (_first_word_in(name, GOVERNMENT_WORDS) or _last_word_in(name, GOVERNMENT_WORDS)
            or CENTRAL_BANK.search(name)):
        return "Government"
    if _last_word_in(name, INVESTOR_WORDS):
        return "Investor"
    if _first_word_in(name, ORGANIZATION_WORDS) or _last_word_in(name, ORGANIZATION_WORDS):
        return "Organization"
    if _last_word_in(name, COMPANY_WORDS):
        return "Company"
    if " " in name and _last_word_in(name, PRODUCT_WORDS):
        return "AIModel"
    return None


def type_from_context(name: str, context: str, label: str) -> str | None:
    """A type from the words around the name, for names that say nothing themselves."""
    if label in ("PRODUCT", "WORK_OF_ART", "FAC"):
        return _product_type(name, context)
    if label == "CUE":
        return _cue_type(context)
    if label == "ORG":
        product = _product_after(name, context)
        if product:
            return product
        if INVESTOR_CONTEXT.search(_near(name, context)):
            return "Investor"
        return "Company"
    return None


PRODUCT_AFTER = re.compile(
    r"^\s+(?:[\w-]+\s+){0,1}?(?:(?P<model>family of (?:\w+ )?models|models?|chatbots?|LLMs?)"
    r"|(?P<chip>chips?|processors?|accelerators?|GPUs?))\b"
)


def _product_after(name: str, context: str) -> str | None:
    """"its GLM family of models", "its Ernie models": a name followed by what it is."""
    at = context.find(name)
    if at < 0:
        return None
    match = PRODUCT_AFTER.match(context[at + len(name) :])
    if match is None:
        return None
    return "AIModel" if match.group("model") else "Hardware"


def _near(name: str, context: str) -> str:
    at = context.find(name)
    if at < 0:
        return context
    return context[max(0, at - 30) : at + len(name) + 30]


def _product_type(name: str, context: str) -> str | None:
    near = _near(name, context)
    if HARDWARE_CONTEXT.search(near):
        return "Hardware"
    if MODEL_CONTEXT.search(near):
        return "AIModel"
    if re.fullmatch(r"[A-Z]{1,3}\d{2,4}[A-Z]?", name):
        return "Hardware"
    if re.search(r"\d", name) and re.search(r"[A-Za-z]{2,}", name):
        return "AIModel"
    return None


def _cue_type(context: str) -> str | None:
    cue = context.split(" ")[0].lower()
    if INVESTOR_CONTEXT.search(context.split("  ")[0]) and "venture" in context.lower():
        return "Investor"
    if cue in ("fund", "investor", "investors") or "fund" in context.lower().split(" ")[:3]:
        return "Investor"
    if cue in ("chatbot", "model"):
        return "AIModel"
    if cue in ("chip", "processor", "accelerator"):
        return "Hardware"
    if cue == "regulator":
        return "Government"
    return "Company"
