"""The publication date of an article, with its evidence, bounds and the dates it beat.

Extractors (`dates.candidates`) list every date the page shows and where it stands;
validators (`dates.judge`) reject the ones that are not the publication date, with the
reason. The crawl time (`RawDocument.fetched`) only ever bounds the date from above.
"""

from __future__ import annotations

from dateline.dates.candidates import (
    COPYRIGHT_LINE,
    DATELINE,
    DateCandidate,
    body_years,
    htmldate_candidate,
    metadata_candidate,
    page_lines,
    parse_date,
    text_candidates,
)
from dateline.dates.judge import (
    RECENT_REFERENCE,
    TextEvidence,
    confidence_of,
    lower_bound,
    reject_reason,
)
from dateline.dates.stamps import dateline_candidate, stamp_candidates
from dateline.model import Article, PublishedDate, RawDocument, RejectedDate


def date_article(doc: RawDocument, article: Article) -> PublishedDate:
    """Judge every date on the page and keep the publication date, or report bounds."""
    candidates = gather(doc, article)
    evidence = text_evidence(doc, article, candidates)
    result = PublishedDate(not_after=evidence.not_after)
    survivors = []
    for candidate in candidates:
        if why := reject_reason(candidate, evidence):
            if RejectedDate(candidate.text, why) not in result.rejected:
                result.rejected.append(RejectedDate(candidate.text, why))
        else:
            survivors.append(candidate)
    if survivors:
        choose(result, max(survivors, key=confidence_of), survivors)
    else:
        report_unknown(result, evidence, article)
    return result


def gather(doc: RawDocument, article: Article) -> list[DateCandidate]:
    """All candidates: input metadata, the HTML's markup, stamps at the page's top, the page's
    lines, the dateline (with its year from the story when it prints none)."""
    found = [c for c in (metadata_candidate(doc), htmldate_candidate(doc)) if c]
    stamps = stamp_candidates(doc, article)
    seen = {(c.text, c.date) for c in stamps}
    found += stamps + [c for c in text_candidates(doc, article) if (c.text, c.date) not in seen]
    for candidate in found:
        if article.dateline and article.dateline.text and candidate.text.startswith(article.dateline.text):
            candidate.source = DATELINE
    years = body_years(article) + [int(c.date[:4]) for c in found if c.source != COPYRIGHT_LINE]
    bound = lower_bound(found, article.body)
    head = "\n".join(page_lines(doc, article))
    if yearless := dateline_candidate(head, years, bound.date if bound else None):
        found.append(yearless)
    return found


def text_evidence(doc: RawDocument, article: Article, candidates: list[DateCandidate]) -> TextEvidence:
    """What the story's own text and the crawl say about when it was written."""
    years = body_years(article)
    fetched = parse_date(doc.fetched) if doc.fetched else None
    return TextEvidence(
        latest_year=max(years, default=None),
        recent=bool(RECENT_REFERENCE.search(article.body)),
        not_before=lower_bound(candidates, article.body),
        not_after=fetched.isoformat() if fetched else None,
    )


def choose(result: PublishedDate, best: DateCandidate, survivors: list[DateCandidate]) -> None:
    """Fill the result from the winning candidate; the other survivors are recorded as beaten."""
    result.date, result.time = best.date, best.time
    result.method, result.confidence = "explicit", confidence_of(best)
    result.evidence = best.text
    for other in survivors:
        if other is not best and other.date != best.date:
            result.rejected.append(
                RejectedDate(other.text, f"a {best.source} date is trusted over a {other.source} date")
            )


def report_unknown(result: PublishedDate, evidence: TextEvidence, article: Article) -> None:
    """No stated date: report unknown, bounded below by the latest past date on the page."""
    result.method, result.confidence = "unknown", 0.0
    reasons = []
    if evidence.not_before:
        result.not_before = evidence.not_before.date
        reasons.append(f"not before {result.not_before} ({evidence.not_before.text})")
    elif evidence.latest_year:
        result.not_before = f"{evidence.latest_year}-01-01"
        reasons.append(f"not before {evidence.latest_year} (latest year the text mentions)")
    if result.not_after:
        reasons.append(f"not after {result.not_after} (crawl time)")
    result.evidence = "no publication date stated; " + ("; ".join(reasons) or "no bounds")
