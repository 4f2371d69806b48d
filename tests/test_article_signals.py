"""Reader comments, outlet signals and titles on inline pages written for the tests."""

from __future__ import annotations

import pytest

from dateline.clean import clean_documents
from dateline.clean.detokenise import detokenise
from dateline.clean.lines import split_at_thread
from dateline.model import RawDocument

STORY = (
    "The regional council voted on Tuesday to close the old quarry after residents complained "
    "for years about dust and blasting noise near the school.\n\n"
    "Council members said the site would be turned into a park within three years and that the "
    "quarry's owner had agreed to pay for the work.\n\n"
)


def clean_one(text: str, **kwargs):
    return clean_documents([RawDocument(source=kwargs.pop("source", "page.txt"), text=text, **kwargs)])[0]


@pytest.mark.parametrize(
    "thread",
    [
        "March 3, 2023 at 7:03 pm | Reply\nThis council never listens to anyone, typical.\n",
        "March 3, 2023 at 7:03 pm | Report abuse | What about the jobs at the quarry then?\n",
        "Posted by: Quarryman | March 3, 2023 4:39 PM | Report abuse\nGood riddance to the dust.\n",
        "We welcome comments that advance the story through relevant opinion.\nI live there and it is awful.\n",
        "Peach wrote: finally some sense from the council.\nStan wrote: about time this happened.\n",
        "At 10:21 pm on 22 Jan 2023, Webreader wrote: the dust was terrible for years.\n",
        # a blog's comment stamp with a 24-hour clock and an ordinal day
        "At 13:21 23rd Jan 2023, quarry_watcher wrote: the dust was terrible for years.\n",
        "12 comments\nSign in to comment\nGreat news for the town and for the kids.\n",
        "Added: Tuesday, 7 March, 2023, 16:55 GMT 16:55 UK The dust was bad for years.\n"
        "Added: Tuesday, 7 March, 2023, 17:02 GMT 17:02 UK Good news for the school.\n",
        "7th March 2023 - 16:55 The dust was bad for years and nobody listened.\n"
        "7th March 2023 - 11:02 Good news for the school at last.\n",
        # a stamp and a bar open each comment, with no 'Reply' or 'Report abuse' beside them
        "March 3, 2023 at 7:03 pm | The dust was bad for years and nobody listened.\n"
        "March 3, 2023 at 9:15 pm | Good news for the school at last.\n",
    ],
)
def test_comment_threads_leave_the_body(thread: str) -> None:
    article = clean_one("Council closes quarry\n\n" + STORY + thread)
    assert "Council members said" in article.body
    for line in thread.strip().split("\n"):
        assert line.strip() not in article.body
        assert line.strip() in article.removed


def test_one_quoted_letter_is_not_a_thread() -> None:
    text = "Council closes quarry\n\n" + STORY + "Ms Lee wrote: the park will be ready by spring.\n"
    assert "Ms Lee wrote: the park will be ready by spring." in clean_one(text).body


@pytest.mark.parametrize(
    "tag, outlet",
    [
        ("QUARRYTOWN (Reuters) - ", "Reuters"),
        ("QUARRYTOWN, England (CNN) — ", "CNN"),
        ("By Jane Doe, CNN Wire Staff QUARRYTOWN — ", "CNN"),
        ("QUARRYTOWN (AP) — ", "Associated Press"),
        ("By Ann Lee BBC News, Quarrytown ", "BBC"),
        ("QUARRYTOWN (UPI) — ", "UPI"),
    ],
)
def test_agency_tags_name_the_outlet(tag: str, outlet: str) -> None:
    assert clean_one(tag + STORY).outlet == outlet


def test_sign_off_names_the_outlet() -> None:
    assert clean_one(STORY + "The quarry closes in June. - Sputnik\n").outlet == "Sputnik"


def test_common_words_are_never_outlets() -> None:
    text = STORY + "The crowd sang the national anthem and the guardian of the school spoke.\n"
    assert clean_one(text).outlet is None


def test_copyright_line_names_an_outlet_in_no_table() -> None:
    article = clean_one("Council closes quarry\n\n" + STORY + "© 2015-2025 Velasia Today. All rights reserved.\n")
    assert article.outlet == "Velasia Today"


def test_folder_named_for_an_outlet() -> None:
    assert clean_one(STORY, source="/data/quarry_washingtonpost/12.txt").outlet == "The Washington Post"
    assert clean_one(STORY, source="/data/quarry/12.txt").outlet is None


def page(title: str, head: str = "", url: str = "https://www.velasiatoday.example/news/quarry") -> RawDocument:
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY.split("\n\n") if p)
    html = f"<html><head><title>{title}</title>{head}</head><body><article><h1>Council closes quarry</h1>{paragraphs}</article></body></html>"
    return RawDocument(source=url, html=html, url=url)


def test_og_site_name_names_an_outlet_in_no_table() -> None:
    doc = page("Council closes quarry", '<meta property="og:site_name" content="Velasia Today">')
    assert clean_documents([doc])[0].outlet == "Velasia Today"


def test_json_ld_publisher_names_the_outlet() -> None:
    ld = '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Council closes quarry","publisher":{"@type":"Organization","name":"Velasia Today"}}</script>'
    assert clean_documents([page("Council closes quarry", ld)])[0].outlet == "Velasia Today"


def test_title_suffix_is_cut_and_names_the_outlet() -> None:
    article = clean_documents([page("Council closes quarry – Velasia Today")])[0]
    assert article.title == "Council closes quarry"
    assert article.outlet == "Velasia Today"


def test_domain_becomes_a_readable_name() -> None:
    doc = page("Council closes quarry", url="https://quarrynews.example/2023/quarry")
    assert clean_documents([doc])[0].outlet == "Quarrynews"


@pytest.mark.parametrize(
    "opening, title",
    [
        ("Council closes quarry after years of complaints.\n\n", "Council closes quarry after years of complaints"),
        ("Council closes quarry;\nResidents cheer end of blasting\n\n", "Council closes quarry; Residents cheer end of blasting"),
    ],
)
def test_opening_block_is_the_headline(opening: str, title: str) -> None:
    assert clean_one(opening + STORY).title == title


def test_byline_is_never_a_title() -> None:
    assert clean_one("By Jane Doe and Ann Lee\n\n" + STORY).title is None


def test_detokenise_joins_treebank_tokens() -> None:
    text = "He said -LRB- on Monday -RRB- that `` it 's over '' , and she did n't agree .\nIt 's $ 5 ."
    assert detokenise(text) == "He said (on Monday) that \"it's over\", and she didn't agree.\nIt's $5."
    assert detokenise("Plain text, as a page reads -- with a dash.") == "Plain text, as a page reads -- with a dash."


def test_a_ticker_cut_by_the_corpus_sentence_splitter_is_one_ticker() -> None:
    text = ("Shares in harbour operator Portline -LRB- PTL . \nL -RRB- fell 4 percent , traders said .\n"
            "Rival Seaway -LRB- 0293 . \nHK -RRB- was flat .")
    assert detokenise(text) == "Shares in harbour operator Portline (PTL.L) fell 4 percent, traders said.\nRival Seaway (0293.HK) was flat."


# --- comment threads run into the story's last line (scraped text on one line) ---------------

def test_thread_opener_inside_a_line_ends_the_story_there():
    text = (
        "Council approves new harbour budget\n\n"
        "The town council on Tuesday approved a budget that doubles spending on the harbour wall.\n\n"
        "The mayor said the work would begin in spring and take two years to finish.\n\n"
        "(Reporting by Ana Pirlo; Editing by Tom Kell) We welcome comments that advance the story "
        "through relevant opinion. Posted by seagull42 | Report as abusive The wall is a waste.\n\n"
        "Rebels held the town. April 3, 2011 at 7:03 pm | Reply I disagree with all of this.\n"
    )
    body = clean_documents([RawDocument(source="harbour.txt", text=text)])[0].body
    assert "doubles spending on the harbour wall" in body
    assert "We welcome comments" not in body
    assert "Report as abusive" not in body
    assert "| Reply" not in body and "I disagree" not in body


def test_comment_counter_is_set_apart_without_ending_the_story():
    assert split_at_thread("Posted by Jo Reed at 10:48 AM | Comments (2) | Permalink The games blog opens") == [
        "Posted by Jo Reed at 10:48 AM", "| Comments (2) | Permalink", "The games blog opens"]
    assert split_at_thread("He said the comments (3) were fine.") == ["He said the comments (3) were fine."]
    assert split_at_thread("At 01:42 30th Apr 2009, gullwing wrote: This comment was removed")[0].startswith("At 01:42")
