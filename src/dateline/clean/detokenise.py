"""Tokenised research text back to the way a page reads it: the first step of cleaning.

Research corpora (Timeline17, Penn Treebank-style sets) ship text split into tokens:
`` -LRB- Reuters -RRB- - Libya 's leader said `` no '' , ...``. Quotes, names, datelines
and stamps only read normally once joined back, so `detokenise` runs before anything else
and every offset downstream is on its output. Text that is not tokenised is returned as is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize.treebank import TreebankWordDetokenizer

# Penn Treebank escapes of brackets and slashes.
BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
BRACKET_TOKEN = re.compile(r"-[LR][RSC]B-")
ESCAPED = re.compile(r"\\([/*])")
# Marks of tokenised text: split clitics and punctuation, Treebank quotes and brackets.
TOKENISED_MARKS = re.compile(r"(?: n't| '[sdm]| 're| 've| 'll| ,| \.(?= |$)|``|''|-[LR]RB-)(?=\s|$)", re.M)
# A text is tokenised when these marks come at least this often per 100 words.
MIN_MARKS_PER_100_WORDS = 3
# A single-quoted phrase: ` words ' (the closing mark stands alone before a space or the end).
SINGLE_QUOTED = re.compile(r"(?<!\S)`\s+(.+?)\s+'(?=\s|$)")
SPACED_DASH = re.compile(r"(?<=\s)--(?=\s)")
# A wire ticker whose exchange suffix the corpus's sentence splitter cut off onto the next line
# ('-LRB- IPF . \nL -RRB- said'): one ticker, 'IPF.L', inside its brackets.
SPLIT_TICKER = re.compile(r"(-LRB-\s+[A-Z0-9]{1,6})\s+\.\s*\n\s*([A-Z]{1,3}\s+-RRB-)")
# Spaces the Treebank detokeniser leaves before a closing bracket or after an opening one.
BRACKET_SPACE = re.compile(r"\(\s+|\s+\)")


def is_tokenised(text: str) -> bool:
    """Whether a text carries the marks of a word tokeniser often enough to be one's output."""
    words = text.count(" ") + 1
    return len(TOKENISED_MARKS.findall(text)) * 100 / words >= MIN_MARKS_PER_100_WORDS


@lru_cache(maxsize=1)
def detokeniser() -> TreebankWordDetokenizer:
    return TreebankWordDetokenizer()


def detokenise_line(line: str) -> str:
    """One tokenised line joined back into normal text."""
    line = BRACKET_TOKEN.sub(lambda m: BRACKETS.get(m.group(0), m.group(0)), line)
    line = ESCAPED.sub(r"\1", line)
    line = SINGLE_QUOTED.sub(lambda m: f"‘{m.group(1)}’", line)
    line = SPACED_DASH.sub("—", line)
    joined = detokeniser().detokenize(line.split())
    return BRACKET_SPACE.sub(lambda m: m.group(0).strip(), joined)


@lru_cache(maxsize=2 * 32)  # the cleaner and the dating stage both read a page (batches of 32)
def detokenise(text: str) -> str:
    """The text with tokenisation undone line by line (line breaks kept); other text unchanged."""
    if not is_tokenised(text):
        return text
    text = SPLIT_TICKER.sub(r"\1.\2", text)
    return "\n".join(detokenise_line(line) if line.strip() else line for line in text.split("\n"))
