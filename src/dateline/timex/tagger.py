"""`tag`: find, judge and resolve the time expressions of a text against an anchor date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dateline.model import TimeMention
from dateline.timex import amounts, deixis, resolve
from dateline.timex.candidates import Candidate, find_candidates, judge_candidates
from dateline.timex.tense import sentence_start, tense_at

RESOLVERS = {
    "iso": resolve.resolve_explicit,
    "slash": resolve.resolve_explicit,
    "month_day": resolve.resolve_explicit,
    "day_month": resolve.resolve_explicit,
    "month_year": resolve.resolve_month_year,
    "season_year": resolve.resolve_season_year,
    "quarter": resolve.resolve_quarter,
    "month": resolve.resolve_month,
    "decade": resolve.resolve_decade,
    "century": resolve.resolve_century,
    "year": resolve.resolve_year,
    "holiday": resolve.resolve_holiday,
    "weekday": deixis.resolve_weekday,
    "deictic": deixis.resolve_deictic,
    "part_of_day": deixis.resolve_part_of_day,
    "anaphoric": deixis.resolve_anaphoric,
    "relative": deixis.resolve_relative,
    "ago": deixis.resolve_ago,
    "year_ago": deixis.resolve_year_ago,
    "set": amounts.resolve_set,
    "period_ended": amounts.resolve_period_ended,
    "duration": amounts.resolve_duration,
    "plural_duration": amounts.resolve_plural_duration,
    "reference": amounts.resolve_reference,
    "interval": amounts.resolve_interval,
    "clock": amounts.resolve_clock,
    "named_time": amounts.resolve_named_time,
    "vague_span": amounts.resolve_vague_span,
}
CALENDAR_KINDS = frozenset({"iso", "slash", "month_day", "day_month", "holiday"})
NARRATIVE_GAP_DAYS = 7  # a calendar date more than a week from the anchor starts a narrative
TENSES = ("past", "future")
# 'Third-quarter profit rose from a year earlier': the comparison keeps the named period.
COMPARED_PERIODS = frozenset({"quarter", "month"})
# 'On Nov. 4, ...' dates an event; 'his Aug. 2 power-grab' only names one in passing.
EVENT_DATE_BEFORE = re.compile(r"\b(?:on|On)\s+$")


@dataclass
class ReadingState:
    """What the text has said so far: the days later expressions may count from."""

    paragraph: int = -1
    sentence: int = -1
    last_day: date | None = None  # any day named in this paragraph
    narrative: date | None = None  # 'on <calendar date>' far from the anchor, in this sentence
    sentence_day: date | None = None  # a day named in this sentence
    period: str | None = None  # the last quarter or month named in this paragraph

    def move_to(self, paragraph: int, sentence: int) -> None:
        """Forget what belongs to an earlier paragraph or sentence."""
        if paragraph != self.paragraph:
            self.paragraph, self.last_day, self.period = paragraph, None, None
        if sentence != self.sentence:
            self.sentence, self.sentence_day, self.narrative = sentence, None, None

    def remember(
        self, cand: Candidate, resolved: resolve.Resolved, anchor: date | None, text: str
    ) -> None:
        """Keep a resolved day or period for the expressions that follow."""
        comparison = cand.kind in ("ago", "year_ago")  # 'a year earlier' is not a new period
        if (
            resolved.precision in COMPARED_PERIODS
            and resolved.value[:4].isdigit()
            and not comparison
        ):
            self.period = resolved.value
        day = resolved.day
        if day is None:
            return
        self.last_day = self.sentence_day = day
        far = anchor is None or abs((day - anchor).days) > NARRATIVE_GAP_DAYS
        if cand.kind in CALENDAR_KINDS and far and EVENT_DATE_BEFORE.search(text[: cand.start]):
            self.narrative = day


def tag(text: str, anchor: date | None, *, tense_hint: str | None = None) -> list[TimeMention]:
    """Every time expression of `text`, resolved against `anchor` (None keeps 'XXXX' values)."""
    if tense_hint is not None and tense_hint not in TENSES:
        raise ValueError(f"tense_hint must be one of {TENSES}, not {tense_hint!r}")
    kept, _ = judge_candidates(find_candidates(text), text)
    state, mentions = ReadingState(), []
    for cand in kept:
        mention = read_candidate(cand, text, anchor, state, tense_hint or "past")
        if mention is not None:
            mentions.append(mention)
    return mentions


def read_candidate(
    cand: Candidate, text: str, anchor: date | None, state: ReadingState, default_tense: str
) -> TimeMention | None:
    """Resolve one kept candidate in the light of what the text said before it."""
    state.move_to(text.count("\n\n", 0, cand.start), sentence_start(text, cand.start))
    ctx = reading_context(cand, text, anchor, state, default_tense)
    try:
        resolved = RESOLVERS[cand.kind](cand.match, ctx)
    except (ValueError, OverflowError):
        return None  # a count that runs off the calendar ('5000 years ago' from year 11)
    if resolved is None:
        return None
    if cand.kind == "duration":
        resolved = amounts.rate_or_length(resolved, cand.match, text)
    state.remember(cand, resolved, anchor, text)
    return TimeMention(
        start=cand.start,
        end=cand.end,
        text=text[cand.start : cand.end],
        type=resolved.type,
        value=resolved.value,
        anchor=anchor.isoformat() if anchor else None,
        end_value=resolved.end_value,
        precision=resolved.precision,
        tense=settled_tense(resolved, ctx) if resolved.type in ("DATE", "TIME") else None,
        weekday=resolved.weekday,
    )


def settled_tense(resolved: resolve.Resolved, ctx: resolve.Context) -> str | None:
    """Past or future as the calendar settles it (a day after the anchor is ahead), else the cue's."""
    if resolved.day is None or ctx.anchor is None or resolved.day == ctx.anchor:
        return ctx.tense
    return "future" if resolved.day > ctx.anchor else "past"


def reading_context(
    cand: Candidate, text: str, anchor: date | None, state: ReadingState, default_tense: str
) -> resolve.Context:
    """What a reader knows at this expression: anchor, tense and the days just named."""
    cue = tense_at(text, cand.start, cand.end, default=None)
    return resolve.Context(
        anchor=anchor,
        tense=cue or default_tense,
        reference=state.last_day,
        narrative=state.narrative,
        sentence_day=state.sentence_day,
        period=state.period,
        cued=cue is not None,
    )
