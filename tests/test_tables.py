"""The plain dataset tables: filled with the records, kept in step, migrated from older files."""

from __future__ import annotations

import json
import sqlite3

from dateline.model import (
    Article,
    PublishedDate,
    Quote,
    Sentence,
    SourceRef,
    Speaker,
    Story,
    StoryClaim,
    TimelineEntry,
    TimeMention,
    to_dict,
)
from dateline.store import MIGRATIONS, Store

BODY = "The bridge reopened on Monday. Crews had worked for weeks."


def article(aid: str = "a1", story: str | None = "s1") -> Article:
    return Article(
        id=aid, source=f"{aid}.txt", body=BODY, outlet="Harbour Times", story=story,
        published=PublishedDate(date="2021-05-04", method="explicit", confidence=0.9, evidence="4 May 2021"),
        sentences=[Sentence(0, 0, 30, BODY[:30]), Sentence(1, 31, len(BODY), BODY[31:])],
        timexes=[TimeMention(23, 29, "Monday", "DATE", "2021-05-03", sentence=0)],
        quotes=[Quote(text="worked for weeks", direct=False, speaker="Mayor Lind", speaker_id="lind",
                      cue="said", sentence=1, start=41, end=57)],
    )


def story() -> Story:
    dated = TimelineEntry("e1", "2021-05-03", "day", "reopening", BODY[:30], [SourceRef("a1", "Harbour Times", BODY[:30])])
    carried = TimelineEntry("e2", "2021-05-01", "day", "repair", BODY[31:], [SourceRef("a1", "Harbour Times", BODY[31:])])
    undated = TimelineEntry("e3", None, "unknown", "repair", BODY[31:], [SourceRef("a1", "Harbour Times", BODY[31:])])
    claims = [StoryClaim(3, "lane", "a1", "Harbour Times", BODY[:30], conflicts_with=[1]),
              StoryClaim(4, "lane", "a1", "Harbour Times", BODY[:30], conflicts_with=[0])]
    return Story(id="s1", title="Bridge", articles=["a1"], outlets=["Harbour Times"], timeline=[dated, carried, undated], claims=claims)


def rows(store: Store, sql: str) -> list[tuple]:
    return store.db.execute(sql).fetchall()


def test_records_fill_the_plain_tables(tmp_path):
    with Store(tmp_path / "d.db") as store:
        store.save_articles([article()])
        store.replace_stories([story()])
        store.replace_speakers([Speaker("lind", "Anna Lind", aliases=["Mayor Lind"], roles=["mayor"], quotes=1)])
        assert rows(store, "SELECT speaker, cue, sentence, start_offset FROM quotes") == [("Mayor Lind", "said", 1, 41)]
        assert rows(store, "SELECT text, value FROM time_expressions") == [("Monday", "2021-05-03")]
        assert rows(store, "SELECT articles, first_published FROM story_details") == [(1, "2021-05-04")]
        assert rows(store, "SELECT entry, dating FROM timeline_entries ORDER BY position") == [
            ("e1", "stated"), ("e2", "inferred"), ("e3", "undated")]
        assert rows(store, "SELECT time_text, time_start FROM entry_sources WHERE entry = 'e1'") == [("Monday", 23)]
        assert rows(store, "SELECT claim, other FROM claim_conflicts ORDER BY claim") == [(0, 1), (1, 0)]
        assert rows(store, "SELECT alias FROM speaker_aliases") == [("Mayor Lind",)]
        assert rows(store, "SELECT outlet, articles FROM story_outlets") == [("Harbour Times", 1)]


def test_replacing_stories_and_articles_leaves_no_stale_rows(tmp_path):
    with Store(tmp_path / "d.db") as store:
        store.save_articles([article()])
        store.replace_stories([story()])
        store.replace_stories([Story(id="s2", title="Ferry", articles=[])])
        assert rows(store, "SELECT COUNT(*) FROM timeline_entries") == [(0,)]
        assert rows(store, "SELECT COUNT(*) FROM claims") == [(0,)]
        store.save_articles([article()])
        assert rows(store, "SELECT COUNT(*) FROM quotes") == [(1,)]
        assert rows(store, "SELECT COUNT(*) FROM time_expressions") == [(1,)]


def test_quotes_are_searchable_and_follow_their_article(tmp_path):
    with Store(tmp_path / "d.db") as store:
        store.save_articles([article()])
        match = "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'weeks'"
        assert len(rows(store, match)) == 1
        replaced = article("a2")
        replaced.source = "a1.txt"  # a new version of the same source replaces a1 (the pipeline says so)
        replaced.quotes[0].text = "worked for months"
        store.save_articles([replaced], replaced=["a1"])
        assert rows(store, match) == []


def test_an_older_database_is_migrated_and_filled(tmp_path):
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    for script in MIGRATIONS[:2]:
        con.executescript(script)
    con.execute("PRAGMA user_version = 2")
    data = '{"id": "s1", "title": "Bridge", "articles": [], "outlets": [], "summary": "", "timeline": [], "claims": [], "framing": []}'
    con.execute("INSERT INTO stories VALUES ('s1', 'Bridge', ?)", (data,))
    old = article(story=None)
    con.execute("INSERT INTO articles VALUES ('a1', 'a1.txt', 'Harbour Times', NULL, '2021-05-04', NULL, NULL, 'en', 1, ?)",
                (json.dumps(to_dict(old)),))
    con.execute("INSERT INTO quotes VALUES ('a1', 0, 'lind', 'Mayor Lind', 0, 'worked for weeks')")
    con.commit()
    con.close()
    with Store(path) as store:
        assert rows(store, "SELECT story, articles FROM story_details") == [("s1", 0)]
        assert rows(store, "SELECT cue, start_offset FROM quotes") == [("said", 41)]
        assert len(rows(store, "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'weeks'")) == 1
        store.save_articles([old], search=False)  # the search index stays sound after the fill
        assert len(rows(store, "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'weeks'")) == 1


def test_foreign_keys_hold(tmp_path):
    with Store(tmp_path / "d.db") as store:
        store.save_articles([article()])
        store.replace_stories([story()])
        assert rows(store, "PRAGMA foreign_key_check") == []


def test_rewriting_an_article_keeps_the_story_rows_that_cite_it(tmp_path):
    with Store(tmp_path / "d.db") as store:
        store.save_articles([article()])
        store.replace_stories([story()])
        store.save_articles([article()], search=False)  # e.g. relink marks it a copy; its story is not told again
        assert rows(store, "SELECT COUNT(*) FROM entry_sources") == [(3,)]
        assert rows(store, "SELECT COUNT(*) FROM claims") == [(2,)]
