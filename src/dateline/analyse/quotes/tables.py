"""The speech-verb and speaker-role tables shipped in dateline/data (users extend them)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class SpeechVerbs:
    """Cue words by the way their content is found."""

    say: frozenset[str]
    accuse: frozenset[str]
    call: frozenset[str]
    stance: frozenset[str]
    thought: frozenset[str]
    according: tuple[str, ...]
    statement_nouns: frozenset[str]
    evidence: frozenset[str] = frozenset()
    assail: frozenset[str] = frozenset()
    assail_targets: frozenset[str] = frozenset()
    assail_people: frozenset[str] = frozenset()
    quote_only: frozenset[str] = frozenset()

    def is_cue(self, lemma: str) -> bool:
        """True for any verb lemma that can attribute content to its subject."""
        return lemma in self.say or lemma in self.accuse or lemma in self.call or lemma in self.stance


@dataclass(frozen=True)
class SpeakerWords:
    """Words that mark a role, an organisation or a pronoun."""

    person_roles: frozenset[str]
    organisation_heads: frozenset[str]
    person_pronouns: frozenset[str]
    organisation_pronouns: frozenset[str]
    first_person: frozenset[str]
    female_words: frozenset[str] = frozenset()
    male_words: frozenset[str] = frozenset()
    female_pronouns: frozenset[str] = frozenset()
    male_pronouns: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()


def _read_table(name: str) -> dict:
    """Parse one TOML table of the package's data folder."""
    return tomllib.loads(resources.files("dateline.data").joinpath(name).read_text("utf-8"))


@lru_cache(maxsize=1)
def speech_verbs() -> SpeechVerbs:
    """The speech-verb table, loaded once."""
    table = _read_table("speech_verbs.toml")
    return SpeechVerbs(
        say=frozenset(table["say"]),
        accuse=frozenset(table["accuse"]),
        call=frozenset(table["call"]),
        stance=frozenset(table.get("stance", ())),
        thought=frozenset(table.get("thought", ())),
        according=tuple(table["according"]),
        statement_nouns=frozenset(table["statement_nouns"]),
        evidence=frozenset(table.get("evidence", ())),
        assail=frozenset(table.get("assail", ())),
        assail_targets=frozenset(table.get("assail_targets", ())),
        assail_people=frozenset(table.get("assail_people", ())),
        quote_only=frozenset(table.get("quote_only", ())),
    )


@lru_cache(maxsize=1)
def speaker_words() -> SpeakerWords:
    """The role and organisation table, loaded once."""
    table = _read_table("speaker_roles.toml")
    return SpeakerWords(**{key: frozenset(w.lower() for w in words) for key, words in table.items()})
