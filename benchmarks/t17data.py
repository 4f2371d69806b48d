"""Timeline17 as a user would hand it to Dateline: files without their date folders.

`materialise(dest)` copies every T17 article to `dest/<topic>/<id>.htm.txt` (the date folder
dropped, so nothing but the text can date it) and returns one `T17Doc` per article with the
truth the folders gave: publication date (folder name), topic and outlet (folder suffix).
Used by the end-to-end evaluations; the data itself never enters the repository.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "shared" / "data" / "timeline17"

# Folder suffix -> the outlet's readable name.
OUTLETS = {
    "bbc": "BBC",
    "cnn": "CNN",
    "foxnews": "Fox News",
    "guardian": "The Guardian",
    "reuters": "Reuters",
    "washingtonpost": "The Washington Post",
}


@dataclass(frozen=True)
class T17Doc:
    """One Timeline17 article and what its folders say about it."""

    path: Path  # the copy without a date folder
    original: Path
    topic: str  # e.g. LibyaWar_cnn
    outlet: str
    date: str  # YYYY-MM-DD


def available() -> bool:
    """Whether ../shared/data/timeline17 is present."""
    return ROOT.is_dir()


def documents(root: Path = ROOT) -> list[T17Doc]:
    """Every T17 article with its truth, in a stable order (copies not made)."""
    docs = []
    for original in sorted(root.glob("*/InputDocs/*/*.txt")):
        topic, date = original.parts[-4], original.parts[-2]
        docs.append(T17Doc(Path(topic) / original.name, original, topic, OUTLETS[topic.split("_")[-1]], date))
    return docs


def materialise(dest: Path, topics: list[str] | None = None) -> list[T17Doc]:
    """Copy the articles (of `topics`, or all) to `dest/<topic>/<name>` and return them."""
    out = []
    for doc in documents():
        if topics and doc.topic not in topics:
            continue
        target = dest / doc.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copyfile(doc.original, target)
        out.append(T17Doc(target, doc.original, doc.topic, doc.outlet, doc.date))
    return out


def feed(dest: Path, topics: list[str] | None = None) -> list[T17Doc]:
    """Write the articles (of `topics`, or all) as JSON Lines `dest/<topic>.jsonl`, dated.

    The form a crawl or news API hands over: each record carries its publication date (the
    folder name) and a URL ending in `<topic>/<file>`, so the protocol's input (every
    article with its date, as the published T17 systems get it) goes through `dateline build`.
    """
    import json

    dest.mkdir(parents=True, exist_ok=True)
    by_topic: dict[str, list[T17Doc]] = {}
    for doc in documents():
        if not topics or doc.topic in topics:
            by_topic.setdefault(doc.topic, []).append(doc)
    out = []
    for topic, docs in by_topic.items():
        with open(dest / f"{topic}.jsonl", "w", encoding="utf-8") as handle:
            for doc in docs:
                text = doc.original.read_text(encoding="utf-8", errors="replace")
                record = {"url": f"t17/{topic}/{doc.path.name}", "published": doc.date, "text": text}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                out.append(doc)
    return out


def stored_truth(articles: list, docs: list[T17Doc]) -> dict[str, T17Doc]:
    """Stored article id -> its T17 truth, for a store built from `docs`' copies.

    A source (or URL) that keeps its folders matches on its tail `<topic>/<file>`; a bare file name
    (the same in several topics) matches on the id the pipeline gives the same input.
    """
    from dateline.ingest import read_inputs  # the evaluation's only use of the pipeline's reader
    from dateline.pipeline import article_id

    by_tail = {f"{doc.topic}/{doc.path.name}": doc for doc in docs}
    truth: dict[str, T17Doc] = {}
    for article in articles:
        for where in (article.source, article.url or ""):  # a JSON Lines record names it by URL
            tail = "/".join(str(where).replace("\\", "/").split("/")[-2:])
            if tail in by_tail:
                truth[article.id] = by_tail[tail]
    if len(truth) < len(articles):
        for doc in docs:
            for raw in read_inputs([doc.path], on_error=lambda error: None):
                truth.setdefault(article_id(raw), doc)
    stored = {a.id for a in articles}
    return {key: doc for key, doc in truth.items() if key in stored}


def flat_documents(root: Path) -> list[T17Doc]:
    """The truth for the flat copies under `root` (made by `materialise` or `feed`), present ones only."""
    return [
        T17Doc(root / d.path, d.original, d.topic, d.outlet, d.date)
        for d in documents()
        if (root / d.path).exists() or (root / f"{d.topic}.jsonl").exists()
    ]
