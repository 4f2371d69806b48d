"""One story told as a dated account: a timeline entry per event, each citing its sources.

An entry is a linked event (see `dateline.link.events`) that has a date: its summary is the
best of the sentences that report it, and its sources are every one of those sentences,
verbatim, with article and outlet. Events reported by the very same sentences as a more
specific event on the same day are folded into it (a sentence that says a ministry
'said it was extending the moratorium' is one entry, not a statement and a ceasefire).
Background facts keep their date and carry `background=True`.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from dateline.analyse.events import (
    BACKGROUND_AGE_DAYS,
    STATEMENT_KIND,
    as_day,
    load_lexicon,
    sentence_timexes,
)
from dateline.clean.header import find_dateline
from dateline.link.events import LinkedEvent, best_dated
from dateline.model import Article, EventMention, SourceRef, TimelineEntry

CONTRACT_PRECISIONS = {"day": "day", "time": "day", "week": "week", "month": "month", "year": "year"}
# Undated events are kept only for kinds listed before this one in the lexicon (not statements).
UNDATED_KINDS_UP_TO = "announcement"
# A summary sentence of about this length reads as one line of a timeline.
IDEAL_SUMMARY_CHARS = 180
# Entries named in the story summary: the most widely reported ones.
SUMMARY_ENTRIES = 3
OPENING_QUOTES = "\"“«'‘"
# Subjects that stand for someone named earlier in the article: a line opening with one does
# not stand alone on a timeline ('It said an "armed group" opened fire on the boxer').
BARE_PRONOUN_SUBJECTS = frozenset({"it", "he", "she", "they", "this", "these"})
# Words that open a first-person account: a witness's words, not the reporter's line.
FIRST_PERSON = frozenset({"i", "i'm", "i've", "we", "we're", "we've", "my", "our", "me", "us"})
# The same words inside a sentence (case kept: 'US' is a country, 'I' only a capital), and
# the quoted stretches where they are someone else's words.
FIRST_PERSON_WORD = re.compile(r"\b(?:I|I'm|I've|we|we're|we've|my|our|me|us)\b")
QUOTED = re.compile(r"[\"“«][^\"”»]*[\"”»]")
# A closing quote mark, then 'he said' or 'said X': the sentence is someone's words.
QUOTE_THEN_SPEAKER = re.compile(r"[\"”’'],?\s+(?:[\w.-]+\s+){0,6}?(?:said|says|told|added)\b")
# 'She said: "How can anyone ...', 'he said of the single: "We made ...', 'Dan Cooke said, "There
# was ...': a speaker, then the words.
SPEAKER_THEN_QUOTE = re.compile(r"\b(?:said|says|added|asked|told)\b[^:,\"“.]{0,40}[:,]\s*[\"“‘]")
# Headline labels of pieces that comment on the news rather than report it.
COMMENT_LABELS = ("analysis", "opinion", "comment", "commentary", "editorial", "explainer", "factbox", "q&a", "timeline", "live", "in pictures", "view", "why ", "how ", "what ")
# A page header run into a lead sentence in one-line-per-sentence text: '[PLACE |] Tue Apr 28,
# 2009 9:03 pm BST', 'Wednesday 17 June 2009 15.39 BST', 'Byline | 14:07 PM, Monday, 1 June 2009'.
PAGE_HEADER = re.compile(
    r"^(?:[^|.!?]{1,60}\|\s*)?(?:"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?)\s+\d{4},?"
    r"\s+\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|[AP]M)?\s*(?:[A-Z]{2,4}\b)?"
    r"|\d{1,2}[:.]\d{2}\s*(?:[AP]M)?,?\s+(?:[A-Z][a-z]+day,?\s+)?\d{1,2}\s+[A-Z][a-z]+\s+\d{4}"
    r")\s+"
)
# A live blog's update stamp or a byline before the words: '(Update 7:18 p.m. in Cairo, 12:18
# p.m. ET) ', 'Cairo, 1:19 p.m. ET) ' (its opening cut off), '(Original post) ', 'January 25,
# 2011 | By Amir Ahmed, CNN ', '-- '.
LIVE_STAMP = re.compile(
    r"^(?:\(?(?:Update\b)?[^()]{0,40}?\d{1,2}:\d{2}\s*[ap]\.?m\.?[^()]{0,30}\)"
    r"|\((?:Original post|Update)\)"
    r"|[A-Z][a-z]+ \d{1,2}, \d{4}\s*\|\s*By [^,|]{1,40}, [A-Z][\w ]{1,20}?(?=\s+[A-Z])"
    r"|--)\s*"
)
# A headline and standfirst run into the lead through the page's time stamp: 'Bush blows $50m on
# coronation ... say critics Sunday 9 January 2005 00.46 GMT It will be ...'. A weekday, a full
# date, a clock time and a zone together are a page stamp (prose does not write them so), so
# what comes before it is the page's furniture.
HEADLINE_THEN_STAMP = re.compile(
    r"^.{0,400}?\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4},?"
    r"\s+\d{1,2}[.:]\d{2}\s*(?:GMT|BST|CET|CEST|UTC|EST|EDT|ET)\s+"
)
# What must be left of a sentence after its header: a sentence, not a fragment.
MIN_SUMMARY_CHARS = 40


def contract_date(value: str, precision: str) -> str | None:
    """A YYYY-MM-DD for any TIMEX3 day, month, year or ISO week value (its first day)."""
    if precision == "week" and "-W" in value:
        year, week = value.split("-W", 1)
        try:
            return date.fromisocalendar(int(year), int(week[:2]), 1).isoformat()
        except ValueError:
            return None
    day = as_day(value)
    return day.isoformat() if day else None


def event_sources(event: LinkedEvent, by_id: dict[str, Article]) -> list[SourceRef]:
    """Every sentence that reports the event, once each, with its article and outlet."""
    refs: dict[tuple[str, int], SourceRef] = {}
    for article_id, index in event.members:
        article = by_id.get(article_id)
        if article is None or index >= len(article.events):
            continue
        sentence = article.events[index].sentence
        if sentence < len(article.sentences):
            refs.setdefault((article_id, sentence), SourceRef(article_id, article.outlet, article.sentences[sentence].text))
    return list(refs.values())


def dated_sentences(event: LinkedEvent, by_id: dict[str, Article]) -> set[str]:
    """The event's sentences that state a date or weekday themselves (not borrowed from before)."""
    texts = set()
    for article_id, index in event.members:
        article = by_id.get(article_id)
        if article is None or index >= len(article.events):
            continue
        sentence = article.events[index].sentence
        if sentence < len(article.sentences) and sentence_timexes(article, sentence):
            texts.add(article.sentences[sentence].text)
    return texts


def reporter_voice(text: str) -> bool:
    """Whether a sentence is told by the reporter: not a quotation ('"...," she said', 'care,"
    WHO Director Dr Mirta Roses said', 'She said: "How can ...'), not a first-person account
    ('I just knew ...'), not a question."""
    stripped = text.strip()
    if not stripped or stripped[:1] in OPENING_QUOTES or stripped.endswith("?"):
        return False
    return not first_person(stripped) and not QUOTE_THEN_SPEAKER.search(stripped) and not SPEAKER_THEN_QUOTE.search(stripped)


def first_person(text: str) -> bool:
    """Whether a sentence is a first-person account ('I just knew ...', 'We ran', 'Yesterday we
    visited a clinic'): it opens with such a word, or has one outside its quotation marks."""
    words = text.strip().lstrip(OPENING_QUOTES).split(maxsplit=1)
    if words and words[0].strip(",").lower() in FIRST_PERSON:
        return True
    return bool(FIRST_PERSON_WORD.search(QUOTED.sub(" ", text)))


def told_as_event(entry: TimelineEntry, dated: set[str]) -> bool:
    """An entry stands when a source tells it in the reporter's voice, or, for an event more
    specific than talk, a quotation states its date ('a pause on November 4 from 9:00,' the
    general said). Someone's words alone ('It was at 6am,' Sarah said; 'I just knew ...')
    are no event."""
    if any(reporter_voice(s.sentence) for s in entry.sources):
        return True
    quoted = [s.sentence for s in entry.sources if QUOTE_THEN_SPEAKER.search(s.sentence) or not first_person(s.sentence)]
    return entry.kind != STATEMENT_KIND and any(text in dated for text in quoted)


def best_summary(sources: list[SourceRef], *, dated: set[str] | frozenset[str] = frozenset(),
                 vectorizer: TfidfVectorizer | None = None) -> str:
    """The source sentence that reads best as the event's line: the reporter's voice, states the
    date, stands alone (opens with no pronoun for someone named before), says what most of the
    event's sentences say (nearest their TF-IDF centroid: the common account, not one outlet's
    aside), then near ideal length."""
    texts = list(dict.fromkeys(s.sentence for s in sources))
    central = centrality_of(texts, vectorizer)
    return without_page_header(min(
        texts,
        key=lambda text: (not reporter_voice(text), text not in dated, opens_with_pronoun(text), -central.get(text, 0.0),
                          abs(len(text) - IDEAL_SUMMARY_CHARS), text),
    ))


def opens_with_pronoun(text: str) -> bool:
    """Whether a sentence's first word is a pronoun standing for someone named before it."""
    words = text.strip().lstrip(OPENING_QUOTES).split(maxsplit=1)
    return bool(words) and words[0].strip(",").lower() in BARE_PRONOUN_SUBJECTS


def centrality_of(texts: list[str], vectorizer: TfidfVectorizer | None) -> dict[str, float]:
    """Each text's cosine to the mean of the texts (rounded, so near ties fall to length); none
    for fewer than three texts, where no account is common to most of them."""
    if vectorizer is None or len(texts) < 3:
        return {}
    return {text: round(float(score), 2) for text, score in zip(texts, centroid_cosines(vectorizer.transform(texts)), strict=True)}


def centroid_cosines(vectors) -> np.ndarray:
    """Cosine of each TF-IDF row to the mean of the rows (zeros when they hold no words)."""
    centroid = np.asarray(vectors.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid))
    return np.asarray(vectors @ centroid).ravel() / norm if norm else np.zeros(vectors.shape[0])


def sentence_vectorizer(entries: list[TimelineEntry]) -> TfidfVectorizer | None:
    """TF-IDF fitted on every sentence a story's entries cite (None when they hold no words)."""
    texts = list(dict.fromkeys(s.sentence for entry in entries for s in entry.sources))
    try:
        return TfidfVectorizer(stop_words="english", sublinear_tf=True).fit(texts)
    except ValueError:
        return None


def without_page_header(text: str) -> str:
    """A summary without the page header and wire dateline a scraped line may open with
    (the dateline as the cleaner reads it: 'LONDON (Reuters) - ')."""
    text = _kept_if_sentence(text, PAGE_HEADER.sub("", text, count=1))
    text = _kept_if_sentence(text, HEADLINE_THEN_STAMP.sub("", text, count=1))
    text = _kept_if_sentence(text, LIVE_STAMP.sub("", text, count=1))
    dateline = find_dateline([text])
    return _kept_if_sentence(text, text[len(dateline.text):].lstrip()) if dateline else text


def _kept_if_sentence(text: str, rest: str) -> str:
    """`rest` when what is left still reads as a sentence, else `text` as it was."""
    return rest if len(rest) >= MIN_SUMMARY_CHARS and rest[:1].isupper() else text


def undated_but_placed(event: LinkedEvent) -> bool:
    """An event of a known weekday in an undated report, of a kind more specific than talk.

    It stays on the timeline (date null, after the dated entries) so that it is neither lost
    nor merged into a look-alike of another week: the weekday is all the text gives.
    """
    return event.weekday is not None and not event.background and kind_rank(event.kind) < kind_rank(UNDATED_KINDS_UP_TO)


def said_by_then(entry: TimelineEntry, event: LinkedEvent, by_id: dict[str, Article]) -> TimelineEntry | None:
    """An entry of words said, dated no later than the articles it cites.

    Words reported as said ('Mr Preval later said ...') were said by the time the last of those
    articles came out. An event can carry the date of mentions whose sentences went to another
    entry; then the entry takes the best date of the mentions it still cites that are not after
    the last of its articles, and with none it is dropped. Plans ('said he would go on Thursday')
    keep the day they plan.
    """
    if entry.kind != STATEMENT_KIND or event.scheduled or entry.precision != "day" or not entry.date:
        return entry
    published = [as_day(by_id[a].published.date) for a in {s.article for s in entry.sources}]
    if None in published or date.fromisoformat(entry.date) <= max(published):
        return entry  # the common case: nothing to read further
    cited = {(s.article, s.sentence) for s in entry.sources}
    mentions = [by_id[a].events[i] for a, i in event.members if a in by_id and i < len(by_id[a].events)
                and (a, by_id[a].sentences[by_id[a].events[i].sentence].text) in cited]
    in_time = [m for m in mentions if (when := as_day(m.date)) is not None and when <= max(published)]
    kept = best_dated(in_time)
    precision = CONTRACT_PRECISIONS.get(kept.precision or "") if kept else None
    if kept is None or precision is None:
        return None
    entry.date, entry.precision = contract_date(kept.date, precision), precision
    return entry if entry.date else None


def entry_from(event: LinkedEvent, by_id: dict[str, Article]) -> TimelineEntry | None:
    """A timeline entry for a dated (or weekday-placed) event with at least one source sentence."""
    precision = CONTRACT_PRECISIONS.get(event.precision or "")
    day = contract_date(event.date, precision) if event.date and precision else None
    sources = event_sources(event, by_id)
    if not sources or (day is None and not undated_but_placed(event)):
        return None
    precision = precision if day else "day"
    return TimelineEntry(
        id=event.id,
        date=day,
        precision=precision,
        kind=event.kind,
        summary=best_summary(sources, dated=dated_sentences(event, by_id)),
        sources=sources,
        end=contract_date(event.end, "day") if event.end else None,
        time=event.time,
        actors=event.actors,
        place=event.place,
        background=event.background,
    )


def kind_rank(kind: str) -> int:
    """How specific a kind is: its place in the lexicon (first is most specific)."""
    kinds = list(load_lexicon().kinds)
    return kinds.index(kind) if kind in kinds else len(kinds)


def mention_rank(mention: EventMention) -> tuple[bool, int]:
    """How much a mention is its sentence's news: main clause first, then the most specific kind."""
    return (mention.subordinate, kind_rank(mention.kind))


def sentence_owners(entries: list[TimelineEntry], linked: list[LinkedEvent], by_id: dict[str, Article]) -> dict:
    """For each (article, sentence, day), the entry whose event is that sentence's news."""
    entry_ids = {e.id: e.date for e in entries}
    owners: dict[tuple[str, str, str | None], tuple] = {}
    for event in linked:
        if event.id not in entry_ids:
            continue
        for article_id, index in event.members:
            article = by_id[article_id]
            mention = article.events[index]
            key = (article_id, article.sentences[mention.sentence].text, entry_ids[event.id])
            owners[key] = min(owners.get(key, (mention_rank(mention), event.id)), (mention_rank(mention), event.id))
    return {key: owner for key, (_, owner) in owners.items()}


def one_entry_per_sentence(entries: list[TimelineEntry], owners: dict) -> list[TimelineEntry]:
    """Each sentence is cited by one entry of its day; an entry left without sentences folds into their owner."""
    by_entry = {e.id: e for e in entries}
    kept = []
    for entry in entries:
        cited = [s for s in entry.sources if owners.get((s.article, s.sentence, entry.date), entry.id) == entry.id]
        if cited:
            entry.sources = cited + corroborating(entry.sources, cited)
            kept.append(entry)
            continue
        host = by_entry[owners[(entry.sources[0].article, entry.sources[0].sentence, entry.date)]]
        host.actors = list(dict.fromkeys(host.actors + entry.actors))
        host.place, host.time = host.place or entry.place, host.time or entry.time
    return kept


def corroborating(sources: list[SourceRef], cited: list[SourceRef]) -> list[SourceRef]:
    """Sentences of other articles that mention an entry standing on its own sources: one each.

    An entry is never made by another entry's sentence, but an outlet that reports the event
    only in passing ('who spoke after the meeting') is still one more outlet that reports it.
    """
    articles = {s.article for s in cited}
    extra: dict[str, SourceRef] = {}
    for source in sources:
        if source.article not in articles:
            extra.setdefault(source.article, source)
    return list(extra.values())


def drop_side_statements(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """A statement is cited only by articles whose day has no more specific entry: then it is the news."""
    specific = {(s.article, e.date) for e in entries if e.kind != STATEMENT_KIND for s in e.sources}
    for entry in entries:
        if entry.kind == STATEMENT_KIND:
            entry.sources = [s for s in entry.sources if (s.article, entry.date) not in specific]
    return [e for e in entries if e.sources]


def mark_background(entries: list[TimelineEntry], articles: list[Article]) -> None:
    """Entries long before the story's first article are background, whatever their article says."""
    published = [d for d in (as_day(a.published.date) for a in articles) if d]
    if not published:
        return
    first = min(published)
    for entry in entries:
        if entry.date and (first - date.fromisoformat(entry.date)).days > BACKGROUND_AGE_DAYS:
            entry.background = True


def build_timeline(articles: list[Article], linked: list[LinkedEvent]) -> list[TimelineEntry]:
    """The story's timeline: one entry per dated event, in date order, each with its sources."""
    by_id = {a.id: a for a in articles}
    entries = [e for e in (entry_from(event, by_id) for event in linked) if e is not None]
    entries = drop_side_statements(one_entry_per_sentence(entries, sentence_owners(entries, linked, by_id)))
    events = {event.id: event for event in linked}
    entries = [e for e in (said_by_then(entry, events[entry.id], by_id) for entry in entries) if e is not None]
    dated = {event.id: dated_sentences(event, by_id) for event in linked}
    entries = [e for e in entries if told_as_event(e, dated[e.id])]
    vectorizer = sentence_vectorizer(entries)
    for entry in entries:
        entry.summary = best_summary(entry.sources, dated=dated[entry.id], vectorizer=vectorizer)
    mark_background(entries, articles)
    return sorted(entries, key=lambda e: (e.date is None, e.date or "", e.time or "", kind_rank(e.kind), e.id))


def reads_as_comment(title: str) -> bool:
    """A headline that asks, argues or packages rather than reports: not a story's title."""
    lower = title.lower().strip()
    return lower.endswith("?") or lower.startswith(COMMENT_LABELS) or any(f"{label}:" in lower for label in COMMENT_LABELS)


def centrality(articles: list[Article]) -> list[float]:
    """Cosine of each article's TF-IDF vector (title and body) to the mean of the story's."""
    texts = [f"{a.title or ''}\n{a.body}" for a in articles]
    try:
        vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    except ValueError:  # no words at all
        return [0.0] * len(articles)
    return list(centroid_cosines(vectors))


def story_title(articles: list[Article], timeline: list[TimelineEntry]) -> str:
    """The headline of the story's most central report (its analysis pieces and copies left out);
    the timeline's citations break ties."""
    cited = Counter(s.article for entry in timeline for s in entry.sources)
    titled = [a for a in articles if a.title and not a.duplicate_of]
    if not titled:
        return f"Story of {len(articles)} article(s)"
    titled = [a for a in titled if not reads_as_comment(a.title or "")] or titled
    central = dict(zip((a.id for a in titled), centrality(titled), strict=True))
    best = max(titled, key=lambda a: (round(central[a.id], 2), cited[a.id], -(as_day(a.published.date) or date.max).toordinal(), a.id))
    return best.title or ""


def summarise_story(articles: list[Article], timeline: list[TimelineEntry]) -> tuple[str, str]:
    """(title, summary): the span and outlets of the story and its most reported events."""
    outlets = sorted({a.outlet for a in articles if a.outlet})
    dated = [e for e in timeline if not e.background and e.date]
    span = f", {dated[0].date} to {dated[-1].date}" if dated else ""
    head = f"{len(articles)} article(s) from {len(outlets)} outlet(s) ({', '.join(outlets) or 'unknown'}){span}."
    widest = sorted(dated, key=lambda e: (-len({s.outlet or s.article for s in e.sources}), -len(e.sources), e.date))
    lines = [f"{e.date}: {e.summary}" for e in sorted(widest[:SUMMARY_ENTRIES], key=lambda e: e.date)]
    return story_title(articles, timeline), " ".join([head, *lines])
