"""Figures: values, counted things, units, hedges kept in the text, and who gives them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.analyse.claims import extract_claims, load_vocabulary, number_value
from dateline.analyse.nlp import parse
from dateline.model import Article, Claim, Quote


def claims_of(nlp, body: str, quotes: list[Quote] | None = None) -> list[Claim]:
    """Parse an inline body and extract its figures."""
    article = Article(id="a", source="a.txt", body=body, quotes=quotes or [])
    doc = parse(article, nlp)
    return extract_claims(article, doc)


@pytest.mark.parametrize(
    ("body", "value", "what", "unit", "text"),
    [
        (
            "About 800 families left the town over the weekend.",
            800,
            "family",
            None,
            "About 800 families",
        ),
        (
            "Some 1,200 families were moved to shelters.",
            1200,
            "family",
            None,
            "Some 1,200 families",
        ),
        (
            "As many as 300,000 civilians are still trapped there.",
            300_000,
            "civilian",
            "people",
            "As many as 300,000 civilians",
        ),
        (
            "Over 400,000 people have died in the war.",
            400_000,
            "people",
            "people",
            "Over 400,000 people",
        ),
        (
            "The army opened eight corridors for the convoys.",
            8,
            "corridor",
            None,
            "eight corridors",
        ),
        ("Both sides agreed to a 72-hour truce.", 72, "truce", "hours", "72-hour truce"),
        (
            "Troops took over 80 percent of the territory of the old town.",
            80,
            "percent of territory of old town",
            "percent",
            "over 80 percent",
        ),
        (
            "The fund paid out 2.5 million dollars last year.",
            2_500_000,
            "money",
            "dollar",
            "2.5 million dollars",
        ),
        ("The ministry said 60 buses had been prepared.", 60, "bus", None, "60 buses"),
    ],
)
def test_figure(nlp, body: str, value: float, what: str, unit: str | None, text: str) -> None:
    claims = claims_of(nlp, body)
    assert [(c.value, c.what, c.unit, c.text) for c in claims] == [(value, what, unit, text)]
    assert claims[0].text in body


@pytest.mark.parametrize(
    "body",
    [
        "The war broke out in March 2011 and the talks began on 3 March.",
        "The pause runs from 8:00 to 18:00 each day.",
        "He scored in the 81st minute and the home side won 3-1.",
        "It was the first convoy of the year.",
        "The envoy shuttled between the two sides for weeks.",
    ],
)
def test_dates_times_ordinals_and_scores_are_not_figures(nlp, body: str) -> None:
    assert claims_of(nlp, body) == []


def test_figure_inside_direct_quote_is_attributed(nlp) -> None:
    body = "“We moved 500 wounded people out,” the doctor said. Officials counted 90 trucks."
    content = "We moved 500 wounded people out,"
    quote = Quote(text=content, direct=True, speaker="Ana Ruiz", start=1, end=1 + len(content))
    claims = claims_of(nlp, body, [quote])
    assert {c.value: c.attributed_to for c in claims} == {500: "Ana Ruiz", 90: None}


def test_innermost_quote_gives_the_speaker(nlp) -> None:
    body = "The envoy said the mayor had told her that 40 families were missing."
    outer_start = body.index("the mayor")
    inner_start = body.index("40 families")
    quotes = [
        Quote(
            text=body[outer_start:-1],
            direct=False,
            speaker="the envoy",
            start=outer_start,
            end=len(body) - 1,
        ),
        Quote(
            text=body[inner_start:-1],
            direct=False,
            speaker="the mayor",
            start=inner_start,
            end=len(body) - 1,
            nested_in=0,
        ),
    ]
    assert [c.attributed_to for c in claims_of(nlp, body, quotes)] == ["the mayor"]


def test_sentence_index_points_at_the_figure(nlp) -> None:
    claims = claims_of(nlp, "The town was quiet.\n\nMedics said 14 civilians were killed.")
    assert [c.sentence for c in claims] == [1]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("six", 6),
        ("two hundred", 200),
        ("1,200", 1200),
        ("2.5 million", 2_500_000),
        ("three thousand", 3000),
    ],
)
def test_number_value(nlp, words: str, value: float) -> None:
    doc = nlp.make_doc(words)
    assert number_value(doc[:], load_vocabulary()) == value


@settings(max_examples=25, deadline=None)
@given(
    count=st.integers(min_value=2, max_value=999_999),
    noun=st.sampled_from(["civilians", "trucks", "soldiers", "houses"]),
)
def test_any_count_is_read_back(nlp, count: int, noun: str) -> None:
    body = f"Officials said {count:,} {noun} were counted on the road."
    claims = claims_of(nlp, body)
    assert [c.value for c in claims] == [count]
    assert all(body[body.index(c.text) :].startswith(c.text) for c in claims)


def paragraph_body(content: str) -> str:
    """A stand-in for cleaning: the long prose lines of a source, as paragraphs."""
    lines = [line.strip() for line in content.splitlines()]
    return "\n\n".join(
        line for line in lines if len(line.split()) > 12 and not line.startswith(("{", "<"))
    )


def test_conflicting_corpus_figures_are_extracted(nlp, example_dir: Path) -> None:
    harbour = (example_dir / "07_harbour-dispatch.txt").read_text(encoding="utf-8")
    marevia = json.loads(
        (example_dir / "10_wire-feed.jsonl").read_text(encoding="utf-8").splitlines()[0]
    )["text"]
    families = [
        (c.value, c.text)
        for content in (harbour, marevia)
        for c in claims_of(nlp, paragraph_body(content))
        if c.what == "family"
    ]
    assert families == [(800, "About 800 families"), (1200, "Some 1,200 families")]


def test_seed_figures(nlp, seed_texts: dict[str, str]) -> None:
    found = {
        (c.value, c.unit)
        for text in seed_texts.values()
        for c in claims_of(nlp, paragraph_body(text))
    }
    assert (400_000, "people") in found
    assert (80, "percent") in found
