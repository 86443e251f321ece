"""Products and hardware named by plain words, recognised from the phrasing around them.

The model reads an unfamiliar product name ("Orrin", "Kestrel 3") as an
organisation or a person, and nothing in the name says otherwise. News names
products through their kind: "its Orrin model", "the Kestrel family of models",
"the Brisk supercomputer", "the AI agent Orrin", "Orrin, its flagship
assistant", "launched Orrin". The head noun decides between an AI model or
product and a piece of hardware. A company name before a plural head ("Acme
chips") is its maker, so the head must follow a determiner or possessive.
"""

from __future__ import annotations

import re

MODEL_NOUNS = (r"models?|chatbots?|assistants?|apps?|LLMs?|agents?|copilots?|code editor"
               r"|language models?|image generators?")
HARDWARE_NOUNS = (r"chips?|processors?|accelerators?|GPUs?|NPUs?|TPUs?|superchips?"
                  r"|supercomputers?|scanners?|lithography (?:machines?|systems?)")
_DET = (r"(?:\b(?i:the|its|their|our|his|her|whose|a|an)|[’']s"
        r"|\b(?i:the|its|their)\s+[A-Z][\w-]*\s+and)\s+$")
# Words that may sit between a name and its head: modifiers, or "and" plus a second name
# ("the Orrin and Vela open models"); a verb or clause word ends the phrase.
_BETWEEN = (r"(?:(?!(?:to|for|that|which|whose|who|is|was|has|have|will|its|their|of|the|a"
            r"|an|with|by|in|on|at)\b)"
            r"(?![\w-]+(?:ed|s)\b)[\w-]+\s+)")
# "<det> NAME [one modifier] model": the head right after the name.
HEAD_AFTER = re.compile(
    rf"^\s+{_BETWEEN}{{0,3}}?(?:(?P<family>family|series|line|range) of (?:[\w-]+\s+){{0,3}}?"
    rf"(?:(?P<fmodel>{MODEL_NOUNS})|(?P<fhw>{HARDWARE_NOUNS}))"
    rf"|(?P<model>{MODEL_NOUNS})|(?P<hw>{HARDWARE_NOUNS}))\b"
)
# "the AI agent NAME", "Denmark's AI supercomputer NAME": the head right before the name.
HEAD_BEFORE = re.compile(
    r"\b(?:(?P<model>chatbot|assistant|agent|model|LLM|app|messaging service|social network)"
    rf"|(?P<hw>{HARDWARE_NOUNS}))"
    r"\s+[\"“]?$"
)
# "released NAME", "launched the NAME": verbs whose object is a product.
LAUNCH_BEFORE = re.compile(
    r"\b(?:launched|released|unveiled|open-sourced|rolled out|debuted|introduced)"
    r"\s+(?:the\s+|its\s+)?[\"“]?$"
)
# "NAME's maker", "the NAME maker Acme": the name is what the maker makes.
MAKER_AFTER = re.compile(r"^(?:[’']s)?\s+(?:maker|creator|developers?)\b")
VERSION_BEFORE = re.compile(r"\b(?:version|versions|generation) of\s+$")
# After a head-before cue, a past-tense verb ("the model Acme released") means the
# capitalised word is the maker, not the product.
VERB_NEXT = re.compile(r"^\s+[a-z]+ed\b")


# "Orrin, our next chip,", "Orrin, the short-video app made by": an appositive whose head
# is a product noun; the head must end the appositive, or "the chip designer" would count.
APPOSITIVE_HEAD = re.compile(
    rf",\s+(?i:the|its|their|our|his|her|a|an)\s+(?:(?!(?:of|for|that|which)\b)[\w-]+\s+){{0,3}}?"
    rf"(?:(?P<model>{MODEL_NOUNS}|messaging service|social network|video service)"
    rf"|(?P<hw>{HARDWARE_NOUNS}))"
    r"(?=\s*[,.;:)]|\s+(?:made|built|developed|designed|owned|run|from|by)\b)"
)
# "Orrin is in mass production", "Orrin began sampling": what only hardware is said to do.
HARDWARE_PREDICATE = re.compile(
    r"^\s+(?:is|are|was|were|went|goes|entered)\s+(?:now\s+|already\s+)?(?:in|into)\s+"
    r"(?:mass\s+|volume\s+)?production\b"
)


# A business noun after the product word: "chip designer", "model developer", "GPU maker".
ORG_AFTER_HEAD = re.compile(
    r"[\s-]+(?:designers?|makers?|suppliers?|compan(?:y|ies)|firms?|groups?|start-?ups?"
    r"|developers?|manufacturers?|giants?|business(?:es)?|plants?|factor(?:y|ies))\b"
)


def product_kind(text: str, start: int, end: int) -> str | None:
    """"AIModel" or "Hardware" where the phrasing around ``text[start:end]`` says the
    name is a product, else None."""
    before = text[max(0, start - 60) : start]
    after = text[end : end + 80]
    head = HEAD_AFTER.match(after)
    if head and ORG_AFTER_HEAD.match(after, head.end()):
        return None  # "a Bristol chip designer": the product word describes a business
    if head and (head.group("family") or re.search(_DET, before)):
        if head.group("fmodel") or head.group("model"):
            return "AIModel"
        return "Hardware"
    called = called_product(text, start, end)
    if called:
        return called
    if HARDWARE_PREDICATE.match(after):
        return "Hardware"
    if MAKER_AFTER.match(after) or VERSION_BEFORE.search(before):
        return "AIModel"
    if LAUNCH_BEFORE.search(before) and not after.startswith(("'s", "’s")):
        return "AIModel"
    return None


# "Orrin 3", "Orrin-H1", "Orrin 2.5": a version after a product's name makes another model.
VERSION_TAIL = re.compile(
    r"(?:[ -](?!(?:19|20)\d\d\b)\d{1,3}(?:\.\d+)?[A-Za-z]?|-[A-Z]{1,2}\d{1,3}[A-Za-z]?)"
    r"(?![\w%,.-]?\d)(?!\s*(?:%|per ?cent|bn|billion|million|m\b|years?|months?))"
)


def called_product(text: str, start: int, end: int) -> str | None:
    """The product kind where the text calls the name a product outright ("the video app
    Orrin", "Orrin, the messaging service"); strong enough to overrule a name that looks
    like a company's, as an app often carries its maker's name."""
    apposed = APPOSITIVE_HEAD.match(text, end)
    if apposed:
        return "AIModel" if apposed.group("model") else "Hardware"
    before_head = HEAD_BEFORE.search(text[max(0, start - 60) : start])
    if before_head and not VERB_NEXT.match(text[end : end + 40]):
        return "AIModel" if before_head.group("model") else "Hardware"
    return None


def versioned_product(text: str, start: int, end: int, kind: str) -> tuple[int, str] | None:
    """The end and type of "NAME 3" where NAME is a product, or the phrasing makes the
    versioned name one ("its base model Acme 4"), else None."""
    tail = VERSION_TAIL.match(text, end)
    if tail is None:
        return None
    said = product_kind(text, start, tail.end())
    if kind in ("AIModel", "Hardware"):
        return tail.end(), said or kind
    return (tail.end(), said) if said else None
