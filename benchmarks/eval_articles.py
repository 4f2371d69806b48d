"""Articles end to end: publication date, outlet and title on real text Dateline was not written on.

Three sets, each through the same clean + date functions `dateline build` runs per article:

- Timeline17 without its date folders (`benchmarks/t17data.py`): dated share; accuracy when
  dated (same day), overall and by outlet; share off by more than a day; the dated share of
  the articles whose own text prints their date; outlet accuracy against the folder's outlet.
- PolNeAR: the title against `metadata.tsv` (normalised exact match).
- The two HTML sets: a title found and free of the site's name, a readable outlet name (not a
  bare host), and the date against htmldate-mediacloud's gold.

`--db PATH` scores Timeline17 from a finished `dateline build` database instead (sources are
paths ending in `<topic>/<id>.htm.txt`), which includes the cross-article inference.

    nice .venv/bin/python benchmarks/eval_articles.py [--set t17|polnear|html|all]
        [--topics LibyaWar_reuters ...] [--limit N] [--db PATH] [--show N]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import sqlite3
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import t17data  # noqa: E402  (the benchmark helper beside this script)

from dateline.clean import clean_documents  # noqa: E402
from dateline.dates import date_article  # noqa: E402
from dateline.ingest import read_inputs  # noqa: E402
from dateline.model import Article, RawDocument  # noqa: E402
from dateline.outlets import OutletTable, host_of, own_label  # noqa: E402
from dateline.pipeline import BATCH_SIZE  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SCRATCH = Path("/work/scratch/articles/t17")
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]


@dataclass
class Outcome:
    """One article's judged date, outlet and title beside its truth."""

    key: str
    outlet_true: str
    date_true: str
    date: str | None
    outlet: str | None
    title: str | None
    method: str
    evidence: str | None
    states_date: bool


# --- what an article's own text says, written independently of Dateline's rules ---------------

def printed_forms(day: date) -> list[str]:
    """Ways a page prints a day with its year (lower-case, tokenised spacing allowed)."""
    month = MONTHS[day.month - 1]
    return [
        rf"\b{month[:3]}[a-z]*\.?\s+0?{day.day}\s*,?\s+{day.year}\b",
        rf"\b0?{day.day}\s+{month[:3]}[a-z]*\.?\s*,?\s+{day.year}\b",
        rf"\b{day.isoformat()}\b",
    ]


def states_own_date(text: str, truth: str) -> bool:
    """Whether the first lines of a text print the day it was published (with the year)."""
    head = "\n".join(text.splitlines()[:3]).lower()
    return any(re.search(p, head) for p in printed_forms(date.fromisoformat(truth)))


# --- running Dateline ----------------------------------------------------------------------------

def judge(docs: list[RawDocument]) -> list[Article]:
    """Clean and date documents in the batches `dateline build` uses."""
    table = OutletTable.load()
    out: list[Article] = []
    for start in range(0, len(docs), BATCH_SIZE):
        batch = docs[start : start + BATCH_SIZE]
        for doc, article in zip(batch, clean_documents(batch, outlets=table), strict=True):
            article.published = date_article(doc, article)
            out.append(article)
    return out


def t17_outcomes(topics: list[str] | None, limit: int | None, seed: int, *, names_only: bool) -> list[Outcome]:
    """Clean and date T17 articles copied without their date folders."""
    truth = t17data.materialise(SCRATCH, topics=topics)
    if limit:
        truth = sorted(random.Random(seed).sample(truth, min(limit, len(truth))), key=lambda d: str(d.path))
    pairs = [(t, d) for t in truth for d in read_inputs([t.path], on_error=lambda e: None)]
    truth, docs = [t for t, _ in pairs], [d for _, d in pairs]  # empty files are refused by ingest
    if names_only:
        for doc in docs:
            doc.source = Path(doc.source).name  # the text alone: no folder names the outlet
    articles = judge(docs)
    return [
        outcome(f"{t.topic}/{t.path.name}", t, a.published.date, a.outlet, a.title, a.published.method,
                a.published.evidence, doc.text or "")
        for t, a, doc in zip(truth, articles, docs, strict=True)
    ]


def outcome(key: str, truth: t17data.T17Doc, day: str | None, outlet: str | None, title: str | None,
            method: str, evidence: str | None, text: str) -> Outcome:
    """An Outcome with the truth and whether the text states its own date."""
    return Outcome(key, truth.outlet, truth.date, day, outlet, title, method, evidence,
                   states_own_date(text, truth.date))


def db_outcomes(db: Path, topics: list[str] | None) -> list[Outcome]:
    """T17 outcomes read from a finished build's database."""
    truth = {f"{t.topic}/{t.original.name}": t for t in t17data.documents() if not topics or t.topic in topics}
    rows = sqlite3.connect(db).execute("SELECT source, outlet, title, data FROM articles").fetchall()
    found = []
    for source, outlet, title, data in rows:
        key = "/".join(Path(source).parts[-2:])
        if key not in truth:
            continue
        published = json.loads(data).get("published") or {}
        t = truth[key]
        found.append(outcome(key, t, published.get("date"), outlet, title, published.get("method", "unknown"),
                             published.get("evidence"), t.original.read_text("utf-8", "replace")))
    return found


# --- scores --------------------------------------------------------------------------------------

def off_by(a: str, b: str) -> int:
    """Days between two ISO dates."""
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def pct(n: int, d: int) -> str:
    return f"{n / d:.1%} ({n}/{d})" if d else "n/a"


def report_t17(outcomes: list[Outcome], show: int, seed: int) -> None:
    """Print the T17 figures: dated share, accuracy when dated, off by >1 day, outlet."""
    dated = [o for o in outcomes if o.date]
    right = [o for o in dated if o.date == o.date_true]
    far = [o for o in dated if off_by(o.date, o.date_true) > 1]
    stating = [o for o in outcomes if o.states_date]
    print(f"T17 articles: {len(outcomes)}")
    print(f"  dated:                          {pct(len(dated), len(outcomes))}")
    print(f"  right when dated (same day):    {pct(len(right), len(dated))}")
    print(f"  off by more than a day:         {pct(len(far), len(dated))}")
    print(f"  dated among texts stating date: {pct(sum(bool(o.date) for o in stating), len(stating))}")
    print(f"  outlet right:                   {pct(sum(o.outlet == o.outlet_true for o in outcomes), len(outcomes))}")
    print(f"  methods: {dict(Counter(o.method for o in outcomes))}")
    print(f"  title found (no gold; judge with --show): {pct(sum(bool(o.title) for o in outcomes), len(outcomes))}")
    by_outlet: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_outlet[o.outlet_true].append(o)
    print(f"  {'outlet':<22}{'n':>6}{'dated':>8}{'right':>8}{'>1 day':>8}{'outlet':>8}{'title':>8}")
    for name, group in sorted(by_outlet.items()):
        d = [o for o in group if o.date]
        r = sum(o.date == o.date_true for o in d)
        f = sum(off_by(o.date, o.date_true) > 1 for o in d if o.date)
        print(f"  {name:<22}{len(group):>6}{len(d) / len(group):>8.1%}{r / max(len(d), 1):>8.1%}"
              f"{f / max(len(d), 1):>8.1%}{sum(o.outlet == name for o in group) / len(group):>8.1%}"
              f"{sum(bool(o.title) for o in group) / len(group):>8.1%}")
    wrong_outlets = Counter((o.outlet_true, o.outlet) for o in outcomes if o.outlet != o.outlet_true)
    print(f"  outlet errors (truth, given): {wrong_outlets.most_common(8)}")
    show_sample("wrong dates", [o for o in dated if o.date != o.date_true], show, seed)
    show_sample("undated though the text states its date", [o for o in stating if not o.date], show, seed)
    show_sample("titles found", [o for o in outcomes if o.title], show, seed, field="title")


def show_sample(label: str, items: list[Outcome], show: int, seed: int, *, field: str = "") -> None:
    """A few outcomes for reading: failures with their evidence, or one field of each."""
    if not show or not items:
        return
    print(f"  -- {label}: {len(items)}, {min(show, len(items))} shown")
    for o in random.Random(seed).sample(items, min(show, len(items))):
        if field:
            print(f"     {o.key} {getattr(o, field)!r}")
        else:
            print(f"     {o.key} true {o.date_true} got {o.date} [{o.method}] {(o.evidence or '')[:160]!r}")


def normalised(title: str | None) -> str:
    """A title compared as words: case, quotes, dashes and final punctuation aside."""
    return " ".join(re.findall(r"[^\W_]+", (title or "").lower()))


def polnear_titles(limit: int | None) -> None:
    """PolNeAR titles against metadata.tsv."""
    root = DATA / "polnear" / "data"
    with (root / "metadata.tsv").open(encoding="utf-8") as handle:
        meta = {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}
    files = sorted(p for p in root.glob("*/text/*.txt") if p.stem in meta)[:limit]
    docs = [RawDocument(source=p.name, text=p.read_text("utf-8")) for p in files]
    articles = judge(docs)
    misses = [(p.stem, meta[p.stem]["title"], a.title) for p, a in zip(files, articles, strict=True)
              if normalised(a.title) != normalised(meta[p.stem]["title"])]
    print(f"PolNeAR titles right (normalised exact): {pct(len(files) - len(misses), len(files))}")
    for name, gold, got in misses[:8]:
        print(f"     {name}: gold {gold!r} got {got!r}")


def html_pages(limit: int | None) -> Iterable[tuple[str, str, str, str | None]]:
    """(set, url, html, gold date) of both HTML sets."""
    bench = DATA / "article-extraction-benchmark"
    gold = json.loads((bench / "ground-truth.json").read_text("utf-8"))
    for key, record in sorted(gold.items())[:limit]:
        html = gzip.decompress((bench / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        yield "extraction", record["url"], html, None
    media = DATA / "htmldate-mediacloud-2020"
    gold = json.loads((media / "eval_mediacloud_2020.json").read_text("utf-8"))
    for url, record in sorted(gold.items())[:limit]:
        path = media / "html" / f"{record['file']}.gz"
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace") if path.exists() \
            else (media / "html" / record["file"]).read_text("utf-8", "replace")
        yield "mediacloud", url, html, record["date"]


def site_names(url: str, outlet: str | None, sitename: str | None) -> list[str]:
    """Names a page title could carry for its site: outlet, og:site_name, the domain's label."""
    host = host_of(url) or ""
    names = [n for n in (outlet, sitename, own_label(host) if host else None) if n]
    return [normalised(n) for n in names if len(normalised(n)) >= 3]


def title_has_site(title: str, names: list[str]) -> bool:
    """A title that ends or starts with a site name after a separator."""
    words = normalised(title)
    return any(words != n and (words.endswith(" " + n) or words.startswith(n + " ")) for n in names)


def readable(outlet: str | None) -> bool:
    """An outlet name a reader would recognise: words, not a host or a URL."""
    return bool(outlet) and not re.search(r"\.[a-z]{2,}$|/|^www", outlet or "") and len(outlet or "") >= 2


def html_sets(limit: int | None, show: int) -> None:
    """Titles without site names, readable outlets and dates on the HTML sets."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[str] = []
    for name, url, html, gold_date in html_pages(limit):
        doc = RawDocument(source=url, html=html, url=url)
        article = judge([doc])[0]
        c = counts[name]
        c["pages"] += 1
        clean_title = bool(article.title) and not title_has_site(article.title or "", site_names(url, article.outlet, None))
        c["title clean"] += clean_title
        c["outlet readable"] += readable(article.outlet)
        if not clean_title or not readable(article.outlet):
            misses.append(f"{url[:70]} title={article.title!r} outlet={article.outlet!r}")
        if gold_date:
            c["dated"] += bool(article.published.date)
            c["date right"] += article.published.date == gold_date
    for name, c in counts.items():
        print(f"HTML {name}: pages {c['pages']}; title found without site name {pct(c['title clean'], c['pages'])}; "
              f"outlet readable {pct(c['outlet readable'], c['pages'])}"
              + (f"; date right {pct(c['date right'], c['pages'])} (dated {c['dated']})" if c["dated"] else ""))
    for line in misses[:show]:
        print(f"     {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=["t17", "polnear", "html", "all"], default="all")
    parser.add_argument("--topics", nargs="*", help="T17 topic folders (e.g. LibyaWar_reuters)")
    parser.add_argument("--limit", type=int, help="a random sample of N T17 articles / first N pages")
    parser.add_argument("--db", type=Path, help="score T17 from a finished build's database")
    parser.add_argument("--show", type=int, default=0, help="print N failures of each kind")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--names-only", action="store_true",
                        help="give each T17 file its bare name as source, so only its text names the outlet")
    args = parser.parse_args()
    if args.set in ("t17", "all") and t17data.available():
        outcomes = db_outcomes(args.db, args.topics) if args.db else t17_outcomes(
            args.topics, args.limit, args.seed, names_only=args.names_only)
        report_t17(outcomes, args.show, args.seed)
    if args.set in ("polnear", "all"):
        polnear_titles(args.limit)
    if args.set in ("html", "all"):
        html_sets(args.limit, args.show)


if __name__ == "__main__":
    main()
