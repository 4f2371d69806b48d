"""`annotate`: time expressions of an article, with quoted words anchored when they were said."""

from __future__ import annotations

import re
from datetime import date

from dateline.model import Article, Quote, TimeMention
from dateline.timex import tense
from dateline.timex.tagger import tag

SPEECH_DAY_TYPES = frozenset({"DATE", "TIME"})
# A reporting verb, at most three words, then the day: 'said on Monday', 'told reporters late
# on Monday'. The day is when the words were said, the moment their weekdays count from.
REPORTED_ON = re.compile(
    r"\b(?:said|says|told|announced|added|stated|confirmed|declared|warned|explained|reported)"
    r"(?:\W+\w+){0,3}?\W+(?:(?:late|early)\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)
REPORTING_REACH = 40  # characters before a day searched for its reporting verb


def article_anchor(article: Article) -> date | None:
    """The publication date, the reader's default anchor."""
    published = article.published.date if article.published else None
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def day_of(mention: TimeMention) -> date | None:
    """The calendar day a mention names, when it names one."""
    if mention.type not in SPEECH_DAY_TYPES or mention.precision not in ("day", "time"):
        return None
    try:
        return date.fromisoformat(mention.value[:10])
    except ValueError:
        return None


def sentence_span(article: Article, quote: Quote) -> tuple[int, int]:
    """Body offsets of the sentence a quote belongs to (the quote itself when unknown)."""
    if 0 <= quote.sentence < len(article.sentences):
        sent = article.sentences[quote.sentence]
        return min(sent.start, quote.start), max(sent.end, quote.end)
    return quote.start, quote.end


def speech_day(
    article: Article, quote: Quote, mentions: list[TimeMention], anchor: date | None
) -> date | None:
    """When the words were said: a day in the reporting clause ('Lavrov said Friday'), else the anchor."""
    start, end = sentence_span(article, quote)
    outside = [
        m for m in mentions
        if start <= m.start and m.end <= end and (m.end <= quote.start or m.start >= quote.end)
    ]  # fmt: skip
    days = [d for d in map(day_of, outside) if d is not None and (anchor is None or d <= anchor)]
    return days[0] if days else anchor  # words are said before they are published


def retag_quote(
    article: Article, quote: Quote, spoken: date, mentions: list[TimeMention]
) -> list[TimeMention]:
    """Mentions with those inside the quote resolved against the moment of speaking."""
    inside = tag(article.body[quote.start : quote.end], spoken)
    for mention in inside:
        mention.start += quote.start
        mention.end += quote.start
    kept = [m for m in mentions if m.end <= quote.start or m.start >= quote.end]
    return sorted([*kept, *inside], key=lambda m: m.start)


def reported_day(text: str, mention: TimeMention, anchor: date | None) -> date | None:
    """The day of a 'said on Monday' mention (on or before publication), else None."""
    day = day_of(mention)
    if day is None or (anchor is not None and day > anchor):
        return None
    return day if REPORTED_ON.search(text[max(0, mention.start - REPORTING_REACH) : mention.start]) else None


def anchor_on_speech_days(text: str, mentions: list[TimeMention], anchor: date | None) -> list[TimeMention]:
    """Weekdays in a sentence that says when it was said count from that day.

    'The convoy will leave on Wednesday, an official said on Monday': Wednesday is the one
    after that Monday, which may be before publication; 'left on Wednesday' the one before it.
    """
    out = list(mentions)
    for said in [m for m in mentions if reported_day(text, m, anchor)]:
        start, end = tense.sentence_start(text, said.start), tense.sentence_end(text, said.start)
        retagged = {(m.start + start, m.end + start): m for m in tag(text[start:end], day_of(said))}
        for i, m in enumerate(out):
            again = retagged.get((m.start, m.end))
            if m is not said and start <= m.start < end and m.weekday is not None and again is not None:
                again.start, again.end = m.start, m.end
                out[i] = again
    return out


def annotate(article: Article) -> None:
    """Set `article.timexes` (with sentence indices) and each quote's `date`, in place."""
    anchor = article_anchor(article)
    mentions = anchor_on_speech_days(article.body, tag(article.body, anchor), anchor)
    for quote in article.quotes:
        if quote.nested_in is not None or quote.end <= quote.start:
            continue
        spoken = speech_day(article, quote, mentions, anchor)
        quote.date = spoken.isoformat() if spoken else None
        if spoken is not None and spoken != anchor:
            mentions = retag_quote(article, quote, spoken, mentions)
    for quote in article.quotes:
        if quote.nested_in is not None and 0 <= quote.nested_in < len(article.quotes):
            quote.date = article.quotes[quote.nested_in].date
    for mention in mentions:
        sentence = article.sentence_at(mention.start)
        mention.sentence = sentence.index if sentence else None
    article.timexes = mentions
