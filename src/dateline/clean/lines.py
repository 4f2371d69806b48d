"""Line units of scraped text and the shape of each: prose, heading, caption, widget, dump.

Each function here looks at one line (and at most its neighbours); the block judgement that
decides where the story runs lives in `clean.blocks`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS

# Unicode spaces that scrapers leave in text (NBSP, thin and figure spaces...).
ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]+")
MULTI_SPACE = re.compile(r" {2,}")
ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\ufeff]")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
TERMINAL = re.compile(r"""[.!?…](?:\s?["'”’)\]]+)*$|[.!?]["'”’]\s*\.?$""")
ELLIPSIS_END = re.compile(r"(…|\.\.\.)\s*$")
DUMP_START = re.compile(r"^\s*(string|array|object|int|bool)\(\d+\)|^\s*[\[{]\s*[\"{\[]")
DUMP_SYMBOLS = re.compile(r"""[{}\[\]<>"=;\\|]""")
BULLET = re.compile(r"^\s*[•·▪►»◦‣∙*]\s*")
LIST_ITEMS = re.compile(r"\s*,\s*")
CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
DATE_TOKENS = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|\d{1,4}(?:st|nd|rd|th)?"
    r"|\b(?:gmt|utc|am|pm|edt|est|cet|msk)\b|[:/.,+-]"
)
COUNT_SUFFIX = re.compile(r"\(\d+\)\s*$")

# Hard-wrapped text: at least this share of lines are 40-100 characters and stop mid-sentence
# (mail and wire feeds break at 60-80 columns); only then are lines joined back.
WRAP_MIN_CHARS, WRAP_MAX_CHARS = 40, 100
WRAPPED_SHARE = 0.4
# A sentence of a story has at least this many words when it ends with full stop; shorter
# terminated lines are kept as prose only inside the story ('He declined to comment.').
MIN_PROSE_WORDS = 8
# A line this long is prose whatever its punctuation (quotes that end without a stop).
LONG_PROSE_WORDS = 20
# Headings and titles have at least this many words; fewer is a label or a fragment.
MIN_HEADING_WORDS = 3
# Headings have at most this many words; longer unterminated lines are prose.
MAX_HEADING_WORDS = 24
# A short line whose words are at least this share of widget vocabulary is page furniture.
WIDGET_SHARE = 0.6
# Widget lines are short; longer lines are judged as text.
MAX_WIDGET_WORDS = 6
# Share of markup/JSON symbols above which a long line is a machine dump, not text.
DUMP_SYMBOL_SHARE = 0.06
# Lines shorter than this are never judged machine dumps by symbol share alone.
MIN_DUMP_CHARS = 60
# Captions run to a few dozen words; a longer line with a credit in it is a paragraph that a
# scraper glued a credit onto, and stays text.
MAX_CAPTION_WORDS = 50
# Share of a line's characters that date and clock tokens cover for it to be a stamp.
STAMP_SHARE = 0.8
# A comma list of at least this many short items with no stop is a tag or keyword list.
MIN_TAG_ITEMS = 3
# Tag list items have at most this many words each.
MAX_TAG_ITEM_WORDS = 4


@dataclass(frozen=True)
class Vocabulary:
    """Word lists and patterns from `data/boilerplate.toml`."""

    widget_words: frozenset[str]
    caption_cues: tuple[re.Pattern[str], ...]
    caption_labels: frozenset[str]
    comment_openers: re.Pattern[str]  # every opener in one alternation: one search a line
    comment_counters: re.Pattern[str]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The shipped boilerplate vocabulary, read once."""
    data = tomllib.loads(
        (resources.files("dateline") / "data" / "boilerplate.toml").read_text("utf-8")
    )
    return Vocabulary(
        widget_words=frozenset(data["widget_words"]),
        caption_cues=tuple(re.compile(p, re.IGNORECASE) for p in data["caption_cues"]),
        caption_labels=frozenset(data["caption_labels"]),
        comment_openers=any_of(data["comment_openers"]),
        comment_counters=any_of(data["comment_counters"]),
    )


def any_of(patterns: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of `patterns`."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def normalise(line: str) -> str:
    """One line with odd spaces made plain and runs of spaces collapsed, else verbatim."""
    line = ZERO_WIDTH.sub("", ODD_SPACES.sub(" ", line))
    return MULTI_SPACE.sub(" ", line).strip()


def split_units(text: str) -> list[tuple[str, bool]]:
    """Lines of a text as (line, blank_before); hard-wrapped lines are joined back first."""
    raw_lines = [
        piece
        for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for piece in split_at_thread(normalise(raw))
    ]
    wrapped = is_hard_wrapped(raw_lines)
    units: list[tuple[str, bool]] = []
    blank = True
    for line in raw_lines:
        if not line:
            blank = True
            continue
        if wrapped and units and not blank and continues(units[-1][0], line):
            units[-1] = (f"{units[-1][0]} {line}", units[-1][1])
        else:
            units.append((line, blank))
        blank = False
    return units


def split_at_thread(line: str) -> list[str]:
    """A line cut before each comment-thread opener inside it, with comment counters set apart
    as lines of their own (a story run into its comment box on one scraped line)."""
    vocab = vocabulary()
    cuts = {m.start() for m in vocab.comment_openers.finditer(line)}
    cuts |= {edge for m in vocab.comment_counters.finditer(line) for edge in m.span()}
    pieces, start = [], 0
    for cut in sorted(c for c in cuts if 0 < c < len(line)):
        pieces.append(line[start:cut])
        start = cut
    pieces.append(line[start:])
    return [piece.strip() for piece in pieces if piece.strip()] or [line]


def is_hard_wrapped(raw_lines: list[str]) -> bool:
    """Text broken at a fixed width: most lines stop mid-sentence at a similar length."""
    filled = [line for line in raw_lines if line]
    mid_sentence = [
        line for line in filled
        if WRAP_MIN_CHARS <= len(line) <= WRAP_MAX_CHARS and not TERMINAL.search(line)
    ]
    return len(filled) > 0 and len(mid_sentence) / len(filled) >= WRAPPED_SHARE


def continues(previous: str, line: str) -> bool:
    """A line that continues the previous one's sentence."""
    return not TERMINAL.search(previous) and line[:1].islower()


def words(line: str) -> list[str]:
    """The alphabetic words of a line."""
    return WORD.findall(line)


def is_prose(line: str) -> bool:
    """A line shaped like a sentence of running text."""
    count = len(words(line))
    if count >= LONG_PROSE_WORDS:
        return True
    return count >= MIN_PROSE_WORDS and bool(TERMINAL.search(line))


def is_short_sentence(line: str) -> bool:
    """A short line that still reads as a sentence: terminated, lower-case words inside."""
    found = words(line)
    return bool(TERMINAL.search(line)) and len(found) >= 2 and any(w.islower() for w in found)


def is_heading(line: str) -> bool:
    """A headline or subheading: a few words, a capital first, no closing full stop."""
    count = len(words(line))
    if not MIN_HEADING_WORDS <= count <= MAX_HEADING_WORDS or line.endswith("."):
        return False
    return line[:1].isupper() or line[:1] in "\"'“‘"


def is_widget(line: str) -> bool:
    """A short line made mostly of interface words ('Share', 'Read more', 'Select Page')."""
    found = [w.lower() for w in words(line)]
    if not found or len(found) > MAX_WIDGET_WORDS or TERMINAL.search(line):
        return False
    content = [w for w in found if w not in STOP_WORDS or w in vocabulary().widget_words]
    share = sum(w in vocabulary().widget_words for w in content) / max(len(content), 1)
    return (bool(content) and share >= WIDGET_SHARE) or is_label(line)


def is_label(line: str) -> bool:
    """A field label or value pair: 'Caption:' or 'Media ID: 123'."""
    head, sep, tail = line.partition(":")
    return bool(sep) and len(words(head)) <= 2 and (not tail.strip() or tail.strip().isdigit())


def is_caption_label(line: str) -> bool:
    """A label that introduces a caption on the next line ('Caption:', 'Photo:')."""
    head = line.rstrip(": ").strip().lower()
    return line.rstrip().endswith(":") and head in vocabulary().caption_labels


def has_caption_cue(line: str) -> bool:
    """A photo credit or 'FILE -' mark on a caption-length line (not a paragraph it prefixes)."""
    if len(words(line)) > MAX_CAPTION_WORDS:
        return False
    return any(p.search(line) for p in vocabulary().caption_cues)


def is_dump(line: str) -> bool:
    """Serialised data printed on the page (PHP var_dump, JSON), not prose."""
    if DUMP_START.search(line):
        return True
    if len(line) < MIN_DUMP_CHARS:
        return False
    return len(DUMP_SYMBOLS.findall(line)) / len(line) >= DUMP_SYMBOL_SHARE


def is_stamp(line: str) -> bool:
    """A line that is only a date and/or a clock time."""
    covered = sum(len(m) for m in DATE_TOKENS.findall(line)) + line.count(" ")
    has_date = bool(re.search(r"\d", line))
    return has_date and covered / max(len(line), 1) >= STAMP_SHARE


def is_fragment(line: str) -> bool:
    """Too few words to be text: codes, size pickers, counters ('S/SH 11', 'XS')."""
    return len(words(line)) < MIN_HEADING_WORDS and not is_short_sentence(line)


def is_tag_list(line: str) -> bool:
    """A comma list of short names with no sentence around them (a keyword strip)."""
    if TERMINAL.search(line):
        return False
    items = [i for i in LIST_ITEMS.split(line) if i]
    if len(items) < MIN_TAG_ITEMS:
        return False
    return all(len(words(i)) <= MAX_TAG_ITEM_WORDS for i in items)


def is_teaser(line: str) -> bool:
    """A cut-off summary that links elsewhere: it ends in an ellipsis."""
    return bool(ELLIPSIS_END.search(line))


def has_count_suffix(line: str) -> bool:
    """A section or series label with an item count, e.g. 'Elections (42)'."""
    return bool(COUNT_SUFFIX.search(line))


def is_bulleted(line: str) -> bool:
    """A line starting with a bullet glyph (menus and related-link lists)."""
    return bool(BULLET.match(line))
