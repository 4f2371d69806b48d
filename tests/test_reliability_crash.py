"""Crash safety and concurrent use: kill -9 and Ctrl-C mid-build, two builds at once, a reader during a build.

The builds run as real processes on generated articles; the test waits (with a generous
deadline, never a timing assertion) until the database holds a given number of articles
and then stops the build.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import dateline
from dateline.model import Article
from dateline.store import Store, writer_lock
from dateline.web.queries import connect

SRC = Path(dateline.__file__).resolve().parents[1]
DEADLINE_S = 600  # only against a hung build; no assertion is about time
TOWNS = ("Arlen", "Brisk", "Colder", "Dunmore", "Elsby", "Farrow", "Glent", "Hollis")


def write_articles(folder: Path, count: int) -> list[Path]:
    """Short, distinct articles (two sentences each) spread over a few folders with repeated names."""
    paths = []
    for i in range(count):
        town = TOWNS[i % len(TOWNS)]
        path = folder / f"day-{i % 5}" / f"{i // 5}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"{town} council approves plan {i}\n\n"
            f"The council of {town} said on Monday that it approved plan number {i} for the harbour. "
            f"Mayor Lena Vos said the work on pier {i} would start in May.\n"
        )
        paths.append(path)
    return paths


def start_build(inputs: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.Popen(
        [sys.executable, "-m", "dateline.cli", "build", str(inputs), "--db", str(db)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def stored(db: Path) -> int:
    """Articles committed so far (0 while the database is not yet created)."""
    if not db.exists():
        return 0
    try:
        with Store(db, readonly=True) as store:
            return len(store.article_ids())
    except Exception:  # created but not yet migrated
        return 0


def wait_until(process: subprocess.Popen, db: Path, at_least: int) -> int:
    """Poll until the database holds `at_least` articles (or the build ended); the count seen."""
    deadline = time.monotonic() + DEADLINE_S
    while (count := stored(db)) < at_least and process.poll() is None:
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the build made no progress: {process.communicate()[1][-2000:]}")
        time.sleep(0.2)
    return count


def children(pid: int) -> list[int]:
    """The processes a build forked (its workers), where Linux lists them."""
    listing = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in listing.read_text().split()] if listing.exists() else []


def assert_gone(pids: list[int]) -> None:
    """Wait until none of these processes is left (they must end with their parent)."""
    deadline = time.monotonic() + 60
    while any(Path(f"/proc/{pid}").exists() and "dateline" in Path(f"/proc/{pid}/cmdline").read_text() for pid in pids):
        if time.monotonic() > deadline:
            for pid in pids:
                os.kill(pid, signal.SIGKILL)
            pytest.fail(f"workers {pids} outlived their killed build")
        time.sleep(0.2)


def check_database(db: Path, sources: set[str]) -> set[str]:
    """The database opens cleanly; no article is stored twice; every article is one of the inputs."""
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    rows = con.execute("SELECT source FROM articles").fetchall()
    con.close()
    found = {source for (source,) in rows}
    assert len(found) == len(rows) and found <= sources
    return found


def test_interrupted_and_killed_builds_resume_without_loss_or_duplicates(tmp_path):
    sources = {str(p) for p in write_articles(tmp_path / "in", 200)}
    db = tmp_path / "crash.db"

    build = start_build(tmp_path / "in", db)
    wait_until(build, db, 1)
    build.send_signal(signal.SIGINT)  # Ctrl-C: the current batch is committed, then the build stops
    _, err = build.communicate(timeout=DEADLINE_S)
    assert build.returncode == 130, err
    message = [line for line in err.splitlines() if "interrupted" in line]
    kept = check_database(db, sources)
    assert message == [f"dateline: interrupted: {len(kept)} new articles are stored; run the same command again to go on"]
    assert 0 < len(kept) < 200

    for at_least in (len(kept) + 40, 200):  # mid-build, then during the final linking
        build = start_build(tmp_path / "in", db)
        wait_until(build, db, at_least)
        workers = children(build.pid)
        build.kill()
        build.wait(timeout=DEADLINE_S)
        assert_gone(workers)  # no orphaned worker keeps running (or holding the database)
        now = check_database(db, sources)
        assert kept <= now  # committed batches are kept
        kept = now

    build = start_build(tmp_path / "in", db)
    out, err = build.communicate(timeout=DEADLINE_S)
    assert build.returncode == 0, err
    assert check_database(db, sources) == sources
    with Store(db, readonly=True) as store:
        assert len(store.articles()) == 200 and sum(len(s.articles) for s in store.stories()) == 200


def added(output: str) -> int:
    return int(re.search(r"articles added\D+(\d+)", output).group(1))


def test_two_builds_at_once_serialise_and_store_each_article_once(tmp_path):
    sources = {str(p) for p in write_articles(tmp_path / "in", 40)}
    db = tmp_path / "two.db"
    first, second = start_build(tmp_path / "in", db), start_build(tmp_path / "in", db)
    results = [p.communicate(timeout=DEADLINE_S) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], results
    assert sorted(added(out) for out, _ in results) == [0, 40]
    assert check_database(db, sources) == sources


def test_a_second_build_waits_for_the_lock_and_says_so(tmp_path):
    write_articles(tmp_path / "in", 3)
    db = tmp_path / "locked.db"
    with writer_lock(db):
        build = start_build(tmp_path / "in", db)
        waiting = build.stderr.readline()
        assert "another build" in waiting and "waiting for it to finish" in waiting
        assert stored(db) == 0
    out, err = build.communicate(timeout=DEADLINE_S)
    assert build.returncode == 0, err and added(out) == 3


def test_a_reader_keeps_answering_while_a_build_writes(tmp_path):
    db = tmp_path / "read.db"
    with Store(db) as writer:
        writer.save_articles([Article(id="a1", source="one.txt", body="The bridge reopened on Monday.")])
        with writer.transaction():
            writer._write_article(Article(id="a2", source="two.txt", body="The bridge closed on Friday."))
            with Store(db, readonly=True) as reader:
                assert reader.article_ids() == {"a1"}  # a consistent view, no 'database is locked'
            served = connect(db)  # what `dateline serve` reads through
            assert served.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
            served.close()
        with Store(db, readonly=True) as reader:
            assert reader.article_ids() == {"a1", "a2"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_export_reads_a_database_in_a_read_only_folder(tmp_path):
    db = tmp_path / "ro" / "d.db"
    db.parent.mkdir()
    with Store(db) as store:
        store.save_articles([Article(id="a1", source="one.txt", body="The bridge reopened on Monday.")])
    db.parent.chmod(0o555)
    try:
        with Store(db, readonly=True) as store:
            assert store.article_ids() == {"a1"}
    finally:
        db.parent.chmod(0o755)
