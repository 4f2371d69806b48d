"""The outlet that published a page, from the signals a reader uses, strongest first.

Input metadata, the URL's domain in the outlet table, the page's own name in its markup
(og:site_name, JSON-LD publisher, via trafilatura) or its `<title>` suffix, the agency tag a
wire story carries (`(Reuters) -`, `(CNN) —`, `CNN Wire Staff`, `By Name, CNN`, `- Sputnik`),
a copyright line, a masthead, the outlet the page's own lines name, and at last the domain
turned into a readable name. The outlet table is a help: a name it does not hold is still
returned as the page prints it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dateline.clean import header
from dateline.clean.header import letters
from dateline.outlets import OutletTable, host_of, own_label

if TYPE_CHECKING:
    from dateline.clean import PageJudgement
    from dateline.model import RawDocument

# Agency tags stand in the page's first characters (byline, dateline, first sentence).
TAG_CHARS = 600
AGENCY_TAG = re.compile(r"\((?P<name>[A-Z][A-Za-z.&' -]{1,30}?)\)\s*(?:[-–—:]|$)", re.M)
WIRE_STAFF = re.compile(r"\b(?P<name>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?) Wire Staff\b")
BYLINE_OUTLET = re.compile(
    r"\bBy (?:[A-Z][\w.'’-]+ ){1,3}?[A-Z][\w.'’-]+,? (?P<name>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})"
)
SIGN_OFF = re.compile(r"\s[-–—]\s(?P<name>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)\s*$", re.M)
COPYRIGHT_NAME = re.compile(
    r"(?:©|\(c\)|Copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
    r"(?P<name>(?:[A-Z][\w&'’.-]*\s?){1,5}?)(?=\s*(?:\.|,|All rights|\||$))",
    re.M,
)
# A name taken from the page has at most this many words...
MAX_NAME_WORDS = 5
# ... and a domain label this short is written in capitals ('ign' -> 'IGN').
MAX_ACRONYM_LETTERS = 4


def is_name(text: str | None) -> bool:
    """A short run of capitalised words (or a mixed-case brand): never a common phrase."""
    if not text or "://" in text or re.search(r"\.[a-z]{2,3}$", text.strip()):
        return False
    words = text.split()
    return 0 < len(words) <= MAX_NAME_WORDS and all(w[:1].isupper() or w[:1].isdigit() or w in {"of", "the", "and", "de", "&"} for w in words)


def tagged_agency(text: str, table: OutletTable) -> str | None:
    """The outlet named by an agency tag, wire-staff credit, byline credit or sign-off."""
    head = text[:TAG_CHARS]
    for pattern in (AGENCY_TAG, WIRE_STAFF):
        for match in pattern.finditer(head):
            name = match["name"].strip()
            if known := table.by_agency(name):
                return known
            if pattern is AGENCY_TAG and name.isupper() and len(name) >= 2:
                return name  # an agency acronym the table does not hold ('UPI', 'IANS')
    for pattern in (BYLINE_OUTLET, SIGN_OFF):
        for match in pattern.finditer(head):
            if known := table.by_agency(match["name"]) or table.by_agency(match["name"].split()[0]):
                return known
    return None


def copyright_holder(lines: list[str]) -> str | None:
    """The name in a copyright line ('© 2015-2025 Velasia Today. All rights reserved')."""
    for line in reversed(lines):
        if match := COPYRIGHT_NAME.search(line):
            name = match["name"].strip(" .,")
            if is_name(name):
                return name
    return None


def readable_domain(url: str, texts: list[str]) -> str | None:
    """The domain's own label as the page writes it ('TechCrunch' for techcrunch.com), else the
    label capitalised."""
    host = host_of(url)
    if not host:
        return None
    label = own_label(host)
    for text in texts:
        for part in re.split(r"\s+[|•·:–—-]\s+|\n", text):
            if letters(part) == label and is_name(part.strip()):
                return part.strip()
    return label.upper() if len(label) <= MAX_ACRONYM_LETTERS else label.capitalize()


def resolve_outlet(doc: RawDocument, page: PageJudgement, table: OutletTable) -> str | None:
    """The page's outlet from its strongest signal; see the module docstring for the order."""
    if doc.outlet:
        return doc.outlet
    url = doc.url or (page.extracted.url if page.extracted else None)
    if url and (name := table.by_url(url)):
        return name
    sitename = page.extracted.sitename if page.extracted else None
    titles = [line.text for line in page.header if " | " in line.text]
    if page.extracted and page.extracted.page_title:
        titles.append(page.extracted.page_title)
    if sitename and (name := table.by_mentions(sitename) or (sitename.strip() if is_name(sitename) else None)):
        return name
    if titles and (name := table.by_mentions("\n".join(titles))):
        return name
    kept = "\n".join(line.text for line in page.kept)
    dateline = header.find_dateline([line.text for line in page.kept])
    wire = (table.by_agency(dateline.agency) if dateline and dateline.agency else None) or tagged_agency(kept, table)
    lines = [line.text for line in page.lines]
    if publisher := table.by_mentions(furniture_text(page), besides=wire) or table.by_path(doc.source):
        return publisher  # a wire story carried under another outlet's furniture or folder
    return (
        wire
        or copyright_holder(lines)
        or header.masthead(page.lines)
        or (dateline.agency if dateline and is_name(dateline.agency) else None)
        or (readable_domain(url, titles + lines[:3]) if url else None)
        or table.by_mentions("\n".join(lines))
    )


def furniture_text(page: PageJudgement) -> str:
    """Removed lines (but not captions), where a page names its own outlet."""
    from dateline.clean.blocks import CAPTION

    return "\n".join(line.text for line in page.lines if not line.kept and line.kind != CAPTION)
