"""The golden file and the example corpus agree: every expectation points at real text."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden" / "example_corpus.toml"
STRING_FIELDS = ("boilerplate", "keep", "captions", "speakers", "misleading")


@pytest.fixture(scope="module")
def golden() -> dict:
    return tomllib.loads(GOLDEN.read_text(encoding="utf-8"))


def source_content(example_dir: Path, source: str) -> str:
    """The raw content of a source: a file, or the text/html field of one JSON line."""
    name, _, line = source.partition("#")
    raw = (example_dir / name).read_text(encoding="utf-8")
    if not line:
        return raw
    record = json.loads(raw.splitlines()[int(line) - 1])
    return record.get("text") or record.get("html") or ""


def source_lines(content: str) -> set[str]:
    """The stripped lines of a source, which a plain-text expectation must match exactly."""
    return {line.strip() for line in content.splitlines()}


def test_every_corpus_file_is_described(golden: dict, example_dir: Path) -> None:
    described = {a["source"].partition("#")[0] for a in golden["article"]}
    on_disk = {p.name for p in example_dir.iterdir() if p.is_file() and p.suffix != ".toml"}
    assert described == on_disk  # outlets.toml is the corpus's user outlet table, not an article


def test_corpus_shape(golden: dict, example_dir: Path) -> None:
    suffixes = [p.suffix for p in example_dir.iterdir() if p.is_file()]
    assert (suffixes.count(".txt"), suffixes.count(".html"), suffixes.count(".jsonl")) == (7, 2, 1)
    assert 8 <= len(golden["article"]) <= 12
    assert len({a["outlet"] for a in golden["article"]}) >= 4


def test_jsonl_records_carry_metadata(golden: dict, example_dir: Path) -> None:
    for article in golden["article"]:
        name, _, line = article["source"].partition("#")
        if line:
            record = json.loads((example_dir / name).read_text().splitlines()[int(line) - 1])
            assert {"url", "title", "published", "outlet"} <= record.keys()
            assert record["outlet"] == article["outlet"]
            assert record["title"] == article["title"]


@pytest.mark.parametrize("field", STRING_FIELDS)
def test_expected_strings_exist(golden: dict, example_dir: Path, field: str) -> None:
    for article in golden["article"]:
        content = source_content(example_dir, article["source"])
        plain = not content.lstrip().startswith("<")
        for expected in article.get(field, []):
            exact_line = field in ("boilerplate", "captions") and plain
            found = expected in source_lines(content) if exact_line else expected in content
            assert found, f"{article['source']}: {field} {expected!r} not in the source"


def test_titles_exist(golden: dict, example_dir: Path) -> None:
    for article in golden["article"]:
        assert article["title"] in source_content(example_dir, article["source"])


def test_captions_are_printed_twice(golden: dict, example_dir: Path) -> None:
    for article in golden["article"]:
        for caption in article.get("captions", []):
            assert source_content(example_dir, article["source"]).count(caption) == 2


def test_one_unrelated_article_and_one_undated(golden: dict) -> None:
    stories = [a["story"] for a in golden["article"]]
    assert sorted(stories.count(s) for s in set(stories)) == [1, len(stories) - 1]
    undated = [a for a in golden["article"] if a["published"] == "unknown-inferable"]
    assert len(undated) == 1 and undated[0]["inferred"]


def test_undated_article_has_no_calendar_date(golden: dict, example_dir: Path) -> None:
    undated = next(a for a in golden["article"] if a["published"] == "unknown-inferable")
    content = source_content(example_dir, undated["source"])
    assert not re.search(r"\b(19|20)\d\d\b", content)
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    assert not re.search(rf"\b({months})\b", content)


def test_figures_exist_in_their_sources(golden: dict, example_dir: Path) -> None:
    for conflict in golden["conflict"]:
        for claim in conflict["claims"]:
            assert claim["text"] in source_content(example_dir, claim["source"])
    for agreement in golden["agreement"]:
        for source in agreement["sources"]:
            assert agreement["text"] in source_content(example_dir, source)


def test_references_point_at_described_articles(golden: dict, example_dir: Path) -> None:
    sources = {a["source"] for a in golden["article"]}
    cited = [s for t in golden["timeline"] for s in t["sources"]]
    cited += [a["duplicate_of"] for a in golden["article"] if "duplicate_of" in a]
    assert set(cited) <= sources
    dates = [t["date"] for t in golden["timeline"]]
    assert dates == sorted(dates)


def test_speaker_spellings_each_appear(golden: dict, example_dir: Path) -> None:
    corpus = "".join(source_content(example_dir, a["source"]) for a in golden["article"])
    for speaker in golden["speaker"]:
        assert all(spelling in corpus for spelling in speaker["spellings"])


def test_framing_terms_appear_in_their_outlets(golden: dict, example_dir: Path) -> None:
    for framing in golden["framing"]:
        texts = [
            source_content(example_dir, a["source"]).lower()
            for a in golden["article"]
            if a["outlet"] == framing["outlet"]
        ]
        for term in framing["terms"]:
            assert any(term in text for text in texts), (framing["outlet"], term)
