"""Invariants on any input (Hypothesis): ingest, the cleaner, the date judge, the time tagger and
the quote extractor never crash, never invent text, and every offset points into the text.

Example counts stay modest so the suite stays fast.
"""

from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.clean import clean_documents
from dateline.clean.detokenise import detokenise
from dateline.clean.lines import split_units
from dateline.dates import date_article
from dateline.errors import InputError
from dateline.ingest import cut_text, document_from_json_line
from dateline.ingest.decode import decode
from dateline.model import RawDocument
from dateline.timex import tag

WORDS = [
    "The", "minister", "said", "on", "Tuesday", "that", "talks", "would", "resume", "next", "week", "in", "Geneva",
    "Reuters", "—", "\u201c", "\u201d", '"', "Share", "this", "©", "2019", "March", "14,", "2016", "at", "10:30",
    "a.m.", "yesterday", "ago", "three", "days", "Photo:", "AFP", "|", "Advertisement", "told", "reporters", ".",
    "Mr.", "Lavrov", "Kerry", "President", "Assad", "\u2019s", "12", "killed", "since", "January", "Friday", "last",
]
line = st.lists(st.sampled_from(WORDS), min_size=0, max_size=18).map(" ".join)
page = st.lists(line, min_size=1, max_size=12).map("\n".join)
FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ingest


@FEW
@given(st.binary(max_size=600))
def test_decode_gives_text_or_one_input_error(data):
    try:
        text = decode(data, "x.txt", html=True)
    except InputError as error:
        assert error.source == "x.txt" and error.reason
    else:
        assert isinstance(text, str)
        if b"\x00" not in data and data.isascii():
            assert text == data.decode("ascii")  # plain text comes back unchanged


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=80),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
fields = st.fixed_dictionaries({}, optional={k: json_value | page for k in ("text", "html", "url", "title", "published", "outlet")})


@FEW
@given(fields)
def test_any_json_record_gives_a_document_of_its_own_text_or_warnings(record):
    warnings: list[InputError] = []
    try:
        docs = list(document_from_json_line("f.jsonl", 1, json.dumps(record), warnings.append))
    except InputError as error:
        assert error.source == "f.jsonl#1"
        return
    (doc,) = docs
    assert all(w.source == "f.jsonl#1" for w in warnings)
    given_text = next(v for v in (record.get("text"), record.get("html")) if isinstance(v, str) and v.strip())
    content = doc.text if doc.text is not None else doc.html
    assert content.split() == given_text.strip().split() or content == given_text
    for key in ("url", "title", "outlet", "published"):
        value = getattr(doc, key)
        assert value is None or value == record.get(key, record.get("date")).strip()


@FEW
@given(page, st.integers(min_value=1, max_value=4))
def test_split_long_lines_keep_every_word_in_order(text, repeat):
    long_text = " ".join([text.replace("\n", " ")] * repeat * 200)
    out = cut_text(long_text, "x", lambda error: None)
    assert out.split() == long_text.split()[: len(out.split())]


# the cleaner


@FEW
@given(page)
def test_cleaner_keeps_or_removes_every_line_and_invents_none(text):
    (article,) = clean_documents([RawDocument(source="p.txt", text=text)])
    units = [unit for unit, _ in split_units(detokenise(text))]  # tokenised text is joined back first
    kept = article.body.split("\n\n") if article.body else []
    assert sorted(kept + article.removed + article.captions) == sorted(units)
    assert all(line in units for line in kept)


# the date judge


@FEW
@given(page, st.one_of(st.none(), st.sampled_from(["2016-03-14", "not a date", "14 March 2016"])))
def test_date_judge_never_crashes_and_keeps_dates_valid(text, published):
    doc = RawDocument(source="p.txt", text=text, published=published)
    (article,) = clean_documents([doc])
    result = date_article(doc, article)
    for value in (result.date, result.not_before, result.not_after):
        assert value is None or date.fromisoformat(value[:10])
    if result.not_before and result.not_after:
        assert result.not_before[:10] <= result.not_after[:10]
    assert result.method in ("explicit", "inferred", "unknown")


# the time tagger


@FEW
@given(page, st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))))
def test_time_expressions_point_into_the_text(text, anchor):
    for mention in tag(text, anchor):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text


# the quote extractor


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(page)
def test_quotes_point_into_the_body_and_their_sentence(nlp, text):
    from dateline.analyse.nlp import parse
    from dateline.analyse.quotes import extract_quotes

    (article,) = clean_documents([RawDocument(source="p.txt", text=text)])
    doc = parse(article, nlp)
    for quote in extract_quotes(article, doc):
        assert 0 <= quote.start <= quote.end <= len(article.body)
        assert quote.text.strip() in article.body
        assert 0 <= quote.sentence < len(article.sentences)
