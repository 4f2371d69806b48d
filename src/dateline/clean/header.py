"""The title, byline and dateline around a story's text."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from dateline.clean import lines as shape
from dateline.clean.blocks import HEADING, NOISE, PROSE, Line, content_words
from dateline.clean.html import Extracted
from dateline.model import Dateline
from dateline.outlets import OutletTable, host_of, own_label

# A headline shares at least this share of its content words with the story it heads...
MIN_TITLE_OVERLAP = 0.4
# ... and at least this many words, so that 'Breaking News' never heads a story by chance.
MIN_TITLE_SHARED = 2
# Separators between a headline and the site's name in page titles.
TITLE_SEPARATORS = re.compile(r"\s+[|•·:]{1,2}\s+|\s+[-–—]\s+")
BYLINE = re.compile(
    r"^(?:By|BY|Written by|Reporting by)\s+(?P<name>[A-Z][\w.'’-]+(?:\s+(?:and\s+|&\s+)?[A-Z][\w.'’-]+){0,6})"
    r"(?:\s*[,|/]\s*.*)?$"
)
# An author box name line has at most this many words.
MAX_AUTHOR_WORDS = 5
# A masthead stands among the page's first lines and has at most this many words.
MASTHEAD_LINES = 3
MAX_MASTHEAD_WORDS = 4
# An opening block is a headline with at most this many lines and words.
MAX_HEADLINE_LINES = 2
MAX_HEADLINE_WORDS = 30
# Standing first, an opening block needs only this many content words in common with the story.
MIN_OPENING_SHARED = 1
# Datelines: 'HAMBURG (Sputnik) —', 'MOSCOW, Nov 2 (Reuters) -', 'Moscow, SANA-', 'BEIRUT —'.
PLACE = r"(?P<place>[A-Z][A-Za-z.'’-]*(?:[ ][A-Z][A-Za-z.'’-]*){0,3})"
DASH = r"\s*[-–—]+\s*"
DATELINE_PATTERNS = (
    re.compile(rf"^{PLACE}(?:,\s*[A-Z][\w.]*(?:\s+\d{{1,2}})?)?\s*\((?P<agency>[^()]{{2,40}})\){DASH}"),
    re.compile(rf"^{PLACE},\s*(?P<agency>[A-Z][A-Za-z]*[A-Z][A-Za-z/]*(?:\s+[A-Z][A-Za-z]+)?){DASH}"),
    re.compile(r"^(?P<place>[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3})(?:,\s*[A-Z][A-Za-z. ]+)?" + DASH),
    # no place, only the day or nothing before the agency: 'May 29 (Reuters) -', '(Reuters) -'
    re.compile(
        r"^(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*)?"
        rf"\((?P<agency>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)\){DASH}"
    ),
)
# Datelines open one of the story's first paragraphs (a lede may stand before it).
DATELINE_PARAGRAPHS = 3


def headline_segments(text: str, outlets: OutletTable) -> list[str]:
    """Parts of a page title that are not the site's own name."""
    parts = [p.strip() for p in TITLE_SEPARATORS.split(text) if p.strip()]
    if len(parts) == 1 or " | " not in text and not any(outlets.by_mentions(p) for p in parts):
        return [text]
    return [p for p in parts if not outlets.by_mentions(p)] or [text]


def title_overlap(candidate: str, story_words: set[str]) -> tuple[float, int]:
    """Share and count of a candidate's content words that the story also uses."""
    own = {w for w in content_words(candidate) if w not in STOP_WORDS}
    shared = len(own & story_words)
    return shared / max(len(own), 1), shared


def pick_title(header: list[Line], story: str, outlets: OutletTable) -> tuple[str, Line] | None:
    """The header line (or its headline part) that best names the story below it."""
    story_words = content_words(story)
    best: tuple[float, str, Line] | None = None
    for line in header:
        if line.kind != HEADING and not (line.kind == NOISE and line.why and "repeated line" in line.why):
            continue
        for segment in headline_segments(line.text, outlets):
            share, shared = title_overlap(segment, story_words)
            if share >= MIN_TITLE_OVERLAP and shared >= MIN_TITLE_SHARED and shape.is_heading(segment):
                if best is None or share > best[0]:
                    best = (share, segment, line)
    return (best[1], best[2]) if best else None


def opening_headline(block: list[Line], story: str) -> str | None:
    """The text's opening block (the lines before its first blank line) as its headline: one
    or two lines (a headline wrapped over two is one title) of headline length, not a byline,
    stamp or dateline, that shares a word with the story. A full stop some corpora add is cut."""
    if not 0 < len(block) <= MAX_HEADLINE_LINES:
        return None
    if any(line.kind == NOISE and not shape.is_heading(line.text.rstrip(".")) for line in block):
        return None
    title = " ".join(line.text.strip() for line in block)
    if len(shape.words(title)) > MAX_HEADLINE_WORDS or BYLINE.match(title) or find_dateline([title]):
        return None
    if title_overlap(title, content_words(story))[1] < MIN_OPENING_SHARED:
        return None
    return re.sub(r"(?<=[a-z’'”\"])\.$", "", title)


def strip_site_name(title: str, extracted: Extracted, outlets: OutletTable) -> str:
    """A page title without the site's name before or after a separator ('Story – The Blog')."""
    parts = [p.strip() for p in TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    names = [n for n in (extracted.sitename, own_label(host_of(extracted.url) or "") if extracted.url else None) if n]
    kept = [p for p in parts if not names_site(p, names, outlets)]
    if kept == parts or not kept:
        return title
    return title[title.index(kept[0]) : title.rindex(kept[-1]) + len(kept[-1])]


def names_site(part: str, names: list[str], outlets: OutletTable) -> bool:
    """Whether a title segment is the site's name: its og:site_name, its domain spelt out, or an
    outlet of the table standing alone."""
    spelt = letters(part)
    if not spelt:
        return False
    for name in names:
        own = letters(name)
        if own and (spelt == own or spelt in own or own in spelt and len(spelt) - len(own) <= len(own)):
            return True
    known = outlets.by_mentions(part)
    return bool(known) and letters(known).removeprefix("the") in spelt and len(shape.words(part)) <= 4


def letters(text: str) -> str:
    """Lower-case letters and digits only, to compare names however they are spaced."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


def byline_in(lines: list[Line]) -> tuple[str, Line] | None:
    """A 'By Name' line, the usual printed byline."""
    for line in lines:
        if match := BYLINE.match(line.text):
            return match["name"].strip(), line
    return None


def author_box(lines: list[Line]) -> tuple[str, Line] | None:
    """A short name line followed by a paragraph about that name (an author-bio box)."""
    for line, following in zip(lines, lines[1:], strict=False):
        count = len(shape.words(line.text))
        if following.kind == PROSE and 0 < count <= MAX_AUTHOR_WORDS and not shape.TERMINAL.search(line.text):
            if line.text in following.text and line.text[:1].isupper():
                return line.text, line
    return None


def _dateline_match(paragraph: str) -> re.Match | None:
    """The dateline that opens a paragraph, if one does."""
    return next((m for pattern in DATELINE_PATTERNS if (m := pattern.match(paragraph))), None)


def dateline_length(paragraph: str) -> int:
    """How many characters of a paragraph its opening dateline takes ('CAIRO (Reuters) - '), 0 when none."""
    match = _dateline_match(paragraph)
    return match.end() if match else 0


def find_dateline(paragraphs: list[str]) -> Dateline | None:
    """The dateline that opens one of the first paragraphs, with its place and agency."""
    for paragraph in paragraphs[:DATELINE_PARAGRAPHS]:
        if match := _dateline_match(paragraph):
            place = (match.groupdict().get("place") or "").strip() or None
            agency = match.groupdict().get("agency")
            return Dateline(
                place=place.title() if place and place.isupper() else place,
                agency=agency.strip() if agency else None,
                text=match.group(0).strip(),
            )
    return None


def masthead(lines: list[Line]) -> str | None:
    """The site's own name: a short line at the top that the page repeats further down."""
    for line in lines[:MASTHEAD_LINES]:
        count = len(shape.words(line.text))
        if not 0 < count <= MAX_MASTHEAD_WORDS or shape.TERMINAL.search(line.text) or "|" in line.text:
            continue
        needle = line.text.lower()
        if any(needle in other.text.lower() for other in lines if other.index != line.index):
            return line.text.title() if line.text.isupper() else line.text
    return None
