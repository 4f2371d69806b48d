"""Ingest: files and directories of raw articles -> RawDocument.

Plain text (already-extracted web text), HTML, JSON Lines (one article a line) and WARC
archives (HTML responses). Nothing is judged here. Every input is named by its full path
(records of a feed or archive by 'path#N'); whatever cannot be read, or is read only in part,
goes to the caller's error handler as an `InputError` naming it and the run goes on. Memory
stays bounded: files are read up to a limit and feeds are streamed.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from dateline.errors import InputError
from dateline.ingest.decode import decode
from dateline.ingest.walk import (
    ALL_SUFFIXES,
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    WARC_SUFFIXES,
    ErrorHandler,
    expand_paths,
    full_path,
    has_suffix,
)
from dateline.model import RawDocument

MAX_FILE_BYTES = 10 * 2**20  # an article file (or a page) is read up to this many bytes
MAX_TEXT_CHARS = 200_000  # an article's text is cut here (a long feature is about 60,000)
MIN_TEXT_CHARS = 20  # fewer visible characters than a headline: nothing to read
MAX_LINE_CHARS = 10_000  # a longer line is no paragraph (five times the longest one seen in news)
PARAGRAPH_CHARS = 2_000  # an over-long line is split into paragraphs of about this size
SENTENCE_END = re.compile(r"(?<=[.!?。])\s+")
GZIP_MAGIC = b"\x1f\x8b"


def raise_error(error: InputError) -> None:
    """The default handler: stop at the first bad input."""
    raise error


def read_inputs(
    paths: Iterable[str | Path], *, on_error: ErrorHandler = raise_error, ignore: Collection[Path] = ()
) -> Iterator[RawDocument]:
    """Every article found under the given files and directories, in a stable order.

    `ignore` names files a folder may hold that are not inputs (the database being built).
    """
    for path in expand_paths(paths, on_error=on_error, ignore=ignore):
        try:
            yield from read_file(path, on_error=on_error)
        except InputError as error:
            on_error(error)


def read_file(path: Path, *, on_error: ErrorHandler = raise_error) -> Iterator[RawDocument]:
    """The articles of one file, by its kind; a file that cannot be read raises `InputError`."""
    from dateline.ingest.feeds import read_jsonl, read_warc

    path = full_path(path)
    try:
        if has_suffix(path, WARC_SUFFIXES):
            yield from read_warc(path, on_error=on_error)
        elif has_suffix(path, JSONL_SUFFIXES):
            yield from read_jsonl(path, on_error=on_error)
        else:
            yield read_page(path, on_error)
    except FileNotFoundError:
        raise InputError(str(path), "vanished before it could be read") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None


def read_page(path: Path, on_error: ErrorHandler) -> RawDocument:
    """A text or HTML file as one document (a text file that is really HTML is read as HTML)."""
    source = str(path)
    data, cut = read_bytes(path, MAX_FILE_BYTES)
    text = decode(data, source, html=True)
    if has_suffix(path, HTML_SUFFIXES) or looks_like_html(text):
        if cut:
            on_error(InputError(source, f"page larger than {MAX_FILE_BYTES // 2**20} MiB; only the start is read"))
        return checked(RawDocument(source=source, html=text))
    return checked(RawDocument(source=source, text=cut_text(text, source, on_error, cut=cut)))


def read_bytes(path: Path, limit: int) -> tuple[bytes, bool]:
    """At most `limit` bytes of a file (gunzipped when it is gzip), and whether there was more."""
    with open_input(path) as stream:
        try:
            data = stream.read(limit + 1)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            raise InputError(str(path), f"broken or truncated gzip data ({exc})") from None
    if len(data) <= limit:
        return data, False
    data = data[:limit]
    space = max(data.rfind(b" ", -4096), data.rfind(b"\n", -4096))
    return (data[: space + 1] if space > 0 else data), True  # never end inside a character


@contextmanager
def open_input(path: Path) -> Iterator[BinaryIO]:
    """A file opened for binary reading, through gzip when it starts with the gzip magic."""
    with path.open("rb") as raw:
        if raw.read(2) == GZIP_MAGIC:
            raw.seek(0)
            with gzip.GzipFile(fileobj=raw) as unzipped:
                yield unzipped  # type: ignore[misc]
        else:
            raw.seek(0)
            yield raw


def cut_text(text: str, source: str, on_error: ErrorHandler, *, cut: bool = False) -> str:
    """The text, cut at a word boundary when it is longer than an article can be, its over-long
    lines split into paragraphs (each change reported)."""
    if len(text) > MAX_TEXT_CHARS or cut:
        end = text.rfind(" ", MAX_TEXT_CHARS * 9 // 10, MAX_TEXT_CHARS)
        on_error(InputError(source, f"text longer than {MAX_TEXT_CHARS:,} characters; cut to the first {MAX_TEXT_CHARS:,}"))
        text = text[: end if end > 0 else MAX_TEXT_CHARS]
    longest = max(map(len, text.splitlines()), default=0)
    if longest <= MAX_LINE_CHARS:
        return text
    on_error(InputError(source, f"a line of {longest:,} characters split into paragraphs (no paragraph is that long)"))
    return "\n".join(split_line(line) if len(line) > MAX_LINE_CHARS else line for line in text.split("\n"))


def split_line(line: str) -> str:
    """An over-long line as paragraphs of about `PARAGRAPH_CHARS`, split after sentences (else between words)."""
    paragraphs, current = [], ""
    for piece in (p for sentence in SENTENCE_END.split(line) for p in word_chunks(sentence)):
        if current and len(current) + len(piece) >= PARAGRAPH_CHARS:
            paragraphs.append(current)
            current = ""
        current = f"{current} {piece}" if current else piece
    return "\n\n".join([*paragraphs, current])


def word_chunks(sentence: str) -> list[str]:
    """A sentence in pieces of at most `PARAGRAPH_CHARS`, split between words where there are any."""
    chunks = []
    while len(sentence) > PARAGRAPH_CHARS:
        end = sentence.rfind(" ", 0, PARAGRAPH_CHARS)
        end = end if end > 0 else PARAGRAPH_CHARS
        chunks.append(sentence[:end])
        sentence = sentence[end:].lstrip(" ")
    return [*chunks, sentence]


def looks_like_html(text: str) -> bool:
    """Whether a text file is really an HTML page."""
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def checked(doc: RawDocument) -> RawDocument:
    """The document, or an input error when it holds nothing to read."""
    content = doc.text if doc.text is not None else doc.html or ""
    if len(content.strip()) < MIN_TEXT_CHARS:
        raise InputError(doc.source, "empty or nearly empty article")
    return doc


def document_from_json_line(name: str, number: int, line: str, on_error: ErrorHandler = raise_error) -> Iterator[RawDocument]:
    """The article of one JSON line (see `dateline.ingest.feeds`)."""
    from dateline.ingest.feeds import document_from_json_line as from_line

    return from_line(name, number, line, on_error)


__all__ = ["ALL_SUFFIXES", "InputError", "RawDocument", "document_from_json_line", "read_file", "read_inputs"]
