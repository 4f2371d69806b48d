"""The pipeline: ingest -> clean -> dates -> analyse per article; link -> tell over the store.

Per-article stages take a batch and return records, so any engine (worker processes, or a
Dask cluster: `dateline.engine`) can run them; this process is the one writer. Corpus stages
live in `dateline.relink`. A failure inside one
article is recorded as a warning naming the file and the run goes on.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from functools import lru_cache, partial
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from dateline import timex
from dateline.analyse.claims import extract_claims
from dateline.analyse.events import extract_events
from dateline.analyse.nlp import load_model, parse, parse_bodies, resolve_model
from dateline.analyse.quotes import extract_quotes
from dateline.clean import clean_documents
from dateline.dates import date_article
from dateline.dates.captions import infer_from_captions
from dateline.engine import make_engine
from dateline.errors import DatelineError, InputError, Interrupted
from dateline.ingest import read_inputs
from dateline.ingest.walk import full_path
from dateline.model import Article, RawDocument
from dateline.outlets import OutletTable
from dateline.relink import CorpusTotals, LinkReport, relink
from dateline.store import Store, check_database_path, writer_lock

ANALYSED_LANGUAGES = ("en",)
BATCH_SIZE = 32  # articles cleaned together (cross-article boilerplate) and stored per transaction

Progress = Callable[[int], None]
Warn = Callable[[str], None]


@dataclass
class Settings:
    """Options of a build, in one place."""

    spacy_model: str | None = None
    outlets_file: Path | None = None
    engine: str = "local"  # 'local' (worker processes) or 'dask'
    scheduler: str | None = None  # a Dask scheduler address; a LocalCluster when None
    workers: int | None = None  # worker processes (local engine, or a Dask LocalCluster); 2 by default


@dataclass
class BuildReport(CorpusTotals):
    """What a build did, for the closing summary."""

    added: int = 0
    skipped: int = 0
    replaced: int = 0
    problems: int = 0  # inputs (files, lines, records) skipped or read only in part
    warnings: list[str] = field(default_factory=list)
    warning_count: int = 0
    link: LinkReport | None = None


@dataclass
class BatchResult:
    """What a worker sends back for one batch: analysed articles, warnings, skipped inputs."""

    articles: list[Article]
    warnings: list[str]
    skipped: list[tuple[str, str]]  # (source, reason) of each input skipped
    size: int


def article_id(doc: RawDocument) -> str:
    """The input's identity: its full path (a feed or archive record: its URL) plus its content.

    Two different inputs never share an id, and the same input gives the same id on every build.
    """
    content = doc.text if doc.text is not None else doc.html or ""
    where = doc.url if doc.record is not None and doc.url else doc.source
    return hashlib.sha1(f"{where}\n{content}".encode()).hexdigest()[:16]


def analysable(article: Article) -> bool:
    """Whether the English analysis applies (other languages are kept and flagged by clean)."""
    return article.language in (None, *ANALYSED_LANGUAGES)


def analyse_article(article: Article, nlp: Language, doc: Doc | None = None) -> Article:
    """Fill sentences, entities, quotes, time expressions, events and figures of one article.

    Quotes come before time expressions (words are anchored at the moment they were said),
    and events come last (they read quotes and dates). `doc` is the body already parsed.
    """
    if not analysable(article):
        return article  # kept and flagged by clean; the English analysis would only add noise
    doc = parse(article, nlp, doc)
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
    warn: Warn,
    skip: Callable[[InputError], None] | None = None,
) -> list[Article]:
    """Clean, date and analyse a batch of documents; a failing article is skipped (reported to `skip`).

    The bodies are parsed together (`nlp.pipe`), then each article is analysed alone.
    """
    skip = skip or (lambda error: warn(str(error)))
    dated: list[tuple[RawDocument, Article]] = []
    for doc, article in zip(docs, clean_documents(docs, outlets=outlets), strict=True):
        try:
            if not article.body.strip():
                keep_whole_text(doc, article)
            article.id = article_id(doc)
            article.source = doc.source
            article.published = date_article(doc, article)
            dated.append((doc, article))
        except InputError as error:
            skip(error)
        except Exception as exc:  # one bad article must not stop the run
            skip(InputError(doc.source, f"skipped, {type(exc).__name__} while dating: {exc}"))
    parsed = parse_many([a for _, a in dated if analysable(a)], nlp)
    articles = []
    for doc, article in dated:
        try:
            articles.append(analyse_article(article, nlp, parsed.get(id(article))))
        except Exception as exc:  # one bad article must not stop the run
            skip(InputError(doc.source, f"skipped, {type(exc).__name__} while analysing: {exc}"))
    return articles


def parse_many(articles: list[Article], nlp: Language) -> dict[int, Doc]:
    """Parse bodies together with `nlp.pipe` (keyed by `id(article)`); on failure, none."""
    try:
        return {id(a): doc for a, doc in zip(articles, parse_bodies([a.body for a in articles], nlp), strict=True)}
    except Exception:  # one body breaks the batch: each article is parsed (and fails) alone
        return {}


@lru_cache(maxsize=4)
def load_outlets(extra: Path | None) -> OutletTable:
    """The outlet table, read once per process."""
    return OutletTable.load(extra)


def analyse_batch(docs: list[RawDocument], settings: Settings) -> BatchResult:
    """The per-article stages of one batch, as a worker runs them (model loaded once per process)."""
    warnings: list[str] = []
    skipped: list[tuple[str, str]] = []
    nlp = load_model(settings.spacy_model)
    outlets = load_outlets(settings.outlets_file)
    articles = process_batch(docs, nlp, outlets, warnings.append, lambda e: skipped.append((e.source, e.reason)))
    return BatchResult(articles, warnings, skipped, len(docs))


# A text kept whole must read as words: at least this many, of two letters or more.
MIN_WORDS_KEPT = 3
WORD = re.compile(r"[^\W\d_]{2,}")


def keep_whole_text(doc: RawDocument, article: Article) -> None:
    """A plain text whose every line looked like page furniture is kept as given (a one-line
    brief is still the user's article); a page with no body has nothing to keep and is skipped."""
    if doc.text is None or len(WORD.findall(" ".join(article.removed))) < MIN_WORDS_KEPT:
        raise InputError(doc.source, "no article text found (a page without a body?); skipped")
    article.body, article.removed = "\n\n".join(article.removed), []
    article.warnings.append("every line looked like page furniture; the text is kept as given")


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

    Batches go to the engine's workers; this process is the one writer. Articles are stored
    batch by batch before any corpus-level link, so a failure there loses none of them.

    Options and inputs are checked before the model loads. One build writes to a database at
    a time (a second waits). `stop()` is asked after each committed batch: when it says so, the
    build ends there with `Interrupted` (what was committed stays; the same build again resumes).
    """
    settings = settings or Settings()
    paths = list(paths)
    report = BuildReport()
    sink = warn or report.warnings.append
    engine = make_engine(settings.engine, scheduler=settings.scheduler, workers=settings.workers)
    load_outlets(settings.outlets_file)
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
        if settings.engine == "local":
            load_model(settings.spacy_model)  # loaded before the workers fork, so they share it
        known, sources = store.article_ids(), store.article_sources()
        own_files = [full_path(f"{db}{suffix}") for suffix in ("", "-wal", "-shm", "-journal", ".lock")]
        docs = read_inputs(paths, on_error=record_input_error, ignore=own_files)
        fresh = (d for d in docs if not _seen(d, known, report))
        stored = 0
        work = partial(analyse_batch, settings=settings)
        for batch, result in engine.map(work, batched(fresh, BATCH_SIZE)):
            for message in result.warnings:
                record_warning(message)
            for source, reason in result.skipped:
                record_input_error(InputError(source, reason))
            articles = result.articles
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
        report.link = relink(store, record_warning)
        _summarise(report.link, report)
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


def _summarise(link: LinkReport, report: BuildReport) -> None:
    """Fill the report's totals from what relink just stored (no second read of the store)."""
    for total in fields(CorpusTotals):
        setattr(report, total.name, getattr(link, total.name))


__all__ = ["BuildReport", "DatelineError", "Settings", "build", "relink", "article_id"]
