"""Attribution on PolNeAR (dev + test): Dateline's quotes beside textacy's direct_quotations.

Usage: .venv/bin/python benchmarks/eval_attribution.py [--limit N] [--splits dev test]

A prediction matches a gold attribution when their content spans overlap (one-to-one, greedy
by overlap); 'exact' also needs equal content offsets (edge punctuation ignored). A matched
prediction's source is right when its in-text source mention overlaps the gold source span,
and its cue when the cue token overlaps the gold cue span. Only top-level Dateline quotes are
scored (partial quotes nested in reported speech are parts of one attribution).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "data"
EDGE = " \t\n,.;:\"'“”‘’"


@dataclass
class Attr:
    """One attribution as character spans (each a list of (start, end) pieces)."""

    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    cue: list[tuple[int, int]]


def parse_spans(field: str) -> list[tuple[int, int]]:
    """'12 20;25 30' -> [(12, 20), (25, 30)]."""
    return [tuple(int(x) for x in piece.split()) for piece in field.split(";")]


def read_gold(path: Path) -> list[Attr]:
    """The Attribution events of one brat .ann file."""
    spans, events = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, parse_spans(offsets))
        elif line.startswith("E"):
            events.append(dict(arg.split(":") for arg in parts[1].split()[1:]))
    return [
        Attr(*(spans[e[role]][1] if role in e and e[role] in spans else [] for role in ("Content", "Source", "Cue")))
        for e in events
    ]


def overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Characters two span lists share."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def trimmed(spans: list[tuple[int, int]], text: str) -> tuple[int, int] | None:
    """Outer bounds of a span list without edge punctuation, for exact comparison."""
    if not spans:
        return None
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE:
        end -= 1
    return start, end


def score_doc(gold: list[Attr], pred: list[Attr], text: str, tally: dict) -> None:
    """Greedy one-to-one matching by content overlap; add counts to the tally."""
    pairs = sorted(((overlap(g.content, p.content), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)), reverse=True)
    used_g, used_p = set(), set()
    for size, gi, pi in pairs:
        if size <= 0 or gi in used_g or pi in used_p:
            continue
        used_g.add(gi), used_p.add(pi)
        g, p = gold[gi], pred[pi]
        tally["match"] += 1
        tally["exact"] += trimmed(g.content, text) == trimmed(p.content, text)
        tally["source"] += overlap(g.source, p.source) > 0
        tally["cue"] += overlap(g.cue, p.cue) > 0
    tally["gold"] += len(gold)
    tally["pred"] += len(pred)


def dateline_predictions(text: str, nlp) -> tuple[list[Attr], object]:
    """Dateline's top-level attributions of one text (and the Doc, for reuse)."""
    from dateline.analyse.nlp import parse
    from dateline.analyse.quotes import extract_attributions
    from dateline.model import Article

    article = Article(id="x", source="x", body=text)
    doc = parse(article, nlp)
    found = []
    for a in extract_attributions(article, doc):
        if a.parent is not None:
            continue
        source = [(a.source.start, a.source.end)] if a.source else []
        cue_at = [t for t in doc if t.idx >= 0 and a.quote.cue and t.text == a.quote.cue.split()[0] and t.sent.start_char <= a.quote.start < t.sent.end_char + 1]
        cue = [(cue_at[0].idx, cue_at[0].idx + len(a.quote.cue))] if cue_at else []
        found.append(Attr([(a.quote.start, a.quote.end)], source, cue))
    return found, doc


def textacy_predictions(doc) -> list[Attr]:
    """textacy's direct_quotations triples as attributions."""
    from textacy.extract.triples import direct_quotations

    def chars(tokens) -> list[tuple[int, int]]:
        return [(t.idx, t.idx + len(t.text)) for t in tokens]

    found = []
    try:
        triples = list(direct_quotations(doc))
    except Exception:  # textacy raises on some unbalanced quotes; count it as no output
        triples = []
    for speaker, cue, content in triples:
        found.append(Attr([(content.start_char, content.end_char)], chars(speaker), chars(cue)))
    return found


def rates(tally: dict) -> dict[str, tuple[float, float, float]]:
    """P/R/F1 for each measure (attribution by overlap, exact content, source, cue)."""
    out = {}
    for key in ("match", "exact", "source", "cue"):
        p = tally[key] / tally["pred"] if tally["pred"] else 0.0
        r = tally[key] / tally["gold"] if tally["gold"] else 0.0
        out[key] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def main() -> None:
    """Run both systems over the chosen splits and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="documents per split")
    parser.add_argument("--splits", nargs="+", default=["dev", "test"])
    args = parser.parse_args()
    from dateline.analyse.nlp import load_model

    nlp = load_model()
    tallies = {name: dict.fromkeys(("match", "exact", "source", "cue", "gold", "pred"), 0) for name in ("dateline", "textacy")}
    docs = 0
    for split in args.splits:
        texts = sorted((DATA / split / "text").glob("*.txt"))[: args.limit]
        for path in texts:
            text = path.read_text(encoding="utf-8")
            annotations = sorted((DATA / split / "attributions").glob(path.stem + "_*.ann"))
            if not annotations:
                continue
            gold = read_gold(annotations[0])
            ours, doc = dateline_predictions(text, nlp)
            score_doc(gold, ours, text, tallies["dateline"])
            score_doc(gold, textacy_predictions(doc), text, tallies["textacy"])
            docs += 1
    print(f"PolNeAR {'+'.join(args.splits)}: {docs} documents, {tallies['dateline']['gold']} gold attributions")
    print(f"{'measure':<28}{'Dateline P/R/F1':>24}{'textacy P/R/F1':>24}")
    labels = {"match": "attribution (overlap)", "exact": "content exact", "source": "source", "cue": "cue"}
    ours, theirs = rates(tallies["dateline"]), rates(tallies["textacy"])
    for key, label in labels.items():
        fmt = lambda v: " / ".join(f"{x:.3f}" for x in v)  # noqa: E731
        print(f"{label:<28}{fmt(ours[key]):>24}{fmt(theirs[key]):>24}")
    print(f"predictions: Dateline {tallies['dateline']['pred']}, textacy {tallies['textacy']['pred']}")


if __name__ == "__main__":
    main()
