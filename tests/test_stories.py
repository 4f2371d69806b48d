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


UPRISINGS = {
    "veldra": [
        "Security forces in Veldra fired tear gas at protesters in Mirov on Friday, as crowds demanded that "
        "President Anton Reik end his rule. Doctors in Mirov said twelve protesters were wounded.",
        "Veldra's President Anton Reik said on Sunday that the crowds in Mirov were paid by foreign enemies, "
        "and promised a new constitution for Veldra before the summer.",
        "Anton Reik dismissed his cabinet on Tuesday as the protests in Mirov entered a second week. "
        "Opposition leaders in Veldra called the move a trick and vowed to stay in the streets of Mirov.",
    ],
    "tarsia": [
        "King Omar Salen of Tarsia ordered troops into Qadra on Saturday after a week of protests. "
        "Residents of Qadra said soldiers had opened fire on a funeral, killing at least nine people.",
        "Tarsia's King Omar Salen blamed armed gangs for the bloodshed in Qadra on Monday, while protesters "
        "buried their dead and chanted against the regime of Omar Salen.",
        "The army of Tarsia laid siege to Qadra on Wednesday, cutting water and power. Omar Salen's "
        "government said the operation in Qadra would end when order was restored across Tarsia.",
    ],
}


def test_two_uprisings_of_one_season_in_the_same_words_stay_apart(nlp) -> None:
    # Reports of one region's season share their vocabulary; who and where tells the threads apart.
    articles = []
    for country, bodies in UPRISINGS.items():
        for i, body in enumerate(bodies):
            article = Article(id=f"{country}{i}", source=f"{country}{i}.txt", body=body,
                              published=PublishedDate(date=f"2011-03-0{i * 2 + (country == 'tarsia') + 1}"))
            parse(article, nlp)
            articles.append(article)
    expected = {frozenset(f"{c}{i}" for i in range(3)) for c in UPRISINGS}
    assert groups(cluster_stories(articles, {})) == expected


SIEGE_FACTS = [
    "aid convoys reached the besieged districts of Kessel",
    "shelling hit the besieged districts of Kessel overnight",
    "the truce between Norland and the Eastern Front held in Kessel",
    "Minister Paula Brandt said more aid convoys would enter Kessel",
    "the Eastern Front accused Norland of breaking the Kessel truce",
    "doctors in Kessel said wounded civilians waited for evacuation",
    "Norland troops and Eastern Front fighters exchanged fire near Kessel",
]
DISTRICTS = ("Alder Birkholm Cedrow Dunmere Elsfeld Farrow Gindel Hollin Ilvers Jaskow Korrin Lusten Morvel "
             "Narrow Oskel Perrin Quellin Rostock Selvin Tarrow Ulmen Varrin Wesker Yelden").split()
# A feature on one corner of the siege: it touches every district the daily reports name, one
# each, and the thread's people and places, in words of its own.
SIDE_REPORT = (
    f"Hanna Oder's bread van crosses Kessel nightly: {', '.join(DISTRICTS)}. Paula Brandt of Norland rode with "
    "her; the Eastern Front lets it pass. Her rye loaves are dense and sour, baked with caraway from her "
    "grandmother's recipe book. Children wave torches at the headlights, and old men trade cigarettes for "
    "crusts. Oder hums hymns while she drives, and her dog Pim sleeps on the flour sacks. Before the war she "
    "sold cakes at weddings and christenings, iced with marzipan roses. Her husband mends the engine with wire "
    "and prayers; the tyres are bald, the exhaust coughs blue smoke. Customers pay in coins, coupons, eggs or "
    "nothing at all, and she writes every debt in pencil. On Sundays she rests, reads detective novels and "
    "waters tomatoes on the balcony."
)


def test_a_side_report_of_a_large_thread_joins_it_and_an_unrelated_one_stays_apart(nlp) -> None:
    # No single daily report is close to the feature (its best pair is under every pass's floor),
    # but its words and its names both lean towards the 24-report thread: it joins it. A chess
    # report of the same days stays apart.
    articles = []
    for n, district in enumerate(DISTRICTS):
        facts = [SIEGE_FACTS[(n + k) % len(SIEGE_FACTS)] for k in range(3)]
        body = (f"On day {n + 3} of the siege, {facts[0]}. Officials in {district} said {facts[1]}. "
                f"Residents of {district} reported that {facts[2]}, and {district} waited.")
        articles.append(Article(id=f"s{n:02}", source=f"s{n}.txt", body=body, published=PublishedDate(date=f"2022-04-{n + 1:02}")))
    articles.append(Article(id="side", source="side.txt", body=SIDE_REPORT, published=PublishedDate(date="2022-04-12")))
    articles.append(Article(id="chess", source="chess.txt", body=" ".join(CHESS), published=PublishedDate(date="2022-04-12")))
    for article in articles:
        parse(article, nlp)
    assignment = cluster_stories(articles, {})
    assert len({assignment[f"s{n:02}"] for n in range(len(DISTRICTS))}) == 1
    assert assignment["side"] == assignment["s00"]
    assert assignment["chess"] != assignment["s00"]
