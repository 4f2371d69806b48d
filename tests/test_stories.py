"""Story clustering: one thread is one story, unrelated articles stay apart, ids stay stable."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.analyse.nlp import parse
from dateline.link.stories import cluster_stories, story_id
from dateline.model import Article, PublishedDate

TRUCE = [
    "The government of Norland and the Eastern Front agreed a truce in the city of Kessel on Monday. "
    "Minister Paula Brandt said the truce would allow aid convoys to reach the besieged districts of Kessel.",
    "Aid convoys entered the besieged districts of Kessel on Wednesday as the truce between Norland "
    "and the Eastern Front held. Paula Brandt said more convoys would follow.",
    "The Eastern Front accused Norland of breaking the Kessel truce with shelling of the besieged districts. "
    "Minister Paula Brandt denied that government forces had fired on Kessel.",
]
CHESS = [
    "Grandmaster Ivo Lind won the Harbour Open chess tournament after a long endgame against Mara Quist. "
    "Lind sacrificed a rook on move thirty and his queen dominated the board.",
    "Mara Quist blamed fatigue for her endgame loss to Ivo Lind at the Harbour Open chess tournament. "
    "The chess federation praised the quality of the games.",
]
DATES = ["2022-04-04", "2022-04-06", "2022-04-09", "2022-04-05", "2022-04-07"]


@pytest.fixture(scope="module")
def corpus(nlp) -> list[Article]:
    articles = []
    for i, (body, day) in enumerate(zip(TRUCE + CHESS, DATES, strict=True)):
        article = Article(id=f"a{i}", source=f"a{i}.txt", body=body, published=PublishedDate(date=day))
        parse(article, nlp)
        articles.append(article)
    return articles


def groups(assignment: dict[str, str]) -> set[frozenset[str]]:
    """The clustering as a set of member sets, ignoring ids."""
    by_story: dict[str, set[str]] = {}
    for article, story in assignment.items():
        by_story.setdefault(story, set()).add(article)
    return {frozenset(members) for members in by_story.values()}


def test_one_thread_one_story_and_unrelated_apart(corpus: list[Article]) -> None:
    assert groups(cluster_stories(corpus, {})) == {frozenset({"a0", "a1", "a2"}), frozenset({"a3", "a4"})}


def test_story_id_comes_from_the_earliest_article(corpus: list[Article]) -> None:
    assignment = cluster_stories(corpus, {})
    assert assignment["a1"] == story_id("a0")


def test_earlier_assignment_is_kept_and_new_articles_join_it(corpus: list[Article]) -> None:
    previous = {"a0": "s-old-truce", "a3": "s-old-chess"}
    assignment = cluster_stories(corpus, previous)
    assert assignment["a0"] == assignment["a1"] == assignment["a2"] == "s-old-truce"
    assert assignment["a4"] == "s-old-chess"


def test_two_earlier_stories_are_never_merged(corpus: list[Article]) -> None:
    assignment = cluster_stories(corpus, {"a0": "s-one", "a1": "s-two"})
    assert (assignment["a0"], assignment["a1"]) == ("s-one", "s-two")


def test_empty_input() -> None:
    assert cluster_stories([], {}) == {}


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.permutations(range(5)))
def test_input_order_does_not_matter(corpus: list[Article], order: list[int]) -> None:
    shuffled = [corpus[i] for i in order]
    assignment = cluster_stories(shuffled, {})
    assert assignment == cluster_stories(corpus, {})
    assert set(assignment) == {a.id for a in corpus}


@pytest.mark.seeds
def test_the_five_seeds_are_one_story(nlp, seed_texts: dict[str, str]) -> None:
    articles = []
    for name, text in seed_texts.items():
        article = Article(id=name, source=name, body=text)
        parse(article, nlp)
        articles.append(article)
    assert len(set(cluster_stories(articles, {}).values())) == 1


def test_shared_names_alone_do_not_make_one_story() -> None:
    from dateline.model import Entity

    bodies = [
        "Donald Trump rallied supporters in Iowa on a cold night, promising a wall and tariffs on imports.",
        "Donald Trump's campaign in Iowa hired new staff as polls tightened before the caucus vote.",
        "Hillary Clinton and Donald Trump traded barbs over Iowa farm subsidies and the ethanol mandate.",
        "A Senate panel in Iowa heard Trump allies testify about the opioid epidemic and rural clinics.",
    ]
    articles = []
    for n, body in enumerate(bodies):
        made = Article(id=f"p{n}", source=f"p{n}.txt", body=body)
        made.published.date = "2016-01-2" + str(n)
        made.entities = [Entity("Donald Trump", "PERSON", 0, 12, 0), Entity("Iowa", "GPE", 20, 24, 0)]
        articles.append(made)
    opioid = cluster_stories(articles, {})["p3"]
    assert sum(1 for story in cluster_stories(articles, {}).values() if story == opioid) == 1
