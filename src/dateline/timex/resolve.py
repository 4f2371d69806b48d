"""Turn a kept candidate into a TIMEX3 type and value, as a reader of the news would.

Deictic expressions ('yesterday', 'Monday', 'last month') count from the anchor (publication
date, or the moment of speaking inside a quote); anaphoric ones ('the next day', 'two days
later') count from the nearer date the text has just given; clock times take the day of the
sentence they stand in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dateline.timex import arithmetic as cal
from dateline.timex.lexicon import Lexicon, load_lexicon

TWO_DIGIT_YEAR_PIVOT = 50  # '98' is 1998 and '16' is 2016: news rarely cites years 50 back


@dataclass
class Context:
    """What a reader knows when meeting an expression."""

    anchor: date | None  # publication date or the moment of speaking
    tense: str | None  # 'past' | 'future' from the words around it
    reference: date | None = None  # the last day the same paragraph has named
    narrative: date | None = None  # a calendar date, far from the anchor, the paragraph moved to
    sentence_day: date | None = None  # a day named earlier in the same sentence
    period: str | None = None  # the quarter or month the paragraph last named ('1989-Q3')
    cued: bool = False  # whether `tense` comes from a word of the sentence, not a default


@dataclass
class Resolved:
    """A TIMEX3 reading of one expression."""

    type: str
    value: str
    precision: str | None = None
    end_value: str | None = None
    weekday: int | None = None
    day: date | None = None  # the calendar day, when the value is one


def words(text: str) -> str:
    """Lower case with single spaces, for table look-ups."""
    return re.sub(r"\s+", " ", text.lower()).strip()


def number_value(text: str, lex: Lexicon) -> float | None:
    """A number written in digits or words; None when vague ('several')."""
    key = words(text).replace("-", " ")
    if re.fullmatch(r"\d+(?:\.\d+)?", key):
        return float(key)
    if key in lex.numbers:
        return float(lex.numbers[key])
    parts = key.split()
    if len(parts) == 2 and all(p in lex.numbers for p in parts):
        return float(lex.numbers[parts[0]] + lex.numbers[parts[1]])
    return None


def amount_text(amount: float) -> str:
    """'3' for 3.0, '1.5' otherwise."""
    return str(int(amount)) if amount == int(amount) else f"{amount:g}"


def day_resolved(day: date | None, *, type_: str = "DATE", part: str | None = None) -> Resolved:
    """A resolved day, with a part of day ('TMO') making it a TIME."""
    lex = load_lexicon()
    suffix = f"T{lex.parts_of_day[words(part)]}" if part else ""
    if day is None:
        return Resolved("TIME" if part else type_, cal.UNKNOWN_DAY + suffix, "day")
    return Resolved("TIME" if part else type_, cal.day_value(day) + suffix, "day", day=day)


def two_digit_year(text: str) -> int:
    """A year as written, with two-digit years placed in the nearest century."""
    year = int(text)
    if len(text) == 2:
        year += 1900 if year >= TWO_DIGIT_YEAR_PIVOT else 2000
    return year


def clock_suffix(m: re.Match, tag: str = "") -> str | None:
    """'T09:00' from a clock match, converting a.m./p.m.; None when out of range."""
    hour, minute, second = None, "00", None
    if m.group(f"H{tag}"):
        hour, minute = int(m.group(f"H{tag}")), m.group(f"M{tag}") or "00"
        ampm = m.group(f"ampm{tag}").lower()
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    elif m.group(f"h{tag}"):
        hour, minute, second = int(m.group(f"h{tag}")), m.group(f"m{tag}"), m.group(f"s{tag}")
    else:
        hour, minute = int(m.group(f"hh{tag}")), m.group(f"mm{tag}")
    return f"T{hour:02d}:{minute}" + (f":{second}" if second else "")


def resolve_explicit(m: re.Match, ctx: Context) -> Resolved | None:
    """'Aug 15, 2016', '15 August', '2016-08-15', '8/15/16', with an optional clock time."""
    lex = load_lexicon()
    groups = m.groupdict()
    month = int(groups["m"]) if groups.get("m") else lex.months[words(groups["mon"])]
    day_number = int(re.match(r"\d+", groups["d"]).group())
    if groups.get("y"):
        try:
            day = date(two_digit_year(groups["y"]), month, day_number)
        except ValueError:
            return None
    elif ctx.anchor:
        day = cal.nearest_year_for(ctx.anchor, month, day_number)
    else:
        return Resolved("DATE", f"XXXX-{month:02d}-{day_number:02d}", "day")
    if day is None:
        return None
    if groups.get("H"):
        return Resolved("TIME", cal.day_value(day) + clock_after_date(groups), "time", day=day)
    return day_resolved(day)


def clock_after_date(groups: dict) -> str:
    """'T18:28:09' from the clock time that follows a date in a header."""
    seconds = f":{groups['S']}" if groups.get("S") else ""
    return f"T{int(groups['H']):02d}:{groups['M']}{seconds}"


def resolve_month_year(m: re.Match, ctx: Context) -> Resolved:
    """'March 2011', 'late September 2015'."""
    month = load_lexicon().months[words(m.group("mon"))]
    return Resolved("DATE", f"{int(m.group('y')):04d}-{month:02d}", "month")


def resolve_season_year(m: re.Match, ctx: Context) -> Resolved:
    """'the summer of 1997'."""
    season = load_lexicon().seasons[words(m.group("season"))]
    return Resolved("DATE", f"{int(m.group('y')):04d}-{season}", "season")


def resolve_month(m: re.Match, ctx: Context) -> Resolved:
    """A bare month ('early July', 'last November'): the tense picks the year."""
    month = load_lexicon().months[words(m.group("mon"))]
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{month:02d}", "month")
    if m.group("yrel"):
        year = ctx.anchor.year + {"last": -1, "this": 0, "next": 1}[words(m.group("yrel"))]
        return Resolved("DATE", f"{year:04d}-{month:02d}", "month")
    rel = words(m.group("rel") or "")
    tense = {"last": "past", "past": "past", "next": "future", "coming": "future"}.get(
        rel, ctx.tense if ctx.cued else None
    )
    day = cal.month_by_tense(ctx.anchor, month, tense)
    if rel == "last" and month == ctx.anchor.month:
        day = day.replace(year=day.year - 1)
    return Resolved("DATE", cal.month_value(day), "month")


def resolve_quarter(m: re.Match, ctx: Context) -> Resolved:
    """'the third quarter', 'first-half', 'the fourth quarter of 1997'."""
    lex = load_lexicon()
    number, part = lex.ordinals[words(m.group("ord"))], words(m.group("part"))
    letter = "Q" if part == "quarter" else "H"
    year = m.group("y") or m.group("y2")
    if m.group("rel") and ctx.anchor:
        year = ctx.anchor.year + {"last": -1, "this": 0, "next": 1}[words(m.group("rel"))]
    if year:
        return Resolved("DATE", f"{int(year):04d}-{letter}{number}", "quarter")
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{letter}{number}", "quarter")
    if letter == "H":
        return Resolved("DATE", f"{ctx.anchor.year:04d}-H{number}", "quarter")
    return Resolved("DATE", cal.quarter_by_tense(ctx.anchor, number, "past"), "quarter")


def resolve_decade(m: re.Match, ctx: Context) -> Resolved:
    """'the 1990s' -> '199'."""
    return Resolved("DATE", m.group("dec")[:3], "decade")


def resolve_century(m: re.Match, ctx: Context) -> Resolved:
    """'the 20th century' -> '19'."""
    return Resolved("DATE", f"{int(m.group('ord')) - 1:02d}", "century")


def resolve_year(m: re.Match, ctx: Context) -> Resolved:
    """'2012', 'fiscal 1989', 'late 2015'."""
    return Resolved("DATE", f"{int(m.group('y')):04d}", "year")


def resolve_holiday(m: re.Match, ctx: Context) -> Resolved:
    """'Christmas', 'New Year's Day': the occurrence nearest the anchor."""
    month, day_number = load_lexicon().holidays[words(m.group("holiday"))]
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{month:02d}-{day_number:02d}", "day")
    return day_resolved(cal.nearest_year_for(ctx.anchor, month, day_number))
