"""Cleaning the edges of a name the model found: titles, headings, cut-off tails.

The model's spans are often a word off in ways news layout explains: a title
glued to a person ("Spokesperson He Yadong", "Digital Minister Ana Lima"), a
section label or shouted headline taken for a company ("OPINION |", "TURKEY
MUTES GROK"), a country prefix in a deal list ("GERMANY - Elmos"), or a body
cut before the country it belongs to ("Reserve Bank of" + "India"). These
helpers fix the span; they never decide the type.
"""

from __future__ import annotations

import re

# A title word that may sit before a person's name; anything up to the last one goes.
TITLE_HEADS = frozenset({
    "Spokesperson", "Spokesman", "Spokeswoman", "Minister", "Secretary", "President",
    "Chairman", "Chairwoman", "Chair", "CEO", "Commissioner", "Director", "Senator", "Governor",
    "Majesty", "Highness", "King", "Queen", "Chancellor", "Premier", "Executive", "Ambassador",
    "Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "Dr", "Dr.", "Professor", "Prof.", "Founder",
    "Co-founder", "Representative", "Rep.", "Sen.", "Mayor", "Judge", "Justice", "Deputy",
    "Vice-President", "Officer", "Head", "Leader", "Speaker",
})
# Titles that open a span the model typed as an organisation: "Minister of X" is a post.
POST_OPENERS = re.compile(
    r"^(?:(?:Prime|Deputy|Vice|Chief|Foreign|Finance|Trade|Digital)\s+)?(?:Minister|Secretary"
    r"|Commissioner|President|Director|Chairman|Chairwoman|Spokesperson|Governor)\b(?!\w)"
    r"(?!\s+(?:Office|Fund)\b)"
)
ROMAN_NUMERAL = re.compile(r"\s+(?:[IVX]{1,4})\b(?![’'\w-])")
SECTION_LABEL = re.compile(r"\s*(?:\||:\s*$)")
NUMBERING = re.compile(r"^\s*(?:\d+[.)]\s*|[-*•]\s*)?(?:THE\s+)?$")
DASH = re.compile(r"\s[-–—]\s")


def title_length(name: str) -> int:
    """Characters of leading title words ("Spokesperson ", "Digital Minister ") to drop,
    keeping at least one name word after them."""
    words = name.split(" ")
    last = -1
    for i, word in enumerate(words[:-1]):
        if word.strip(",") in TITLE_HEADS:
            last = i
        elif not word[:1].isupper():
            break
    if last < 0:
        return 0
    return len(" ".join(words[: last + 1])) + 1


def is_post(name: str) -> bool:
    """"Minister of Communications and Information Technology" is a post, not a body."""
    return POST_OPENERS.match(name) is not None


def regnal_number(text: str, end: int) -> int:
    """The end of a regnal number after a name ("Frederik X"), else ``end``."""
    match = ROMAN_NUMERAL.match(text, end)
    return match.end() if match else end


def is_heading_label(text: str, start: int, end: int) -> bool:
    """A section label ("OPINION | ...", "Q&A: ...") or a word of a shouted headline."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    name = text[start:end]
    if NUMBERING.match(text[line_start:start]) and (
            SECTION_LABEL.match(text, end) or (name.isupper() and text[end : end + 2] == ": ")):
        return True
    letters = [c for c in line if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    shouted = len(letters) >= 8 and upper >= 0.7 * len(letters)
    return shouted and name.isupper() and len(name.replace(" ", "")) >= 5


def after_dash(name: str) -> int:
    """Offset of what follows a capitals-only prefix and a spaced dash ("GERMANY - X")."""
    match = DASH.search(name)
    if match is None or not name[: match.start()].isupper():
        return 0
    return match.end()


def dangling_of(text: str, end: int) -> bool:
    """The span ends in "of"/"for" with a capitalised word next: the name runs on."""
    return bool(re.search(r"\s(?:of|for|of the)$", text[max(0, end - 8) : end])) and bool(
        re.match(r"\s+[A-Z]", text[end : end + 3])
    )


# Events, programmes, rounds and clock words the model takes for organisations.
NOT_ACTOR = re.compile(
    r"^(?:Series [A-Z]\b|Project [A-Z]|Round [A-Z0-9])|\b(?:Summit|Conference|Expo|Fair|Week"
    r"|Mission|Standard Time|Time|Olympics|Games|Awards?)$"
)
MINOR_NAME_WORDS = frozenset({"of", "and", "for", "the", "on", "de", "do", "da", "dos", "du",
                              "des", "la", "le", "van", "von", "der", "den", "al", "bin", "y"})


def is_not_actor(name: str) -> bool:
    """An event ("AI Action Summit"), a round ("Series B"), a headline fragment ("Vance
    warns Europe") or a lower-case word ("un-cancels") is no named actor."""
    head = name.split(" of ")[0]  # "National Conference of Science": an event by its head
    if NOT_ACTOR.search(name) or NOT_ACTOR.search(head) or not any(c.isupper() for c in name):
        return True
    words = name.split()
    return any(w.isalpha() and w.islower() and w not in MINOR_NAME_WORDS for w in words[1:-1])


# "Acme (Hong Kong) Rare Metals", "Acme Research (Shanghai)": a registered name with a
# place in brackets, inside it or closing it, as Chinese subsidiaries are named.
BRACKET_INSIDE = re.compile(
    r" \((?:[A-Z][\w-]*)(?: [A-Z][\w-]*){0,2}\)(?: (?:&\s+)?[A-Z][\w-]*)+"
)
BRACKET_CLOSING = re.compile(r" \((?P<place>[A-Z][\w-]*(?: [A-Z][\w-]*)?)\)")


def bracketed_place_end(text: str, end: int) -> int:
    """The end of a name that runs on through a bracketed place, else ``end``. A
    closing bracket counts only for a city or region: "Acme (Netherlands)" names the
    company and then its country."""
    inside = BRACKET_INSIDE.match(text, end)
    if inside is not None:
        return inside.end()
    closing = BRACKET_CLOSING.match(text, end)
    if closing is None:
        return end
    from blocgraph.schema.places import load_places

    place = load_places().lookup(closing.group("place"))
    return closing.end() if place is not None and place.kind in ("city", "region") else end
