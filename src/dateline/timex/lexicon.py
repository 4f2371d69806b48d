"""The tagger's vocabulary, loaded once from the shipped data table `data/timex.toml`."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Unit:
    """A calendar or clock unit as TIMEX3 writes it."""

    designator: str  # ISO 8601 letter(s): 'D', 'W', 'M', 'Y', 'DE', 'CE', 'Q'
    is_clock: bool  # hours, minutes, seconds: 'PT3H'
    precision: str  # precision of a date reached by counting this unit ('3 weeks ago')
    multiplier: int  # designator units in one of this unit (a decade is 10 'Y')


@dataclass(frozen=True)
class Lexicon:
    """Every word table of the tagger, with lower-case keys."""

    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    weekday_abbreviations: dict[str, int]
    weekday_title_words: frozenset[str]
    numbers: dict[str, float]
    vague_numbers: tuple[str, ...]
    units: dict[str, Unit]
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    ordinals: dict[str, int]
    references: dict[str, str]
    sets: dict[str, str]
    holidays: dict[str, tuple[int, int]]
    zones: tuple[str, ...]
    four_digit_markers: tuple[str, ...]
    future_cues: frozenset[str]
    past_cues: frozenset[str]
    lasted_cues: frozenset[str]


def alternation(words) -> str:
    """A regex alternation of literal phrases, longest first so that the longest one wins."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read `data/timex.toml` once per process."""
    raw = tomllib.loads(resources.files("dateline.data").joinpath("timex.toml").read_text("utf-8"))
    return Lexicon(
        months=raw["months"],
        ambiguous_months=frozenset(raw["ambiguous"]["months"]),
        weekdays=raw["weekdays"],
        weekday_abbreviations=raw["weekday_abbreviations"],
        weekday_title_words=frozenset(raw["weekday_titles"]["words"]),
        numbers=raw["numbers"],
        vague_numbers=tuple(raw["vague_numbers"]["words"]),
        units={k: Unit(*v) for k, v in raw["units"].items()},
        parts_of_day=raw["parts_of_day"],
        seasons=raw["seasons"],
        ordinals=raw["ordinals"],
        references=raw["references"],
        sets=raw["sets"],
        holidays={k: tuple(v) for k, v in raw["holidays"].items()},
        zones=tuple(raw["clock"]["zones"]),
        four_digit_markers=tuple(raw["clock"]["four_digit_markers"]),
        future_cues=frozenset(raw["tense"]["future"]),
        past_cues=frozenset(raw["tense"]["past"]),
        lasted_cues=frozenset(raw["tense"]["lasted"]),
    )
