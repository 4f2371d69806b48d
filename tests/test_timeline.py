"""Cross-outlet event linking, inferred dates and the story timeline (seeds and example corpus)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from dateline import timex
from dateline.analyse.events import extract_events
from dateline.analyse.nlp import parse
from dateline.link.events import Mention, infer_dates, link_events, same_event
from dateline.model import Article, EventMention, PublishedDate, Sentence, to_dict
from dateline.tell.timeline import build_timeline, summarise_story, without_page_header

CONTRACT = Path(__file__).resolve().parents[1] / "src" / "dateline" / "data" / "export.schema.json"
# Publication dates the seed pages state (facts of the pages, not of the code).
STATED_DATES = {"000": "2016-08-15", "001": "2016-11-02"}


def mention(article_id: str, published: str | None = None, **fields) -> Mention:
    """A one-event article around an EventMention built from keyword fields."""
    published = fields.pop("published", published)
    event = EventMention(kind=fields.pop("kind", "talks"), sentence=0, trigger="met", **fields)
    article = Article(id=article_id, source=article_id, story="s", events=[event])
    article.published = PublishedDate(date=published, method="explicit" if published else "unknown")
    return Mention(article, 0)


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        ({"date": "2019-03-04", "precision": "day", "actors": ["Ann Lee", "Bo Park"]}, {"weekday": 0, "actors": ["Lee"]}, True),
        ({"date": "2019-03-04", "precision": "day", "actors": ["Ann Lee"]}, {"weekday": 4, "actors": ["Lee"]}, False),
        ({"date": "2019-03-04", "precision": "day", "actors": ["Ann Lee"]}, {"date": "2019-11-04", "precision": "day", "actors": ["Ann Lee"]}, False),
        ({"weekday": 0, "actors": ["Ann Lee"], "place": "Oslo"}, {"weekday": 0, "actors": ["Ann Lee"], "place": "Lima"}, False),
        ({"actors": ["Ann Lee"]}, {"actors": ["Ann Lee"]}, False),
        ({"actors": ["Ann Lee", "Bo Kowalczyk"], "published": "2019-03-04"}, {"actors": ["A. Lee", "Bo Kowalcyk"], "published": "2019-03-05"}, True),
        ({"actors": ["Ann Lee", "Bo Kowalczyk"]}, {"actors": ["A. Lee", "Bo Kowalcyk"]}, False),
        ({"actors": ["Ann Lee", "Bo Kowalczyk"], "published": "2019-03-04"}, {"actors": ["Ann Lee", "Bo Kowalczyk"], "published": "2019-06-04"}, False),
        ({"date": "2019-03-04", "precision": "day", "actors": ["Ann Lee"], "kind": "statement"}, {"date": "2019-03-04", "precision": "day", "actors": ["Cy Moss"], "kind": "statement"}, False),
    ],
)
def test_the_judge(left: dict, right: dict, same: bool) -> None:
    assert same_event(mention("a", **left), mention("b", **right))[0] is same


def test_inferred_date_never_overrides_a_stated_one() -> None:
    dated = mention("a", "2019-03-04", date="2019-03-04", precision="day", actors=["Ann Lee"])
    also_dated = mention("b", "2019-03-09", weekday=0, actors=["Ann Lee"])
    undated = mention("c", None, weekday=0, actors=["Ann Lee"])
    articles = [dated.article, also_dated.article, undated.article]
    infer_dates(articles, link_events(articles))
    assert also_dated.article.published.date == "2019-03-09"
    assert (undated.article.published.date, undated.article.published.method) == ("2019-03-04", "inferred")
    assert undated.article.events[0].date == "2019-03-04"


@pytest.fixture(scope="module")
def seed_story(nlp, seed_texts: dict[str, str]):
    """The five seeds as one story: analysed, linked, dated, told."""
    articles = []
    for name, text in seed_texts.items():
        key = name[:3]
        article = Article(id=key, source=name, body=text, outlet=f"outlet-{key}", story="s")
        article.published = PublishedDate(date=STATED_DATES.get(key), method="explicit" if key in STATED_DATES else "unknown")
        doc = parse(article, nlp)
        timex.annotate(article)
        article.events = extract_events(article, doc)
        articles.append(article)
    linked = link_events(articles)
    infer_dates(articles, linked)
    return articles, linked, build_timeline(articles, linked)


def articles_by_text(articles: list[Article], needle: str) -> str:
    """The id of the seed whose text holds a phrase."""
    return next(a.id for a in articles if needle in a.body)


@pytest.mark.seeds
def test_seed_dates_stated_in_the_texts(seed_story) -> None:
    _, _, timeline = seed_story
    dates = {e.date for e in timeline if not e.background}
    assert {"2016-08-15", "2016-10-18", "2016-10-28", "2016-11-01", "2016-11-02", "2016-11-04"} <= dates


@pytest.mark.seeds
def test_seed_monday_talks_cite_both_outlets_and_date_the_undated_one(seed_story) -> None:
    articles, _, timeline = seed_story
    undated = articles_by_text(articles, "Yekatrinburg")
    talks = [e for e in timeline if e.kind == "talks" and e.date == "2016-08-15"]
    assert talks and {"000", undated} <= {s.article for s in talks[0].sources}
    published = next(a for a in articles if a.id == undated).published
    assert (published.date, published.method) == ("2016-08-15", "inferred")
    assert "Monday" in published.evidence and "000" in published.evidence


@pytest.mark.seeds
def test_seed_december_meeting_is_not_the_august_one(seed_story) -> None:
    articles, linked, _ = seed_story
    hamburg = articles_by_text(articles, "HAMBURG")
    august = {a.id for a in articles if a.published.date == "2016-08-15"}
    for event in linked:
        if event.kind == "talks" and hamburg in event.article_ids:
            assert not august & set(event.article_ids)


@pytest.mark.seeds
def test_seed_background_is_marked(seed_story) -> None:
    _, _, timeline = seed_story
    assert any(e.background and (e.date or "").startswith("2011-03") for e in timeline)


@pytest.mark.seeds
def test_seed_timeline_shape_and_contract(seed_story) -> None:
    articles, _, timeline = seed_story
    bodies = {a.id: a.body for a in articles}
    dated = [e.date for e in timeline if e.date]
    assert dated == sorted(dated)
    assert all(e.date is None for e in timeline[len(dated):])  # undated (weekday-only) entries come last
    schema = json.loads(CONTRACT.read_text())
    entry_schema = schema["properties"]["stories"]["items"]["properties"]["timeline"]["items"]
    entry_schema = {**entry_schema, "$defs": schema["$defs"]}
    for entry in timeline:
        jsonschema.validate(to_dict(entry), entry_schema)
        assert all(s.sentence in bodies[s.article] for s in entry.sources)
    title, summary = summarise_story(articles, timeline)
    assert title and "5 article(s)" in summary


@pytest.mark.seeds
def test_example_corpus_stories_and_inferred_date(example_dir: Path, example_articles: list[Path], tmp_path: Path) -> None:
    from dateline.pipeline import Settings, build
    from dateline.store import Store

    build(example_articles, tmp_path / "d.db", settings=Settings(outlets_file=example_dir / "outlets.toml"))
    with Store(tmp_path / "d.db") as store:
        articles, stories = store.articles(), store.stories()
    by_source = {Path(a.source).name: a for a in articles}
    assert sorted(len(s.articles) for s in stories) == [1, 10]
    undated = by_source["05_valley-voice.txt"].published
    assert (undated.date, undated.method) == ("2023-03-14", "inferred") and "Tuesday" in undated.evidence
    tolvan = max(stories, key=lambda s: len(s.articles))
    talks = [e for e in tolvan.timeline if e.kind == "talks" and e.date == "2023-03-14"]
    assert talks and {"The Northern Ledger", "Valley Voice"} <= {s.outlet for s in talks[0].sources}


def told(nlp, body: str, published: str = "2020-05-06") -> list:
    """The timeline of one inline article: analysed, linked and told."""
    article = Article(id="t", source="t.txt", body=body, story="s")
    article.published = PublishedDate(date=published, method="explicit")
    doc = parse(article, nlp)
    timex.annotate(article)
    article.events = extract_events(article, doc)
    return build_timeline([article], link_events([article]))


def test_one_sentence_makes_one_entry_of_its_most_specific_kind(nlp) -> None:
    timeline = told(nlp, "The ministry said on Monday that it was extending the truce after heavy fighting.")
    assert [(e.date, e.kind) for e in timeline] == [("2020-05-04", "ceasefire")]


def test_statement_is_kept_only_on_a_day_with_nothing_more_specific(nlp) -> None:
    body = (
        "The army said on Monday that it had extended the truce. "
        "A spokesman said on Tuesday that the government was hopeful about the coming weeks."
    )
    assert [(e.date, e.kind) for e in told(nlp, body)] == [("2020-05-04", "ceasefire"), ("2020-05-05", "statement")]


def test_summary_is_the_sentence_that_states_the_day(nlp) -> None:
    body = (
        "Rebels bombed the airport on Monday. "
        "The bombing destroyed the control tower, the fuel depot, two hangars and most of the aircraft parked "
        "on the apron, leaving the only working runway of the region closed to the aid flights."
    )
    strikes = [e for e in told(nlp, body) if e.kind == "strike"]
    assert len(strikes) == 1 and strikes[0].summary == "Rebels bombed the airport on Monday."
    assert len(strikes[0].sources) == 2


def test_a_first_person_diary_line_is_no_entry(nlp) -> None:
    body = (
        "An earthquake struck the coast on Monday, destroying the port.\n\n"
        "There is only one doctor in the camp, so on Tuesday we evacuated the wounded to our clinic."
    )
    timeline = told(nlp, body)
    assert timeline and all("we evacuated" not in e.summary for e in timeline)
    assert all("we evacuated" not in s.sentence for e in timeline for s in e.sources)


def test_two_same_day_events_of_one_kind_in_one_article_stay_apart(nlp) -> None:
    body = (
        "Rebel fighters bombed the Harbour Bridge on Monday, cutting the road to the port.\n\n"
        "Government jets bombed the Ministry of Oil on Monday, the rebels said."
    )
    strikes = [e for e in told(nlp, body) if e.kind == "strike"]
    assert len(strikes) == 2
    assert all(len(e.sources) == 1 for e in strikes)


@pytest.mark.parametrize(
    ("line", "summary"),
    [
        ("KESSEL | Tue Apr 28, 2009 9:03 pm BST KESSEL (Reuters) - Rebels bombed the airport of Kessel on Monday night.",
         "Rebels bombed the airport of Kessel on Monday night."),
        ("Wednesday 17 June 2009 15.39 BST Officials today warned farmers to keep their pigs indoors for a week.",
         "Officials today warned farmers to keep their pigs indoors for a week."),
        ("Ann Reporter | 14:07 PM, Monday, 1 June 2009 A leading expert predicted a second wave in the autumn.",
         "A leading expert predicted a second wave in the autumn."),
        ("The ministry said on Monday 12 June 2009 10:00 the talks would resume in Geneva.",
         "The ministry said on Monday 12 June 2009 10:00 the talks would resume in Geneva."),
        ("(Update 4:05 p.m. in Kessel, 9:05 a.m. ET) Crowds filled the main square again on Friday.",
         "Crowds filled the main square again on Friday."),
        ("Kessel, 2:40 p.m. ET) Soldiers closed the road to the airport after the march.",
         "Soldiers closed the road to the airport after the march."),
        ("(Original post) Thousands marched through the old town towards the parliament.",
         "Thousands marched through the old town towards the parliament."),
        ("March 3, 2012 | By Ann Reporter, CNN Protesters gathered outside the embassy at dawn.",
         "Protesters gathered outside the embassy at dawn."),
        ("Ferry fares to rise again Islanders say the cuts go too far Tuesday 4 March 2008 08.43 GMT The ferry "
         "company raised its fares for the third time this year.",
         "The ferry company raised its fares for the third time this year."),
        ("The talks ended on Tuesday 4 March 2008 and the envoys flew home the same evening.",
         "The talks ended on Tuesday 4 March 2008 and the envoys flew home the same evening."),
        ("-- The army moved tanks into the capital late on Thursday night.",
         "The army moved tanks into the capital late on Thursday night."),
    ],
)
def test_summary_drops_a_page_header_run_into_the_lead(line, summary) -> None:
    assert without_page_header(line) == summary


@pytest.mark.parametrize(
    ("sentence", "reporter"),
    [
        ('There is little room left for patients," WHO regional director Dr Ana Ruiz said on Monday.', False),
        ('She said: "How can anyone look at those pictures and not feel for them?"', False),
        ('Speaking afterwards, he said of the single: "We made a decision today.', False),
        ('A rescuer, Tom Hale, said, "There was a woman under three floors of concrete.', False),
        ("The minister said on Monday that the border would open.", True),
        ("Police said the man, 34, was arrested at 10:30 on Monday.", True),
        ("The minister said, in a statement, that the border would open.", True),
    ],
)
def test_someones_words_are_not_the_reporters_voice(sentence: str, reporter: bool) -> None:
    from dateline.tell.timeline import reporter_voice

    assert reporter_voice(sentence) is reporter


def test_a_long_storys_own_names_never_alone_make_two_reports_one_event() -> None:
    # A long thread names its leader in most event sentences; two strikes of one day that name
    # only him are two events, while two that share a rarer name are one.
    def strike(key: str, *actors: str) -> Mention:
        return mention(key, "2019-03-05", kind="strike", date="2019-03-04", precision="day", actors=list(actors))

    thread = [
        mention(f"f{i}", "2019-01-01", kind="talks", date=f"2018-{1 + i % 12:02d}-{1 + i % 28:02d}", precision="day",
                actors=["Karo Vell", f"Envoy Number{i}"])
        for i in range(240)
    ]
    reports = [strike("a", "Karo Vell"), strike("b", "Karo Vell"), strike("c", "Karo Vell", "Ivo Tarsk"), strike("d", "Ivo Tarsk"),
               strike("e", "Karo Vell"), strike("f", "Karo Vell")]
    for key, text in (("e", "Jets bombed the grain depot and the fuel terminal at dawn."),
                      ("f", "A grain depot and a fuel terminal were bombed, residents said.")):
        made = next(m.article for m in reports if m.article.id == key)
        made.sentences = [Sentence(0, 0, len(text), text)]
        made.events[0].trigger = "bombed"
    articles = [m.article for m in thread + reports]
    events = {frozenset(e.article_ids) for e in link_events(articles) if e.kind == "strike"}
    # e and f share no rarer name but two rarer words ('grain depot', 'fuel terminal'): one event
    assert events == {frozenset({"a"}), frozenset({"b"}), frozenset({"c", "d"}), frozenset({"e", "f"})}
    # the same two reports alone (a short story): the shared name is enough
    alone = [strike("a", "Karo Vell").article, strike("b", "Karo Vell").article]
    assert [sorted(e.article_ids) for e in link_events(alone)] == [["a", "b"]]


def test_words_said_are_never_dated_after_the_articles_that_report_them() -> None:
    from dateline.link.events import LinkedEvent
    from dateline.tell.timeline import entry_from, said_by_then

    def report(article_id: str, published: str, day: str | None, text: str) -> Article:
        made = Article(id=article_id, source=f"{article_id}.txt", body=text, outlet="BBC")
        made.published = PublishedDate(date=published, method="explicit")
        made.sentences = [Sentence(index=0, start=0, end=len(text), text=text)]
        made.events = [EventMention(kind="statement", sentence=0, trigger="said", date=day, precision="day" if day else None)]
        return made

    # a later article's mention dated the event; its sentence went to another entry, so this
    # entry cites only the earlier article, which came out before that day
    early = report("a", "2010-01-13", None, "The president later said the envoy had died in the collapse.")
    late = report("b", "2010-01-17", "2010-01-16", "On Saturday the president said the search would go on.")
    by_id = {"a": early, "b": late}
    event = LinkedEvent(id="e", kind="statement", members=[("a", 0), ("b", 0)], date="2010-01-16", precision="day")
    entry = entry_from(event, by_id)
    entry.sources = [s for s in entry.sources if s.article == "a"]
    assert said_by_then(entry, event, by_id) is None  # no date of its own that fits: no entry
    # a mention of its own in time dates it
    early.events[0].date, early.events[0].precision = "2010-01-13", "day"
    entry = entry_from(event, by_id)
    entry.sources = [s for s in entry.sources if s.article == "a"]
    assert said_by_then(entry, event, by_id).date == "2010-01-13"
    # citing the later article too, the day stands; a plan keeps the day it plans
    assert said_by_then(entry_from(event, by_id), event, by_id).date == "2010-01-16"
    plan = LinkedEvent(id="p", kind="statement", members=[("a", 0)], date="2010-01-16", precision="day", scheduled=True)
    assert said_by_then(entry_from(plan, by_id), plan, by_id).date == "2010-01-16"


def test_a_summary_that_names_its_actor_beats_one_opening_with_a_pronoun():
    from dateline.model import SourceRef
    from dateline.tell.timeline import best_summary

    sources = [
        SourceRef("a", "Wire", "It said gunmen in two pick-up trucks opened fire on the aid convoy near the northern border "
                               "crossing on Tuesday morning, wounding three drivers and a guard before escaping into the hills."),
        SourceRef("b", "Daily", "The interior ministry said gunmen fired on the convoy on Tuesday."),
    ]
    assert best_summary(sources).startswith("The interior ministry")
    assert best_summary(sources[::-1]).startswith("The interior ministry")
