"""The grammar of time expressions: one regex per kind, built from `data/timex.toml`.

Rules are listed in priority order: when two spans of equal length overlap, the earlier rule's
reading is kept (see `candidates.judge_candidates`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dateline.timex.lexicon import Lexicon, alternation, load_lexicon

YEAR = r"(?:1[6-9]|20)\d\d"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
MOD = (
    r"(?P<mod>early|late|mid|(?:the\s+)?(?:end|beginning|start|middle|turn|close|first\s+half"
    r"|second\s+half)\s+of)(?:\s+|-)"
)
APPROX = r"about|almost|nearly|over|more\s+than|less\s+than|at\s+least|some|around|roughly|up\s+to|only|just|approximately"


@dataclass(frozen=True)
class Vocabulary:
    """Regex alternations of the word tables, shared by the rules."""

    month: str
    full_month: str
    weekday: str
    any_weekday: str
    parts: str
    seasons: str
    num: str
    units: str
    ordinals: str
    sets: str
    references: str
    holidays: str


def number_pattern(lex: Lexicon) -> str:
    """Digits, number words ('twenty-four') and vague quantities ('several')."""
    tens = alternation(k for k, v in lex.numbers.items() if v >= 20 and v % 10 == 0 and v < 100)
    ones = alternation(k for k, v in lex.numbers.items() if 1 <= v <= 9 and k not in ("a", "an"))
    words = alternation([*lex.numbers, *lex.vague_numbers])
    return rf"(?:\d+(?:\.\d+)?|(?:{tens})[\s-](?:{ones})|{words})"


def unit_forms(lex: Lexicon) -> dict[str, str]:
    """Every written form of a unit (singular and plural) -> the unit's key."""
    forms = {}
    for unit in lex.units:
        forms[unit] = unit
        forms[unit[:-1] + "ies" if unit.endswith("y") and unit != "day" else unit + "s"] = unit
    return forms


def clock_pattern(lex: Lexicon, tag: str = "") -> str:
    """A clock time: '9:00 am', '19:00', '3 p.m.', '0600 GMT'; group names carry `tag`."""
    zone = rf"(?:\s*\(?(?P<zone{tag}>{alternation(lex.zones)})\b\)?)?"
    ampm = rf"(?P<ampm{tag}>a\.m\.|p\.m\.|am\b|pm\b)"
    with_ampm = rf"(?P<H{tag}>1[0-2]|0?[1-9])(?::(?P<M{tag}>[0-5]\d))?\s*{ampm}"
    colon = rf"(?P<h{tag}>[01]?\d|2[0-3]):(?P<m{tag}>[0-5]\d)(?::(?P<s{tag}>[0-5]\d))?\b"
    four = rf"(?P<hh{tag}>[01]\d|2[0-3])(?P<mm{tag}>[0-5]\d)(?=\s*(?:{alternation(lex.four_digit_markers)})\b)"
    return rf"\b(?:{with_ampm}|{colon}|{four}){zone}"


def vocabulary(lex: Lexicon) -> Vocabulary:
    """The alternations every rule draws on."""
    return Vocabulary(
        month=alternation(lex.months),
        full_month=alternation(k for k in lex.months if len(k) > 4 or k in ("may", "june", "july")),
        weekday=alternation(lex.weekdays),
        any_weekday=alternation([*lex.weekdays, *lex.weekday_abbreviations]),
        parts=alternation(lex.parts_of_day),
        seasons=alternation(lex.seasons),
        num=number_pattern(lex),
        units=alternation(unit_forms(lex)),
        ordinals=alternation(lex.ordinals),
        sets=alternation(lex.sets),
        references=alternation(lex.references),
        holidays=alternation(lex.holidays),
    )


CLOCK_TAIL = r"(?:,?\s+(?:at\s+)?(?P<H>[01]?\d|2[0-3]):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?\b)?"


def calendar_rules(v: Vocabulary, lex: Lexicon) -> list[tuple[str, str]]:
    """Dates the calendar names: 'Aug 15, 2016', 'March 2011', 'the third quarter', '2012'."""
    return [
        (
            "iso",
            rf"\b(?P<y>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?)?\b",
        ),
        ("slash", rf"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>{YEAR}|\d\d)\b"),
        (
            "month_day",
            rf"\b(?:(?P<wd>{v.any_weekday})\.?,?\s+)?(?P<mon>{v.month})\.?\s+(?P<d>{DAY})\b(?!:\d)(?:,?\s+(?P<y>{YEAR})\b)?{CLOCK_TAIL}",
        ),
        (
            "day_month",
            rf"\b(?:(?P<wd>{v.any_weekday})\.?,?\s+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{v.month})\b\.?(?:,?\s+(?P<y>{YEAR})\b)?{CLOCK_TAIL}",
        ),
        ("month_year", rf"\b(?:{MOD})?(?P<mon>{v.month})\.?,?\s+(?:of\s+)?(?P<y>{YEAR})\b"),
        (
            "season_year",
            rf"\b(?:{MOD})?(?:the\s+)?(?P<season>{v.seasons})\s+(?:of\s+)?(?P<y>{YEAR})\b",
        ),
        (
            "quarter",
            rf"\b(?:the\s+)?(?:(?P<y>{YEAR})\s+|(?P<rel>this|last|next)\s+year['’]s\s+)?(?:fiscal\s+)?(?P<ord>{v.ordinals})[\s-]+(?P<part>quarter|half)\b(?:\s+of\s+(?P<y2>{YEAR}))?",
        ),
        (
            "month",
            rf"\b(?:{MOD})?(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<mon>{v.full_month})\b(?!\s+\d)(?:\s+(?P<yrel>this|last|next)\s+year\b)?",
        ),
        ("decade", rf"\b(?:{MOD})?(?:the\s+)?(?P<dec>(?:1[6-9]|20)\d0)'?s\b"),
        ("century", r"\b(?:the\s+)?(?P<ord>1\d|20|21)(?:st|nd|rd|th)\s+century\b"),
        (
            "year",
            rf"\b(?:{MOD})?(?:(?P<fiscal>fiscal)\s+(?:year\s+)?)?(?P<y>{YEAR})\b(?![\d,.]\d|%|-\d|\s*(?:percent|per\s+cent))",
        ),
        ("holiday", rf"\b(?P<holiday>{v.holidays})\b"),
    ]


def deictic_rules(v: Vocabulary, lex: Lexicon) -> list[tuple[str, str]]:
    """Expressions that count from a moment: 'Monday', 'yesterday', 'last month', 'a year ago'."""
    return [
        (
            "weekday",
            rf"\b(?:(?P<rel>last|this|next|coming|past|previous)\s+)?(?P<wd>{v.weekday})(?:\s+(?P<part>{v.parts}))?\b",
        ),
        (
            "deictic",
            rf"\b(?:(?P<pre>early|late|earlier|later)\s+)?(?P<day>today|yesterday|tomorrow|tonight|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+(?P<part>{v.parts}))?\b",
        ),
        ("part_of_day", rf"\b(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>{v.parts})\b"),
        (
            "anaphoric",
            r"\b(?:(?:the\s+(?P<rel>next|following|previous|preceding)\s+(?P<unit>day|morning|evening|night|week|month|year))|(?P<same>(?:earlier\s+|later\s+)?(?:that|the\s+same)\s+day)|(?:that|the\s+same)\s+(?P<that>week|month|year)|(?P<before>the\s+day\s+before))\b",
        ),
        ("period_ended", r"\b(?:the\s+)?(?:fiscal\s+)?(?P<unit>year)(?=\s+(?:ended|ending)\b)"),
        (
            "relative",
            rf"\b(?:(?P<pre>earlier|later|early|late|(?:the\s+)?(?:end|beginning|start|middle|rest|first\s+half|second\s+half)\s+of)\s+)?(?P<rel>this\s+past|last|this|next|coming|past|previous|current|latest|the\s+current|the\s+previous|the\s+coming|the\s+next|the\s+past|the\s+last|the\s+latest|the)\s+(?P<unit>week|weekend|month|year|quarter|decade|century|{v.seasons})\b",
        ),
        (
            "year_ago",
            r"\b(?:(?P<the>the)\s+)?(?:year-earlier|year-ago|prior-year)(?:\s+(?P<unit>quarter|period))?\b",
        ),
        (
            "ago",
            rf"\b(?:(?P<approx>{APPROX})\s+)?(?P<num>{v.num})[\s-]+(?P<unit>{v.units})\s+(?P<dir>ago|earlier|from\s+now|hence)\b",
        ),
    ]


def amount_rules(v: Vocabulary, lex: Lexicon) -> list[tuple[str, str]]:
    """Lengths, repetitions and fixed references: 'three weeks', 'daily', 'now'."""
    return [
        (
            "set",
            rf"\b(?:(?P<adverb>{v.sets})|(?:every|each|per)\s+(?:other\s+)?(?P<every>{v.units}|{v.weekday}|{v.parts})|(?:once|twice|\w+\s+times)\s+(?:a|per)\s+(?P<times>day|week|month|year))\b",
        ),
        (
            "duration",
            rf"\b(?:(?P<the>the)\s+)?(?:(?P<rel>past|last|next|coming|first|previous|final|following|remaining|initial|latest)\s+)?(?:(?P<approx>{APPROX})\s+)?(?P<num>{v.num})[\s-]+(?P<unit>{v.units})\b(?!-old|\s+old\b)",
        ),
        (
            "plural_duration",
            r"\b(?:for|over|in|within|after)\s+(?P<span>(?P<unit>years|months|weeks|days|hours|decades))\b",
        ),
        ("reference", rf"\b(?P<ref>{v.references})\b"),
    ]


def clock_rules(v: Vocabulary, lex: Lexicon) -> list[tuple[str, str]]:
    """Clock times and spans: '9:00 am (0600 GMT) to 19:00', 'noon Friday', 'recent years'."""
    return [
        (
            "interval",
            clock_pattern(lex, "1")
            + r"(?:\s*\([^()]{1,30}\))?\s*(?:to|until|till|and|-|–|—)\s*"
            + clock_pattern(lex, "2"),
        ),
        ("clock", clock_pattern(lex)),
        ("named_time", rf"\b(?P<named>noon|midnight|midday)(?:\s+(?P<wd>{v.weekday}))?\b"),
        (
            "vague_span",
            r"\b(?:the\s+)?(?P<rel>recent|coming|past)\s+(?P<unit>years|months|weeks|days|decades)\b",
        ),
    ]


@lru_cache(maxsize=1)
def compiled_rules() -> list[tuple[str, re.Pattern]]:
    """Every rule compiled once per process, in priority order."""
    lex = load_lexicon()
    v = vocabulary(lex)
    tables = (calendar_rules, deictic_rules, amount_rules, clock_rules)
    return [(kind, re.compile(rx, re.IGNORECASE)) for table in tables for kind, rx in table(v, lex)]
