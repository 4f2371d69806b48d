"""Candidate time expressions: one regular grammar per kind, then a judge keeps the longest.

Each rule is a regex built from the word tables of `data/timex.toml`; a rule finds spans and
names their kind, and `resolve` turns a kept span into a TIMEX3 value. Overlaps are settled by
`judge_candidates`, which keeps the longest span and records why each loser lost.
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
# Words before a bare four-digit number that make it a year rather than a count.
YEAR_PREFIX = re.compile(
    r"(?:\b(?:in|since|of|by|until|till|from|to|before|after|during|through|year|fiscal|early|late"
    r"|mid|end|beginning|and|or|circa|around|spring|summer|fall|autumn|winter|between|the|a|an|its|his|her"
    r"|their|our|that|this|due|both)\s+|['’]s\s+|,\s*|(?:^|\s)\(|mid-)$",
    re.IGNORECASE,
)
YEAR_CONTEXT_CHARS = 20  # enough characters before a year to see its preposition


@dataclass(frozen=True)
class Candidate:
    """A span a rule matched, before judgement."""

    start: int
    end: int
    kind: str
    match: re.Match


@dataclass(frozen=True)
class Rejection:
    """A candidate the judge dropped, and why."""

    candidate: Candidate
    why: str


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


def rule_patterns(lex: Lexicon) -> list[tuple[str, str]]:
    """(kind, regex) for every rule, in priority order for spans of equal length."""
    month = alternation(lex.months)
    full_month = alternation(k for k in lex.months if len(k) > 4 or k in ("may", "june", "july"))
    weekday = alternation(lex.weekdays)
    any_weekday = alternation([*lex.weekdays, *lex.weekday_abbreviations])
    parts = alternation(lex.parts_of_day)
    seasons = alternation(lex.seasons)
    num = number_pattern(lex)
    units = alternation(unit_forms(lex))
    clock_tail = r"(?:,?\s+(?:at\s+)?(?P<H>[01]?\d|2[0-3]):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?\b)?"
    return [
        (
            "iso",
            rf"\b(?P<y>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?)?\b",
        ),
        ("slash", rf"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>{YEAR}|\d\d)\b"),
        (
            "month_day",
            rf"\b(?:(?P<wd>{any_weekday})\.?,?\s+)?(?P<mon>{month})\.?\s+(?P<d>{DAY})\b(?!:\d)(?:,?\s+(?P<y>{YEAR})\b)?{clock_tail}",
        ),
        (
            "day_month",
            rf"\b(?:(?P<wd>{any_weekday})\.?,?\s+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{month})\b\.?(?:,?\s+(?P<y>{YEAR})\b)?{clock_tail}",
        ),
        ("month_year", rf"\b(?:{MOD})?(?P<mon>{month})\.?,?\s+(?:of\s+)?(?P<y>{YEAR})\b"),
        (
            "season_year",
            rf"\b(?:{MOD})?(?:the\s+)?(?P<season>{seasons})\s+(?:of\s+)?(?P<y>{YEAR})\b",
        ),
        (
            "quarter",
            rf"\b(?:the\s+)?(?:(?P<y>{YEAR})\s+|(?P<rel>this|last|next)\s+year['’]s\s+)?(?:fiscal\s+)?(?P<ord>{alternation(lex.ordinals)})[\s-]+(?P<part>quarter|half)\b(?:\s+of\s+(?P<y2>{YEAR}))?",
        ),
        (
            "month",
            rf"\b(?:{MOD})?(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<mon>{full_month})\b(?!\s+\d)(?:\s+(?P<yrel>this|last|next)\s+year\b)?",
        ),
        ("decade", rf"\b(?:{MOD})?(?:the\s+)?(?P<dec>(?:1[6-9]|20)\d0)'?s\b"),
        ("century", r"\b(?:the\s+)?(?P<ord>1\d|20|21)(?:st|nd|rd|th)\s+century\b"),
        (
            "year",
            rf"\b(?:{MOD})?(?:(?P<fiscal>fiscal)\s+(?:year\s+)?)?(?P<y>{YEAR})\b(?![\d,.]\d|%|-\d|\s*(?:percent|per\s+cent))",
        ),
        ("holiday", rf"\b(?P<holiday>{alternation(lex.holidays)})\b"),
        (
            "weekday",
            rf"\b(?:(?P<rel>last|this|next|coming|past|previous)\s+)?(?P<wd>{weekday})(?:\s+(?P<part>{parts}))?\b",
        ),
        (
            "deictic",
            rf"\b(?:(?P<pre>early|late|earlier|later)\s+)?(?P<day>today|yesterday|tomorrow|tonight|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+(?P<part>{parts}))?\b",
        ),
        ("part_of_day", rf"\b(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>{parts})\b"),
        (
            "anaphoric",
            r"\b(?:(?:the\s+(?P<rel>next|following|previous|preceding)\s+(?P<unit>day|morning|evening|night|week|month|year))|(?P<same>(?:earlier\s+|later\s+)?(?:that|the\s+same)\s+day)|(?:that|the\s+same)\s+(?P<that>week|month|year)|(?P<before>the\s+day\s+before))\b",
        ),
        (
            "period_ended",
            r"\b(?:the\s+)?(?:fiscal\s+)?(?P<unit>year)(?=\s+(?:ended|ending)\b)",
        ),
        (
            "relative",
            rf"\b(?:(?P<pre>earlier|later|early|late|(?:the\s+)?(?:end|beginning|start|middle|rest|first\s+half|second\s+half)\s+of)\s+)?(?P<rel>this\s+past|last|this|next|coming|past|previous|current|latest|the\s+current|the\s+previous|the\s+coming|the\s+next|the\s+past|the\s+last|the\s+latest|the)\s+(?P<unit>week|weekend|month|year|quarter|decade|century|{seasons})\b",
        ),
        (
            "year_ago",
            r"\b(?:(?P<the>the)\s+)?(?:year-earlier|year-ago|prior-year)(?:\s+(?P<unit>quarter|period))?\b",
        ),
        (
            "ago",
            rf"\b(?:(?P<approx>{APPROX})\s+)?(?P<num>{num})[\s-]+(?P<unit>{units})\s+(?P<dir>ago|earlier|from\s+now|hence)\b",
        ),
        (
            "set",
            rf"\b(?:(?P<adverb>{alternation(lex.sets)})|(?:every|each|per)\s+(?:other\s+)?(?P<every>{units}|{weekday}|{parts})|(?:once|twice|\w+\s+times)\s+(?:a|per)\s+(?P<times>day|week|month|year))\b",
        ),
        (
            "duration",
            rf"\b(?:(?P<the>the)\s+)?(?:(?P<rel>past|last|next|coming|first|previous|final|following|remaining|initial|latest)\s+)?(?:(?P<approx>{APPROX})\s+)?(?P<num>{num})[\s-]+(?P<unit>{units})\b(?!-old|\s+old\b)",
        ),
        (
            "plural_duration",
            r"\b(?:for|over|in|within|after)\s+(?P<span>(?P<unit>years|months|weeks|days|hours|decades))\b",
        ),
        ("reference", rf"\b(?P<ref>{alternation(lex.references)})\b"),
        (
            "interval",
            clock_pattern(lex, "1")
            + r"(?:\s*\([^()]{1,30}\))?\s*(?:to|until|till|and|-|–|—)\s*"
            + clock_pattern(lex, "2"),
        ),
        ("clock", clock_pattern(lex)),
        ("named_time", rf"\b(?P<named>noon|midnight|midday)(?:\s+(?P<wd>{weekday}))?\b"),
        (
            "vague_span",
            r"\b(?:the\s+)?(?P<rel>recent|coming|past)\s+(?P<unit>years|months|weeks|days|decades)\b",
        ),
    ]


@lru_cache(maxsize=1)
def compiled_rules() -> list[tuple[str, re.Pattern]]:
    """The rules compiled once per process."""
    return [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in rule_patterns(load_lexicon())]


def find_candidates(text: str) -> list[Candidate]:
    """Every span any rule matches, overlapping ones included."""
    found = []
    for kind, rx in compiled_rules():
        for m in rx.finditer(text):
            found.append(Candidate(*extent(m), kind, m))
    return found


def extent(m: re.Match) -> tuple[int, int]:
    """The span a match covers, less its context: a 'span' group, or 'the' before an adjective."""
    groups = m.re.groupindex
    if "span" in groups and m.group("span"):
        return m.span("span")
    noun = (m.group("unit") if "unit" in groups else None) or "s"
    if "the" in groups and m.group("the") and not m.groupdict().get("rel") and noun[-1] != "s":
        after_the = m.group(0)[m.end("the") - m.start() :]
        return m.end() - len(
            after_the.lstrip()
        ), m.end()  # 'the 72-hour truce': 'the' is the truce's
    return m.span()


def implausible(candidate: Candidate, text: str) -> str | None:
    """Why a span is not a time expression after all, or None when it may be one."""
    m, lex = candidate.match, load_lexicon()
    if "mon" in m.re.groupindex and m.group("mon") and not m.group("mon")[0].isupper():
        return "month name not capitalised"
    if candidate.kind == "weekday" and not m.group("wd")[0].isupper():
        return "weekday not capitalised"
    if candidate.kind == "year" and not (m.group("mod") or m.group("fiscal")):
        before = text[max(0, candidate.start - YEAR_CONTEXT_CHARS) : candidate.start]
        if not YEAR_PREFIX.search(before) and not re.match(
            r"[\s]*(?:[.,;:)'’]|$)", text[candidate.end :]
        ):
            return "bare number without a preposition: a count, not a year"
    if candidate.kind == "relative" and m.group("rel").lower() == "the" and not m.group("pre"):
        if m.group("unit").lower() in ("week", "month", "decade", "century"):
            return "'the week' or 'the month' names no particular one"
    if candidate.kind == "duration" and re.match(r"\s+of\b", text[candidate.end :]):
        if m.group("unit").lower().startswith(("quarter", "half")):
            return "'three-quarters of' is a fraction"
    if candidate.kind in ("duration", "ago"):
        num = m.group("num").lower()
        if num in ("a", "an") and m.group("unit").lower() == "second":
            return "'a second' is an ordinal"
    if candidate.kind == "month" and m.group("mon").lower() in lex.ambiguous_months:
        if not (m.group("rel") or m.group("mod")) and is_sentence_initial(text, candidate.start):
            return "ambiguous month word at sentence start"
    return None


def is_sentence_initial(text: str, start: int) -> bool:
    """Whether a span opens a sentence (where every word is capitalised)."""
    return not text[:start].strip() or text[:start].rstrip()[-1] in '.!?\n"“'


def judge_candidates(
    candidates: list[Candidate], text: str
) -> tuple[list[Candidate], list[Rejection]]:
    """Keep plausible, non-overlapping spans, longest first; return the kept and the rejected."""
    priority = {kind: i for i, (kind, _) in enumerate(compiled_rules())}
    ordered = sorted(candidates, key=lambda c: (c.start - c.end, priority[c.kind], c.start))
    kept, rejected, taken = [], [], []
    for cand in ordered:
        why = implausible(cand, text)
        if why is None and any(cand.start < e and s < cand.end for s, e in taken):
            why = "overlaps a longer expression"
        if why:
            rejected.append(Rejection(cand, why))
            continue
        kept.append(cand)
        taken.append((cand.start, cand.end))
    return sorted(kept, key=lambda c: c.start), rejected
