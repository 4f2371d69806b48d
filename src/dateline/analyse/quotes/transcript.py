"""Interview and debate transcripts: a paragraph that opens with a speaker's label and a colon.

'PENCE: Well, I think ...' is Pence's turn; in a transcript it goes on to the next label. The label is a surname or full name in capitals
(or a name the article gives a person); section labels ('UPDATE:', 'EDITOR'S NOTE:') and
question/answer letters are not speakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A label of one to three capitalised words before a colon at the start of a paragraph; a
# transcript set as a block quotation opens each paragraph with a quote mark ('"PENCE: Well, ...').
# A role in capitals ('MUSTAFA MAZHER, PROTESTER:') or a note on how the words were given
# ('COOPER (voice-over):', 'MAN (through translator):') may follow the label.
TURN = re.compile(r"^(?:[\"“„«'‘`]{1,2}[ \t]*)?(?P<label>[A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z'’.\-]+){0,2})"
                  r"(?:, [A-Z][A-Z'’.\- ]{1,40})?(?: \([a-z][a-z \-]{0,30}\))?:[ \t]+(?P<words>\S[^\n]*)", re.M)
# Labels that head a section or a question, never a speaker's turn.
NOT_SPEAKERS = frozenset({
    "update", "updated", "note", "editor's note", "editor’s note", "correction", "clarification", "related",
    "watch", "read more", "read", "see also", "photo", "video", "source", "sources", "q", "a", "question",
    "answer", "breaking", "exclusive", "analysis", "opinion", "live", "warning", "caption", "file",
})
# A reader's question in a newspaper's live chat: a paragraph opening with the reader's place
# ('Philadelphia, Pa.: From the standpoint of ...', 'Washington, D.C.: I was interested ...').
READER_QUESTION = re.compile(r"^[A-Z][A-Za-z.'’\-]+(?: [A-Z][A-Za-z.'’\-]+){0,2}, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?:[ \t]+\S[^\n]*", re.M)
# Words of a turn at least: a shorter line after a colon is a heading or a list item.
MIN_TURN_WORDS = 4
# In a transcript (this many turns or more), a turn goes on over the paragraphs after it until the
# next label, for at most this many paragraphs: a broadcast transcript gives each paragraph of an
# answer a line of its own. Elsewhere a labelled paragraph stands alone.
MIN_TRANSCRIPT_TURNS = 3
MAX_TURN_PARAGRAPHS = 8


@dataclass(frozen=True)
class Turn:
    """One speaker's turn: the label as written and the words spoken (character offsets)."""

    label: str
    label_start: int
    words_start: int
    words_end: int


def _label_is_speaker(label: str, all_capitals: bool) -> bool:
    """A label written in capitals (PENCE) or as a name (Mike Pence), not a section heading."""
    if label.lower() in NOT_SPEAKERS or len(label) < 2:
        return False
    if label.split()[-1].lower() in NOT_SPEAKERS:
        return False  # 'PLEASE NOTE', 'LATEST UPDATE', 'EDITOR'S NOTE': a notice ending on a section word
    return all_capitals or all(w[:1].isupper() for w in label.split())


def find_turns(text: str) -> list[Turn]:
    """Each candidate transcript turn of a text (the judge checks that the label is a person).

    In a transcript a turn runs on to the next label (a label of any kind, a section heading too).
    """
    matches = list(TURN.finditer(text))
    turns = []
    for match in matches:
        label, words = match.group("label"), match.group("words")
        if len(words.split()) < MIN_TURN_WORDS or not _label_is_speaker(label, label.isupper()):
            continue
        end = len(text[: match.end("words")].rstrip())
        turns.append(Turn(label, match.start("label"), match.start("words"), end))
    if len(turns) < MIN_TRANSCRIPT_TURNS:
        return turns
    starts = sorted(text.rfind("\n", 0, m.start()) + 1 for m in matches)
    return [_run_on(text, turn, next((s for s in starts if s > turn.words_start), len(text))) for turn in turns]


def _run_on(text: str, turn: Turn, limit: int) -> Turn:
    """A turn taken on over the paragraphs that follow it, up to `limit` (the next label)."""
    end = turn.words_end
    for _ in range(MAX_TURN_PARAGRAPHS):
        start = end
        while start < limit and text[start].isspace():
            start += 1
        if start >= limit:
            break
        line_end = text.find("\n", start, limit)
        end = len(text[: line_end if line_end >= 0 else limit].rstrip())
    return Turn(turn.label, turn.label_start, turn.words_start, end)


def reader_questions(text: str) -> list[tuple[int, int]]:
    """The spans of the paragraphs that are readers' questions in a live chat: nothing a reader
    writes there is an attribution of the article (the chat's guest answers after them)."""
    return [(m.start(), m.end()) for m in READER_QUESTION.finditer(text)]
