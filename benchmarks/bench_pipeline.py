"""Speed and memory of a full build: `make bench` (or .venv/bin/python benchmarks/bench_pipeline.py).

Builds the example corpus (and the seeds when ../shared exists) into a fresh database a few
times and prints wall time per article and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from dateline.analyse.nlp import load_model
from dateline.pipeline import build

REPO = Path(__file__).resolve().parents[1]
INPUTS = {
    "example corpus": REPO / "src" / "dateline" / "data" / "corpus",
    "seeds": REPO.parent / "shared" / "corpus" / "seeds",
}


def time_build(path: Path, repeats: int) -> tuple[float, int]:
    """Best wall time of `repeats` fresh builds, and the article count."""
    best, count = float("inf"), 0
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            report = build([path], Path(tmp) / "bench.db", warn=lambda _msg: None)
            best = min(best, time.perf_counter() - start)
            count = report.articles
    return best, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    started = time.perf_counter()
    load_model()
    print(f"model load: {time.perf_counter() - started:.2f} s")
    print(f"{'input':<16}{'articles':>9}{'build s':>9}{'ms/article':>12}")
    for name, path in INPUTS.items():
        if not path.is_dir():
            print(f"{name:<16} absent, skipped")
            continue
        seconds, count = time_build(path, args.repeats)
        print(f"{name:<16}{count:>9}{seconds:>9.2f}{1000 * seconds / max(count, 1):>12.0f}")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak_mib:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
