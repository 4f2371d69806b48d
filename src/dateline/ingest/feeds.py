"""Files that hold many articles: JSON Lines (one article a line) and WARC archives.

Both are streamed, so memory stays bounded however long the file. A record is named
'path#N' (its line, or its place in the archive). A bad line or record is reported and the
rest are read; a file cut short (a truncated gzip) keeps what came before and says so.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from dateline.errors import InputError
from dateline.ingest import MAX_FILE_BYTES, checked, cut_text, open_input, raise_error
from dateline.ingest.decode import bom_charset, decode, header_charset, utf16_without_bom
from dateline.ingest.walk import ErrorHandler
from dateline.model import RawDocument

MAX_LINE_CHARS = MAX_FILE_BYTES  # a JSON line longer than this is skipped unread
FUTURE_YEARS = 1  # a published date more than this many years ahead of today is an error
STREAM_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile, UnicodeDecodeError)


def read_jsonl(path: Path, *, on_error: ErrorHandler) -> Iterator[RawDocument]:
    """One article per JSON line; a bad line is reported and the rest are read."""
    number = 0
    with open_input(path) as raw:
        head = raw.peek(4096)[:4096] if hasattr(raw, "peek") else b""
        charset = bom_charset(head) or utf16_without_bom(head) or "utf-8"
        lines = io.TextIOWrapper(raw, encoding=charset, errors="surrogateescape", newline=None)
        try:
            while line := lines.readline(MAX_LINE_CHARS + 1):
                number += 1
                yield from json_line(path, number, line, lines, on_error)
        except STREAM_ERRORS as exc:
            on_error(InputError(str(path), f"broken or truncated data after line {number}; the rest is lost ({exc})"))


def json_line(path: Path, number: int, line: str, lines: io.TextIOWrapper, on_error: ErrorHandler) -> Iterator[RawDocument]:
    """The article of one line read from a stream (an over-long line is skipped to its end)."""
    where = f"{path}#{number}"
    if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
        while (rest := lines.readline(MAX_LINE_CHARS)) and not rest.endswith("\n"):
            pass
        on_error(InputError(where, f"line longer than {MAX_LINE_CHARS:,} characters; skipped"))
        return
    if not line.strip():
        return
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8: read them in the charset they look like
        line = decode(line.encode("utf-8", "surrogateescape"), where)
    try:
        yield from document_from_json_line(str(path), number, line.rstrip("\r\n"), on_error)
    except InputError as error:
        on_error(error)


def document_from_json_line(name: str, number: int, line: str, on_error: ErrorHandler = raise_error) -> Iterator[RawDocument]:
    """The article of one JSON line; a line without an article raises, a bad field is reported."""
    where = f"{name}#{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"invalid JSON ({exc.msg})") from None
    except RecursionError:
        raise InputError(where, "invalid JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        raise InputError(where, "a JSON line must be an object")
    fields = {key: string_field(record, key, where, on_error) for key in ("text", "html", "url", "title", "outlet")}
    text, html = fields["text"], fields["html"]
    if text is None and html is None:
        raise InputError(where, "no 'text' or 'html' string; skipped")
    yield checked(
        RawDocument(
            source=where,
            text=cut_text(text, where, on_error) if text is not None else None,
            html=html if text is None else None,
            url=fields["url"],
            title=fields["title"],
            published=published_field(record, where, on_error),
            outlet=fields["outlet"],
            record=number,
        )
    )


def string_field(record: dict, key: str, where: str, on_error: ErrorHandler) -> str | None:
    """A field as a non-empty string; any other type is reported and ignored."""
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value.strip() or None if value else None
    on_error(InputError(where, f"'{key}' is {type(value).__name__}, not a string; ignored"))
    return None


def published_field(record: dict, where: str, on_error: ErrorHandler) -> str | None:
    """The 'published' (or 'date') field, if it names a plausible date; otherwise reported."""
    from dateline.dates.candidates import parse_date

    key = "published" if record.get("published") is not None else "date"
    value = string_field(record, key, where, on_error)
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        on_error(InputError(where, f"'{key}' {value[:40]!r} is not a date; ignored"))
        return None
    if parsed.year > date.today().year + FUTURE_YEARS:
        on_error(InputError(where, f"'{key}' {value[:40]!r} is in the future; ignored"))
        return None
    return value


def read_warc(path: Path, *, on_error: ErrorHandler) -> Iterator[RawDocument]:
    """HTML responses of a WARC archive; the WARC date is kept as crawl time only."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = number = end = 0
    failure: Exception | None = None
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for number, record in enumerate(records, start=1):
                doc = warc_document(record, path, number, on_error)
                end = records.get_record_offset() + records.get_record_length()
                if doc is not None:
                    found += 1
                    yield doc
    except (ArchiveLoadFailed, ValueError, EOFError, zlib.error, AttributeError) as exc:  # AttributeError: warcio on a cut header
        failure = exc
    if not archive_complete(path, end):
        after = f"after record {number}" if number else "before its first record ended"
        on_error(InputError(str(path), f"archive cut short {after}; the partial record is lost"))
    elif failure is not None:
        where = "not a readable WARC archive" if number == 0 else f"archive broken after record {number}; the rest is lost"
        on_error(InputError(str(path), f"{where} ({failure})"))
    elif number == 0:
        on_error(InputError(str(path), "no WARC records (empty, or not an archive)"))
    elif not found:
        on_error(InputError(str(path), "no HTML response records in this WARC archive"))


def archive_complete(path: Path, end: int) -> bool:
    """Whether an archive ends where its last record ends (a gzip one: whether every member ends)."""
    with path.open("rb") as stream:
        if stream.read(2) != b"\x1f\x8b":
            return path.stat().st_size - end <= len(b"\r\n\r\n")
        stream.seek(0)
        return gzip_complete(stream)


def gzip_complete(stream) -> bool:
    """Whether a (multi-member) gzip stream ends where a member ends."""
    inflate = zlib.decompressobj(wbits=31)
    try:
        while chunk := stream.read(2**20):
            while chunk:
                if inflate.eof:
                    inflate = zlib.decompressobj(wbits=31)
                inflate.decompress(chunk, 2**20)
                chunk = inflate.unused_data if inflate.eof else inflate.unconsumed_tail
    except zlib.error:
        return False
    return inflate.eof


def warc_document(record, path: Path, number: int, on_error: ErrorHandler) -> RawDocument | None:
    """The article of one WARC response record, if it is an HTML page (a cut record is reported)."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    where = f"{path}#{number}"
    content_type = record.http_headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return None
    data = record.content_stream().read(MAX_FILE_BYTES + 1)
    expected = record.rec_headers.get_header("Content-Length")
    if len(data) > MAX_FILE_BYTES:
        on_error(InputError(where, f"page larger than {MAX_FILE_BYTES // 2**20} MiB; only the start is read"))
        data = data[:MAX_FILE_BYTES]
    elif record.length is not None and expected and record.length < int(expected):
        on_error(InputError(where, "record cut short (truncated archive); what arrived is read"))
    try:
        html = decode(data, where, declared=header_charset(content_type), html=True)
        url = record.rec_headers.get_header("WARC-Target-URI")
        return checked(RawDocument(source=where, html=html, url=url, fetched=record.rec_headers.get_header("WARC-Date"), record=number))
    except InputError as error:
        on_error(error)
        return None
