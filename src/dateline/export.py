"""Export: the store as the JSON contract (shared/contract/export.schema.json)."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from typing import Any

from dateline import __version__
from dateline.model import Article, Quote, Speaker, Story, to_dict
from dateline.store import Store


def export_data(store: Store) -> dict[str, Any]:
    """Every article, story, speaker and outlet of the store, in the contract's shape.

    Read in one snapshot, so a build committing meanwhile never gives a half-updated export;
    `warnings` (an addition to the contract) lists the inputs skipped or read in part.
    """
    with store.snapshot():
        articles, speakers, stories, warnings = store.articles(), store.speakers(), store.stories(), store.warnings()
    names = {s.id: s.name for s in speakers}
    by_id = {a.id: a for a in articles}
    return {
        "dateline": __version__,
        "articles": [article_record(a) for a in articles],
        "stories": [story_record(s, by_id, names) for s in stories],
        "speakers": [speaker_record(s) for s in speakers],
        "outlets": outlet_records(articles),
        "warnings": warnings,
    }


def article_record(article: Article) -> dict[str, Any]:
    """One article as the contract lists it."""
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "byline": article.byline,
        "language": article.language,
        "dateline": {"place": article.dateline.place, "agency": article.dateline.agency} if article.dateline else None,
        "published": to_dict(article.published),
        "body": article.body,
        "removed": article.removed,
        "captions": article.captions,
        "story": article.story,
        "warnings": article.warnings,
        "duplicate_of": article.duplicate_of,
    }


def story_record(story: Story, articles: dict[str, Article], names: dict[str, str]) -> dict[str, Any]:
    """One story with its timeline, quotes, claims and framing."""
    record = to_dict(story)
    members = [articles[i] for i in story.articles if i in articles]
    record["quotes"] = [quote_record(q, a, names) for a in members for q in a.quotes]
    return record


def quote_record(quote: Quote, article: Article, names: dict[str, str]) -> dict[str, Any]:
    """One quote with the article, outlet and verbatim sentence that carry it."""
    sentence = article.sentences[quote.sentence].text if quote.sentence < len(article.sentences) else ""
    return {
        "speaker": names.get(quote.speaker_id or "", quote.speaker),
        "speaker_id": quote.speaker_id,
        "speaker_role": quote.speaker_role,
        "text": quote.text,
        "direct": quote.direct,
        "cue": quote.cue,
        "kind": quote.kind,  # speech | stance: a reader can keep speech alone
        "date": quote.date,
        "article": article.id,
        "outlet": article.outlet,
        "sentence": sentence,
    }


def speaker_record(speaker: Speaker) -> dict[str, Any]:
    """One speaker under all its names."""
    return to_dict(speaker)


def outlet_records(articles: list[Article]) -> list[dict[str, Any]]:
    """Each outlet with its number of articles, most first."""
    counts = Counter(a.outlet for a in articles if a.outlet)
    return [{"name": name, "articles": n} for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def export_json(store: Store) -> str:
    """The export as JSON text."""
    return json.dumps(export_data(store), ensure_ascii=False, indent=2)


def contract_schema() -> dict[str, Any]:
    """The export contract shipped with the package."""
    return json.loads(resources.files("dateline").joinpath("data", "export.schema.json").read_text())
