"""Reader comments: where a page's comment thread starts, on text and HTML input alike.

A thread follows the story, so its first mark ('| Report abuse', '| Reply', 'Posted by: X |',
'We welcome comments...', or two or more 'X wrote:' lines) ends the story: that line and every
line after it are the thread. The marks are data (`comment_marks` in `data/boilerplate.toml`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from dateline.clean.blocks import NOISE, TEXTUAL, Line

# Soft marks ('Smith wrote:') open a thread only when a page carries at least this many.
MIN_SOFT_MARKS = 2


@dataclass(frozen=True)
class CommentMarks:
    """Strong and soft marks of a comment thread."""

    strong: tuple[re.Pattern[str], ...]
    soft: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def comment_marks() -> CommentMarks:
    """The shipped marks, read once."""
    data = tomllib.loads((resources.files("dateline") / "data" / "boilerplate.toml").read_text("utf-8"))
    return CommentMarks(
        strong=tuple(re.compile(p, re.IGNORECASE) for p in data["comment_marks"]),
        soft=tuple(re.compile(p, re.IGNORECASE) for p in data["comment_soft_marks"]),
    )


def thread_start(lines: list[Line]) -> int | None:
    """Index of the line that opens the comment thread, after the story has begun; or None."""
    marks = comment_marks()
    soft = [line.index for line in lines if any(p.search(line.text) for p in marks.soft)]
    begun = False
    for line in lines:
        strong = any(p.search(line.text) for p in marks.strong)
        if begun and (strong or (line.index in soft and len(soft) >= MIN_SOFT_MARKS)):
            return line.index
        begun = begun or (line.kind in TEXTUAL and not strong)
    return None


def cut_thread(lines: list[Line]) -> None:
    """Mark the comment thread's lines as page furniture, with the reason."""
    start = thread_start(lines)
    if start is None:
        return
    for line in lines[start:]:
        line.kind, line.why, line.kept = NOISE, "reader comments (the thread after the story)", False


def comment_thread_start(texts: list[str]) -> int:
    """Index of the first line of a page's comment thread in raw lines (after the first line),
    or the number of lines when it has none: what dates and bounds may be read from."""
    marks = comment_marks()
    soft = [i for i, text in enumerate(texts) if any(p.search(text) for p in marks.soft)]
    for index, text in enumerate(texts[1:], start=1):
        if any(p.search(text) for p in marks.strong) or (index in soft and len(soft) >= MIN_SOFT_MARKS):
            return index
    return len(texts)
