"""Publication dates: candidates, the judge's reasons, bounds, and never a contradicted date."""

from __future__ import annotations

import pytest

from dateline.clean import clean_documents
from dateline.dates import date_article
from dateline.dates.candidates import dates_in, parse_date
from dateline.model import RawDocument

STORY = (
    "Lawmakers approved the state budget early on Monday after a session that lasted more than "
    "fourteen hours, the speaker's office said.\n\n"
    "The opposition walked out before the final vote, saying the plan ignored pensioners.\n\n"
)


def judged(text: str, **kwargs):
    """Clean one page and date it."""
    doc = RawDocument(source="page.txt", text=text, **kwargs)
    return date_article(doc, clean_documents([doc])[0])


@pytest.mark.parametrize(
    "text, iso, time, weekday",
    [
        ("Mon Aug 15, 2016 18:28:09", "2016-08-15", "18:28:09", 0),
        ("Published Thursday 12 March 2015 09:14", "2015-03-12", "09:14", 3),
        ("Sept. 23, 2016", "2016-09-23", None, None),
        ("updated 2019-06-01", "2019-06-01", None, None),
        ("02:36 GMT04 March 2021", "2021-03-04", None, None),
    ],
)
def test_full_dates_found(text: str, iso: str, time: str | None, weekday: int | None) -> None:
    found = dates_in(text, "header")
    assert [(c.date, c.time, c.weekday) for c in found] == [(iso, time, weekday)]


@pytest.mark.parametrize("text", ["on Tuesday", "in March", "since 2011", "page 12 of 40"])
def test_partial_dates_are_not_candidates(text: str) -> None:
    assert dates_in(text, "text") == []


def test_parse_date_rejects_nonsense() -> None:
    assert parse_date("no date here") is None


def test_header_stamp_is_explicit_with_evidence() -> None:
    result = judged("Budget passes after long night\nTue Feb 6, 2024 07:10\n\n" + STORY)
    assert (result.date, result.time, result.method) == ("2024-02-06", "07:10", "explicit")
    assert result.evidence == "Tue Feb 6, 2024 07:10"


def test_render_clock_is_rejected_with_reason() -> None:
    result = judged("03:11 GMT 19 May 2025\nBudget passes after long night\n\n" + STORY)
    assert result.date is None and result.method == "unknown"
    assert "page-render clock" in result.rejected[0].why


def test_stamp_years_after_the_text_is_rejected() -> None:
    text = "Budget passes after long night\n9 January 2024\n\n" + STORY + "The last budget of 2012 was cut.\n"
    result = judged(text)
    assert result.date is None
    assert "later than everything the text reports" in result.rejected[0].why


def test_wrong_weekday_is_rejected() -> None:
    result = judged("Budget passes after long night\nWed Feb 6, 2024\n\n" + STORY)
    assert result.date is None and "weekday" in result.rejected[0].why


def test_caption_date_bounds_but_never_dates() -> None:
    text = "Budget passes after long night\n\nFILE - Lawmakers arrive at parliament, Jan. 30, 2024.\n\n" + STORY
    result = judged(text)
    assert result.date is None and result.not_before == "2024-01-30"
    assert "photo caption" in result.rejected[0].why
    assert "2024-01-30" in result.evidence


def test_copyright_year_line_is_rejected() -> None:
    result = judged("Budget passes after long night\n\n" + STORY + "© 1 January 2020 Example Media\n")
    assert result.date is None and "copyright" in result.rejected[0].why


def test_metadata_wins_and_crawl_time_only_bounds() -> None:
    result = judged("Budget passes\n\n" + STORY, published="2024-02-05", fetched="2024-03-01T10:00:00")
    assert (result.date, result.not_after) == ("2024-02-05", "2024-03-01")
    bare = judged("Budget passes\n\n" + STORY, fetched="2024-03-01T10:00:00")
    assert bare.date is None and bare.not_after == "2024-03-01"


def test_header_after_crawl_is_rejected() -> None:
    result = judged("Budget passes after long night\nTue Feb 6, 2024 07:10\n\n" + STORY, fetched="2024-01-01")
    assert result.date is None and "crawl" in result.rejected[0].why


# --- the seeds -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_dates(seed_texts: dict[str, str]):
    docs = [RawDocument(source=name, text=text) for name, text in seed_texts.items()]
    articles = clean_documents(docs)
    return {d.source: date_article(d, a) for d, a in zip(docs, articles, strict=True)}


@pytest.mark.seeds
def test_seed_dates(seed_dates) -> None:
    by_prefix = {name[:3]: result for name, result in seed_dates.items()}
    assert (by_prefix["000"].date, by_prefix["000"].method) == ("2016-08-15", "explicit")
    assert by_prefix["001"].date is None and by_prefix["001"].not_before == "2016-11-02"
    assert by_prefix["002"].date is None  # only a page-render clock of 2021 on the page
    assert by_prefix["004"].date is None and by_prefix["004"].not_before == "2016-09-23"


@pytest.mark.seeds
def test_every_seed_date_has_evidence_and_every_rejection_a_reason(seed_dates) -> None:
    for result in seed_dates.values():
        assert result.evidence
        assert all(r.why and r.text for r in result.rejected)
        if result.date:
            assert not any(result.date in r.why for r in result.rejected)
