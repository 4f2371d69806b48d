"""The interface in a real headless Chromium: browse, click a timeline entry, search, open the report.

Needs the `playwright` Python package and a system Chromium (Debian's `chromium`; no browser
is ever downloaded). Either missing, the tests skip and say which. Screenshots of the main
pages go to a temporary folder, or to $DATELINE_SCREENSHOTS when set.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
uvicorn = pytest.importorskip("uvicorn", reason="uvicorn (the web extra) is not installed")

from dateline.report import write_report  # noqa: E402
from dateline.web import create_app  # noqa: E402

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
# Quiet, offline, headless: nothing phones home, no sandbox when run as root (CI containers).
CHROMIUM_FLAGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-first-run", "--disable-gpu", "--disable-quic"]


def chromium_path() -> str | None:
    """A system Chromium: $DATELINE_CHROMIUM, else the first on PATH."""
    configured = os.environ.get("DATELINE_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip("no system Chromium found (apt-get install chromium, or set DATELINE_CHROMIUM)")
    flags = CHROMIUM_FLAGS + (["--no-sandbox"] if os.geteuid() == 0 else [])
    with playwright_api.sync_playwright() as play:
        try:
            chrome = play.chromium.launch(executable_path=path, args=flags)
        except playwright_api.Error as exc:
            pytest.skip(f"Chromium at {path} would not start: {str(exc).splitlines()[0]}")
        yield chrome
        chrome.close()


@pytest.fixture(scope="module")
def server(web_store) -> Iterator[str]:
    """The app served on a free local port in a thread, for the module's tests."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(web_store), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    while not running.started and thread.is_alive():
        threading.Event().wait(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("DATELINE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture()
def page(browser):
    """A fresh page that records any dialog a script opens and any script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.dialogs, tab.errors = [], []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()


def assert_nothing_ran(tab) -> None:
    """The hostile article's scripts and handlers did nothing."""
    assert tab.evaluate("window.__pwned === undefined")
    assert tab.dialogs == []
    assert tab.locator("a[href^='javascript:'], iframe, img").count() == 0


def test_stories_list_then_story_then_a_timeline_entry(page, server, shots):
    page.goto(server + "/")
    assert page.locator("table.stories tbody tr").count() >= 2
    page.screenshot(path=shots / "stories.png", full_page=True)
    page.locator("a.story-title").first.click()
    page.wait_for_selector("svg.axis")
    assert page.locator("details.entry").count() > 5
    page.screenshot(path=shots / "story.png")
    entry = page.locator("details.entry.stated").first
    assert entry.get_attribute("open") is None
    entry_id = entry.get_attribute("id").removeprefix("entry-")
    page.locator(f"svg.axis a[data-entry='{entry_id}'] circle").click()
    assert entry.get_attribute("open") is not None  # the mark opened its entry
    sources = entry.locator("ul.sources li")
    assert sources.count() >= 1 and sources.first.is_visible()
    assert entry.locator("span.timex").count() >= 1  # the time expression that dated it
    entry.scroll_into_view_if_needed()
    page.screenshot(path=shots / "story-entry.png")
    assert_nothing_ran(page)


def test_clicking_an_entry_summary_shows_its_outlets_sentences(page, server):
    page.goto(server + "/")
    page.locator("a.story-title").first.click()
    entry = page.locator("details.entry").nth(2)
    entry.locator("summary").click()
    first = entry.locator("ul.sources li").first
    assert first.is_visible() and first.locator(".badge").inner_text()


def test_compare_article_and_speaker_pages(page, server, shots):
    page.goto(server + "/")
    page.locator("a", has_text="compare outlets").first.click()
    page.wait_for_selector("table.matrix")
    assert page.locator("table.matrix td.no").count() > 0
    page.screenshot(path=shots / "compare.png", full_page=True)
    page.go_back()
    page.locator("a.story-title").first.click()
    page.locator("section.speakers h3 a").first.click()
    assert page.locator("ol.quotes blockquote").count() >= 1
    page.go_back()
    page.locator("ul.article-list a").first.click()
    page.locator("summary", has_text="Rejected dates").click()
    assert page.locator("details.extra[open] li").first.is_visible()
    page.screenshot(path=shots / "article.png", full_page=True)


def test_search_from_the_header(page, server, shots):
    page.goto(server + "/")
    page.fill("form.search input[name=q]", "evacuation")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_selector("ol.hits")
    assert page.locator("ol.hits mark").count() >= 1
    page.screenshot(path=shots / "search.png")


def test_hostile_article_is_inert_in_the_browser(page, server, web_store):
    import sqlite3

    db = sqlite3.connect(web_store)
    article, story = db.execute("SELECT id, story FROM articles WHERE outlet LIKE 'Evil%'").fetchone()
    db.close()
    for path in (f"/articles/{article}", f"/stories/{story}", f"/stories/{story}/compare", "/search?q=pwned"):
        page.goto(server + path)
        for details in page.locator("details").all():
            details.evaluate("d => d.open = true")
        page.mouse.move(200, 300)
        assert_nothing_ran(page)
        assert page.errors == []
    page.goto(server + f"/articles/{article}")
    assert "<script>window.__pwned=1</script>" in page.locator("article.body").inner_text()


def test_the_report_file_opens_offline_and_is_inert(page, web_store, tmp_path, shots):
    report = write_report(web_store, tmp_path / "report.html")
    page.goto(report.as_uri())
    assert page.locator("section.report-story").count() >= 1
    assert page.locator("details.entry[open] ul.sources li").first.is_visible()
    page.screenshot(path=shots / "report.png")
    assert_nothing_ran(page)


def test_a_missing_browser_is_reported_not_guessed(monkeypatch, tmp_path):
    monkeypatch.setenv("DATELINE_CHROMIUM", str(tmp_path / "no-chromium"))
    assert chromium_path() is None
