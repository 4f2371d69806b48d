"""Safe commands: options checked before any work, exit statuses, export that never writes a database."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from dateline.cli import EXIT_ERROR, EXIT_PARTIAL, app
from dateline.store import Store

runner = CliRunner()
ARTICLE = (
    "Ferry Service Returns to the Islands\n\n"
    "The harbour authority said on Tuesday that the ferry to the outer islands would sail again "
    "next week after repairs to the pier. Captain Ilse Marten said the crew was ready."
)


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def one_line_error(result, text: str) -> bool:
    lines = result.stderr.strip().splitlines()
    return result.exit_code == EXIT_ERROR and len(lines) == 1 and lines[0].startswith("dateline: error:") and text in lines[0]


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ferry.txt").write_text(ARTICLE)
    return folder


@pytest.fixture(scope="module")
def built_db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("built")
    (tmp / "ferry.txt").write_text(ARTICLE)
    db = tmp / "b.db"
    assert invoke("build", tmp / "ferry.txt", "--db", db).exit_code == 0
    return db


def test_everything_read_exits_0_and_a_skipped_input_exits_3(corpus, tmp_path):
    assert invoke("build", corpus, "--db", tmp_path / "a.db").exit_code == 0
    (corpus / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1" * 20)
    result = invoke("build", corpus, "--db", tmp_path / "a.db")
    assert result.exit_code == EXIT_PARTIAL
    assert f"dateline: warning: {corpus / '.DS_Store'}: not an article file" in result.stderr
    assert "1 inputs skipped or read only in part" in result.stderr


def test_missing_input_is_an_error_and_creates_no_database(tmp_path):
    result = invoke("build", tmp_path / "nope", "--db", tmp_path / "n.db")
    assert one_line_error(result, "no such file or directory")
    assert not (tmp_path / "n.db").exists()


def test_empty_folder_says_so(tmp_path):
    (tmp_path / "empty").mkdir()
    result = invoke("build", tmp_path / "empty", "--db", tmp_path / "e.db")
    assert result.exit_code == EXIT_PARTIAL and "no article files in this folder" in result.stderr


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--model", "no_such_pipeline_xyz", "'no_such_pipeline_xyz' is not installed"),
        ("--outlets", "missing.toml", "outlet table cannot be read"),
        ("--outlets", "broken.toml", "not an outlet table"),
        ("--outlets", "wrong-type.toml", "not an outlet table"),
        ("--db", "no-such-folder/x.db", "does not exist"),
        ("--db", "folder", "is a directory"),
    ],
)
def test_bad_options_are_one_line_errors_before_any_work(corpus, tmp_path, monkeypatch, option, value, message):
    from dateline.analyse import nlp

    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.toml").write_text("[[outlet]\nname =")
    (tmp_path / "wrong-type.toml").write_text('[[outlet]]\nname = "X"\ndomains = "x.example"\n')
    (tmp_path / "folder").mkdir()
    monkeypatch.setattr(nlp.spacy, "load", lambda name: pytest.fail("the model was loaded before the options were checked"))
    args = ["build", corpus, "--db", tmp_path / "o.db", option, value]
    result = invoke(*args)
    assert one_line_error(result, message), result.stderr


def test_export_never_writes_to_the_database(built_db, tmp_path):
    before = digest(built_db)
    for wal in (built_db.with_name(built_db.name + "-wal"), built_db.with_name(built_db.name + "-shm")):
        wal.unlink(missing_ok=True)
    result = invoke("export", "--db", built_db, "--json", tmp_path / "out.json")
    assert result.exit_code == 0
    assert digest(built_db) == before
    assert json.loads((tmp_path / "out.json").read_text())["warnings"] == []


def test_export_refuses_to_write_over_its_database_or_another_database(built_db, tmp_path):
    before = digest(built_db)
    assert one_line_error(invoke("export", "--db", built_db, "--json", built_db), "is the database being exported")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE notes (t TEXT)").connection.commit()
    assert one_line_error(invoke("export", "--db", built_db, "--json", other), "is an SQLite database")
    assert digest(built_db) == before and sqlite3.connect(other).execute("SELECT name FROM sqlite_master").fetchall() == [("notes",)]


def test_a_file_that_is_not_a_dateline_database_is_never_changed(corpus, tmp_path):
    other = tmp_path / "app.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (t TEXT)")
    con.execute("INSERT INTO notes VALUES ('keep me')")
    con.commit()
    con.close()
    text = tmp_path / "notes.json"
    text.write_text('{"not": "a database"}')
    before = {p: digest(p) for p in (other, text)}
    for path in (other, text):
        assert one_line_error(invoke("export", "--db", path, "--json", "-"), "not")
        assert one_line_error(invoke("build", corpus, "--db", path), "not")
    assert {p: digest(p) for p in (other, text)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.db", "in", "notes.json"]


def test_export_reads_a_database_it_cannot_write(built_db, tmp_path):
    store = Store(built_db, readonly=True)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.db.execute("DELETE FROM articles")
    finally:
        store.close()
