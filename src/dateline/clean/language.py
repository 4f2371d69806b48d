"""The language of a body, so that non-English text is flagged and not parsed as English."""

from __future__ import annotations

import py3langid

# Below this many letters the identifier guesses; the language is left unknown.
MIN_LETTERS = 20


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text."""
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        return None
    language, _ = py3langid.classify(text)
    return language
