"""End to end through the CLI: build, export (validated against the contract), demo, errors."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.export import contract_schema
from tests.conftest import REPO

runner = CliRunner()
SHARED_SCHEMA = REPO.parent / "shared" / "contract" / "export.schema.json"


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def seeds_export(seeds_dir, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("seeds")
    db, out = tmp / "s.db", tmp / "s.json"
    built = invoke("build", str(seeds_dir), "--db", str(db))
    assert built.exit_code == 0, built.output
    exported = invoke("export", "--db", str(db), "--json", str(out))
    assert exported.exit_code == 0, exported.output
    return db, json.loads(out.read_text()), built


def test_shipped_schema_is_the_contract():
    if not SHARED_SCHEMA.exists():
        pytest.skip("../shared/contract is absent")
    assert contract_schema() == json.loads(SHARED_SCHEMA.read_text())


def test_seeds_export_validates_and_keeps_every_article(seeds_export, seeds_dir):
    _, data, built = seeds_export
    jsonschema.validate(data, contract_schema())
    assert sorted(a["source"] for a in data["articles"]) == sorted(str(p) for p in seeds_dir.glob("*.txt"))
    assert all(len(a["body"]) > 200 for a in data["articles"])
    for word in ("articles", "outlets", "stories", "quotes", "warnings"):
        assert word in built.output


def test_rebuilding_the_same_input_changes_nothing(seeds_export, seeds_dir):
    db, data, _ = seeds_export
    again = invoke("build", str(seeds_dir), "--db", str(db))
    assert again.exit_code == 0
    second = json.loads(invoke("export", "--db", str(db), "--json", "-").stdout)
    assert [a["id"] for a in second["articles"]] == [a["id"] for a in data["articles"]]
    assert [s["id"] for s in second["stories"]] == [s["id"] for s in data["stories"]]


def test_adding_articles_updates_stories_instead_of_starting_over(seeds_dir, example_dir, tmp_path):
    db = tmp_path / "grow.db"
    first_input = tmp_path / "first"
    shutil.copytree(seeds_dir, first_input)
    assert invoke("build", str(first_input), "--db", str(db)).exit_code == 0
    before = json.loads(invoke("export", "--db", str(db), "--json", "-").stdout)
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps({"text": unrelated_article(), "url": "https://quay.example/tech/1"}) + "\n")
    assert invoke("build", str(extra), "--db", str(db)).exit_code == 0
    after = json.loads(invoke("export", "--db", str(db), "--json", "-").stdout)
    assert len(after["articles"]) == len(before["articles"]) + 1
    old_story_of = {a["id"]: a["story"] for a in before["articles"]}
    assert all(a["story"] == old_story_of[a["id"]] for a in after["articles"] if a["id"] in old_story_of)


def unrelated_article() -> str:
    return (
        "Chipmaker Quaylight Unveils Low-Power Sensor for Farm Drones\n\n"
        "Quaylight, a semiconductor start-up based in Tampere, said on Thursday that its new soil sensor "
        "uses a tenth of the power of earlier models. Chief executive Mira Koskinen said the company "
        "expects the first shipments to reach growers in the spring. Analysts said the market for "
        "agricultural drones has grown quickly as farms look for ways to cut fertiliser costs."
    )


def test_bad_inputs_are_reported_on_one_line_and_the_run_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text(unrelated_article())
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff" * 200)
    (tmp_path / "feed.jsonl").write_text("{broken\n")
    result = invoke("build", str(tmp_path), "--db", str(tmp_path / "b.db"))
    assert result.exit_code == 3  # some inputs skipped
    warnings = [line for line in result.stderr.splitlines() if line.startswith("dateline: warning:")]
    assert any("binary.txt" in w and "binary" in w for w in warnings)
    assert any("feed.jsonl#1" in w and "invalid JSON" in w for w in warnings)
    assert "Traceback" not in result.output


def test_user_errors_are_one_line_and_non_zero(tmp_path):
    missing = invoke("export", "--db", str(tmp_path / "none.db"), "--json", "-")
    assert missing.exit_code == 1
    assert missing.stderr.strip().count("\n") == 0 and "no such database" in missing.stderr
    not_db = tmp_path / "junk.db"
    not_db.write_text("junk " * 500)
    junk = invoke("export", "--db", str(not_db), "--json", "-")
    assert junk.exit_code == 1 and "not a usable Dateline database" in junk.stderr


def test_demo_builds_the_example_corpus(tmp_path):
    out = tmp_path / "demo.json"
    result = invoke("demo", "--db", str(tmp_path / "demo.db"), "--json", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    jsonschema.validate(data, contract_schema())
    assert len(data["articles"]) >= 8 and len(data["outlets"]) >= 4


def test_version_and_help_name_every_command():
    assert invoke("--version").stdout.startswith("dateline ")
    help_text = invoke("--help").stdout
    assert all(command in help_text for command in ("build", "export", "demo"))
