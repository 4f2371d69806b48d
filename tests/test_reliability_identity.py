"""Identity through a build: same names in other folders, same URLs, changed files; nothing merged silently."""

from __future__ import annotations

import json

from dateline.export import export_data
from dateline.pipeline import build
from dateline.store import Store


def story(town: str, extra: str = "") -> str:
    return (
        f"Flood Barrier Opens in {town}\n\n"
        f"The city council of {town} said on Monday that the new flood barrier on the river was finished. "
        f"Engineer Marta Holm said the barrier would protect four thousand homes. {extra}\n"
    )


def sources(db) -> list[str]:
    with Store(db, readonly=True) as store:
        return sorted(a.source for a in store.articles())


def test_same_file_name_in_two_folders_is_two_articles(tmp_path):
    for day, town in (("2011-01-01", "Arnhem"), ("2011-01-02", "Breda")):
        (tmp_path / "in" / day).mkdir(parents=True)
        (tmp_path / "in" / day / "1.htm.txt").write_text(story(town))
    report = build([tmp_path / "in"], tmp_path / "d.db")
    assert report.added == 2 and report.articles == 2
    assert sources(tmp_path / "d.db") == [str(tmp_path / "in" / d / "1.htm.txt") for d in ("2011-01-01", "2011-01-02")]
    again = build([tmp_path / "in"], tmp_path / "d.db")
    assert (again.added, again.skipped, again.articles) == (0, 2, 2)


def test_a_changed_file_replaces_its_stored_version_and_says_so(tmp_path):
    path = tmp_path / "in" / "barrier.txt"
    path.parent.mkdir()
    path.write_text(story("Arnhem"))
    build([path.parent], tmp_path / "d.db")
    path.write_text(story("Arnhem", "The work cost twelve million euros."))
    said: list[str] = []
    report = build([path.parent], tmp_path / "d.db", warn=said.append)
    assert (report.added, report.replaced, report.articles, report.problems) == (1, 1, 1, 0)
    assert said == [f"{path}: changed since it was stored; the new version replaces the stored one"]
    with Store(tmp_path / "d.db", readonly=True) as store:
        (article,) = store.articles()
    assert "twelve million" in article.body


def test_records_with_one_url_but_other_content_are_both_kept(tmp_path):
    feed = tmp_path / "feed.jsonl"
    rows = [{"url": "https://news.example/barrier", "text": story(t)} for t in ("Arnhem", "Breda")]
    rows.append(rows[0])  # the very same record twice: one article
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows))
    report = build([feed], tmp_path / "d.db")
    assert (report.added, report.skipped) == (2, 1)
    assert sources(tmp_path / "d.db") == [f"{feed}#1", f"{feed}#2"]


def test_a_page_without_a_body_is_one_warning_not_a_crash(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.html").write_text("<html><head><title>Nothing here at all today</title></head></html>")
    said: list[str] = []
    report = build([tmp_path / "in"], tmp_path / "d.db", warn=said.append)
    assert report.articles == 0 and report.problems == 1
    assert said == [f"{tmp_path / 'in' / 'empty.html'}: no article text found (a page without a body?); skipped"]


def test_stories_form_even_when_no_article_has_a_content_word():
    from dateline.link.stories import cluster_stories
    from dateline.model import Article

    articles = [Article(id=f"a{i}", source=f"{i}.txt", body="12 34 56, 78 90 at 10:30.") for i in range(2)]
    assignment = cluster_stories(articles, {})
    assert set(assignment) == {"a0", "a1"}


def test_skipped_inputs_are_in_the_export_until_the_input_is_fixed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(story("Arnhem"))
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    build([folder], tmp_path / "d.db")
    with Store(tmp_path / "d.db", readonly=True) as store:
        assert export_data(store)["warnings"] == [f"{folder / 'bad.txt'}: binary file, not text"]
    (folder / "bad.txt").write_text(story("Breda"))
    build([folder], tmp_path / "d.db")
    with Store(tmp_path / "d.db", readonly=True) as store:
        data = export_data(store)
    assert data["warnings"] == [] and len(data["articles"]) == 2
