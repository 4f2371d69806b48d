"""One speaker per person or organisation across all articles and outlets.

Candidates: every distinct spoken name with the story it was spoken in. Judge: two full names
are one person when their surnames fold to the same spelling (Gadhafi ~ Gaddafi ~ Qaddafi,
or one slipped letter in a long name) and their first names are compatible (Sergei ~ Sergey,
Moammar ~ Muammar, or one has none). A bare surname or a title form ('Ban', 'Mr. Ban') joins
the one full name that fits it in its own story, never one quoted only in other stories; when
two people fit it stays apart. Organisations merge when their names agree once possessives and
demonyms are folded; an acronym keeps its capitals (WHO is never 'who'). Names are filed in
blocks under a folded key, so each name is compared only with the few names of its block.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from dateline.analyse.quotes.sources import (
    SURNAME_PARTICLES,
    first_names_compatible,
    fold_transliteration,
)
from dateline.analyse.quotes.tables import speaker_words
from dateline.model import Article, Speaker

# Similarity (0-100) above which two organisation names are the same body.
ORGANISATION_SIMILARITY = 90
# A qualifier shorter than this ('US', 'UN') must be equal for two bodies to merge.
MIN_FUZZY_QUALIFIER = 4
# Similarity (0-100) of two folded surnames above which they are one name misspelt.
SURNAME_SIMILARITY = 88
# Shorter folded surnames must be equal: one letter changes a short name into another.
MIN_FUZZY_SURNAME = 6
POSSESSIVE = re.compile(r"[’']s\b")
# Romanisation alternatives of one sound (Qaddafi ~ Gaddafi, Gadhafi ~ Gadafi).
SURNAME_FOLDS = (("q", "g"), ("dh", "d"), ("th", "t"), ("ee", "i"), ("oo", "u"))
# A hyphenated given name after the family name ('Ban Ki-moon', 'Kim Jong-un'): a bare first word is the family name.
FAMILY_NAME_FIRST = re.compile(r"^\S+ [A-Z][a-z]+-[A-Za-z][a-z]+$")
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "van", "von", "di", "da", "del"})
# A bare surname two full names fit means the one quoted this many times more than the other.
DOMINANCE = 5


@dataclass
class _Group:
    """Names judged to be one speaker, with the evidence gathered for it."""

    person: bool
    names: Counter = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    stories: set[str | None] = field(default_factory=set)

    @property
    def canonical(self) -> str:
        """The most used full name of the group (the fullest on a tie): a rare longer form is
        often a name with a caption credit or a clock glued on ('BST Thad Allen')."""
        return max(self.names, key=lambda n: (not _is_cut(n), len(n.split()) > 1, self.names[n], len(n.split()), n))


def slug(name: str) -> str:
    """A stable id from a canonical name: 'Sergei Lavrov' -> 'sergei-lavrov'."""
    return re.sub(r"[^a-z0-9]+", "-", _ascii(name).lower()).strip("-") or "unknown"


def unique_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... the first not yet in `taken` (which it joins)."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def _ascii(text: str) -> str:
    """Text without accents (Gaddafi ~ Gaddāfī)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def is_organisation(name: str) -> bool:
    """True for a body's name: its last word is an organisation head noun or it is not name-shaped."""
    words = name.split()
    words = words[1:] if len(words) > 1 and words[0] in ("a", "an", "the") else words
    heads = speaker_words().organisation_heads
    return bool(words) and (words[-1].lower() in heads or not words[0][:1].isupper() or name.isupper())


def organisation_key(name: str) -> str:
    """An organisation name folded for comparison: no article, no possessive; acronyms keep capitals."""
    if name.isupper() and len(name.split()) == 1:
        return name.replace(".", "")  # WHO, NATO: never folded into a word; U.N. ~ UN
    folded = POSSESSIVE.sub("", name.lower())
    return re.sub(r"^(the)\s+", "", folded).strip()  # 'Activists' ~ 'activists'


def _close_bodies(known: str, key: str) -> bool:
    """Two body names one spelling apart ('Russia's ~ Russian Defense Ministry'); short qualifiers
    such as 'U.S.' and 'U.N.' must agree exactly."""
    if key.isupper() or known.isupper():
        return False
    first, other = (known.split() or [""])[0].replace(".", ""), (key.split() or [""])[0].replace(".", "")
    if first != other and min(len(first), len(other)) < MIN_FUZZY_QUALIFIER:
        return False
    return fuzz.ratio(known, key) >= ORGANISATION_SIMILARITY


def _initials(name: str) -> str:
    """The acronym a body's name would give ('United Nations' -> 'UN'), or '' if it is no proper name."""
    words = name.split()[1:] if name.lower().startswith("the ") else name.split()
    capitals = [w for w in words if w.lower() not in ("of", "and", "for")]
    if not capitals or not all(w[:1].isupper() for w in capitals):
        return ""
    return "".join(w.replace(".", "") if "." in w.rstrip(".") else w[0] for w in capitals)  # 'U.S. Navy' -> 'USN'


def _is_cut(name: str) -> bool:
    """A name that ends in a particle was cut before its last part ('Bashar al')."""
    words = name.split()
    return len(words) > 1 and words[-1].lower() in NAME_PARTICLES


def without_title(name: str) -> str:
    """A person's name without a leading honorific or title ('Mr. Ban' -> 'Ban')."""
    words = name.split()
    titles = speaker_words().person_roles
    if len(words) > 1 and words[0].lower() in ("a", "an", "the"):
        words = words[1:]  # 'a Conrad Murray'
    while len(words) > 1 and all(part in titles for part in words[0].lower().split("-")):
        words = words[1:]
    return " ".join(words)


def surname_key(name: str) -> str:
    """The folded spelling of a name's surname, the block it is filed under."""
    words = name.split()
    last = _ascii(words[-1]).lower() if words else ""
    for particle in SURNAME_PARTICLES:
        last = last.removeprefix(particle)
    last = fold_transliteration(last)
    for variant, common in SURNAME_FOLDS:
        last = last.replace(variant, common)
    return re.sub(r"(.)\1+", r"\1", last)  # Gaddafi ~ Gadafi


def _surnames_match(left: str, right: str) -> bool:
    """True when two folded surnames are equal, or a long one is misspelt by a letter."""
    if left == right:
        return True
    return min(len(left), len(right)) >= MIN_FUZZY_SURNAME and fuzz.ratio(left, right) >= SURNAME_SIMILARITY


def _first_names_fit(known: str, name: str) -> bool:
    """First names compatible after folding romanisations (Moammar ~ Muammar), or one name's
    given names a run of the other's (Tayyip Erdogan ~ Recep Tayyip Erdogan: a middle name used alone)."""
    return first_names_compatible(known, name) or first_names_compatible(
        fold_transliteration(_ascii(known)), fold_transliteration(_ascii(name))) or _given_names_within(known, name)


def _given_names_within(left: str, right: str) -> bool:
    """True when the given names of the shorter name are a run of the longer one's, past its first."""
    short, long = sorted((left.split()[:-1], right.split()[:-1]), key=len)
    if not short or len(short) == len(long) or all(w.lower() in NAME_PARTICLES for w in short):
        return False
    if not all(w.isalpha() and w[:1].isupper() and not w.isupper() for w in long):
        return False  # 'BST Thad Allen', 'Patrick Semansky/AP Barack Obama': not given names
    runs = (long[i : i + len(short)] for i in range(1, len(long) - len(short) + 1))
    return any([w.lower() for w in run] == [w.lower() for w in short] for run in runs)


def _dominates(first: _Group, second: _Group) -> bool:
    """True when one namesake is quoted so much more that a bare surname means them."""
    return sum(first.names.values()) >= DOMINANCE * max(1, sum(second.names.values()))


def _block(key: str) -> str:
    """A block of surname keys that may match: the first three letters."""
    return key[:3]


class _Index:
    """Groups filed by block, so a name is compared only with its neighbours."""

    def __init__(self) -> None:
        self.people: dict[str, list[_Group]] = defaultdict(list)
        self.bodies: dict[str, list[_Group]] = defaultdict(list)
        self.by_first_word: dict[str, list[_Group]] = defaultdict(list)  # 'Ban' of 'Ban Ki-moon'
        self.by_initials: dict[str, list[_Group]] = defaultdict(list)  # 'UN' of 'United Nations'
        self.by_given_name: dict[str, list[_Group]] = defaultdict(list)  # for names cut short ('Bashar al')

    def cut_person(self, name: str) -> _Group | None:
        """The one full name a name cut before its last part begins ('Bashar al' -> 'Bashar al-Assad')."""
        fits = [g for g in self.by_given_name.get(name.split()[0].lower(), [])
                if any(k.startswith(name) and len(k) > len(name) for k in g.names)]
        return fits[0] if len(fits) == 1 else None

    def full_person(self, name: str) -> _Group:
        """The group of a full name (two or more words), made if none fits."""
        key = surname_key(name)
        found = next((group for group in self.people[_block(key)]
                      if all(_surnames_match(surname_key(k), key) and _first_names_fit(k, name) for k in group.names)), None)
        if found is None:
            found = _Group(person=True)
            self.people[_block(key)].append(found)
            self.by_given_name[name.split()[0].lower()].append(found)
        family = self.by_first_word[surname_key(name.split()[0])]
        if FAMILY_NAME_FIRST.search(name) and found not in family:  # whichever spelling came first
            family.append(found)
        return found

    def bare_person(self, name: str, story: str | None) -> _Group:
        """The group of a bare surname: the one full name that fits it (`known_person`), else
        the group of the bare name itself."""
        if (known := self.known_person(name, story)) is not None:
            return known
        key = surname_key(name)
        bare = [g for g in self.people[_block(key)] if all(len(k.split()) == 1 for k in g.names)
                and any(surname_key(k) == key for k in g.names)]
        if bare:
            return bare[0]
        group = _Group(person=True)
        self.people[_block(key)].append(group)
        return group

    def known_person(self, name: str, story: str | None) -> _Group | None:
        """The full name a bare surname stands for: the one that fits in its story (a family name
        first counting: 'Ban' for 'Ban Ki-moon'), or the one of them quoted far more than the
        others. A namesake quoted only in other stories is another person as far as the text
        shows ('Goldsmith' in a story on the war's legality is not the promoter of another)."""
        key = surname_key(name)
        fitting = [g for g in self.people[_block(key)]
                   if any(len(k.split()) > 1 and _surnames_match(surname_key(k), key) for k in g.names)]
        family_first = [g for g in self.by_first_word.get(key, []) if story in g.stories]
        ranked = sorted([g for g in fitting if story in g.stories] + family_first, key=lambda g: -sum(g.names.values()))
        if len(ranked) == 1 or len(ranked) > 1 and _dominates(ranked[0], ranked[1]):
            return ranked[0]
        return None

    def body(self, name: str) -> _Group:
        """The group of an organisation name, made if none is close enough; 'UN' ~ 'United Nations'."""
        key = organisation_key(name)
        expanded = self.by_initials.get(key, []) if key.isupper() else []
        if len(expanded) == 1:
            return expanded[0]
        block = (key.split() or [""])[-1]
        found = next((group for group in self.bodies[block]
                      if any(organisation_key(k) == key or _close_bodies(organisation_key(k), key) for k in group.names)), None)
        if found is None:
            found = _Group(person=False)
            self.bodies[block].append(found)
        # filed under its initials by whichever of its spellings gives them ('UNITED NATIONS' in a
        # dateline first, 'United Nations' later); 'U.N' alone is no expansion
        initials = _initials(name)
        if len(initials) > 1 and len(name.split()) > 1 and found not in self.by_initials[initials]:
            self.by_initials[initials].append(found)
        return found


def is_pronoun_like(name: str) -> bool:
    """A 'name' that is a pronoun or a relative word: never a speaker."""
    if name.isupper() and len(name) > 1:
        return False  # an acronym: WHO, IT, US
    words = speaker_words()
    lower = name.lower()
    return lower in words.person_pronouns | words.organisation_pronouns | words.first_person | NON_NAMES


NON_NAMES = frozenset({"who", "which", "that", "you", "this", "those", "these", "one", "some", "others"})


def _description_wins(known: _Group | None, description_quotes: int) -> bool:
    """'Rebels' is the description 'rebels' unless a full name it can be is quoted more often:
    'Ban' is Ban Ki-moon though 'the ban' once spoke, but 'Rebels' is not 'Article Rebels' (a
    page's 'Full Article' link run into a headline)."""
    return known is None or description_quotes >= sum(known.names.values())


def _spoken(articles: list[Article]) -> Counter:
    """How often each (speaker name, story) pair speaks; pronoun-like names left out."""
    return Counter((q.speaker, a.story) for a in articles for q in a.quotes
                   if q.speaker and not is_pronoun_like(q.speaker))


def _build_groups(articles: list[Article]) -> dict[tuple[str, str | None], _Group]:
    """Each (spoken name, story) mapped to its speaker group; full names first, so they anchor."""
    index = _Index()
    by_name: dict[tuple[str, str | None], _Group] = {}
    counts = _spoken(articles)
    kinds = {(q.speaker, q.speaker_kind) for a in articles for q in a.quotes if q.speaker}
    people = {name for name, kind in kinds if kind == "person"}
    bodies = {name for name, kind in kinds if kind in ("organisation", "unknown")}
    described = {name for name, kind in kinds if kind == "unknown" and name.islower()}  # 'Rebels' ~ 'rebels'
    description_quotes = Counter()
    for (name, _), n in counts.items():
        if name in described:
            description_quotes[name] += n
    for name, story in sorted(counts, key=lambda p: (_is_cut(p[0]), -len(without_title(p[0]).split()), p[0], p[1] or "")):
        plain = without_title(name)
        if (cut := _is_cut(name) and index.cut_person(name)):
            group = cut
        elif name not in people and (name in bodies or is_organisation(name)) or (
                name.lower() in described and _description_wins(index.known_person(plain, story), description_quotes[name.lower()])):
            group = index.body(name)
        elif len(plain.split()) > 1:
            group = index.full_person(plain)
        else:
            group = index.bare_person(plain, story)
        group.names[plain if group.person else name] += counts[(name, story)]
        group.stories.add(story)
        by_name[(name, story)] = group
    return by_name


def link_speakers(articles: list[Article]) -> list[Speaker]:
    """Merge the speakers of all articles into Speaker entries and set every Quote.speaker_id."""
    by_name = _build_groups(articles)
    for article in articles:
        for quote in article.quotes:
            group = by_name.get((quote.speaker, article.story)) if quote.speaker else None
            if group is None:
                quote.speaker_id = None
                continue
            if quote.speaker_role and quote.speaker_role.lower() not in {r.lower() for r in group.roles}:
                group.roles.append(quote.speaker_role)
    speakers: dict[int, Speaker] = {}
    taken: set[str] = set()
    for group in sorted({id(g): g for g in by_name.values()}.values(), key=lambda g: (-len(g.canonical), g.canonical)):
        canonical = group.canonical
        aliases = sorted(n for n in group.names if n != canonical)
        speaker_id = unique_id(slug(canonical), taken)
        speakers[id(group)] = Speaker(speaker_id, canonical, aliases, group.roles, sum(group.names.values()))
    for article in articles:
        for quote in article.quotes:
            if quote.speaker and (group := by_name.get((quote.speaker, article.story))) is not None:
                quote.speaker_id = speakers[id(group)].id
    return sorted(speakers.values(), key=lambda s: (-s.quotes, s.id))
