"""Main text and page metadata of an HTML page, by trafilatura."""

from __future__ import annotations

import html as html_entities
import re
from dataclasses import dataclass

import trafilatura

TITLE_ELEMENT = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


@dataclass
class Extracted:
    """What trafilatura found on a page: main text and the metadata Dateline uses."""

    text: str
    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None
    page_title: str | None = None  # the <title> element as printed, site name and all


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """The page's main text (paragraphs on their own lines) with title, author and site."""
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    if doc is None:
        return Extracted(text="")
    return Extracted(
        text=doc.text or "",
        title=doc.title or None,
        author=doc.author or None,
        sitename=doc.sitename or None,
        url=doc.url or url,
        page_title=title_element(html),
    )


def title_element(html: str) -> str | None:
    """The text of the page's <title> element, entities decoded and spaces collapsed."""
    match = TITLE_ELEMENT.search(html)
    return " ".join(html_entities.unescape(match.group(1)).split()) or None if match else None
