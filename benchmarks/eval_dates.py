"""Publication dates from HTML on htmldate-mediacloud-2020: Dateline next to htmldate.

As htmldate's own evaluation counts them: a right date is a true positive, a wrong date a
false positive, no date a false negative. htmldate's published F1 on its 1,000-page set
(this set plus 800 more): extensive .949, fast .925.

    .venv/bin/python benchmarks/eval_dates.py [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections.abc import Callable
from pathlib import Path

from htmldate import find_date

from dateline.clean import clean_documents
from dateline.dates import date_article
from dateline.model import RawDocument

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "htmldate-mediacloud-2020"


def dateline_date(html: str, url: str) -> str | None:
    """Dateline's judged publication date."""
    doc = RawDocument(source=url, html=html, url=url)
    return date_article(doc, clean_documents([doc])[0]).date


def htmldate_fast(html: str, url: str) -> str | None:
    """htmldate without its extensive search."""
    return find_date(html, url=url, original_date=True, extensive_search=False)


def htmldate_extensive(html: str, url: str) -> str | None:
    """htmldate's default (extensive) search."""
    return find_date(html, url=url, original_date=True)


def main() -> None:
    """Print precision, recall and F1 for Dateline and htmldate."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="first N pages only")
    args = parser.parse_args()
    gold = json.loads((DATA / "eval_mediacloud_2020.json").read_text("utf-8"))
    items = sorted(gold.items())[: args.limit]
    systems: dict[str, Callable[[str, str], str | None]] = {
        "dateline": dateline_date, "htmldate-ext": htmldate_extensive, "htmldate-fast": htmldate_fast,
    }
    counts = {name: [0, 0, 0] for name in systems}
    for url, record in items:
        html = gzip.decompress((DATA / "html" / f"{record['file']}.gz").read_bytes()).decode("utf-8", "replace") \
            if (DATA / "html" / f"{record['file']}.gz").exists() else (DATA / "html" / record["file"]).read_text("utf-8", "replace")
        for name, system in systems.items():
            found = system(html, url)
            slot = 2 if found is None else 0 if found == record["date"] else 1
            counts[name][slot] += 1
    print(f"pages: {len(items)}")
    print(f"{'system':<15}{'TP':>5}{'FP':>5}{'FN':>5}{'P':>7}{'R':>7}{'F1':>7}")
    for name, (tp, fp, fn) in counts.items():
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:<15}{tp:>5}{fp:>5}{fn:>5}{p:>7.3f}{r:>7.3f}{f1:>7.3f}")


if __name__ == "__main__":
    main()
