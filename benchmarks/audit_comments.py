"""Reader comments left in article bodies: a check over every corpus Dateline is measured on.

The detector below is written apart from the cleaner's own marks (`data/boilerplate.toml`):
it looks for the lines a comment thread leaves in a page (a bare 'Reply' or 'Report abuse',
'| Reply |' strips, comment counters, 'X wrote:' and moderation notices, invitations to
comment) in the *kept* body of each article, and prints every hit with its file.

Sets: the seeds (`../shared/corpus/seeds`), the example corpus, PolNeAR, both HTML sets
(through the clean stage `dateline build` runs per article), and Timeline17 from a finished
build's store (`--db`, the bodies exactly as `dateline build` stored them; without it T17 is
cleaned here the same way).

    .venv/bin/python benchmarks/audit_comments.py [--db T17_STORE] [--sets seeds,example,...]
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import t17data  # noqa: E402
from eval_articles import DATA, html_pages, judge  # noqa: E402

from dateline.ingest import read_inputs  # noqa: E402
from dateline.model import RawDocument  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
EXAMPLE = REPO / "src" / "dateline" / "data" / "corpus"

# Lines a comment thread leaves behind (case-insensitive). A story sentence may say 'reply' or
# 'comment' in passing; these need the line's shape of an interface or a thread.
THREAD_LINE = re.compile(
    r"^\s*(reply|report abuse|report|recommend|flag|permalink|share this comment|quote)\s*$"
    r"|\|\s*(reply|report abuse|report|recommend|permalink)\b"
    r"|\b(reply|report abuse|recommend)\s*\|"
    r"|^\s*\d+\s+(comments?|replies)\s*$"
    r"|^\s*(comments?|replies)\s*[(:]\s*\d+\s*\)?\s*$"
    r"|\bwe welcome (your )?comments\b"
    r"|\bcomments? (are|is) (now )?(closed|moderated)\b"
    r"|\b(log|sign) ?in to (post a )?(comment|reply)\b"
    r"|^\s*(add|post|leave|write) (a |your )?comments?\b"
    r"|\bthis comment (was|has been) removed\b"
    r"|\bcomplain about this comment\b"
    r"|^\s*[\w.'’ -]{1,30} wrote\s*:\s*$"
    r"|^\s*posted by\s*:?\s*[\w.'’ -]{1,40}\s*(\||at \d)",
    re.IGNORECASE,
)


def hits(body: str) -> list[str]:
    """The lines of a body that belong to a comment thread."""
    return [line for para in body.split("\n\n") for line in para.split("\n") if THREAD_LINE.search(line)]


def cleaned(docs: list[RawDocument]) -> Iterator[tuple[str, str]]:
    """(source, kept body) of documents put through the per-article clean stage."""
    for doc, article in zip(docs, judge(docs), strict=True):
        yield doc.source, article.body


def seed_bodies() -> Iterator[tuple[str, str]]:
    if SEEDS.is_dir():
        yield from cleaned(list(read_inputs(sorted(SEEDS.iterdir()))))


def example_bodies() -> Iterator[tuple[str, str]]:
    files = sorted(p for p in EXAMPLE.iterdir() if p.name != "outlets.toml")
    yield from cleaned(list(read_inputs(files)))


def polnear_bodies() -> Iterator[tuple[str, str]]:
    files = sorted((DATA / "polnear" / "data").glob("*/text/*.txt"))
    yield from cleaned([RawDocument(source=str(p), text=p.read_text("utf-8")) for p in files])


def html_bodies() -> Iterator[tuple[str, str]]:
    yield from cleaned([RawDocument(source=url, html=html, url=url) for _, url, html, _ in html_pages(None)])


def t17_bodies(db: Path | None) -> Iterator[tuple[str, str]]:
    if db is not None:
        for source, data in sqlite3.connect(db).execute("SELECT source, data FROM articles"):
            yield source, json.loads(data).get("body", "")
        return
    docs = [d for t in t17data.materialise(Path("/work/scratch/articles/t17"))
            for d in read_inputs([t.path], on_error=lambda e: None)]
    yield from cleaned(docs)


def audit(name: str, bodies: Iterable[tuple[str, str]], show: int) -> int:
    """Print the set's count of bodies that keep a thread line; return that count."""
    total = bad = 0
    for source, body in bodies:
        total += 1
        found = hits(body)
        if found:
            bad += 1
            if bad <= show:
                print(f"     {source}: {found[0][:120]!r}")
    print(f"{name}: {total} articles, {bad} keep a reader-comment line in the body")
    return bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="a finished `dateline build` store of Timeline17")
    parser.add_argument("--sets", default="seeds,example,polnear,html,t17")
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args()
    sets = {
        "seeds": seed_bodies, "example": example_bodies, "polnear": polnear_bodies,
        "html": html_bodies, "t17": lambda: t17_bodies(args.db),
    }
    bad = sum(audit(name, sets[name](), args.show) for name in args.sets.split(","))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
