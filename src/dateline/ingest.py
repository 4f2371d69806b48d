"""Ingest: files and directories of raw articles -> RawDocument.

Plain text (already-extracted web text), HTML, JSON Lines (one article a line) and WARC
archives (HTML responses). Nothing is judged here; a file that cannot be read yields an
`InputError` through the caller's error handler and the run goes on.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from dateline.errors import InputError
from dateline.model import RawDocument

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
ALL_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
MAX_BYTES = 50 * 1024 * 1024  # a single article file larger than this is not an article
MIN_TEXT_CHARS = 20  # fewer visible characters than a headline: nothing to read

ErrorHandler = Callable[[InputError], None]


def raise_error(error: InputError) -> None:
    """The default handler: stop at the first bad input."""
    raise error


def read_inputs(paths: Iterable[str | Path], *, on_error: ErrorHandler = raise_error) -> Iterator[RawDocument]:
    """Every article found under the given files and directories, in a stable order."""
    for path in expand_paths(paths, on_error=on_error):
        try:
            yield from read_file(path, on_error=on_error)
        except InputError as error:
            on_error(error)


def expand_paths(paths: Iterable[str | Path], *, on_error: ErrorHandler) -> Iterator[Path]:
    """Files named directly, and the readable files of named directories (sorted)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and has_suffix(p, ALL_SUFFIXES))
        elif path.is_file():
            yield path
        else:
            on_error(InputError(str(raw), "no such file or directory"))


def has_suffix(path: Path, suffixes: tuple[str, ...]) -> bool:
    """Whether a file name ends with one of the suffixes (case-insensitive)."""
    return path.name.lower().endswith(suffixes)


def read_file(path: Path, *, on_error: ErrorHandler = raise_error) -> Iterator[RawDocument]:
    """The articles of one file, by its kind; bad lines of a JSON Lines file go to `on_error`."""
    if path.stat().st_size > MAX_BYTES:
        raise InputError(path.name, f"file is larger than {MAX_BYTES // 2**20} MiB")
    if has_suffix(path, WARC_SUFFIXES):
        yield from read_warc(path)
    elif has_suffix(path, JSONL_SUFFIXES):
        yield from read_jsonl(path, on_error=on_error)
    elif has_suffix(path, HTML_SUFFIXES):
        yield checked(RawDocument(source=path.name, html=read_text(path)))
    else:
        text = read_text(path)
        kind = RawDocument(source=path.name, html=text) if looks_like_html(text) else RawDocument(source=path.name, text=text)
        yield checked(kind)


def read_text(path: Path) -> str:
    """A file's text, gunzipped when needed; undecodable or binary files are input errors."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(path.name, f"broken gzip data ({exc})") from None
    if b"\x00" in data[:4096]:
        raise InputError(path.name, "binary file, not text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(path.name, "text is neither UTF-8 nor Windows-1252")


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


def read_jsonl(path: Path, *, on_error: ErrorHandler) -> Iterator[RawDocument]:
    """One article per JSON line; a bad line is reported and the rest are read."""
    lines = read_text(path).splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield from document_from_json_line(path.name, number, line)
        except InputError as error:
            on_error(error)


def document_from_json_line(name: str, number: int, line: str) -> Iterator[RawDocument]:
    """The article of one JSON line; bad lines raise with the line number."""
    where = f"{name}#{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"invalid JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise InputError(where, "a JSON line must be an object")
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise InputError(where, "no 'text' or 'html' field")
    url = as_str(record.get("url"))
    yield checked(
        RawDocument(
            source=url or where,
            text=text if isinstance(text, str) else None,
            html=html if isinstance(html, str) and not isinstance(text, str) else None,
            url=url,
            title=as_str(record.get("title")),
            published=as_str(record.get("published") or record.get("date")),
            outlet=as_str(record.get("outlet")),
        )
    )


def as_str(value: object) -> str | None:
    """A metadata value as a non-empty string, or None."""
    return value.strip() or None if isinstance(value, str) else None


def read_warc(path: Path) -> Iterator[RawDocument]:
    """HTML responses of a WARC archive; the WARC date is kept as crawl time only."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                doc = warc_document(record)
                if doc is not None:
                    found += 1
                    yield doc
    except (ArchiveLoadFailed, ValueError, OSError, zlib.error) as exc:
        raise InputError(path.name, f"not a readable WARC archive ({exc})") from None
    if not found:
        raise InputError(path.name, "no HTML response records in this WARC archive")


def warc_document(record) -> RawDocument | None:
    """The article of one WARC response record, if it is an HTML page."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if "html" not in (record.http_headers.get_header("Content-Type") or "").lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    html = record.content_stream().read().decode("utf-8", errors="replace")
    if len(html.strip()) < MIN_TEXT_CHARS:
        return None
    return RawDocument(source=url or "warc-record", html=html, url=url, fetched=record.rec_headers.get_header("WARC-Date"))
