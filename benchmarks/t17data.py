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
