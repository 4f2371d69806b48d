"""Shared fixtures: the seeds (when ../shared exists), the example corpus, one spaCy model."""

from __future__ import annotations

from pathlib import Path

import pytest

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
