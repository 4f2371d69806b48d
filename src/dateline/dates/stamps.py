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
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta

from dateline.clean.comments import comment_thread_start
from dateline.dates.candidates import (
    CAPTION,
    COPYRIGHT_LINE,
    DATELINE,
    LIST_STAMP,
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
from dateline.model import Article, PublishedDate, RawDocument

# Stamps stand within this many characters of the page's start (title, byline, stamp, dateline).
HEAD_CHARS = 600
# Publication and update words; a cue stands right before its date (after the line's start, a
# bar or stop, a name or a number: never inside a sentence, as in 'a video posted on'), or
# right after it when a clock follows ('24 July 2012 Last updated at 07:14 GMT').
PUBLISHED_WORDS = "first published|published|posted|created|released|date"
UPDATED_WORDS = "last updated|updated|last modified|modified|revised"
CLOCK_TEXT = r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|[AP]M)?\s*(?:[A-Z]{2,4}|UK time)?"
CUE_BEFORE = re.compile(
    rf"(?:^|[|.:;,!?)]\s*|\b[A-Z][\w.'’-]*\s+|\d\s+)(?P<cue>(?i:{UPDATED_WORDS}|{PUBLISHED_WORDS}))"
    rf"\s*(?:(?i:on|at)\s+)?:?\s*(?:{CLOCK_TEXT}\s*,?\s*(?:(?i:on)\s+)?)?$"
)
CUE_AFTER = re.compile(rf"^\s*(?P<cue>(?i:{UPDATED_WORDS}|{PUBLISHED_WORDS}))\s+(?i:at\s+)?\d")
UPDATED_CUE = re.compile(rf"(?i)^(?:{UPDATED_WORDS})$")
# A cue stands within this many characters before its date.
CUE_BEFORE_CHARS = 60
# A page printing at least this many stamp-shaped dates, on at least two days, is a list
# (a video playlist, a blog's entries, related links): its stamps date the items, not the page.
MIN_LIST_STAMPS = 3
# A clock time with a zone or am/pm, or with seconds: the time a page was stamped.
ZONE = r"(?:[ap]\.?m\.?)?\s*(?:\b[A-Z]{2,4}T?\b|[+-]\d{2}:?\d{2}\b|Z\b)?"
CLOCK_AFTER = re.compile(rf"^(?:[,:]?\s+|\s+at\s+|\s*[|T-]\s*)(\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?)\s*{ZONE}")
# A place and a bar stand at most this many characters before the date they introduce.
PLACE_BAR_CHARS = 45
PLACE_BAR = re.compile(r"[A-Z][A-Za-z.'’ -]{1,40}\s\|\s*(?:\d{1,2}[:.]\d{2}\s*(?:[ap]m\s*)?[A-Za-z ]{0,10},?\s*)?$")
# A bar and a byline or section after the date, or a print edition's page ("; Page A23").
BAR_AFTER = re.compile(r"\s*\|\s*[A-Z]|;\s*Page\s+[A-Z]?\d")
# An inference from other articles further than this from the dateline's own day contradicts it.
MAX_DATELINE_GAP_DAYS = 7
YEAR_DAYS = 366
MIN_YEAR_MENTIONS = 2
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
    """A publication or update word standing right before a date, or right after it."""
    return CUE_BEFORE.search(text[max(0, start - CUE_BEFORE_CHARS) : start]) or CUE_AFTER.match(text[end:])


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
    updated = bool(cue and UPDATED_CUE.match(cue["cue"]))
    return stamped, clock, updated


def stamp_candidates(doc: RawDocument, article: Article) -> list[DateCandidate]:
    """Dates the page's first characters print as stamps, and a stamp relative to the fetch time.

    Nothing from a reader-comment thread counts, and the stamps of a list page (several
    stamp-shaped dates on different days) date its items, so they are marked as such.
    """
    lines = page_lines(doc, article)
    lines = lines[: comment_thread_start(lines)]
    found, shaped, offset = [], [], 0
    for line in lines:
        if source_of(line, zone="header", article=article) in (CAPTION, COPYRIGHT_LINE):
            offset += len(line) + 1
            continue
        for match in matches_in(line):
            stamped, clock, updated = is_stamp(line, match)
            shaped.extend([match.day] if stamped else [])
            if stamped and offset + match.start < HEAD_CHARS:
                source = UPDATE_STAMP if updated else STAMP
                found.append(DateCandidate(match.day.isoformat(), line, source, match.time or clock, match.weekday))
        offset += len(line) + 1
    if len(shaped) >= MIN_LIST_STAMPS and len(set(shaped)) > 1:
        for candidate in found:
            candidate.source = LIST_STAMP
    relative = relative_stamp("\n".join(lines)[:HEAD_CHARS], doc.fetched)
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

    A story's own year is the latest it mentions or the one before (when it looks a year
    ahead), and it names that year more often (at least twice: a year named once is as
    likely a reference as the story's own). Wire ledes name the weekday of their
    news ('said on Monday'): when the lede names one, the year is the most often mentioned
    one in which the dateline's day falls on that weekday. Without a weekday, the most often
    mentioned year is taken only when the page's lower bound (a date the story reports as
    past) falls in the year before the dateline's day. Stories name years ahead ('targets for
    2012') too, so a year is never taken from a mention alone.
    """
    match = yearless_dateline(text)
    if not match or not years:
        return None
    counts = Counter(y for y in years if y >= max(years) - 1)  # the story's year or the one before
    counts = Counter({y: n for y, n in counts.items() if n >= MIN_YEAR_MENTIONS})
    dated = {y: d for y in counts if (d := parse_date(f"{match['month']} {match['day']} {y}"))}
    lede = LEDE_WEEKDAY.search(text[match.end() : match.end() + LEDE_CHARS])
    if lede:
        weekday = WEEKDAY_INDEX[lede.group(1)[:3].lower()]
        fitting = [y for y, d in dated.items() if d.weekday() == weekday]
        why = f"the most often mentioned year in which it falls on the lede's {lede.group(1)}"
    else:
        low = date.fromisoformat(not_before) if not_before else None
        fitting = [y for y, d in dated.items() if low and timedelta(0) <= d - low <= timedelta(days=YEAR_DAYS)]
        fitting = [y for y in fitting if counts[y] == max(counts.values())]
        why = f"the most often mentioned year, within a year after {not_before}, a date the story reports as past"
    if not fitting:
        return None
    year = max(fitting, key=lambda y: (counts[y], y))
    return DateCandidate(dated[year].isoformat(), f"{match.group(0).strip()} (year {year}: {why})", DATELINE)


def agree_with_dateline(body: str, inferred: PublishedDate) -> PublishedDate | None:
    """A date inferred from other articles, checked against the article's own yearless dateline.

    The dateline's month and day are the article's own statement: the inference only supplies
    the year, and an inference more than a week from the dateline's day is contradicted (None).
    Without a yearless dateline the inference stands as it is.
    """
    match = yearless_dateline(body)
    if match is None or inferred.date is None:
        return inferred
    guess = date.fromisoformat(inferred.date)
    days = [d for y in (guess.year - 1, guess.year, guess.year + 1)
            if (d := parse_date(f"{match['month']} {match['day']} {y}"))]
    if not days:
        return inferred
    day = min(days, key=lambda d: abs((d - guess).days))
    if abs((day - guess).days) > MAX_DATELINE_GAP_DAYS:
        return None
    return replace(
        inferred, date=day.isoformat(), not_before=day.isoformat(), not_after=day.isoformat(),
        evidence=f"{match.group(0).strip()} (the article's own day; year {day.year} from linked events: {inferred.evidence})",
    )
