"""Outlet comparison: conflicting figures within a story and each outlet's own words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.model import Article, Claim, PublishedDate, Quote, Sentence
from dateline.tell.compare import ActorTable, compare_claims, framing_terms, values_conflict


def article(
    article_id: str,
    outlet: str,
    claims: list[Claim],
    *,
    day: str = "2023-03-20",
    story: str = "s1",
    **kwargs,
) -> Article:
    """A story article carrying ready-made claims."""
    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        outlet=outlet,
        story=story,
        published=PublishedDate(date=day, method="explicit"),
        claims=claims,
        **kwargs,
    )


def families(value: float) -> Claim:
    return Claim(value=value, what="family", text=f"{value:,.0f} families")


@pytest.mark.parametrize(
    ("x", "y", "conflict"),
    [
        (800, 1200, True),
        (300_000, 300_000, False),
        (800, 820, False),
        (14, 40_000, False),
        (100, 250, True),
    ],
)
def test_values_conflict(x: float, y: float, conflict: bool) -> None:
    assert values_conflict(x, y) is conflict


def test_conflicting_families_across_outlets() -> None:
    listed = compare_claims(
        [article("a", "Ledger", [families(800)]), article("b", "Today", [families(1200)])]
    )
    assert [(c.outlet, c.value, c.conflicts_with) for c in listed] == [
        ("Ledger", 800, [1]),
        ("Today", 1200, [0]),
    ]


@pytest.mark.parametrize(
    ("second", "kwargs"),
    [
        (Claim(value=1200, what="bus"), {}),  # a different thing
        (Claim(value=1200, what="family", unit="people"), {}),  # a different unit
        (families(1200), {"day": "2023-05-01"}),  # weeks later: another moment of the story
        (families(1200), {"story": "s2"}),  # another story
        (families(810), {}),  # the same count rounded
    ],
)
def test_claims_that_do_not_conflict(second: Claim, kwargs: dict) -> None:
    listed = compare_claims(
        [article("a", "Ledger", [families(800)]), article("b", "Today", [second], **kwargs)]
    )
    assert all(c.conflicts_with == [] for c in listed)


def test_figures_within_one_article_do_not_conflict() -> None:
    listed = compare_claims([article("a", "Ledger", [families(800), families(1200)])])
    assert all(c.conflicts_with == [] for c in listed)


def test_duplicates_count_once_and_sentence_is_cited() -> None:
    sentence = Sentence(index=0, start=0, end=40, text="About 800 families left over the weekend.")
    original = article("a", "Wire", [families(800)], sentences=[sentence])
    copy = article("b", "Reprint", [families(800)], duplicate_of="a")
    assert [(c.article, c.sentence) for c in compare_claims([original, copy])] == [
        ("a", sentence.text)
    ]


@given(values=st.lists(st.floats(min_value=1, max_value=1e6), min_size=1, max_size=6))
def test_conflicts_are_symmetric_and_in_range(values: list[float]) -> None:
    articles = [article(f"a{i}", f"Outlet {i}", [families(v)]) for i, v in enumerate(values)]
    listed = compare_claims(articles)
    for i, claim in enumerate(listed):
        assert all(
            0 <= j < len(listed) and j != i and i in listed[j].conflicts_with
            for j in claim.conflicts_with
        )


TABLE = ActorTable.from_toml(
    """
[[actor]]
name = "armed opposition"
terms = ["rebel", "militant", "gunman", "opposition fighter", "opposition"]

[[actor]]
name = "government"
terms = ["government", "regime"]

[plurals]
gunman = "gunmen"
"""
)


def voiced(
    article_id: str, outlet: str, body: str, quotes: list[Quote] | None = None, **kwargs
) -> Article:
    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        outlet=outlet,
        body=body,
        quotes=quotes or [],
        **kwargs,
    )


def counts(terms) -> dict[tuple[str, str, str], int]:
    return {(t.outlet, t.refers_to, t.term): t.count for t in terms}


def test_framing_counts_each_outlets_words() -> None:
    ledger = voiced("a", "Ledger", "Rebels held the east. The rebel commander met the government.")
    today = voiced(
        "b", "Today", "Militants shelled the market while gunmen fired on the regime's checkpoints."
    )
    assert counts(framing_terms([ledger, today], table=TABLE)) == {
        ("Ledger", "armed opposition", "rebel"): 2,
        ("Ledger", "government", "government"): 1,
        ("Today", "armed opposition", "militant"): 1,
        ("Today", "armed opposition", "gunman"): 1,
        ("Today", "government", "regime"): 1,
    }


def test_quoted_and_reported_words_are_not_the_outlets_voice() -> None:
    body = "The minister said the terrorists would leave. \u201cThe militants lost,\u201d he said. Rebels denied it."
    reported = body.index("the terrorists")
    direct = body.index("The militants")
    quotes = [
        Quote(text="the terrorists would leave", direct=False, start=reported, end=reported + 26),
        Quote(text="The militants lost,", direct=True, start=direct, end=direct + 19),
    ]
    assert counts(framing_terms([voiced("a", "Ledger", body, quotes)], table=TABLE)) == {
        ("Ledger", "armed opposition", "rebel"): 1
    }


def test_longest_term_wins_and_duplicates_count_once() -> None:
    original = voiced("a", "Wire", "Opposition fighters left; the opposition welcomed it.")
    copy = voiced("b", "Reprint", original.body, duplicate_of="a")
    assert counts(framing_terms([original, copy], table=TABLE)) == {
        ("Wire", "armed opposition", "opposition fighter"): 1,
        ("Wire", "armed opposition", "opposition"): 1,
    }


def test_shipped_table_names_common_conflict_vocabulary() -> None:
    body = "Insurgents and jihadists fought government forces; the Assad-era regime denied it."
    found = {(t.refers_to, t.term) for t in framing_terms([voiced("a", "X", body)])}
    assert {
        ("armed opposition", "insurgent"),
        ("armed opposition", "jihadist"),
        ("government forces", "government force"),
        ("government", "regime"),
    } <= found


def test_seed_outlets_differ_in_framing(seed_texts: dict[str, str]) -> None:
    articles = [voiced(name, name, text) for name, text in seed_texts.items()]
    per_outlet = {}
    for term in framing_terms(articles):
        if term.refers_to == "armed opposition":
            per_outlet.setdefault(term.outlet, set()).add(term.term)
    assert len({frozenset(terms) for terms in per_outlet.values()}) > 1
