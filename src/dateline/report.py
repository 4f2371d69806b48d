"""The shareable report: one self-contained HTML file with the story views (`dateline report`).

Styles are inlined, drawings are inline SVG, and a Content-Security-Policy in the file
forbids scripts and every network fetch, so the file reads the same mailed or archived.
Article text is escaped exactly as on the server (the same templates).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from dateline.errors import DatelineError
from dateline.web import queries
from dateline.web.templating import TEMPLATES, environment

REPORT_STORIES = 20  # largest stories in a report of the whole store
ENTRIES_PER_STORY = 400  # timeline entries shown per story (the largest stories have more)
ARTICLES_PER_STORY = 500
CSS = TEMPLATES.parent / "static" / "style.css"


def report_link(kind: str, ident: str) -> str | None:
    """Anchors inside the report; pages the report does not hold get no link."""
    return {"story": f"#story-{ident}", "entry": f"#entry-{ident}"}.get(kind)


def render_report(db_path: str | Path, *, story: str | None = None) -> str:
    """The report as HTML text: one story, or the largest stories of the store."""
    db = queries.connect(db_path)
    try:
        overview = queries.stories(db)
        ids = [story] if story else [s["id"] for s in overview["stories"]][:REPORT_STORIES]
        stories = [_story_views(db, story_id) for story_id in ids]
        colours = queries.palette(db)
    except queries.NotFound as exc:
        raise DatelineError(f"{db_path}: {exc}") from None
    finally:
        db.close()
    env = environment(link=report_link, report=True)
    return env.get_template("report.html").render(
        stories=stories, overview=overview, palette=colours, single=bool(story), css=CSS.read_text(encoding="utf-8"),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), source=Path(db_path).name,
    )


def _story_views(db, story_id: str) -> dict:
    """Everything the report shows of one story."""
    view = queries.story(db, story_id, entries_per_page=ENTRIES_PER_STORY, articles_per_page=ARTICLES_PER_STORY)
    comparison = queries.compare(db, story_id)
    del comparison["story"]  # the story's head is already in `view`, with its figures
    return {**view, **comparison}


def write_report(db_path: str | Path, out: str | Path, *, story: str | None = None) -> Path:
    """Write the report file and return its path."""
    if not Path(db_path).exists():
        raise DatelineError(f"{db_path}: no such database (run `dateline build` first)")
    text = render_report(db_path, story=story)
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise DatelineError(f"{out}: cannot write ({exc.strerror})") from None
    return Path(out)
