"""Time every page of the web interface (HTML and JSON) on a big store.

Usage:
    .venv/bin/python benchmarks/bench_web.py --db /path/to/t17.db [--runs 5]
    .venv/bin/python benchmarks/bench_web.py --db big.db --grow-from small.db --copies 13

`--grow-from` first writes `--db` as `--copies` copies of a smaller built store (new ids;
the copies of its largest story merged into one story, the worst case for a story page),
for when no full-size build is at hand. Timings on such a store say so in their header.

Picks the heaviest cases the store holds (the largest story, the story with the longest
timeline, the most quoted speaker, the longest article, common search words, the last page of
the stories list, an outlet filter) and times each request in process through FastAPI's test
client (routing, queries, templates; no network). Prints the median and the slowest of the
runs per page, and whether the slowest is under the 1 s budget.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from pathlib import Path

from fastapi.testclient import TestClient

from dateline.model import Story, TimelineEntry
from dateline.store import Store
from dateline.web import create_app

BUDGET_S = 1.0


def heavy_cases(db_path: Path) -> list[tuple[str, str]]:
    """(label, path) for the heaviest page of each kind in this store."""
    db = sqlite3.connect(db_path)
    one = lambda sql: db.execute(sql).fetchone()  # noqa: E731 (a local shorthand)
    largest = one("SELECT story FROM story_details ORDER BY articles DESC LIMIT 1")[0]
    longest = one("SELECT story FROM story_details ORDER BY entries DESC LIMIT 1")[0]
    speaker = one("SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id ORDER BY COUNT(*) DESC LIMIT 1")[0]
    article = one("SELECT article FROM article_details ORDER BY words DESC LIMIT 1")[0]
    outlet = one("SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY COUNT(*) DESC LIMIT 1")[0]
    stories = one("SELECT COUNT(*) FROM stories")[0]
    articles = one("SELECT COUNT(*) FROM articles")[0]
    db.close()
    print(f"store: {db_path} ({articles} articles, {stories} stories)")
    return [
        ("stories list", "/"),
        ("stories list, last page", f"/?page={max(1, -(-stories // 25))}"),
        ("stories list, outlet + dates", f"/?outlet={outlet}&start=2000-01-01&end=2030-12-31"),
        ("largest story", f"/stories/{largest}"),
        ("largest story, articles p.2", f"/stories/{largest}?articles_page=2"),
        ("longest timeline", f"/stories/{longest}"),
        ("longest timeline, page 2", f"/stories/{longest}?page=2"),
        ("compare, largest story", f"/stories/{largest}/compare"),
        ("compare, longest timeline", f"/stories/{longest}/compare"),
        ("most quoted speaker", f"/speakers/{speaker}"),
        ("longest article", f"/articles/{article}"),
        ("search 'said'", "/search?q=said"),
        ("search 'the government'", "/search?q=the+government"),
        ("search page 10", "/search?q=said&page=10"),
    ]


def grow(small: Path, big: Path, copies: int) -> None:
    """Write `big` as copies of the articles, stories and speakers of `small`."""
    with Store(small) as store:
        articles, stories, speakers = store.articles(), store.stories(), store.speakers()
    largest = stories[0].id
    with Store(big) as store:
        for k in range(copies):
            for article in articles:
                article.id, article.source = f"{article.id.split('~')[0]}~{k}", f"{article.source.split('#~')[0]}#~{k}"
                if article.story and article.story.split("~")[0] != largest:
                    article.story = f"{article.story.split('~')[0]}~{k}"
                if article.duplicate_of:
                    article.duplicate_of = f"{article.duplicate_of.split('~')[0]}~{k}"
            store.save_articles(articles)
        store.replace_stories([copy for story in stories for copy in story_copies(story, copies, story.id == largest)])
        store.replace_speakers(speakers)


def story_copies(story: Story, copies: int, merged: bool) -> list[Story]:
    """The story once per copy, or once with every copy's articles, entries and figures."""
    def entry(e: TimelineEntry, k: int) -> TimelineEntry:
        sources = [type(s)(f"{s.article}~{k}", s.outlet, s.sentence) for s in e.sources]
        return TimelineEntry(f"{e.id}~{k}", e.date, e.precision, e.kind, e.summary, sources, e.end, e.time, e.actors,
                             e.place, e.background)

    def one(k: int, ident: str) -> Story:
        claims = [type(c)(**{**c.__dict__, "article": f"{c.article}~{k}"}) for c in story.claims]
        return Story(ident, story.title, [f"{a}~{k}" for a in story.articles], story.outlets, story.summary,
                     [entry(e, k) for e in story.timeline], claims, story.framing)
    parts = [one(k, f"{story.id}~{k}") for k in range(copies)]
    if not merged:
        return parts
    whole = Story(story.id, story.title, [a for p in parts for a in p.articles], story.outlets, story.summary,
                  sorted((e for p in parts for e in p.timeline), key=lambda e: (e.date is None, e.date or "")),
                  [], story.framing)
    for p in parts:  # figures keep their conflicts, shifted by the claims before them
        shift = len(whole.claims)
        whole.claims += [type(c)(**{**c.__dict__, "conflicts_with": [i + shift for i in c.conflicts_with]}) for c in p.claims]
    return [whole]


def time_page(client: TestClient, path: str, runs: int) -> list[float]:
    """Seconds per request over `runs` requests (after one warm-up)."""
    assert client.get(path).status_code == 200, path
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        seconds.append(time.perf_counter() - start)
        assert response.status_code == 200, path
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--grow-from", type=Path, help="write --db as copies of this smaller store first")
    parser.add_argument("--copies", type=int, default=13)
    args = parser.parse_args()
    if args.grow_from:
        if args.db.exists():
            parser.error(f"{args.db} exists; --grow-from writes a new store")
        grow(args.grow_from, args.db, args.copies)
        print(f"grown from {args.grow_from} x {args.copies} (largest story merged)")
    Store(args.db).close()  # migrate an older file first, as `dateline serve` does
    client = TestClient(create_app(args.db))
    cases = heavy_cases(args.db)
    print(f"{'page':32} {'kind':5} {'median ms':>10} {'max ms':>8} {'KB':>6}  under {BUDGET_S:.0f} s")
    slowest = 0.0
    for label, path in cases:
        for kind, url in (("html", path), ("json", "/api" + path)):
            seconds = time_page(client, url, args.runs)
            size = len(client.get(url).content) / 1024
            slowest = max(slowest, max(seconds))
            print(f"{label:32} {kind:5} {statistics.median(seconds) * 1000:10.1f} {max(seconds) * 1000:8.1f} "
                  f"{size:6.0f}  {'yes' if max(seconds) < BUDGET_S else 'NO'}")
    print(f"slowest request: {slowest * 1000:.0f} ms")


if __name__ == "__main__":
    main()
