"""Lengths, repetitions, clock times and fixed references: 'three weeks', 'daily', '19:00', 'now'."""

from __future__ import annotations

import re
from datetime import date

from dateline.timex import arithmetic as cal
from dateline.timex.deixis import duration_value, resolve_weekday, unit_key
from dateline.timex.lexicon import load_lexicon
from dateline.timex.resolve import Context, Resolved, clock_suffix, number_value, words

AMOUNT_BEFORE = re.compile(
    r"(?:\d|%|\btimes|\bpercent|\bmillion|\bbillion|\bdollars?)\S*\s*$", re.I
)
AMOUNT_CONTEXT_CHARS = 24  # enough to see '$5 million' before 'a year'


def resolve_duration(m: re.Match, ctx: Context) -> Resolved:
    """'three weeks', 'the past three weeks', 'a three-hour', 'almost a year'."""
    amount = number_value(m.group("num"), load_lexicon())
    return Resolved("DURATION", duration_value(amount, unit_key(m.group("unit"))), None)


def resolve_plural_duration(m: re.Match, ctx: Context) -> Resolved:
    """'for years', 'over months': a length with no count ('PXY')."""
    return Resolved("DURATION", duration_value(None, unit_key(m.group("unit"))), None)


def resolve_period_ended(m: re.Match, ctx: Context) -> Resolved:
    """'the year ended Sept. 30': an accounting period, a length rather than a date."""
    return Resolved("DURATION", duration_value(1, words(m.group("unit"))), None)


def resolve_set(m: re.Match, ctx: Context) -> Resolved:
    """'daily', 'every Monday', 'twice a week', 'each morning'."""
    lex = load_lexicon()
    if m.group("adverb"):
        return Resolved("SET", lex.sets[words(m.group("adverb"))], None)
    if m.group("times"):
        return Resolved("SET", duration_value(1, words(m.group("times"))), None)
    every = words(m.group("every"))
    if every in lex.weekdays:
        return Resolved(
            "SET", f"XXXX-WXX-{lex.weekdays[every] + 1}", None, weekday=lex.weekdays[every]
        )
    if every in lex.parts_of_day:
        return Resolved("SET", f"{cal.UNKNOWN_DAY}T{lex.parts_of_day[every]}", None)
    return Resolved("SET", duration_value(1, unit_key(every)), None)


def rate_or_length(resolved: Resolved, m: re.Match, text: str) -> Resolved:
    """'$5 million a year' is a rate (SET), 'a year' alone a length."""
    before = text[max(0, m.start() - AMOUNT_CONTEXT_CHARS) : m.start()]
    if words(m.group("num")) in ("a", "an", "per") and AMOUNT_BEFORE.search(before):
        resolved.type = "SET"
    return resolved


def resolve_reference(m: re.Match, ctx: Context) -> Resolved:
    """'now', 'recently', 'the future'."""
    return Resolved("DATE", load_lexicon().references[words(m.group("ref"))], None)


def clock_day(ctx: Context) -> tuple[str, date | None]:
    """The day a clock time belongs to: one named in its sentence, else the anchor."""
    day = ctx.sentence_day or ctx.anchor
    return (cal.day_value(day) if day else cal.UNKNOWN_DAY), day


def resolve_clock(m: re.Match, ctx: Context) -> Resolved:
    """'9:00 am', '1900 local time', '3 p.m.'."""
    value, day = clock_day(ctx)
    return Resolved("TIME", value + clock_suffix(m), "time", day=day)


def resolve_interval(m: re.Match, ctx: Context) -> Resolved:
    """'9:00 am (0600 GMT) to 19:00': a start time with its end in `end_value`."""
    value, day = clock_day(ctx)
    end = value + clock_suffix(m, "2")
    return Resolved("TIME", value + clock_suffix(m, "1"), "time", end_value=end, day=day)


def resolve_named_time(m: re.Match, ctx: Context) -> Resolved:
    """'noon', 'midnight Friday' (the weekday read as a bare weekday would be)."""
    hour = "24" if words(m.group("named")) == "midnight" else "12"
    value, day = clock_day(ctx)
    if m.group("wd"):
        weekday = resolve_weekday(m, ctx)
        value, day = weekday.value, weekday.day
    return Resolved("TIME", f"{value}T{hour}:00", "time", day=day)


def resolve_vague_span(m: re.Match, ctx: Context) -> Resolved:
    """'recent years', 'the coming months': a length with no count ('PXY')."""
    return resolve_plural_duration(m, ctx)
