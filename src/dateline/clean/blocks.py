"""Judge every line of a page: kept in the story, caption, or removed with a reason.

Candidates then a judge: `classify` gives each line a kind from its own shape, `find_story`
picks the run of prose that is the story from the page's layout, and `judge_lines` records
the verdict and its reason for every line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from dateline.clean import lines as shape

PROSE, SHORT, HEADING, CAPTION, NOISE = "prose", "short", "heading", "caption", "noise"
TEXTUAL = frozenset({PROSE, SHORT, HEADING})
# Shapes that HTML extraction output keeps: list items and short lines are often story text
# there, since the extractor has already cut the page's furniture away.
SOFT_NOISE = frozenset({
    "fragment (too few words to be text)",
    "not text (no sentence or heading shape)",
    "bulleted link or menu item",
    "keyword or tag list",
    "date or time stamp",
})
# Non-prose lines in a row that end one block of text and start another: one line between
# paragraphs is a subheading or a stray widget, two or more are page furniture.
BLOCK_BREAK_RUN = 2
# A block beside the story joins it only with this many prose lines (a single line beside
# the story is a teaser, an author box or a caption more often than story text).
MIN_JOINING_PROSE = 2
# ... and when at least this share of its content words also occur in the story.
MIN_JOINING_OVERLAP = 0.3
# A live page (wire 'The Latest' pages, live blogs) is a run of entries, each opened by a clock
# time alone on its line ('4:40 p.m.:', '2 p.m.', '11.02am GMT'); its entries are one story
# however little their words overlap. A page is live from this many such lines on.
LIVE_MIN_STAMPS = 3
LIVE_ENTRY_TIME = "entry time of a live page"
ENTRY_CLOCK = re.compile(
    r"^\s*(?:updated\s+(?:at\s+)?)?\d{1,2}(?:[:.]\s?\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?"
    r"\s*(?:[A-Z]{2,4}T|local time)?\s*[:.\-–—]?\s*$",
    re.IGNORECASE,
)


@dataclass
class Line:
    """One line of the page with its kind and, when not kept, the reason."""

    index: int
    text: str
    kind: str
    why: str | None = None
    kept: bool = False


def classify(text: str, previous: str | None, *, outlet_repeats: frozenset[str]) -> Line:
    """The kind of one line from its own shape (index is set by the caller)."""
    checks = (
        (shape.is_dump, NOISE, "machine dump (serialised data)"),
        (lambda t: t in outlet_repeats, NOISE, "repeated across articles of the same outlet"),
        (shape.has_caption_cue, CAPTION, "photo caption (credit or FILE mark)"),
        (lambda t: previous is not None and shape.is_caption_label(previous), CAPTION,
         "photo caption (after a caption label)"),
        (shape.is_stamp, NOISE, "date or time stamp"),
        (shape.is_widget, NOISE, "page widget (interface words)"),
        (shape.is_tag_list, NOISE, "keyword or tag list"),
        (shape.is_fragment, NOISE, "fragment (too few words to be text)"),
        (shape.has_count_suffix, NOISE, "section label with an item count"),
        (shape.is_teaser, NOISE, "teaser cut off with an ellipsis"),
    )
    for check, kind, why in checks:
        if check(text):
            return Line(0, text, kind, why)
    if shape.is_bulleted(text) and not shape.is_prose(text):
        return Line(0, text, NOISE, "bulleted link or menu item")
    for check, kind in ((shape.is_prose, PROSE), (shape.is_heading, HEADING)):
        if check(text):
            return Line(0, text, kind)
    if shape.is_short_sentence(text):
        return Line(0, text, SHORT)
    return Line(0, text, NOISE, "not text (no sentence or heading shape)")


def classify_all(texts: list[str], *, outlet_repeats: frozenset[str]) -> list[Line]:
    """Kinds of every line; a line printed again later on the page is noise the second time."""
    seen: Counter[str] = Counter()
    result = []
    for index, text in enumerate(texts):
        line = classify(text, texts[index - 1] if index else None, outlet_repeats=outlet_repeats)
        line.index = index
        if seen[text] and line.kind != CAPTION:
            line.kind, line.why = NOISE, "repeated line (printed earlier on the page)"
        elif seen[text]:
            line.kind, line.why = NOISE, "photo caption printed again"
        seen[text] += 1
        result.append(line)
    return result


def blocks_of(lines: list[Line]) -> list[list[Line]]:
    """Runs of text lines, cut wherever two or more non-prose lines stand in a row."""
    blocks: list[list[Line]] = [[]]
    run: list[Line] = []
    for line in lines:
        if line.kind in (PROSE, SHORT):
            if len(run) >= BLOCK_BREAK_RUN and blocks[-1]:
                blocks.append([])
            blocks[-1].extend(r for r in run if r.kind == HEADING)
            blocks[-1].append(line)
            run = []
        else:
            run.append(line)
    return [b for b in blocks if any(line.kind == PROSE for line in b)]


def content_words(text: str) -> set[str]:
    """Lower-case words of three letters or more, the vocabulary two texts share."""
    return {w.lower() for w in shape.words(text) if len(w) >= 3}


def joins_story(block: list[Line], story_words: set[str]) -> bool:
    """A block beside the story that carries on its text rather than linking elsewhere."""
    prose = [line for line in block if line.kind == PROSE]
    own = content_words(" ".join(line.text for line in prose))
    overlap = len(own & story_words) / max(len(own), 1)
    return len(prose) >= MIN_JOINING_PROSE and overlap >= MIN_JOINING_OVERLAP


def find_story(lines: list[Line]) -> tuple[int, int] | None:
    """First and last line index of the story: the largest prose block and its continuations."""
    blocks = blocks_of(lines)
    if not blocks:
        return None
    best = max(range(len(blocks)), key=lambda i: sum(len(x.text) for x in blocks[i] if x.kind == PROSE))
    first = last = best
    story_words = content_words(" ".join(x.text for x in blocks[best]))
    entry = entry_breaks(lines, blocks)
    while first > 0 and (entry[first - 1] or joins_story(blocks[first - 1], story_words)):
        first -= 1
    while last + 1 < len(blocks) and (entry[last] or joins_story(blocks[last + 1], story_words)):
        last += 1
    span = [x for b in blocks[first : last + 1] for x in b]
    textual = [x for x in span if x.kind in (PROSE, SHORT)]
    return textual[0].index, textual[-1].index


def is_entry_clock(line: Line) -> bool:
    """A clock time alone on its line, as a live page opens each entry ('4:40 p.m.:')."""
    return line.kind in (SHORT, NOISE) and bool(ENTRY_CLOCK.match(line.text)) and any(c.isdigit() for c in line.text)


def mark_entry_clocks(lines: list[Line]) -> None:
    """On a live page (LIVE_MIN_STAMPS entry clocks or more), the clock lines are furniture."""
    clocks = [line for line in lines if is_entry_clock(line)]
    if len(clocks) >= LIVE_MIN_STAMPS:
        for line in clocks:
            line.kind, line.why = NOISE, LIVE_ENTRY_TIME


def entry_breaks(lines: list[Line], blocks: list[list[Line]]) -> list[bool]:
    """For each block, whether the break after it is one between two entries of a live page:
    an entry clock (`mark_entry_clocks`) stands between it and the next block."""
    breaks = [any(line.why == LIVE_ENTRY_TIME for line in lines[before[-1].index + 1 : after[0].index])
              for before, after in zip(blocks, blocks[1:], strict=False)]
    return [*breaks, False]


def judge_extracted(lines: list[Line], *, title: str | None) -> tuple[int, int] | None:
    """Mark kept lines of text an extractor already chose: drop only what is surely not story."""
    for line in lines:
        soft = line.kind == NOISE and line.why in SOFT_NOISE
        line.kept = (line.kind in TEXTUAL or soft) and line.text != title
        if line.text == title:
            line.why = "the page title"
    kept = [line.index for line in lines if line.kept]
    return (kept[0], kept[-1]) if kept else None


def judge_lines(lines: list[Line]) -> tuple[int, int] | None:
    """Mark kept lines and give every other line its reason; returns the story's span."""
    mark_entry_clocks(lines)
    span = find_story(lines)
    for line in lines:
        inside = span is not None and span[0] <= line.index <= span[1]
        if line.kind in TEXTUAL and inside:
            line.kept = True
        elif line.kind in TEXTUAL:
            before = span is None or line.index < span[0]
            line.why = "before the story" if before else "after the story"
    return span
