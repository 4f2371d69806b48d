"""What happened, when, where and who: event mentions found sentence by sentence.

Candidates are trigger words from the `event_kinds.toml` lexicon (matched on lemmas with a
spaCy PhraseMatcher); each sentence keeps one mention per kind, with the action read from
the verb that governs the trigger, the date from the nearest time expression of the
sentence (the time helper's `TimeMention`), the place from the nearest GPE/LOC entity and
the actors from the PERSON/ORG/NORP entities and the grammatical subject.

Limits: one mention per kind per sentence; a pronoun subject is resolved to the last person
named before it, nothing more clever; a sentence without a time expression borrows the date
of an event at most `INHERIT_WINDOW` sentences before it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from babel import Locale
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from dateline.model import Article, Entity, EventMention, TimeMention

# A past reference older than this before the story's first report is context, not the news:
# a day-by-day account of a running story rarely looks back more than two months.
BACKGROUND_AGE_DAYS = 60
# An article looks back further within its own story (a war's factbox of the last months):
# only what is more than a year older than the article is history whatever the story.
ARTICLE_HISTORY_DAYS = 365
# A sentence with no time expression of its own continues the narrative of the sentence
# just before; two sentences is as far as that reliably reaches in news prose.
INHERIT_WINDOW = 2
# A statement continues the day of the sentence before it only when that day is this recent:
# reports quote today's speakers after recalling an older day ('since the quake struck on 12
# January ... Mr Thomas said no signs of life had been found', ten days on).
RECALL_DAYS = 3
# The kind that says someone spoke.
STATEMENT_KIND = "statement"
# Characters before a time expression searched for 'until' and its like.
END_CUE_REACH = 8
ACTOR_LABELS = ("PERSON", "ORG")
PLACE_LABELS = ("GPE", "LOC", "FAC")
DATED_TYPES = ("DATE", "TIME")
PRONOUNS = ("he", "she")
CLOCK = re.compile(r"T(\d{2}:\d{2})")
ISO_WEEK = re.compile(r"\d{4}-W\d{2}")
QUOTE_MARKS = "\"“”«»"
# Dependency labels of clauses that say something about a noun or add a side condition
# ('the minister, who was speaking after a meeting in X, ...'): not the sentence's news.
SIDE_CLAUSES = ("relcl", "acl", "advcl")
# A place is said of something else only inside a who/which clause; 'rebels holding X' still places.
PLACE_SIDE_CLAUSES = ("relcl",)
# A past-perfect or present verb describes a standing situation, not the narrated day.
NARRATED_TAGS = ("VBD",)
DAY_PRECISIONS = {"day": "day", "time": "day", "week": "week", "month": "month", "year": "year"}


@dataclass(frozen=True)
class EventLexicon:
    """The trigger terms of each kind, the action verbs, and the kinds placed by dateline."""

    kinds: dict[str, tuple[str, ...]]
    actions: dict[str, str]  # governing verb lemma -> action
    dateline_kinds: frozenset[str]
    end_cues: frozenset[str]
    since_cues: frozenset[str]
    parts_of_speech: dict[str, str]  # term -> the only part of speech it triggers as (VERB, NOUN)


@lru_cache(maxsize=1)
def load_lexicon() -> EventLexicon:
    """Read the shipped event lexicon once."""
    text = resources.files("dateline.data").joinpath("event_kinds.toml").read_text("utf-8")
    data = tomllib.loads(text)
    kinds = {name: tuple(spec["terms"]) for name, spec in data["kinds"].items()}
    actions = {verb: action for action, verbs in data["actions"].items() for verb in verbs}
    roles, parts = data["time_roles"], data["parts_of_speech"]
    only = {term: "VERB" for term in parts["verbs_only"]} | {term: "NOUN" for term in parts["nouns_only"]}
    return EventLexicon(kinds, actions, frozenset(data["dateline_place"]["kinds"]), frozenset(roles["end_cues"]),
                        frozenset(roles["since_cues"]), only)


# Matchers already built, by (vocab, lexicon) identity: one per process and lexicon, not one per article.
_MATCHERS: dict[tuple[int, int], tuple[Vocab, EventLexicon, PhraseMatcher]] = {}


def build_matcher(vocab: Vocab, lexicon: EventLexicon) -> PhraseMatcher:
    """A lemma matcher with one label per kind; each term is split on spaces into lemmas.
    Built once for each vocabulary and lexicon (the entry holds both, so neither id is reused)."""
    key = (id(vocab), id(lexicon))
    if key not in _MATCHERS:
        _MATCHERS[key] = (vocab, lexicon, _new_matcher(vocab, lexicon))
    return _MATCHERS[key][2]


def _new_matcher(vocab: Vocab, lexicon: EventLexicon) -> PhraseMatcher:
    matcher = PhraseMatcher(vocab, attr="LEMMA")
    for kind, terms in lexicon.kinds.items():
        patterns = []
        for term in terms:
            words = term.split()
            patterns.append(Doc(vocab, words=words, lemmas=words))
        matcher.add(kind, patterns)
    return matcher


def find_triggers(doc: Doc, lexicon: EventLexicon) -> list[tuple[str, Span]]:
    """Every (kind, trigger span), a token claimed by an earlier-listed kind is not reused."""
    matcher = build_matcher(doc.vocab, lexicon)
    order = list(lexicon.kinds)
    matches = [(doc.vocab.strings[label], doc[start:end]) for label, start, end in matcher(doc)]
    matches.sort(key=lambda m: (order.index(m[0]), m[1].start, -len(m[1])))
    claimed: set[int] = set()
    triggers = []
    for kind, span in matches:
        if claimed & set(range(span.start, span.end)):
            continue
        if not any(tok.pos_ in ("NOUN", "VERB", "PROPN") for tok in span):
            continue
        if len(span) == 1 and lexicon.parts_of_speech.get(span[0].lemma_, span[0].pos_) != span[0].pos_:
            continue  # 'the state', 'signs of life': the term is a trigger only as the other part of speech
        claimed.update(range(span.start, span.end))
        triggers.append((kind, span))
    return sorted(triggers, key=lambda t: t[1].start)


def governing_verb(trigger: Span) -> Token | None:
    """The verb a trigger word is the subject or object of (or the trigger, if a verb)."""
    token = trigger.root
    for _ in range(3):  # noun -> prep -> verb is the longest chain worth following
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def read_action(trigger: Span, lexicon: EventLexicon) -> str | None:
    """What was done to the event, from its verb: a negated verb means it was refused."""
    verb = governing_verb(trigger)
    if verb is None:
        return None
    action = lexicon.actions.get(verb.lemma_.lower())
    negated = any(child.dep_ == "neg" for child in verb.children)
    if negated and verb.pos_ == "VERB" and action in (None, "declared", "extended", "held"):
        return "refused"
    return action


def nearest(items: list, offset: int, *, start=lambda i: i.start):
    """The item whose start is closest to a body offset (ties go to the earlier one)."""
    return min(items, key=lambda item: (abs(start(item) - offset), start(item)), default=None)


def sentence_timexes(article: Article, sentence: int) -> list[TimeMention]:
    """Dated time expressions of one sentence (durations and sets date nothing)."""
    sent = article.sentences[sentence]
    return [
        t
        for t in article.timexes
        if t.type in DATED_TYPES
        and (t.sentence == sentence or (t.sentence is None and sent.start <= t.start < sent.end))
    ]


def clock_of(value: str | None) -> str | None:
    """The HH:MM of a TIMEX3 value such as '2016-11-04T09:00' ('TEV' for evening is no clock)."""
    match = CLOCK.search(value or "")
    return match.group(1) if match else None


def clock_span(timex: TimeMention) -> str | None:
    """'09:00-19:00' from a TIME value and its interval end, or '09:00' alone."""
    begin, end = clock_of(timex.value), clock_of(timex.end_value)
    if begin is None:
        return None
    return f"{begin}-{end}" if end else begin


def calendar_date(value: str | None) -> str | None:
    """The YYYY-MM-DD (or shorter YYYY-MM / YYYY) part of a TIMEX3 value, if it is a date."""
    if not value or not value[:4].isdigit():
        return None
    head = value.split("T", 1)[0]
    if ISO_WEEK.fullmatch(head):
        return head  # 'last week': the week is the date, never a day borrowed from before
    parts = head.split("-")
    if not all(p.isdigit() for p in parts):
        return None
    return head


def cued_by(article: Article, timex: TimeMention, cues: frozenset[str]) -> bool:
    """Whether a time expression is introduced by one of the cue words ('until Friday')."""
    words = article.body[max(0, timex.start - END_CUE_REACH) : timex.start].split()
    return bool(words) and words[-1].lower() in cues


def apply_timex(event: EventMention, timex: TimeMention) -> None:
    """Give an event the date, precision, clock time and weekday of its time expression."""
    event.date = calendar_date(timex.value)
    event.precision = DAY_PRECISIONS.get(timex.precision or "", None)
    if event.date and event.precision is None:
        event.precision = {10: "day", 7: "month", 4: "year"}.get(len(event.date))
    event.time = clock_span(timex)
    end = calendar_date(timex.end_value.split("T", 1)[0]) if timex.end_value else None
    event.end = end if end and end != event.date else None
    event.weekday = timex.weekday
    if timex.tense == "future":
        event.scheduled = True


def same_day_clock(article: Article, sentence: int, day: str | None) -> str | None:
    """The clock time a sentence gives for the event's day ('on November 4 from 9:00 to 19:00')."""
    for timex in sentence_timexes(article, sentence):
        if day and timex.type == "TIME" and timex.value.startswith(day):
            return clock_span(timex)
    return None


def as_day(value: str | None) -> date | None:
    """A date from an ISO string, completing month or year precision to its first day."""
    if not value:
        return None
    parts = value.split("-") + ["01", "01"]
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def judge_time_role(event: EventMention, published: str | None) -> None:
    """Mark background (long before the article) and scheduled (after it) events."""
    when, now = as_day(event.date), as_day(published)
    if when is None or now is None:
        return
    if when < now - timedelta(days=ARTICLE_HISTORY_DAYS):
        event.background = True  # (a side clause's month or year is background already)
    if event.precision == "day" and when > now:
        event.scheduled = True


def clean_name(text: str) -> str:
    """An entity's name without a possessive ending or a leading article."""
    name = text.strip().removesuffix("'s").removesuffix("’s").strip()
    return name[4:] if name.lower().startswith("the ") else name


def sentence_entities(article: Article, sentence: int, labels: tuple[str, ...]) -> list[Entity]:
    """Entities of one sentence with one of the given labels."""
    return [e for e in article.entities if e.sentence == sentence and e.label in labels]


def subject_name(trigger: Span, last_person: str | None) -> str | None:
    """The subject of the trigger's verb: a pronoun becomes the last person named."""
    verb = governing_verb(trigger)
    if verb is None:
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in PRONOUNS:
                return last_person
            if child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
                ent = next((e for e in child.doc.ents if e.start <= child.i < e.end), None)
                return clean_name(ent.text) if ent is not None else None
    return None


def find_actors(article: Article, sentence: int, trigger: Span, last_person: str | None) -> list[str]:
    """Who acts: the subject first, then the sentence's people, organisations and groups."""
    names = [subject_name(trigger, last_person)]
    names += [clean_name(e.text) for e in sentence_entities(article, sentence, ACTOR_LABELS)]
    places = place_names(article)
    return list(dict.fromkeys(n for n in names if n and n not in places))


def place_names(article: Article) -> set[str]:
    """Names the article labels a place at least once: the small model misses repeats."""
    return {clean_name(e.text) for e in article.entities if e.label in PLACE_LABELS}


def sentence_places(article: Article, sentence: int) -> list[Entity]:
    """Every occurrence in a sentence of a name the article elsewhere labels a place."""
    sent = article.sentences[sentence]
    found = []
    # longest first, and in one order on every run: 'Maarat al-Numaan' before 'Maarat' at the same spot
    for name in sorted(place_names(article), key=lambda n: (-len(n), n)):
        for match in re.finditer(rf"\b{re.escape(name)}\b", sent.text):
            found.append(Entity(name, "GPE", sent.start + match.start(), sent.start + match.end(), sentence))
    return found


def in_clause(place: Entity, trigger: Span) -> bool:
    """A place belongs to an event when the trigger or its verb governs it, not through a side clause."""
    span = trigger.doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    heads = {trigger.root.i}
    verb = governing_verb(trigger)
    if verb is not None:
        heads.add(verb.i)
    token = span.root
    while token.head.i != token.i:
        about_other = token.head.i not in heads and trigger.root not in token.subtree
        if token.dep_ in PLACE_SIDE_CLAUSES and about_other:
            return False  # the place is said of something else, in a who/which clause
        if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and trigger.root not in token.subtree:
            return False  # '... and rebels met envoys in Benghazi': another clause's place
        token = token.head
        if token.i in heads:
            return True
    return False


def side_clause(trigger: Span) -> bool:
    """Whether a trigger sits in a who/which or adverbial clause: a side note of its sentence."""
    return any(t.dep_ in SIDE_CLAUSES for t in [trigger.root, *trigger.root.ancestors])


@lru_cache(maxsize=1)
def broad_place_names() -> frozenset[str]:
    """Country and region names (CLDR via Babel): a city or district named beside one says more."""
    return frozenset(name.lower() for name in Locale("en").territories.values())


def narrates_past(sentence: Span) -> bool:
    """Whether a sentence's main verb is a simple past: it goes on telling the dated story."""
    root = sentence.root
    perfect = any(child.dep_ == "aux" and child.lemma_ == "have" for child in root.children)
    return root.tag_ in NARRATED_TAGS and not perfect


def find_place(article: Article, sentence: int, trigger: Span, kind: str, lexicon: EventLexicon) -> str | None:
    """Where: the nearest place the event's clause names, else the dateline for kinds it places."""
    places = [p for p in sentence_places(article, sentence) if in_clause(p, trigger)]
    narrow = [p for p in places if p.text.lower() not in broad_place_names()]
    place = nearest(narrow or places, trigger.start_char)
    if place is not None:
        return place.text
    if kind in lexicon.dateline_kinds and article.dateline and article.dateline.place:
        return article.dateline.place.title()
    return None


def timex_anchor(timex: TimeMention, doc: Doc, trigger_roots: set[int]) -> Token | None:
    """What a time expression hangs on: the first trigger or verb above it in the parse."""
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return None
    return next((t for t in span.root.ancestors if t.i in trigger_roots or t.pos_ in ("VERB", "AUX")), None)


def times_trigger(timex: TimeMention, trigger: Span, rivals: list[Span]) -> bool:
    """Whether the parse ties a time expression to a trigger: on it, on its verb, or around it."""
    anchor = timex_anchor(timex, trigger.doc, {trigger.root.i, *(r.root.i for r in rivals)})
    if anchor is None:
        return False
    root = trigger.root
    if anchor == root or anchor == governing_verb(trigger) or anchor in root.ancestors:
        return True  # on the trigger, on its verb, or on a clause above it
    return root in anchor.ancestors and anchor.i not in {r.root.i for r in rivals}


def event_timexes(article: Article, sentence: int, trigger: Span, rivals: list[Span]) -> list[TimeMention]:
    """The sentence's time expressions of this event: those the parse ties to it, else unclaimed ones."""
    timexes = sentence_timexes(article, sentence)
    tied = [t for t in timexes if times_trigger(t, trigger, rivals)]
    if tied:
        return tied
    others = [(other, [r for r in rivals if r != other] + [trigger]) for other in rivals]
    return [t for t in timexes if not any(times_trigger(t, other, rest) for other, rest in others)]


def background_timex(timex: TimeMention, trigger: Span) -> bool:
    """Whether a month or year is said in a side clause: 'which has fought 65 wars since its
    founding in 1945', 'a compound bombed in 1986'. Such a date tells a reader the past, not
    the news, whatever the publication date (which may be unknown)."""
    if timex.precision not in ("month", "year"):
        return False
    span = trigger.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return False
    path = [span.root, *span.root.ancestors]
    path = path[: next((k for k, t in enumerate(path) if t.i == trigger.root.i), len(path))]
    return side_clause(trigger) or any(t.dep_ in SIDE_CLAUSES or t.lower_ == "since" for t in path)


def bare_clock(timex: TimeMention) -> bool:
    """A clock time that names no day ('at 1653 local time'): the resolver gave it the anchor's
    day, so a weekday or date beside it says the day better."""
    return timex.type == "TIME" and timex.weekday is None and timex.value[:10] == (timex.anchor or "")[:10]


def date_event(article: Article, event: EventMention, timexes: list[TimeMention], trigger: Span) -> None:
    """Set the event's date (and clock time) and its end ('until Friday') from its time expressions."""
    lexicon = load_lexicon()
    ends = [t for t in timexes if cued_by(article, t, lexicon.end_cues)]
    # 'since Monday' starts a state: the day of an action on the event ('have halted air attacks
    # since Oct. 18': the halt), else a period of activity running to the report ('have shelled')
    since = [t for t in timexes if not event.action and cued_by(article, t, lexicon.since_cues)]
    starts = [t for t in timexes if t not in ends and t not in since]
    clocks = [t for t in starts if bare_clock(t)]
    timex = nearest([t for t in starts if t not in clocks] or starts, trigger.start_char)
    if timex is not None:
        apply_timex(event, timex)
        event.background = background_timex(timex, trigger)
        event.time = event.time or same_day_clock(article, event.sentence, event.date)
        if timex not in clocks and clocks:  # 'struck at 1653 local time on Tuesday'
            event.time = event.time or clock_of(nearest(clocks, trigger.start_char).value)
    until = nearest(ends, trigger.start_char)
    if until is not None:
        event.end = calendar_date(until.value)
        event.date = event.date or (article.published.date if event.action else None)
        event.precision = event.precision or ("day" if event.date else None)
    if since and event.date is None and article.published.date:  # 'have shelled the port since Monday'
        event.date, event.precision = article.published.date, "day"


def mention_from_trigger(article: Article, kind: str, trigger: Span, rivals: list[Span]) -> EventMention | None:
    """One event mention for a trigger, with its date, action, place and actors."""
    lexicon = load_lexicon()
    sent = article.sentence_at(trigger.start_char)
    if sent is None:
        return None
    event = EventMention(kind=kind, sentence=sent.index, trigger=trigger.text, action=read_action(trigger, lexicon))
    event.subordinate = side_clause(trigger)
    date_event(article, event, event_timexes(article, sent.index, trigger, rivals), trigger)
    event.place = find_place(article, sent.index, trigger, kind, lexicon)
    event.actors = find_actors(article, sent.index, trigger, last_person_before(article, trigger.start_char))
    judge_time_role(event, article.published.date)
    if recalled(event, article.published.date) and (event.subordinate or named_in_passing(trigger)):
        event.background = True  # 'new controls on adoptions after the 12 January earthquake'
    return event


def named_in_passing(trigger: Span) -> bool:
    """Whether a trigger names its event only in passing, as a noun in a prepositional phrase or
    an owner ('after the 12 January earthquake', "near the epicentre of last week's earthquake").
    Recalled so (or in a side clause), a past day is the background of the sentence's news, not
    its date."""
    root = trigger.root
    if root.pos_ not in ("NOUN", "PROPN"):
        return False
    for token in [root, *root.ancestors]:
        if token.pos_ in ("VERB", "AUX"):
            return False
        if token.dep_ in ("pobj", "poss"):
            return True
    return False


def inherit_dates(article: Article, events: list[EventMention], *, narrating: set[int] | None = None) -> None:
    """Undated mentions take the day of a past mention just before them in the same or last paragraph.

    With `narrating` (the sentences told in the simple past), only those inherit: 'strikes had
    been killing civilians' or 'the city has been hit' describe a situation, not that day.
    """
    last: EventMention | None = None
    for event in events:
        undated = event.date is None and event.weekday is None
        carries = narrating is None or event.sentence in narrating
        if last is not None and event.kind == STATEMENT_KIND and recalled(last, article.published.date):
            carries = False  # 'the quake struck on 12 January. Mr Thomas said ...': he spoke lately
        if undated and carries and last is not None and continues(article, last.sentence, event.sentence):
            event.date, event.precision, event.weekday = last.date, last.precision, last.weekday
        elif not undated and not (event.background or event.scheduled) and event.precision == "day":
            last = event


def recalled(event: EventMention, published: str | None) -> bool:
    """Whether a day-dated mention lies more than `RECALL_DAYS` before publication: a past day
    recalled, after which a speaker's words are still of the report's own days."""
    when, now = as_day(event.date), as_day(published)
    return when is not None and now is not None and (now - when).days > RECALL_DAYS


def continues(article: Article, before: int, after: int) -> bool:
    """Whether a sentence is close enough to an earlier one to carry on its narrative."""
    paragraphs = article.sentences[after].paragraph - article.sentences[before].paragraph
    return 0 < after - before <= INHERIT_WINDOW and paragraphs <= 1


def last_person_before(article: Article, offset: int) -> str | None:
    """The last PERSON named before an offset: what 'he' or 'she' most likely refers to."""
    people = [e for e in article.entities if e.label == "PERSON" and e.end <= offset]
    return clean_name(people[-1].text) if people else None


def inside_quote(article: Article, trigger: Span) -> bool:
    """Whether a trigger sits inside quoted words (what someone said, not what happened)."""
    sent = article.sentence_at(trigger.start_char)
    if sent is None:
        return False
    before = article.body[sent.start : trigger.start_char]
    return sum(before.count(mark) for mark in QUOTE_MARKS) % 2 == 1


def extract_events(article: Article, doc: Doc) -> list[EventMention]:
    """Event mentions of an article, one per kind per sentence (reported before quoted), in text order."""
    events: list[EventMention] = []
    seen: set[tuple[int, str]] = set()
    triggers = find_triggers(doc, load_lexicon())
    by_sentence: dict[int, list] = {}
    for _, trigger in triggers:  # grouped once: comparing every pair's sentence is quadratic in a long text
        by_sentence.setdefault(trigger.sent.start, []).append(trigger)
    for kind, trigger in sorted(triggers, key=lambda t: inside_quote(article, t[1])):
        rivals = [other for other in by_sentence[trigger.sent.start] if other != trigger]
        event = mention_from_trigger(article, kind, trigger, rivals)
        if event is None or (event.sentence, kind) in seen:
            continue
        seen.add((event.sentence, kind))
        events.append(event)
    events.sort(key=lambda e: e.sentence)
    narrating = {sent.index for s in doc.sents if narrates_past(s) and (sent := article.sentence_at(s.start_char))}
    inherit_dates(article, events, narrating=narrating)
    return events
