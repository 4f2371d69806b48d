"""The shareable report: one self-contained file, the story views, hostile text inert."""

from __future__ import annotations

import re
import sqlite3

import pytest
from typer.testing import CliRunner

pytest.importorskip("jinja2")

from dateline.cli import app  # noqa: E402
from dateline.report import render_report  # noqa: E402
from tests.test_web import parse  # noqa: E402


@pytest.fixture(scope="module")
def report_html(web_store) -> str:
    return render_report(web_store)


def test_report_is_self_contained(report_html):
    tags = parse(report_html)
    names = {tag for tag, _ in tags.tags}
    assert "script" not in names and "link" not in names and "img" not in names
    assert "<style>" in report_html and "svg" in names
    csp = [a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'; img-src data:"]
    urls = [v for _, attrs in tags.tags for k, v in attrs.items() if k in ("href", "src") and v]
    assert urls and all(url.startswith("#") for url in urls)  # anchors inside the file only


def test_report_holds_every_story_view(report_html, web_store):
    db = sqlite3.connect(web_store)
    story, entries = db.execute("SELECT story, entries FROM story_details ORDER BY articles DESC").fetchone()
    db.close()
    assert f'id="story-{story}"' in report_html
    assert len(re.findall(r'<details id="entry-', report_html)) >= entries
    for heading in ("Timeline", "Who said what", "Words each outlet uses", "Figures that disagree", "Who reported what", "Articles"):
        assert f"<h2>{heading}</h2>" in report_html
    assert '<span class="timex">' in report_html


def test_hostile_text_is_inert_in_the_report(report_html):
    for tag, attrs in parse(report_html).tags:
        assert tag not in ("iframe", "img", "b", "i", "div") or "class" in attrs, (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not any("javascript:" in (value or "") for value in attrs.values()), attrs
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in report_html


def test_report_command_writes_one_story(web_store, tmp_path):
    db = sqlite3.connect(web_store)
    small = db.execute("SELECT story FROM story_details ORDER BY articles LIMIT 1").fetchone()[0]
    db.close()
    out = tmp_path / "one.html"
    result = CliRunner().invoke(app, ["report", "--db", str(web_store), "--story", small, "--html", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert f'id="story-{small}"' in text and "<h1>Stories</h1>" not in text


def test_report_of_an_unknown_story_or_database_is_one_line(web_store, tmp_path):
    runner = CliRunner()
    unknown = runner.invoke(app, ["report", "--db", str(web_store), "--story", "s-nope", "--html", str(tmp_path / "x.html")])
    assert unknown.exit_code == 1 and "no story 's-nope'" in unknown.output
    missing = runner.invoke(app, ["report", "--db", str(tmp_path / "none.db"), "--html", str(tmp_path / "x.html")])
    assert missing.exit_code == 1 and "no such database" in missing.output


def test_report_styles_are_inlined_verbatim(report_html):
    from dateline.report import CSS

    assert CSS.read_text(encoding="utf-8") in report_html  # not HTML-escaped inside <style>
