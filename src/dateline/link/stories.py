"""Stories: articles of one running thread, clustered incrementally as they arrive.

Each article is described by its TF-IDF vector (scikit-learn), its entity profile (TF-IDF
over its entity mentions, repeats kept: whom and where it is about, and how much) and its
publication date. Candidates come from an inverted index over each article's strongest
terms and entities, so an article is only ever compared with the few that share its key
words, never with all others; a judge scores a candidate against a story by word cosine,
entity-profile cosine and time, and an article joins the best story above `JOIN_SCORE`.
Profiles, not a share of known names: a large story knows nearly every name of its region,
so reports of a neighbouring uprising in the same words would join it on names alone.

Assignments from earlier builds (`previous`) are kept as they are and two earlier stories
are never merged, so story ids are stable; new articles join the story they link to, or
found one whose id is 's-' plus a hash of its earliest article's id. Links do not depend
on input order, so neither does the result. Placed in date order, an early article can only
join a thread that already exists, so three passes follow over this build's articles: each
may move to a larger candidate story that now fits it better, stories of up to `SMALL_STORY`
articles may join a larger one, and a story whose centroid is `MERGE_COSINE` close to a
larger one's (words and entity profile together, `thread_score`) joins it. These later
passes move articles only through a pair of articles at least `PAIR_LINK` close (and the
first pass only through one `FIRST_LINK` close), since centroids of unrelated reports from
one season grow alike. Last, an article left in a small story joins the story that holds most of
its closest reports, and one still alone joins a large story that both its words and its
names lean towards (a side report of a long thread: close to the whole, to no single member).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer

from dateline.analyse.events import as_day
from dateline.model import Article

# Terms (plus entities) per article that go into the inverted index: enough to find
# articles of the same thread, few enough that posting lists stay short.
INDEX_TERMS = 20
# Candidates per article scored by the judge, ranked by how many index keys they share.
CANDIDATES = 30
# Two articles must share this many index keys to be compared at all.
MIN_SHARED_KEYS = 2
# Content and entity similarity weights in the judge's score (content carries more).
CONTENT_WEIGHT = 0.7
ENTITY_WEIGHT = 0.3
# Below this content cosine the entity share does not count: a large story knows most names,
# so unrelated political reports of one season would join it on names alone.
MIN_CONTENT = 0.12
# Score above which an article joins a story; set on the seeds and Timeline17 mixes:
# same-thread news pairs score 0.2-0.5, different-topic pairs below 0.1.
JOIN_SCORE = 0.16
# Within this many days time does not count against a link: running threads such as a
# months-long ceasefire saga are reported every few days to weeks.
TIME_WINDOW_DAYS = 45
# Beyond the window the score halves for every further period of this length.
TIME_HALF_LIFE_DAYS = 60
# Stories this small after the first pass may be a thread's early articles or a side thread
# placed before the main one was visible; the second pass lets them join a larger story
# they score well with (Timeline17: 2 -> 20 raised pairwise F1 .805 -> .862, P stayed .96).
SMALL_STORY = 20
# Two stories of this build whose centroids are this close tell one thread (a months-long war
# founded twice before its name settled); unrelated threads of one region stay below 0.7.
MERGE_COSINE = 0.75
# With entities known, two stories join when the mean of their word and entity-profile cosines
# is this high: halves of one thread name the same people and places in about the same
# measure (T17 halves .48-.78), while threads of one region and season share words but not
# names (.31-.42, Syria beside Libya, Egypt beside Libya).
MERGE_THREAD = 0.45
# Rounds in which a new article may move to a story that now fits it better than its own:
# an early article joins the nearest thread of its day, which may not be its own thread.
REFINE_ROUNDS = 2
# Candidates are retrieved only this many days either side of an article's date: beyond about
# 200 days the time factor alone keeps a pair under JOIN_SCORE, so a year loses no link and
# keeps each posting scan to the articles of its time (near-linear in the corpus).
CANDIDATE_WINDOW_DAYS = 365
# At most this many undated postings per key are scanned, and as many dated ones for an undated
# article (it has no window): the latest, so that a flood of undated copies stays linear.
UNDATED_SCAN = 2000
# A later pass moves an article, or joins a story, into another story only through a pair of
# articles at least this close (TF-IDF cosine): reports of one thread share their specific
# words. Summed centroids grow alike as stories grow, so a chain of unrelated reports from one
# season (US politics 2016) looks close to every further one by centroid alone.
PAIR_LINK = 0.2
# The first pass joins an article to a story only through a member at least this close: a
# looser floor than the later passes', as the centroid judge also has to agree.
FIRST_LINK = 0.12
# The last pass: an article of a story of at most `STRAY_SIZE` joins the story holding at least
# `MAJORITY` of its `NEIGHBOURS` closest retrieved articles (each at least `STRAY_MIN` close).
STRAY_SIZE = 10
NEIGHBOURS = 7
MAJORITY = 4
STRAY_MIN = 0.1
# The very last pass: an article still alone (a story of at most `SATELLITE_SIZE`) joins a story
# of at least `SMALL_STORY` when both its words (centroid cosine, times the time factor) and
# its names (entity-profile cosine) lean towards it: a side report of a large thread (doctored
# photos of the spill company, a fishing village under the slick) shares the thread's
# vocabulary and actors though no single report is close to it. On the dated Timeline17 build
# 117 such moves, 114 into the story of the article's own topic (the rest flu and economy, 2009).
SATELLITE_SIZE = 3
SATELLITE_CONTENT = 0.12
SATELLITE_ENTITY = 0.1
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")


@dataclass
class StoryFeatures:
    """What the judge compares: TF-IDF rows, entity keys, dates and index keys per article."""

    vectors: csr_matrix
    entities: list[frozenset[str]]
    profiles: csr_matrix  # TF-IDF rows over each article's entity mentions (who and where, how often)
    days: list
    keys: list[list[str]]


def story_id(founder: str) -> str:
    """A stable story id from the id of the article that founded it."""
    return "s-" + hashlib.sha1(founder.encode()).hexdigest()[:12]


def entity_keys(article: Article) -> frozenset[str]:
    """Lower-cased entity names, each once: who and where the article is about."""
    return frozenset(e.text.lower().removeprefix("the ").strip() for e in article.entities if e.label in ENTITY_LABELS)


def index_keys(row: csr_matrix, terms: np.ndarray, entities: frozenset[str]) -> list[str]:
    """The article's strongest TF-IDF terms and its entities: its keys in the index."""
    order = np.argsort(-row.data)[:INDEX_TERMS]
    return [f"t:{terms[row.indices[i]]}" for i in order] + [f"e:{e}" for e in sorted(entities)]


def entity_mentions(article: Article) -> list[str]:
    """Every entity mention as its key, repeats kept: a report about Syria names Syria often."""
    return [e.text.lower().removeprefix("the ").strip() for e in article.entities if e.label in ENTITY_LABELS]


def entity_profiles(articles: list[Article]) -> csr_matrix:
    """TF-IDF over entity mentions: names every report of a region carries weigh little."""
    mentions = [entity_mentions(a) for a in articles]
    if not any(mentions):
        return csr_matrix((len(articles), 0))
    return TfidfVectorizer(analyzer=lambda keys: keys, sublinear_tf=True).fit_transform(mentions).tocsr()


def story_text(title: str | None, body: str) -> str:
    """What the TF-IDF of an article reads: its title, then its body."""
    return f"{title or ''}\n{body}"


def build_features(articles: list[Article], texts: Iterable[str] | None = None) -> StoryFeatures:
    """TF-IDF over titles and bodies, fitted on the articles at hand, and the other signals.

    `texts` (each article's `story_text`, in order) may be a stream read once, so that no body
    needs to be held: by default they come from the articles.
    """
    texts = texts if texts is not None else [story_text(a.title, a.body) for a in articles]
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, token_pattern=r"(?u)\b[^\W\d_]{3,}\b")
    try:
        vectors = vectorizer.fit_transform(texts).tocsr()
        terms = vectorizer.get_feature_names_out()
    except ValueError:  # not one content word in any article: nothing to compare by words
        vectors, terms = csr_matrix((len(articles), 0)), np.array([], dtype=str)
    entities = [entity_keys(a) for a in articles]
    keys = [index_keys(vectors[i], terms, entities[i]) for i in range(len(articles))]
    return StoryFeatures(vectors, entities, entity_profiles(articles), [as_day(a.published.date) for a in articles], keys)


def time_factor(gap_days: int) -> float:
    """1 within the window, then halving per half-life; unknown dates count as a 0 gap."""
    gap = gap_days - TIME_WINDOW_DAYS
    return 1.0 if gap <= 0 else 0.5 ** (gap / TIME_HALF_LIFE_DAYS)


class StoryIndex:
    """An inverted index from key to the articles that carry it, dated postings in date order."""

    def __init__(self, keys: list[list[str]], days: list) -> None:
        self.days = days
        self.dated: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.undated: dict[str, list[int]] = defaultdict(list)
        for article, article_keys in enumerate(keys):
            day = days[article]
            for key in article_keys:
                if day is None:
                    self.undated[key].append(article)
                else:
                    self.dated[key].append((day.toordinal(), article))
        for postings in self.dated.values():
            postings.sort()

    def near(self, key: str, day) -> list[int]:
        """Articles carrying a key: the undated ones and those within the window of `day`."""
        postings = self.dated.get(key, [])
        if day is None:
            chosen = postings[-UNDATED_SCAN:]
        else:
            low = bisect_left(postings, (day.toordinal() - CANDIDATE_WINDOW_DAYS, -1))
            chosen = postings[low : bisect_right(postings, (day.toordinal() + CANDIDATE_WINDOW_DAYS, len(self.days)))]
        return [*self.undated.get(key, [])[-UNDATED_SCAN:], *(j for _, j in chosen)]

    def candidates(self, article: int, keys: list[str]) -> list[int]:
        """Other articles sharing the most keys with this one, best first."""
        day = self.days[article]
        shared = Counter(j for key in keys for j in self.near(key, day) if j != article)
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        return [j for j, count in ranked[:CANDIDATES] if count >= MIN_SHARED_KEYS]


@dataclass
class StoryState:
    """A story being built: the sum of its members' vectors, entities and date range."""

    id: str
    vector: csr_matrix
    profile: csr_matrix  # sum of the members' entity profiles
    first: object = None
    last: object = None
    size: int = 0
    _norm: float | None = None

    @property
    def norm(self) -> float:
        """Length of the summed vector, computed once per change of members."""
        if self._norm is None:
            self._norm = float(np.sqrt(self.vector.multiply(self.vector).sum()))
        return self._norm

    def add(self, features: StoryFeatures, i: int) -> None:
        """Take one more member into the centroid, the entity counts and the dates."""
        self.vector = self.vector + features.vectors[i]
        self.profile = self.profile + features.profiles[i]
        self.size, self._norm = self.size + 1, None
        day = features.days[i]
        if day is not None:
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)

    def remove(self, features: StoryFeatures, i: int) -> None:
        """Take a member out of the centroid and entity counts (the date range stays)."""
        self.vector = self.vector - features.vectors[i]
        self.profile = self.profile - features.profiles[i]
        self.size, self._norm = self.size - 1, None

    def gap_days(self, day) -> int:
        """Days from a date to the story's date range (0 inside it or when unknown)."""
        if day is None or self.first is None:
            return 0
        return max((self.first - day).days, (day - self.last).days, 0)


def story_score(features: StoryFeatures, i: int, story: StoryState) -> float:
    """The judge: cosine to the story centroid, cosine of the entity profiles, time."""
    norm = story.norm
    content = float(features.vectors[i].multiply(story.vector).sum() / norm) if norm else 0.0
    if content < MIN_CONTENT:
        return content  # shared names alone ('Trump', 'Iowa') do not make one story
    score = judged(content, profile_cosine(features.profiles[i], story.profile))
    return score * time_factor(story.gap_days(features.days[i]))


def placing_order(articles: list[Article], previous: dict[str, str]) -> list[int]:
    """Already-placed articles first, then new ones by date and id (input order ignored)."""
    old = [i for i, a in enumerate(articles) if a.id in previous]
    new = [i for i, a in enumerate(articles) if a.id not in previous]
    return old + sorted(new, key=lambda i: (articles[i].published.date or "9999", articles[i].id))


def close_stories(features: StoryFeatures, i: int, near: list[int], placed: dict[int, str], floor: float) -> set[str]:
    """Stories of the retrieved articles that are at least `floor` close to article `i` (one product)."""
    if not near:
        return set()
    cosines = (features.vectors[near] @ features.vectors[i].T).toarray().ravel()
    return {placed[j] for j, cosine in zip(near, cosines, strict=True) if cosine >= floor}


def strongest_link(features: StoryFeatures, i: int, others: list[int]) -> float:
    """The highest cosine of an article to any of the given articles (0 for none)."""
    if not others:
        return 0.0
    return float((features.vectors[others] @ features.vectors[i].T).max())


def linked(features: StoryFeatures, members: list[int], story: str, placed: dict[int, str],
           index: StoryIndex) -> bool:
    """Whether some member has a retrieved candidate in `story` at least `PAIR_LINK` close."""
    for i in members:
        near = [j for j in index.candidates(i, features.keys[i]) if placed.get(j) == story]
        if strongest_link(features, i, near) >= PAIR_LINK:
            return True
    return False


def choose_story(features: StoryFeatures, i: int, candidates: list[StoryState]) -> StoryState | None:
    """The best-scoring candidate story, if it scores at least `JOIN_SCORE`."""
    scored = [(story_score(features, i, story), story.id, story) for story in candidates]
    best = max(scored, default=None, key=lambda item: (item[0], item[1]))
    return best[2] if best and best[0] >= JOIN_SCORE else None


def centroid_cosine(left: csr_matrix, right: csr_matrix) -> float:
    """Cosine of two (unnormalised) sums of TF-IDF rows."""
    norms = np.sqrt(left.multiply(left).sum() * right.multiply(right).sum())
    return float(left.multiply(right).sum() / norms) if norms else 0.0


def profile_cosine(left: csr_matrix, right: csr_matrix) -> float | None:
    """Cosine of two (summed) entity profiles, or None when either names no one."""
    return centroid_cosine(left, right) if left.nnz and right.nnz else None


def judged(content: float, entity: float | None) -> float:
    """Word and entity evidence weighed together; words alone when no entities are known."""
    if entity is None:
        return content
    return (CONTENT_WEIGHT * content + ENTITY_WEIGHT * entity) / (CONTENT_WEIGHT + ENTITY_WEIGHT)


def stories_score(small: StoryState, large: StoryState) -> float:
    """The judge for two stories: centroid cosine, entity-profile cosine, and the gap between them."""
    score = judged(centroid_cosine(small.vector, large.vector), profile_cosine(small.profile, large.profile))
    gap = large.gap_days(small.first) if small.first is not None else 0
    gap = min(gap, large.gap_days(small.last)) if small.last is not None else gap
    return score * time_factor(gap)


def merge_new_stories(features: StoryFeatures, placed: dict[int, str], states: dict[str, StoryState], earlier: set[str]) -> None:
    """Second pass: a story founded in this build joins a story it scores well with.

    The first pass sees an article only against what was placed before it; this pass lets
    an early article whose thread only became clear later join that thread.
    """
    index = StoryIndex(features.keys, features.days)
    members: dict[str, list[int]] = defaultdict(list)
    for i, story in sorted(placed.items()):
        members[story].append(i)
    small = [s for s in members if s not in earlier and len(members[s]) <= SMALL_STORY]
    for story in sorted(small, key=lambda s: members[s][0]):
        near = {placed[j] for i in members[story] for j in index.candidates(i, features.keys[i])}
        near = {s for s in near if len(members[s]) > len(members[story])}
        scored = [(stories_score(states[story], states[other]), other) for other in sorted(near)]
        scored = [item for item in scored if item[0] >= JOIN_SCORE]
        best = max((item for item in scored if linked(features, members[story], item[1], placed, index)), default=None)
        if best:
            absorb(story, best[1], features, members, placed, states)


def absorb(story: str, into: str, features: StoryFeatures, members: dict[str, list[int]],
           placed: dict[int, str], states: dict[str, StoryState]) -> None:
    """Move every article of `story` into the story `into`, and drop `story`."""
    for i in members.pop(story):
        placed[i] = into
        members[into].append(i)
        states[into].add(features, i)
    del states[story]


def refine_stories(features: StoryFeatures, placed: dict[int, str], states: dict[str, StoryState], movable: list[int]) -> None:
    """Let each new article move to the candidate story it now scores best with.

    Placed in date order, an article can only join a thread that already exists; once all
    threads exist, the article is scored against each candidate story (its own without it).
    """
    index = StoryIndex(features.keys, features.days)
    for _ in range(REFINE_ROUNDS):
        moved = 0
        for i in movable:
            own = states[placed[i]]
            near = index.candidates(i, features.keys[i])
            others = sorted(close_stories(features, i, near, placed, PAIR_LINK) - {own.id})
            # a small story fits anyone: only an established one (or one as large) may take the article
            others = [s for s in others if states[s].size >= min(own.size, SMALL_STORY)]
            if not others:
                continue
            own.remove(features, i)
            best = choose_story(features, i, [own, *(states[s] for s in others)]) or own
            if best is not own and story_score(features, i, best) <= story_score(features, i, own):
                best = own
            best.add(features, i)
            if best is not own:
                placed[i], moved = best.id, moved + 1
        if not moved:
            break


def thread_score(small: StoryState, large: StoryState) -> float:
    """How far two stories are one thread, less the bar they must clear (>= 0: merge).

    The mean of their word and entity-profile cosines against `MERGE_THREAD`, or their word
    cosine alone against `MERGE_COSINE` when no entities are known; times the time factor.
    """
    content, entity = centroid_cosine(small.vector, large.vector), profile_cosine(small.profile, large.profile)
    score, bar = (content, MERGE_COSINE) if entity is None else ((content + entity) / 2, MERGE_THREAD)
    return score * time_factor(gap_between(small, large)) - bar


def merge_close_stories(features: StoryFeatures, placed: dict[int, str], states: dict[str, StoryState], earlier: set[str]) -> None:
    """A story of this build that `thread_score` finds one thread with a larger story joins it."""
    index = StoryIndex(features.keys, features.days)
    members: dict[str, list[int]] = defaultdict(list)
    for i, story in sorted(placed.items()):
        members[story].append(i)
    for story in sorted((s for s in members if s not in earlier), key=lambda s: (len(members[s]), s)):
        near = {placed[j] for i in members[story] for j in index.candidates(i, features.keys[i])} - {story}
        near = {s for s in near if len(members[s]) >= len(members[story])}
        scored = [(thread_score(states[story], states[o]), o) for o in sorted(near)]
        scored = [item for item in scored if item[0] >= 0]
        best = max((item for item in scored if linked(features, members[story], item[1], placed, index)), default=None)
        if best:
            absorb(story, best[1], features, members, placed, states)


def adopt_strays(features: StoryFeatures, placed: dict[int, str], states: dict[str, StoryState],
                 movable: list[int]) -> None:
    """An article left in a story of at most `STRAY_SIZE` joins the larger story that holds most
    of its `NEIGHBOURS` closest retrieved articles, when that is at least `MAJORITY` of them:
    a report whose nearest reports mostly belong to one thread is part of that thread, even
    when no single pair of them is close (a feature on one side of a long war)."""
    index = StoryIndex(features.keys, features.days)
    for i in movable:
        own = states[placed[i]]
        if own.size > STRAY_SIZE:
            continue
        near = [j for j in index.candidates(i, features.keys[i]) if placed[j] != own.id]
        if len(near) < MAJORITY:
            continue
        cosines = (features.vectors[near] @ features.vectors[i].T).toarray().ravel()
        closest = [near[k] for k in np.argsort(-cosines, kind="stable")[:NEIGHBOURS] if cosines[k] >= STRAY_MIN]
        story, votes = max(Counter(placed[j] for j in closest).items(), key=lambda item: (item[1], item[0]), default=(None, 0))
        if votes >= MAJORITY and states[story].size > own.size:
            own.remove(features, i)
            states[story].add(features, i)
            placed[i] = story
            if not own.size:
                del states[own.id]


def join_satellites(features: StoryFeatures, placed: dict[int, str], states: dict[str, StoryState],
                    movable: list[int]) -> None:
    """An article left in a story of at most `SATELLITE_SIZE` joins the large story (at least
    `SMALL_STORY`) that its words and its names both lean towards, the best-judged one."""
    index = StoryIndex(features.keys, features.days)
    for i in movable:
        own = states[placed[i]]
        if own.size > SATELLITE_SIZE:
            continue
        near = {placed[j] for j in index.candidates(i, features.keys[i])} - {own.id}
        best = max((item for item in (satellite_score(features, i, states[s]) for s in sorted(near) if states[s].size >= SMALL_STORY)
                    if item is not None), default=None)
        if best is not None:
            own.remove(features, i)
            states[best[1]].add(features, i)
            placed[i] = best[1]
            if not own.size:
                del states[own.id]


def satellite_score(features: StoryFeatures, i: int, story: StoryState) -> tuple[float, str] | None:
    """(judged score, story id) when article `i` leans towards `story` in words and in names."""
    content = float(features.vectors[i].multiply(story.vector).sum() / story.norm) if story.norm else 0.0
    content *= time_factor(story.gap_days(features.days[i]))
    entity = profile_cosine(features.profiles[i], story.profile)
    if content < SATELLITE_CONTENT or entity is None or entity < SATELLITE_ENTITY:
        return None
    return judged(content, entity), story.id


def gap_between(left: StoryState, right: StoryState) -> int:
    """Days between two stories' date ranges (0 when they overlap or one is undated)."""
    if left.first is None or right.first is None:
        return 0
    return max((left.first - right.last).days, (right.first - left.last).days, 0)


def cluster_stories(articles: list[Article], previous: dict[str, str], texts: Iterable[str] | None = None) -> dict[str, str]:
    """Article id -> story id: earlier assignments kept, new articles joined or founding
    (`texts` as for `build_features`)."""
    if not articles:
        return {}
    features = build_features(articles, texts)
    index, by_id = StoryIndex(features.keys, features.days), {a.id: i for i, a in enumerate(articles)}
    states: dict[str, StoryState] = {}
    placed: dict[int, str] = {}
    for i in placing_order(articles, previous):
        article = articles[i]
        story = previous.get(article.id) or placed.get(by_id.get(article.duplicate_of or "", -1))
        if story is None:
            near = [j for j in index.candidates(i, features.keys[i]) if j in placed]
            candidates = close_stories(features, i, near, placed, FIRST_LINK)
            chosen = choose_story(features, i, [states[s] for s in sorted(candidates)])
            story = chosen.id if chosen else story_id(article.id)
        if story not in states:
            states[story] = StoryState(story, features.vectors[i] * 0, features.profiles[i] * 0)
        states[story].add(features, i)
        placed[i] = story
    earlier = set(previous.values())
    movable = [i for i in placed if articles[i].id not in previous and not articles[i].duplicate_of]
    refine_stories(features, placed, states, movable)
    merge_new_stories(features, placed, states, earlier)
    merge_close_stories(features, placed, states, earlier)
    adopt_strays(features, placed, states, movable)
    join_satellites(features, placed, states, movable)
    return {articles[i].id: story for i, story in placed.items()}
