"""A headline, standfirst, caption or stamp run into the lead on a scraped text's first line.

All texts are written for these tests, in the shapes tag-stripped pages take.
"""

from __future__ import annotations

from dateline.clean import clean_documents
from dateline.clean.runin import WordUse, split_run_in
from dateline.dates import date_article
from dateline.model import RawDocument

REST = (
    "The harbour authority said the new ferry would carry up to 400 passengers a day.\n"
    "Workers finished the terminal roof last week, and the old pier will close in March.\n"
    "Local traders welcomed the decision but said parking remained a problem."
)


def cleaned(first_line: str, rest: str = REST):
    doc = RawDocument(source="/tmp/run-in/article.txt", text=f"{first_line}\n{rest}\n")
    return doc, clean_documents([doc])[0]


def test_headline_caption_and_lead_come_apart():
    doc, article = cleaned(
        "Ferry link to reopen after six years "
        "Passengers queued at the old terminal in 2017 "
        "The island's ferry link will reopen in May, six years after storms wrecked the pier, the council said."
    )
    assert article.title == "Ferry link to reopen after six years"
    assert article.body.startswith("The island's ferry link will reopen in May")
    assert "Passengers queued" not in article.body
    assert "Passengers queued at the old terminal in 2017" in article.captions


def test_a_lone_part_leaves_the_body_without_becoming_the_title():
    # a caption or a headline: the text cannot tell which, so it is neither body nor title
    _, article = cleaned(
        "Workers finished the roof in the rain "
        "The island's ferry link will reopen in May, six years after storms wrecked the pier."
    )
    assert article.body.startswith("The island's ferry link")
    assert article.title != "Workers finished the roof in the rain"


def test_headline_then_page_stamp_gives_title_lead_and_a_header_date():
    doc, article = cleaned(
        "Ferry link to reopen after six years Tuesday 14 March 2017 09.12 GMT "
        "The island's ferry link will reopen in May, six years after storms wrecked the pier."
    )
    assert article.title == "Ferry link to reopen after six years"
    assert article.body.startswith("The island's ferry link")
    dated = date_article(doc, article)
    assert dated.date == "2017-03-14"


def test_wire_place_label_and_stamp_leave_the_dateline_opening_the_lead():
    doc, article = cleaned(
        "PORT ELLEN | Tue Mar 14, 2017 9:12 am EDT PORT ELLEN (Reuters) - The island's ferry link "
        "will reopen in May, six years after storms wrecked the pier, the council said on Tuesday."
    )
    assert article.body.startswith("PORT ELLEN (Reuters) - The island's ferry link")
    assert article.dateline is not None and article.dateline.place == "Port Ellen"
    assert date_article(doc, article).date == "2017-03-14"


def test_byline_and_highlights_before_a_dateline_leave_the_body():
    _, article = cleaned(
        "By the Coast Wire Staff Ferry to sail again in May Storm damage repaired at last "
        "Port Ellen, Islay (CNN) -- The island's ferry link will reopen in May, six years after storms wrecked the pier."
    )
    assert article.body.startswith("Port Ellen, Islay (CNN) -- The island's ferry link")
    assert "Storm damage repaired" not in article.body


def test_ordinary_first_sentences_are_left_whole():
    words = WordUse.of(REST + " this morning if the film was shown")
    for line in (
        "The mayor told CBS This Morning that the pier would reopen in May, six years after the storms.",
        "Traders said the film The Harbour Years would be shown at the terminal on the day it opens.",
        "She set up a website called “Islay If The Ferry Fails” that lists other routes to the mainland.",
        "Ferry Link Reopens; Crowds Gather At The Pier; What Comes Next For The Island?",
        "The council, which met on Monday, said the White House of the island was the old customs office.",
    ):
        assert split_run_in(line, words) is None, line


def test_the_headline_shares_its_opening_with_the_lead():
    # a caption and the lead often open on the same subject; the repeat marks the lead's start
    found = split_run_in(
        "Harbour master Ann Reid checks the moorings Harbour master Ann Reid has said the pier is "
        "ready for the first sailing in May.",
        WordUse.of(REST),
    )
    assert found is not None
    assert found.lead.startswith("Harbour master Ann Reid has said")
    assert found.asides == ["Harbour master Ann Reid checks the moorings"]


def test_a_byline_after_the_headline_is_cut_off_it():
    found = split_run_in(
        "Analysis: the island's long wait for a ferry By Ann Reid Coast News, Port Ellen "
        "There are few certainties in the long story of the island's ferry, which sailed last in 2017.",
        WordUse.of(REST),
    )
    assert found is not None
    assert found.headline == "Analysis: the island's long wait for a ferry"


def test_a_lead_cut_short_by_a_sentence_split_keeps_the_line_whole():
    # research corpora split 'BP (BP.L)' as a sentence end; the wire header then stays in the body
    assert split_run_in(
        "Ferry firm links pay to safety PORT ELLEN | Tue Mar 14, 2017 9:12 am EDT PORT ELLEN (Reuters) - CalMac (CMC.",
        WordUse.of(REST),
    ) is None


def test_a_lowercase_link_list_is_never_the_title():
    found = split_run_in(
        "cents Ferry timetable published cents Pier closes for repairs Passengers queued at the old terminal "
        "The island's ferry link will reopen in May, six years after storms wrecked the pier.",
        WordUse.of(REST),
    )
    assert found is not None and found.headline is None
    assert found.lead.startswith("The island's ferry link")


def test_a_photo_credit_run_into_a_sentence_is_cut_off_it():
    doc, article = cleaned(
        "Ferry link to reopen after six years Tuesday 14 March 2017 09.12 GMT The pier was wrecked by storms in 2011.",
        "Photograph: Ann Reid/Coast Pictures The island's ferry link will reopen in May, six years after storms wrecked the pier.\n"
        + REST,
    )
    assert "Photograph: Ann Reid/Coast Pictures" in article.captions
    assert "The island's ferry link will reopen in May" in article.body
    assert "Photograph:" not in article.body


def test_stamp_without_weekday_but_with_a_clock_leaves_the_body():
    # 'D Month YYYY Last updated at HH:MM GMT' with a page tool word, and a two-digit year
    doc, article = cleaned(
        "14 March 2017 Last updated at 09:12 GMT Help The island's ferry link will reopen in May, "
        "six years after storms wrecked the pier."
    )
    assert article.body.startswith("The island's ferry link")
    assert date_article(doc, article).date == "2017-03-14"
    _, article = cleaned("14 March 17 09:12 GMT The island's ferry link will reopen in May, six years after storms wrecked the pier.")
    assert article.body.startswith("The island's ferry link")
    # a date and clock inside a sentence is no stamp
    _, article = cleaned("The pier closed on 14 March 2017 at 09:12 GMT and the island's ferry link will reopen in May.")
    assert article.body.startswith("The pier closed on 14 March 2017 at 09:12 GMT")


def test_a_caption_run_into_a_later_paragraph_leaves_the_body():
    rest = (REST + "\nVolunteers carry sandbags along the sea wall at dawn The council said the wall would be "
            "raised by a metre before the winter storms.\n")
    _, article = cleaned("The island's ferry link will reopen in May, six years after storms wrecked the pier.", rest)
    assert "Volunteers carry sandbags" not in article.body
    assert "The council said the wall would be raised by a metre" in article.body
    assert "Volunteers carry sandbags along the sea wall at dawn" in article.captions


def test_names_running_over_a_line_are_not_captions():
    for line in (
        "European drugmakers obtained samples of the influenza A (H1N1) virus in recent weeks and aim to have a vaccine ready.",
        "All the concerts will be shown on BBC Two and simulcast on the channel's website over the weekend.",
        "The union warned of an imminent collapse of the Big Three automakers if lawmakers asked for too much.",
        "In a statement attacking The New York Times, the campaign said the story was wrong in every detail.",
    ):
        _, article = cleaned("The island's ferry link will reopen in May, six years after storms wrecked the pier.", REST + "\n" + line + "\n")
        assert line in article.body, line


def test_a_pull_quote_box_run_into_a_paragraph_leaves_the_body():
    # a box repeating a quote, marked off by 'End Quote', its name and role, then the paragraph
    rest = (
        "The council voted on Tuesday to reopen the ferry link.\n"
        "\"We have waited six years for this,\" said Mayor Ines Varga, who led the campaign.\n"
        "We have waited six years for this\" End Quote Ines Varga Mayor of Port Ellen "
        "The first crossing is planned for May, when the new pier opens to passengers.\n"
        "The old terminal will stay open until then\" End Quote "
        "Ines Varga Mayor of Port Ellen Harbour Board members approved the budget for the new pier on Monday."
    )
    _, article = cleaned("Ferry link to reopen after council vote", rest)
    assert "End Quote" not in article.body
    assert "\nThe first crossing is planned for May" in article.body
    assert article.body.count("We have waited six years") == 1
    # no sentence opener after the name: the box's words go, the rest stays
    assert "Ines Varga Mayor of Port Ellen Harbour Board members approved" in article.body
