"""Main text from HTML on article-extraction-benchmark: Dateline's cleaner next to trafilatura.

Token-level precision and recall of each page's extracted body against the gold body (word
tokens, lower-cased, as multisets), averaged over pages; F1 of the averages, as the
benchmark's maintainers report it. Published: trafilatura 2.0.0 .958, newspaper4k .949.

    .venv/bin/python benchmarks/eval_extraction.py [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from dateline.clean import clean_documents
from dateline.model import RawDocument

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction-benchmark"
TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    """Lower-case word tokens as a multiset."""
    return Counter(TOKEN.findall(text.lower()))


def scores(predicted: str, gold: str) -> tuple[float, float]:
    """Token precision and recall of one page."""
    pred, ref = tokens(predicted), tokens(gold)
    common = sum((pred & ref).values())
    precision = common / sum(pred.values()) if pred else 0.0
    recall = common / sum(ref.values()) if ref else 1.0
    return precision, recall


def dateline_body(html: str, url: str) -> str:
    """Dateline's body (trafilatura, then the line judge)."""
    return clean_documents([RawDocument(source=url, html=html, url=url)])[0].body


def trafilatura_body(html: str, url: str) -> str:
    """trafilatura's own default extraction, the peer."""
    return trafilatura.extract(html, url=url) or ""


def main() -> None:
    """Print precision, recall and F1 for Dateline and trafilatura."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="first N pages only")
    args = parser.parse_args()
    gold = json.loads((DATA / "ground-truth.json").read_text("utf-8"))
    items = sorted(gold.items())[: args.limit]
    systems: dict[str, Callable[[str, str], str]] = {
        "dateline": dateline_body, "trafilatura": trafilatura_body,
    }
    totals = {name: [0.0, 0.0] for name in systems}
    for key, record in items:
        html = gzip.decompress((DATA / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        for name, system in systems.items():
            p, r = scores(system(html, record.get("url") or ""), record["articleBody"])
            totals[name][0] += p
            totals[name][1] += r
    print(f"pages: {len(items)}")
    print(f"{'system':<14}{'P':>7}{'R':>7}{'F1':>7}")
    for name, (p_sum, r_sum) in totals.items():
        p, r = p_sum / len(items), r_sum / len(items)
        print(f"{name:<14}{p:>7.3f}{r:>7.3f}{2 * p * r / (p + r):>7.3f}")


if __name__ == "__main__":
    main()
