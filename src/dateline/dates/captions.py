"""Infer an undated article's day from a current photo caption and the weekdays its text reports.

A caption's date is the day the picture was taken, never by itself the publication date
(the judge rejects it). But when the text reports its events by weekday ('said on
Wednesday') and a caption of a current (not archive) photo falls on that weekday, a reader
takes the caption's day as the day of the report. Archive photos ('FILE -') say nothing
about the report's day and are never used.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from dateline import timex
from dateline.model import Article, PublishedDate

ARCHIVE_CAPTION = re.compile(r"^\s*(FILE|ARCHIVE)\b|\b(file|archive)\s+(photo|picture|image)\b", re.IGNORECASE)
CAPTION_DAY_CONFIDENCE = 0.5  # one caption and one weekday agree: a reading, not a statement


def past_weekdays(article: Article) -> dict[int, str]:
    """Weekdays the text reports in past tense, with the first sentence that names each."""
    found: dict[int, str] = {}
    for mention in article.timexes:
        if mention.weekday is not None and mention.tense != "future" and mention.precision == "day":
            sentence = article.sentences[mention.sentence].text if mention.sentence is not None else mention.text
            found.setdefault(mention.weekday, sentence)
    return found


def caption_days(caption: str) -> list[tuple[date, str]]:
    """Full calendar days a caption states, with their text."""
    days = []
    for mention in timex.tag(caption, None):
        if mention.type == "DATE" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", mention.value):
            days.append((date.fromisoformat(mention.value), mention.text))
    return days


def within_bounds(day: date, published: PublishedDate) -> bool:
    """Whether a day respects the bounds the judge already set."""
    if published.not_before and day.isoformat() < published.not_before:
        return False
    return not (published.not_after and day.isoformat() > published.not_after)


def infer_from_captions(article: Article) -> PublishedDate | None:
    """An inferred publication day, when a current caption's day is a weekday the text reports."""
    if article.published.method != "unknown":
        return None
    weekdays = past_weekdays(article)
    for caption in article.captions:
        if ARCHIVE_CAPTION.search(caption):
            continue
        for day, text in caption_days(caption):
            if day.weekday() in weekdays and within_bounds(day, article.published):
                return inferred(article.published, day, text, weekdays[day.weekday()])
    return None


def inferred(published: PublishedDate, day: date, caption_text: str, sentence: str) -> PublishedDate:
    """The inferred date, keeping the judge's bounds and rejections."""
    name = calendar.day_name[day.weekday()]
    evidence = (
        f"a current photo caption is dated {caption_text} (a {name}), the weekday the text reports "
        f"its events on: «{sentence}»"
    )
    return PublishedDate(
        date=day.isoformat(), method="inferred", confidence=CAPTION_DAY_CONFIDENCE, evidence=evidence,
        not_before=published.not_before, not_after=published.not_after, rejected=published.rejected,
    )
