"""Read-only queries behind every page: each reads only the rows its page shows.

Every query is parameterised and bounded (a page of rows, or one story, speaker or
article), so a page costs the same on a store of ten articles or of thousands. Results are
plain dicts: they feed the templates and the JSON endpoints alike.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

from dateline.errors import DatelineError
from dateline.store import connect_readonly

PAGE_SIZE = 25  # stories, quotes or search hits per page
ENTRY_PAGE_SIZE = 100  # timeline entries listed per page of a story
STORY_ARTICLES = 50  # articles listed per page of a story
STORY_SPEAKERS = 12  # speakers shown on a story page
QUOTES_PER_SPEAKER = 4
SOURCES_SHOWN = 30  # source sentences listed under one entry (the rest are counted)
MATRIX_ENTRIES = 40  # most widely reported entries in the coverage matrix
CONFLICTS_SHOWN = 30
MARK_START, MARK_END = "\x02", "\x03"  # snippet markers; cannot occur in stored text that was escaped
Row = dict[str, Any]


class NotFound(DatelineError):
    """No story, speaker or article with that id."""


def connect(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to a Dateline database (the store's own, rows as mappings)."""
    db = connect_readonly(Path(path))
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA query_only = ON")
    return db


def _all(db: sqlite3.Connection, sql: str, params: tuple = ()) -> list[Row]:
    return [dict(row) for row in db.execute(sql, params)]


def _one(db: sqlite3.Connection, sql: str, params: tuple, what: str) -> Row:
    row = db.execute(sql, params).fetchone()
    if row is None:
        raise NotFound(f"no {what} {params[0]!r}")
    return dict(row)


def page_of(page: int, total: int, size: int) -> dict[str, int]:
    """Page number (from 1), page count and offset, the page clamped into range."""
    pages = max(1, -(-total // size))
    page = min(max(1, page), pages)
    return {"page": page, "pages": pages, "total": total, "offset": (page - 1) * size, "size": size}


# stories list


def outlets(db: sqlite3.Connection) -> list[Row]:
    """Each outlet with its number of articles, most first."""
    return _all(db, "SELECT outlet AS name, COUNT(*) AS articles FROM articles WHERE outlet IS NOT NULL"
                    " GROUP BY outlet ORDER BY articles DESC, outlet")


def palette(db: sqlite3.Connection) -> dict[str, int]:
    """Each outlet's place in name order: the same colour for an outlet on every page."""
    return {row["outlet"]: i for i, row in enumerate(_all(
        db, "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet"))}


def stories(db: sqlite3.Connection, *, outlet: str | None = None, start: str | None = None,
            end: str | None = None, page: int = 1) -> dict[str, Any]:
    """One page of stories, largest first, filtered by outlet and published dates."""
    where, params = ["1"], []
    if outlet:
        where.append("d.story IN (SELECT story FROM story_outlets WHERE outlet = ?)")
        params.append(outlet)
    if start:
        where.append("d.last_published >= ?")
        params.append(start)
    if end:
        where.append("d.first_published <= ?")
        params.append(end)
    condition = " AND ".join(where)
    total = db.execute(f"SELECT COUNT(*) FROM story_details d WHERE {condition}", params).fetchone()[0]
    paging = page_of(page, total, PAGE_SIZE)
    rows = _all(db, f"SELECT s.id, s.title, d.* FROM story_details d JOIN stories s ON s.id = d.story"
                    f" WHERE {condition} ORDER BY d.articles DESC, s.id LIMIT ? OFFSET ?",
                (*params, PAGE_SIZE, paging["offset"]))
    _add_outlets_and_days(db, rows)
    return {"stories": rows, "paging": paging, "filters": {"outlet": outlet, "start": start, "end": end}}


def _add_outlets_and_days(db: sqlite3.Connection, rows: list[Row]) -> None:
    """Each story's outlets and its articles per published day (for the sparkline)."""
    for row in rows:
        row["outlet_names"] = [r["outlet"] for r in _all(
            db, "SELECT outlet FROM story_outlets WHERE story = ? ORDER BY articles DESC, outlet", (row["id"],))]
        row["days"] = _all(db, "SELECT published AS day, COUNT(*) AS articles FROM articles"
                               " WHERE story = ? AND published IS NOT NULL GROUP BY published ORDER BY published",
                           (row["id"],))


# one story


def story(db: sqlite3.Connection, story_id: str, *, page: int = 1, article_page: int = 1,
          entries_per_page: int = ENTRY_PAGE_SIZE, articles_per_page: int = STORY_ARTICLES) -> dict[str, Any]:
    """A story: its figures, a page of its timeline with sources, its articles and speakers."""
    head = _one(db, "SELECT s.id, s.title, d.* FROM stories s JOIN story_details d ON d.story = s.id"
                    " WHERE s.id = ?", (story_id,), "story")
    head["outlet_names"] = [r["outlet"] for r in _all(
        db, "SELECT outlet FROM story_outlets WHERE story = ? ORDER BY outlet", (story_id,))]
    paging = page_of(page, head["entries"], entries_per_page)
    entries = _all(db, "SELECT * FROM timeline_entries WHERE story = ? ORDER BY position LIMIT ? OFFSET ?",
                   (story_id, entries_per_page, paging["offset"]))
    _add_sources(db, story_id, entries)
    return {
        "story": head,
        "axis": _all(db, "SELECT entry, position, date, precision, kind, dating, background,"
                         " (SELECT COUNT(DISTINCT outlet) FROM entry_sources x WHERE x.story = e.story"
                         " AND x.entry = e.entry) AS outlets FROM timeline_entries e WHERE story = ?"
                         " AND date IS NOT NULL ORDER BY position", (story_id,)),
        "entries": entries,
        "paging": paging,
        **story_articles(db, story_id, article_page, articles_per_page),
        "speakers": story_speakers(db, story_id),
    }


def _add_sources(db: sqlite3.Connection, story_id: str, entries: list[Row]) -> None:
    """Each entry's sources and the outlets among them."""
    by_entry: dict[str, list[Row]] = defaultdict(list)
    ids = [e["entry"] for e in entries]
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        marks = ", ".join("?" * len(part))
        for row in _all(db, "SELECT x.*, a.title, a.published FROM entry_sources x JOIN articles a ON a.id = x.article"
                            f" WHERE x.story = ? AND x.entry IN ({marks}) ORDER BY x.entry, x.position",
                        (story_id, *part)):
            by_entry[row["entry"]].append(row)
    for entry in entries:
        sources = by_entry[entry["entry"]]
        entry["outlets"] = sorted({s["outlet"] for s in sources if s["outlet"]})
        entry["sources"], entry["more_sources"] = sources[:SOURCES_SHOWN], max(0, len(sources) - SOURCES_SHOWN)


def story_articles(db: sqlite3.Connection, story_id: str, page: int, size: int = STORY_ARTICLES) -> dict[str, Any]:
    """A page of the story's articles, by published date."""
    total = db.execute("SELECT COUNT(*) FROM articles WHERE story = ?", (story_id,)).fetchone()[0]
    paging = page_of(page, total, size)
    rows = _all(db, "SELECT id, outlet, title, published, duplicate_of FROM articles WHERE story = ?"
                    " ORDER BY published IS NULL, published, seq LIMIT ? OFFSET ?",
                (story_id, size, paging["offset"]))
    return {"articles": rows, "article_paging": paging}


def story_speakers(db: sqlite3.Connection, story_id: str) -> list[Row]:
    """The story's most quoted speakers, each with a few of their quotes."""
    speakers = _all(db, "SELECT q.speaker_id AS id, COALESCE(p.name, MAX(q.speaker)) AS name, COUNT(*) AS quotes"
                        " FROM quotes q JOIN articles a ON a.id = q.article LEFT JOIN speakers p ON p.id = q.speaker_id"
                        " WHERE a.story = ? AND q.speaker_id IS NOT NULL GROUP BY q.speaker_id"
                        " ORDER BY quotes DESC, name LIMIT ?", (story_id, STORY_SPEAKERS))
    for speaker in speakers:
        speaker["items"] = _all(db, "SELECT q.text, q.direct, q.cue, q.said_on, q.article, a.outlet FROM quotes q"
                                    " JOIN articles a ON a.id = q.article WHERE a.story = ? AND q.speaker_id = ?"
                                    " ORDER BY q.said_on IS NULL, q.said_on, a.seq, q.idx LIMIT ?",
                                (story_id, speaker["id"], QUOTES_PER_SPEAKER))
    return speakers


# outlet comparison


def compare(db: sqlite3.Connection, story_id: str) -> dict[str, Any]:
    """Framing terms per outlet, conflicting figures side by side, and who reported which entry."""
    head = _one(db, "SELECT id, title FROM stories WHERE id = ?", (story_id,), "story")
    framing = _all(db, "SELECT outlet, refers_to, term, count FROM framing_terms WHERE story = ?"
                       " ORDER BY refers_to, outlet, count DESC, term", (story_id,))
    conflicts = _all(db, "SELECT c.idx AS a_idx, c.outlet AS a_outlet, c.value AS a_value, c.unit AS a_unit,"
                         " c.what AS a_what, c.sentence AS a_sentence, c.article AS a_article,"
                         " d.idx AS b_idx, d.outlet AS b_outlet, d.value AS b_value, d.unit AS b_unit,"
                         " d.what AS b_what, d.sentence AS b_sentence, d.article AS b_article"
                         " FROM claim_conflicts k JOIN claims c ON c.story = k.story AND c.idx = k.claim"
                         " JOIN claims d ON d.story = k.story AND d.idx = k.other"
                         " WHERE k.story = ? AND k.claim < k.other ORDER BY c.what, k.claim LIMIT ?",
                     (story_id, CONFLICTS_SHOWN))
    claims = db.execute("SELECT COUNT(*) FROM claims WHERE story = ?", (story_id,)).fetchone()[0]
    return {"story": head, "framing": _framing_chart(framing), "conflicts": conflicts, "claims": claims,
            **coverage(db, story_id)}


def _framing_chart(rows: list[Row]) -> list[Row]:
    """Framing terms grouped by what they refer to, then by outlet, with the largest count."""
    groups: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        groups[row["refers_to"]][row["outlet"]].append({"term": row["term"], "count": row["count"]})
    top = max((r["count"] for r in rows), default=1)
    return [{"refers_to": ref, "outlets": [{"outlet": o, "terms": t} for o, t in by_outlet.items()], "top": top}
            for ref, by_outlet in groups.items()]


def coverage(db: sqlite3.Connection, story_id: str) -> dict[str, Any]:
    """The outlet x entry matrix for the story's most widely reported entries."""
    columns = [r["outlet"] for r in _all(db, "SELECT outlet FROM story_outlets WHERE story = ? ORDER BY outlet",
                                         (story_id,))]
    entries = _all(db, "SELECT e.entry, e.date, e.kind, e.summary, COUNT(DISTINCT x.outlet) AS reach"
                       " FROM timeline_entries e JOIN entry_sources x ON x.story = e.story AND x.entry = e.entry"
                       " WHERE e.story = ? GROUP BY e.entry ORDER BY reach DESC, e.position LIMIT ?",
                   (story_id, MATRIX_ENTRIES))
    entries.sort(key=lambda e: (e["date"] is None, e["date"] or ""))
    cells = defaultdict(set)
    for row in _all(db, "SELECT DISTINCT entry, outlet FROM entry_sources WHERE story = ?", (story_id,)):
        cells[row["entry"]].add(row["outlet"])
    for entry in entries:
        entry["cells"] = [outlet in cells[entry["entry"]] for outlet in columns]
    return {"matrix_outlets": columns, "matrix": entries}


# speaker and article


def speaker(db: sqlite3.Connection, speaker_id: str, *, page: int = 1) -> dict[str, Any]:
    """A speaker with aliases and roles, and a page of their quotes across every story."""
    head = _one(db, "SELECT id, name FROM speakers WHERE id = ?", (speaker_id,), "speaker")
    head["aliases"] = [r["alias"] for r in _all(db, "SELECT alias FROM speaker_aliases WHERE speaker = ?", (speaker_id,))]
    head["roles"] = [r["role"] for r in _all(db, "SELECT role FROM speaker_roles WHERE speaker = ?", (speaker_id,))]
    total = db.execute("SELECT COUNT(*) FROM quotes WHERE speaker_id = ?", (speaker_id,)).fetchone()[0]
    paging = page_of(page, total, PAGE_SIZE)
    quotes = _all(db, "SELECT q.text, q.direct, q.cue, q.said_on, q.speaker AS mention, q.speaker_role AS role,"
                      " q.article, a.outlet, a.title, a.published, a.story, s.title AS story_title"
                      " FROM quotes q JOIN articles a ON a.id = q.article LEFT JOIN stories s ON s.id = a.story"
                      " WHERE q.speaker_id = ? ORDER BY COALESCE(q.said_on, a.published), a.seq, q.idx"
                      " LIMIT ? OFFSET ?", (speaker_id, PAGE_SIZE, paging["offset"]))
    return {"speaker": head, "quotes": quotes, "paging": paging}


def article(db: sqlite3.Connection, article_id: str) -> dict[str, Any]:
    """One article whole: text, quotes, time expressions, removed lines, captions, date evidence."""
    row = _one(db, "SELECT a.data, s.title AS story_title FROM articles a LEFT JOIN stories s ON s.id = a.story"
                   " WHERE a.id = ?", (article_id,), "article")
    data = json.loads(row["data"])
    for quote in data["quotes"]:
        quote["speaker_name"] = _speaker_name(db, quote.get("speaker_id")) or quote.get("speaker")
    keep = ("id", "source", "url", "outlet", "title", "byline", "language", "dateline", "published", "body",
            "removed", "captions", "story", "duplicate_of", "warnings", "quotes", "timexes")
    result = {key: data.get(key) for key in keep}
    result["story_title"] = row["story_title"]
    return result


def _speaker_name(db: sqlite3.Connection, speaker_id: str | None) -> str | None:
    row = db.execute("SELECT name FROM speakers WHERE id = ?", (speaker_id,)).fetchone() if speaker_id else None
    return row["name"] if row else None


# search


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query: every word must occur (no operators, no syntax errors)."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{word}"' for word in words[:12])


def search(db: sqlite3.Connection, text: str, *, page: int = 1) -> dict[str, Any]:
    """Articles and quotes that contain every word, best first, with marked snippets."""
    query = fts_query(text)
    empty = {"query": text, "articles": [], "quotes": [], "paging": page_of(1, 0, PAGE_SIZE)}
    if not query:
        return empty
    total = db.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?", (query,)).fetchone()[0]
    paging = page_of(page, total, PAGE_SIZE)
    # Rank first, then build snippets for the page's rows only (a snippet re-reads its text).
    hits = _all(db, f"SELECT f.id, snippet(articles_fts, 2, '{MARK_START}', '{MARK_END}', ' … ', 16) AS snippet,"
                    " a.outlet, a.title, a.published, a.story FROM articles_fts f JOIN articles a ON a.id = f.id"
                    " WHERE articles_fts MATCH ? AND f.rowid IN (SELECT rowid FROM articles_fts"
                    " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?) ORDER BY f.rank",
                (query, query, PAGE_SIZE, paging["offset"]))
    quotes = _all(db, f"SELECT q.article, COALESCE(p.name, q.speaker) AS speaker, q.speaker_id, a.outlet, a.published,"
                      f" snippet(quotes_fts, 1, '{MARK_START}', '{MARK_END}', ' … ', 24) AS snippet"
                      " FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid JOIN articles a ON a.id = q.article"
                      " LEFT JOIN speakers p ON p.id = q.speaker_id WHERE quotes_fts MATCH ? AND quotes_fts.rowid IN (SELECT rowid FROM quotes_fts"
                      " WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ?) ORDER BY quotes_fts.rank",
                  (query, query, PAGE_SIZE))
    return {"query": text, "articles": hits, "quotes": quotes, "paging": paging}

