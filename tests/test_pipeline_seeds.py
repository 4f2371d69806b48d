"""The whole pipeline on the five real seed articles (skipped when ../shared is absent)."""

from __future__ import annotations

import pytest

from dateline.pipeline import build
from dateline.store import Store

SEED_DAYS = ["2016-08-15", "2016-10-18", "2016-10-28", "2016-11-01", "2016-11-02", "2016-11-04"]


@pytest.fixture(scope="module")
def seeds_built(seeds_dir, tmp_path_factory):
    db = tmp_path_factory.mktemp("seeds") / "s.db"
    build([seeds_dir], db)
    with Store(db) as store:
        return {a.outlet: a for a in store.articles()}, store.stories(), store.speakers()


def test_one_story_holds_all_five_articles(seeds_built):
    articles, stories, _ = seeds_built
    assert len(articles) == 5 and len(stories) == 1 and len(stories[0].articles) == 5


def test_no_article_is_dated_from_a_render_clock_or_a_caption_alone(seeds_built):
    articles, _, _ = seeds_built
    assert articles["Al-Alam"].published.date == "2016-08-15" and articles["Al-Alam"].published.method == "explicit"
    assert articles["Sputnik"].published.date is None  # its only stamp is the page-render clock
    assert any("render" in r.why or "later" in r.why for r in articles["Sputnik"].published.rejected)
    assert articles["Voice of America"].published.date is None  # an archive (FILE) caption dates nothing
    assert articles["Voice of America"].published.not_before == "2016-09-23"
    for article in articles.values():
        assert article.published.evidence


def test_caption_day_and_reported_weekday_infer_asharq(seeds_built):
    published = seeds_built[0]["Asharq Al-Awsat"].published
    assert (published.date, published.method) == ("2016-11-02", "inferred")
    assert "Wednesday" in published.evidence


def test_linked_talks_infer_the_undated_sana_report(seeds_built):
    published = seeds_built[0]["SANA"].published
    assert (published.date, published.method) == ("2016-08-15", "inferred")
    assert "Monday" in published.evidence


def test_timeline_has_the_days_the_texts_state_in_order(seeds_built):
    _, stories, _ = seeds_built
    timeline = stories[0].timeline
    days = [e.date for e in timeline if not e.background and e.date]
    assert days == sorted(days)
    assert set(SEED_DAYS) <= set(days)
    talks = [e for e in timeline if e.date == "2016-08-15" and e.kind == "talks"]
    assert talks and {ref.outlet for ref in talks[0].sources} >= {"Al-Alam", "SANA"}
    assert all(ref.sentence and e.sources for e in timeline for ref in e.sources)


def test_lavrov_is_one_speaker_across_outlets_and_spellings(seeds_built):
    articles, _, speakers = seeds_built
    lavrovs = [s for s in speakers if "Lavrov" in s.name or any("Lavrov" in a for a in s.aliases)]
    assert len(lavrovs) == 1
    outlets = {a.outlet for a in articles.values() for q in a.quotes if q.speaker_id == lavrovs[0].id}
    assert outlets >= {"Al-Alam", "Asharq Al-Awsat", "Sputnik", "SANA"}


def test_the_later_hamburg_meeting_is_not_merged_into_the_august_talks(seeds_built):
    articles, stories, _ = seeds_built
    sputnik = articles["Sputnik"].id
    august = [e for e in stories[0].timeline if e.date == "2016-08-15" and e.kind == "talks"]
    assert august and all(ref.article != sputnik for e in august for ref in e.sources)
    assert any(e.kind == "talks" and e.date is None and e.place == "Hamburg" for e in stories[0].timeline)
