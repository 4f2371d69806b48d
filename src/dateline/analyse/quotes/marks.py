"""Quoted spans found from the quote marks alone, before any parse.

News text mixes curly and straight marks, nests single quotes in double ones, runs a quote
over several paragraphs (each continued paragraph re-opens the quote and only the last one
closes it), and scraped copies sometimes double a mark or cut a quote off at a paragraph end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"“": "double", "‘": "single", "«": "guillemet", "„": "double"}
CLOSERS = {"”": "double", "’": "single", "»": "guillemet"}
STRAIGHT = {'"': "double", "'": "single"}
PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*\S)")
# After a spaced apostrophe, the rest of a tokenised word ("Libya 's", "they 're").
TOKENISED_CONTRACTION = re.compile(r"(?:s|t|re|ll|ve|d|m)\b", re.I)
# Fewer characters than this between marks is a stray mark, not a quote.
MIN_QUOTE_CHARS = 2


@dataclass
class QuoteSpan:
    """The words between a pair of quote marks (marks excluded), with its nesting depth."""

    start: int
    end: int
    depth: int = 0
    closed: bool = True  # False when the paragraph ended before the closing mark
    parent: int | None = None  # index of the enclosing span in the returned list


@dataclass
class _Open:
    """An opening mark waiting for its partner."""

    kind: str
    position: int
    ghost: bool = False  # a doubled mark from scraping: its pair yields no span


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of each line-separated paragraph."""
    bounds, start = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    stripped = [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in bounds]
    return [(s, e) for s, e in stripped if s < e]


def _is_word_char(text: str, index: int) -> bool:
    """True when the character at index is a letter or digit (out of range: False)."""
    return 0 <= index < len(text) and text[index].isalnum()


def _classify(text: str, i: int, stack: list[_Open]) -> tuple[str, str] | None:
    """('open'|'close', kind) for the mark at i, or None for an apostrophe or stray mark."""
    char = text[i]
    if char in ("’", "'") and _is_word_char(text, i - 1) and _is_word_char(text, i + 1):
        return None  # an apostrophe inside a word: there’s, don't
    if char in ("’", "'") and text[i - 1 : i] == " " and TOKENISED_CONTRACTION.match(text, i + 1):
        return None  # tokenised text: "Libya 's", "we 're"
    if char == "“" and stack and text[stack[-1].position] == "„":
        return "close", "double"  # „German style“
    if char in OPENERS and char != "‘":
        return "open", OPENERS[char]
    if char == "‘":
        return ("open", "single") if not _is_word_char(text, i - 1) else None
    if char in CLOSERS:
        kind = CLOSERS[char]
        if kind == "single" and not any(o.kind == "single" for o in stack):
            return None  # a possessive like Americans’
        return "close", kind
    if char in STRAIGHT:
        kind = STRAIGHT[char]
        if stack and stack[-1].kind == kind:
            return "close", kind
        if kind == "single" and (not stack or _is_word_char(text, i - 1)):
            return None  # straight apostrophe outside any double quote
        return "open", kind
    return None


def _worth_keeping(text: str, start: int, end: int) -> bool:
    """True when the marks enclose real words (not a stray mark or JSON punctuation)."""
    inner = text[start:end]
    return len(inner.strip()) >= MIN_QUOTE_CHARS and any(c.isalpha() for c in inner)


def _close(text: str, stack: list[_Open], kind: str, end: int, spans: list[QuoteSpan]) -> None:
    """Pop up to the matching opener and record its span (unless it is a ghost)."""
    while stack:
        opener = stack.pop()
        if opener.kind == kind:
            if not opener.ghost and _worth_keeping(text, opener.position + 1, end):
                spans.append(QuoteSpan(opener.position + 1, end, depth=len(stack)))
            return
        # an inner quote left open inside the closed one: close it at the same point
        if not opener.ghost and _worth_keeping(text, opener.position + 1, end):
            spans.append(QuoteSpan(opener.position + 1, end, depth=len(stack), closed=False))


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[QuoteSpan], list[_Open]]:
    """Spans closed inside one paragraph, and the openers still open at its end."""
    spans: list[QuoteSpan] = []
    stack: list[_Open] = []
    for i in range(start, end):
        verdict = _classify(text, i, stack)
        if verdict is None:
            continue
        action, kind = verdict
        if action == "close":
            _close(text, stack, kind, i, spans)
            continue
        doubled = i + 1 < end and _classify(text, i + 1, stack) == ("open", kind)
        stack.append(_Open(kind, i, ghost=doubled and text[i] in STRAIGHT))
    return spans, stack


def _unclosed_spans(text: str, stack: list[_Open], end: int) -> list[QuoteSpan]:
    """Spans for openers a paragraph left open, cut at the paragraph end."""
    stripped_end = len(text[:end].rstrip())
    return [
        QuoteSpan(o.position + 1, stripped_end, depth=depth, closed=False)
        for depth, o in enumerate(stack)
        if not o.ghost and _worth_keeping(text, o.position + 1, stripped_end)
    ]


def _opens_with_quote(text: str, start: int) -> bool:
    """True when a paragraph begins with an opening quote mark (a continued quote)."""
    return text[start] in OPENERS or text[start] == '"'


def _leading_closer(text: str, start: int, end: int) -> int | None:
    """Where a paragraph's first quote mark closes a quote opened before it: the mark comes
    right after the words' closing punctuation and before a space ('confrontational," said')."""
    first = next((i for i in range(start, end) if text[i] in ('"', "”")), None)
    if first is None or first == start or text[first - 1] not in ",.!?":
        return None
    if first + 1 < end and not text[first + 1].isspace():
        return None
    return first


def _merge_continued(text: str, spans: list[QuoteSpan], paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Join an unclosed top-level quote with the quote that opens the next paragraph."""
    by_start = {span.start - 1: span for span in spans if span.depth == 0}
    merged, absorbed = [], set()
    for span in sorted(spans, key=lambda s: s.start):
        if id(span) in absorbed:
            continue
        while not span.closed and span.depth == 0:
            index = next((i for i, (s, e) in enumerate(paragraphs) if s <= span.end <= e), None)
            if index is None or index + 1 >= len(paragraphs):
                break
            next_start = paragraphs[index + 1][0]
            follower = by_start.get(next_start)
            if follower is None or not _opens_with_quote(text, next_start):
                closer = _leading_closer(text, *paragraphs[index + 1])
                if closer is not None:  # its opening mark lost: '... point.\n\nFrom now on, ... more confrontational," said X'
                    if (stray := by_start.get(closer)) is not None:
                        absorbed.add(id(stray))
                    span = QuoteSpan(span.start, closer, 0, True)
                break
            absorbed.add(id(follower))
            span = QuoteSpan(span.start, follower.end, 0, follower.closed)
        merged.append(span)
    return merged


def _set_parents(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Order spans by start and point each nested one at its innermost enclosing span."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    for i, span in enumerate(ordered):
        enclosing = [j for j in range(i) if ordered[j].start <= span.start and span.end <= ordered[j].end]
        span.parent = enclosing[-1] if enclosing else None
        span.depth = len(enclosing)
    return ordered


def typographic_marks(text: str) -> str:
    """Tokenised marks as typographic ones, offsets kept: `` -> ' “', '' -> '” '."""
    return text.replace("``", " “").replace("''", "” ")


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted span of a text, nested ones included, ordered by start."""
    text = typographic_marks(text)
    paragraphs = paragraph_bounds(text)
    spans: list[QuoteSpan] = []
    for start, end in paragraphs:
        closed, still_open = _scan_paragraph(text, start, end)
        spans.extend(closed)
        spans.extend(_unclosed_spans(text, still_open, end))
    spans = _merge_continued(text, spans, paragraphs)
    return _set_parents(spans)
