"""One speaker per person or organisation across all articles and outlets.

Candidates: every distinct (speaker name, role) pair the quotes of all articles give. Judge:
two names are one speaker when their surnames match (equal, or a one-letter misspelling of a
long name) and their first names are compatible (Sergei ~ Sergey, or one of them has none),
and, for a bare surname, when exactly one full name fits it. People who share only a surname
but carry clearly different first names stay apart. Organisations merge when their names
agree once possessives and demonyms are folded ('Russia's Defense Ministry' ~ 'Russian
Defense Ministry').
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from dateline.analyse.quotes.sources import first_names_compatible, surname, surnames_match
from dateline.analyse.quotes.tables import speaker_words
from dateline.model import Article, Speaker

# Similarity (0-100) above which two organisation names are the same body.
ORGANISATION_SIMILARITY = 90
POSSESSIVE = re.compile(r"[’']s\b")


@dataclass
class _Group:
    """Names judged to be one speaker, with the evidence gathered for it."""

    names: Counter = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    person: bool = True

    @property
    def canonical(self) -> str:
        """The fullest, most used name of the group."""
        return max(self.names, key=lambda n: (len(n.split()), self.names[n], n))


def slug(name: str) -> str:
    """A stable id from a canonical name: 'Sergei Lavrov' -> 'sergei-lavrov'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "unknown"


def unique_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... the first not yet in `taken` (which it joins)."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def is_organisation(name: str) -> bool:
    """True for a body's name: its last word is an organisation head noun or it is not name-shaped."""
    words = name.split()
    heads = speaker_words().organisation_heads
    return bool(words) and (words[-1].lower() in heads or not words[0][:1].isupper())


def organisation_key(name: str) -> str:
    """An organisation name folded for comparison: no article, no possessive, lower case."""
    folded = POSSESSIVE.sub("", name.lower())
    return re.sub(r"^(the)\s+", "", folded).strip()


def _same_person(group: _Group, name: str) -> bool:
    """True when a name fits every name of a person group (surname and first name)."""
    return all(surnames_match(surname(known), surname(name)) and first_names_compatible(known, name)
               for known in group.names)


def _same_organisation(group: _Group, name: str) -> bool:
    """True when an organisation name is close to the group's names after folding."""
    key = organisation_key(name)
    return any(fuzz.ratio(organisation_key(known), key) >= ORGANISATION_SIMILARITY for known in group.names)


def _group_for(groups: list[_Group], name: str) -> _Group:
    """The group a name joins (the first that fits), or a new one."""
    person = not is_organisation(name)
    fits = _same_person if person else _same_organisation
    fitting = [g for g in groups if g.person == person and fits(g, name)]
    if len(fitting) == 1 or (fitting and len(name.split()) > 1):
        return fitting[0]
    group = _Group(person=person)
    groups.append(group)
    return group


def _spoken_names(articles: list[Article]) -> list[str]:
    """Every speaker name of every quote, full names before bare surnames (so they anchor)."""
    names = {q.speaker for a in articles for q in a.quotes if q.speaker}
    return sorted(names, key=lambda n: (-len(n.split()), n))


def _build_groups(articles: list[Article]) -> dict[str, _Group]:
    """Each spoken name mapped to its speaker group."""
    groups: list[_Group] = []
    by_name: dict[str, _Group] = {}
    for name in _spoken_names(articles):
        group = _group_for(groups, name)
        group.names[name] += 0
        by_name[name] = group
    return by_name


def link_speakers(articles: list[Article]) -> list[Speaker]:
    """Merge the speakers of all articles into Speaker entries and set every Quote.speaker_id."""
    by_name = _build_groups(articles)
    for article in articles:
        for quote in article.quotes:
            if quote.speaker:
                group = by_name[quote.speaker]
                group.names[quote.speaker] += 1
                if quote.speaker_role and quote.speaker_role.lower() not in {r.lower() for r in group.roles}:
                    group.roles.append(quote.speaker_role)
    speakers: dict[int, Speaker] = {}
    taken: set[str] = set()
    for group in by_name.values():
        if id(group) not in speakers:
            canonical = group.canonical
            aliases = sorted(n for n in group.names if n != canonical)
            speaker_id = unique_id(slug(canonical), taken)
            speakers[id(group)] = Speaker(speaker_id, canonical, aliases, group.roles, sum(group.names.values()))
    for article in articles:
        for quote in article.quotes:
            if quote.speaker:
                quote.speaker_id = speakers[id(by_name[quote.speaker])].id
    return sorted(speakers.values(), key=lambda s: (-s.quotes, s.id))
