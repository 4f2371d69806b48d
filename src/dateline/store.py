"""Store: one SQLite file holding articles, stories and speakers.

The schema is owned here and migrated by numbered steps (SQLite's `user_version`). Every
record is kept whole as JSON beside the columns that queries need, so the data model can
grow without a migration for each field. All writes go through `Store.transaction()`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from dateline.errors import DatelineError
from dateline.model import Article, Speaker, Story, from_dict, to_dict
from dateline.tables import create_tables, write_article_rows, write_speaker_rows, write_story_rows

# Each step is an SQL script or a function of the connection (run inside the step's transaction).
MIGRATIONS: tuple[str | Callable[[sqlite3.Connection], None], ...] = (
    # 1: articles, stories, speakers, quotes
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        outlet TEXT,
        title TEXT,
        published TEXT,
        story TEXT,
        duplicate_of TEXT,
        language TEXT,
        seq INTEGER NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX articles_source ON articles(source);
    CREATE INDEX articles_story ON articles(story);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE TABLE speakers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE TABLE quotes (
        article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        speaker_id TEXT,
        speaker TEXT,
        direct INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article, idx)
    );
    CREATE INDEX quotes_speaker ON quotes(speaker_id);
    """,
    # 2: full-text search over article bodies
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(id UNINDEXED, title, body);
    """,
    # 3: the plain dataset tables (dateline.tables, docs/database.md)
    create_tables,
)


class StoreError(DatelineError):
    """The database file cannot be used."""


class Store:
    """A Dateline database: open it, read and write model objects, close it."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.db = sqlite3.connect(self.path)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable Dateline database ({exc})") from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def migrate(self) -> None:
        """Apply the migrations this file has not seen yet, each in its own transaction."""
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(f"{self.path}: written by a newer Dateline (schema {version})")
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.transaction():
                if callable(script):
                    script(self.db)
                for statement in filter(str.strip, "" if callable(script) else script.split(";")):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: commit on success, roll back on any error."""
        self.db.execute("BEGIN")
        try:
            yield self.db
        except BaseException:
            self.db.rollback()
            raise
        self.db.commit()

    # articles

    def article_ids(self) -> set[str]:
        """Ids of every stored article."""
        return {row[0] for row in self.db.execute("SELECT id FROM articles")}

    def save_articles(self, articles: Iterable[Article]) -> None:
        """Insert or update articles (and their quotes and search text) in one transaction."""
        with self.transaction():
            for article in articles:
                self._write_article(article)

    def _write_article(self, article: Article) -> None:
        """Upsert one article; another article from the same source is replaced."""
        stale = self.db.execute("SELECT id FROM articles WHERE source = ? AND id != ?", (article.source, article.id))
        for (old_id,) in stale.fetchall():
            self.db.execute("DELETE FROM articles_fts WHERE id = ?", (old_id,))
            self.db.execute("DELETE FROM articles WHERE id = ?", (old_id,))
        seq = self.db.execute("SELECT seq FROM articles WHERE id = ?", (article.id,)).fetchone()
        if seq is None:
            seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()
        self.db.execute(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.source, article.outlet, article.title, article.published.date,
             article.story, article.duplicate_of, article.language, seq[0], json.dumps(to_dict(article))),
        )
        self.db.execute("DELETE FROM quotes WHERE article = ?", (article.id,))
        write_article_rows(self.db, article)
        self.db.execute("DELETE FROM articles_fts WHERE id = ?", (article.id,))
        self.db.execute("INSERT INTO articles_fts VALUES (?, ?, ?)", (article.id, article.title or "", article.body))

    def articles(self) -> list[Article]:
        """Every stored article, in the order they were first added."""
        rows = self.db.execute("SELECT data FROM articles ORDER BY seq")
        return [from_dict(json.loads(data), Article) for (data,) in rows]

    def article(self, article_id: str) -> Article | None:
        """One article by id."""
        row = self.db.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
        return from_dict(json.loads(row[0]), Article) if row else None

    def search(self, query: str, *, limit: int = 20) -> list[str]:
        """Ids of the articles that match a full-text query, best first."""
        rows = self.db.execute(
            "SELECT id FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", (query, limit)
        )
        return [row[0] for row in rows]

    # stories and speakers

    def _replace_all(self, table: str, rows: Iterable[Story | Speaker], label: str, fill: Callable) -> None:
        """Replace every row of a (id, label, data) table, and its plain tables, with the given records."""
        rows = list(rows)
        with self.transaction():
            self.db.execute(f"DELETE FROM {table}")
            self.db.executemany(
                f"INSERT INTO {table} VALUES (?, ?, ?)",
                [(r.id, getattr(r, label), json.dumps(to_dict(r))) for r in rows],
            )
            fill(self.db, rows)

    def replace_stories(self, stories: Iterable[Story]) -> None:
        """Replace every story with the given ones."""
        self._replace_all("stories", stories, "title", write_story_rows)

    def stories(self) -> list[Story]:
        """Every story, largest first, then by id."""
        stories = [from_dict(json.loads(d), Story) for (d,) in self.db.execute("SELECT data FROM stories")]
        return sorted(stories, key=lambda s: (-len(s.articles), s.id))

    def replace_speakers(self, speakers: Iterable[Speaker]) -> None:
        """Replace every speaker with the given ones."""
        self._replace_all("speakers", speakers, "name", write_speaker_rows)

    def speakers(self) -> list[Speaker]:
        """Every speaker, most quoted first."""
        speakers = [from_dict(json.loads(d), Speaker) for (d,) in self.db.execute("SELECT data FROM speakers")]
        return sorted(speakers, key=lambda s: (-s.quotes, s.name))
