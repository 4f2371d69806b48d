"""How outlets differ on one story: the figures they give and the words they choose.

`compare_claims` lists each story's figures and marks those that conflict: the same counted
thing (fuzzy match of `what`, same unit) in reports a few days apart, with values further
apart than rounding explains. `framing_terms` counts the words each outlet uses in its own
voice (outside every quote span, direct or reported) for the actor groups of
`data/actors.toml`. Articles marked `duplicate_of` count once, through their original.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from itertools import combinations
from pathlib import Path

from rapidfuzz import fuzz

from dateline.model import Article, Claim, FramingTerm, StoryClaim

# Two `what` phrases name the same thing at this token-sort similarity (0-100): 'family'
# and 'families' or 'civilian' and 'civilians' pass, 'civilian' and 'child' do not.
WHAT_MATCH_SCORE = 85
# Values within 5% of each other are the same count rounded ('about 800' and '820').
ROUNDING_TOLERANCE = 0.05
# Reports of one count disagree by tens of percent, not by orders of magnitude: a larger
# ratio means two different quantities that happen to share a noun (14 vs 40,000 civilians).
MAX_CONFLICT_RATIO = 3.0
# Reports more than a week apart describe different moments of a running story.
EVENT_WINDOW_DAYS = 7
# The outlet name used for articles whose outlet is not known.
UNKNOWN_OUTLET = "unknown outlet"


def compare_claims(articles: list[Article]) -> list[StoryClaim]:
    """Every figure of every story, with the indexes of the figures it conflicts with."""
    originals = [a for a in articles if a.duplicate_of is None]
    listed = [(article, claim) for article in originals for claim in article.claims]
    story_claims = [story_claim(article, claim) for article, claim in listed]
    for (i, (a, x)), (j, (b, y)) in combinations(enumerate(listed), 2):
        if a.id != b.id and a.story == b.story and claims_conflict(a, x, b, y):
            story_claims[i].conflicts_with.append(j)
            story_claims[j].conflicts_with.append(i)
    return story_claims


def story_claim(article: Article, claim: Claim) -> StoryClaim:
    """A claim as a story lists it, citing the article's sentence verbatim."""
    sentences = {s.index: s.text for s in article.sentences}
    return StoryClaim(
        value=claim.value,
        what=claim.what,
        article=article.id,
        outlet=article.outlet,
        sentence=sentences.get(claim.sentence, claim.text),
        unit=claim.unit,
        attributed_to=claim.attributed_to,
    )


def claims_conflict(a: Article, x: Claim, b: Article, y: Claim) -> bool:
    """True when two articles give different values for the same thing at the same time."""
    return (
        x.unit == y.unit
        and fuzz.token_sort_ratio(x.what, y.what) >= WHAT_MATCH_SCORE
        and within_event_window(a, b)
        and values_conflict(x.value, y.value)
    )


def values_conflict(x: float, y: float) -> bool:
    """Different beyond rounding, yet close enough to be rival figures for one count."""
    low, high = sorted((abs(x), abs(y)))
    if high == 0 or (high - low) / high <= ROUNDING_TOLERANCE:
        return False
    return low > 0 and high / low <= MAX_CONFLICT_RATIO


def within_event_window(a: Article, b: Article) -> bool:
    """True when the two publication dates are close, or when either is unknown."""
    dates = [iso_date(a.published.date), iso_date(b.published.date)]
    if None in dates:
        return True
    return abs((dates[0] - dates[1]).days) <= EVENT_WINDOW_DAYS


def iso_date(value: str | None) -> date | None:
    """A calendar date from an ISO string (any time part ignored), or None."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class ActorTable:
    """Each written form of an actor term mapped to its (actor group, term)."""

    forms: dict[str, tuple[str, str]]

    @classmethod
    def from_toml(cls, *texts: str) -> ActorTable:
        """Parse one or more files of the shape of `data/actors.toml` (later ones add)."""
        forms: dict[str, tuple[str, str]] = {}
        for text in texts:
            data = tomllib.loads(text)
            plurals = data.get("plurals", {})
            for actor in data.get("actor", []):
                for term in actor["terms"]:
                    for form in (term, f"{term}s", f"{term}es", plurals.get(term)):
                        if form:
                            forms[form.lower()] = (actor["name"], term)
        return cls(forms)

    @property
    def pattern(self) -> re.Pattern[str]:
        """One regex of every form, longest first so the longest term wins an overlap."""
        alternatives = sorted(self.forms, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(map(re.escape, alternatives)) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=4)
def load_actor_table(extra: Path | None = None) -> ActorTable:
    """The shipped actor groups, extended by a user's TOML file of the same shape."""
    shipped = resources.files("dateline.data").joinpath("actors.toml").read_text("utf-8")
    texts = [shipped] if extra is None else [shipped, extra.read_text(encoding="utf-8")]
    return ActorTable.from_toml(*texts)


def framing_terms(articles: list[Article], *, table: ActorTable | None = None) -> list[FramingTerm]:
    """How often each outlet names each actor group with each term, in its own voice."""
    actors = table or load_actor_table()
    pattern = actors.pattern
    counts: Counter[tuple[str, str, str]] = Counter()
    for article in articles:
        if article.duplicate_of is not None:
            continue
        outlet = article.outlet or UNKNOWN_OUTLET
        for group, term in own_voice_terms(article, actors, pattern):
            counts[(outlet, group, term)] += 1
    ordered = sorted(
        counts.items(), key=lambda item: (item[0][0], item[0][1], -item[1], item[0][2])
    )
    return [FramingTerm(outlet=o, refers_to=g, term=t, count=n) for (o, g, t), n in ordered]


def own_voice_terms(
    article: Article, actors: ActorTable, pattern: re.Pattern[str]
) -> list[tuple[str, str]]:
    """The (actor group, term) of each match in the body that no quote span covers."""
    quoted = [(q.start, q.end) for q in article.quotes if q.end > q.start]
    found = []
    for match in pattern.finditer(article.body):
        if not any(start <= match.start() < end for start, end in quoted):
            found.append(actors.forms[match.group(0).lower()])
    return found
