"""Bytes -> text: the charset a file states, else the one it looks like, else an input error.

The order a browser follows: a byte-order mark, then the charset the transport declares (the
HTTP header of a WARC record), then the page's own `<meta charset>`, then UTF-8, then a
statistical guess (charset-normalizer). Text that still reads as control characters is binary.
"""

from __future__ import annotations

import codecs
import re

from dateline.errors import InputError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Labels pages use for what browsers decode as Windows-1252 (WHATWG encoding standard).
WINDOWS_1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "ascii", "us-ascii", "l1"})
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]{1,40})""", re.I)
HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.+-]{1,40})", re.I)
SNIFF_BYTES = 4096  # where a BOM, a meta charset or the byte pattern of UTF-16 must show
# UTF-16 without a BOM: ASCII-range text puts a zero in every other byte.
UTF16_ZERO_SHARE = 0.3
MAX_CONTROL_SHARE = 0.05  # more control characters than this in decoded text: a binary file
ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def decode(data: bytes, source: str, *, declared: str | None = None, html: bool = False) -> str:
    """The text of `data`; binary or undecodable bytes raise an `InputError` naming `source`."""
    stated = [bom_charset(data), utf16_without_bom(data), known_charset(declared)]
    if html:
        stated.append(meta_charset(data))
    for charset in filter(None, stated):
        try:
            return checked_text(data.decode(charset), source)
        except UnicodeDecodeError:
            continue  # a wrong declaration: fall back to what the bytes look like
    if b"\x00" in data[:SNIFF_BYTES]:
        raise InputError(source, "binary file, not text")
    try:
        return checked_text(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        return checked_text(guessed(data, source), source)


def bom_charset(data: bytes) -> str | None:
    """The charset a byte-order mark announces."""
    return next((charset for bom, charset in BOMS if data.startswith(bom)), None)


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte of the start is zero."""
    sample = data[:SNIFF_BYTES]
    if len(sample) < 4:
        return None
    pairs = len(sample) // 2
    even_zeros = sample[0 : pairs * 2 : 2].count(0) / pairs
    odd_zeros = sample[1 : pairs * 2 : 2].count(0) / pairs
    if odd_zeros > UTF16_ZERO_SHARE and even_zeros < odd_zeros / 10:
        return "utf-16-le"
    if even_zeros > UTF16_ZERO_SHARE and odd_zeros < even_zeros / 10:
        return "utf-16-be"
    return None


def known_charset(label: str | None) -> str | None:
    """A charset label as Python knows it (Latin-1 and ASCII read as Windows-1252), or None."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def meta_charset(data: bytes) -> str | None:
    """The charset of a page's `<meta charset>` or `<meta http-equiv content-type>`."""
    found = META_CHARSET.search(data[:SNIFF_BYTES])
    return known_charset(found.group(1).decode("ascii")) if found else None


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type header."""
    found = HEADER_CHARSET.search(content_type or "")
    return known_charset(found.group(1)) if found else None


def guessed(data: bytes, source: str) -> str:
    """Text in the charset charset-normalizer finds most likely."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "binary file, or text in no charset that could be recognised")
    return str(best)


def checked_text(text: str, source: str) -> str:
    """The text, unless it is mostly control characters (a binary file that happened to decode)."""
    sample = text[:SNIFF_BYTES]
    controls = sum(1 for ch in sample if ch < " " and ch not in ALLOWED_CONTROLS)
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        raise InputError(source, "binary file, not text")
    return text.removeprefix("\ufeff")
