"""Publication stamps in every shape news pages print them, on inline text written for the tests."""

from __future__ import annotations

import pytest

from dateline.clean import clean_documents
from dateline.dates import date_article
from dateline.model import RawDocument
from tests.test_dates import judged

STORY = (
    "The port authority said on Tuesday that dock workers had agreed to return after a strike "
    "that left dozens of container ships waiting outside the harbour for a week.\n\n"
    "Union leaders said the deal raised wages by four percent over two years and would be put "
    "to a vote of members later this month.\n\n"
)


@pytest.mark.parametrize(
    "head, iso",
    [
        ("HARBOUR | Tue Mar 1, 2011 4:00 pm EST", "2011-03-01"),
        ("Mon Mar 06, 2023 17:42:10", "2023-03-06"),
        ("Published 12/03/2023", "2023-03-12"),
        ("Updated 14 March 2023", "2023-03-14"),
        ("2023-03-06T17:42:10Z", "2023-03-06"),
        ("Mon, 06 Mar 2023 17:42:10 +0000", "2023-03-06"),
        ("Publié le 7 mars 2023", "2023-03-07"),
        ("Publicado el 3 de marzo de 2024", "2024-03-03"),
        ("Saturday 15 January 2005 16.18 GMT", "2005-01-15"),
        ("24 July 2012 Last updated at 07:14 GMT", "2012-07-24"),
        ("January 30, 2011 | By Jane Doe, Staff", "2011-01-30"),
    ],
)
def test_stamp_forms_date_the_article(head: str, iso: str) -> None:
    result = judged(f"Dock strike ends after a week\n{head}\n\n{STORY}")
    assert (result.date, result.method) == (iso, "explicit"), result.rejected
    assert result.evidence


def test_stamp_run_into_the_first_paragraph_still_counts() -> None:
    text = "Dock strike ends HARBOUR | Tue Mar 1, 2011 4:00 pm EST HARBOUR (Reuters) - " + STORY
    assert judged(text).date == "2011-03-01"


def test_published_beats_updated() -> None:
    result = judged(f"Dock strike ends after a week\nUpdated 20 March 2023\nPublished 14 March 2023\n\n{STORY}")
    assert result.date == "2023-03-14"


def test_relative_stamp_is_read_against_the_fetch_time() -> None:
    result = judged(f"Dock strike ends after a week\nposted 3 hours ago\n\n{STORY}", fetched="2023-03-07T01:30:00")
    assert result.date == "2023-03-06" and "3 hours ago" in result.evidence
    assert judged(f"Dock strike ends after a week\nposted 3 hours ago\n\n{STORY}").date is None


def test_yearless_dateline_takes_its_year_where_the_ledes_weekday_falls() -> None:
    # The lede says Tuesday: 21 Feb 2012 is a Tuesday, 21 Feb 2010 a Sunday.
    text = "ROME, Feb 21 (Reuters) - " + STORY + "The last strike, in 2010, lasted two days; the next is due in 2012.\n"
    text += "The 2012 contract will be signed in the spring.\n"
    result = judged(text)
    assert (result.date, result.method) == ("2012-02-21", "explicit")
    assert "year 2012" in result.evidence and "Tuesday" in result.evidence


def test_yearless_dateline_takes_the_first_year_after_a_past_date_without_a_weekday() -> None:
    story = STORY.replace("on Tuesday ", "")
    text = "ROME, Feb 21 (Reuters) - " + story + "Talks began on Jan. 30, 2010.\n\nA deal for 2011 is planned.\n"
    assert judged(text).date == "2010-02-21"


def test_yearless_dateline_without_any_year_stays_undated() -> None:
    assert judged("ROME, Feb 21 (Reuters) - " + STORY).date is None


def test_event_date_in_running_text_is_not_a_stamp() -> None:
    result = judged(f"Dock strike ends after a week\n\n{STORY}The strike began on March 1, 2011 at dawn.\n")
    assert result.date is None and result.not_before == "2011-03-01"


def test_caption_tail_on_its_own_line_is_not_a_stamp() -> None:
    text = f"Dock workers march on the quay in Harbour\n, Thursday, Sept. 2, 2010.\n\n{STORY}"
    assert judged(text).date is None


def test_tokenised_text_is_read_after_detokenising() -> None:
    tokenised = (
        "HARBOUR | Tue Mar 1 , 2011 4:00 pm EST HARBOUR -LRB- Reuters -RRB- - The port 's chief said "
        "`` we are back '' , after a strike that left dozens of ships waiting outside the harbour .\n"
    )
    doc = RawDocument(source="t.txt", text=tokenised + STORY)
    article = clean_documents([doc])[0]
    assert "port's chief said \"we are back\", after" in article.body
    assert "(Reuters)" in article.body and article.outlet == "Reuters"
    assert date_article(doc, article).date == "2011-03-01"


def test_inference_from_other_articles_keeps_the_articles_own_dateline_day() -> None:
    from dateline.dates.stamps import agree_with_dateline
    from dateline.model import PublishedDate

    body = "ROME, Feb 21 (Reuters) - Berlusconi said on Monday that the talks would go on."
    near = PublishedDate(date="2011-02-22", method="inferred", evidence="linked events")
    kept = agree_with_dateline(body, near)
    assert kept is not None and kept.date == "2011-02-21" and "Feb 21" in kept.evidence
    assert agree_with_dateline(body, PublishedDate(date="2011-03-07", method="inferred")) is None
    assert agree_with_dateline("No dateline here.", near) is near
