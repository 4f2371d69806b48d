"""Validators: judge date candidates, keep the publication date and say why the others lost."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dateline.dates.candidates import (
    CAPTION,
    CLOCK,
    COMMENT,
    COPYRIGHT_LINE,
    DATELINE,
    HEADER,
    HTMLDATE,
    LIST_STAMP,
    METADATA,
    PAGE_NOTE,
    RELATED,
    STAMP,
    TEXT,
    UPDATE_STAMP,
    DateCandidate,
)

# How far the judge trusts each place a date is printed; the best surviving one wins.
# A stamp (a date printed with a publication word, a clock or a place bar) is surer than a
# bare header date; an update stamp loses to the original date when both are printed.
SOURCE_CONFIDENCE = {METADATA: 0.95, STAMP: 0.93, HEADER: 0.9, UPDATE_STAMP: 0.87, DATELINE: 0.85, HTMLDATE: 0.8}
# A header date with a clock time is a publication stamp more surely than a bare date.
NO_TIME_PENALTY = 0.05
# Reasons a candidate from these places never publishes an article.
NEVER_PUBLICATION = {
    CLOCK: "page-render clock: a time of day and zone printed before the date, above the headline",
    CAPTION: "photo caption: the date of the picture, not of the article (bounds it from below)",
    COPYRIGHT_LINE: "copyright notice: the site's year, not the article's",
    RELATED: "date in the page furniture after the story (related-article links)",
    TEXT: "date of an event in running text, not a publication stamp (bounds it from below)",
    LIST_STAMP: "one of several stamps on different days: the page lists items (videos, entries, links)",
    COMMENT: "date in a reader comment: neither the article's date nor a bound",
    PAGE_NOTE: "a note on the page's history (print edition, correction): neither its date nor a bound",
}
# Bare dates printed in the page's text, which the story's own text can contradict. Stamps
# (a date with a clock, a publication word or a place bar), markup and input metadata are the
# publisher's own statement and are not second-guessed by dates the story mentions.
PRINTED_ON_PAGE = frozenset({HEADER, DATELINE, CLOCK})
# A stamp more than this many years after every year the story mentions, in a story that
# reports its events by weekday or 'yesterday', is not the story's date.
MAX_YEARS_AFTER_TEXT = 2
RECENT_REFERENCE = re.compile(
    r"(?i)\b(?:yesterday|today|tonight|this (?:week|morning|evening)|"
    r"(?:on |last )?(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
)
FUTURE_CUE = re.compile(r"(?i)\b(?:will|would|shall|scheduled|planned|due to|next|upcoming|expected to)\b")


@dataclass
class TextEvidence:
    """What the story's text says about when it was written."""

    latest_year: int | None
    recent: bool  # reports events by weekday or 'yesterday'
    not_before: DateCandidate | None  # latest past date a caption or the text reports
    not_after: str | None  # crawl date


def reject_reason(candidate: DateCandidate, evidence: TextEvidence) -> str | None:
    """Why a candidate cannot be the publication date (all reasons found), or None if it can."""
    reasons = [NEVER_PUBLICATION[candidate.source]] if candidate.source in NEVER_PUBLICATION else []
    day = date.fromisoformat(candidate.date)
    if candidate.weekday is not None and candidate.weekday != day.weekday():
        reasons.append(f"the weekday printed beside it does not fall on {candidate.date}")
    if evidence.not_after and candidate.date > evidence.not_after:
        reasons.append(f"later than the crawl time ({evidence.not_after})")
    printed = candidate.source in PRINTED_ON_PAGE
    if printed and too_late_for_text(day, evidence):
        reasons.append(
            f"later than everything the text reports (latest year mentioned: "
            f"{evidence.latest_year}; the story reports its events by weekday)"
        )
    bound = evidence.not_before
    if printed and bound and candidate.date < bound.date:
        reasons.append(f"earlier than a date the page reports as past ({bound.date})")
    return "; ".join(reasons) or None


def too_late_for_text(day: date, evidence: TextEvidence) -> bool:
    """A stamp years after all the story mentions, in a story told as recent news."""
    if evidence.latest_year is None or not evidence.recent:
        return False
    return day.year - evidence.latest_year > MAX_YEARS_AFTER_TEXT


def confidence_of(candidate: DateCandidate) -> float:
    """How far the judge trusts a surviving candidate, by where it was printed."""
    base = SOURCE_CONFIDENCE.get(candidate.source, 0.5)
    return base - (NO_TIME_PENALTY if candidate.time is None and candidate.source == HEADER else 0)


def lower_bound(candidates: list[DateCandidate], body: str) -> DateCandidate | None:
    """The latest date that a caption or the text reports as past: the article is not older."""
    past = [
        c for c in candidates
        if c.source == CAPTION or (c.source == TEXT and not FUTURE_CUE.search(sentence_of(c, body)))
    ]
    return max(past, key=lambda c: c.date, default=None)


def sentence_of(candidate: DateCandidate, body: str) -> str:
    """The paragraph around a running-text date, to see whether it looks forward."""
    return candidate.text if candidate.text in body else ""
