"""Attribution on PolNeAR (dev + test): Dateline's quotes beside textacy's direct_quotations.

Usage: .venv/bin/python benchmarks/eval_attribution.py [--limit N] [--splits dev test] [--scratch DIR]

The texts go through the real build path: written to a scratch folder, `dateline build` into
a fresh database there, and the stored quotes (offsets into the cleaned body, mapped back to
the PolNeAR text) are scored.

A prediction matches a gold attribution when their content spans overlap (one-to-one, greedy
by overlap); 'exact' also needs equal content offsets (edge punctuation ignored). A matched
prediction's source is right when its in-text source mention overlaps the gold source span,
and its cue when the cue token overlaps the gold cue span. Only top-level Dateline quotes are
scored (partial quotes nested in reported speech are parts of one attribution).
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "data"
SCRATCH = Path(tempfile.gettempdir()) / "dateline-eval-attribution"
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


def score_doc(gold: list[Attr], pred: list[Attr], text: str, tally: dict, kinds: list[str] | None = None) -> None:
    """Greedy one-to-one matching by content overlap; add counts to the tally (and per kind)."""
    pairs = sorted(((overlap(g.content, p.content), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)), reverse=True)
    used_g, used_p, matched = set(), set(), []
    for size, gi, pi in pairs:
        if size <= 0 or gi in used_g or pi in used_p:
            continue
        used_g.add(gi), used_p.add(pi)
        matched.append((gi, pi))
        g, p = gold[gi], pred[pi]
        hits = {"match": 1, "exact": trimmed(g.content, text) == trimmed(p.content, text),
                "source": overlap(g.source, p.source) > 0, "cue": overlap(g.cue, p.cue) > 0}
        for key, hit in hits.items():
            tally[key] += hit
            if kinds:
                tally[f"{kinds[pi]}-{key}"] = tally.get(f"{kinds[pi]}-{key}", 0) + hit
    if (errors := tally.get("errors")) is not None:
        show = lambda spans: " | ".join(text[s:e] for s, e in spans)[:300].replace("\n", " ")  # noqa: E731
        errors += [f"MISSED  src={show(g.source)!r} cue={show(g.cue)!r} :: {show(g.content)}"
                   for gi, g in enumerate(gold) if gi not in used_g]
        errors += [f"EXTRA   src={show(p.source)!r} cue={show(p.cue)!r} :: {show(p.content)}"
                   for pi, p in enumerate(pred) if pi not in used_p]
        errors += [f"SOURCE  gold={show(gold[gi].source)!r} ours={show(pred[pi].source)!r} :: {show(pred[pi].content)}"
                   for gi, pi in matched if not overlap(gold[gi].source, pred[pi].source)]
    for kind in kinds or ():
        tally[f"{kind}-pred"] = tally.get(f"{kind}-pred", 0) + 1
    tally["gold"] += len(gold)
    tally["pred"] += len(pred)


def body_to_text(body: str, text: str) -> list[int]:
    """For each body offset, the offset of the same character in the original text (-1: none).

    The build cleans a text before analysing it (title and boilerplate lines out, marks
    normalised), so stored offsets are offsets into the body, not into the PolNeAR file.
    """
    mapping = [-1] * (len(body) + 1)
    for a, b, size in difflib.SequenceMatcher(None, body, text, autojunk=False).get_matching_blocks():
        for k in range(size):
            mapping[a + k] = b + k
    last = len(text)
    for i in range(len(body), -1, -1):  # an unmatched offset takes the next matched one
        last = mapping[i] if mapping[i] >= 0 else last
        mapping[i] = last
    return mapping


def stored_predictions(article, text: str) -> tuple[list[Attr], list[str]]:
    """A stored article's top-level quotes as attributions over the original text, with their kinds."""
    mapping = body_to_text(article.body, text)

    def span(start, end) -> list[tuple[int, int]]:
        return [(mapping[start], mapping[end - 1] + 1)] if start is not None and end and end > start else []

    found, kinds = [], []
    for q in article.quotes:
        if q.nested_in is not None:
            continue
        cue_end = q.cue_start + len(q.cue.split()[0]) if q.cue_start is not None and q.cue else None
        found.append(Attr(span(q.start, q.end), span(q.source_start, q.source_end), span(q.cue_start, cue_end)))
        kinds.append(q.kind)
    return found, kinds


def build_predictions(texts: dict[str, Path], scratch: Path) -> dict[str, tuple[list[Attr], list[str]]]:
    """Write the texts to a scratch folder, `dateline build` them, read the stored quotes back."""
    from dateline.pipeline import Settings, build
    from dateline.store import Store

    folder, db = scratch / "texts", scratch / "polnear.db"
    shutil.rmtree(scratch, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, path in texts.items():
        (folder / f"{name}.txt").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    report = build([folder], db, settings=Settings(workers=1), warn=lambda message: None)
    print(f"built {report.added} articles, {report.quotes} quotes, {report.warning_count} warnings", file=sys.stderr)
    with Store(db) as store:
        return {Path(a.source).stem: stored_predictions(a, texts[Path(a.source).stem].read_text(encoding="utf-8"))
                for a in store.articles()}


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
    """Build the chosen splits through the full pipeline, score the stored quotes, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="documents per split")
    parser.add_argument("--splits", nargs="+", default=["dev", "test"])
    parser.add_argument("--scratch", type=Path, default=SCRATCH, help="folder for the texts and the database")
    parser.add_argument("--no-peer", action="store_true", help="skip textacy")
    parser.add_argument("--errors", type=Path, help="write missed, extra and wrong-source attributions here")
    parser.add_argument("--sample", type=Path, help="print a random sample of a database's quotes to judge by eye")
    parser.add_argument("--size", type=int, default=50, help="quotes in the sample")
    parser.add_argument("--seed", type=int, default=11, help="seed of the sample")
    parser.add_argument("--within", default="", help="sample only articles whose source or URL holds this (a T17 topic)")
    args = parser.parse_args()
    if args.sample:
        print_sample(args.sample, args.size, args.seed, args.within)
        return
    texts, gold = {}, {}
    for split in args.splits:
        for path in sorted((DATA / split / "text").glob("*.txt"))[: args.limit]:
            annotations = sorted((DATA / split / "attributions").glob(path.stem + "_*.ann"))
            if annotations:
                texts[f"{split}-{path.stem}"], gold[f"{split}-{path.stem}"] = path, read_gold(annotations[0])
    ours = build_predictions(texts, args.scratch)
    names = ("dateline", "textacy")
    tallies = {name: dict.fromkeys(("match", "exact", "source", "cue", "gold", "pred"), 0) for name in names}
    nlp = None if args.no_peer else _load_model()
    if args.errors:
        tallies["dateline"]["errors"] = []
    for name, path in texts.items():
        text = path.read_text(encoding="utf-8")
        found, kinds = ours.get(name, ([], []))
        if args.errors:
            tallies["dateline"]["errors"].append(f"## {name}")
        score_doc(gold[name], found, text, tallies["dateline"], kinds)
        if nlp is not None:
            score_doc(gold[name], textacy_predictions(nlp(text)), text, tallies["textacy"])
    print(f"PolNeAR {'+'.join(args.splits)}: {len(texts)} documents through `dateline build`, "
          f"{tallies['dateline']['gold']} gold attributions")
    print_table(tallies, nlp is not None)
    if args.errors:
        args.errors.write_text("\n".join(tallies["dateline"]["errors"]) + "\n", encoding="utf-8")


def print_sample(db: Path, size: int, seed: int, within: str = "") -> None:
    """A seeded random sample of a built database's top-level quotes, each with its context
    (only of articles whose source or URL holds `within`, when given: one topic of a store)."""
    import random

    from dateline.store import Store

    with Store(db) as store:
        articles, names = store.articles(), {s.id: s.name for s in store.speakers()}
    articles = [a for a in articles if within in a.source or within in (a.url or "")]
    pool = [(a, q) for a in articles for q in a.quotes if q.nested_in is None]
    print(f"{len(pool)} top-level quotes in {len(articles)} articles")
    for k, (a, q) in enumerate(random.Random(seed).sample(pool, min(size, len(pool))), 1):
        written = a.body[q.source_start : q.source_end] if q.source_start is not None else None
        start = max(0, min(q.start, q.cue_start or q.start, q.source_start or q.start) - 250)
        context = a.body[start : max(q.end, q.cue_start or 0) + 80].replace("\n", " / ")
        print(f"\n[{k}] {a.source} speaker={names.get(q.speaker_id or '', q.speaker)!r} written={written!r} "
              f"role={q.speaker_role!r} kind={q.kind} cue={q.cue!r} direct={q.direct}")
        print(f"   TEXT: {q.text[:300]!r}\n   CONTEXT: ...{context}...")


def _load_model():
    """The spaCy pipeline the build uses, for the peer."""
    from dateline.analyse.nlp import load_model

    return load_model()


def print_table(tallies: dict, peer: bool) -> None:
    """The P/R/F1 table, with speech and stance precision and their share of the predictions."""
    print(f"{'measure':<28}{'Dateline P/R/F1':>24}{'textacy P/R/F1' if peer else '':>24}")
    labels = {"match": "attribution (overlap)", "exact": "content exact", "source": "source", "cue": "cue"}
    ours, theirs = rates(tallies["dateline"]), rates(tallies["textacy"])
    fmt = lambda v: " / ".join(f"{x:.3f}" for x in v)  # noqa: E731
    for key, label in labels.items():
        print(f"{label:<28}{fmt(ours[key]):>24}{fmt(theirs[key]) if peer else '':>24}")
    t = tallies["dateline"]
    for kind in ("speech", "stance"):
        made = t.get(f"{kind}-pred", 0)
        share = {key: t.get(f"{kind}-{key}", 0) / made if made else 0.0 for key in ("match", "source", "exact")}
        print(f"{kind}: {made} predictions, precision attribution {share['match']:.3f}, "
              f"source {share['source']:.3f}, content exact {share['exact']:.3f}")
    print(f"predictions: Dateline {tallies['dateline']['pred']}, textacy {tallies['textacy']['pred'] if peer else '-'}")


if __name__ == "__main__":
    main()
