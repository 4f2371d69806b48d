"""The temporal tagger: extents, TIMEX3 values, reporting conventions, quotes and the seeds."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.model import Article, PublishedDate, Quote, Sentence
from dateline.timex import annotate, tag
from dateline.timex.candidates import find_candidates, judge_candidates

WEDNESDAY = date(2016, 11, 2)
FRIDAY = date(2016, 12, 2)
MONDAY = date(2016, 10, 24)


def values(text: str, anchor: date | None, **options) -> list[tuple[str, str, str]]:
    """(text, type, value) of every mention, for compact expectations."""
    return [(m.text, m.type, m.value) for m in tag(text, anchor, **options)]


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("The envoy said Monday that talks stalled.", MONDAY, [("Monday", "DATE", "2016-10-24")]),
        ("Officials met on Friday in the capital.", MONDAY, [("Friday", "DATE", "2016-10-21")]),
        ("The ministers will meet on Saturday.", FRIDAY, [("Saturday", "DATE", "2016-12-03")]),
        (
            "The curfew lasts until Friday evening.",
            WEDNESDAY,
            [("Friday evening", "TIME", "2016-11-04TEV")],
        ),
        ("Aid has not arrived since Oct. 18.", WEDNESDAY, [("Oct. 18", "DATE", "2016-10-18")]),
        ("The vote took place on 3 March 2011.", None, [("3 March 2011", "DATE", "2011-03-03")]),
        (
            "Published Tue Aug 16, 2016 07:05:00",
            None,
            [("Tue Aug 16, 2016 07:05:00", "TIME", "2016-08-16T07:05:00")],
        ),
        ("Prices rose last month.", MONDAY, [("last month", "DATE", "2016-09")]),
        ("Prices will fall next year.", MONDAY, [("next year", "DATE", "2017")]),
        ("Crowds gathered this week.", MONDAY, [("this week", "DATE", "2016-W43")]),
        (
            "Stocks run out by the end of this month.",
            MONDAY,
            [("the end of this month", "DATE", "2016-10")],
        ),
        ("The plant closed in early July.", MONDAY, [("early July", "DATE", "2016-07")]),
        (
            "The strike began in late September 2015.",
            MONDAY,
            [("late September 2015", "DATE", "2015-09")],
        ),
        ("The bridge opened two years ago.", MONDAY, [("two years ago", "DATE", "2014")]),
        ("He left a few days ago.", MONDAY, [("a few days ago", "DATE", "PAST_REF")]),
        (
            "Over the past three weeks the line moved.",
            MONDAY,
            [("the past three weeks", "DURATION", "P3W")],
        ),
        ("A 72-hour truce expired.", MONDAY, [("72-hour", "DURATION", "PT72H")]),
        (
            "a three-hour daily pause",
            MONDAY,
            [("three-hour", "DURATION", "PT3H"), ("daily", "SET", "P1D")],
        ),
        ("Almost a year has passed.", MONDAY, [("Almost a year", "DURATION", "P1Y")]),
        ("The fighting went on for years.", MONDAY, [("years", "DURATION", "PXY")]),
        ("The office is now closed.", MONDAY, [("now", "DATE", "PRESENT_REF")]),
        (
            "The group met yesterday and meets again tomorrow.",
            MONDAY,
            [("yesterday", "DATE", "2016-10-23"), ("tomorrow", "DATE", "2016-10-25")],
        ),
        ("Sales fell in the third quarter.", MONDAY, [("the third quarter", "DATE", "2016-Q3")]),
        ("Unrest grew in the 1990s.", MONDAY, [("the 1990s", "DATE", "199")]),
        ("The army shelled the town in 2012.", MONDAY, [("2012", "DATE", "2012")]),
        ("The town lost 1500 homes.", MONDAY, []),
        ("The 58-year-old mayor resigned.", MONDAY, []),
        ("He may attend.", MONDAY, []),
        ("Buses leave every Monday.", MONDAY, [("every Monday", "SET", "XXXX-WXX-1")]),
    ],
)
def test_tag_resolves_news_expressions(text, anchor, expected):
    assert values(text, anchor) == expected


def test_interval_keeps_its_end_on_the_day_named_before_it():
    text = "A pause was declared on November 4 from 9:00 am (0600 GMT) to 19:00 local time."
    mentions = tag(text, WEDNESDAY)
    interval = next(m for m in mentions if m.end_value)
    assert (interval.value, interval.end_value) == ("2016-11-04T09:00", "2016-11-04T19:00")
    assert text[interval.start : interval.end].startswith("9:00 am")


def test_tense_is_settled_by_the_calendar_once_the_day_is_known():
    text = "A decision was made to open a corridor on November 4 from 9:00 am to 19:00."
    assert [m.tense for m in tag(text, WEDNESDAY)] == ["future", "future"]
    assert [m.tense for m in tag("The corridor opened on Oct. 30.", WEDNESDAY)] == ["past"]


def test_four_digit_clock_time_is_not_a_year():
    assert values("The pause runs until 1900 local time.", WEDNESDAY) == [
        ("1900 local time", "TIME", "2016-11-02T19:00")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister spoke Friday.", "2016-12-02"),  # the anchor's own weekday, in past sense
        ("The minister spoke Thursday.", "2016-12-01"),
        ("The experts will meet Thursday.", "2016-12-08"),
        ("The experts would meet Saturday.", "2016-12-03"),
        ("The court ruled last Friday.", "2016-11-25"),
        ("The court rules next Monday.", "2016-12-05"),
        ("Critics attacked Wednesday's ruling.", "2016-11-30"),
        # a passive participle tells no tense: the auxiliary before 'be' does
        ("The league will be suspended from the talks on Wednesday.", "2016-12-07"),
        ("The ban is to be lifted on Tuesday.", "2016-12-06"),
        ("The league was suspended from the talks on Wednesday.", "2016-11-30"),
        ("The two envoys could be reached Wednesday.", "2016-11-30"),
        # a word in -ed after a determiner is an adjective, not the clause's tense
        ("The mayor will hand power to an elected successor on Wednesday.", "2016-12-07"),
    ],
)
def test_weekday_reporting_convention(text, expected):
    assert [m.value for m in tag(text, FRIDAY)] == [expected]


def test_a_newspaper_named_for_its_day_is_no_day():
    assert tag("Sunday Times reporter Ann Lee was hurt in the shelling.", FRIDAY) == []
    assert tag("She told the Sunday Telegraph she would stay.", FRIDAY) == []
    assert [m.value for m in tag("On Sunday Ann Lee left the city.", FRIDAY)] == ["2016-11-27"]


def test_tense_hint_sets_the_sense_where_the_sentence_gives_none():
    assert [m.value for m in tag("Thursday, in Geneva", FRIDAY, tense_hint="future")] == [
        "2016-12-08"
    ]
    assert [m.value for m in tag("Thursday, in Geneva", FRIDAY)] == ["2016-12-01"]
    with pytest.raises(ValueError):
        tag("Thursday", FRIDAY, tense_hint="soon")


def test_without_anchor_weekdays_keep_their_constraint():
    mentions = tag("Rebels attacked on Friday; talks followed on Monday.", None)
    assert [(m.value, m.weekday, m.anchor) for m in mentions] == [
        ("XXXX-WXX-5", 4, None),
        ("XXXX-WXX-1", 0, None),
    ]
    assert values("It ended yesterday, on Oct. 3.", None) == [
        ("yesterday", "DATE", "XXXX-XX-XX"),
        ("Oct. 3", "DATE", "XXXX-10-03"),
    ]


def test_anaphoric_day_counts_from_the_date_just_named():
    text = "Troops entered the city on March 3, 2014. The next day they left."
    assert values(text, MONDAY)[1] == ("The next day", "DATE", "2014-03-04")


def test_a_year_earlier_keeps_the_compared_quarter():
    text = "Third-quarter profit rose 5% from a year earlier."
    assert values(text, date(1989, 10, 25)) == [
        ("Third-quarter", "DATE", "1989-Q3"),
        ("a year earlier", "DATE", "1988-Q3"),
    ]


def test_judge_keeps_the_reason_for_each_rejected_candidate():
    text = "On Monday, Oct. 24, 2016 the 1500 troops moved."
    kept, rejected = judge_candidates(find_candidates(text), text)
    assert [text[c.start : c.end] for c in kept] == ["Monday, Oct. 24, 2016"]
    assert {r.why for r in rejected} >= {"overlaps a longer expression"}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Monday",
                "on Oct. 18",
                "said",
                "last month",
                "2012",
                "9:00 am",
                "three weeks",
                "the",
                ",",
                "daily",
                "will",
                "yesterday",
                "1500",
                "\n\n",
                "March",
                "ago",
                "two",
                "years",
                "to 19:00",
            ]
        ),
        max_size=30,
    ),
    st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 12, 31))),
)
def test_mentions_are_ordered_disjoint_spans_of_the_text(tokens, anchor):
    text = " ".join(tokens)
    mentions = tag(text, anchor)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.type in {"DATE", "TIME", "DURATION", "SET"} and m.value
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))


def article_with_quote(body: str, quoted: str, published: str | None) -> Article:
    """An article of one paragraph whose sentences split at '. ' and with one quote."""
    sentences, start = [], 0
    for i, piece in enumerate(body.split(". ")):
        sentences.append(Sentence(index=i, start=start, end=start + len(piece) + 1, text=piece))
        start += len(piece) + 2
    q_start = body.index(quoted)
    quote = Quote(text=quoted, direct=True, start=q_start, end=q_start + len(quoted))
    quote.sentence = next(s.index for s in sentences if s.start <= q_start < s.end)
    return Article(id="a", source="a", body=body, sentences=sentences, quotes=[quote],
                   published=PublishedDate(date=published))  # fmt: skip


def test_annotate_anchors_a_quote_at_the_moment_of_speaking():
    body = 'Talks resume soon. "We meet tomorrow, as agreed yesterday," the envoy said on Thursday.'
    article = article_with_quote(body, "We meet tomorrow, as agreed yesterday,", "2016-12-03")
    annotate(article)
    assert article.quotes[0].date == "2016-12-01"
    by_text = {m.text: (m.value, m.sentence) for m in article.timexes}
    assert by_text["tomorrow"] == ("2016-12-02", 1)
    assert by_text["yesterday"] == ("2016-11-30", 1)
    assert by_text["Thursday"] == ("2016-12-01", 1)


def test_annotate_ignores_a_later_day_in_the_reporting_sentence():
    body = '"We are ready," the envoy said of talks that will open on Saturday.'
    article = article_with_quote(body, "We are ready,", "2016-12-02")
    annotate(article)
    assert article.quotes[0].date == "2016-12-02"


def test_annotate_defaults_to_the_publication_date_and_survives_none():
    body = '"We will decide tomorrow," the minister said.'
    article = article_with_quote(body, "We will decide tomorrow,", "2016-10-24")
    annotate(article)
    assert article.quotes[0].date == "2016-10-24"
    assert [m.value for m in article.timexes] == ["2016-10-25"]
    undated = article_with_quote(body, "We will decide tomorrow,", None)
    annotate(undated)
    assert undated.quotes[0].date is None and undated.timexes[0].value == "XXXX-XX-XX"


SEED_EXPECTATIONS = {
    "000_": (date(2016, 8, 15), [
        ("Monday", "2016-08-15"), ("three-hour", "PT3H"), ("daily", "P1D"),
        ("late September 2015", "2015-09"), ("Last month", "2016-07"), ("March 2011", "2011-03"),
    ]),
    "001_": (date(2016, 11, 2), [
        ("Wednesday", "2016-11-02"), ("Friday evening", "2016-11-04TEV"), ("November 4", "2016-11-04"),
        ("Oct. 18", "2016-10-18"), ("Tuesday", "2016-11-01"), ("Friday", "2016-10-28"),
        ("this week", "2016-W44"), ("Almost a year", "P1Y"), ("1900 local time", "2016-11-02T19:00"),
    ]),
    "002_": (date(2016, 12, 2), [
        ("Friday", "2016-12-02"), ("the past\xa0three weeks", "P3W"), ("2012", "2012"),
        ("yesterday", "2016-12-01"), ("Thursday", "2016-12-01"), ("Saturday", "2016-12-03"),
        ("tomorrow", "2016-12-03"), ("a few days ago", "PAST_REF"),
    ]),
    "003_": (date(2016, 8, 15), [("Monday", "2016-08-15"), ("72 hour", "PT72H"), ("2012", "2012")]),
    "004_": (date(2016, 10, 24), [
        ("Sept. 23, 2016", "2016-09-23"), ("Monday", "2016-10-24"), ("72-hour", "PT72H"),
        ("Friday", "2016-10-21"), ("early July", "2016-07"), ("the end of this month", "2016-10"),
    ]),
}  # fmt: skip


@pytest.mark.seeds
@pytest.mark.parametrize("prefix", sorted(SEED_EXPECTATIONS))
def test_seed_relative_expressions_resolve_with_the_readers_anchor(seed_texts, prefix):
    anchor, expected = SEED_EXPECTATIONS[prefix]
    text = next(t for name, t in seed_texts.items() if name.startswith(prefix))
    found = {(m.text, m.value) for m in tag(text, anchor)}
    assert set(expected) <= found, set(expected) - found


@pytest.mark.seeds
def test_seed_interval_and_scheduled_saturday(seed_texts):
    text = next(t for name, t in seed_texts.items() if name.startswith("001_"))
    interval = next(m for m in tag(text, date(2016, 11, 2)) if m.end_value)
    assert (interval.value, interval.end_value) == ("2016-11-04T09:00", "2016-11-04T19:00")
    sputnik = next(t for name, t in seed_texts.items() if name.startswith("002_"))
    saturdays = [m.value for m in tag(sputnik, date(2016, 12, 2)) if m.text == "Saturday"]
    assert saturdays == ["2016-12-03", "2016-12-03"]


@pytest.mark.seeds
def test_seed_without_date_keeps_weekday_constraints(seed_texts):
    text = next(t for name, t in seed_texts.items() if name.startswith("001_"))
    weekdays = {m.text: m.weekday for m in tag(text, None) if m.weekday is not None}
    assert weekdays == {"Wednesday": 2, "Friday evening": 4, "Tuesday": 1, "Friday": 4}


def test_a_count_that_runs_off_the_calendar_is_dropped_not_raised():
    mentions = tag("The glacier formed 9000 years ago and melted on Monday.", date(2012, 5, 1))
    assert [m.value for m in mentions] == ["2012-04-30"]


def test_a_sunday_papers_last_week_is_the_week_now_ending():
    # written on Sunday 20 March 2005 (ISO week 11, Monday 14 to Sunday 20): 'last week' is
    # Monday to Saturday just gone; on a Wednesday it is the week before
    sunday, wednesday = date(2005, 3, 20), date(2005, 3, 16)
    text = "The lifeboat crew was last week awarded a medal for the rescue."
    assert [m.value for m in tag(text, anchor=sunday)] == ["2005-W11"]
    assert [m.value for m in tag(text, anchor=wednesday)] == ["2005-W10"]
