"""The whole pipeline on the example corpus, checked against its reviewed golden file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dateline.pipeline import Settings, build
from dateline.store import Store
from tests.conftest import REPO

GOLDEN = REPO / "tests" / "golden" / "example_corpus.toml"


@pytest.fixture(scope="module")
def golden() -> dict:
    return tomllib.loads(GOLDEN.read_text())


@pytest.fixture(scope="module")
def built(example_dir, example_articles, tmp_path_factory):
    db = tmp_path_factory.mktemp("corpus") / "c.db"
    report = build(example_articles, db, settings=Settings(outlets_file=example_dir / "outlets.toml"))
    with Store(db) as store:
        articles = {Path(a.source).name: a for a in store.articles()}  # 'file.txt', 'file.jsonl#2'
        return report, articles, store.stories(), store.speakers()


@pytest.fixture(scope="module")
def by_golden(built, golden):
    _, articles, _, _ = built
    return {g["source"]: articles[g["source"]] for g in golden["article"]}


def test_every_article_is_built_without_warnings(built, golden):
    report, articles, _, _ = built
    assert report.articles == len(golden["article"]) and report.warning_count == 0


def test_outlet_title_and_cleaning_match_the_golden_file(by_golden, golden):
    for g in golden["article"]:
        article = by_golden[g["source"]]
        assert (article.outlet, article.title) == (g["outlet"], g["title"]), g["source"]
        assert not [line for line in g.get("boilerplate", []) if line in article.body], g["source"]
        assert all(sentence in article.body for sentence in g.get("keep", [])), g["source"]


def test_stated_dates_are_found_and_the_undated_article_is_inferred(by_golden, golden):
    for g in golden["article"]:
        published = by_golden[g["source"]].published
        if g["published"] == "unknown-inferable":
            assert (published.method, published.date) == ("inferred", g["inferred"]), g["source"]
        else:
            assert (published.method, published.date) == ("explicit", g["published"]), g["source"]
        assert published.evidence, g["source"]
        assert not any(m in (published.evidence or "") for m in g.get("misleading", [])), g["source"]


def test_stories_match_the_ones_the_corpus_was_written_with(by_golden, golden):
    labels: dict[str, set[str]] = {}
    for g in golden["article"]:
        labels.setdefault(g["story"], set()).add(by_golden[g["source"]].story)
    assert all(len(ids) == 1 for ids in labels.values())
    assert len({next(iter(ids)) for ids in labels.values()}) == len(labels)


def test_syndicated_copy_is_linked_to_its_original(by_golden, golden):
    for g in golden["article"]:
        if "duplicate_of" in g:
            pair = {by_golden[g["source"]].duplicate_of, by_golden[g["duplicate_of"]].duplicate_of}
            ids = {by_golden[g["source"]].id, by_golden[g["duplicate_of"]].id}
            assert pair & ids, g["source"]


def test_golden_timeline_dates_are_cited_by_their_outlets(built, by_golden, golden):
    _, _, stories, _ = built
    story = next(s for s in stories if len(s.articles) > 1)
    for g in golden["timeline"]:
        cited = {ref.article for e in story.timeline if e.date == g["date"] and e.kind == g["kind"] for ref in e.sources}
        wanted = {by_golden[s].id for s in g["sources"]}
        assert cited & wanted, (g["date"], g["kind"])


def test_one_speaker_under_both_spellings(built, golden):
    _, _, _, speakers = built
    for g in golden["speaker"]:
        holders = [s for s in speakers if set(g["spellings"]) & {s.name, *s.aliases}]
        assert len(holders) == 1, [s.name for s in holders]
