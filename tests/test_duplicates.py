"""Near-duplicates: syndicated copies under other boilerplate link to their original."""

from __future__ import annotations

from dateline.link.duplicates import find_duplicates
from dateline.model import Article, PublishedDate

WIRE = (
    "Dock workers at the city's container terminal stayed off the job for a third day on "
    "Thursday after overnight talks between the union and the port operator ended without "
    "agreement. The union said its members would not return until the operator withdrew plans "
    "to cut night shifts, which it says would cost 200 jobs. About a dozen vessels were "
    "anchored offshore on Wednesday evening, according to harbour records."
)
OTHER = (
    "The city council voted on Tuesday to close two public libraries and merge their "
    "collections into the central branch, citing a shortfall in next year's budget and falling "
    "visitor numbers since the pandemic. Residents of the northern districts protested outside "
    "the town hall before the vote and promised to challenge the decision in court."
)


def article(id_: str, body: str, date: str | None = None) -> Article:
    return Article(id=id_, source=f"{id_}.txt", body=body, published=PublishedDate(date=date))


def test_copy_under_other_boilerplate_links_to_earliest() -> None:
    later = article("b", "PORTSMOUTH (Reuters) - " + WIRE + " Read the full story in our app.", "2015-03-13")
    first = article("a", WIRE, "2015-03-12")
    assert find_duplicates([later, first, article("c", OTHER)]) == {"b": "a"}


def test_trimmed_copy_is_a_duplicate_and_undated_follows_first_seen() -> None:
    trimmed = WIRE.rsplit(". ", 1)[0] + "."
    assert find_duplicates([article("x", WIRE), article("y", trimmed)]) == {"y": "x"}


def test_independent_reports_are_not_linked() -> None:
    assert find_duplicates([article("a", WIRE), article("c", OTHER)]) == {}


def test_short_bodies_are_never_linked() -> None:
    assert find_duplicates([article("a", "Talks resumed."), article("b", "Talks resumed.")]) == {}


def test_three_copies_point_at_one_original() -> None:
    found = find_duplicates([article(i, WIRE) for i in "pqr"])
    assert found == {"q": "p", "r": "p"}
