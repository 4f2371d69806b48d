"""Publication stamps: the shapes in which a page states its own date at the top.

A stamp is a date printed as the page's statement of when it was written, not as an event
of the story: beside a publication word (`Published 12/03/2023`, `Updated ...`,
`24 July 2012 Last updated at 07:14 GMT`), with a clock time (`Mon Mar 06, 2023 17:42:10`,
`Saturday 15 January 2005 16.18 GMT`, RFC 2822 and ISO), after a place and a bar
(`TRIPOLI | Mon Feb 21, 2011 4:00 pm EST`), relative to the fetch time (`posted 3 hours ago`),
or in a wire dateline without a year (`ROME, Feb 21 (Reuters) -`), whose year the story's
own text supplies. Scraped pages often run the stamp into the first paragraph, so stamps are
looked for in the page's first characters whatever line they stand on.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from dateline.dates.candidates import (
    CAPTION,
    COPYRIGHT_LINE,
    DATELINE,
    MONTH,
    STAMP,
    UPDATE_STAMP,
    WEEKDAY_INDEX,
    DateCandidate,
    DateMatch,
    matches_in,
    page_lines,
    parse_date,
    source_of,
)
from dateline.model import Article, RawDocument

# Stamps stand within this many characters of the page's start (title, byline, stamp, dateline).
HEAD_CHARS = 600
# A publication word stands at most this many characters before the date it introduces...
CUE_BEFORE_CHARS = 30
# ... or right after it ('24 July 2012 Last updated at 07:14 GMT').
CUE_AFTER_CHARS = 25
PUBLISHED_CUE = re.compile(r"(?i)\b(?:published|posted|first published|created|released|date)\b")
UPDATED_CUE = re.compile(r"(?i)\b(?:updated|modified|last updated|last modified|revised)\b")
# A clock time with a zone or am/pm, or with seconds: the time a page was stamped.
ZONE = r"(?:[ap]\.?m\.?)?\s*(?:\b[A-Z]{2,4}T?\b|[+-]\d{2}:?\d{2}\b|Z\b)?"
CLOCK_AFTER = re.compile(rf"^(?:,?\s+|\s+at\s+|\s*[|T-]\s*)(\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?)\s*{ZONE}")
# A place and a bar stand at most this many characters before the date they introduce.
PLACE_BAR_CHARS = 45
PLACE_BAR = re.compile(r"[A-Z][A-Za-z.'’ -]{1,40}\s\|\s*(?:\d{1,2}[:.]\d{2}\s*(?:[ap]m\s*)?[A-Za-z ]{0,10},?\s*)?$")
BAR_AFTER = re.compile(r"\s*\|\s*[A-Z]")
# A yearless dateline's weekday is named within this many characters of the lede.
LEDE_CHARS = 300
LEDE_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# Wire datelines without a year: 'ROME, Feb 21 (Reuters) -', 'BELTON, Mo., Oct. 20 --'.
YEARLESS_DATELINE = re.compile(
    rf"(?<![\w,])(?P<place>[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Za-z.'’-]+){{0,3}}),(?:\s*[A-Z][a-z]+\.?,)?"
    rf"\s+(?P<month>(?i:{MONTH}))\s+(?P<day>\d{{1,2}})(?!\d|,?\s+\d{{4}})\s*(?:\((?P<agency>[^()]{{2,40}})\))?\s*[-–—]"
)
RELATIVE = re.compile(
    r"(?i)\b(?:posted|published|updated)\s+(?P<n>\d+|an?|one)\s+(?P<unit>minute|hour|day|week)s?\s+ago\b"
)
UNIT_HOURS = {"minute": 1 / 60, "hour": 1, "day": 24, "week": 168}


def cue_near(text: str, start: int, end: int) -> re.Match[str] | None:
    """A publication or update word just before or just after a date."""
    before = text[max(0, start - CUE_BEFORE_CHARS) : start]
    after = text[end : end + CUE_AFTER_CHARS]
    return (
        UPDATED_CUE.search(before) or PUBLISHED_CUE.search(before)
        or UPDATED_CUE.search(after) or PUBLISHED_CUE.search(after)
    )


def is_stamp(text: str, match: DateMatch) -> tuple[bool, str | None, bool]:
    """Whether a date in a line is printed as a stamp; its clock time; whether it is an update."""
    after = CLOCK_AFTER.match(text[match.end :])
    clock = match.time or (after.group(1) if after else None)
    zoned = bool(after and after.group(0).strip()[-1:].isalpha())
    cue = cue_near(text, match.start, match.end)
    barred = bool(
        PLACE_BAR.search(text[max(0, match.start - PLACE_BAR_CHARS) : match.start])
        or BAR_AFTER.match(text[match.end :])
    )
    stamped = bool(cue) or barred or zoned or bool(clock and ":" in clock)
    published_before = PUBLISHED_CUE.search(text[max(0, match.start - CUE_BEFORE_CHARS) : match.start])
    updated = bool(cue and UPDATED_CUE.fullmatch(cue.group(0)) and not published_before)
    return stamped, clock, updated


def stamp_candidates(doc: RawDocument, article: Article) -> list[DateCandidate]:
    """Dates the page's first characters print as stamps, and a stamp relative to the fetch time."""
    found = []
    offset = 0
    for line in page_lines(doc, article):
        if offset >= HEAD_CHARS:
            break
        if source_of(line, zone="header", article=article) not in (CAPTION, COPYRIGHT_LINE):
            for match in matches_in(line):
                stamped, clock, updated = is_stamp(line, match)
                if stamped and offset + match.start < HEAD_CHARS:
                    source = UPDATE_STAMP if updated else STAMP
                    found.append(DateCandidate(match.day.isoformat(), line, source, match.time or clock, match.weekday))
        offset += len(line) + 1
    relative = relative_stamp("\n".join(page_lines(doc, article))[:HEAD_CHARS], doc.fetched)
    return found + ([relative] if relative else [])


def relative_stamp(text: str, fetched: str | None) -> DateCandidate | None:
    """'posted 3 hours ago' read against the time the page was fetched."""
    match = RELATIVE.search(text)
    if not match or not fetched:
        return None
    count = 1 if not match["n"].isdigit() else int(match["n"])
    moment = datetime.fromisoformat(fetched.replace("Z", "+00:00")) - timedelta(hours=count * UNIT_HOURS[match["unit"].lower()])
    source = UPDATE_STAMP if "updated" in match.group(0).lower() else STAMP
    return DateCandidate(moment.date().isoformat(), f"{match.group(0)} (fetched {fetched})", source)


def yearless_dateline(text: str) -> re.Match[str] | None:
    """A wire dateline with a month and day but no year, in the page's first characters."""
    return YEARLESS_DATELINE.search(text[:HEAD_CHARS])


def dateline_candidate(text: str, years: list[int], not_before: str | None) -> DateCandidate | None:
    """The day of a yearless wire dateline, in a year the story itself supports.

    Wire ledes name the weekday of their news ('said on Monday'): when the lede names one, the
    year is one the story mentions in which the dateline's day falls on that weekday. Without
    a weekday, the year is the first on or after the page's own lower bound (a date the story
    reports as past). A year taken from nothing but a mention stays unused: stories name
    years ahead ('targets for 2012') as often as their own.
    """
    match = yearless_dateline(text)
    if not match:
        return None
    lede = LEDE_WEEKDAY.search(text[match.end() : match.end() + LEDE_CHARS])
    month_day = f"{match['month']} {match['day']}"
    days = [(y, parse_date(f"{month_day} {y}")) for y in sorted(set(years), reverse=True)]
    days = [(y, d) for y, d in days if d and (not not_before or d.isoformat() >= not_before)]
    if lede:
        weekday = WEEKDAY_INDEX[lede.group(1)[:3].lower()]
        fitting = [(y, d) for y, d in days if d.weekday() == weekday]
        why = f"the lede's {lede.group(1)} falls on it"
    elif not_before:
        fitting = [min(days)] if days else []
        why = f"the first on or after {not_before}, a date the story reports as past"
    else:
        fitting = []
    if not fitting:
        return None
    year, day = fitting[0]
    return DateCandidate(day.isoformat(), f"{match.group(0).strip()} (year {year}: {why})", DATELINE)
