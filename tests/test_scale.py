"""Builds at scale: incremental relinking, worker processes, the Dask engine, failing link stages."""

from __future__ import annotations

import importlib.util
import json

import pytest

from dateline import pipeline, relink
from dateline.export import export_data
from dateline.pipeline import Settings, build
from dateline.store import Store

FLOOD = [
    "2023-03-06\n\nRiver Alder Floods Town of Wexmoor\n\n"
    "The River Alder burst its banks in Wexmoor on Sunday and flooded two hundred homes, the county "
    "council said. Mayor Harriet Doyle said rescue boats had reached the flooded streets of Wexmoor.",
    "2023-03-07\n\nWexmoor Counts Flood Damage\n\n"
    "Residents of Wexmoor returned to flooded homes on Monday as the River Alder fell. Mayor Harriet "
    "Doyle said the flood had damaged the town bridge and the council would pay for repairs.",
]
ORCHESTRA = [
    "2023-03-06\n\nOrchestra of Lantholm Names New Conductor\n\n"
    "The Lantholm Symphony Orchestra named Viktor Esmund its principal conductor on Monday. Esmund "
    "said the orchestra would tour the northern concert halls next season.",
    "2023-03-08\n\nLantholm Conductor Plans Symphony Tour\n\n"
    "Viktor Esmund, the new conductor of the Lantholm Symphony Orchestra, said on Wednesday that the "
    "symphony tour would open with a concert in the Lantholm hall.",
]
FLOOD_LATER = (
    "2023-03-09\n\nFlood Repairs Begin in Wexmoor\n\n"
    "Engineers began repairs to the Wexmoor bridge on Wednesday after the River Alder flood, Mayor "
    "Harriet Doyle said. The county council said the flooded homes of Wexmoor would be inspected."
)


def write(folder, texts: dict[str, str]) -> None:
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text)


def stored_rows(db, table: str) -> dict[str, str]:
    with Store(db) as store:
        return dict(store.db.execute(f"SELECT id, data FROM {table}"))


def story_of(db, source: str) -> str:
    with Store(db) as store:
        return next(a.story for a in store.articles() if a.source.endswith(source))


def test_adding_articles_keeps_untouched_stories_and_rewrites_only_changed_rows(tmp_path):
    corpus = tmp_path / "in"
    write(corpus, {"flood1.txt": FLOOD[0], "flood2.txt": FLOOD[1], "music1.txt": ORCHESTRA[0], "music2.txt": ORCHESTRA[1]})
    db = tmp_path / "s.db"
    build([corpus], db)
    flood, music = story_of(db, "flood1.txt"), story_of(db, "music1.txt")
    assert flood != music and story_of(db, "flood2.txt") == flood and story_of(db, "music2.txt") == music
    stories_before, articles_before = stored_rows(db, "stories"), stored_rows(db, "articles")

    write(corpus, {"flood3.txt": FLOOD_LATER})
    report = build([corpus], db)

    assert report.added == 1 and report.skipped == 4
    assert story_of(db, "flood3.txt") == flood
    stories_after, articles_after = stored_rows(db, "stories"), stored_rows(db, "articles")
    assert stories_after[music] == stories_before[music]  # same id, same entries, not told again
    assert json.loads(stories_after[flood])["articles"] != json.loads(stories_before[flood])["articles"]
    assert report.link.stories_told == 1
    changed = {i for i in articles_before if articles_after[i] != articles_before[i]}
    assert report.link.articles_written == len(changed) + 1  # the new article and those it changed
    with Store(db) as store:
        music_ids = {a.id for a in store.articles() if a.story == music}
    assert not music_ids & changed


def test_building_again_writes_nothing(tmp_path):
    write(tmp_path / "in", {"flood1.txt": FLOOD[0], "music1.txt": ORCHESTRA[0]})
    build([tmp_path / "in"], tmp_path / "a.db")
    report = build([tmp_path / "in"], tmp_path / "a.db")
    link = report.link
    assert (link.articles_written, link.stories_told, link.stories_written, link.speakers_written) == (0, 0, 0, 0)


def test_a_failing_link_stage_is_a_warning_naming_it_and_keeps_the_articles(tmp_path, monkeypatch):
    write(tmp_path / "in", {"flood1.txt": FLOOD[0], "flood2.txt": FLOOD[1]})

    def broken(articles):
        raise ValueError("no events today")

    monkeypatch.setattr(relink, "link_events", broken)
    warnings: list[str] = []
    report = build([tmp_path / "in"], tmp_path / "f.db", warn=warnings.append)
    assert report.added == 2 and report.articles == 2 and report.stories >= 1
    assert warnings == ["link stage 'events' failed (ValueError: no events today); event links and inferred dates kept as stored"]
    with Store(tmp_path / "f.db") as store:
        assert len(store.articles()) == 2 and store.stories()


def exported(db) -> dict:
    with Store(db) as store:
        return export_data(store)


@pytest.fixture
def small_corpus(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 2)  # several batches, so workers really share the work
    texts = {f"flood{i}.txt": t for i, t in enumerate([*FLOOD, FLOOD_LATER])}
    write(tmp_path / "in", texts | {f"music{i}.txt": t for i, t in enumerate(ORCHESTRA)})
    return tmp_path / "in"


def test_worker_processes_give_the_same_export_as_one_process(small_corpus, tmp_path):
    build([small_corpus], tmp_path / "one.db", settings=Settings(workers=1))
    build([small_corpus], tmp_path / "two.db", settings=Settings(workers=2))
    assert exported(tmp_path / "two.db") == exported(tmp_path / "one.db")


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None, reason="the dask extra is not installed")
def test_dask_engine_gives_the_same_export_as_the_local_engine(small_corpus, tmp_path):
    build([small_corpus], tmp_path / "local.db")
    build([small_corpus], tmp_path / "dask.db", settings=Settings(engine="dask", workers=1))
    assert exported(tmp_path / "dask.db") == exported(tmp_path / "local.db")


def test_a_stage_failing_in_every_story_warns_once(tmp_path, monkeypatch):
    write(tmp_path / "in", {"flood1.txt": FLOOD[0], "music1.txt": ORCHESTRA[0], "music2.txt": ORCHESTRA[1]})

    def broken(articles):
        raise ValueError("no events today")

    monkeypatch.setattr(relink, "link_events", broken)
    warnings: list[str] = []
    report = build([tmp_path / "in"], tmp_path / "f.db", warn=warnings.append)
    assert report.stories == 2 and report.link.failed == ["events"]
    assert warnings == ["link stage 'events' failed (ValueError: no events today); event links and inferred dates kept as stored"]


def test_the_corpus_stages_read_a_slim_view_without_bodies(tmp_path):
    write(tmp_path / "in", {"flood1.txt": FLOOD[0], "flood2.txt": FLOOD[1]})
    build([tmp_path / "in"], tmp_path / "v.db")
    hashes: dict = {}
    with Store(tmp_path / "v.db") as store:
        full = {a.id: a for a in store.articles()}
        views = [relink.link_view(record, hashes) for record in store.iter_records()]
    assert [v.id for v in views] == list(full)
    for view in views:
        article = full[view.id]
        assert view.body == "" and not view.sentences and not view.events and not view.timexes
        assert (view.title, view.story, view.published) == (article.title, article.story, article.published)
        assert [q.speaker for q in view.quotes] == [q.speaker for q in article.quotes]
        assert "Harriet Doyle" in {e.text for e in view.entities}
        assert len(hashes[view.id]) > 10  # the body's shingles were hashed while it streamed past
