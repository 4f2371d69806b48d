"""Bad input, each case on a file generated here: one warning naming the file and why; the run goes on."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.ingest import MAX_LINE_CHARS, MAX_TEXT_CHARS, read_inputs
from dateline.ingest import feeds as feeds_module

STORY = "The harbour authority said on Tuesday that the ferry service would resume next week after repairs."
CAFE = "The café owner said the ferry “would sail again” on Tuesday, after the storm had passed."


def collect(*paths):
    errors: list[InputError] = []
    docs = list(read_inputs(paths, on_error=errors.append))
    return docs, errors


def reasons(errors) -> list[tuple[str, str]]:
    return [(Path(e.source).name, e.reason) for e in errors]


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>Ferry</title></head><body><p>{body}</p></body></html>"


def warc(records: list[tuple[str, bytes, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, body, content_type in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


# encodings


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf16-bom.txt", CAFE.encode("utf-16")),
        ("utf16le-no-bom.txt", CAFE.encode("utf-16-le")),
        ("utf16be-no-bom.txt", CAFE.encode("utf-16-be")),
        ("utf8-bom.txt", b"\xef\xbb\xbf" + CAFE.encode()),
        ("cp1252.txt", CAFE.encode("cp1252")),
        ("meta-1252.html", page(CAFE, '<meta charset="windows-1252">').encode("cp1252")),
        ("http-equiv.html", page(CAFE, '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">').encode("cp1252")),
    ],
)
def test_every_encoding_is_read_as_the_text_it_is(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    docs, errors = collect(tmp_path / name)
    assert errors == []
    assert CAFE in (docs[0].text or docs[0].html)


def test_shift_jis_page_with_meta_charset(tmp_path):
    text = "東京で火曜日、フェリーの運航が再開されたと港湾当局が発表した。"
    (tmp_path / "tokyo.html").write_bytes(page(text, '<meta charset="Shift_JIS">').encode("shift_jis"))
    docs, errors = collect(tmp_path / "tokyo.html")
    assert errors == [] and text in docs[0].html


def test_warc_charset_comes_from_the_http_header_then_the_page(tmp_path):
    archive = warc(
        [
            ("https://a.example/1", page(CAFE).encode("cp1252"), "text/html; charset=windows-1252"),
            ("https://a.example/2", page(CAFE, '<meta charset="windows-1252">').encode("cp1252"), "text/html"),
            ("https://a.example/3", page(CAFE).encode("utf-8"), "text/html; charset=utf-8"),
        ]
    )
    (tmp_path / "crawl.warc.gz").write_bytes(archive)
    docs, errors = collect(tmp_path / "crawl.warc.gz")
    assert errors == [] and len(docs) == 3
    assert all(CAFE in d.html for d in docs)


def test_undecodable_and_binary_files_are_one_warning_each(tmp_path):
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "controls.txt").write_bytes(b"\x01\x02\x03\x04\x05\x06\x07\x08" * 300)
    (tmp_path / "good.txt").write_text(STORY)
    docs, errors = collect(tmp_path)
    assert [Path(d.source).name for d in docs] == ["good.txt"]
    assert sorted(reasons(errors)) == [("controls.txt", "binary file, not text"), ("image.txt", "binary file, not text")]


# sizes


def test_a_twenty_megabyte_line_is_cut_and_split_with_one_warning(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("w") as out:
        out.write("Ferry Service Returns\n\n")
        for _ in range(20 * 2**20 // 1000):
            out.write("the ferry would sail again after repairs to the pier and the crew was ready for it " * 12)
    docs, errors = collect(huge)
    assert [e.source for e in errors] == [str(huge)] * 2
    assert errors[0].reason == f"text longer than {MAX_TEXT_CHARS:,} characters; cut to the first {MAX_TEXT_CHARS:,}"
    assert errors[1].reason.startswith("a line of ") and errors[1].reason.endswith("split into paragraphs (no paragraph is that long)")
    body = docs[0].text
    assert len(body.replace("\n\n", " ")) <= MAX_TEXT_CHARS and max(map(len, body.splitlines())) <= MAX_LINE_CHARS


def test_a_long_line_is_split_into_paragraphs_between_sentences(tmp_path):
    line = " ".join(f"The ferry sailed on day {i} and the crew was ready." for i in range(400))
    (tmp_path / "long.txt").write_text(f"Headline\n\n{line}\n")
    docs, errors = collect(tmp_path / "long.txt")
    assert len(errors) == 1 and "split into paragraphs" in errors[0].reason
    paragraphs = docs[0].text.strip().split("\n\n")
    assert all(p.endswith(".") for p in paragraphs[1:]) and max(map(len, paragraphs)) <= MAX_LINE_CHARS
    assert docs[0].text.split() == f"Headline {line}".split()  # nothing lost, nothing added


def test_empty_and_nearly_empty_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.html").write_text("   \n\n  ")
    docs, errors = collect(tmp_path)
    assert docs == [] and sorted(reasons(errors)) == [
        ("blank.html", "empty or nearly empty article"),
        ("empty.txt", "empty or nearly empty article"),
    ]


# JSON Lines


def test_json_lines_with_broken_lines_and_wrong_field_types(tmp_path):
    lines = [
        json.dumps({"text": STORY, "url": "https://a.example/1"}),
        '{"text": "cut off',
        json.dumps({"text": 5}),
        json.dumps({"text": STORY + " Two.", "published": "not a date"}),
        json.dumps({"text": STORY + " Three.", "published": "2999-01-01"}),
        json.dumps({"text": STORY + " Four.", "title": ["a", "list"], "outlet": 7}),
        json.dumps([1, 2]),
        "\x00\x01 garbage",
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n")
    docs, errors = collect(feed)
    assert [d.record for d in docs] == [1, 4, 5, 6]
    assert [d.published for d in docs] == [None, None, None, None] and docs[3].title is None
    assert reasons(errors) == [
        ("feed.jsonl#2", "invalid JSON (Unterminated string starting at)"),
        ("feed.jsonl#3", "'text' is int, not a string; ignored"),
        ("feed.jsonl#3", "no 'text' or 'html' string; skipped"),
        ("feed.jsonl#4", "'published' 'not a date' is not a date; ignored"),
        ("feed.jsonl#5", "'published' '2999-01-01' is in the future; ignored"),
        ("feed.jsonl#6", "'title' is list, not a string; ignored"),
        ("feed.jsonl#6", "'outlet' is int, not a string; ignored"),
        ("feed.jsonl#7", "a JSON line must be an object"),
        ("feed.jsonl#8", "invalid JSON (Expecting value)"),
    ]


def test_json_lines_in_utf16_and_gzip_cut_short(tmp_path):
    rows = "".join(json.dumps({"text": f"{STORY} Part {i}."}, ensure_ascii=False) + "\n" for i in range(2000))
    (tmp_path / "wide.jsonl").write_bytes(rows.encode("utf-16"))
    packed = gzip.compress(rows.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    docs, errors = collect(tmp_path / "wide.jsonl", tmp_path / "cut.jsonl.gz")
    wide = [d for d in docs if "wide" in d.source]
    assert len(wide) == 2000 and 0 < len(docs) - 2000 < 2000
    assert len(errors) == 1 and errors[0].source.endswith("cut.jsonl.gz") and "the rest is lost" in errors[0].reason


def test_an_over_long_json_line_is_skipped_and_the_next_read(tmp_path, monkeypatch):
    monkeypatch.setattr(feeds_module, "MAX_LINE_CHARS", 500)
    rows = [json.dumps({"text": STORY * 20}), json.dumps({"text": STORY})]
    (tmp_path / "long.jsonl").write_text("\n".join(rows) + "\n")
    docs, errors = collect(tmp_path / "long.jsonl")
    assert [d.record for d in docs] == [2]
    assert reasons(errors) == [("long.jsonl#1", "line longer than 500 characters; skipped")]


# archives


def test_truncated_warc_keeps_whole_records_and_says_it_was_cut(tmp_path):
    archive = warc([(f"https://a.example/{i}", page(STORY * 30).encode(), "text/html") for i in range(4)])
    (tmp_path / "cut.warc.gz").write_bytes(archive[: len(archive) * 5 // 8])
    (tmp_path / "stub.warc.gz").write_bytes(archive[:100])
    docs, errors = collect(tmp_path)
    assert [d.record for d in docs] == [1, 2]
    assert reasons(errors) == [
        ("cut.warc.gz", "archive cut short after record 2; the partial record is lost"),
        ("stub.warc.gz", "archive cut short before its first record ended; the partial record is lost"),
    ]


def test_records_with_the_same_url_are_two_inputs(tmp_path):
    archive = warc([("https://a.example/same", page(STORY).encode(), "text/html"), ("https://a.example/same", page(CAFE).encode(), "text/html")])
    (tmp_path / "twice.warc.gz").write_bytes(archive)
    docs, _ = collect(tmp_path)
    assert len({d.source for d in docs}) == 2 and {d.url for d in docs} == {"https://a.example/same"}


# the file system


def test_unreadable_and_vanishing_files(tmp_path, monkeypatch):
    for name in ("locked.txt", "gone.txt", "good.txt"):
        (tmp_path / name).write_text(STORY)
    real_open = Path.open

    def guarded(self, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        if self.name == "gone.txt":
            raise FileNotFoundError(2, "No such file or directory", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)
    docs, errors = collect(tmp_path)
    assert [Path(d.source).name for d in docs] == ["good.txt"]
    assert sorted(reasons(errors)) == [("gone.txt", "vanished before it could be read"), ("locked.txt", "permission denied")]


def test_symlink_loops_broken_links_and_junk_are_reported(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "story.txt").write_text(STORY)
    os.symlink(tmp_path, tmp_path / "a" / "loop")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "broken.txt")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    docs, errors = collect(tmp_path)
    assert [d.source for d in docs] == [str(tmp_path / "a" / "story.txt")]
    assert sorted(reasons(errors)) == [
        (".DS_Store", "not an article file (.txt, .html, .htm, .jsonl, .warc (optionally .gz)); skipped"),
        ("broken.txt", "broken symbolic link"),
        ("loop", "symbolic link to a folder already read (a link loop?); skipped"),
    ]


def test_many_small_files_are_all_read_in_order(tmp_path):
    for folder in range(20):
        sub = tmp_path / f"f{folder:02d}"
        sub.mkdir()
        for i in range(100):
            (sub / f"{i:03d}.txt").write_text(f"{STORY} Number {folder}-{i}.")
    docs, errors = collect(tmp_path)
    assert errors == [] and len(docs) == 2000
    assert [d.source for d in docs] == sorted(d.source for d in docs)


def test_same_file_names_in_different_folders_are_different_inputs(tmp_path):
    for day in ("2011-01-01", "2011-01-02"):
        (tmp_path / day).mkdir()
        (tmp_path / day / "1.htm.txt").write_text(f"{STORY} On {day}.")
    docs, _ = collect(tmp_path)
    assert [d.source for d in docs] == [str(tmp_path / "2011-01-01" / "1.htm.txt"), str(tmp_path / "2011-01-02" / "1.htm.txt")]
