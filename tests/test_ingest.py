"""Ingest reads every supported input kind and reports bad files without stopping."""

from __future__ import annotations

import gzip
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.errors import InputError
from dateline.ingest import document_from_json_line, read_inputs

STORY = "The harbour authority said on Tuesday that the ferry service would resume next week after repairs."


def collect(paths):
    errors: list[InputError] = []
    docs = list(read_inputs(paths, on_error=errors.append))
    return docs, errors


def test_plain_text_is_named_by_its_full_path(tmp_path):
    sub = tmp_path / "nested"
    sub.mkdir()
    (sub / "a.txt").write_text(STORY, encoding="utf-8")
    docs, errors = collect([tmp_path])
    assert errors == []
    assert [d.source for d in docs] == [str(sub / "a.txt")] and docs[0].record is None
    assert docs[0].text == STORY and docs[0].html is None


def test_html_file_is_read_as_html(tmp_path):
    page = f"<!DOCTYPE html><html><head><title>Ferry</title></head><body><p>{STORY}</p></body></html>"
    (tmp_path / "page.html").write_text(page)
    (tmp_path / "page2.html.gz").write_bytes(gzip.compress(page.encode()))
    (tmp_path / "disguised.txt").write_text(page)
    docs, errors = collect([tmp_path])
    assert errors == []
    assert {d.source for d in docs} == {str(tmp_path / n) for n in ("page.html", "page2.html.gz", "disguised.txt")}
    assert all(d.html and "<p>" in d.html and d.text is None for d in docs)


def test_jsonl_reads_metadata_and_reports_bad_lines(tmp_path):
    lines = [
        json.dumps({"text": STORY, "url": "https://harbour.example/news/1", "title": "Ferries", "published": "2021-05-04", "outlet": "Harbour Times"}),
        "{not json",
        json.dumps({"title": "no body"}),
        "",
        json.dumps({"text": STORY + " Again."}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines))
    docs, errors = collect([tmp_path / "feed.jsonl"])
    feed = tmp_path / "feed.jsonl"
    assert [d.source for d in docs] == [f"{feed}#1", f"{feed}#5"] and [d.record for d in docs] == [1, 5]
    assert docs[0].url == "https://harbour.example/news/1"
    assert docs[0].published == "2021-05-04" and docs[0].outlet == "Harbour Times" and docs[0].title == "Ferries"
    assert [e.source for e in errors] == [f"{feed}#2", f"{feed}#3"]
    assert "invalid JSON" in errors[0].reason and "no 'text' or 'html'" in errors[1].reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x00\x01\x02 binary junk" * 10, "binary"),
        ("broken.html.gz", b"\x1f\x8b\x08 not really gzip", "gzip"),
        ("broken.warc.gz", b"this is not a warc archive at all" * 5, "WARC"),
    ],
)
def test_bad_files_are_reported_with_reason_and_run_goes_on(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(STORY)
    docs, errors = collect([tmp_path])
    assert [d.source for d in docs] == [str(tmp_path / "good.txt")]
    assert len(errors) == 1 and errors[0].source == str(tmp_path / name) and reason in errors[0].reason


def test_missing_path_is_an_error(tmp_path):
    docs, errors = collect([tmp_path / "nope"])
    assert docs == [] and "no such file" in errors[0].reason


def test_warc_responses_become_documents_with_crawl_time_kept_apart(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    body = f"<html><body><p>{STORY}</p></body></html>".encode()
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    record = writer.create_warc_record("https://harbour.example/a", "response", payload=io.BytesIO(body), http_headers=headers)
    writer.write_record(record)
    (tmp_path / "crawl.warc.gz").write_bytes(buffer.getvalue())
    docs, errors = collect([tmp_path])
    assert errors == []
    assert docs[0].source == f"{tmp_path / 'crawl.warc.gz'}#1" and docs[0].url == "https://harbour.example/a"
    assert STORY in docs[0].html and docs[0].fetched and docs[0].published is None


def test_seeds_are_read_as_plain_text(seeds_dir):
    docs, errors = collect([seeds_dir])
    assert errors == [] and len(docs) == 5
    assert all(d.text and d.source.startswith(str(seeds_dir)) and d.source.endswith(".txt") for d in docs)


@given(st.text(min_size=1, max_size=200))
def test_any_json_line_gives_a_document_or_a_clear_error(line):
    try:
        docs = list(document_from_json_line("x.jsonl", 1, line))
    except InputError as error:
        assert error.source == "x.jsonl#1" and error.reason
    else:
        assert len(docs) == 1 and (docs[0].text or docs[0].html)
