"""Cleaning: boilerplate lines, captions, title, outlet, byline, language and dateline."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.clean import clean_documents, judge_page
from dateline.clean import lines as shape
from dateline.clean.header import find_dateline
from dateline.model import RawDocument
from dateline.outlets import OutletTable

SEED_LABELS = Path(__file__).resolve().parents[1] / "benchmarks" / "seed_labels.toml"

WIRE_PAGE = """Skip to main content
Menu
World | Business | Sport
Harbour strike enters third day as talks stall | The Independent
By Maria Okafor and Tom Reyes
Published Thursday 12 March 2015 09:14

Dock workers wait outside the terminal gates on Wednesday. (Photo: Ana Reyes / Reuters)

PORTSMOUTH, March 12 (Reuters) - Dock workers at the city's container terminal stayed off the job for a third day on Thursday after overnight talks between the union and the port operator ended without agreement.

The union said its members would not return until the operator withdrew plans to cut night shifts, which it says would cost 200 jobs.

"We have been patient for six months and we are done being patient," union secretary Linda Hale told reporters outside the gates.

Ships waiting offshore

About a dozen vessels were anchored offshore on Wednesday evening, according to harbour records, and several shipping lines have begun diverting cargo to other ports.

Advertisement

Local businesses said they expected shortages of some imported goods within a week if the strike continued.

Share this article
Facebook
Twitter
Related Stories
Port operator posts record profit
Union votes to strike over shift cuts
© 2015 Independent Digital News. All rights reserved.
"""

AGENCY_PAGE = """Home  World  Politics  Video
Watch live
01:12 GMT 05.02.2024
Parliament approves budget after all-night session
Politics (214)

ANKARA (Anadolu) — Lawmakers approved the state budget early on Monday after a session that lasted more than fourteen hours, the speaker's office said.

The opposition walked out before the final vote, saying the spending plan ignored pensioners and the rising cost of rent.

"This budget protects the economy in a hard year," the finance minister told the chamber before the vote.

Parliament approves budget after all-night session
Politics (214)
Government defends pension plan
Finance minister to visit Berlin next week
economy, parliament, budget, pensions
"""

FRENCH_PAGE = """Accueil | Monde | Politique

Le parlement adopte le budget après une nuit de débats

Les députés ont adopté le budget de l'État tôt lundi matin, après une séance de plus de quatorze heures, a indiqué la présidence de l'assemblée.

L'opposition a quitté l'hémicycle avant le vote final, estimant que le texte ignorait les retraités et la hausse des loyers.
"""


def clean_one(text: str, **kwargs) -> object:
    """The cleaned Article of one inline page."""
    return clean_documents([RawDocument(source="page.txt", text=text, **kwargs)])[0]


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Share this article", "noise"),
        ("Read more", "noise"),
        ('string(88) "[{"id":"12","title":"Old story"}]"', "noise"),
        ("Mon Aug 15, 2016 18:28:09", "noise"),
        ("Elections (42)", "noise"),
        ("economy, parliament, budget, pensions", "noise"),
        ("XS", "noise"),
        ("FILE - Workers repair a bridge in the capital, June 3, 2019.", "caption"),
        ("The minister said the talks would resume on Monday in the capital.", "prose"),
        ("Ceasefire holds for a second night", "heading"),
        ("He declined to comment.", "short"),
    ],
)
def test_line_kinds(line: str, kind: str) -> None:
    page = judge_page(RawDocument(source="x", text=line), frozenset())
    assert page.lines[0].kind == kind


def test_wire_page_body_keeps_story_and_drops_furniture() -> None:
    article = clean_one(WIRE_PAGE)
    assert article.body.startswith("PORTSMOUTH, March 12 (Reuters) -")
    assert "Ships waiting offshore" in article.body  # subheading between paragraphs
    assert "Local businesses said" in article.body  # after a stray 'Advertisement' line
    for furniture in ("Advertisement", "Share this article", "Related Stories", "Union votes"):
        assert furniture not in article.body
        assert any(furniture in line for line in article.removed)
    assert article.captions == [
        "Dock workers wait outside the terminal gates on Wednesday. (Photo: Ana Reyes / Reuters)"
    ]


def test_wire_page_metadata() -> None:
    article = clean_one(WIRE_PAGE)
    assert article.title == "Harbour strike enters third day as talks stall"
    assert article.outlet == "The Independent"  # the page names itself; Reuters is the wire
    assert article.byline == "Maria Okafor and Tom Reyes"
    assert article.dateline.agency == "Reuters" and article.dateline.place == "Portsmouth"
    assert article.language == "en"


def test_agency_page_widgets_and_teasers() -> None:
    article = clean_one(AGENCY_PAGE)
    assert article.outlet == "Anadolu Agency"
    assert article.title == "Parliament approves budget after all-night session"
    assert article.body.count("\n\n") == 2
    assert "Watch live" in article.removed and "Government defends pension plan" in article.removed


def test_non_english_is_kept_and_flagged() -> None:
    article = clean_one(FRENCH_PAGE)
    assert article.language == "fr"
    assert "Les députés ont adopté" in article.body
    assert any("language 'fr'" in w for w in article.warnings)


def test_metadata_title_and_outlet_win() -> None:
    article = clean_one(WIRE_PAGE, title="Given title", outlet="Given Outlet")
    assert (article.title, article.outlet) == ("Given title", "Given Outlet")


def test_lines_repeated_across_one_outlets_articles_are_removed() -> None:
    footer = "Our reporters cover the region from offices in four capitals and welcome tips from readers."
    docs = [
        RawDocument(source=f"{i}.txt", url=f"https://www.reuters.com/world/{i}", text=text + "\n\n" + footer)
        for i, text in enumerate((WIRE_PAGE, AGENCY_PAGE))
    ]
    for article in clean_documents(docs):
        assert footer not in article.body and footer in article.removed


@pytest.mark.parametrize(
    "opening, place, agency",
    [
        ("BEIRUT (AP) — Rescue teams searched the rubble on Sunday.", "Beirut", "AP"),
        ("Damascus, SANA- The governor opened the new road.", "Damascus", "SANA"),
        ("LONDON, Nov 2 (Reuters) - Shares fell on Wednesday.", "London", "Reuters"),
        ("KYIV — Air raid sirens sounded across the city overnight.", "Kyiv", None),
        ("May 29 (Reuters) - The port reopened on Sunday after a week of strikes.", None, "Reuters"),
        ("(Reuters) - The ferry operator aims to restore sailings by July 27.", None, "Reuters"),
    ],
)
def test_datelines(opening: str, place: str, agency: str | None) -> None:
    dateline = find_dateline([opening])
    assert (dateline.place, dateline.agency) == (place, agency)


def test_no_dateline_in_ordinary_sentence() -> None:
    assert find_dateline(["The Syrian army said on Monday that it had taken the town."]) is None
    assert find_dateline(["May 29 was the day (as officials put it) - the port reopened."]) is None


def test_user_outlet_table_extends_shipped(tmp_path: Path) -> None:
    extra = tmp_path / "outlets.toml"
    extra.write_text('[[outlet]]\nname = "Valley Post"\ndomains = ["valleypost.example"]\naliases = []\n')
    table = OutletTable.load(extra)
    assert table.resolve(url="https://news.valleypost.example/a/1") == "Valley Post"
    assert table.resolve(url="https://www.bbc.co.uk/news/x") == "BBC"
    assert table.resolve(agency="Reuters") == "Reuters"
    assert table.resolve(text="images/alalam_123.jpg") == "Al-Alam"
    assert table.resolve(text="an independent inquiry") is None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "Share this", "Lawmakers approved the state budget early on Monday after a long session.",
    "Budget vote delayed", "© 2020 Example", "", "XS", "He declined to comment.",
    "FILE - A man walks past a shop in the capital, May 2, 2019.",
]), max_size=14))
def test_every_line_is_kept_removed_or_caption(page_lines: list[str]) -> None:
    text = "\n".join(page_lines)
    article = clean_one(text)
    units = [u for u, _ in shape.split_units(text)]
    kept = article.body.split("\n\n") if article.body else []
    assert sorted(kept + article.removed + article.captions) == sorted(units)


# --- the seeds -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_articles(seed_texts: dict[str, str]):
    docs = [RawDocument(source=name, text=text) for name, text in seed_texts.items()]
    return {a.source: (d, a) for d, a in zip(docs, clean_documents(docs), strict=True)}


def seed_labels() -> dict:
    return tomllib.loads(SEED_LABELS.read_text("utf-8"))["seeds"]


@pytest.mark.seeds
@pytest.mark.parametrize("name", sorted(seed_labels()))
def test_seed_story_lines_exactly(name: str, seed_articles) -> None:
    doc, article = seed_articles[name]
    units = [u for u, _ in shape.split_units(doc.text)]
    label = seed_labels()[name]
    assert article.body.split("\n\n") == [units[i] for i in label["story"]]
    assert set(article.captions) == {units[i] for i in label["captions"]}
    assert article.outlet == label["outlet"]
    assert (article.title is not None) == label["has_title"]


@pytest.mark.seeds
def test_seed_titles_come_from_header_lines(seed_articles) -> None:
    for doc, article in seed_articles.values():
        if article.title:
            assert article.title in doc.text.replace("\u00a0", " ")
            assert article.title not in article.body.split("\n\n")


@pytest.mark.seeds
def test_seed_datelines(seed_articles) -> None:
    found = {a.dateline.agency for _, a in seed_articles.values() if a.dateline}
    assert found == {"Sputnik", "SANA"}


def test_hard_wrapped_text_is_joined_back() -> None:
    wrapped = (
        "The port authority said on Friday that the harbour would reopen to\n"
        "container traffic next week after repairs to the damaged quay were\n"
        "finished ahead of schedule, according to a statement from the agency.\n"
    )
    assert shape.split_units(wrapped) == [(" ".join(wrapped.split()), True)]


def test_unwrapped_lines_are_not_joined() -> None:
    text = "Union votes to strike over shift cuts\nharbour, strike, union, ports\n"
    assert [u for u, _ in shape.split_units(text)] == text.strip().split("\n")


def test_story_paragraphs_shared_by_an_update_are_kept() -> None:
    update = WIRE_PAGE.replace("Local businesses said", "Shop owners said")
    docs = [RawDocument(source=f"{i}.txt", url="https://www.reuters.com/x", text=t) for i, t in enumerate((WIRE_PAGE, update))]
    for article in clean_documents(docs):
        assert "The union said its members would not return" in article.body


LIVE_PAGE = """Live: Ferry strike talks resume after night of protests

HARBOURTON (Wire) — The latest on the ferry workers' strike (all times local):

5:10 p.m.:

Union leaders and the ferry operator returned to the negotiating table on Tuesday afternoon after a night of protests at the terminal gates.

A spokeswoman for the operator said the company was ready to discuss the rota changes that set off the walkout.

___

3:45 p.m.:

Stranded tourists packed the waiting hall as the last boats of the day were cancelled.

Hotel owners on the island say bookings for the weekend have halved since Monday.

___

1 p.m.:

The transport minister told parliament she would not step in while the two sides were still talking.

Opposition members called her answer a failure of leadership and demanded an emergency debate.

Several members walked out of the chamber in protest during her reply.

___

11: 20 a.m.:

Police say two people were arrested overnight after flares were thrown at a patrol car near the harbour.
"""


def test_live_page_keeps_every_entry() -> None:
    # entries of a live page share few words, yet each is the story's text
    body = clean_one(LIVE_PAGE).body
    for words in ("returned to the negotiating table", "Stranded tourists", "transport minister", "two people were arrested"):
        assert words in body
    assert "3:45 p.m." not in body and "___" not in body

