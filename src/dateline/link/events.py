"""One event, many mentions: cross-article event linking and the dates it lets us infer.

Candidates come from an inverted index on (story, kind, actor surname), so only mentions
that share a kind and an actor are ever compared; a judge (`same_event`) then checks that
their dates, weekdays, places and actors agree and keeps the reason. Linked mentions are
grouped with a union-find that refuses to join two groups whose dates disagree, so a chain
of loose matches cannot put the August and the December meeting of the same ministers in
one event.

`infer_dates` then dates undated articles: a mention that only says 'on Monday', linked to
a mention another outlet dates to Monday 15 August, places the article on or just after
that day (method 'inferred', with the evidence), and its weekday-only dates are resolved.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from dateline.analyse.events import as_day
from dateline.model import Article, EventMention, PublishedDate

# Names spelt differently across outlets ('Steimeier', 'Yekatrinburg') still match at this
# similarity; distinct surnames of the same length ('Kerry', 'Perry') stay below it.
NAME_MATCH_RATIO = 85
# An event 'on Monday' in a past-tense report happened within the week before publication.
WEEK_DAYS = 6
# Mentions with no date at all must agree on this many actors to be called one event.
UNDATED_MIN_SHARED_ACTORS = 2
# A date inferred from one linked event is a good guess, not a statement of the page.
INFERRED_CONFIDENCE = 0.6
# Each further event that agrees on the same day adds this much, up to the cap below.
AGREEING_EVENT_BONUS = 0.1
INFERRED_CONFIDENCE_CAP = 0.8
# Clues quoted in the evidence: the strongest ones say it; the count says the rest.
EVIDENCE_CLUES = 2
# Kinds that are one event per speaker: two statements of one day are two events.
SPEAKER_KINDS = frozenset({"statement"})
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
CALENDAR_WORDS = frozenset(w.lower() for w in WEEKDAYS) | frozenset(MONTHS)
NAME_WORD = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*\b")
CONTENT_WORD = re.compile(r"\b[A-Za-z][a-z]{3,}(?:-[a-z]+)*\b")
# Same-day mentions with no rarer name in common are one event when their sentences share this
# many content words that are not the story's own ('criminal', 'investigation').
SHARED_RARE_WORDS = 2
# In a long story, a name in this share of its event sentences names the story, not one event
# of it: 'Assad' or 'Syria' in a Syria thread says nothing about which of a day's attacks a
# sentence reports, so two same-day mentions must share some rarer name, actor or place.
TOPIC_NAME_SHARE = 0.05
# ... once the story has this many event mentions (a short story's names are all its own events').
TOPIC_MIN_MENTIONS = 200


@dataclass
class LinkedEvent:
    """One real-world event and every (article id, event index) mention of it."""

    id: str
    kind: str
    members: list[tuple[str, int]]
    date: str | None = None
    precision: str | None = None
    end: str | None = None
    time: str | None = None
    place: str | None = None
    actors: list[str] = field(default_factory=list)
    action: str | None = None
    weekday: int | None = None
    background: bool = False
    scheduled: bool = False
    reasons: list[str] = field(default_factory=list)  # why the mentions were joined

    @property
    def article_ids(self) -> list[str]:
        """The articles that report the event, each once, in member order."""
        return list(dict.fromkeys(article_id for article_id, _ in self.members))


@dataclass(frozen=True)
class Mention:
    """An event mention with the article it is read from."""

    article: Article
    index: int

    @property
    def event(self) -> EventMention:
        """The mention's event record."""
        return self.article.events[self.index]

    @property
    def key(self) -> tuple[str, int]:
        """(article id, event index): how a LinkedEvent names its members."""
        return (self.article.id, self.index)

    @cached_property
    def names(self) -> frozenset[str]:
        """`sentence_names`, read once: every candidate pair of the mention asks for them."""
        return frozenset(sentence_names(self))

    @cached_property
    def words(self) -> frozenset[str]:
        """`sentence_words`, read once."""
        return frozenset(sentence_words(self))


def surname(name: str) -> str:
    """The last word of a name, lower-cased: how outlets vary least in naming a person."""
    words = name.replace("-", " ").split()
    return words[-1].lower() if words else ""


def names_match(left: str, right: str) -> bool:
    """Two names are one actor or place when their last words are near-identical."""
    return fuzz.ratio(surname(left), surname(right)) >= NAME_MATCH_RATIO


def shared_actors(a: EventMention, b: EventMention, common: frozenset[str] = frozenset()) -> int:
    """How many actors of one mention appear (fuzzily) among the other's; with `common`, the
    story's own names do not count."""
    return sum(1 for x in a.actors if surname(x) not in common and any(names_match(x, y) for y in b.actors))


def mention_day(m: Mention) -> date | None:
    """The day of a mention when its precision is a day."""
    return as_day(m.event.date) if m.event.precision == "day" else None


def weekday_fits_article(day: date, weekday_side: Mention) -> bool:
    """A dated day can be another article's 'on <weekday>' only within its date bounds."""
    published = weekday_side.article.published
    low, high = as_day(published.not_before), as_day(published.not_after)
    if low and day < low - timedelta(days=WEEK_DAYS):
        return False
    return not (high and day > high)


def dates_agree(a: Mention, b: Mention) -> tuple[bool | None, str]:
    """True/False when the dates settle it, None when they leave it open."""
    ea, eb = a.event, b.event
    day_a, day_b = mention_day(a), mention_day(b)
    if day_a and day_b:
        return day_a == day_b, f"same day {day_a}" if day_a == day_b else "different days"
    if ea.date and eb.date:
        shorter = min(len(ea.date), len(eb.date))
        if ea.date[:shorter] != eb.date[:shorter]:
            return False, "dates differ"
        return (None, "dates overlap") if (day_a or day_b) else (True, f"same {ea.precision} {ea.date}")
    for other, day in ((b, day_a), (a, day_b)):
        if day and other.event.weekday is not None:
            fits = day.weekday() == other.event.weekday and weekday_fits_article(day, other)
            return fits, f"{day} is a {WEEKDAYS[day.weekday()]}, the other says {WEEKDAYS[other.event.weekday]}"
    if ea.weekday is not None and eb.weekday is not None:
        return ea.weekday == eb.weekday, f"both on a {WEEKDAYS[ea.weekday]}"
    return None, "not both dated"


def published_close(a: Article, b: Article) -> bool:
    """Whether two articles are one article, or both dated within a week of each other."""
    if a.id == b.id:
        return True
    day_a, day_b = as_day(a.published.date), as_day(b.published.date)
    return bool(day_a and day_b and abs((day_a - day_b).days) <= WEEK_DAYS)


def places_agree(a: EventMention, b: EventMention) -> bool:
    """Places disagree only when both are named and differ."""
    return not (a.place and b.place) or names_match(a.place, b.place)


def sentence_words(m: Mention) -> set[str]:
    """Content words of a mention's sentence (lower case, a plural's 's' dropped), less its
    trigger, stop words and calendar words: 'a criminal investigation' and 'criminal and civil
    investigations' share two."""
    trigger = m.event.trigger.lower()
    words = {w.lower() for w in CONTENT_WORD.findall(sentence_text(m.article, m.event))}
    return {w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in words
            if w not in STOP_WORDS and w not in CALENDAR_WORDS and not w.startswith(trigger[:5])}


def sentence_names(m: Mention) -> set[str]:
    """Capitalised words of a mention's sentence past its first word, less weekdays and months:
    the names that say which event of a day it is ('bombed Sirte' / 'bombed Misrata')."""
    words = NAME_WORD.findall(sentence_text(m.article, m.event))[1:]
    return {w.lower() for w in words} - CALENDAR_WORDS


def topic_names(mentions: list[Mention]) -> dict[str | None, frozenset[str]]:
    """Each long story's topic names and words: those in at least TOPIC_NAME_SHARE of its event sentences."""
    by_story: dict[str | None, Counter] = defaultdict(Counter)
    sizes: Counter = Counter()
    for m in mentions:
        sizes[m.article.story] += 1
        by_story[m.article.story].update(m.names | m.words | {surname(a) for a in m.event.actors})
    return {
        story: frozenset(name for name, n in counts.items() if n >= TOPIC_NAME_SHARE * sizes[story])
        for story, counts in by_story.items()
        if sizes[story] >= TOPIC_MIN_MENTIONS
    }


def same_event(a: Mention, b: Mention, common: frozenset[str] = frozenset()) -> tuple[bool, str]:
    """The judge: are two mentions one event? The reason is kept either way. `common` holds the
    story's topic names, which never alone make two same-day mentions one event."""
    ea, eb = a.event, b.event
    if ea.kind != eb.kind or ea.background != eb.background:
        return False, "different kind or role"
    # a statement's actor is its speaker, who tells one statement from another however often named
    shared = shared_actors(ea, eb, frozenset() if ea.kind in SPEAKER_KINDS else common)
    dated, why = dates_agree(a, b)
    # One article often reports several events of a kind on one day ('the WHO said on Thursday
    # ...', 'Mexico's toll rose on Thursday'): within one article, a mention that names nothing
    # ('The bombing destroyed ...') continues the event before it; two that name different
    # things are two events.
    names_a, names_b = a.names, b.names
    one_article = a.article.id == b.article.id
    continues = one_article and not (names_a and names_b)
    placed = ea.place and eb.place and surname(ea.place) not in common
    named = (continues or placed or shared or (names_a & names_b) - common
             or common and len((a.words & b.words) - common) >= SHARED_RARE_WORDS)
    if dated and mention_day(a) and ea.kind not in SPEAKER_KINDS and named and places_agree(ea, eb):
        return True, f"{ea.kind}: {why}, same story"
    if shared == 0:
        return False, "no shared actor"
    if dated is False:
        return False, why
    if dated is None and shared < UNDATED_MIN_SHARED_ACTORS:
        return False, f"undated and only {shared} shared actor"
    if dated is None and not published_close(a.article, b.article):
        return False, "undated, and the articles are not known to be of the same week"
    if not places_agree(ea, eb) and (ea.kind != "statement"):
        return False, f"places differ: {ea.place} / {eb.place}"
    return True, f"{ea.kind}: {shared} shared actor(s), {why}"


def candidate_pairs(mentions: list[Mention]) -> Iterator[tuple[int, int]]:
    """Pairs (i < j) sharing story, kind and an actor surname or a date, each once and in
    order: an inverted index, not all pairs, and the pairs of one mention at a time, never the
    whole set (a large story's buckets hold millions of pairs)."""
    index: dict[tuple, list[int]] = defaultdict(list)
    buckets_of: list[list[list[int]]] = []
    for i, m in enumerate(mentions):
        keys = {(m.article.story, m.event.kind, surname(actor)[:4]) for actor in m.event.actors}
        if m.event.date:
            keys.add((m.article.story, m.event.kind, m.event.date))
        buckets_of.append([index[key] for key in keys])
        for bucket in buckets_of[-1]:
            bucket.append(i)  # mentions come in order, so every bucket stays sorted
    for i, buckets in enumerate(buckets_of):
        later = set()
        for bucket in buckets:
            later.update(bucket[bisect_right(bucket, i):])
        yield from ((i, j) for j in sorted(later))


class EventGroups:
    """Union-find over mentions that refuses to join groups whose dates disagree, or whose
    mentions of one article are not judged one event pair by pair."""

    def __init__(self, mentions: list[Mention], common: dict[str | None, frozenset[str]] | None = None):
        self.mentions = mentions
        self.common = common or {}
        self.parent = list(range(len(mentions)))
        self.days = [{mention_day(m)} - {None} for m in mentions]
        self.weekdays = [{m.event.weekday} - {None} for m in mentions]
        self.reasons: dict[int, list[str]] = defaultdict(list)
        self.by_article = [{m.article.id: [i]} for i, m in enumerate(mentions)]  # per root

    def one_article_agrees(self, ri: int, rj: int) -> bool:
        """Whether every two mentions of one article that the join would bring together are
        judged one event themselves: a live blog's many same-day updates ('talks' of Mubarak,
        of Suleiman, of Barak) must not chain into one event through other reports."""
        small, large = sorted((self.by_article[ri], self.by_article[rj]), key=len)
        for article, members in small.items():
            for x in members:
                for y in large.get(article, ()):
                    if not self.judge(x, y)[0]:
                        return False
        return True

    def judge(self, i: int, j: int) -> tuple[bool, str]:
        """`same_event` for two mentions, with their story's topic names."""
        a, b = self.mentions[i], self.mentions[j]
        return same_event(a, b, self.common.get(a.article.story, frozenset()))

    def find(self, i: int) -> int:
        """The root of a mention's group."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, reason: str) -> None:
        """Join two groups unless they would hold two days or two weekdays."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj or len(self.days[ri] | self.days[rj]) > 1:
            return
        weekdays = self.weekdays[ri] | self.weekdays[rj] | {d.weekday() for d in self.days[ri] | self.days[rj]}
        if len(weekdays) > 1 or not self.one_article_agrees(ri, rj):
            return
        self.parent[rj] = ri
        self.days[ri] |= self.days[rj]
        self.weekdays[ri] = weekdays
        for article, members in self.by_article[rj].items():
            self.by_article[ri].setdefault(article, []).extend(members)
        self.by_article[rj] = {}
        self.reasons[ri] += self.reasons.pop(rj, []) + [reason]

    def groups(self) -> dict[int, list[int]]:
        """Members of each group by root, in mention order."""
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.mentions)):
            out[self.find(i)].append(i)
        return out


def best_dated(events: list[EventMention]) -> EventMention | None:
    """The mention whose date to keep: day precision first, then the most reported date."""
    dated = [e for e in events if e.date]
    if not dated:
        return None
    counts = Counter(e.date for e in dated)
    rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    return min(dated, key=lambda e: (rank.get(e.precision or "", 4), -counts[e.date]))


def linked_from(members: list[Mention], reasons: list[str]) -> LinkedEvent:
    """One LinkedEvent from a group of mentions."""
    first = members[0].event
    keys = [m.key for m in members]
    linked = LinkedEvent(
        id="e-" + hashlib.sha1(repr(keys).encode()).hexdigest()[:12],
        kind=first.kind,
        members=keys,
        actors=list(dict.fromkeys(a for m in members for a in m.event.actors)),
        place=next((m.event.place for m in members if m.event.place), None),
        action=next((m.event.action for m in members if m.event.action), None),
        background=all(m.event.background for m in members),
        scheduled=any(m.event.scheduled for m in members),
        reasons=reasons,
    )
    refresh_date(linked, [m.event for m in members])
    return linked


def refresh_date(linked: LinkedEvent, events: list[EventMention]) -> None:
    """Take the group's date, span, clock time and weekday from its best-dated mention."""
    source = best_dated(events)
    linked.weekday = next((e.weekday for e in events if e.weekday is not None), None)
    if source is None:
        return
    linked.date, linked.precision, linked.end = source.date, source.precision, source.end
    linked.time = next((e.time for e in events if e.time), None)
    day = as_day(linked.date) if linked.precision == "day" else None
    linked.weekday = day.weekday() if day else linked.weekday


def link_events(articles: list[Article]) -> list[LinkedEvent]:
    """Group every event mention of the corpus into events, across articles and outlets."""
    mentions = [Mention(a, i) for a in articles for i in range(len(a.events))]
    groups = EventGroups(mentions, topic_names(mentions))
    for i, j in candidate_pairs(mentions):
        same, why = groups.judge(i, j)
        if same:
            groups.union(i, j, why)
    linked = [
        linked_from([mentions[i] for i in members], groups.reasons.get(root, []))
        for root, members in groups.groups().items()
    ]
    return sorted(linked, key=lambda e: (e.date or "9999", e.id))


@dataclass(frozen=True)
class DateClue:
    """A day a linked event gives an undated article, and the reasoning behind it."""

    day: date
    scheduled: bool
    evidence: str
    event: str  # id of the linked event it comes from
    kind: str


def sentence_text(article: Article, event: EventMention) -> str:
    """The verbatim sentence of an event mention."""
    return article.sentences[event.sentence].text if event.sentence < len(article.sentences) else ""


def clue_from(article: Article, event: EventMention, linked: LinkedEvent, by_id: dict[str, Article]) -> DateClue | None:
    """The day a weekday-only mention must be, when its event is dated by another article."""
    day = as_day(linked.date) if linked.precision == "day" else None
    if day is None or event.date or event.weekday != day.weekday():
        return None
    source_id, source_index = next(((a, i) for a, i in linked.members if a != article.id and by_id[a].events[i].date), (None, 0))
    if source_id is None:
        return None
    source = by_id[source_id]
    evidence = (
        f"'{WEEKDAYS[event.weekday]}' in \u00ab{sentence_text(article, event)}\u00bb is the {linked.kind} "
        f"that {source.outlet or source_id} dates to {day} (a {WEEKDAYS[day.weekday()]}) in "
        f"\u00ab{sentence_text(source, source.events[source_index])}\u00bb (article {source_id})"
    )
    return DateClue(day, event.scheduled, evidence, linked.id, linked.kind)


def date_clues(article: Article, memberships: list[tuple[LinkedEvent, int]], by_id: dict[str, Article]) -> list[DateClue]:
    """Every clue the article's linked events (with its mention's index in each) give about its date."""
    clues = []
    for event_group, index in memberships:
        clue = clue_from(article, article.events[index], event_group, by_id)
        if clue is not None:
            clues.append(clue)
    return clues


def memberships_by_article(linked: list[LinkedEvent]) -> dict[str, list[tuple[LinkedEvent, int]]]:
    """For each article, the linked events it reports and its mention's index, in linked order."""
    found: dict[str, list[tuple[LinkedEvent, int]]] = defaultdict(list)
    for event_group in linked:
        for article_id, index in event_group.members:
            found[article_id].append((event_group, index))
    return found


def judge_clues(clues: list[DateClue], published: PublishedDate) -> PublishedDate | None:
    """The publication date the clues allow: the one day every past event agrees on, before any
    scheduled one; clues that contradict each other (a war reports strikes 'on Monday' every week)
    date nothing."""
    past = [c for c in clues if not c.scheduled]
    if not past or len({c.day for c in past}) > 1:
        return None  # no past event, or events that put the article on different days
    day = past[0].day
    upcoming = [c.day for c in clues if c.scheduled]
    low, high = as_day(published.not_before), as_day(published.not_after)
    if (upcoming and day >= min(upcoming)) or (low and day < low) or (high and day > high):
        return None
    agreeing = sorted((c for c in past if c.day == day), key=lambda c: (c.kind == "statement", c.event))
    events = len({c.event for c in agreeing})
    confidence = min(INFERRED_CONFIDENCE + AGREEING_EVENT_BONUS * (events - 1), INFERRED_CONFIDENCE_CAP)
    return PublishedDate(
        date=day.isoformat(),
        method="inferred",
        confidence=round(confidence, 2),
        evidence="; ".join(c.evidence for c in agreeing[:EVIDENCE_CLUES])
        + f" ({events} linked event(s) agree); a past event on a named weekday is reported within {WEEK_DAYS} days, most often the same day",
        not_before=day.isoformat(),
        not_after=min(day + timedelta(days=WEEK_DAYS), high or date.max).isoformat(),
        rejected=published.rejected,
    )


def weekday_near(published: date, weekday: int, *, ahead: bool) -> date:
    """The named weekday closest before (or, for what is to come, after) publication."""
    if ahead:
        return published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def resolve_weekdays(article: Article, published: date) -> None:
    """Date the article's weekday-only events and time expressions against its new date."""
    for event in article.events:
        if event.date is None and event.weekday is not None:
            event.date = weekday_near(published, event.weekday, ahead=event.scheduled).isoformat()
            event.precision = "day"
    for timex in article.timexes:
        if timex.weekday is not None and not (timex.value or "")[:4].isdigit():
            timex.value = weekday_near(published, timex.weekday, ahead=timex.tense == "future").isoformat()
            timex.anchor, timex.precision = published.isoformat(), "day"


def recurring_days(linked: list[LinkedEvent], by_id: dict[str, Article]) -> dict[tuple, set[date]]:
    """For each (story, kind, weekday), the days that story's dated events of that kind fall on."""
    days: dict[tuple, set[date]] = defaultdict(set)
    for event_group in linked:
        day = as_day(event_group.date) if event_group.precision == "day" else None
        if day is None:
            continue
        for story in {by_id[a].story for a, _ in event_group.members}:
            days[(story, event_group.kind, day.weekday())].add(day)
    return days


def ambiguous(clue: DateClue, story: str | None, recurring: dict[tuple, set[date]]) -> bool:
    """True when the article's story has that kind of event on that weekday on other days too:
    a story that reports strikes or statements 'on Monday' week after week cannot tell which
    Monday an undated report means, however its mention was linked. (Statements are never
    used at all: people speak on most days, so 'said on Saturday' pins no Saturday.)"""
    return len(recurring.get((story, clue.kind, clue.day.weekday()), set()) - {clue.day}) > 0


def usable(clue: DateClue, story: str | None, recurring: dict[tuple, set[date]]) -> bool:
    """Whether a clue may date an article: not a statement, and its weekday not ambiguous."""
    return clue.kind not in SPEAKER_KINDS and not ambiguous(clue, story, recurring)


def infer_dates(articles: list[Article], linked: list[LinkedEvent]) -> None:
    """Date undated articles from their linked events; never overrides a date the page gives, and
    a yearless dateline of the article's own ('ROME, Feb 21 (Reuters) -') keeps its day: the
    events only give it a year, and an inference that contradicts it is dropped."""
    from dateline.dates.stamps import agree_with_dateline

    by_id = {a.id: a for a in articles}
    memberships = memberships_by_article(linked)  # an index, so no article scans every event
    recurring = recurring_days(linked, by_id)
    for article in articles:
        if article.published.method != "unknown":
            continue
        clues = [c for c in date_clues(article, memberships.get(article.id, []), by_id)
                 if usable(c, article.story, recurring)]
        inferred = judge_clues(clues, article.published)
        inferred = agree_with_dateline(article.body, inferred) if inferred else None
        if inferred is None:
            continue
        article.published = inferred
        resolve_weekdays(article, as_day(inferred.date))
    for event_group in linked:
        refresh_date(event_group, [by_id[a].events[i] for a, i in event_group.members])
