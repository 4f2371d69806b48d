"""HTML pieces built in Python: marked text, snippets, sparklines and the timeline axis.

Article text is untrusted, so every piece of it passes through `escape` before any tag is
put around it; the SVG drawings carry only numbers and escaped labels. The results are
`Markup`, which the (autoescaping) templates insert as they are.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup, escape

from dateline.web.queries import MARK_END, MARK_START

OUTLET_COLOURS = 12  # badge colour classes c0..c11 in style.css
SPARK_W, SPARK_H = 120, 24
SPARK_MAX_BAR = 8  # a story of a day or two still reads as bars, not a block
AXIS_W, AXIS_ROW, AXIS_TOP, AXIS_PAD = 960, 14, 26, 24
AXIS_MAX_ROWS = 8  # marks stacked in one place before the rest are left out (the list has them all)
AXIS_STACK_PX = 7  # marks nearer than this stack instead of overlapping
AXIS_GUTTER = 60  # the 'earlier' and 'later' columns for entries outside the axis span
AXIS_OUTLIER_SHARE = 0.02  # share of the earliest and of the latest entries left off the span


def outlet_class(name: str | None, palette: dict[str, int] | None = None) -> str:
    """A colour class for an outlet: its place among the store's outlets, else a hash of its name."""
    if palette and name in palette:
        return f"c{palette[name] % OUTLET_COLOURS}"
    return f"c{zlib.crc32((name or '').encode()) % OUTLET_COLOURS}"


def marked(text: str, spans: Iterable[tuple[int, int, str]]) -> Markup:
    """The text escaped, with each (start, end, css class) span wrapped in a <span>; spans may overlap."""
    spans = [(max(0, s), min(len(text), e), css) for s, e, css in spans if 0 <= s < e]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    parts = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        classes = sorted({css for s, e, css in spans if s <= left and right <= e})
        piece = escape(text[left:right])
        parts.append(Markup('<span class="{}">{}</span>').format(" ".join(classes), piece) if classes else piece)
    return Markup("").join(parts)


def sentence_with_time(sentence: str, start: int | None, text: str | None) -> Markup:
    """A source sentence with the time expression that dated its entry highlighted."""
    if start is None or not text:
        return escape(sentence)
    return marked(sentence, [(start, start + len(text), "timex")])


def snippet(text: str | None) -> Markup:
    """An FTS5 snippet escaped, its match markers turned into <mark>."""
    escaped = str(escape(text or ""))
    return Markup(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def sparkline(days: list[dict[str, Any]]) -> Markup:
    """Articles per published day as a small bar chart."""
    counts = {d: row["articles"] for row in days if (d := _day(row.get("day")))}
    if not counts:
        return Markup('<span class="muted">no dates</span>')
    first, last = min(counts), max(counts)
    span = (last - first).days + 1
    top = max(counts.values())
    width = min(SPARK_W / span, SPARK_MAX_BAR)
    bars = [
        Markup('<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"><title>{}: {}</title></rect>').format(
            (day - first).days * width, SPARK_H - n / top * SPARK_H, max(width - 0.5, 1), n / top * SPARK_H, day, n)
        for day, n in sorted(counts.items())
    ]
    label = f"{sum(counts.values())} dated articles from {first} to {last}"
    return Markup('<svg class="spark" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}">{}</svg>').format(
        SPARK_W, SPARK_H, SPARK_W, SPARK_H, label, Markup("").join(bars))


def axis_ticks(first: date, last: date) -> list[tuple[date, str]]:
    """Tick days and labels: days for a short span, months for a longer one, years beyond."""
    span = (last - first).days
    if span <= 31:
        step = max(1, span // 8 or 1)
        return [(first + timedelta(days=i), (first + timedelta(days=i)).strftime("%d %b"))
                for i in range(0, span + 1, step)]
    if span <= 3 * 366:
        ticks, month = [], date(first.year, first.month, 1)
        every = 1 if span <= 200 else 3 if span <= 800 else 6
        while month <= last:
            if month >= first and (month.month - 1) % every == 0:
                ticks.append((month, month.strftime("%b %Y")))
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        return ticks
    return [(date(y, 1, 1), str(y)) for y in range(first.year + 1, last.year + 1)]


def axis_span(days: list[date]) -> tuple[date, date]:
    """The days the axis spans: all of them, less a few far-off outliers in a long list."""
    days = sorted(days)
    cut = int(len(days) * AXIS_OUTLIER_SHARE)
    return days[cut], days[len(days) - 1 - cut]


def timeline_axis(marks: list[dict[str, Any]], link: Callable[[str], str]) -> Markup:
    """Every dated entry as a mark on a date axis; a mark links to its entry (hollow when inferred).

    The axis spans the story's own entries (less a few far-off outliers); background facts and
    outliers outside that span stack in narrow 'earlier' and 'later' columns, so a 1991
    recollection does not crush a 2010 story to a dot. Marks closer than a few pixels stack
    upwards; a stack too high for the drawing ends with the count of marks left out.
    """
    days = [(d, m) for m in marks if (d := _day(m.get("date")))]
    if not days:
        return Markup('<p class="muted">No dated entries.</p>')
    first, last = axis_span([d for d, m in days if not m.get("background")] or [d for d, _ in days])
    left = AXIS_PAD + (AXIS_GUTTER if min(d for d, _ in days) < first else 0)
    right = AXIS_W - AXIS_PAD - (AXIS_GUTTER if max(d for d, _ in days) > last else 0)
    scale = (right - left) / max((last - first).days, 1)

    def x_of(day: date) -> float:
        if day < first:
            return AXIS_PAD + AXIS_GUTTER / 3
        return AXIS_W - AXIS_PAD - AXIS_GUTTER / 3 if day > last else left + (day - first).days * scale

    stacked: dict[int, int] = {}
    items = []
    for day, mark in days:
        x = x_of(day)
        row = stacked.get(int(x // AXIS_STACK_PX), 0)
        stacked[int(x // AXIS_STACK_PX)] = row + 1
        if row < AXIS_MAX_ROWS:
            items.append(_axis_mark(mark, x, AXIS_TOP + row * AXIS_ROW, link))
    height = AXIS_TOP + min(max(stacked.values()), AXIS_MAX_ROWS) * AXIS_ROW + 22
    labels = [(x_of(day), label) for day, label in axis_ticks(first, last)]
    labels += [(x_of(first) - AXIS_GUTTER * 2 / 3, "earlier")] if left > AXIS_PAD else []
    labels += [(x_of(last) + AXIS_GUTTER * 2 / 3, "later")] if right < AXIS_W - AXIS_PAD else []
    ticks = [Markup('<g class="tick"><line x1="{x:.1f}" x2="{x:.1f}" y1="14" y2="{h}"/><text x="{x:.1f}" y="10">{}</text></g>').format(
        label, x=x, h=height - 16) for x, label in labels]
    ticks += [Markup('<text class="more" x="{:.1f}" y="{}">+{}</text>').format((key + 0.5) * AXIS_STACK_PX, height - 4, count - AXIS_MAX_ROWS)
              for key, count in stacked.items() if count > AXIS_MAX_ROWS]
    return Markup('<svg class="axis" viewBox="0 0 {w} {h}" role="img" aria-label="timeline from {} to {}">'
                  '<line class="base" x1="{p}" x2="{e}" y1="{b}" y2="{b}"/>{}{}</svg>').format(
        first, last, Markup("").join(ticks), Markup("").join(items), w=AXIS_W, h=height, p=left,
        e=right, b=height - 16)


def _axis_mark(mark: dict[str, Any], x: float, y: float, link: Callable[[str], str]) -> Markup:
    """One entry's mark: sized by its outlets, linked to its entry, titled with date and kind."""
    radius = 4 + min(mark.get("outlets") or 1, 5)
    css = f"mark k-{mark['kind']} {mark['dating']}" + (" background" if mark.get("background") else "")
    return Markup('<a href="{}" class="entry-link" data-entry="{}"><circle class="{}" cx="{:.1f}" cy="{}" r="{}">'
                  '<title>{} · {} · {} outlet(s) · {}</title></circle></a>').format(
        link(mark["entry"]), mark["entry"], css, x, y, radius / 2 + 2, mark["date"], mark["kind"],
        mark.get("outlets") or 0, mark["dating"])


def bar(count: int, top: int, width: int = 160) -> Markup:
    """A horizontal bar for a count out of the largest count."""
    length = max(2.0, count / max(top, 1) * width)
    return Markup('<svg class="bar" viewBox="0 0 {w} 12" width="{w}" height="12" aria-hidden="true">'
                  '<rect width="{:.1f}" height="12"/></svg>').format(length, w=width)


def article_text(article: dict[str, Any]) -> Markup:
    """The article body with its quotes and time expressions marked."""
    spans = [(q["start"], q["end"], "quote") for q in article["quotes"] if q["end"] > q["start"]]
    spans += [(t["start"], t["end"], "timex") for t in article["timexes"]]
    return marked(article["body"], spans)
