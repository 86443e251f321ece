"""DEVELOPS without a making verb: possession, series, product families and names.

News often ties a product to its maker by grammar alone: a possessive on a product
noun with the names in apposition ("its immersion scanners, the A1 and the A2",
"Kestrel's chips, from the Tern 2 upwards"), a first-person apposition in an
interview ("Tern 3, our next chip"), a making verb on the items of a named series
("the Tern series of chips developed by Kestrel"), or a model named as a member of
a family whose maker the article already gave ("Tern 4" after "Kestrel's Tern").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from blocgraph.ingest.mention_types import Sentence
from blocgraph.ingest.rules.frames import ORGS, PRODUCTS
from blocgraph.ingest.rules.parse_args import Arguments, parsed

# Nouns for what a company makes; possessed by an organisation they name its own product.
OWN_PRODUCT_NOUNS = frozenset({
    "model", "chip", "processor", "accelerator", "chatbot", "assistant", "app", "gpu",
    "system", "platform", "supercomputer", "agent", "scanner", "machine", "product",
    "series", "family", "line", "software", "tool", "engine", "llm", "device",
})
# Collections whose members a making verb on "the X series of chips" is about.
SERIES_NOUNS = frozenset({"series", "family", "line", "generation", "range", "lineup"})
FIRST_PERSON_POSSESSIVES = frozenset({"our", "ours"})
# Verbs whose object a possessor holds as a user or buyer: "runs its chips, the A1 ...".
USING_VERBS = frozenset({"use", "run", "deploy", "operate", "buy", "rent", "lease", "install",
                         "license", "acquire", "order", "purchase", "replace"})


def series_object(args: Arguments, trigger: Token) -> list[str]:
    """"the Tern series of AI chips developed by Kestrel": the participle modifies the
    chips, but the named product is the series they belong to."""
    if trigger.dep_ != "acl":
        return []
    noun = trigger.head
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or prep.head.lemma_.lower() not in SERIES_NOUNS:
        return []
    return [m.entity_id for m in args.of(prep.head) if m.type in PRODUCTS and m.entity_id]


def possessed_products(sentence: Sentence, speaker: str | None,
                       developers: dict[str, str] | None = None
                       ) -> list[tuple[str, str, float]]:
    """(org, model, confidence) for a product noun an organisation possesses, with the
    product named in, beside or listed after it ("its scanners, the A1 and A2"), or a
    product named and then described as "our next chip". A product whose maker the
    article already named otherwise is only owned here ("the bank's Tern chips")."""
    known = developers or {}
    span = parsed(sentence)
    if span is None:
        return []
    args = Arguments(span, sentence.mentions)
    found: list[tuple[str, str, float]] = []
    for noun in span:
        if noun.lemma_.lower() not in OWN_PRODUCT_NOUNS or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        owners = [c for c in noun.children if c.dep_ == "poss"]
        if len(owners) != 1:
            continue
        maker = _owner(args, owners[0], speaker)
        if maker is None or _used(noun):
            continue
        products = [m for m in args.of(noun) if m.type in PRODUCTS and m.entity_id]
        if noun.dep_ == "appos":
            products += [m for m in args.of(noun.head) if m.type in PRODUCTS and m.entity_id]
        share = noun.head.head
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and share.pos_ in ("NUM", "ADJ"):
            # "two of its scanners, the A1 and A2": the names may hang off the number.
            products += [m for m in args.of(share) if m.type in PRODUCTS and m.entity_id]
        products += [m for p in noun.children if p.dep_ == "prep" and p.lower_ == "from"
                     for o in p.children if o.dep_ == "pobj"
                     for m in args.of(o) if m.type in PRODUCTS and m.entity_id]
        others = [m for t in noun.subtree for m in [args.mention_at(t)]
                  if m is not None and m.type in ORGS and m.entity_id not in (None, maker)
                  and t.i != owners[0].i]
        if others:
            continue  # "its rival's chips", "its Harbour-made chips": not plainly its own
        found += [(maker, m.entity_id, 0.75) for m in products
                  if m.entity_id and m.entity_id != maker
                  and known.get(m.entity_id, maker) == maker]
    return found


def _used(noun: Token) -> bool:
    """The noun (or the share of it: "two of its chips") is what a using verb takes."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        noun = noun.head.head
    return noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in USING_VERBS


def _owner(args: Arguments, owner: Token, speaker: str | None) -> str | None:
    if owner.lower_ in FIRST_PERSON_POSSESSIVES:
        return speaker
    mention = args.mention_at(owner)
    if mention is None or mention.type not in ORGS or not mention.entity_id:
        return None
    return mention.entity_id


def family_maker(model: str, developers: dict[str, str]) -> str | None:
    """The maker of the family a model's id extends ("tern-4" of "tern"), where the
    article already named the family's maker; the longest family wins."""
    families = [f for f in developers if model.startswith(f + "-") and f != model]
    if not families:
        return None
    return developers[max(families, key=len)]


def prefixed_maker(text: str, makers: dict[str, str]) -> str | None:
    """"Kestrel Tern Max": a product whose own name opens with an organisation's name
    (``makers`` maps lower-cased names and aliases of the article's organisations to
    their ids); the longest name wins, and the name must leave a product name after it."""
    lowered = text.lower()
    names = [n for n in makers if lowered.startswith(n + " ") and len(lowered) > len(n) + 1]
    return makers[max(names, key=len)] if names else None


def copular_maker(sentence: Sentence, makers: dict[str, str]) -> list[tuple[str, str, float]]:
    """"Boreas is a Kestrel supercomputer", "Boreas is a Kestrel Tern Max": a product
    said to be a product of a named maker is that maker's."""
    span = parsed(sentence)
    if span is None:
        return []
    args = Arguments(span, sentence.mentions)
    found: list[tuple[str, str, float]] = []
    for attr in span:
        if attr.dep_ != "attr" or attr.head.lemma_ != "be" or attr.pos_ not in ("NOUN", "PROPN"):
            continue
        subject = [m for s in attr.head.children if s.dep_ == "nsubj" for m in args.of(s)
                   if m.type in PRODUCTS and m.entity_id]
        if len(subject) != 1 or any(c.dep_ == "neg" for c in attr.head.children):
            continue
        maker = None
        for part in (c for c in attr.children if c.dep_ == "compound" and c.i < attr.i):
            mention = args.mention_at(part)
            if mention is not None and mention.type in ORGS and mention.entity_id:
                maker = mention.entity_id
            elif mention is not None and mention.type in PRODUCTS:
                maker = prefixed_maker(mention.text, makers)
            if maker:
                break
        own = args.mention_at(attr)
        if maker is None and own is not None and own.type in PRODUCTS:
            maker = prefixed_maker(own.text, makers)
        if maker and subject[0].entity_id and maker != subject[0].entity_id:
            found.append((maker, subject[0].entity_id, 0.7))
    return found


def answered_production(sentence: Sentence, speaker: str | None
                        ) -> list[tuple[str, str, float]]:
    """"A: Tern is in mass production": in an interview's answer (opened by "A:" here,
    or by an "A:" cut off as the sentence before), a product the speaker says is in
    production or shipping is the speaker organisation's own."""
    span = parsed(sentence)
    if span is None or speaker is None:
        return []
    before = span.doc[span.start - 1].sent.text if span.start > 0 else ""
    if not (ANSWER.match(span.text) or ANSWER.fullmatch(before)):
        return []
    args = Arguments(span, sentence.mentions)
    found: list[tuple[str, str, float]] = []
    for verb in span:
        if any(c.dep_ == "neg" for c in verb.children) or not _producing(verb):
            continue
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            found += [(speaker, m.entity_id, 0.65) for m in args.of(subject)
                      if m.type in PRODUCTS and m.entity_id and m.entity_id != speaker]
    return found


ANSWER = re.compile(r"\s*A\s*:\s*")
PRODUCTION_VERBS = frozenset({"ship", "sample"})


def _producing(verb: Token) -> bool:
    """"is in (mass|volume) production", "is shipping", "ships", "is sampling"."""
    if verb.lemma_ == "be":
        return any(p.lower_ == "in" and any(o.lemma_.lower() == "production" for o in p.children)
                   for p in verb.children if p.dep_ == "prep")
    return verb.lemma_.lower() in PRODUCTION_VERBS and not any(
        c.dep_ in ("dobj", "nsubjpass") for c in verb.children)
