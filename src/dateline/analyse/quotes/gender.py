"""Which people a 'he' or a 'she' can be: gender as a news text marks it.

News names a person in full once ('BP chief executive Tony Hayward', 'Rep. Betty Sutton') and
then writes 'he' or 'she'. A pronoun points back to the last person of its gender: the role or
title says it where it can ('spokeswoman', 'Mr.'), else the first name does (gender-guesser's
table of first names, shipped with the package: nothing is fetched at run time). A name the
table does not know, or knows for both ('Jo', 'Ban'), agrees with either pronoun.
"""

from __future__ import annotations

from functools import lru_cache

from dateline.analyse.quotes.tables import speaker_words

FEMALE, MALE = "female", "male"
# The table's answers taken as a gender; 'andy' (androgynous) and 'unknown' stay open.
GUESSES = {"female": FEMALE, "mostly_female": FEMALE, "male": MALE, "mostly_male": MALE}


@lru_cache(maxsize=1)
def _detector():
    """gender-guesser's first-name table, loaded once per process (None when not installed)."""
    try:
        import gender_guesser.detector as detector
    except ImportError:
        return None
    return detector.Detector(case_sensitive=False)


@lru_cache(maxsize=65536)
def first_name_gender(first: str) -> str | None:
    """The gender a first name gives, or None when it does not say."""
    detector = _detector()
    word = first.strip(".,'’").split("-")[0]  # Jean-Max: Jean
    if detector is None or len(word) < 2 or not word[:1].isupper() or not word.isalpha():
        return None
    return GUESSES.get(detector.get_gender(word))


def role_gender(role: str | None) -> str | None:
    """The gender the words of a role or title give ('spokeswoman', 'Mr.', "Gaddafi's son")."""
    if not role:
        return None
    words = speaker_words()
    lowered = {w.strip(",'’\"").lower() for w in role.split()}
    female, male = bool(lowered & words.female_words), bool(lowered & words.male_words)
    return FEMALE if female and not male else MALE if male and not female else None


def person_gender(name: str, role: str | None = None) -> str | None:
    """A named person's gender as the text marks it: by role or title, else by first name."""
    by_role = role_gender(role)
    if by_role:
        return by_role
    parts = name.split()
    if len(parts) < 2:  # a surname alone says nothing
        return None
    return role_gender(parts[0]) or first_name_gender(parts[0])  # 'Mrs. Clinton', 'Betty Sutton'


def pronoun_gender(word: str) -> str | None:
    """'she'/'her' female, 'he'/'him' male; other words None."""
    words, lowered = speaker_words(), word.lower()
    return FEMALE if lowered in words.female_pronouns else MALE if lowered in words.male_pronouns else None


def agrees(pronoun: str, name: str, role: str | None = None) -> bool:
    """Whether a pronoun can refer to a named person (an unmarked side agrees with anything)."""
    wanted = pronoun_gender(pronoun)
    if wanted is None:
        return True
    found = person_gender(name, role)
    return found is None or found == wanted
