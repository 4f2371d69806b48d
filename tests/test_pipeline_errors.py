"""A failure inside one article is a one-line warning naming the file; the run goes on."""

from __future__ import annotations

from dateline import pipeline
from dateline.pipeline import build
from dateline.store import Store

GOOD = (
    "Ferry Service Returns to the Islands\n\n"
    "The harbour authority said on Tuesday that the ferry to the outer islands would sail again "
    "next week after repairs to the pier. Captain Ilse Marten said the crew was ready."
)
BAD = GOOD.replace("Ferry", "Cargo").replace("islands", "mainland")


def test_one_failing_article_is_skipped_with_a_warning(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "bad.txt").write_text(BAD)
    real = pipeline.extract_claims

    def flaky(article, doc):
        if "mainland" in article.body:
            raise RuntimeError("figure reader broke")
        return real(article, doc)

    monkeypatch.setattr(pipeline, "extract_claims", flaky)
    warnings: list[str] = []
    report = build([tmp_path], tmp_path / "w.db", warn=warnings.append)
    assert report.added == 1 and report.warning_count == 1
    assert warnings == [f"{tmp_path / 'bad.txt'}: skipped, RuntimeError while analysing: figure reader broke"]
    assert report.problems == 1
    with Store(tmp_path / "w.db") as store:
        assert [a.source for a in store.articles()] == [str(tmp_path / "good.txt")]


def test_a_crash_after_a_batch_keeps_what_was_stored(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(GOOD)

    def crash(store, *args):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "relink", crash)
    try:
        build([tmp_path], tmp_path / "k.db")
    except KeyboardInterrupt:
        pass
    with Store(tmp_path / "k.db") as store:
        assert [a.source for a in store.articles()] == [str(tmp_path / "good.txt")]


def test_non_english_article_is_kept_flagged_and_not_analysed(tmp_path):
    (tmp_path / "fr.txt").write_text(
        "Le port reprend ses activités\n\n"
        "Les dockers ont repris le travail mardi matin après trois jours de grève, a annoncé la "
        "direction du port. Le syndicat a déclaré que les négociations continueraient la semaine prochaine."
    )
    build([tmp_path], tmp_path / "fr.db")
    with Store(tmp_path / "fr.db") as store:
        (article,) = store.articles()
    assert article.language == "fr" and "dockers" in article.body
    assert len(article.warnings) == 1 and "fr" in article.warnings[0]
    assert article.sentences == [] and article.quotes == []


def test_a_text_whose_every_line_looks_like_furniture_is_kept_as_given(tmp_path):
    """A one-line brief the cleaner would drop whole is still the user's article: stored, flagged."""
    from dateline.clean import clean_documents
    from dateline.model import RawDocument

    brief = "June 3 2004 : Not going back ."
    (cleaned,) = clean_documents([RawDocument(source="b.txt", text=brief)])
    assert not cleaned.body.strip()  # the cleaner alone keeps nothing of it
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "brief.txt").write_text(brief)
    build([tmp_path / "in"], tmp_path / "b.db", warn=lambda message: None)
    with Store(tmp_path / "b.db") as store:
        (article,) = store.articles()
    assert "Not going back" in article.body
    assert any("kept as given" in w for w in article.warnings)
