"""The one data model every stage reads and writes.

Stages pass these dataclasses, never loose dicts; `store` maps them to SQLite and
`export` maps them to the JSON contract. Dates are ISO strings ('2016-08-15') so that a
record round-trips through JSON and SQLite unchanged. Character offsets always point into
`Article.body`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, TypeVar

import cattrs

T = TypeVar("T")


@dataclass(slots=True)
class RawDocument:
    """One input article as ingest found it, before any judgement."""

    source: str  # full path of the input file; 'path#3' for the third record of a feed or archive
    text: str | None = None  # already-extracted text (plain-text input)
    html: str | None = None  # page HTML (HTML, JSON Lines or WARC input)
    url: str | None = None
    title: str | None = None  # title given by the input's metadata, if any
    published: str | None = None  # date given by the input's metadata, if any
    outlet: str | None = None  # outlet given by the input's metadata, if any
    fetched: str | None = None  # crawl time: never a publication date
    record: int | None = None  # line or record number in a multi-article file; None for a whole file


@dataclass(slots=True)
class RejectedDate:
    """A date seen on the page and judged not to be the publication date."""

    text: str
    why: str


@dataclass(slots=True)
class PublishedDate:
    """The publication date with the evidence it was judged on."""

    date: str | None = None
    time: str | None = None
    method: str = "unknown"  # explicit | inferred | unknown
    confidence: float = 0.0
    evidence: str | None = None
    not_before: str | None = None
    not_after: str | None = None
    rejected: list[RejectedDate] = field(default_factory=list)


@dataclass(slots=True)
class Dateline:
    """The article's dateline, e.g. 'HAMBURG (Sputnik) —' gives place and agency."""

    place: str | None = None
    agency: str | None = None
    text: str | None = None


@dataclass(slots=True)
class Sentence:
    """A sentence of the cleaned body."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(slots=True)
class Entity:
    """A named entity found by the NLP stage."""

    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, LOC, ...
    start: int
    end: int
    sentence: int


@dataclass(slots=True)
class TimeMention:
    """A time expression resolved to the calendar (TIMEX3 type and value)."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value: '2016-08-15', 'P3D', 'PAST_REF', 'XXXX-XX-XX' ...
    anchor: str | None = None  # the date it was resolved against
    end_value: str | None = None  # end of an interval ('2016-11-04T19:00')
    precision: str | None = None  # day | week | month | year | time | None
    tense: str | None = None  # past | future | None
    weekday: int | None = None  # 0=Monday; kept when no anchor settles the date
    sentence: int | None = None


@dataclass(slots=True)
class Quote:
    """Something someone said: quoted words or reported content."""

    text: str
    direct: bool
    speaker: str | None = None  # the mention as resolved in this article ('Sergei Lavrov')
    speaker_id: str | None = None  # canonical speaker key after cross-article linking
    speaker_role: str | None = None  # 'Russian Foreign Minister'
    cue: str | None = None  # 'said', 'told', 'accused'
    sentence: int = 0  # index into Article.sentences
    start: int = 0  # offsets of `text` in the body
    end: int = 0
    date: str | None = None  # when it was said
    nested_in: int | None = None  # index of the quote that contains this one
    kind: str = "speech"  # speech (said, told, according to, a colon) | stance (wants, believes, backs)
    cue_start: int | None = None  # body offset of the cue word
    source_start: int | None = None  # body offsets of the in-text source mention ('he', 'the minister')
    source_end: int | None = None
    speaker_kind: str | None = None  # person | organisation | unknown (a description), as the article gives it


@dataclass(slots=True)
class Claim:
    """A figure the article gives: '80 percent of Eastern Aleppo', '300,000 civilians'."""

    value: float
    what: str
    unit: str | None = None
    attributed_to: str | None = None
    sentence: int = 0
    text: str = ""  # the figure as written


@dataclass(slots=True)
class EventMention:
    """One sentence's report of something that happened (or is scheduled)."""

    kind: str  # ceasefire, pause, strike, assault, talks, statement, evacuation, ...
    sentence: int
    trigger: str
    action: str | None = None  # declared | extended | ended | refused | ...
    date: str | None = None
    end: str | None = None
    precision: str | None = None
    time: str | None = None  # '09:00-19:00'
    place: str | None = None
    actors: list[str] = field(default_factory=list)
    background: bool = False  # 'since the war broke out in March 2011'
    scheduled: bool = False  # future event
    weekday: int | None = None  # weekday constraint when the date is not known
    subordinate: bool = False  # trigger in a who/which clause or the like: a side note of its sentence


@dataclass(slots=True)
class Article:
    """An article through every per-article stage."""

    id: str
    source: str
    body: str = ""
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None
    language: str | None = None
    dateline: Dateline | None = None
    published: PublishedDate = field(default_factory=PublishedDate)
    removed: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    story: str | None = None
    duplicate_of: str | None = None
    warnings: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[TimeMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that holds a body offset (sentences are in body order)."""
        i = bisect_right(self.sentences, offset, key=lambda sent: sent.start) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None


@dataclass(slots=True)
class SourceRef:
    """Which outlet's article says it, and in which sentence (verbatim)."""

    article: str
    outlet: str | None
    sentence: str


@dataclass(slots=True)
class TimelineEntry:
    """One event of a story, with every source that reports it."""

    id: str
    date: str | None
    precision: str
    kind: str
    summary: str
    sources: list[SourceRef]
    end: str | None = None
    time: str | None = None
    actors: list[str] = field(default_factory=list)
    place: str | None = None
    background: bool = False


@dataclass(slots=True)
class Speaker:
    """One person or organisation that speaks, under all its names."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    quotes: int = 0


@dataclass(slots=True)
class StoryClaim:
    """A figure as a story lists it, with the claims it conflicts with."""

    value: float
    what: str
    article: str
    outlet: str | None
    sentence: str
    unit: str | None = None
    attributed_to: str | None = None
    conflicts_with: list[int] = field(default_factory=list)


@dataclass(slots=True)
class FramingTerm:
    """A word an outlet uses in its own voice for an actor."""

    outlet: str
    refers_to: str
    term: str
    count: int


@dataclass(slots=True)
class Story:
    """A cluster of articles on one running thread, told as a timeline."""

    id: str
    title: str
    articles: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    summary: str = ""
    timeline: list[TimelineEntry] = field(default_factory=list)
    claims: list[StoryClaim] = field(default_factory=list)
    framing: list[FramingTerm] = field(default_factory=list)


_converter = cattrs.Converter(omit_if_default=False)


def to_dict(obj: Any) -> Any:
    """A JSON-ready dict of any model object."""
    return _converter.unstructure(obj)


def from_dict(data: Any, cls: type[T]) -> T:
    """The model object a `to_dict` result came from."""
    return _converter.structure(data, cls)
