"""Clean text out of scraped pages: body, removed lines, captions, title, outlet, byline,
language and dateline.

Plain text is judged line by line (`clean.blocks`); HTML goes through trafilatura first and
then through the same judgement for what trafilatura leaves in. The batch form lets a line
that an outlet prints under several articles count as page furniture.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from dateline.clean import header
from dateline.clean.blocks import (
    CAPTION,
    HEADING,
    NOISE,
    PROSE,
    Line,
    classify_all,
    judge_extracted,
    judge_lines,
)
from dateline.clean.comments import cut_thread
from dateline.clean.detokenise import detokenise
from dateline.clean.html import Extracted, extract_html
from dateline.clean.language import detect_language
from dateline.clean.lines import split_units
from dateline.clean.outlet import resolve_outlet
from dateline.clean.runin import ASIDE, HEADLINE, STAMP_PART, unfold_first
from dateline.model import Article, RawDocument
from dateline.outlets import OutletTable

# A line printed under at least this many articles of one outlet is that outlet's furniture.
MIN_OUTLET_REPEATS = 2


@dataclass
class PageJudgement:
    """What the line judge found on one page, before it becomes an Article."""

    lines: list[Line]
    span: tuple[int, int] | None
    extracted: Extracted | None = None
    first_block: int = 0  # lines before the text's first blank line (0 when it has none)
    run_in_title: str | None = None  # a headline run into the lead on the text's first line

    @property
    def kept(self) -> list[Line]:
        return [line for line in self.lines if line.kept]

    @property
    def header(self) -> list[Line]:
        """Lines above the story, where titles, bylines and stamps stand."""
        start = self.span[0] if self.span else len(self.lines)
        return [line for line in self.lines if line.index < start]

    @property
    def footer(self) -> list[Line]:
        end = self.span[1] if self.span else len(self.lines)
        return [line for line in self.lines if line.index > end]


def clean_documents(
    docs: list[RawDocument], *, outlets: OutletTable | None = None
) -> list[Article]:
    """One Article per document, in order; ids are left for the caller to set."""
    table = outlets or OutletTable.load()
    first = [judge_page(doc, frozenset()) for doc in docs]
    names = [resolve_outlet(doc, page, table) for doc, page in zip(docs, first, strict=True)]
    repeats = outlet_repeats(first, names)
    articles = []
    for doc, page, name in zip(docs, first, names, strict=True):
        if name in repeats and repeats[name] & {line.text for line in page.lines}:
            page = judge_page(doc, repeats[name])
        articles.append(build_article(doc, page, table))
    return articles


def page_text(doc: RawDocument) -> tuple[str, Extracted | None]:
    """The text to judge: the document's own text (detokenised when a research corpus split it
    into tokens), or trafilatura's extraction of its HTML."""
    if doc.text is None and doc.html:
        extracted = extract_html(doc.html, url=doc.url)
        return extracted.text, extracted
    return detokenise(doc.text or ""), None


def judge_page(doc: RawDocument, repeats: frozenset[str]) -> PageJudgement:
    """Every line of one document judged, with the story's span."""
    text, extracted = page_text(doc)
    units, roles = page_units(text, plain=extracted is None)
    lines = classify_all([unit for unit, _ in units], outlet_repeats=repeats)
    for index, role in roles.items():
        if role == HEADLINE:
            lines[index].kind, lines[index].why = HEADING, "headline run into the lead"
        elif role == ASIDE:
            # a caption's, standfirst's or byline's words are never the story's, nor the page's
            # own name for itself, nor a publication date
            lines[index].kind, lines[index].why = CAPTION, "caption or standfirst run into the lead"
        elif role == STAMP_PART and lines[index].kind != NOISE:
            lines[index].kind, lines[index].why = NOISE, "page stamp or byline run into the lead"
    cut_thread(lines)
    if extracted is not None:
        span = judge_extracted(lines, title=extracted.title)
    else:
        span = judge_lines(lines)
    first_block = next((i for i, (_, blank) in enumerate(units) if i and blank), 0)
    title = next((lines[i].text for i, role in roles.items() if role == HEADLINE), None)
    return PageJudgement(lines=lines, span=span, extracted=extracted, first_block=first_block, run_in_title=title)


def page_units(text: str, *, plain: bool) -> tuple[list[tuple[str, bool]], dict[int, str]]:
    """The text's lines (see `split_units`); in plain text, a first line where a headline,
    standfirst, caption or stamp runs into the lead is unfolded into those parts
    (`clean.runin`), with the part each new line is."""
    units, roles = _page_units(text, plain)
    return list(units), dict(roles)


@lru_cache(maxsize=2 * 32)  # twice the pipeline's batch (32), which is cleaned before it is dated
def _page_units(text: str, plain: bool) -> tuple[tuple[tuple[str, bool], ...], tuple[tuple[int, str], ...]]:
    """`page_units`, kept for the few texts last asked about: the cleaner and the dating
    stage each read a page's lines, some several times."""
    units = split_units(text)
    units, roles = unfold_first(units) if plain else (units, {})
    return tuple(units), tuple(roles.items())


def outlet_repeats(pages: list[PageJudgement], names: list[str | None]) -> dict[str, frozenset[str]]:
    """Lines that one outlet prints under several of its articles in this batch."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for page, name in zip(pages, names, strict=True):
        if name:
            counts[name].update({line.text for line in page.lines if not is_story_prose(line)})
    return {
        name: frozenset(t for t, n in counter.items() if n >= MIN_OUTLET_REPEATS)
        for name, counter in counts.items()
    }


def is_story_prose(line: Line) -> bool:
    """A prose line the first pass kept: an update or a copy of a story repeats these, and
    they must never be removed as furniture."""
    return line.kept and line.kind == PROSE


def build_article(doc: RawDocument, page: PageJudgement, table: OutletTable) -> Article:
    """The Article of one judged page."""
    article = Article(id="", source=doc.source, url=doc.url)
    kept_lines = page.kept
    body_lines = [line for line in kept_lines if not header.BYLINE.match(line.text)]
    article.body = "\n\n".join(line.text for line in body_lines)
    article.title = doc.title or find_title(page, article.body, table)
    article.byline = find_byline(page)
    article.dateline = header.find_dateline([line.text for line in body_lines])
    article.outlet = resolve_outlet(doc, page, table)
    sort_out_lines(article, page, body_lines)
    fill_language(article)
    if not article.body:
        article.warnings.append("no story text found")
    return article


def sort_out_lines(article: Article, page: PageJudgement, body_lines: list[Line]) -> None:
    """Every line not in the body goes to captions or to removed, so that none is lost."""
    for line in page.lines:
        if line.kind == CAPTION:
            article.captions.append(line.text)
        elif not line.kept:
            article.removed.append(line.text)
    article.removed.extend(line.text for line in page.kept if line not in body_lines)


def find_title(page: PageJudgement, body: str, table: OutletTable) -> str | None:
    """The extracted HTML title without the site's name, else the text's opening block when it
    is shaped like a headline, else the header line that names the story."""
    if page.extracted and page.extracted.title:
        return header.strip_site_name(page.extracted.title, page.extracted, table)
    if page.run_in_title:
        return page.run_in_title
    if opening := header.opening_headline(page.lines[: page.first_block], body):
        return opening
    found = header.pick_title(page.header, body, table)
    return found[0] if found else None


def find_byline(page: PageJudgement) -> str | None:
    """A printed 'By ...' line, HTML author metadata, or an author box after the story."""
    if page.extracted and page.extracted.author:
        return page.extracted.author
    found = header.byline_in(page.header + page.kept[:1]) or header.author_box(page.footer)
    return found[0] if found else None


def fill_language(article: Article) -> None:
    """Set the body's language; non-English text is kept and flagged."""
    article.language = detect_language(article.body or article.title or "")
    if article.language and article.language != "en":
        article.warnings.append(
            f"language '{article.language}': kept but not run through the English analysis"
        )

