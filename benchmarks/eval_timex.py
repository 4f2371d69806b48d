"""Score dateline.timex against TempEval-3 gold TIMEX3 (TimeBank + AQUAINT), beside dateparser.

Usage: .venv/bin/python benchmarks/eval_timex.py [--limit N] [--corpus TimeBank|AQUAINT]
       [--no-peer] [--errors FILE]

Metrics as TempEval-3 reports them: strict and relaxed extent precision/recall/F1, type accuracy
and value accuracy over relaxed matches, and value F1 (a mention counts when its extent overlaps
a gold one and its value is the gold value). dateparser's `search_dates` gives no type, so it is
scored on extents and on the values of the dates it finds.
"""

from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from dateline.timex import tag

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "tempeval3-tbaq"
CORPORA = ("TimeBank", "AQUAINT")


@dataclass(frozen=True)
class Span:
    """A time expression's extent and TIMEX3 attributes (type None when a system gives none)."""

    start: int
    end: int
    type: str | None
    value: str | None
    text: str = ""


@dataclass
class Document:
    """One TimeML document: plain text, creation date and gold spans."""

    name: str
    text: str
    dct: date
    gold: list[Span]


@dataclass
class Score:
    """Counts over a corpus for one system."""

    system: int = 0
    gold: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)


def flatten(element: ET.Element, parts: list[str], spans: list[Span]) -> None:
    """Append an element's text to `parts`, recording each TIMEX3 span inside it."""
    start = sum(map(len, parts))
    parts.append(element.text or "")
    for child in element:
        flatten(child, parts, spans)
        parts.append(child.tail or "")
    if element.tag == "TIMEX3":
        end = sum(map(len, parts))
        text = "".join(parts)[start:end]
        spans.append(Span(start, end, element.get("type"), element.get("value"), text))


def read_document(path: Path) -> Document:
    """Parse one .tml file."""
    root = ET.parse(path).getroot()
    dct_value = root.find("DCT/TIMEX3").get("value")[:10]
    parts: list[str] = []
    gold: list[Span] = []
    flatten(root.find("TEXT"), parts, gold)
    return Document(path.name, "".join(parts), date.fromisoformat(dct_value), gold)


def dateline_spans(doc: Document) -> list[Span]:
    """Dateline's mentions as spans."""
    return [Span(m.start, m.end, m.type, m.value, m.text) for m in tag(doc.text, doc.dct)]


def dateparser_spans(doc: Document) -> list[Span]:
    """dateparser's `search_dates` hits, located in the text in order."""
    from dateparser.search import search_dates

    base = datetime(doc.dct.year, doc.dct.month, doc.dct.day)
    found = search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    spans, cursor = [], 0
    for text, moment in found:
        start = doc.text.find(text, cursor)
        if start < 0:
            continue
        cursor = start + len(text)
        value = (
            moment.strftime("%Y-%m-%dT%H:%M")
            if (moment.hour, moment.minute) != (0, 0)
            else moment.date().isoformat()
        )
        spans.append(Span(start, cursor, None, value, text))
    return spans


def match(system: list[Span], gold: list[Span]) -> list[tuple[Span, Span]]:
    """One-to-one pairs of overlapping spans, exact matches first."""
    pairs, used = [], set()
    for exact in (True, False):
        for g in gold:
            if id(g) in {id(p[1]) for p in pairs}:
                continue
            for i, s in enumerate(system):
                hit = (
                    (s.start, s.end) == (g.start, g.end)
                    if exact
                    else s.start < g.end and g.start < s.end
                )
                if i not in used and hit:
                    pairs.append((s, g))
                    used.add(i)
                    break
    return pairs


def score_document(score: Score, system: list[Span], doc: Document) -> None:
    """Add one document's counts to a running score."""
    pairs = match(system, doc.gold)
    score.system += len(system)
    score.gold += len(doc.gold)
    score.relaxed += len(pairs)
    score.strict += sum((s.start, s.end) == (g.start, g.end) for s, g in pairs)
    score.type_ok += sum(s.type == g.type for s, g in pairs)
    score.value_ok += sum(s.value == g.value for s, g in pairs)
    matched = {id(g) for _, g in pairs}
    score.errors += [
        f"{doc.name}\tMISS\t{g.text!r}\t{g.type}\t{g.value}"
        for g in doc.gold
        if id(g) not in matched
    ]
    score.errors += [
        f"{doc.name}\tVALUE\t{s.text!r}/{g.text!r}\t{s.value}\t{g.value}"
        for s, g in pairs
        if s.value != g.value
    ]
    paired = {id(s) for s, _ in pairs}
    score.errors += [
        f"{doc.name}\tFALSE\t{s.text!r}\t{s.type}\t{s.value}" for s in system if id(s) not in paired
    ]


def f1(hits: int, system: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1."""
    p = hits / system if system else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def table_rows(name: str, score: Score, typed: bool) -> list[str]:
    """The printed rows for one system."""
    sp, sr, sf = f1(score.strict, score.system, score.gold)
    rp, rr, rf = f1(score.relaxed, score.system, score.gold)
    vp, vr, vf = f1(score.value_ok, score.system, score.gold)
    type_acc = f"{score.type_ok / score.relaxed:.3f}" if typed and score.relaxed else "  n/a"
    value_acc = score.value_ok / score.relaxed if score.relaxed else 0.0
    return [
        f"{name:<12} {sp:.3f} {sr:.3f} {sf:.3f}   {rp:.3f} {rr:.3f} {rf:.3f}   {type_acc}  "
        f"{value_acc:.3f}   {vp:.3f} {vr:.3f} {vf:.3f}   {score.seconds:6.1f}s"
    ]


def run(documents: list[Document], systems: dict, errors_path: Path | None) -> None:
    """Score every system over the documents and print the table."""
    header = (
        "system       strict P/R/F1         relaxed P/R/F1        type    value   value P/R/F1"
        "          time"
    )
    print(f"{len(documents)} documents, {sum(len(d.gold) for d in documents)} gold TIMEX3")
    print(header)
    for name, (spans_of, typed) in systems.items():
        score = Score()
        began = time.perf_counter()
        for doc in documents:
            score_document(score, spans_of(doc), doc)
        score.seconds = time.perf_counter() - began
        print("\n".join(table_rows(name, score, typed)))
        if errors_path and name == "dateline":
            errors_path.write_text("\n".join(score.errors) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Parse options, read the corpora, score."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--no-peer", action="store_true", help="skip dateparser (it is slow)")
    parser.add_argument("--errors", type=Path, default=None, help="write Dateline's errors here")
    parser.add_argument(
        "--corpus", choices=CORPORA, action="append", help="one corpus (repeatable)"
    )
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"no benchmark data at {DATA}", file=sys.stderr)
        return 1
    corpora = args.corpus or CORPORA
    paths = sorted(p for corpus in corpora for p in (DATA / corpus).glob("*.tml"))[: args.limit]
    documents = [read_document(p) for p in paths]
    systems = {"dateline": (dateline_spans, True)}
    if not args.no_peer:
        systems["dateparser"] = (dateparser_spans, False)
    run(documents, systems, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
