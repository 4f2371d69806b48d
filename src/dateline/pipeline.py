"""The pipeline: ingest -> clean -> dates -> analyse per article; link -> tell over the store.

Per-article stages take an iterable and return records, so any executor (a loop here, Dask
in `dateline.scale`) can run them; one writer stores the results. A failure inside one
article is recorded as a warning naming the file and the run goes on.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from dateline import timex
from dateline.analyse.claims import extract_claims
from dateline.analyse.events import extract_events
from dateline.analyse.nlp import load_model, parse, resolve_model
from dateline.analyse.quotes import extract_quotes
from dateline.clean import clean_documents
from dateline.dates import date_article
from dateline.dates.captions import infer_from_captions
from dateline.errors import DatelineError, InputError, Interrupted
from dateline.ingest import read_inputs
from dateline.ingest.walk import full_path
from dateline.link.duplicates import find_duplicates
from dateline.link.events import infer_dates, link_events
from dateline.link.speakers import link_speakers
from dateline.link.stories import cluster_stories
from dateline.model import Article, RawDocument, Speaker, Story
from dateline.outlets import OutletTable
from dateline.store import Store, check_database_path, writer_lock
from dateline.tell.compare import compare_claims, framing_terms
from dateline.tell.timeline import build_timeline, summarise_story

ANALYSED_LANGUAGES = ("en",)
BATCH_SIZE = 32  # articles cleaned together (cross-article boilerplate) and stored per transaction

Progress = Callable[[int], None]


@dataclass
class Settings:
    """Options of a build, in one place."""

    spacy_model: str | None = None
    outlets_file: Path | None = None


@dataclass
class BuildReport:
    """What a build did, for the closing summary."""

    added: int = 0
    skipped: int = 0
    replaced: int = 0
    problems: int = 0  # inputs (files, lines, records) skipped or read only in part
    articles: int = 0
    outlets: int = 0
    stories: int = 0
    quotes: int = 0
    speakers: int = 0
    warnings: list[str] = field(default_factory=list)
    warning_count: int = 0


def article_id(doc: RawDocument) -> str:
    """The input's identity: its full path (a feed or archive record: its URL) plus its content.

    Two different inputs never share an id, and the same input gives the same id on every build.
    """
    content = doc.text if doc.text is not None else doc.html or ""
    where = doc.url if doc.record is not None and doc.url else doc.source
    return hashlib.sha1(f"{where}\n{content}".encode()).hexdigest()[:16]


def analyse_article(article: Article, nlp: Language) -> Article:
    """Fill sentences, entities, quotes, time expressions, events and figures of one article.

    Quotes come before time expressions (words are anchored at the moment they were said),
    and events come last (they read quotes and dates).
    """
    if article.language not in (None, *ANALYSED_LANGUAGES):
        return article  # kept and flagged by clean; the English analysis would only add noise
    doc = parse(article, nlp)
    article.quotes = extract_quotes(article, doc)
    timex.annotate(article)
    if inferred := infer_from_captions(article):
        article.published = inferred
        timex.annotate(article)  # read the text again from its inferred day
    article.events = extract_events(article, doc)
    article.claims = extract_claims(article, doc)
    return article


def process_batch(
    docs: list[RawDocument],
    nlp: Language,
    outlets: OutletTable,
    warn: Callable[[str], None],
    skip: Callable[[InputError], None] | None = None,
) -> list[Article]:
    """Clean, date and analyse a batch of documents; a failing article is skipped (reported to `skip`)."""
    skip = skip or (lambda error: warn(str(error)))
    articles = []
    for doc, article in zip(docs, clean_documents(docs, outlets=outlets), strict=True):
        try:
            if not article.body.strip():
                raise InputError(doc.source, "no article text found (a page without a body?); skipped")
            article.id = article_id(doc)
            article.source = doc.source
            article.published = date_article(doc, article)
            articles.append(analyse_article(article, nlp))
        except InputError as error:
            skip(error)
        except Exception as exc:  # one bad article must not stop the run
            skip(InputError(doc.source, f"skipped, {type(exc).__name__} while analysing: {exc}"))
    return articles


def batched(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    """Consecutive lists of at most `size` items."""
    batch: list[RawDocument] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def build(
    paths: Iterable[str | Path],
    db: str | Path,
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
    warn: Callable[[str], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> BuildReport:
    """Add the articles under `paths` to the store at `db` and bring every story up to date.

    Options and inputs are checked before the model loads. One build writes to a database at
    a time (a second waits). `stop()` is asked after each committed batch: when it says so, the
    build ends there with `Interrupted` (what was committed stays; the same build again resumes).
    """
    settings = settings or Settings()
    paths = list(paths)
    report = BuildReport()
    sink = warn or report.warnings.append
    outlets = OutletTable.load(settings.outlets_file)
    resolve_model(settings.spacy_model)
    missing = [str(p) for p in paths if not os.path.lexists(p)]
    if missing:
        raise DatelineError(f"{missing[0]}: no such file or directory")
    check_database_path(db)
    raised: list[tuple[str, str]] = []

    def record_warning(message: str) -> None:
        report.warning_count += 1
        sink(message)

    def record_input_error(error: InputError) -> None:
        report.problems += 1
        raised.append((error.source, error.reason))
        record_warning(str(error))

    with writer_lock(db, notify=sink), Store(db) as store:
        nlp = load_model(settings.spacy_model)
        known, sources = store.article_ids(), store.article_sources()
        own_files = [full_path(f"{db}{suffix}") for suffix in ("", "-wal", "-shm", "-journal", ".lock")]
        docs = read_inputs(paths, on_error=record_input_error, ignore=own_files)
        fresh = (d for d in docs if not _seen(d, known, report))
        stored = 0
        for batch in batched(fresh, BATCH_SIZE):
            articles = process_batch(batch, nlp, outlets, record_warning, record_input_error)
            replaced = _replaced(batch, articles, sources, report, sink)
            store.save_articles(articles, replaced=replaced)
            store.add_warnings(raised[stored:])
            stored = len(raised)
            report.added += len(articles)
            report.warning_count += sum(len(a.warnings) for a in articles)
            if progress:
                progress(len(batch))
            if stop and stop():
                raise Interrupted(f"interrupted: {report.added} new articles are stored; run the same command again to go on")
        store.settle_warnings([str(full_path(p)) for p in paths], raised)
        _summarise(*relink(store), report)
    return report


def _seen(doc: RawDocument, known: set[str], report: BuildReport) -> bool:
    """Whether this exact input is already stored, or already read in this build (counted as skipped)."""
    identity = article_id(doc)
    if identity in known:
        report.skipped += 1
        return True
    known.add(identity)
    return False


def _replaced(batch: list[RawDocument], articles: list[Article], sources: dict[str, str], report: BuildReport, say) -> list[str]:
    """Ids of stored versions of the same input files that these articles replace (each said)."""
    whole_files = {doc.source for doc in batch if doc.record is None}
    replaced = []
    for article in articles:
        old = sources.get(article.source)
        if article.source in whole_files and old is not None and old != article.id:
            replaced.append(old)
            report.replaced += 1
            say(f"{article.source}: changed since it was stored; the new version replaces the stored one")
        sources[article.source] = article.id
    return replaced


def relink(store: Store) -> tuple[list[Article], list[Story], list[Speaker]]:
    """Recompute corpus-level links and every story from the stored articles (and return them)."""
    articles = store.articles()
    copies = find_duplicates(articles)
    for article in articles:
        article.duplicate_of = copies.get(article.id)
    previous = {a.id: a.story for a in articles if a.story}
    assignment = cluster_stories(articles, previous)
    for article in articles:
        article.story = assignment.get(article.id)
    speakers = link_speakers(articles)
    linked = link_events(articles)
    infer_dates(articles, linked)
    stories = [tell_story(story_id, members, linked) for story_id, members in group_by_story(articles).items()]
    store.save_articles(articles)
    store.replace_stories(stories)
    store.replace_speakers(speakers)
    return articles, stories, speakers


def group_by_story(articles: list[Article]) -> dict[str, list[Article]]:
    """Articles of each story, in stored order."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        if article.story:
            groups.setdefault(article.story, []).append(article)
    return groups


def tell_story(story_id: str, articles: list[Article], linked: list) -> Story:
    """One story: its timeline, title, summary, figures and framing."""
    ids = {a.id for a in articles}
    own_events = [event for event in linked if ids & {aid for aid, _ in event.members}]
    timeline = build_timeline(articles, own_events)
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


def _summarise(articles: list[Article], stories: list[Story], speakers: list[Speaker], report: BuildReport) -> None:
    """Fill the report's totals from what relink just stored (no second read of the store)."""
    report.articles = len(articles)
    report.outlets = len({a.outlet for a in articles if a.outlet})
    report.stories = len(stories)
    report.quotes = sum(len(a.quotes) for a in articles)
    report.speakers = len(speakers)


__all__ = ["BuildReport", "DatelineError", "Settings", "build", "relink", "article_id"]
