"""Text input: the line cleaner against keeping every line, on the seeds and the example corpus.

Seeds are labelled by line position in benchmarks/seed_labels.toml; the example corpus by the
reviewed strings of tests/golden/example_corpus.toml (boilerplate lines that must go, story
sentences that must stay). Scores are line-level precision, recall and F1 of 'story line'.

    .venv/bin/python benchmarks/eval_cleaner.py
"""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path

from dateline.clean import clean_documents
from dateline.clean.lines import normalise, split_units
from dateline.ingest import read_inputs
from dateline.model import RawDocument

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
CORPUS = REPO / "src" / "dateline" / "data" / "corpus"
GOLDEN = REPO / "tests" / "golden" / "example_corpus.toml"


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def seed_counts(keep_all: bool) -> tuple[int, int, int, list[str]]:
    """Line-level counts on the seeds, and the per-article misses."""
    labels = tomllib.loads((REPO / "benchmarks" / "seed_labels.toml").read_text())["seeds"]
    docs = [RawDocument(source=name, text=(SEEDS / name).read_text("utf-8")) for name in labels]
    articles = clean_documents(docs)
    tp = fp = fn = 0
    notes = []
    for doc, article in zip(docs, articles, strict=True):
        units = [u for u, _ in split_units(doc.text or "")]
        gold = set(labels[doc.source]["story"])
        body = set(article.body.split("\n\n"))
        kept = set(range(len(units))) if keep_all else {i for i, u in enumerate(units) if u in body}
        tp, fp, fn = tp + len(kept & gold), fp + len(kept - gold), fn + len(gold - kept)
        if not keep_all and article.outlet != labels[doc.source]["outlet"]:
            notes.append(f"{doc.source}: outlet {article.outlet!r}")
    return tp, fp, fn, notes


def corpus_counts(keep_all: bool) -> tuple[int, int, int, list[str]]:
    """Counts on the example corpus: kept 'keep' strings are hits, kept boilerplate misses."""
    golden = {a["source"]: a for a in tomllib.loads(GOLDEN.read_text())["article"]}
    docs = list(read_inputs(sorted(CORPUS.iterdir())))
    articles = clean_documents(docs)
    tp = fp = fn = 0
    notes = []
    for doc, article in zip(docs, articles, strict=True):
        gold = golden.get(doc.source)
        if gold is None:
            continue
        text = (doc.text or doc.html or "") if keep_all else article.body
        for sentence in gold.get("keep", []):
            hit = normalise(sentence) in normalise(text) if not keep_all else True
            tp, fn = tp + hit, fn + (not hit)
            if not hit:
                notes.append(f"{doc.source}: lost {sentence[:60]!r}")
        for line in gold.get("boilerplate", []):
            left = keep_all or normalise(line) in article.body
            fp += left
            if left and not keep_all:
                notes.append(f"{doc.source}: kept {line[:60]!r}")
    return tp, fp, fn, notes


def main() -> None:
    """Print the score table: Dateline's cleaner next to keeping every line."""
    argparse.ArgumentParser(description=__doc__).parse_args()
    print(f"{'set':<16}{'system':<12}{'P':>7}{'R':>7}{'F1':>7}")
    for name, counts in (("seeds", seed_counts), ("example corpus", corpus_counts)):
        if name == "seeds" and not SEEDS.is_dir():
            print("seeds: ../shared/corpus/seeds absent, skipped")
            continue
        for system, keep_all in (("dateline", False), ("keep-all", True)):
            tp, fp, fn, notes = counts(keep_all)
            p, r, f = prf(tp, fp, fn)
            print(f"{name:<16}{system:<12}{p:>7.3f}{r:>7.3f}{f:>7.3f}")
            for note in notes:
                print(f"    {note}")


if __name__ == "__main__":
    main()
