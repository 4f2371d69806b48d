"""Shared fixtures: the seeds (when ../shared exists), the example corpus, one spaCy model."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check invariants, never speed: no per-example deadline (a loaded CI machine
# would otherwise fail them at random), and a fixed seed order so a CI run is reproducible.
settings.register_profile("dateline", deadline=None, derandomize=True)
settings.load_profile("dateline")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
SHARED_DATA = REPO.parent / "shared" / "data"
EXAMPLE_CORPUS = REPO / "src" / "dateline" / "data" / "corpus"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is absent")
    return SEEDS


@pytest.fixture(scope="session")
def seed_texts(seeds_dir: Path) -> dict[str, str]:
    """File name -> raw text of each seed article."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE_CORPUS


@pytest.fixture(scope="session")
def example_articles(example_dir: Path) -> list[Path]:
    """The article files of the example corpus (without its outlet table)."""
    return sorted(p for p in example_dir.iterdir() if p.suffix in (".txt", ".html", ".jsonl"))


@pytest.fixture(scope="session")
def nlp():
    from dateline.analyse.nlp import load_model

    return load_model()


# Article text that tries every way into a page: script tags, event handlers, javascript:
# links, broken markup, in the title, the outlet, the body and the quotes.
HOSTILE_ARTICLE = {
    "url": "https://evil.example/a?x=\"><script>window.__pwned=1</script>",
    "outlet": "Evil <b onmouseover=\"window.__pwned=1\">Times</b>",
    "title": "Siege of Tolvan <script>window.__pwned=1</script> ends <img src=x onerror=\"window.__pwned=1\">",
    "published": "2023-03-10",
    "text": (
        "The rebels who hold the eastern districts of Tolvan agreed on Friday to extend the truce by three more "
        "days, officials in the city said, after a week in which aid lorries reached the old quarter for the first "
        "time since the siege began <script>window.__pwned=1</script> last autumn and the shelling stopped.\n\n"
        "\"We will hold the line for as long as the other side keeps its word and the convoys keep coming,\" the "
        "mayor of Tolvan, Ann Lind, told reporters on Thursday <img src=x onerror=window.__pwned=1> outside the "
        "town hall, where families queued for bread and water through the afternoon.\n\n"
        "Aid workers said the convoys that crossed the river on March 9 carried food and medicine for about "
        "twelve thousand people <a href=javascript:window.__pwned=1>read more</a> and that more lorries were "
        "waiting at the checkpoint <div><b>for <i>permission</div></b> to enter the eastern districts."
    ),
}


@pytest.fixture(scope="session")
def web_store(example_dir, tmp_path_factory) -> Path:
    """The example corpus plus one hostile article, built into a database (for web and report tests)."""
    import json

    from dateline.pipeline import Settings, build

    tmp = tmp_path_factory.mktemp("web")
    hostile = tmp / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE_ARTICLE) + "\n", encoding="utf-8")
    db = tmp / "web.db"
    build([example_dir, hostile], db, settings=Settings(outlets_file=example_dir / "outlets.toml"))
    return db
