"""The web interface through FastAPI's test client: pages, JSON twins, filters, search, safety."""

from __future__ import annotations

import re
import sqlite3
from html.parser import HTMLParser

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402 (after the skips)

from dateline.web import create_app  # noqa: E402
from dateline.web.queries import connect, fts_query  # noqa: E402


class Tags(HTMLParser):
    """Every start tag with its attributes, and the page's visible text."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def assert_inert(html: str) -> None:
    """No script but ours, no event handler, no javascript: URL, none of the hostile tags."""
    tags = parse(html)
    for tag, attrs in tags.tags:
        assert tag not in ("iframe", "img", "b", "i", "div") or "class" in attrs, (tag, attrs)
        assert tag != "script" or attrs.get("src") == "/static/app.js", attrs
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not any((value or "").strip().lower().startswith("javascript:") for value in attrs.values()), attrs


@pytest.fixture(scope="module")
def client(web_store) -> TestClient:
    return TestClient(create_app(web_store))


@pytest.fixture(scope="module")
def ids(web_store) -> dict[str, str]:
    db = sqlite3.connect(web_store)
    hostile = db.execute("SELECT id, story FROM articles WHERE outlet LIKE 'Evil%'").fetchone()
    speaker = db.execute("SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id"
                         " ORDER BY COUNT(*) DESC").fetchone()[0]
    hostile_speaker = db.execute("SELECT speaker_id FROM quotes WHERE article = ? AND speaker_id IS NOT NULL",
                                 (hostile[0],)).fetchone()[0]
    db.close()
    return {"article": hostile[0], "story": hostile[1], "speaker": speaker, "hostile_speaker": hostile_speaker}


def pages(ids: dict[str, str]) -> list[str]:
    return ["/", f"/stories/{ids['story']}", f"/stories/{ids['story']}/compare", f"/speakers/{ids['speaker']}",
            f"/speakers/{ids['hostile_speaker']}", f"/articles/{ids['article']}", "/search?q=truce",
            "/search?q=script+pwned"]


def test_every_page_and_its_json_twin_answer(client, ids):
    for path in pages(ids):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert page.headers["x-content-type-options"] == "nosniff"
        assert client.get("/api" + path).status_code == 200, path


def test_hostile_article_text_is_inert_on_every_page(client, ids):
    for path in pages(ids):
        html = client.get(path).text
        assert_inert(html)
    article = client.get(f"/articles/{ids['article']}").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in article  # kept, shown as text
    assert "<script>window" not in client.get(f"/stories/{ids['story']}").text


def test_stories_list_shows_sizes_outlets_dates_and_sparklines(client, ids):
    page = parse(client.get("/").text)
    text = " ".join(page.text)
    assert "The Northern Ledger" in text and "2023-03-03" in text
    assert any(tag == "svg" and attrs.get("class") == "spark" for tag, attrs in page.tags)
    data = client.get("/api/").json()
    big = data["stories"][0]
    assert big["id"] == ids["story"] and big["articles"] >= 10 and big["days"]


def test_stories_filter_by_outlet_and_date(client):
    every = client.get("/api/").json()["paging"]["total"]
    assert every >= 2
    courier = client.get("/api/", params={"outlet": "Valley Voice"}).json()
    assert courier["paging"]["total"] == 1
    assert all("Valley Voice" in s["outlet_names"] for s in courier["stories"])
    late = client.get("/api/", params={"start": "2023-03-25"}).json()
    assert late["paging"]["total"] == 0
    assert client.get("/api/", params={"page": 99}).json()["paging"]["page"] == 1  # clamped


def test_story_page_has_axis_entries_sources_with_time_expression_marked(client, ids):
    html = client.get(f"/stories/{ids['story']}").text
    assert 'class="axis"' in html and "entry-link" in html
    assert '<span class="timex">March 3</span>' in html or '<span class="timex">Friday</span>' in html
    data = client.get(f"/api/stories/{ids['story']}").json()
    assert {e["dating"] for e in data["entries"]} >= {"stated", "inferred"}
    assert all(e["sources"] for e in data["entries"])
    assert data["speakers"] and data["speakers"][0]["items"]
    assert {a["id"] for a in data["articles"]} >= {ids["article"]}


def test_compare_page_has_framing_conflicts_and_coverage(client, ids):
    data = client.get(f"/api/stories/{ids['story']}/compare").json()
    assert data["framing"] and data["conflicts"]
    first = data["conflicts"][0]
    assert first["a_value"] != first["b_value"]
    assert data["matrix"] and len(data["matrix"][0]["cells"]) == len(data["matrix_outlets"])
    assert any(not all(row["cells"]) for row in data["matrix"])  # someone left something out


def test_article_page_shows_marks_and_what_was_set_aside(client, web_store):
    db = sqlite3.connect(web_store)
    aid = db.execute("SELECT id FROM articles WHERE source LIKE '%01_northern-ledger.txt'").fetchone()[0]
    db.close()
    html = client.get(f"/articles/{aid}").text
    assert '<span class="quote">' in html and '<span class="timex">' in html
    assert "Rejected dates (1)" in html and "photo caption" in html
    assert "Removed lines (" in html and "Home | World | Politics" in html
    assert "evidence: <q>Published 3 March 2023, 19:40</q>" in html


def test_speaker_page_lists_quotes_across_stories(client, ids):
    data = client.get(f"/api/speakers/{ids['speaker']}").json()
    assert data["speaker"]["name"] and data["paging"]["total"] == len(data["quotes"]) > 1
    assert all(q["text"] for q in data["quotes"])


def test_search_finds_text_and_quotes_with_marked_snippets(client):
    data = client.get("/api/search", params={"q": "evacuation"}).json()
    assert data["articles"] and "\x02" in data["articles"][0]["snippet"]
    html = client.get("/search", params={"q": "evacuation"}).text
    assert "<mark>" in html.lower()
    quotes = client.get("/api/search", params={"q": "diplomacy chance"}).json()["quotes"]
    assert quotes and quotes[0]["speaker"]
    for odd in ['"', "AND (", "NEAR(", "*", ""]:
        assert client.get("/search", params={"q": odd}).status_code == 200


def test_fts_query_quotes_every_word():
    assert fts_query('truce" OR (evil*') == '"truce" "OR" "evil"'
    assert fts_query("   ") == ""


def test_unknown_ids_are_404_pages_and_json(client):
    assert client.get("/stories/no-such").status_code == 404
    missing = client.get("/api/articles/no-such")
    assert missing.status_code == 404 and "no article" in missing.json()["error"]


def test_connection_is_read_only(web_store):
    db = connect(web_store)
    with pytest.raises(sqlite3.OperationalError):
        db.execute("DELETE FROM articles")
    db.close()


def test_serve_binds_to_this_machine_by_default():
    import typer

    from dateline.cli import app

    command = typer.main.get_command(app).commands["serve"]
    defaults = {p.name: p.default for p in command.params}
    assert defaults["host"] == "127.0.0.1" and defaults["port"] == 8000


def test_serve_without_a_database_is_one_line(tmp_path):
    from typer.testing import CliRunner

    from dateline.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no such database" in result.output


def test_marked_text_escapes_and_wraps_overlapping_spans():
    from dateline.web.render import marked, snippet

    html = str(marked("<b>said on Monday</b>", [(3, 17, "quote"), (11, 17, "timex")]))
    assert html == '&lt;b&gt;<span class="quote">said on </span><span class="quote timex">Monday</span>&lt;/b&gt;'
    assert str(snippet("<i>\x02truce\x03</i>")) == "&lt;i&gt;<mark>truce</mark>&lt;/i&gt;"


def test_axis_keeps_old_background_facts_in_an_earlier_column():
    from dateline.web.render import timeline_axis

    def mark(entry, day, background=False):
        return {"entry": entry, "date": day, "kind": "strike", "dating": "stated", "background": background, "outlets": 1}

    svg = str(timeline_axis([mark("old", "1991-01-17", True), mark("a", "2010-05-01"), mark("b", "2010-09-01")],
                            lambda e: f"#entry-{e}"))
    assert "earlier" in svg and "May 2010" in svg and "1991" not in svg.split("<title>")[0]
    xs = [float(x) for x in re.findall(r'cx="([\d.]+)"', svg)]
    assert xs[0] < xs[1] < xs[2] and xs[2] - xs[1] > 500  # the story's own months fill the axis


def test_axis_puts_a_far_outlier_aside_and_counts_what_a_full_stack_leaves_out():
    from dateline.web.render import AXIS_MAX_ROWS, timeline_axis

    marks = [{"entry": f"e{i}", "date": f"2011-06-{10 + i % 5:02d}", "kind": "strike", "dating": "stated",
              "background": False, "outlets": 1} for i in range(60)]
    marks.append({**marks[0], "entry": "late", "date": "2012-05-03"})
    svg = str(timeline_axis(marks, lambda e: f"#entry-{e}"))
    assert "later" in svg and "Jun" in svg and "2012" not in svg.split("<title>")[0]
    assert f'>+{12 - AXIS_MAX_ROWS}</text>' in svg  # 12 marks a day, the stack shows AXIS_MAX_ROWS
