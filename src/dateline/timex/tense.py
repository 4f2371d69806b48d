"""Past or future sense of a time expression, from the words nearest to it in its sentence."""

from __future__ import annotations

import re

from dateline.timex.lexicon import load_lexicon

SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+(?=[A-Z\"“‘(\[])|\n")
WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
WORDS_BEFORE = 10  # a reporting verb or auxiliary rarely stands further from its time phrase
CLAUSE_WORDS_BEFORE = 20  # a modal of the same clause still rules a day this far away
FUTURE_MODALS = frozenset({"will", "would", "shall"})
WORDS_AFTER = 6  # 'On Saturday, experts will meet': the verb follows a fronted phrase
BOUNDARY_WORDS = frozenset({"until", "till"})
BOUNDED_VERB_WORDS = 4  # 'held the town until': the verb a boundary word limits stands this close
PAST_PERFECT = "had"
# A word in -ed after these is an adjective ('an elected successor'), not a past tense.
DETERMINERS = frozenset({"a", "an", "the", "his", "her", "its", "their", "our", "this", "these", "those"})
# A participle after these is passive and tells no tense of its own ('will be held', 'to be named').
PASSIVE_BE = frozenset({"be", "being"})
# ... and before 'be' these look ahead ('will be held', 'is to be named', 'must be returned by');
# 'could be located Wednesday' is a past attempt, so 'could' is not among them.
AHEAD_BEFORE_BE = frozenset({"will", "shall", "would", "must", "to"})
FUTURE_TO_HEADS = frozenset({"is", "are", "set", "due", "likely", "ready", "poised"})
# 'is expected to', 'are scheduled to': a present auxiliary and one of these before 'to' look ahead.
PLANNED_TO_HEADS = frozenset({"expected", "scheduled", "planned", "slated"})
PRESENT_AUXILIARIES = frozenset({"is", "are", "am"})
MIN_REGULAR_PAST_LENGTH = 5  # 'need', 'seed' and 'bed' are not past tenses; 'halted' is


def sentence_start(text: str, offset: int) -> int:
    """Where the sentence holding an offset begins (a light split: no parse is needed)."""
    start = 0
    for m in SENTENCE_END.finditer(text, 0, offset):
        start = m.end()
    return start


def sentence_end(text: str, offset: int) -> int:
    """Where the sentence holding an offset ends."""
    m = SENTENCE_END.search(text, offset)
    return m.start() + 1 if m else len(text)


def cue_tense(word: str) -> str | None:
    """'future', 'past' or None for one word ('United' is a name, not a past tense)."""
    lex = load_lexicon()
    lower = word.lower().replace("’", "'")
    if lower in lex.future_cues or lower.endswith("'ll"):
        return "future"
    if lower in lex.past_cues:
        return "past"
    if word.islower() and len(word) >= MIN_REGULAR_PAST_LENGTH and word.endswith("ed"):
        return "past"
    return None


def tense_at(text: str, start: int, end: int, *, default: str | None = "past") -> str | None:
    """The nearest tense cue before a span, else after it in the same sentence, else `default`."""
    if text[end : end + 2] in ("'s", "’s"):
        return "past"  # 'Wednesday's ruling': the possessed event has happened
    before = WORD.findall(text[sentence_start(text, start) : start])[-WORDS_BEFORE:]
    after = WORD.findall(text[end : sentence_end(text, end)])[:WORDS_AFTER]
    ordered = [*reversed(before), *after]
    for i, word in enumerate(ordered):
        if word.lower() in BOUNDARY_WORDS and i < len(before):
            # 'until Thursday' looks ahead, unless its verb is a past one of lasting: 'the rebels
            # held the town until Thursday', 'until Thursday, they had described...' ('has extended
            # the truce until Friday', 'gave the firm until mid-November' set a limit ahead)
            verb = ordered[i + 1 : min(i + 1 + BOUNDED_VERB_WORDS, len(before))]
            lasted = load_lexicon().lasted_cues
            return "past" if PAST_PERFECT in after or any(w.lower() in lasted for w in verb) else "future"
        found = cue_tense(word)
        if found == "past" and i + 1 < len(before) and ordered[i + 1].lower() in DETERMINERS and word.endswith("ed"):
            continue  # 'an elected successor', 'the injured men': an adjective, no tense
        if found == "past" and i + 2 < len(before) and ordered[i + 1].lower() in PASSIVE_BE and ordered[i + 2].lower() in AHEAD_BEFORE_BE:
            return "future"  # 'will be suspended on Wednesday', 'is to be held': a participle; the auxiliary tells
        if found:
            return found
        if word == "to" and i + 1 < len(before) and before[-i - 2].lower() in FUTURE_TO_HEADS:
            return "future"  # 'is to resume', 'set to meet'
    return modal_further_back(text, start) or default


def modal_further_back(text: str, start: int) -> str | None:
    """'future' when a modal ('will', 'is to', 'is expected to') stands further back in the same clause (no comma between): 'Obama
    says he will meet former presidents Bill Clinton and George W Bush at the White House on
    Saturday' is ahead, though 'will' is fifteen words before the day."""
    clause = re.split(r"[,;:()]", text[sentence_start(text, start) : start])[-1]
    words = [w.lower() for w in WORD.findall(clause)[-CLAUSE_WORDS_BEFORE:-WORDS_BEFORE]]
    to_future = any(a in FUTURE_TO_HEADS and b == "to" for a, b in zip(words, words[1:], strict=False)) or any(
        a in PRESENT_AUXILIARIES and b in PLANNED_TO_HEADS and c == "to"
        for a, b, c in zip(words, words[1:], words[2:], strict=False)
    )
    return "future" if to_future or any(w in FUTURE_MODALS for w in words) else None
