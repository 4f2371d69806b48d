"""The SQLite store: migrations, upserts, round-trips, rollback."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.model import Article, PublishedDate, Quote, RejectedDate, Sentence, Speaker, Story
from dateline.store import MIGRATIONS, Store, StoreError


def sample_article(aid: str = "a1", source: str = "one.txt", body: str = "The bridge reopened on Monday.") -> Article:
    return Article(
        id=aid,
        source=source,
        body=body,
        outlet="Harbour Times",
        published=PublishedDate(date="2021-05-03", method="explicit", confidence=0.9, evidence="May 3, 2021",
                                rejected=[RejectedDate("© 2024", "copyright year")]),
        sentences=[Sentence(0, 0, len(body), body)],
        quotes=[Quote(text="reopened", direct=False, speaker="Mayor Lind", speaker_id="mayor-lind")],
    )


def test_schema_is_created_and_versioned(tmp_path):
    with Store(tmp_path / "d.db") as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    with Store(tmp_path / "d.db") as store:  # reopening migrates nothing twice
        assert store.article_ids() == set()


def test_same_article_twice_is_stored_once(tmp_path):
    with Store(tmp_path / "d.db") as store:
        store.save_articles([sample_article()])
        store.save_articles([sample_article()])
        assert store.article_ids() == {"a1"}
        assert store.db.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] == 1


def test_an_article_is_replaced_only_when_the_caller_says_so(tmp_path):
    with Store(tmp_path / "d.db") as store:
        store.save_articles([sample_article("a1")])
        store.save_articles([sample_article("a2", body="The bridge closed again on Friday.")])
        assert store.article_ids() == {"a1", "a2"}
        store.save_articles([sample_article("a3", body="The bridge closed for good.")], replaced=["a1", "a2"])
        assert store.article_ids() == {"a3"}
        assert store.search("closed") == ["a3"] and store.search("reopened") == []


def test_article_round_trips(tmp_path):
    article = sample_article()
    with Store(tmp_path / "d.db") as store:
        store.save_articles([article])
        assert store.article("a1") == article
        assert store.articles() == [article]


def test_stories_and_speakers_are_replaced_whole(tmp_path):
    with Store(tmp_path / "d.db") as store:
        store.replace_stories([Story(id="s1", title="Bridge", articles=["a1"])])
        store.replace_stories([Story(id="s2", title="Ferry", articles=["a2", "a3"])])
        assert [s.id for s in store.stories()] == ["s2"]
        store.replace_speakers([Speaker(id="lind", name="Anna Lind", aliases=["Lind"], quotes=2)])
        assert store.speakers()[0].aliases == ["Lind"]


def test_failed_transaction_leaves_nothing(tmp_path):
    with Store(tmp_path / "d.db") as store:
        with pytest.raises(RuntimeError), store.transaction():
            store._write_article(sample_article())
            raise RuntimeError("crash in the middle")
        assert store.article_ids() == set()


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="not a usable Dateline database"):
        Store(bad)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.db"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    con.close()
    with pytest.raises(StoreError, match="newer Dateline"):
        Store(path)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(min_size=1, max_size=300), title=st.one_of(st.none(), st.text(max_size=50)))
def test_any_text_round_trips(tmp_path, body, title):
    article = sample_article(body=body)
    article.title = title
    with Store(tmp_path / "h.db") as store:
        store.save_articles([article])
        assert store.article("a1") == article
