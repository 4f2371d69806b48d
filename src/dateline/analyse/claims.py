"""Figures an article gives ('about 800 families', '72-hour truce', '80 percent of ...').

Candidates are runs of cardinal-number tokens found by spaCy; a judge drops those that
are dates, times, ordinals, scores or that count nothing, and keeps its reason. A kept
figure becomes a `Claim`: its value, the thing it counts (the counted noun found through
the dependency parse, as a lemma phrase), a unit, and the speaker when the figure sits
inside quoted or reported speech (from `article.quotes`), otherwise the outlet's own voice.
The vocabulary (person nouns, durations, percent words, scales) is `data/claims.toml`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Span, Token
from text_to_num import text2num

from dateline.model import Article, Claim

# Entity labels whose numbers are not counts of anything: dates, clock times, ranks.
NON_FIGURE_LABELS = frozenset({"DATE", "TIME", "ORDINAL"})
# Entity labels that carry a figure; their span gives the written hedge ('about', 'over').
FIGURE_LABELS = frozenset({"CARDINAL", "PERCENT", "QUANTITY", "MONEY"})
# Dependency relations by which a number counts a noun ('800 families', '72-hour').
COUNTING_DEPS = frozenset({"nummod", "compound", "quantmod"})
# Modifiers kept in the name of a counted noun: 'aid lorry', not 'six Russian bomber'
# (adjectives vary between outlets for the same count) ...
COUNTED_NOUN_DEPS = frozenset({"compound"})
# ... but kept in its 'of' complement, where they say which place or group is meant
# ('percent of territory of eastern town').
COMPLEMENT_DEPS = frozenset({"compound", "amod"})
# Determiners that make 'the two sides' a reference to known things rather than a count.
DEFINITE_DETERMINERS = frozenset({"the", "these", "those", "both"})
# How far (in tokens) a counted noun may stand from its number and still be quoted in the
# figure's text: covers 'about 800 displaced families' but not a noun across a clause.
MAX_NOUN_GAP = 3


@dataclass(frozen=True)
class ClaimVocabulary:
    """Words the extractor needs to name units: people, durations, percent, scales."""

    people: frozenset[str] = frozenset()
    durations: frozenset[str] = frozenset()
    percent: frozenset[str] = frozenset()
    vague: frozenset[str] = frozenset()
    scales: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_toml(cls, text: str) -> ClaimVocabulary:
        """Parse a vocabulary file of the shape of `data/claims.toml`."""
        data = tomllib.loads(text)
        sets = {k: frozenset(data.get(k, [])) for k in ("people", "durations", "percent", "vague")}
        return cls(**sets, scales=dict(data.get("scales", {})))


@lru_cache(maxsize=4)
def load_vocabulary(extra: Path | None = None) -> ClaimVocabulary:
    """The shipped vocabulary, extended by a user's TOML file of the same shape."""
    shipped = resources.files("dateline.data").joinpath("claims.toml").read_text("utf-8")
    base = ClaimVocabulary.from_toml(shipped)
    if extra is None:
        return base
    more = ClaimVocabulary.from_toml(extra.read_text(encoding="utf-8"))
    return ClaimVocabulary(
        people=base.people | more.people,
        durations=base.durations | more.durations,
        percent=base.percent | more.percent,
        vague=base.vague | more.vague,
        scales={**base.scales, **more.scales},
    )


def extract_claims(
    article: Article, doc: Doc, *, vocabulary: ClaimVocabulary | None = None
) -> list[Claim]:
    """Every figure of a parsed body that counts something, with who gives it."""
    vocab = vocabulary or load_vocabulary()
    claims = []
    for number in number_runs(doc, vocab):
        if reject_reason(number, vocab) is None:
            claim = claim_from_number(article, number, vocab)
            if claim is not None:
                claims.append(claim)
    return claims


def number_runs(doc: Doc, vocab: ClaimVocabulary) -> Iterator[Span]:
    """Candidates: maximal runs of cardinal tokens ('1,200', 'two hundred', '2.5 million')."""
    start = None
    for token in doc:
        inside = token.tag_ == "CD" or (start is not None and token.lower_ in vocab.scales)
        if inside and start is None:
            start = token.i
        elif not inside and start is not None:
            yield doc[start : token.i]
            start = None
    if start is not None:
        yield doc[start:]


def reject_reason(number: Span, vocab: ClaimVocabulary) -> str | None:
    """Why a number run is not a figure (None when it is one)."""
    if duration_noun(number, vocab) is not None:
        return None
    if number[0].ent_type_ in NON_FIGURE_LABELS:
        return f"part of a {number[0].ent_type_} expression"
    if is_score(number):
        return "a score or range ('3-1')"
    noun = counted_noun(number)
    if noun is None and number[0].ent_type_ != "MONEY":
        return "counts no noun"
    if noun is None:
        return None
    if any(t.dep_ == "det" and t.lower_ in DEFINITE_DETERMINERS for t in noun.lefts):
        return "a definite reference ('the two sides'), not a count"
    if noun.pos_ == "PROPN" and noun.lower_ not in vocab.percent:
        return "modifies a proper name"
    return None


def is_score(number: Span) -> bool:
    """True for '3-1' style scores and ranges, whose numbers are not counts."""
    doc = number.doc
    after = doc[number.end : number.end + 2]
    before = doc[max(number.start - 2, 0) : number.start]
    return (len(after) == 2 and after[0].text in "-–" and after[1].tag_ == "CD") or (
        len(before) == 2 and before[1].text in "-–" and before[0].tag_ == "CD"
    )


def counted_noun(number: Span) -> Token | None:
    """The noun a number counts: its head by a counting relation, else the 'of' object."""
    last = number[-1]
    if (
        last.dep_ in COUNTING_DEPS
        and last.head.pos_ in ("NOUN", "PROPN")
        and last.head not in number
    ):
        return last.head
    return None


def duration_noun(number: Span, vocab: ClaimVocabulary) -> Token | None:
    """The time unit of a hyphenated duration ('72-hour'), which is a figure, not a time."""
    doc = number.doc
    if number.end + 1 >= len(doc) or doc[number.end].text != "-":
        return None
    unit = doc[number.end + 1]
    return unit if unit.lemma_.lower() in vocab.durations else None


def claim_from_number(article: Article, number: Span, vocab: ClaimVocabulary) -> Claim | None:
    """The claim a judged figure makes, or None when its value cannot be read."""
    value = number_value(number, vocab)
    if value is None:
        return None
    what, unit, noun = counted_thing(number, vocab)
    return Claim(
        value=value,
        what=what,
        unit=unit,
        attributed_to=speaker_at(article, number.start_char),
        sentence=sentence_index(article, number),
        text=number.doc[figure_start(number) : figure_end(number, noun)].text,
    )


def counted_thing(number: Span, vocab: ClaimVocabulary) -> tuple[str, str | None, Token | None]:
    """What a figure counts, its unit, and the noun the written figure ends on."""
    duration = duration_noun(number, vocab)
    if duration is not None:
        unit = duration.lemma_.lower() + "s"
        if duration.head.i == duration.i:
            return "duration", unit, duration
        return lemma_phrase(duration.head, vocab, skip=duration), unit, duration.head
    noun = counted_noun(number)
    if number[0].ent_type_ == "MONEY":
        return "money", currency_of(number, noun), noun
    return lemma_phrase(noun, vocab), unit_of(noun, vocab), noun


def currency_of(number: Span, noun: Token | None) -> str | None:
    """The currency of a money figure: the counted noun ('dollars') or the symbol ('$')."""
    if noun is not None:
        return noun.lemma_.lower()
    symbols = [t.text for t in number.doc[max(number.start - 1, 0) : number.start] if t.is_currency]
    return symbols[0] if symbols else None


def number_value(number: Span, vocab: ClaimVocabulary) -> float | None:
    """The value of a number run: digits, number words, and a trailing scale word."""
    words = [t.lower_ for t in number]
    scale = 1.0
    if len(words) > 1 and words[-1] in vocab.scales:
        scale, words = vocab.scales[words[-1]], words[:-1]
    text = " ".join(words)
    try:
        return float(text.replace(",", "")) * scale
    except ValueError:
        pass
    try:
        return float(text2num(text, "en")) * scale
    except ValueError:
        return None


def unit_of(noun: Token, vocab: ClaimVocabulary) -> str | None:
    """'percent' for shares, 'people' for person counts, None for counts of other things."""
    if is_percent(noun, vocab):
        return "percent"
    if noun.lemma_.lower() in vocab.people or noun.lower_ in vocab.people:
        return "people"
    return None


def is_percent(token: Token, vocab: ClaimVocabulary) -> bool:
    """True for 'percent', 'per cent', '%'."""
    return token.lemma_.lower() in vocab.percent or token.lower_ in vocab.percent


def lemma_phrase(
    noun: Token,
    vocab: ClaimVocabulary,
    *,
    skip: Token | None = None,
    deps: frozenset[str] = COUNTED_NOUN_DEPS,
) -> str:
    """A normalised name for a counted noun: modifiers, lemma, then its 'of' complement."""
    words = [
        t.lemma_.lower() for t in noun.lefts if t.dep_ in deps and (skip is None or t.i != skip.i)
    ]
    words.append("percent" if is_percent(noun, vocab) else noun.lemma_.lower())
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [t for t in child.children if t.dep_ == "pobj"]
            if objects:
                words += ["of", lemma_phrase(objects[0], vocab, deps=COMPLEMENT_DEPS)]
    return " ".join(words)


def figure_start(number: Span) -> int:
    """Where the written figure starts: the entity's hedge ('about', 'as many as') included."""
    entity_start = number.start
    for ent in number.doc.ents:
        if ent.label_ in FIGURE_LABELS and ent.start <= number.start < ent.end:
            entity_start = ent.start
    return entity_start


def figure_end(number: Span, noun: Token | None) -> int:
    """Where the written figure ends: after the counted noun when it follows closely."""
    if noun is not None and number.end <= noun.i <= number.end + MAX_NOUN_GAP:
        return noun.i + 1
    return number.end


def speaker_at(article: Article, offset: int) -> str | None:
    """The speaker of the innermost quote (direct or reported) that holds a body offset."""
    holding = [q for q in article.quotes if q.start <= offset < q.end]
    if not holding:
        return None
    return min(holding, key=lambda q: q.end - q.start).speaker


def sentence_index(article: Article, number: Span) -> int:
    """The article sentence that holds a figure (the parse's own count when none match)."""
    found = article.sentence_at(number.start_char)
    if found is not None:
        return found.index
    return sum(1 for sent in number.doc.sents if sent.end <= number.start)
