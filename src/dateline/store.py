"""Store: one SQLite file holding articles, stories and speakers.

The schema is owned here and migrated by numbered steps (SQLite's `user_version`). Every
record is kept whole as JSON beside the columns that queries need, so the data model can
grow without a migration for each field. All writes go through `Store.transaction()`.

Safety: a file that is not a Dateline database is never changed (it is checked before
anything is written); a read-only store (export, serve) opens the file read-only; one build
writes at a time (`writer_lock`, a lock file beside the database); readers keep answering
during a build (WAL journal); every batch commits whole or not at all, so a killed build
leaves the database as of its last committed batch.
"""

from __future__ import annotations

import json
import os
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
    # 4: what could not be read, or was read only in part, by the latest build of each input
    """
    CREATE TABLE input_warnings (
        source TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (source, reason)
    );
    """,
    # 5: facts about the store itself, such as the version of the code that told its stories
    """
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
)
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 30_000  # a reader or writer waits this long for a brief lock (a checkpoint)


class StoreError(DatelineError):
    """The database file cannot be used."""


class Store:
    """A Dateline database: open it, read and write model objects, close it.

    `readonly=True` opens the file without ever writing to it (nor creating it); an older
    schema is then an error rather than a migration.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        refuse_foreign_file(self.path)
        self.db = connect_readonly(self.path) if readonly else sqlite3.connect(self.path)
        try:
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            refuse_foreign_schema(self.db, self.path)
            if readonly:
                self.check_current()
                return
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise StoreError(f"{self.path}: not a usable Dateline database ({exc})") from None
        except BaseException:
            self.db.close()
            raise

    def check_current(self) -> None:
        """A read-only store must already have this version's schema (it cannot migrate)."""
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version != len(MIGRATIONS):
            newer = "a newer" if version > len(MIGRATIONS) else "an older"
            raise StoreError(f"{self.path}: written by {newer} Dateline (schema {version}); run `dateline build` with this version first")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def snapshot(self) -> Iterator[None]:
        """A consistent view for a series of reads (a build committing meanwhile is not seen)."""
        return self.transaction(commit=False)

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
    def transaction(self, *, commit: bool = True) -> Iterator[sqlite3.Connection]:
        """All or nothing: commit on success, roll back on any error (or always, for reads)."""
        self.db.execute("BEGIN")
        try:
            yield self.db
        except BaseException:
            self.db.rollback()
            raise
        if commit:
            self.db.commit()
        else:
            self.db.rollback()

    # articles

    def article_ids(self) -> set[str]:
        """Ids of every stored article."""
        return {row[0] for row in self.db.execute("SELECT id FROM articles")}

    def article_sources(self) -> dict[str, str]:
        """The id stored for each source (input path, or 'path#N' for a record)."""
        return dict(self.db.execute("SELECT source, id FROM articles"))

    def save_articles(self, articles: Iterable[Article], *, replaced: Iterable[str] = (), search: bool = True) -> None:
        """Insert or update articles (quotes, search text) and delete the ones they replace, in one transaction.

        `search=False` leaves the full-text rows alone: for rewrites that keep title and body.
        """
        with self.transaction():
            for old_id in replaced:
                self.db.execute("DELETE FROM articles_fts WHERE id = ?", (old_id,))
                self.db.execute("DELETE FROM articles WHERE id = ?", (old_id,))
            next_seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]
            for article in articles:
                next_seq += self._write_article(article, next_seq, search)

    def _write_article(self, article: Article, next_seq: int | None = None, search: bool = True) -> int:
        """Upsert one article (only ever replaced by the caller's choice); 1 when it took `next_seq`."""
        seq = self.db.execute("SELECT seq FROM articles WHERE id = ?", (article.id,)).fetchone()
        if seq is None and next_seq is None:
            next_seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]
        # An upsert, not REPLACE: a deleted row would cascade to the story rows that cite it.
        self.db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
            " source = excluded.source, outlet = excluded.outlet, title = excluded.title,"
            " published = excluded.published, story = excluded.story, duplicate_of = excluded.duplicate_of,"
            " language = excluded.language, seq = excluded.seq, data = excluded.data",
            (article.id, article.source, article.outlet, article.title, article.published.date,
             article.story, article.duplicate_of, article.language, seq[0] if seq else next_seq,
             json.dumps(to_dict(article))),
        )
        self.db.execute("DELETE FROM quotes WHERE article = ?", (article.id,))
        write_article_rows(self.db, article)
        if search:
            if seq:  # fts5 cannot index `id`: deleting by it scans the table, so only when stored
                self.db.execute("DELETE FROM articles_fts WHERE id = ?", (article.id,))
            self.db.execute("INSERT INTO articles_fts VALUES (?, ?, ?)", (article.id, article.title or "", article.body))
        return 0 if seq else 1

    def articles(self) -> list[Article]:
        """Every stored article, in the order they were first added."""
        rows = self.db.execute("SELECT data FROM articles ORDER BY seq")
        return [from_dict(json.loads(data), Article) for (data,) in rows]

    def iter_articles(self, batch: int = 500) -> Iterator[tuple[Article, str]]:
        """Every stored article with its stored JSON, in the order first added, read in batches."""
        for data in self.iter_records(batch):
            yield from_dict(json.loads(data), Article), data

    def iter_records(self, batch: int = 500) -> Iterator[str]:
        """Every stored article's JSON, in the order first added, read in batches (no objects
        built: a stage that needs a few fields of each reads them from the parsed record)."""
        cursor = self.db.execute("SELECT data FROM articles ORDER BY seq")
        while rows := cursor.fetchmany(batch):
            yield from (data for (data,) in rows)

    def articles_by_ids(self, ids: list[str], batch: int = 500) -> Iterator[tuple[Article, str]]:
        """The stored articles with these ids and their JSON, in the order first added (`ids`
        given in that order), read in batches."""
        for first in range(0, len(ids), batch):
            chunk = ids[first : first + batch]
            rows = self.db.execute(
                f"SELECT data FROM articles WHERE id IN ({','.join('?' * len(chunk))}) ORDER BY seq", chunk
            )
            for (data,) in rows:
                yield from_dict(json.loads(data), Article), data

    def count(self, table: str) -> int:
        """Rows in one of the store's tables."""
        return self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

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

    # input warnings

    def add_warnings(self, warnings: Iterable[tuple[str, str]]) -> None:
        """Record (source, reason) pairs of inputs skipped or read in part."""
        with self.transaction():
            self.db.executemany("INSERT OR IGNORE INTO input_warnings VALUES (?, ?)", list(warnings))

    def settle_warnings(self, roots: Iterable[str], current: Iterable[tuple[str, str]]) -> None:
        """After a complete build of `roots`: their warnings are exactly the ones just raised."""
        with self.transaction():
            for root in roots:
                self.db.execute("DELETE FROM input_warnings WHERE source = ?", (root,))
                for prefix in (root.rstrip(os.sep) + os.sep, root + "#"):
                    self.db.execute("DELETE FROM input_warnings WHERE substr(source, 1, length(?)) = ?", (prefix, prefix))
            self.db.executemany("INSERT OR IGNORE INTO input_warnings VALUES (?, ?)", list(current))

    def warnings(self) -> list[str]:
        """Every recorded input warning, as 'source: reason', in source order."""
        rows = self.db.execute("SELECT source, reason FROM input_warnings ORDER BY source, reason")
        return [f"{source}: {reason}" for source, reason in rows]

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

    def _sync(self, table: str, rows: Iterable[Story | Speaker], label: str, keep: set[str] | None, fill: Callable) -> int:
        """Write the rows whose JSON differs from the stored one (and their plain tables); delete
        stored ids not in `keep` (`None`: the given rows are the whole table). Returns rows written.
        """
        rows = list(rows)
        keep = {r.id for r in rows} if keep is None else keep
        stored = dict(self.db.execute(f"SELECT id, data FROM {table}"))
        records = {r.id: json.dumps(to_dict(r)) for r in rows}
        changed = [r for r in rows if stored.get(r.id) != records[r.id]]
        gone = [i for i in stored if i not in keep] + [r.id for r in changed if r.id in stored]
        with self.transaction():
            self.db.executemany(f"DELETE FROM {table} WHERE id = ?", [(i,) for i in gone])  # plain rows cascade
            self.db.executemany(f"INSERT INTO {table} VALUES (?, ?, ?)",
                                [(r.id, getattr(r, label), records[r.id]) for r in changed])
            fill(self.db, changed)
        return len(changed)

    def sync_stories(self, stories: Iterable[Story], keep: set[str]) -> int:
        """Write the given stories where they changed and drop stories whose id is not in `keep`."""
        return self._sync("stories", stories, "title", keep, write_story_rows)

    def sync_speakers(self, speakers: Iterable[Speaker]) -> int:
        """Make the speakers table equal to `speakers`, writing only the rows that changed."""
        return self._sync("speakers", speakers, "name", None, write_speaker_rows)

    def setting(self, key: str) -> str | None:
        """A stored fact about the store (None when never set)."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        """Record a fact about the store."""
        with self.transaction():
            self.db.execute("INSERT INTO settings VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def story_ids(self) -> set[str]:
        """Ids of every stored story."""
        return {row[0] for row in self.db.execute("SELECT id FROM stories")}

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


def check_database_path(path: str | Path) -> None:
    """Before anything is written: the path can hold a Dateline database (new or existing)."""
    path = Path(path)
    if not path.absolute().parent.is_dir():
        raise StoreError(f"{path}: folder {path.absolute().parent} does not exist")
    refuse_foreign_file(path)
    if path.exists() and path.stat().st_size:
        db = connect_readonly(path)
        try:
            refuse_foreign_schema(db, path)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable Dateline database ({exc})") from None
        finally:
            db.close()


def refuse_foreign_file(path: Path) -> None:
    """A file that exists, is not empty and is not SQLite is never opened (so never changed)."""
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a database file")
    try:
        with path.open("rb") as stream:
            header = stream.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror})") from None
    if header and header != SQLITE_HEADER:
        raise StoreError(f"{path}: not a usable Dateline database (not an SQLite file); left unchanged")


def refuse_foreign_schema(db: sqlite3.Connection, path: Path) -> None:
    """An SQLite file of another program (tables, but not Dateline's) is left as it is."""
    # One statement, so one snapshot: read apart, a build committing its first migration in between
    # showed tables at schema 0, which looked like another program's file.
    version, names = db.execute(
        "SELECT (SELECT user_version FROM pragma_user_version),"
        " (SELECT group_concat(name, char(31)) FROM sqlite_master WHERE type = 'table')"
    ).fetchone()
    tables = set(names.split("\x1f")) if names else set()
    if version > len(MIGRATIONS):
        raise StoreError(f"{path}: written by a newer Dateline (schema {version}); left unchanged")
    if (version == 0 and tables) or (version > 0 and "articles" not in tables):
        raise StoreError(f"{path}: an SQLite database of another program, not a Dateline one; left unchanged")


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that never writes the file; on a read-only mount, the file as immutable."""
    if not path.exists():
        raise StoreError(f"{path}: no such database (run `dateline build` first)")
    uri = path.absolute().as_uri()
    # In a read-only folder (mount) WAL cannot make its -shm file, and no build can be writing there.
    mode = "mode=ro" if os.access(path.absolute().parent, os.W_OK) else "immutable=1"
    db = sqlite3.connect(f"{uri}?{mode}", uri=True)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return db


@contextmanager
def writer_lock(path: str | Path, *, notify: Callable[[str], None] | None = None) -> Iterator[None]:
    """One writer at a time: an exclusive lock on 'DB.lock'; a second build waits, saying so.

    A POSIX record lock (lockf): the kernel drops it when the process ends, even by kill -9,
    and forked workers never inherit it.
    """
    try:
        import fcntl
    except ImportError:  # not a POSIX system: no lock beyond SQLite's own
        yield
        return
    lock_path = Path(f"{path}.lock")
    with lock_path.open("a+") as lock:
        try:
            fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.seek(0)
            holder = lock.read().strip() or "?"
            if notify:
                notify(f"{path}: another build (process {holder}) is writing to this database; waiting for it to finish")
            fcntl.lockf(lock, fcntl.LOCK_EX)
        lock.seek(0)
        lock.truncate()
        lock.write(str(os.getpid()))
        lock.flush()
        try:
            yield
        finally:
            fcntl.lockf(lock, fcntl.LOCK_UN)
