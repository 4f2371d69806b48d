"""Candidate time expressions: one regular grammar per kind, then a judge keeps the longest.

Each rule is a regex built from the word tables of `data/timex.toml`; a rule finds spans and
names their kind, and `resolve` turns a kept span into a TIMEX3 value. Overlaps are settled by
`judge_candidates`, which keeps the longest span and records why each loser lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.timex.grammar import compiled_rules
from dateline.timex.lexicon import load_lexicon

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


def lower_case_name(candidate: Candidate, text: str) -> str | None:
    """Month and weekday names are capitalised in English; 'may' and 'march' are verbs."""
    groups = candidate.match.groupdict()
    if groups.get("mon") and not groups["mon"][0].isupper():
        return "month name not capitalised"
    if candidate.kind == "weekday" and not groups["wd"][0].isupper():
        return "weekday not capitalised"
    if candidate.kind == "weekday" and weekday_title(text, candidate.end):
        return "weekday in a title ('Sunday Times')"
    if candidate.kind == "month" and groups["mon"].lower() in load_lexicon().ambiguous_months:
        if not (groups["rel"] or groups["mod"]) and is_sentence_initial(text, candidate.start):
            return "ambiguous month word at sentence start"
    return None


def weekday_title(text: str, end: int) -> bool:
    """Whether the capitalised words after a weekday make it a newspaper's or a show's name."""
    following = re.match(r"\s+((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?)", text[end:])
    if following is None:
        return False
    words = following.group(1).lower()
    titles = load_lexicon().weekday_title_words
    return words in titles or words.split()[0] in titles


def count_not_year(candidate: Candidate, text: str) -> str | None:
    """'1500 troops' is a count: a bare year needs a preposition or a clause end."""
    m = candidate.match
    if candidate.kind != "year" or m.group("mod") or m.group("fiscal"):
        return None
    before = text[max(0, candidate.start - YEAR_CONTEXT_CHARS) : candidate.start]
    if YEAR_PREFIX.search(before) or re.match(r"\s*(?:[.,;:)'’]|$)", text[candidate.end :]):
        return None
    return "bare number without a preposition: a count, not a year"


def not_a_span_of_time(candidate: Candidate, text: str) -> str | None:
    """'the week' (none in particular), 'three-quarters of', 'a second time'."""
    groups = candidate.match.groupdict()
    unit = (groups.get("unit") or "").lower()
    if candidate.kind == "relative" and groups["rel"].lower() == "the" and not groups["pre"]:
        if unit in ("week", "month", "decade", "century"):
            return "'the week' or 'the month' names no particular one"
    if candidate.kind == "duration" and re.match(r"\s+of\b", text[candidate.end :]):
        if unit.startswith(("quarter", "half")):
            return "'three-quarters of' is a fraction"
    if candidate.kind in ("duration", "ago") and groups["num"].lower() in ("a", "an"):
        if unit == "second":
            return "'a second' is an ordinal"
    return None


VALIDATORS = (lower_case_name, count_not_year, not_a_span_of_time)


def implausible(candidate: Candidate, text: str) -> str | None:
    """Why a span is not a time expression after all, or None when it may be one."""
    return next(filter(None, (check(candidate, text) for check in VALIDATORS)), None)


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
