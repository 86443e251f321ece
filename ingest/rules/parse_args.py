"""Arguments of a predicate, read from the dependency parse.

News separates a verb from its arguments in ways a character window cannot
follow: an appositive or relative clause after the subject ("X, the lab founded
by Y last year, has raised ..."), the passive ("was barred by the regulator"),
lists ("A, B and C"), a coordinated second verb ("agreed to X and cut off Y").
These helpers answer "who is the logical subject / object / object of *on* of
this word" from the parse, voice-normalised, and map the tokens they find back
to the sentence's resolved mentions.

Roles (``ROLE`` below):

* ``agent``: who does it: the active subject, the passive ``by`` agent; for a
  noun trigger its possessor or compound modifier ("China's ban", "a US ban")
  or the subject of the verb that governs it ("imposed a ban");
* ``governor`` (noun triggers only): the agent of the light verb alone, skipping the
  noun's own modifiers;
* ``patient``: what it is done to: the active object, the passive subject (or,
  for a participle, the noun it modifies: "the chips banned by ...");
* ``prep:on``, ``prep:in`` ...: the object of that preposition on the trigger,
  on its object ("put X on the list") or, for a noun trigger, on the noun.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from blocgraph.ingest.mention_types import Mention, Sentence

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "obj", "attr", "oprd"})
# Verbs that carry a nominal trigger: "imposed a ban on", "announced an investment in".
LIGHT_VERBS = frozenset({
    "impose", "announce", "introduce", "issue", "place", "put", "order", "slap", "enact",
    "make", "lead", "complete", "close", "agree", "unveil", "approve", "confirm", "extend",
    "adopt", "expand", "tighten", "finalise", "finalize", "receive", "secure", "land", "get",
    "take", "have", "launch", "set", "give", "provide", "pledge", "commit", "earmark",
    "allocate", "grant", "award", "win", "raise", "join", "participate", "back", "do", "sign",
    "strike", "ink",
})
# Words between a trigger and the clause that makes it (not) a fact.
LIST_PREPOSITIONS = frozenset({"including", "include", "like", "such"})


def sentence_of(token: Token) -> Span:
    """The token's sentence. ``Token.sent`` rebuilds the document's sentences from its
    start on every call, which made rules that ask it per token quadratic in article
    length; the sentence starts are computed once per document here."""
    doc = token.doc
    starts: list[int] | None = doc.user_data.get("blocgraph_sentence_starts")
    if starts is None:
        starts = [sent.start for sent in doc.sents] + [len(doc)]
        doc.user_data["blocgraph_sentence_starts"] = starts
    index = bisect_right(starts, token.i) - 1
    return doc[starts[index] : starts[index + 1]]


def token_at(doc: Doc, char: int) -> Token | None:
    """The first token starting at or after character ``char`` (None past the end),
    found by bisection over token offsets instead of a walk from the document start."""
    offsets: list[int] | None = doc.user_data.get("blocgraph_token_offsets")
    if offsets is None:
        offsets = doc.user_data["blocgraph_token_offsets"] = [t.idx for t in doc]
    index = bisect_left(offsets, char)
    return doc[index] if index < len(doc) else None


def parsed(sentence: Sentence) -> Span | None:
    """The sentence's tokens when they carry a dependency parse, else None."""
    span = sentence.span
    if span is None or not span.doc.has_annotation("DEP"):
        return None
    return span


@dataclass
class Arguments:
    """The resolved mentions of one sentence, placed on its tokens."""

    span: Span
    mentions: list[Mention]

    def mention_at(self, token: Token) -> Mention | None:
        """The entity, money or date mention that covers ``token``."""
        start = token.idx
        for mention in self.mentions:
            if mention.start <= start < mention.end and (mention.entity_id or mention.value):
                return mention
        return None

    def of(self, token: Token | None) -> list[Mention]:
        """The mentions a noun phrase headed by ``token`` names, in text order: the
        head's own, and those of its name parts, appositions and conjuncts ("A, B
        and C", "the startup, Nordwind", "the Home Affairs department"), and of
        "including" lists; not those of its possessor, prepositional phrases or
        relative clauses, which name someone else."""
        if token is None:
            return []
        found: list[Mention] = []
        for part in sorted(core(token), key=lambda t: t.i):
            mention = self.mention_at(part)
            if mention is not None and all(mention is not f for f in found):
                found.append(mention)
        for listed in (x for part in core(token) for x in _listed(part)):
            found += [m for m in self.of(listed) if all(m is not f for f in found)]
        return found

    def money(self, tokens: Iterable[Token]) -> list[Mention]:
        return [m for m in self._covering(tokens) if m.type == "Money"]

    def dates(self, tokens: Iterable[Token]) -> list[Mention]:
        return [m for m in self._covering(tokens) if m.type == "Date"]

    def _covering(self, tokens: Iterable[Token]) -> Iterator[Mention]:
        seen: list[Mention] = []
        for token in tokens:
            mention = self.mention_at(token)
            if mention is not None and mention not in seen:
                seen.append(mention)
                yield mention


# The dependents that belong to a noun phrase's own name or list.
CORE = frozenset({"compound", "nmod", "conj", "cc", "punct", "appos", "det", "amod",
                  "nummod", "quantmod", "flat", "npadvmod"})


def core(token: Token) -> list[Token]:
    """``token`` and what hangs off it through name, list and apposition links."""
    found = [token]
    for current in found:
        found += [c for c in current.children if c.dep_ in CORE]
    return found


def _listed(token: Token) -> Iterator[Token]:
    """"investors including A and B", "backers such as A": the listed heads."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in LIST_PREPOSITIONS:
            yield from (c for c in child.children if c.dep_ == "pobj")
            for inner in child.children:  # "such as": such -> as -> pobj
                if inner.dep_ == "prep":
                    yield from (c for c in inner.children if c.dep_ == "pobj")


def is_passive(verb: Token) -> bool:
    if any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def is_verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


def subjects(verb: Token) -> list[Token]:
    """The grammatical subject, inherited along coordinated and complement verbs
    ("agreed to review and then blocked ...", "moved to block ...") and from the noun
    a relative clause or participle modifies ("the regulator, which blocked ...")."""
    seen: set[int] = set()
    current: Token | None = verb
    while current is not None and current.i not in seen:
        seen.add(current.i)
        own = [c for c in current.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
        if own:
            return own
        if current.dep_ in ("conj", "xcomp", "advcl") and current.head.i != current.i:
            current = current.head
        elif current.dep_ in ("relcl", "acl") and current.head.i != current.i:
            return [current.head]
        else:
            current = None
    return []


def role_tokens(trigger: Token, role: str) -> list[Token]:
    """The heads that fill ``role`` for ``trigger`` (see the module docstring)."""
    if is_verbal(trigger):
        return _verb_role(trigger, role)
    return _noun_role(trigger, role)


def _verb_role(verb: Token, role: str) -> list[Token]:
    return [_antecedent(t, verb) for t in _verb_role_heads(verb, role)]


RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})


def _antecedent(token: Token, verb: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies: in "Y, which X bought",
    the object of "bought" is Y."""
    if token.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" and verb.head.i != verb.i:
        return verb.head
    return token


def _verb_role_heads(verb: Token, role: str) -> list[Token]:
    passive = is_passive(verb)
    if role == "agent":
        if passive:
            return [c for a in verb.children if a.dep_ == "agent"
                    for c in a.children if c.dep_ == "pobj"]
        return [s for s in subjects(verb) if s.dep_ not in PASSIVE_SUBJECTS]
    if role == "patient":
        if passive:
            if verb.dep_ == "acl":
                return [verb.head]
            return [s for s in subjects(verb) if s.dep_ in PASSIVE_SUBJECTS]
        return [c for c in verb.children if c.dep_ in OBJECTS]
    if role.startswith("prep:"):
        wanted = set(role[5:].split("|"))
        holders = [verb, *(c for c in verb.children if c.dep_ in OBJECTS)]
        return [p for h in holders for p in _prep_objects(h, wanted)]
    raise ValueError(f"unknown role {role!r}")


def _noun_role(noun: Token, role: str) -> list[Token]:
    if role == "agent":
        own = [c for c in noun.children
               if c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i)]
        if own:
            return own
        governor = _light_verb(noun)
        return role_tokens(governor, "agent") if governor is not None else []
    if role == "governor":
        # Only the subject of the light verb, for when the noun's own modifiers are not
        # the agent ("Nordwind closed a $5m Series A round": "Series A" is no agent).
        governor = _light_verb(noun)
        return role_tokens(governor, "agent") if governor is not None else []
    if role == "patient":
        return list(_prep_objects(noun, {"of"}))
    if role.startswith("prep:"):
        wanted = set(role[5:].split("|"))
        found = list(_prep_objects(noun, wanted))
        governor = _light_verb(noun)
        if not found and governor is not None:
            found = list(_prep_objects(governor, wanted))
        return found
    raise ValueError(f"unknown role {role!r}")


def _light_verb(noun: Token) -> Token | None:
    """The verb that makes a nominal trigger an event: "imposed a ban", "a ban was
    imposed"; None when the noun is not its object (or passive subject)."""
    head = noun.head
    if head.i == noun.i or not is_verbal(head):
        return None
    if noun.dep_ in OBJECTS | PASSIVE_SUBJECTS and head.lemma_.lower() in LIGHT_VERBS:
        return head
    return None


def _prep_objects(token: Token, wanted: set[str]) -> Iterator[Token]:
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in wanted:
            yield from (c for c in child.children if c.dep_ == "pobj")


def negated(trigger: Token) -> bool:
    """A negator on the trigger or on a verb that governs it ("did not block",
    "has never raised", "no ban on ...")."""
    token: Token | None = trigger
    while token is not None:
        if any(c.dep_ == "neg" or c.lower_ in ("no", "never") for c in token.children):
            return True
        if token.head.i == token.i or token.dep_ not in ("xcomp", "conj", "dobj", "pobj", "prep"):
            break
        token = token.head
    return False
