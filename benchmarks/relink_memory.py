"""Relink a copy of a built store and print each stage's time and the process memory after it.

    .venv/bin/python benchmarks/relink_memory.py STORE [--fresh] [--trace] [--out COPY]

The store is copied first (the original is never written). `--fresh` forgets every story,
duplicate mark and told-with digest in the copy, so the relink is the one a first build does;
`--trace` also prints tracemalloc's top allocation sites after the heavier stages (slower);
`--out` keeps the relinked copy there, to compare the rows two versions of the code give.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import tempfile
import time
import tracemalloc
from pathlib import Path

import psutil

from dateline import relink as link
from dateline.store import Store

HEAVY_STAGES = ("duplicates", "stories")
# Stages run once over the corpus; events, tell and article writes run story by story and are
# reported as totals at the end.
CORPUS_STAGES = ("duplicates", "stories", "speakers", "write stories", "write speakers")


def forget_links(db: Path) -> None:
    """Drop what relink computes, so that it runs as on a first build."""
    with sqlite3.connect(db) as con:
        for article_id, data in con.execute("SELECT id, data FROM articles").fetchall():
            record = json.loads(data)
            record["story"] = record["duplicate_of"] = None
            con.execute("UPDATE articles SET data = ?, story = NULL, duplicate_of = NULL WHERE id = ?",
                        (json.dumps(record), article_id))
        con.execute("DELETE FROM settings")


def peak_mib() -> float:
    """This process's peak resident memory so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--fresh", action="store_true", help="relink as a first build does")
    parser.add_argument("--trace", action="store_true", help="tracemalloc's top sites after heavy stages")
    parser.add_argument("--out", type=Path, help="keep the relinked copy at this path")
    args = parser.parse_args()
    process = psutil.Process()
    if args.trace:
        tracemalloc.start(1)
    original = link.Stages.run

    def timed(self, name, step, kept):
        started = time.perf_counter()
        ok = original(self, name, step, kept)
        if name not in CORPUS_STAGES:
            return ok
        rss = process.memory_info().rss / 2**20
        print(f"{name:16s} {time.perf_counter() - started:7.1f} s   rss {rss:6.0f} MiB   peak {peak_mib():6.0f} MiB", flush=True)
        if args.trace and name in HEAVY_STAGES:
            for stat in tracemalloc.take_snapshot().statistics("lineno")[:5]:
                print("      ", stat)
        return ok

    link.Stages.run = timed
    with tempfile.TemporaryDirectory() as scratch:
        copy = args.out or Path(scratch) / args.store.name
        with sqlite3.connect(args.store) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        if args.fresh:
            forget_links(copy)
        print(f"before relink: rss {process.memory_info().rss / 2**20:.0f} MiB")
        with Store(copy) as store:
            report = link.relink(store, print)
    totals = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.seconds.items() if name not in CORPUS_STAGES)
    print(f"{totals}; {report.articles} articles, {report.stories} stories; "
          f"peak {peak_mib():.0f} MiB")


if __name__ == "__main__":
    main()
