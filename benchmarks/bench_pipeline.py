"""Speed and memory of `dateline build` beside bare spaCy, and how linking grows: `make bench`.

Usage: .venv/bin/python benchmarks/bench_pipeline.py [--articles N] [--workers 2] [--sizes 1000,5000]

1. Throughput: `dateline build` (a subprocess, end to end, `--workers` processes) over the first
   N Timeline17 articles (one per topic in turn), and spaCy's full small English pipeline alone
   (`nlp.pipe(..., n_process=workers)`) over the same cleaned bodies, read back from that build.
   Each is run `--repeats` times, alternating, and the best is kept: other work on the machine
   slows both alike. Peak memory is the largest sum of proportional set sizes (PSS: pages the
   forked workers share with their parent counted once) over the process tree.
2. Growth: stores of each size in `--sizes`, filled with the built articles and perturbed copies
   of them (same-length letter shifts of a third of the words, years moved on by 4 per copy, so
   copies are neither duplicates nor the same story), then relinked from scratch, then 50 new
   articles are added and relinked again (the incremental case). Each size runs in its own
   process so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
T17 = REPO.parent / "shared" / "data" / "timeline17"
INCREMENT = 50  # articles added to a built store in the incremental case
TEXT_KEYS = {"body", "title", "text", "speaker", "name", "trigger", "place", "actors", "evidence", "byline",
             "removed", "aliases", "what", "attributed_to", "action"}
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)(?=-\d\d)")
WORD = re.compile(r"[A-Za-z]{3,}")


def t17_inputs(dest: Path, count: int) -> list[Path]:
    """The first `count` T17 articles, one topic after another in turn, copied flat into `dest`."""
    topics = sorted(p for p in T17.iterdir() if (p / "InputDocs").is_dir())
    files = [sorted((t / "InputDocs").rglob("*.txt")) for t in topics]
    dest.mkdir(parents=True, exist_ok=True)
    chosen: list[Path] = []
    for i in range(max(map(len, files))):
        for topic, items in zip(topics, files, strict=True):
            if i < len(items) and len(chosen) < count:
                target = dest / f"{topic.name}--{items[i].parent.name}--{items[i].name}"
                shutil.copyfile(items[i], target)
                chosen.append(target)
    return chosen


def peak_tree_rss(process: subprocess.Popen) -> list[int]:
    """Sample the memory (PSS) of a process and its children until it ends; [peak bytes]."""
    import psutil

    peak = [0]

    def sample() -> None:
        root = psutil.Process(process.pid)
        while process.poll() is None:
            try:
                tree = [root, *root.children(recursive=True)]
                peak[0] = max(peak[0], sum(p.memory_full_info().pss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.25)

    threading.Thread(target=sample, daemon=True).start()
    return peak


def run_measured(command: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak tree RSS and stdout of a command."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    peak = peak_tree_rss(process)
    out, _ = process.communicate()
    if process.returncode not in (0, 3):
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}")
    return time.perf_counter() - started, peak[0], out


def time_build(inputs: Path, db: Path, workers: int) -> tuple[float, int]:
    """Seconds and peak memory of one fresh `dateline build`."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    command = [sys.executable, "-m", "dateline.cli", "build", str(inputs), "--db", str(db), "--workers", str(workers)]
    seconds, peak, _ = run_measured(command)
    return seconds, peak


SPACY_ALONE = """
import json, sys, time, sqlite3
from dateline.analyse.nlp import resolve_model
import spacy
bodies = [json.loads(d)["body"] for (d,) in sqlite3.connect(sys.argv[1]).execute("SELECT data FROM articles")]
nlp = spacy.load(resolve_model(None))
started = time.perf_counter()
for _ in nlp.pipe(bodies, n_process=int(sys.argv[2]), batch_size=32):
    pass
print(time.perf_counter() - started, len(bodies))
"""


def time_spacy(db: Path, workers: int) -> tuple[float, int, int]:
    """Seconds (parsing only), peak memory and body count of bare spaCy over the stored bodies."""
    _, peak, out = run_measured([sys.executable, "-c", SPACY_ALONE, str(db), str(workers)])
    seconds, count = out.split()
    return float(seconds), peak, int(count)


def shifted_word(match: re.Match, copy: int) -> str:
    """A third of the words (chosen by their spelling) with each letter moved `copy` places on."""
    word = match.group()
    if zlib.crc32(word.lower().encode()) % 3:
        return word
    return "".join(chr((ord(c) - base + copy) % 26 + base) for c in word for base in [65 if c.isupper() else 97])


def perturb(value, copy: int, key: str = ""):
    """A stored record with its text words shifted and its years moved on (offsets unchanged)."""
    if isinstance(value, dict):
        return {k: perturb(v, copy, k) for k, v in value.items()}
    if isinstance(value, list):
        return [perturb(v, copy, key) for v in value]
    if isinstance(value, str):
        value = YEAR.sub(lambda m: str(int(m.group()) + 4 * copy), value)
        return WORD.sub(lambda m: shifted_word(m, copy), value) if key in TEXT_KEYS else value
    return value


def copy_record(record: dict, copy: int) -> dict:
    """Copy number `copy` of an article record, as a new unlinked article (copy 0: the original)."""
    new = perturb(record, copy) if copy else json.loads(json.dumps(record))
    new["id"] = hashlib.sha1(f"{record['id']}#{copy}".encode()).hexdigest()[:16]
    new["source"] = f"{record['source']}#copy{copy}"
    new["story"] = new["duplicate_of"] = None
    for quote in new["quotes"]:
        quote["speaker_id"] = None
    return new


def grow(db: Path, base: list[dict], size: int) -> None:
    """Fill a fresh store with `size` articles: the base records, then perturbed copies."""
    from dateline.model import Article, from_dict
    from dateline.store import Store

    with Store(db) as store:
        batch = []
        for n in range(size):
            batch.append(from_dict(copy_record(base[n % len(base)], n // len(base)), Article))
            if len(batch) == 500 or n == size - 1:
                store.save_articles(batch)
                batch = []


def one_size(source_db: Path, size: int, scratch: Path) -> dict:
    """Build a store of `size` articles, relink it, add INCREMENT articles and relink again."""
    from dateline.model import Article, from_dict
    from dateline.relink import relink
    from dateline.store import Store

    base = [json.loads(d) for (d,) in sqlite3.connect(source_db).execute("SELECT data FROM articles ORDER BY seq")]
    db = scratch / f"grow-{size}.db"
    grow(db, base, size)
    with Store(db) as store:
        started = time.perf_counter()
        full = relink(store)
        full_s = time.perf_counter() - started
        extra = [from_dict(copy_record(base[n % len(base)], 1000 + n // len(base)), Article) for n in range(INCREMENT)]
        store.save_articles(extra)
        started = time.perf_counter()
        more = relink(store)
        more_s = time.perf_counter() - started
    return {"size": size, "link_s": full_s, "stages": full.seconds, "stories": full.stories,
            "incremental_s": more_s, "told": more.stories_told, "written": more.articles_written}


def growth_curve(source_db: Path, sizes: list[int], scratch: Path) -> None:
    """Print link time per article, the incremental relink and peak memory for each size."""
    print(f"\n{'articles':>9}{'link s':>9}{'ms/article':>11}{'+50 s':>8}{'told':>6}{'written':>8}{'peak MiB':>10}  slowest stages")
    for size in sizes:
        command = [sys.executable, __file__, "--one-size", str(size), "--source", str(source_db), "--scratch", str(scratch)]
        _, peak, out = run_measured(command)
        row = json.loads(out.strip().splitlines()[-1])
        stages = sorted(row["stages"].items(), key=lambda item: -item[1])[:3]
        slowest = ", ".join(f"{name} {seconds:.1f}" for name, seconds in stages)
        print(f"{size:>9}{row['link_s']:>9.1f}{1000 * row['link_s'] / size:>11.1f}{row['incremental_s']:>8.1f}"
              f"{row['told']:>6}{row['written']:>8}{peak / 2**20:>10.0f}  {slowest}", flush=True)
        (scratch / f"grow-{size}.db").unlink(missing_ok=True)


def throughput(scratch: Path, count: int, workers: int, repeats: int) -> Path:
    """Print articles per second of the build and of bare spaCy, side by side; the built store."""
    inputs = scratch / "inputs"
    t17_inputs(inputs, count)
    db = scratch / "bench.db"
    builds, spacys = [], []
    for _ in range(repeats):
        builds.append(time_build(inputs, db, workers))
        spacys.append(time_spacy(db, workers))
    (build_s, build_peak), (spacy_s, spacy_peak, bodies) = min(builds), min(spacys)
    print(f"{'':<34}{'articles':>9}{'seconds':>9}{'articles/s':>11}{'peak MiB':>10}")
    print(f"{'dateline build (end to end)':<34}{count:>9}{build_s:>9.1f}{count / build_s:>11.2f}{build_peak / 2**20:>10.0f}")
    print(f"{'bare spaCy, full pipeline':<34}{bodies:>9}{spacy_s:>9.1f}{bodies / spacy_s:>11.2f}{spacy_peak / 2**20:>10.0f}")
    print(f"ratio (dateline / bare spaCy): {(count / build_s) / (bodies / spacy_s):.2f}   "
          f"workers {workers}, best of {repeats}, cpus {os.cpu_count()}")
    return db


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="T17 articles for the throughput run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--sizes", default="1000,5000", help="store sizes for the growth curve (comma-separated; '' for none)")
    parser.add_argument("--scratch", type=Path, default=None, help="working folder (default: a temporary one)")
    parser.add_argument("--one-size", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--source", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="dateline-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    if args.one_size:
        print(json.dumps(one_size(args.source, args.one_size, scratch)))
        return 0
    if not T17.is_dir():
        print(f"{T17} absent: nothing to measure")
        return 0
    db = throughput(scratch, args.articles, args.workers, args.repeats)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if sizes:
        growth_curve(db, sizes, scratch)
    if args.scratch is None:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
