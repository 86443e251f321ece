"""Person or organisation? The words around a name decide where the model guesses.

The small statistical model types many unfamiliar company names as people
("Dongguan Poweramp", "Rytr") and some people as organisations. News writing
nearly always tells the reader which it is, and that is what is read here:

- an appositive's head noun: "X, a Shenzhen toolmaker", "X, chief executive of Y";
- the kind written right before the name: "Dutch chipmaker X", "CEO X";
- what only an organisation can be or do: "X, which ...", "X itself", "X said it
  would", "X's shares", a deal-list line "X (Egypt, speech AI) - $12 million".

Every cue is syntax and general vocabulary, never a particular name.
"""

from __future__ import annotations

import re

PERSON_HEADS = frozenset({
    "executive", "ceo", "cfo", "cto", "coo", "founder", "co-founder", "cofounder", "chairman",
    "chairwoman", "chairperson", "chair", "president", "minister", "secretary", "director",
    "partner", "spokesperson", "spokesman", "spokeswoman", "head", "professor", "researcher",
    "scientist", "analyst", "economist", "lawyer", "commissioner", "governor", "senator",
    "lawmaker", "deputy", "official", "entrepreneur", "chancellor", "premier", "leader",
    "engineer", "manager", "vice-president", "ambassador", "adviser", "advisor",
})
COMPANY_HEADS = frozenset({
    "company", "firm", "startup", "start-up", "maker", "manufacturer", "developer", "supplier",
    "subsidiary", "toolmaker", "chipmaker", "provider", "operator", "group", "conglomerate",
    "giant", "business", "lab", "unicorn", "carrier", "retailer", "affiliate", "spin-off",
    "spinout", "producer", "vendor", "designer", "foundry", "builder", "brand", "outfit",
    "specialist", "owner", "parent", "rival", "corporation", "enterprise", "insurer",
    "automaker", "carmaker", "miner", "exchange", "platform", "marketplace", "venture",
})
INVESTOR_HEADS = frozenset({"fund", "backer", "financier", "lender", "bank"})
GOVERNMENT_HEADS = frozenset({
    "regulator", "agency", "ministry", "authority", "watchdog", "department", "commission",
    "parliament", "legislature", "government",
})
ORGANIZATION_HEADS = frozenset({
    "institute", "university", "association", "non-profit", "nonprofit", "foundation", "body",
    "consortium", "organisation", "organization", "charity", "alliance", "party", "academy",
    "school", "college", "centre", "center", "collective",
})
MODEL_HEADS = frozenset({"model", "chatbot", "assistant", "product", "app", "tool", "agent"})
HARDWARE_HEADS = frozenset({"chip", "processor", "accelerator", "supercomputer", "gpu"})
INVESTING_WORDS = re.compile(
    r"\b(?:venture|investment|investing|private[- ]equity|sovereign|wealth|pension|capital)\b",
    re.IGNORECASE,
)
# The appositive's words up to its head: a determiner, modifiers, at most one
# "Place," ("the Covington, Georgia-based maker"), stopping before "of"/"that"/...
APPOSITIVE = re.compile(
    r"\s*,\s+(?!(?:which|who|whose|that|and|but|or|as|while|where|when)\b)"
    r"(?:(?P<det>a|an|the|its|their)\s+)?(?P<np>(?:[A-Z][\w.'’-]*,\s+)?[^,.;:()\"“”]{1,80}?)"
    r"(?=\s+(?:of|for|at|in|on|to|from|with|that|which|who|whose|behind|owned|based|"
    r"backed|founded|led|and|since)\b|\s*[,.;:()\"“”—–]|\s+-\s|$)"
)
AFTER_ORG = re.compile(
    r"(?:,?\s+which\b|\s+itself\b|\s+(?:said|says|added|announced|confirmed) (?:it|its)\b"
    r"|[’']s\s+(?:\w+\s+){0,2}?(?:shares|stock|board|subsidiary|subsidiaries|headquarters"
    r"|factory|plant|fab|employees|staff|ceo|chief executive|founder|co-founder|chairman"
    r"|spokesperson|parent|valuation|revenue|sales|customers|shareholders|investors)\b"
    r"|\s+\((?:[A-Z][\w .&-]*),\s+[^)]{2,60}\)\s+[-–—]\s)",
)
# "the director of the Data Authority, Ana Lima": a post of a named body, then the name.
POST_OF_BEFORE = re.compile(
    r"\b(?:chief executive|CEO|founder|chairman|chairwoman|president|director|head|minister"
    r"|secretary|commissioner|governor|spokesperson)(?:-[a-z]+)? (?:of|at) (?:the )?"
    r"[A-Z][\w&.-]*(?: (?:of |and |for )?[A-Z][\w&.-]*){0,4},\s+$"
)
AFTER_PERSON = re.compile(r",?\s+who\b|\s+(?:said|says) (?:he|she)\b|[’']s\s+(?:wife|husband)\b")
TITLE_BEFORE = re.compile(
    r"\b(?:chief executive|chief technology officer|CEO|CTO|CFO|founder|co-founder|chairman"
    r"|chairwoman|president|President|minister|Minister|secretary|Secretary|spokesperson"
    r"|Spokesperson|spokesman|commissioner|Commissioner|director|professor|Professor|Dr\.?"
    r"|Mr\.?|Ms\.?|Mrs\.?|Senator|Governor|Chancellor|Premier|partner)\s*,?\s+$"
)
ORG_NOUN_BEFORE = re.compile(
    r"\b(?:(?:investment|venture|venture capital|private[- ]equity|growth|sovereign)\s+)?"
    r"(?:chipmaker|toolmaker|maker|supplier|manufacturer|developer|start-?up|startup|firm"
    r"|company|conglomerate|giant|group|rival|subsidiary|unit|operator|provider|carrier"
    r"|platform|retailer|automaker|carmaker|foundry|lab|fund|investor)\s+$"
)


def head_kind(noun_phrase: str) -> str | None:
    """The type an appositive noun phrase gives: its last lower-case word is its head."""
    words = [w.strip("’'").lower() for w in noun_phrase.split()]
    words = [w for w in words if w]
    if not words:
        return None
    head = words[-1]
    if head.endswith("s") and head[:-1] in COMPANY_HEADS | INVESTOR_HEADS | MODEL_HEADS:
        head = head[:-1]
    if head in PERSON_HEADS or " ".join(words[-2:]) == "chief executive":
        return "Person"
    if head in INVESTOR_HEADS or (head in {"firm", "arm", "company", "group", "manager",
                                           "vehicle", "house"}
                                  and INVESTING_WORDS.search(noun_phrase)):
        return "Investor"
    if head == "investor" and INVESTING_WORDS.search(noun_phrase):
        return "Investor"
    if head in COMPANY_HEADS:
        return "Company"
    if head in GOVERNMENT_HEADS:
        return "Government"
    if head in ORGANIZATION_HEADS:
        return "Organization"
    if head in MODEL_HEADS:
        return "AIModel"
    if head in HARDWARE_HEADS:
        return "Hardware"
    return None


def appositive_kind(text: str, end: int) -> str | None:
    """"X, a subsidiary of Y" -> Company; "X, chief executive of Y" -> Person."""
    line_end = text.find("\n", end)
    window = text[end : line_end if line_end >= 0 else len(text)][:140]
    match = APPOSITIVE.match(window)
    if match is None or len(match.group("np").split()) > 7:
        return None
    first = match.group("np").split()[0]
    words = match.group("np").split()
    owner = next((i for i, w in enumerate(words[:4])
                  if w.endswith(("'s", "’s", "s'", "s’"))), None)
    # "X, Acme Labs' chief executive": a capitalised owner, then the head
    possessive = owner is not None and all(w[:1].isupper() for w in words[: owner + 1])
    if (not match.group("det") and first[:1].isupper() and first.lower() not in PERSON_HEADS
            and not possessive):
        return None  # ", Aleph Alpha develops ...": a new clause, not an appositive
    return head_kind(match.group("np"))


def kind_from_context(text: str, start: int, end: int) -> str | None:
    """What the sentence around ``text[start:end]`` says the name is, or None."""
    after = text[end : end + 90]
    before = text[max(0, start - 70) : start]
    line_start = text.rfind("\n", 0, start) + 1
    before = before[max(0, len(before) - (start - line_start)) :]
    kind = appositive_kind(text, end)
    if kind is not None:
        return kind
    if (AFTER_PERSON.match(after) or TITLE_BEFORE.search(before[-40:])
            or POST_OF_BEFORE.search(before)):
        return "Person"
    if AFTER_ORG.match(after):
        return "Company"
    noun = ORG_NOUN_BEFORE.search(before)
    if noun is not None:
        return head_kind(noun.group()) or "Company"
    return None


def looks_like_person_name(name: str) -> bool:
    """Two to five capitalised words, no digits, no org head word: "Najwa Aaraj"."""
    words = name.split()
    if not 2 <= len(words) <= 5 or re.search(r"\d|&", name):
        return False
    particles = {"bin", "bint", "al", "de", "da", "do", "dos", "van", "von", "der", "le", "la"}
    return all(w[:1].isupper() or w.lower() in particles for w in words)


# "Commerce Secretary Gina Raimondo", "spokesperson He Yadong", "its chief executive,
# Najwa Aaraj": a title then two to four capitalised name words (a regnal number may end it).
_NAME_WORD = r"(?:[A-Z][^\W\d_A-Z]+(?:['’-][^\W\d_]+)*|[A-Z]\.)"
TITLED_NAME = re.compile(
    r"(?<![\w-])(?i:spokesperson|spokesman|spokeswoman|minister|secretary|chief executive"
    r"|chief executive officer|ceo|cto|cfo|founder|co-founder|president|chairman|chairwoman"
    r"|director|commissioner|governor|senator|chancellor|premier|king|queen|professor|prime"
    r" minister|managing partner|general partner)(?:,)?\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:(?:bin|bint|al|de|da|do|dos|van|von|der|le)\s+)?"
    rf"{_NAME_WORD}){{0,3}}(?:\s+[IVX]{{1,4}}\b(?![’'\w-]))?)"
)
NOT_NAME_WORDS = frozenset({
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "The", "This", "That", "In", "On", "At", "For", "And", "But",
})


def titled_names(text: str) -> list[tuple[int, int]]:
    """Spans of person names written right after a title, in ``text``."""
    spans = []
    for match in TITLED_NAME.finditer(text):
        words = match.group("name").split()
        if words[0] in NOT_NAME_WORDS:
            continue
        keep = len(words)
        for i, word in enumerate(words):
            if word in NOT_NAME_WORDS or word.rstrip(".") in ORG_NAME_WORDS:
                keep = i
                break
        if keep < 2:
            continue
        name = " ".join(words[:keep])
        start = match.start("name")
        spans.append((start, start + len(name)))
    return spans


ORG_NAME_WORDS = frozenset({
    "Ministry", "Department", "Agency", "Bureau", "Office", "Commission", "Council", "Group",
    "Capital", "Ventures", "Partners", "Fund", "Bank", "Technologies", "Technology", "Labs",
    "University", "Institute", "Foundation", "Association", "Authority", "Administration",
    "Holdings", "Corporation", "Systems", "Semiconductor", "Cloud", "Research", "Act", "Law",
})


_LIST_NAME = r"[A-Z][\w.'’&+-]*(?:\s+(?:[A-Z0-9][\w.'’&+-]*|&))*"
INVESTOR_LEAD_IN = re.compile(
    r"(?:\b(?:led|co-led|joined|backed|funded) by|\binvestors?(?: including| such as| like"
    r"| include| are| were)?|\bparticipation (?:from|of|by)|\balongside|\bbackers?"
    r"(?: including| such as)?)(?:,|:)?\s+(?:" + _LIST_NAME
    + r"(?:\s+\((?:lead|co-lead)\))?[,;]?\s+(?:and\s+)?)*$"
)
INVESTOR_LEAD_OUT = re.compile(
    r"^(?:,?\s+(?:and\s+)?" + _LIST_NAME + r")*,?\s+(?:also\s+|each\s+|both\s+)?"
    r"(?:took part|participated|joined|co-led|led the|invested|put in|put money in|came in"
    r"|backed)"
)
INVESTOR_NAMES = re.compile(r"\b(?:Capital|Ventures|Partners|Fund|Investments?|VC)\b")


def in_investor_list(text: str, start: int, end: int, person_shaped: bool = False) -> bool:
    """"led by Harbour Capital, Kestrel Peak and Nordwind", "X and Y also took part":
    a name in a round's list of backers. A person-shaped name counts only where the
    list around it holds investment firms by name (angels are listed too)."""
    clause_start = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start),
                       text.rfind("\n", 0, start)) + 1
    before, after = text[clause_start:start], text[end : end + 160]
    if not (INVESTOR_LEAD_IN.search(before) or INVESTOR_LEAD_OUT.match(after)):
        return False
    if not person_shaped:
        return True
    return bool(INVESTOR_NAMES.search(before[-80:]) or INVESTOR_NAMES.search(after[:80]))
