"""Corpus-level stages over the store: duplicates, stories, speakers, events, timelines.

Each stage finds its candidates by blocking or an index (never all pairs). The corpus stages
(duplicates, stories, speakers) read a slim view of every article, the bodies streamed past
them and never held; events, dates and timelines then run story by story (event candidates
never cross a story), each story's articles read in full only while it is linked and told, so
memory follows the largest story, not the corpus. A stage that fails is one warning naming
it; what it would have changed stays as stored, and no stored article is lost. Only rows that
change are written: an article whose record is unchanged is not rewritten, and a story is
told again only when one of its articles changed or left it (or it was never told); the
others keep their ids and entries. After an upgrade of the code that links events and tells
stories (`telling_version`, a digest of its source), every story is told again once, so no
store keeps stale timelines.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, partial
from importlib import resources

from dateline import __version__
from dateline.link.duplicates import find_duplicates, shingle_hashes
from dateline.link.events import infer_dates, link_events
from dateline.link.speakers import link_speakers
from dateline.link.stories import ENTITY_LABELS, cluster_stories, story_text
from dateline.model import Article, Entity, PublishedDate, Quote, Speaker, Story, from_dict, to_dict
from dateline.store import Store
from dateline.tell.compare import compare_claims, framing_terms
from dateline.tell.timeline import build_timeline, summarise_story

# The store setting naming the code version its stories were told with, and that code.
TOLD_WITH = "told_with"
TELLING_SOURCES = ("link/events.py", "tell/timeline.py", "tell/compare.py", "relink.py")
# Changed articles are written in transactions of about this many.
WRITE_BATCH = 500


@dataclass
class CorpusTotals:
    """What the store holds after a build."""

    articles: int = 0
    outlets: int = 0
    stories: int = 0
    quotes: int = 0
    speakers: int = 0


@dataclass
class LinkReport(CorpusTotals):
    """Totals after linking, what was written, and seconds per stage."""

    articles_written: int = 0
    stories_told: int = 0
    stories_written: int = 0
    speakers_written: int = 0
    failed: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def record_of(article: Article) -> str:
    """The JSON an article is stored as (the same text the store writes)."""
    return json.dumps(to_dict(article))


class Stages:
    """Runs named stages, timing each; a failing one becomes a warning naming it."""

    def __init__(self, report: LinkReport, warn: Callable[[str], None]) -> None:
        self.report, self.warn = report, warn

    def run(self, name: str, step: Callable[[], object], kept: str) -> bool:
        """Run one stage; False (and a warning) when it raised."""
        started = time.perf_counter()
        try:
            step()
            return True
        except Exception as exc:  # a corpus stage must never take the stored articles with it
            if name not in self.report.failed:  # a stage run story by story warns once
                self.report.failed.append(name)
                self.warn(f"link stage '{name}' failed ({type(exc).__name__}: {exc}); {kept} kept as stored")
            return False
        finally:
            self.report.seconds[name] = self.report.seconds.get(name, 0.0) + time.perf_counter() - started


def relink(store: Store, warn: Callable[[str], None] | None = None) -> LinkReport:
    """Bring duplicates, stories, speakers, events and timelines up to date with the store.

    Two passes, so that memory follows the largest story rather than the corpus: the corpus
    stages (duplicates, stories, speakers) read a slim view of every article (`link_view`:
    names, speaker mentions, dates; the bodies streamed, never held); then each story's
    articles are read in full, given those results, their events linked and dates inferred,
    written where they changed, and the story told again where it was touched.
    """
    report = LinkReport()
    stages = Stages(report, warn or (lambda _message: None))
    started = time.perf_counter()
    hashes: dict = {}
    views = [link_view(record, hashes) for record in store.iter_records()]
    before = {a.id: a.story for a in views}
    report.seconds["read"] = time.perf_counter() - started
    stages.run("duplicates", lambda: _mark_duplicates(views, hashes), "duplicate marks")
    hashes.clear()
    stages.run("stories", lambda: _assign_stories(views, story_texts(store)), "story assignments")
    speakers: list[Speaker] = []
    speakers_ok = stages.run("speakers", lambda: speakers.extend(link_speakers(views)), "speakers")
    groups = group_by_story(views)
    retell_all = store.setting(TOLD_WITH) != telling_version()  # told by other code: tell every story again
    told_before = store.story_ids()
    moved_from = {before[a.id] for a in views if before[a.id] != a.story}
    told: list[Story] = []
    touched: set[str] = set()
    pending: list[Article] = []
    by_id = {a.id: a for a in views}
    unplaced = [a.id for a in views if not a.story]
    for story_id, ids in [*sorted((s, [a.id for a in members]) for s, members in groups.items()), (None, unplaced)]:
        if not ids:
            continue
        articles, linked, changed = _relink_story(store, ids, by_id, stages)
        report.articles_written += len(changed)
        pending.extend(changed)
        if len(pending) >= WRITE_BATCH:
            stages.run("write articles", partial(store.save_articles, pending, search=False), "articles")
            pending = []
        if story_id is not None and (retell_all or changed or story_id in moved_from or story_id not in told_before):
            touched.add(story_id)
            stages.run("tell", partial(_tell_into, told, story_id, articles, linked, stages), "stories")
    stages.run("write articles", partial(store.save_articles, pending, search=False), "articles")
    if stages.run("write stories", lambda: _count(report, "stories_written", store.sync_stories(told, set(groups))), "stories") \
            and len(told) == len(touched):
        store.set_setting(TOLD_WITH, telling_version())
    if speakers_ok:
        stages.run("write speakers", lambda: _count(report, "speakers_written", store.sync_speakers(speakers)), "speakers")
    _totals(report, views, groups, speakers if speakers_ok else None, store)
    report.stories_told = len(told)
    return report


def _relink_story(store: Store, ids: list[str], views: dict[str, Article],
                  stages: Stages) -> tuple[list[Article], list, list[Article]]:
    """One story's articles read in full and given the corpus stages' results, their events
    linked and dates inferred: the articles, the linked events and the articles whose record
    changed."""
    articles, records = [], {}
    for article, record in store.articles_by_ids(ids):
        apply_view(article, views[article.id])
        articles.append(article)
        records[article.id] = record
    linked: list = []
    stages.run("events", lambda: linked.extend(_link_and_date(articles)), "event links and inferred dates")
    return articles, linked, [a for a in articles if record_of(a) != records[a.id]]


def _tell_into(told: list[Story], story_id: str, articles: list[Article], linked: list, stages: Stages) -> None:
    """Tell one story (its articles and the events they report) and add it to `told`; one that
    fails is a warning and keeps its stored version."""
    try:
        told.append(tell_story(story_id, articles, linked))
    except Exception as exc:  # one story's timeline must not cost the others theirs
        stages.warn(f"link stage 'tell' failed for story {story_id} ({type(exc).__name__}: {exc}); the story kept as stored")


def _count(report: LinkReport, name: str, value: int) -> None:
    """Set one of the report's write counts."""
    setattr(report, name, value)


def link_view(record: str, hashes: dict) -> Article:
    """The slim article the corpus stages read: ids, title, outlet, dates, marks, the names the
    stories stage weighs (one shared object per name) and each quote's speaker mention. The
    body's shingle hashes go to `hashes`; the body itself is not kept."""
    data = json.loads(record)
    article = Article(
        id=data["id"],
        source=data["source"],
        outlet=data.get("outlet"),
        title=data.get("title"),
        published=from_dict(data["published"], PublishedDate),
        story=data.get("story"),
        duplicate_of=data.get("duplicate_of"),
        entities=[_shared_entity(e["text"], e["label"]) for e in data.get("entities", ()) if e["label"] in ENTITY_LABELS],
        quotes=[_speaker_of(q) for q in data.get("quotes", ())],
    )
    hashes[article.id] = shingle_hashes(data.get("body", ""))
    return article


@cache
def _shared_entity(text: str, label: str) -> Entity:
    """One Entity object per (text, label): the corpus view keeps names, not positions."""
    return Entity(text, label, 0, 0, 0)


def _speaker_of(quote: dict) -> Quote:
    """A quote reduced to what speaker linking reads (its mention, role and kind)."""
    return Quote("", quote["direct"], speaker=quote.get("speaker"), speaker_id=quote.get("speaker_id"),
                 speaker_role=quote.get("speaker_role"), speaker_kind=quote.get("speaker_kind"))


def apply_view(article: Article, view: Article) -> None:
    """Give a full article what the corpus stages decided on its view."""
    article.duplicate_of, article.story = view.duplicate_of, view.story
    for quote, linked in zip(article.quotes, view.quotes, strict=True):
        quote.speaker_id = linked.speaker_id


def story_texts(store: Store) -> Iterator[str]:
    """Each stored article's `story_text`, streamed in stored order (read once by TF-IDF)."""
    for record in store.iter_records():
        data = json.loads(record)
        yield story_text(data.get("title"), data.get("body", ""))


def _mark_duplicates(articles: list[Article], hashes: dict) -> None:
    """Set every article's `duplicate_of`."""
    copies = find_duplicates(articles, hashes)
    for article in articles:
        article.duplicate_of = copies.get(article.id)


def _assign_stories(articles: list[Article], texts: Iterable[str] | None = None) -> None:
    """Set every article's story, keeping earlier assignments."""
    previous = {a.id: a.story for a in articles if a.story}
    assignment = cluster_stories(articles, previous, texts)
    for article in articles:
        article.story = assignment.get(article.id)


def _link_and_date(articles: list[Article]) -> list:
    """Cross-outlet events, and the dates they give undated articles."""
    linked = link_events(articles)
    infer_dates(articles, linked)
    return linked


def group_by_story(articles: list[Article]) -> dict[str, list[Article]]:
    """Articles of each story, in stored order."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        if article.story:
            groups.setdefault(article.story, []).append(article)
    return groups


@cache
def telling_version() -> str:
    """A digest of the source of the modules that link events and tell stories (the package
    version where the source cannot be read)."""
    try:
        sources = b"".join(resources.files("dateline").joinpath(*path.split("/")).read_bytes() for path in TELLING_SOURCES)
    except OSError:
        return __version__
    return hashlib.sha256(sources).hexdigest()[:16]


def tell_story(story_id: str, articles: list[Article], linked: list) -> Story:
    """One story: its timeline, title, summary, figures and framing (from the events it cites)."""
    timeline = build_timeline(articles, linked)
    title, summary = summarise_story(articles, timeline)
    outlets = sorted({a.outlet for a in articles if a.outlet})
    return Story(
        id=story_id,
        title=title,
        summary=summary,
        articles=[a.id for a in articles],
        outlets=outlets,
        timeline=timeline,
        claims=compare_claims(articles),
        framing=framing_terms(articles),
    )


def _totals(report: LinkReport, articles: list[Article], groups: dict, speakers: list[Speaker] | None,
            store: Store) -> None:
    """The corpus totals for the build summary (speakers as stored when their stage failed)."""
    report.articles = len(articles)
    report.outlets = len({a.outlet for a in articles if a.outlet})
    report.stories = len(groups)
    report.quotes = sum(len(a.quotes) for a in articles)
    report.speakers = len(speakers) if speakers is not None else store.count("speakers")
