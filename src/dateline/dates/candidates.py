"""Extractors: every date a page shows, with where on the page it stands.

Nothing here judges; `dates.judge` decides which candidate is the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as dateutil_parser

from dateline.clean import page_units
from dateline.clean.comments import comment_thread_start
from dateline.clean.detokenise import detokenise
from dateline.clean.lines import split_units
from dateline.model import Article, RawDocument

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAY = (
    r"(?P<weekday>(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)\.?,?\s+"
)
TIME = r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)"
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
FULL_DATE = re.compile(
    rf"(?i)(?:{WEEKDAY})?(?:(?<![\w]){MONTH}\s+{DAY},?\s+\d{{4}}"
    rf"|(?<!\d){DAY}\s+(?:of\s+)?{MONTH},?\s+\d{{4}}"
    r"|(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)"
    r"|(?<![\d./])\d{1,2}[./]\d{1,2}[./]\d{4}(?![\d./]))"
    rf"(?:(?:[,;]?\s+|\s+at\s+|\s*[|-]\s*){TIME})?"
)
# A time of day with a zone printed before the date: the shape of a page's live clock.
CLOCK_FIRST = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M\s*)?(?:GMT|UTC|[A-Z]{2,4})(?![a-z])")
# A header line longer than this is a header date only when the date opens it.
MAX_HEADER_STAMP_WORDS = 12
HEADER_DATE_EDGE = re.compile(rf"^\W*(?:{WEEKDAY})?(?:{MONTH}|\d)", re.IGNORECASE)
# A line that starts inside a sentence (a comma, a lower-case word) carries on the line above.
CONTINUATION = re.compile(r"^\s*(?:[,;:]|[a-z])")
# Notes a page prints about its own history: a print edition, a correction. Never a bound.
PAGE_NOTE_LINE = re.compile(
    r"(?i)\ba version (?:of this article )?appeared\b|\bthis (?:article|story) was (?:amended|corrected|updated)\b"
    r"|\bcorrections? (?:and|&) clarifications\b|\bwas first published\b"
)
COPYRIGHT = re.compile(r"(?i)©|\bcopyright\b|\ball rights reserved\b")
ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
YEAR = re.compile(r"(?<![\d/.-])(?:19[5-9]\d|20\d\d)(?![\d/-]|\.\d)")
WEEKDAY_INDEX = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

HEADER, CLOCK, CAPTION, COPYRIGHT_LINE, RELATED, TEXT, YEAR_ONLY = (
    "header", "clock", "caption", "copyright", "related", "text", "year",
)
STAMP, UPDATE_STAMP, LIST_STAMP, COMMENT, PAGE_NOTE = "stamp", "update stamp", "list stamp", "comment", "page note"
# Day, month word and year in other languages ('7 mars 2023', '3 de marzo de 2024').
FOREIGN_DATE = re.compile(r"(?<!\d)(\d{1,2})\.?\s+(?:de\s+)?([^\W\d_]{3,12})\.?\s+(?:de\s+)?((?:19|20)\d{2})(?!\d)")
METADATA, HTMLDATE, DATELINE = "metadata", "htmldate", "dateline"


@dataclass
class DateCandidate:
    """A date seen somewhere on the page, with the text it came from."""

    date: str
    text: str
    source: str
    time: str | None = None
    weekday: int | None = None  # the weekday the page states beside the date, if any


def parse_date(text: str) -> date | None:
    """The calendar date a matched date string names (day first when ambiguous)."""
    if iso := ISO_DATE.search(text):
        try:
            return date.fromisoformat(iso.group(0))
        except ValueError:
            return None
    cleaned = re.sub(r"(?i)\bsept\b", "Sep", re.sub(r"(?i)\bof\b|(?<=\d)(st|nd|rd|th)\b", "", text))
    try:
        parsed = dateutil_parser.parse(cleaned, dayfirst=True, fuzzy=True, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed.year > 1900 else None


@dataclass
class DateMatch:
    """One full date printed in a line: where, which day, and the weekday and time beside it."""

    start: int
    end: int
    day: date
    weekday: int | None = None
    time: str | None = None


def matches_in(line: str) -> list[DateMatch]:
    """Every full date (day, month and year) in one line, English or not."""
    found = []
    for match in FULL_DATE.finditer(line):
        date_text = match.group(0)
        if match["time"]:
            date_text = date_text[: match.start("time") - match.start()]
        parsed = parse_date(date_text)
        if parsed is None:
            continue
        weekday = WEEKDAY_INDEX.get(match["weekday"][:3].lower()) if match["weekday"] else None
        found.append(DateMatch(match.start(), match.end(), parsed, weekday, match["time"]))
    return found + foreign_dates(line)


def foreign_dates(line: str) -> list[DateMatch]:
    """Dates whose month is a word of another language, read by dateparser."""
    found = []
    for match in FOREIGN_DATE.finditer(line):
        if re.fullmatch(MONTH, match.group(2), re.IGNORECASE) or match.group(2).islower() is False:
            continue  # English months are read by FULL_DATE; capitalised words are names
        import dateparser  # imported only when a page prints a non-English month

        parsed = dateparser.parse(match.group(0), settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True})
        if parsed and parsed.year == int(match.group(3)):
            found.append(DateMatch(match.start(), match.end(), parsed.date()))
    return found


def dates_in(line: str, source: str) -> list[DateCandidate]:
    """Every full date in one line, as candidates from one place on the page."""
    return [DateCandidate(m.day.isoformat(), line, source, m.time, m.weekday) for m in matches_in(line)]


def page_lines(doc: RawDocument, article: Article) -> list[str]:
    """The page's lines in order, as the cleaner saw them."""
    if doc.text is not None:
        return [unit for unit, _ in page_units(detokenise(doc.text), plain=True)[0]]
    return [unit for unit, _ in split_units("\n\n".join([*article.removed, article.body]))]


def source_of(line: str, *, zone: str, article: Article) -> str:
    """Where on the page a dated line stands, from its zone and its shape."""
    if line in article.captions:
        return CAPTION
    if COPYRIGHT.search(line):
        return COPYRIGHT_LINE
    if PAGE_NOTE_LINE.search(line):
        return PAGE_NOTE
    if zone == "body":
        return TEXT
    if zone == "header" and CONTINUATION.match(line):
        return TEXT  # the end of a sentence (a caption's) broken onto its own line
    if zone == "header":
        return header_source(line)
    return RELATED


def header_source(line: str) -> str:
    """A header line's date: a stamp-like line (the date opens it, or the line is short) is a
    header date; a sentence with a date inside (a caption run into a byline) is text."""
    if len(line.split()) <= MAX_HEADER_STAMP_WORDS or HEADER_DATE_EDGE.search(line):
        return CLOCK if CLOCK_FIRST.match(line) else HEADER
    return TEXT


def text_candidates(doc: RawDocument, article: Article) -> list[DateCandidate]:
    """Dates in the page's lines, each tagged header, clock, caption, text, related..."""
    body_lines = set(article.body.split("\n\n")) if article.body else set()
    lines = page_lines(doc, article)
    inside = [i for i, line in enumerate(lines) if line in body_lines] or [len(lines)]
    thread = comment_thread_start(lines)
    found: list[DateCandidate] = []
    for index, line in enumerate(lines):
        zone = "body" if line in body_lines else "header" if index <= inside[-1] else "footer"
        source = COMMENT if index >= thread else source_of(line, zone=zone, article=article)
        found.extend(dates_in(line, source))
    return found


def body_years(article: Article) -> list[int]:
    """Years the story's text mentions ('since 2011', 'in 2012')."""
    return [int(y) for y in YEAR.findall(article.body)]


def metadata_candidate(doc: RawDocument) -> DateCandidate | None:
    """The date the input's own metadata gives (JSON Lines field)."""
    if not doc.published:
        return None
    parsed = parse_date(doc.published)
    if parsed is None:
        return None
    return DateCandidate(parsed.isoformat(), f"input metadata: {doc.published}", METADATA)


def htmldate_candidate(doc: RawDocument) -> DateCandidate | None:
    """htmldate's reading of the page's markup (meta tags, time elements, URL)."""
    if not doc.html:
        return None
    from htmldate import find_date

    found = find_date(doc.html, url=doc.url, original_date=True, extensive_search=True)
    if not found:
        return None
    return DateCandidate(found, f"htmldate (page markup): {found}", HTMLDATE)
