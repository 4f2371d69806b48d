"""What a reader checks on a timeline, on inline text written for these tests: anchors around the
moment of speaking, background years, one entry for one event from several outlets and a copy,
and two events of one day kept apart."""

from __future__ import annotations

import pytest

from dateline import timex
from dateline.analyse.events import extract_events
from dateline.analyse.nlp import parse
from dateline.link.duplicates import find_duplicates
from dateline.link.events import link_events
from dateline.model import Article, PublishedDate
from dateline.tell.timeline import build_timeline, summarise_story

# Thursday 10 March 2011: the publication date of every article below.
PUBLISHED = "2011-03-10"


def article(nlp, article_id: str, body: str, outlet: str | None = None, published: str | None = PUBLISHED) -> Article:
    """An article of story 's' through parse, time expressions and events."""
    made = Article(id=article_id, source=f"{article_id}.txt", body=body, outlet=outlet, story="s")
    made.published = PublishedDate(date=published, method="explicit" if published else "unknown")
    doc = parse(made, nlp)
    timex.annotate(made)
    made.events = extract_events(made, doc)
    return made


def days(body: str) -> dict[str, str]:
    """Each weekday word of a one-sentence article -> the day it resolves to."""
    made = Article(id="a", source="a.txt", body=body)
    made.published = PublishedDate(date=PUBLISHED, method="explicit")
    timex.annotate(made)
    return {m.text: m.value for m in made.timexes}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # future after the statement, even when that is before publication
        ("The convoy will leave on Wednesday, an official said on Monday.", {"Wednesday": "2011-03-09", "Monday": "2011-03-07"}),
        ("An official said on Monday that the convoy would leave on Wednesday.", {"Wednesday": "2011-03-09", "Monday": "2011-03-07"}),
        # past before the statement
        ("The convoy left on Wednesday, an official told reporters on Monday.", {"Wednesday": "2011-03-02", "Monday": "2011-03-07"}),
        # no statement day: weekdays count from publication
        ("The convoy will leave on Wednesday.", {"Wednesday": "2011-03-16"}),
        ("The convoy left on Wednesday, officials said.", {"Wednesday": "2011-03-09"}),
        # the day before publication is 'yesterday': 'last Wednesday' is the week before
        ("The quake struck last Wednesday.", {"last Wednesday": "2011-03-02"}),
        # 'until' looks ahead, unless its own verb is past
        ("The army has extended the truce until Wednesday.", {"Wednesday": "2011-03-16"}),
        ("The regulator gave the company until Wednesday to reply.", {"Wednesday": "2011-03-16"}),
        # a modal further back in the same clause still looks ahead
        ("Mr Obama says he will meet former presidents Bill Clinton and George W Bush at the White House on Saturday.",
         {"Saturday": "2011-03-12"}),
        ("Interpol announces it is to send a team of victim-identification experts to the city on Monday.",
         {"Monday": "2011-03-14"}),
        ("Syria is expected to dominate an Arab League summit in the Iraqi capital on Monday.",
         {"Monday": "2011-03-14"}),
        ("Syria was expected to dominate an Arab League summit in the Iraqi capital on Monday.",
         {"Monday": "2011-03-07"}),
        ("The rebels held the town until Wednesday, when the army retook it.", {"Wednesday": "2011-03-09"}),
        ("The ministry had claimed until late on Wednesday that no cases were found.", {"Wednesday": "2011-03-09"}),
        # 'the next day' after a day the text never named is no day at all, not publication's next
        ("Officials said the next day that the virus had spread.", {"the next day": "XXXX-XX-XX"}),
        ("The strike began on Monday and the next day troops opened fire.", {"Monday": "2011-03-07", "the next day": "2011-03-08"}),
    ],
)
def test_weekdays_count_from_the_moment_of_speaking(body: str, expected: dict[str, str]) -> None:
    assert days(body) == expected


def test_said_on_a_weekday_is_before_publication() -> None:
    assert days("The minister said on Thursday that talks had failed.") == {"Thursday": "2011-03-10"}
    assert days("The minister said on Friday that talks had failed.") == {"Friday": "2011-03-04"}


@pytest.mark.parametrize(
    "body",
    [
        "Rebels have shelled the port of Misrata since Monday, killing dozens, a doctor said.",
        "Since 1 March, government troops have bombed the rebel town of Zawiya every night.",
    ],
)
def test_since_a_day_dates_the_state_as_reported_not_its_start(nlp, body: str) -> None:
    # A state still going on ('have shelled ... since Monday') is the news of the report's day.
    strikes = [e for e in article(nlp, "a", body, "CNN").events if e.kind == "strike"]
    assert [(e.date, e.background) for e in strikes] == [(PUBLISHED, False)]


def test_a_speaker_after_a_recalled_day_is_not_dated_to_it(nlp) -> None:
    body = ("Most of the pupils have been found since the earthquake struck on 24 February. "
            "The rescue chief said no signs of life had been detected in the school.")
    made = article(nlp, "a", body, "BBC")
    statements = [e for e in made.events if e.kind == "statement"]
    assert statements and all(e.date != "2011-02-24" for e in statements)
    near = article(nlp, "b", "The earthquake struck on Tuesday. The rescue chief said no one was found alive.", "BBC")
    assert [e.date for e in near.events if e.kind == "statement"] == ["2011-03-08"]  # two days back: the same news


def test_since_a_day_dates_an_action_on_the_event_to_that_day(nlp) -> None:
    body = "Since March 1, the government says it has halted air strikes on the rebel towns."
    strikes = [e for e in article(nlp, "a", body, "CNN").events if e.kind == "strike"]
    assert [(e.action, e.date) for e in strikes] == [("ended", "2011-03-01")]


@pytest.mark.parametrize("published", [PUBLISHED, None])
def test_years_in_relative_clauses_are_background(nlp, published: str | None) -> None:
    body = (
        "NATO, which has fought 65 wars since its founding in 1945, launched air strikes on Libya on Saturday. "
        "The jets hit a compound that was bombed in 1986 and a barracks, which rebels had attacked in March."
    )
    made = article(nlp, "a", body, "Reuters", published)
    dated = {(e.date or "")[:4]: e for e in made.events if e.date and len(e.date) < 10}
    assert dated and all(e.background for e in dated.values()), made.events
    main = [e for e in made.events if not e.background]
    assert main and all(not (e.date or "").startswith(("1945", "1986")) for e in main)


def test_background_entries_are_flagged_never_the_main_line(nlp) -> None:
    made = article(nlp, "a", "NATO, which has fought 65 wars since its founding in 1945, launched air strikes on Libya on Saturday.")
    timeline = build_timeline([made], link_events([made]))
    assert [(e.date, e.background) for e in timeline if not e.background] == [("2011-03-05", False)]
    assert all(e.background for e in timeline if e.date and e.date.startswith("1945"))


REPORTS = {
    "cnn": ("CNN", "Rebels shot down a government helicopter over Brega on Tuesday, witnesses said."),
    "bbc": ("BBC", "A government helicopter was shot down by rebels over Brega on Tuesday."),
    "reuters": ("Reuters", "Rebel fighters shot down a government helicopter near Brega on Tuesday, a rebel spokesman said."),
}
REUTERS_LONG = (
    "Rebel fighters shot down a government helicopter near Brega on Tuesday, a rebel spokesman said. "
    "The helicopter had attacked rebel positions along the coast road for most of the morning. "
    "Fighting around the oil port has gone back and forth for a week as both sides brought up armour."
)


def test_one_event_from_three_outlets_and_a_copy_is_one_entry_citing_all(nlp) -> None:
    articles = [article(nlp, key, text, outlet) for key, (outlet, text) in REPORTS.items() if key != "reuters"]
    articles.append(article(nlp, "reuters", REUTERS_LONG, "Reuters"))
    articles.append(article(nlp, "copy", REUTERS_LONG, "Yahoo News"))  # the wire story, syndicated
    copies = find_duplicates(articles)
    assert copies == {"copy": "reuters"}
    for made in articles:
        made.duplicate_of = copies.get(made.id)
    timeline = [e for e in build_timeline(articles, link_events(articles)) if e.date == "2011-03-08"]
    assert len(timeline) == 1, timeline
    entry = timeline[0]
    assert {s.outlet for s in entry.sources} == {"CNN", "BBC", "Reuters", "Yahoo News"}
    assert all(s.outlet for s in entry.sources)
    assert len({s.article for s in entry.sources}) == 4
    assert entry.summary in {text for _, text in REPORTS.values()}


def test_summary_is_the_common_account_not_one_outlets_long_aside(nlp) -> None:
    reports = {
        "cnn": ("CNN", "Rebels shot down a government helicopter over Brega on Tuesday."),
        "bbc": ("BBC", "A government helicopter was shot down by rebels over Brega on Tuesday."),
        "aj": ("Al Jazeera", "Rebels shot down a government helicopter near Brega on Tuesday, the second such loss."),
        "ft": ("Financial Times", "On Tuesday, as oil traders in London watched prices climb and insurers pulled cover from "
                                  "tankers off the coast, rebels shot down a helicopter near Brega, they said."),
    }
    articles = [article(nlp, key, text, outlet) for key, (outlet, text) in reports.items()]
    timeline = [e for e in build_timeline(articles, link_events(articles)) if e.date == "2011-03-08"]
    assert len(timeline) == 1 and len(timeline[0].sources) == 4, timeline
    assert timeline[0].summary in {reports[key][1] for key in ("cnn", "bbc", "aj")}


def test_two_events_of_one_day_stay_apart(nlp) -> None:
    articles = [
        article(nlp, "a", "Warplanes bombed rebel positions in Sirte on Monday.", "CNN"),
        article(nlp, "b", "Government jets bombed the port of Misrata on Monday, residents said.", "Reuters"),
        article(nlp, "c", "Jets bombed Sirte on Monday and rebels met envoys in Benghazi on Monday.", "BBC"),
    ]
    timeline = [e for e in build_timeline(articles, link_events(articles)) if e.date == "2011-03-07"]
    strikes = sorted(sorted({s.article for s in e.sources}) for e in timeline if e.kind == "strike")
    assert strikes == [["a", "c"], ["b"]], timeline  # Sirte (two outlets) apart from Misrata
    for entry in timeline:
        assert len({s.sentence for s in entry.sources if s.article == "c"}) <= 1


def test_story_title_is_the_most_central_report_not_an_analysis_piece() -> None:
    bodies = {
        "z": ("Analysis: Can the rebels hold Brega?", "Rebels shot down a helicopter over Brega. Rebels hold Brega and its oil port."),
        "b": ("Rebels shoot down helicopter over Brega", "Rebels shot down a government helicopter over Brega on Tuesday. The oil port of Brega is held by rebels."),
        "c": ("Oil prices rise", "Oil prices rose in London. Traders watched Brega, where rebels shot down a helicopter."),
        "d": ("Libyan rebels down army helicopter", "Libyan rebels shot down an army helicopter over Brega on Tuesday, near the oil port."),
    }
    articles = [Article(id=key, source=key, title=title, body=body) for key, (title, body) in bodies.items()]
    assert summarise_story(articles, [])[0] in {"Rebels shoot down helicopter over Brega", "Libyan rebels down army helicopter"}


def test_summaries_are_the_reporters_words_and_quotes_alone_make_no_entry(nlp) -> None:
    quoted = article(nlp, "q", '"We bombed the airport of Sirte on Monday and we will go on," a rebel commander told reporters.', "CNN")
    told = article(nlp, "r", "Rebels bombed the airport of Sirte on Monday, cutting the last supply route.", "BBC")
    witness = article(nlp, "w", '"It was six in the morning on Tuesday, so most people were still asleep," Sarah said.', "BBC")
    articles = [quoted, told, witness]
    timeline = build_timeline(articles, link_events(articles))
    assert [e.summary for e in timeline if e.date == "2011-03-07"] == [told.sentences[0].text]
    assert not any(s.article == "w" for e in timeline for s in e.sources)


def test_a_bare_clock_time_takes_the_day_the_sentence_names(nlp) -> None:
    made = article(nlp, "a", "The quake struck at 1653 local time (2153 GMT) on Tuesday, just south-west of the capital.")
    quake = [e for e in made.events if e.date]
    assert quake and all(e.date == "2011-03-08" for e in quake), made.events
    assert any(e.time == "16:53" for e in quake)


def test_last_weeks_event_keeps_its_week_not_the_day_before(nlp) -> None:
    made = article(nlp, "a", "Rescuers reached the port on Monday. The port was badly damaged by last week's earthquake.")
    quake = [e for e in made.events if e.kind == "disaster"]
    assert quake and (quake[0].date, quake[0].precision) == ("2011-W09", "week"), made.events


def test_a_first_person_account_makes_no_entry(nlp) -> None:
    made = article(nlp, "a", "I just knew that if I had reached that spot five minutes earlier on Tuesday, I would have been killed.")
    assert build_timeline([made], link_events([made])) == []


def test_a_live_blogs_same_day_updates_do_not_chain_into_one_entry(nlp) -> None:
    # The middle update names nothing and could continue either neighbour; the two that name
    # different meetings are two events, and no entry may cite both.
    body = (
        "President Omar Salen met Vice President Ivo Lind in Kessel on Thursday.\n\n"
        "The meeting lasted an hour on Thursday, state television said.\n\n"
        "Defence Minister Hanna Oder met envoys of the Arvid Union in Geneva on Thursday."
    )
    made = article(nlp, "blog", body, "CNN")
    timeline = [e for e in build_timeline([made], link_events([made])) if e.kind == "talks"]
    for entry in timeline:
        cited = " ".join(s.sentence for s in entry.sources)
        assert not ("Ivo Lind" in cited and "Geneva" in cited), timeline


def test_a_past_day_named_in_passing_is_background(nlp) -> None:
    # published Thursday 10 March: the earthquake of 1 March is recalled in a prepositional phrase
    passing = article(nlp, "a", "The government tightened the rules on adoptions on Wednesday after the 1 March earthquake.")
    quake = [e for e in passing.events if e.kind == "disaster"]
    assert quake and quake[0].date == "2011-03-01" and quake[0].background, passing.events
    # told as the sentence's own news, the same recalled day stays on the main line
    central = article(nlp, "b", "The earthquake struck the capital on 1 March, killing hundreds of people.")
    told = [e for e in central.events if e.kind == "disaster"]
    assert told and told[0].date == "2011-03-01" and not told[0].background, central.events
