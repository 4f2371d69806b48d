"""The plain dataset tables: one row per fact, so sqlite3, pandas or Datasette can query them.

The store keeps each record whole as JSON (what the pipeline reads back); the tables here
spread the same records over plain columns with foreign keys and indexes (documented in
docs/database.md). They are written in the same transaction as the records they come from,
and filled from the JSON records when an older database is migrated.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from dateline.model import Article, Speaker, Story, from_dict

SCHEMA: tuple[str, ...] = (
    """CREATE TABLE article_details (
        article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        url TEXT,
        byline TEXT,
        words INTEGER NOT NULL,
        published_time TEXT,
        published_method TEXT NOT NULL,
        published_confidence REAL NOT NULL,
        published_evidence TEXT,
        published_not_before TEXT,
        published_not_after TEXT,
        dateline_place TEXT,
        dateline_agency TEXT,
        removed_lines INTEGER NOT NULL,
        body TEXT NOT NULL
    )""",
    "ALTER TABLE quotes ADD COLUMN speaker_role TEXT",
    "ALTER TABLE quotes ADD COLUMN kind TEXT",
    "ALTER TABLE quotes ADD COLUMN cue TEXT",
    "ALTER TABLE quotes ADD COLUMN said_on TEXT",
    "ALTER TABLE quotes ADD COLUMN sentence INTEGER",
    "ALTER TABLE quotes ADD COLUMN start_offset INTEGER",
    "ALTER TABLE quotes ADD COLUMN end_offset INTEGER",
    "CREATE INDEX articles_outlet ON articles(outlet)",
    "CREATE INDEX articles_story_published ON articles(story, published)",
    """CREATE TABLE time_expressions (
        article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        sentence INTEGER,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        text TEXT NOT NULL,
        type TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (article, idx)
    )""",
    "CREATE INDEX time_expressions_value ON time_expressions(value)",
    """CREATE TABLE story_details (
        story TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
        summary TEXT NOT NULL,
        articles INTEGER NOT NULL,
        outlets INTEGER NOT NULL,
        entries INTEGER NOT NULL,
        first_published TEXT,
        last_published TEXT
    )""",
    "CREATE INDEX story_details_size ON story_details(articles DESC)",
    """CREATE TABLE story_outlets (
        story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        outlet TEXT NOT NULL,
        articles INTEGER NOT NULL,
        PRIMARY KEY (story, outlet)
    )""",
    "CREATE INDEX story_outlets_outlet ON story_outlets(outlet)",
    """CREATE TABLE timeline_entries (
        story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        entry TEXT NOT NULL,
        position INTEGER NOT NULL,
        date TEXT,
        end_date TEXT,
        precision TEXT NOT NULL,
        time TEXT,
        kind TEXT NOT NULL,
        summary TEXT NOT NULL,
        place TEXT,
        actors TEXT NOT NULL,
        background INTEGER NOT NULL,
        dating TEXT NOT NULL,
        PRIMARY KEY (story, entry)
    )""",
    "CREATE INDEX timeline_entries_position ON timeline_entries(story, position)",
    """CREATE TABLE entry_sources (
        story TEXT NOT NULL,
        entry TEXT NOT NULL,
        position INTEGER NOT NULL,
        article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        outlet TEXT,
        sentence TEXT NOT NULL,
        time_text TEXT,
        time_start INTEGER,
        PRIMARY KEY (story, entry, position),
        FOREIGN KEY (story, entry) REFERENCES timeline_entries(story, entry) ON DELETE CASCADE
    )""",
    "CREATE INDEX entry_sources_article ON entry_sources(article)",
    """CREATE TABLE claims (
        story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        outlet TEXT,
        value REAL NOT NULL,
        unit TEXT,
        what TEXT NOT NULL,
        attributed_to TEXT,
        sentence TEXT NOT NULL,
        PRIMARY KEY (story, idx)
    )""",
    "CREATE INDEX claims_article ON claims(article)",
    """CREATE TABLE claim_conflicts (
        story TEXT NOT NULL,
        claim INTEGER NOT NULL,
        other INTEGER NOT NULL,
        PRIMARY KEY (story, claim, other),
        FOREIGN KEY (story, claim) REFERENCES claims(story, idx) ON DELETE CASCADE
    )""",
    """CREATE TABLE framing_terms (
        story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        outlet TEXT NOT NULL,
        refers_to TEXT NOT NULL,
        term TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (story, outlet, refers_to, term)
    )""",
    """CREATE TABLE speaker_aliases (
        speaker TEXT NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        PRIMARY KEY (speaker, alias)
    )""",
    """CREATE TABLE speaker_roles (
        speaker TEXT NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        PRIMARY KEY (speaker, role)
    )""",
)

# Quotes searchable by words and speaker; kept in step with `quotes` by triggers (created
# after the fill of an older file, then indexed in one pass: a trigger's 'delete' of a row
# never indexed would corrupt the index).
QUOTE_SEARCH: tuple[str, ...] = (
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(speaker, text, content='quotes', content_rowid='rowid')",
    """CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, speaker, text) VALUES (new.rowid, new.speaker, new.text);
    END""",
    """CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, speaker, text) VALUES ('delete', old.rowid, old.speaker, old.text);
    END""",
)

# How a timeline entry got its date: a time expression in a source sentence states it,
# it was carried or inferred from elsewhere, or it has none.
STATED, INFERRED, UNDATED = "stated", "inferred", "undated"
# Characters of a day, month or year date that a time expression's value must share.
PRECISION_CHARS = {"day": 10, "month": 7, "year": 4}


def create_tables(db: sqlite3.Connection) -> None:
    """The migration step: create the plain tables and fill them from the stored records."""
    for statement in SCHEMA:
        db.execute(statement)
    for (data,) in db.execute("SELECT data FROM articles").fetchall():
        article = from_dict(json.loads(data), Article)
        db.execute("DELETE FROM quotes WHERE article = ?", (article.id,))
        write_article_rows(db, article)
    stories = [from_dict(json.loads(d), Story) for (d,) in db.execute("SELECT data FROM stories").fetchall()]
    write_story_rows(db, stories)
    speakers = [from_dict(json.loads(d), Speaker) for (d,) in db.execute("SELECT data FROM speakers").fetchall()]
    write_speaker_rows(db, speakers)
    for statement in QUOTE_SEARCH:
        db.execute(statement)
    db.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")


def write_article_rows(db: sqlite3.Connection, article: Article) -> None:
    """The article's details, quotes and time expressions (its old rows already deleted)."""
    published, line = article.published, article.dateline
    db.execute(
        "INSERT OR REPLACE INTO article_details VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article.id, article.url, article.byline, len(article.body.split()), published.time, published.method,
         published.confidence, published.evidence, published.not_before, published.not_after,
         line.place if line else None, line.agency if line else None, len(article.removed), article.body),
    )
    db.executemany(
        "INSERT INTO quotes (article, idx, speaker_id, speaker, direct, text, speaker_role, kind, cue, said_on,"
        " sentence, start_offset, end_offset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article.id, i, q.speaker_id, q.speaker, int(q.direct), q.text, q.speaker_role, q.kind, q.cue, q.date, q.sentence,
          q.start, q.end) for i, q in enumerate(article.quotes)],
    )
    db.execute("DELETE FROM time_expressions WHERE article = ?", (article.id,))
    db.executemany(
        "INSERT INTO time_expressions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(article.id, i, t.sentence, t.start, t.end, t.text, t.type, t.value) for i, t in enumerate(article.timexes)],
    )


def write_story_rows(db: sqlite3.Connection, stories: Iterable[Story]) -> None:
    """Each story's details, outlets, timeline, sources, claims and framing terms.

    Called after the stories table was refilled (its deletes cascaded to every row here) and
    after the stories' articles were saved, whose dates and outlets are read back.
    """
    for story in stories:
        _write_story_details(db, story)
        for position, entry in enumerate(story.timeline):
            sources = [_source_row(db, entry.date, entry.precision, source) for source in entry.sources]
            dating = UNDATED if entry.date is None else STATED if any(s[2] for s in sources) else INFERRED
            db.execute(
                "INSERT INTO timeline_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (story.id, entry.id, position, entry.date, entry.end, entry.precision, entry.time, entry.kind,
                 entry.summary, entry.place, "; ".join(entry.actors), int(entry.background), dating),
            )
            db.executemany(
                "INSERT INTO entry_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(story.id, entry.id, i, ref.article, ref.outlet, ref.sentence, text, start)
                 for i, (ref, text, start) in enumerate(sources)],
            )
        _write_claims(db, story)
        db.executemany(
            "INSERT OR IGNORE INTO framing_terms VALUES (?, ?, ?, ?, ?)",
            [(story.id, f.outlet, f.refers_to, f.term, f.count) for f in story.framing],
        )


def _write_story_details(db: sqlite3.Connection, story: Story) -> None:
    """One row of figures per story, and its articles per outlet."""
    first, last = db.execute(
        "SELECT MIN(published), MAX(published) FROM articles WHERE story = ?", (story.id,)
    ).fetchone()
    db.execute(
        "INSERT INTO story_details VALUES (?, ?, ?, ?, ?, ?, ?)",
        (story.id, story.summary, len(story.articles), len(story.outlets), len(story.timeline), first, last),
    )
    db.execute(
        "INSERT INTO story_outlets SELECT story, outlet, COUNT(*) FROM articles"
        " WHERE story = ? AND outlet IS NOT NULL GROUP BY outlet",
        (story.id,),
    )


def _source_row(db: sqlite3.Connection, date: str | None, precision: str, ref) -> tuple:
    """A source with the time expression of its sentence that states the entry's date, if any."""
    if date is None:
        return ref, None, None
    width = PRECISION_CHARS.get(precision)
    rows = db.execute(
        "SELECT text, value FROM time_expressions WHERE article = ? AND type IN ('DATE', 'TIME')", (ref.article,)
    )
    for text, value in rows:
        agrees = value.startswith(date[:width]) if width else "-W" in value
        start = ref.sentence.find(text)
        if agrees and start >= 0:
            return ref, text, start
    return ref, None, None


def _write_claims(db: sqlite3.Connection, story: Story) -> None:
    """The story's figures and which of them conflict."""
    db.executemany(
        "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(story.id, i, c.article, c.outlet, c.value, c.unit, c.what, c.attributed_to, c.sentence)
         for i, c in enumerate(story.claims)],
    )
    db.executemany(
        "INSERT OR IGNORE INTO claim_conflicts VALUES (?, ?, ?)",
        [(story.id, i, other) for i, c in enumerate(story.claims) for other in c.conflicts_with
         if 0 <= other < len(story.claims)],
    )


def write_speaker_rows(db: sqlite3.Connection, speakers: Iterable[Speaker]) -> None:
    """Each speaker's aliases and roles (after the speakers table was refilled)."""
    for speaker in speakers:
        db.executemany("INSERT OR IGNORE INTO speaker_aliases VALUES (?, ?)", [(speaker.id, a) for a in speaker.aliases])
        db.executemany("INSERT OR IGNORE INTO speaker_roles VALUES (?, ?)", [(speaker.id, r) for r in speaker.roles])
