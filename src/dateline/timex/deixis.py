"""Expressions that count from a moment: 'Monday', 'yesterday', 'last month', 'two days later'."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.timex import arithmetic as cal
from dateline.timex.grammar import unit_forms
from dateline.timex.lexicon import Unit, load_lexicon
from dateline.timex.resolve import Context, Resolved, amount_text, day_resolved, number_value, words

RELATIVE_STEP = {
    "last": -1, "past": -1, "previous": -1, "the previous": -1, "the past": -1, "the last": -1,
    "this": 0, "current": 0, "the current": 0, "the": 0, "latest": 0, "the latest": 0,
    "this past": -1,
    "next": 1, "coming": 1, "the coming": 1, "the next": 1,
}  # fmt: skip
DEICTIC_OFFSET = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}  # fmt: skip
SUNDAY = 6
QUARTER_JUST_ENDED = frozenset({"the", "latest", "the latest"})
VAGUE_DIRECTION = {"ago": "PAST_REF", "earlier": "PAST_REF"}


def weekday_day(anchor: date, weekday: int, rel: str, tense: str | None) -> date:
    """The day a weekday names: 'last' and 'next' skip the anchor's own week day."""
    if rel in ("last", "past", "previous"):  # the day before is 'yesterday', so 'last' reaches further
        return cal.weekday_on_or_before(anchor - timedelta(days=2), weekday)
    if rel in ("next", "coming"):
        return cal.weekday_on_or_after(anchor + timedelta(days=1), weekday)
    if rel == "this":
        return cal.weekday_in_week(anchor, weekday)
    if tense == "future":
        return cal.weekday_on_or_after(anchor, weekday)
    return cal.weekday_on_or_before(anchor, weekday)


def resolve_weekday(m: re.Match, ctx: Context) -> Resolved:
    """'Monday', 'on Friday evening', 'next Saturday'; unresolved ones keep the weekday."""
    weekday = load_lexicon().weekdays[words(m.group("wd"))]
    part = m.groupdict().get("part")
    if ctx.anchor is None:
        value = f"XXXX-WXX-{weekday + 1}"
        suffix = f"T{load_lexicon().parts_of_day[words(part)]}" if part else ""
        return Resolved("TIME" if part else "DATE", value + suffix, "day", weekday=weekday)
    rel = words(m.groupdict().get("rel") or "")
    base = ctx.narrative or ctx.anchor
    tense = "future" if ctx.narrative else ctx.tense  # a narrative moves forward from its date
    resolved = day_resolved(weekday_day(base, weekday, rel, tense), part=part)
    resolved.weekday = weekday
    return resolved


def resolve_deictic(m: re.Match, ctx: Context) -> Resolved:
    """'yesterday', 'tomorrow morning', 'tonight', 'late yesterday'."""
    key = words(m.group("day"))
    part = m.group("part") or ("night" if key == "tonight" else None)
    day = ctx.anchor + timedelta(days=DEICTIC_OFFSET[key]) if ctx.anchor else None
    return day_resolved(day, part=part)


def resolve_part_of_day(m: re.Match, ctx: Context) -> Resolved:
    """'this morning', 'last night', 'tomorrow evening'."""
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[words(m.group("rel"))]
    day = ctx.anchor + timedelta(days=offset) if ctx.anchor else None
    return day_resolved(day, part=m.group("part"))


def resolve_anaphoric(m: re.Match, ctx: Context) -> Resolved:
    """'the next day', 'that day', 'the day before': from the day the text has just named."""
    base = ctx.reference or ctx.anchor
    if m.group("same"):
        return day_resolved(base)
    if m.group("before"):
        return day_resolved(base - timedelta(days=1) if base else None)
    if m.group("that"):
        unit = words(m.group("that"))
        return Resolved("DATE", cal.value_at_precision(base, unit) if base else "XXXX", unit)
    step = -1 if words(m.group("rel")) in ("previous", "preceding") else 1
    unit = words(m.group("unit"))
    if unit in ("week", "month", "year"):
        day = cal.shift(base, step, unit[0].upper()) if base else None
        return Resolved("DATE", cal.value_at_precision(day, unit) if day else "XXXX", unit)
    part = unit if unit != "day" else None
    if ctx.reference is None and ctx.tense == "past" and step > 0:
        base = None  # 'officials said the next day': after a day the text never named, not after publication
    return day_resolved(base + timedelta(days=step) if base else None, part=part)


def resolve_relative(m: re.Match, ctx: Context) -> Resolved:
    """'last month', 'this week', 'by the end of this month', 'next year', 'last fall'."""
    lex = load_lexicon()
    unit, step = words(m.group("unit")), RELATIVE_STEP[words(m.group("rel"))]
    if unit in ("decade", "century") and step < 0:
        return Resolved("DURATION", duration_value(1, unit), None)  # 'the past decade' is a span
    if unit in lex.seasons:
        return resolve_season(ctx, lex.seasons[unit], step)
    if ctx.anchor is None:
        return Resolved("DATE", "XXXX" if unit != "week" else "XXXX-WXX", unit)
    if unit == "weekend":
        return resolve_weekend(ctx, step)
    if unit == "quarter" and words(m.group("rel")) in QUARTER_JUST_ENDED:
        step = -1  # results news: 'the quarter' is the one just reported on
    if unit == "week" and step == -1 and ctx.anchor.weekday() == SUNDAY and ctx.tense != "future":
        step = 0  # a Sunday paper's 'last week' is the week now ending, Monday to Saturday
    designator, multiplier = lex.units[unit].designator, lex.units[unit].multiplier
    day = cal.shift(ctx.anchor, step * multiplier, designator)
    return Resolved(
        "DATE", cal.value_at_precision(day, lex.units[unit].precision), lex.units[unit].precision
    )


def resolve_weekend(ctx: Context, step: int) -> Resolved:
    """'last weekend', 'the weekend' (told on a weekday in past sense: the one just past)."""
    sunday = cal.weekday_on_or_after(ctx.anchor, 6) + timedelta(weeks=step)
    if step == 0 and ctx.tense != "future" and ctx.anchor.weekday() < 5:
        sunday -= timedelta(weeks=1)
    return Resolved("DATE", cal.week_value(sunday) + "-WE", "week")


def resolve_season(ctx: Context, season: str, step: int) -> Resolved:
    """'last summer', 'this fall': the season of the anchor's year, moved by a year if said so."""
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{season}", "season")
    return Resolved("DATE", f"{cal.season_year(ctx.anchor, season, step):04d}-{season}", "season")


def resolve_ago(m: re.Match, ctx: Context) -> Resolved:
    """'three years ago', 'a year earlier', 'a few days ago' (PAST_REF when the count is vague)."""
    unit = load_lexicon().units[unit_key(m.group("unit"))]
    direction = words(m.group("dir"))
    amount = number_value(m.group("num"), load_lexicon())
    if amount is None or amount != int(amount):
        return Resolved("DATE", VAGUE_DIRECTION.get(direction, "FUTURE_REF"), None)
    base = ctx.anchor if direction in ("ago", "from now", "hence") else ctx.reference or ctx.anchor
    if base is None:
        return Resolved(
            "DATE", "XXXX-XX-XX" if unit.precision in ("day", "time") else "XXXX", unit.precision
        )
    count = (-1 if direction in ("ago", "earlier") else 1) * int(amount) * unit.multiplier
    if unit.designator == "Y" and ctx.period:
        return period_shifted(ctx.period, count)
    return counted_date(base, count, unit)


def counted_date(base: date, count: int, unit: Unit) -> Resolved:
    """The date `count` units from a day, at the unit's precision ('3 weeks ago' is a week)."""
    if unit.is_clock:
        return day_resolved(base)
    day = cal.shift(base, count, unit.designator)
    precision = "day" if unit.precision == "time" else unit.precision
    exact_day = day if precision == "day" else None
    return Resolved("DATE", cal.value_at_precision(day, precision), precision, day=exact_day)


def period_shifted(period: str, years: int) -> Resolved:
    """A quarter or month ('1989-Q3') moved by whole years: what 'a year earlier' compares."""
    precision = "quarter" if "Q" in period else "month"
    return Resolved("DATE", f"{int(period[:4]) + years:04d}{period[4:]}", precision)


def resolve_year_ago(m: re.Match, ctx: Context) -> Resolved:
    """'year-earlier', 'the year-ago quarter': the same period one year before."""
    if ctx.period:
        return period_shifted(ctx.period, -1)
    if ctx.anchor is None:
        return Resolved("DATE", "XXXX", "year")
    if m.group("unit"):
        day = cal.shift(ctx.anchor, -15, "M")  # the quarter just ended, a year before
        return Resolved("DATE", cal.quarter_value(day), "quarter")
    return Resolved("DATE", f"{ctx.anchor.year - 1:04d}", "year")


def unit_key(form: str) -> str:
    """The unit a written form names: 'centuries' -> 'century'."""
    return unit_forms(load_lexicon())[words(form)]


def duration_value(amount: float | None, unit_key: str) -> str:
    """'P3W', 'PT3H', 'P10Y' (a decade), 'PXY' (several years)."""
    unit = load_lexicon().units[unit_key]
    count = "X" if amount is None else amount_text(amount * unit.multiplier)
    return ("PT" if unit.is_clock else "P") + count + unit.designator
