"""Event mentions: kind, action, date, place, actors, background and scheduled, on real text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline import timex
from dateline.analyse.events import extract_events, load_lexicon
from dateline.analyse.nlp import parse
from dateline.model import Article, PublishedDate


def analysed(nlp, body: str, published: str | None = None) -> Article:
    """An article through parse, time expressions and event extraction."""
    article = Article(id="t", source="t.txt", body=body)
    article.published = PublishedDate(date=published, method="explicit" if published else "unknown")
    doc = parse(article, nlp)
    timex.annotate(article)
    article.events = extract_events(article, doc)
    return article


def only(article: Article, kind: str):
    """The one mention of a kind."""
    found = [e for e in article.events if e.kind == kind]
    assert len(found) == 1, article.events
    return found[0]


@pytest.mark.parametrize(
    ("text", "kind", "action"),
    [
        ("The government rejected the proposed truce.", "ceasefire", "refused"),
        ("The ceasefire expired at midnight and the guns opened up again.", "ceasefire", "ended"),
        ("Officials announced a humanitarian pause for the wounded.", "pause", "declared"),
        ("The council extended the moratorium by another week.", "ceasefire", "extended"),
        ("Warplanes carried out air strikes on the northern suburbs.", "strike", "held"),
        ("Hundreds of families were evacuated from the old town.", "evacuation", None),
        ("The two governments signed an agreement on water rights.", "agreement", None),
        ("Rebel units began an assault on the airport.", "assault", "declared"),
    ],
)
def test_kind_and_action(nlp, text: str, kind: str, action: str | None) -> None:
    assert only(analysed(nlp, text, "2020-05-06"), kind).action == action


def test_date_place_and_actors_of_talks(nlp) -> None:
    article = analysed(nlp, "Angela Merkel met Emmanuel Macron in Berlin on Monday to discuss trade.", "2020-05-06")
    talks = only(article, "talks")
    assert (talks.date, talks.precision, talks.place) == ("2020-05-04", "day", "Berlin")
    assert "Angela Merkel" in talks.actors and "Emmanuel Macron" in talks.actors


def test_weekday_is_kept_when_the_article_is_undated(nlp) -> None:
    talks = only(analysed(nlp, "The two ministers met in Vienna on Thursday."), "talks")
    assert talks.date is None and talks.weekday == 3


def test_background_and_scheduled(nlp) -> None:
    body = (
        "The war broke out in March 2011 and has not stopped since.\n\n"
        "Negotiators will meet in Geneva on Saturday, officials said on Wednesday."
    )
    article = analysed(nlp, body, "2016-08-17")
    assert only(article, "fighting").background
    talks = only(article, "talks")
    assert talks.scheduled and talks.date == "2016-08-20" and not talks.background


def test_until_gives_the_end_and_the_report_day_the_date(nlp) -> None:
    article = analysed(nlp, "The army has extended the truce until Friday.", "2021-06-07")
    truce = only(article, "ceasefire")
    assert (truce.action, truce.date, truce.end) == ("extended", "2021-06-07", "2021-06-11")


def test_clock_span_from_the_same_sentence(nlp) -> None:
    article = analysed(nlp, "A humanitarian pause will hold in the city on June 9 from 8:00 to 17:00.", "2021-06-07")
    assert only(article, "pause").time == "08:00-17:00"


def test_lexicon_is_data() -> None:
    lexicon = load_lexicon()
    assert {"ceasefire", "pause", "strike", "assault", "talks", "statement", "evacuation", "agreement", "announcement"} <= set(lexicon.kinds)
    assert lexicon.actions["extend"] == "extended"


SENTENCES = [
    "The rebels launched an offensive on Tuesday.",
    "Nothing else happened in the valley.",
    "The minister said the talks would resume in May.",
    "Aid convoys were evacuated from the area after the shelling.",
    "A truce was declared on 4 June.",
]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=5))
def test_mentions_point_into_their_sentence(nlp, sentences: list[str]) -> None:
    article = analysed(nlp, " ".join(sentences), "2019-06-05")
    for event in article.events:
        assert 0 <= event.sentence < len(article.sentences)
        assert event.trigger in article.sentences[event.sentence].text
        assert event.kind in load_lexicon().kinds


@pytest.mark.seeds
def test_seed_talks_on_monday_in_an_undated_article(nlp, seed_texts: dict[str, str]) -> None:
    name = next(n for n, t in seed_texts.items() if "Yekatrinburg" in t)
    talks = [e for e in analysed(nlp, seed_texts[name]).events if e.kind == "talks" and e.weekday == 0]
    assert talks and any("Frank-Walter Steinmeier" in e.actors for e in talks)
    assert all(e.date is None for e in talks)


@pytest.mark.seeds
def test_seed_pause_on_a_scheduled_day_with_hours(nlp, seed_texts: dict[str, str]) -> None:
    name = next(n for n, t in seed_texts.items() if "humanitarian pause" in t and "Gerasimov" in t)
    pauses = [e for e in analysed(nlp, seed_texts[name], "2016-11-02").events if e.kind == "pause"]
    assert any(e.date == "2016-11-04" and e.time == "09:00-19:00" and e.scheduled for e in pauses)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("The minister, who had flown in from Madrid, signed the treaty in Lisbon on Friday.", "Lisbon"),
        ("In Iraq on Monday, rebel gunners shelled the historic old quarter of the city of Mosul.", "Mosul"),
    ],
)
def test_place_skips_who_clauses_and_prefers_a_city_to_its_country(nlp, text: str, place: str) -> None:
    article = analysed(nlp, text, "2020-05-06")
    assert {e.place for e in article.events if e.kind in ("agreement", "strike")} == {place}


def test_trigger_in_a_who_clause_is_a_side_note(nlp) -> None:
    article = analysed(nlp, "The envoy, who was speaking after a meeting with rebels, said the truce would hold.", "2020-05-06")
    assert only(article, "talks").subordinate and not only(article, "ceasefire").subordinate


@pytest.mark.parametrize(
    ("second", "inherits"),
    [
        ("The shelling destroyed the control tower.", True),
        ("Aid groups had long warned that shelling would close the runway.", False),
        ("Residents say the shelling never really stops.", False),
    ],
)
def test_a_date_carries_only_to_a_sentence_that_goes_on_narrating(nlp, second: str, inherits: bool) -> None:
    article = analysed(nlp, f"Rebels bombed the airport on Monday. {second}", "2020-05-06")
    later = [e for e in article.events if e.kind == "strike" and e.sentence == 1]
    assert later and (later[0].date == "2020-05-04") is inherits


def test_a_which_clause_about_the_event_itself_places_it(nlp) -> None:
    article = analysed(nlp, "The talks, which will take place in Geneva, were announced by Russia.", "2020-05-06")
    assert only(article, "talks").place == "Geneva"


@pytest.mark.parametrize(
    ("body", "kinds"),
    [
        ("State television showed no signs of life in the town, in order to calm the country.", []),
        ("The minister stated that the two sides would sign the treaty.", ["statement", "agreement"]),
        ("The council must deal with the complaints of residents.", []),
        ("The rebels reached a deal with the army.", ["agreement"]),
    ],
)
def test_a_term_triggers_only_as_its_part_of_speech(nlp, body: str, kinds: list[str]) -> None:
    assert [e.kind for e in analysed(nlp, body, "2021-06-07").events] == kinds


def test_a_longer_place_name_comes_before_its_first_word_at_one_spot():
    from dateline.analyse.events import sentence_places
    from dateline.model import Article, Entity, Sentence

    text = "Troops shelled Kafr al-Nabi on Friday. Kafr was quiet later."
    article = Article(id="p", source="p", body=text, sentences=[Sentence(0, 0, 38, text[:38]), Sentence(1, 39, len(text), text[39:])],
                      entities=[Entity("Kafr", "GPE", 39, 43, 1), Entity("Kafr al-Nabi", "GPE", 15, 27, 0)])
    assert [(p.text, p.start) for p in sentence_places(article, 0)] == [("Kafr al-Nabi", 15), ("Kafr", 15)]
