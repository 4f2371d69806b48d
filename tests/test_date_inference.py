"""Cross-article date inference fills an undated article only when its linked events agree."""

from __future__ import annotations

from datetime import date

from dateline.link.events import DateClue, judge_clues
from dateline.model import PublishedDate


def clue(day: str, event: str, *, scheduled: bool = False) -> DateClue:
    return DateClue(date.fromisoformat(day), scheduled, f"evidence {event}", event, "attack")


def test_one_day_agreed_by_every_past_event_dates_the_article():
    judged = judge_clues([clue("2011-03-07", "a"), clue("2011-03-07", "b")], PublishedDate())
    assert judged is not None and judged.date == "2011-03-07" and judged.method == "inferred"
    assert "evidence a" in judged.evidence


def test_events_on_different_weeks_date_nothing():
    """A war reports strikes 'on Monday' every week: two Mondays are no evidence for either."""
    assert judge_clues([clue("2011-03-07", "a"), clue("2011-03-14", "b")], PublishedDate()) is None


def test_a_scheduled_event_before_the_past_one_dates_nothing():
    assert judge_clues([clue("2011-03-07", "a"), clue("2011-03-05", "b", scheduled=True)], PublishedDate()) is None


def test_a_clue_outside_the_articles_own_bounds_dates_nothing():
    assert judge_clues([clue("2011-03-07", "a")], PublishedDate(not_before="2011-04-01")) is None


def test_a_weekday_the_story_fills_with_that_kind_of_event_on_other_days_dates_nothing():
    """Strikes reported 'on Monday' in a story with strikes on two Mondays: no inference."""
    from dateline.link.events import ambiguous

    monday = clue("2011-03-07", "a")
    recurring = {("s1", "attack", 0): {date(2011, 3, 7), date(2011, 3, 14)}}
    assert ambiguous(monday, "s1", recurring)
    assert not ambiguous(monday, "s1", {("s1", "attack", 0): {date(2011, 3, 7)}})
    assert not ambiguous(monday, "s2", recurring)


def test_a_statement_on_a_weekday_never_dates_an_article():
    """People speak on most days: 'said on Saturday' in a long story pins no Saturday."""
    from dateline.link.events import DateClue, usable

    said = DateClue(date(2011, 3, 5), False, "evidence", "s", "statement")
    assert not usable(said, "s1", {})
    assert usable(clue("2011-03-07", "a"), "s1", {})
