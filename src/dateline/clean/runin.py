"""A headline, standfirst or photo caption run into the lead on one scraped line.

Text taken from a page by stripping its tags often loses the breaks between the headline,
the standfirst or a photo caption and the story's first sentence, so the first line reads
'BP sells Gulf oil assets to Marubeni BP faces paying out billions BP has said it will sell
...'. None of those parts ends with a full stop, so every one of them sits inside the line's
first sentence. A part ends where a new sentence visibly starts inside that sentence: after
a word that closes a phrase (not a function word such as 'the', 'of' or 'said'), a
capitalised word that opens sentences ('The', 'In', 'He'), or a common word capitalised (the
text writes it in lower case elsewhere and never capitalised mid-sentence: 'photo Oil firm
BP'), or the words that opened the part before, repeated (a caption and the lead share their
subject), or a page stamp ('Tuesday 28 April 2009 18.17 BST') between two parts.

The last such start that leaves a full sentence is the lead. Of the parts before it, the
first of two or more is the headline, and a part before a page stamp is the headline block;
the others (standfirst, caption) leave the body with a reason. A lone part without a stamp
may be a caption as well as a headline, so it leaves the body without becoming the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A part before the lead has at least this many words, the lead at least this many.
MIN_PART_WORDS = 3
MIN_LEAD_WORDS = 8
# A caption run into a paragraph further down has at least this many words.
CAPTION_MIN_WORDS = 5
# After a capitalised word these continue a name ('BBC Two', 'the Big Three').
NUMBER_WORDS = frozenset("One Two Three Four Five Six Seven Eight Nine Ten".split())
# The run-in parts stand in the line's first words: a boundary later than this is inside the story.
MAX_RUN_IN_WORDS = 80
# Capitalised words that open sentences and are never part of a name.
OPENERS = frozenset(
    "The A An In It Its He She They We This That These Those There Their His Her But And As At On "
    "For After Before When While With Without Some Many Most More Several Two Three Four Five Six "
    "Seven Eight Nine Ten Hundreds Thousands Millions Dozens Scores Police Officials "
    "Since During Despite Although Though Until If One Another Almost Nearly About Only Now Even".split()
)
# Words after which a capitalised word continues the phrase (a name, a title, a quoted name).
LINKING = frozenset(
    "the a an of in at on to for from by with and or nor but as into onto than that which who whom "
    "whose said says say told tells asked according against between among via under over near "
    "called named dubbed including like about after before during since until per vs".split()
)
# Names of months and days are capitalised common words that are no sentence start ('Fri May 1').
CALENDAR = frozenset(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday Mon Tue Tues Wed Thu Thurs Fri Sat Sun".split()
)
# A stretch in title case is a headline of its own, never cut ('Celebration In The Streets').
TITLE_CASE_SHARE = 0.5
# A headline is at most this many words, without a byline, a clock time or a separator bar.
MAX_HEADLINE_WORDS = 20
NOT_HEADLINE = re.compile(r"^By\s|^[*•·]|\||\d[:.]\d\d|,$")
# A wire dateline opens the lead: 'WASHINGTON, Oct 20 (Reuters) -', 'Cairo, Egypt (CNN) --'.
DATELINE = re.compile(
    r"(?<!\S)(?:[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){0,2}|[A-Z][a-z.'’-]+(?:\s[A-Z][a-z.'’-]+)?)"
    r"(?:,\s[A-Z][A-Za-z.]+(?:\s[A-Z][a-z]+)?)??(?:,\s[A-Z][a-z]{2,8}\.?\s\d{1,2})?\s\([A-Z][\w ]{1,24}\)\s*[-–—]"
    # ... or a wire's place label before its stamp: 'HOUSTON |', 'PASS CHRISTIAN, Mississippi |'
    r"|(?<!\S)[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){0,2}(?:,\s[A-Z][A-Za-z.]+(?:\s[A-Z][a-z]+)?)?\s\|"
)
# Nouns that take a work's or a publication's name in apposition ('the film The Harbour Years').
TITLE_NOUNS = frozenset(
    "film movie book novel newspaper paper magazine daily weekly show programme program series album "
    "song single play musical documentary website site channel network station journal report".split()
)
WORD_END = re.compile(r"[\w%)’'”\"]$")
CAPITALISED = re.compile(r"^[A-Z][\w'’-]*$")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
ABBREVIATION = re.compile(
    r"^(?:(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Sgt|Gov|Sen|Rep|Prof|No|Inc|Co|Corp|Ltd|Mt|Ft|Capt|Adm|Maj|Rev)\.)$"
)
# A page stamp between two parts: weekday, full date, clock time and zone.
# Without a weekday, a stamp needs its clock time ('17 January 12 16:55 GMT', '7 March 2012 Last
# updated at 13:06 GMT'); a page tool word printed beside it ('Help', 'Share') goes with it.
MONTH_NAME = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
CLOCK_AND_ZONE = r"\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?"
STAMP = re.compile(
    r"(?<!\S)(?:"
    r"(?:(?:Mon|Tue|Tues|Wed|Wednes|Thu|Thurs|Fri|Sat|Satur|Sun)(?:day)?,?\s+)"
    r"(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\.?\s+\d{1,2},?)\s+\d{4}[,;]?"
    rf"(?:\s+{CLOCK_AND_ZONE})?"
    rf"|(?:\d{{1,2}}\s+{MONTH_NAME}|{MONTH_NAME}\s+\d{{1,2}},?)\s+(?:\d{{4}}|\d{{2}}),?"
    rf"(?:\s+(?:[Ll]ast\s+)?[Uu]pdated(?:\s+at)?:?)?\s+{CLOCK_AND_ZONE}(?:\s+(?:Help|Share|Print|Email))?"
    r")(?=\s|$)"
)
TOKEN = re.compile(r"\S+")
CLOCK_TIME = re.compile(r"\d{1,2}[:.]\d{2}")
# A clock time ending the text before a stamp: '10:39 UK time,', 'at 10:39 GMT,'.
CLOCK_LABEL = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,4}|UK time)?,?$")
# A label, place or byline this short right before a stamp is printed with it ('BERLIN |').
MAX_STAMP_LABEL_WORDS = 6


HEADLINE, ASIDE, STAMP_PART, LEAD = "headline", "aside", "stamp", "lead"
# A photo credit run into the next sentence, on any line: 'Photograph: Owen Humphreys/PA A
# Coldstream Guardsman was killed ...', 'Photograph: PA An outbreak of swine flu ...'.
# The agency after the slash may run to a second word ('Getty Images'), never a sentence opener.
CREDIT_RUN_IN = re.compile(
    r"^(?:Photograph|Photo|Picture|Image|Illustration)s?:\s+"
    rf"(?:[^:/\n]{{1,60}}?/\S+(?:\s(?!(?:{'|'.join(sorted(OPENERS))})\b)[A-Z][\w&.'’-]*)?|[A-Z]{{2,5}})"
    r"\s+(?=[A-Z\"“‘])"
)
# A pull quote run into the paragraph after it: the box repeats a quote from the story, marked
# off as '<words>" End Quote <Name> <Role>' once the page's 'Start Quote' image is gone
# ('... this is accountable" End Quote Ban Ki-moon UN Secretary General Syrian Defense ...').
PULL_QUOTE = re.compile(r"^(?:.{8,1000}?[\"”]\s*)?End Quote\s+(?=\S)")  # its words may stand on the line before
# The box's name and role run to the first sentence opener or quote mark within this many words;
# besides the openers, a title opens the paragraph's next sentence ('... lawyer Mr Muhammad said').
MAX_PULL_CAPTION_WORDS = 12
PULL_CAPTION_ENDS_BEFORE = OPENERS | frozenset({"Mr", "Mrs", "Ms", "Dr", "Meanwhile"})
# An aside with a clock time or a separator bar is the page's stamp or byline line
# ('29 September 2011 Last updated at 04:16 GMT', 'January 30, 2011 | By Salma Abdelaziz, CNN'),
# not a caption or standfirst.
STAMP_OR_BYLINE = re.compile(r"\d{1,2}[:.]\d{2}|\s\|\s")


@dataclass
class RunIn:
    """The parts of one line in order, each with its role: headline, aside, stamp or lead."""

    parts: list[tuple[str, str]] = field(default_factory=list)

    def of_role(self, role: str) -> list[str]:
        return [text for text, own in self.parts if own == role]

    @property
    def headline(self) -> str | None:
        return next(iter(self.of_role(HEADLINE)), None)

    @property
    def asides(self) -> list[str]:
        return self.of_role(ASIDE)

    @property
    def stamps(self) -> list[str]:
        return self.of_role(STAMP_PART)

    @property
    def lead(self) -> str:
        return self.of_role(LEAD)[0]


@dataclass
class WordUse:
    """How the rest of the text writes its words: lower case anywhere, capitalised mid-sentence."""

    lower: frozenset[str]
    capital_mid: frozenset[str]

    @classmethod
    def of(cls, text: str) -> WordUse:
        lower, capital_mid = set(), set()
        previous = ""
        for token in TOKEN.findall(text):
            word = token.strip("\"'“”‘’()[],;:.!?")
            if word.islower():
                lower.add(word)
            elif CAPITALISED.match(word) and previous and WORD_END.search(previous) and not SENTENCE_END.search(previous):
                capital_mid.add(word)
            previous = token
        return cls(frozenset(lower), frozenset(capital_mid))


def first_sentence_end(tokens: list[re.Match]) -> int | None:
    """The index of the token that ends the line's first sentence (None: the line has no sentence)."""
    for index, token in enumerate(tokens):
        text = token.group()
        if SENTENCE_END.search(text) and not ABBREVIATION.match(text):
            following = tokens[index + 1].group() if index + 1 < len(tokens) else ""
            if not following or following[:1].isupper() or following[:1] in "\"“‘'(":
                return index
    return None


def opens_sentence(tokens: list[str], at: int, part_start: int, words: WordUse) -> bool:
    """Whether tokens[at] visibly starts a new sentence inside the running text."""
    previous, current = tokens[at - 1], tokens[at]
    if not WORD_END.search(previous) or previous.lower().strip("\"'”’") in LINKING:
        return False
    if not CAPITALISED.match(current.rstrip(",")):
        return False
    if inside_quotes(tokens[part_start:at]):
        return False
    word = current.rstrip(",")
    following = tokens[at + 1] if at + 1 < len(tokens) else ""
    if word == "By" and following[:1].isupper() and not previous[:1].isupper():
        return True  # a byline after the headline: '... bloody crisis By Jim Muir BBC News'
    if word in OPENERS and previous.lower() in TITLE_NOUNS and following[:1].isupper():
        return False
    if word in OPENERS:
        # after a name, 'CBS This Morning' and 'Breton If Donald' go on naming
        return not previous[:1].isupper() or following[:1].islower() or following[:1].isdigit()
    common = word.lower() in words.lower and word not in words.capital_mid and word not in CALENDAR
    if common and not word.isupper() and not previous[:1].isupper():
        return True
    # the part's opening words again ('... way of life Louisiana Governor Bobby Jindal has warned',
    # '... for BP BP says'), but not a name's title before it ('US President Barack Obama')
    opening = [t.lower() for t in tokens[part_start : part_start + 2]]
    repeated = at - part_start >= MIN_PART_WORDS and [t.lower() for t in tokens[at : at + 2]] == opening
    return repeated and (not previous[:1].isupper() or previous == current)


def inside_quotes(tokens: list[str]) -> bool:
    """Whether a quotation opened in these words is still open at their end."""
    text = " ".join(tokens)
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def page_stamps(line: str) -> list[re.Match]:
    """Stamps that stand between parts of the line: the stamp opens the line, holds a clock time
    or follows one ('10:39 UK time, Friday, 6 August 2010'), and a part starts after it. A date
    inside a sentence ('at 12:23 a.m. EDT, Saturday Sept. 4, 2010 shows the ...') is none."""
    found = []
    for match in STAMP.finditer(line):
        before, after = line[: match.start()].rstrip(), line[match.end() :].lstrip()
        if after and not (after[:1].isupper() or after[:1] in "\"“‘'("):
            continue
        if before and before.split()[-1].lower() in LINKING:
            continue
        if before and not CLOCK_TIME.search(match.group()) and not CLOCK_LABEL.search(before):
            continue
        found.append(match)
    return found


def split_run_in(line: str, words: WordUse) -> RunIn | None:
    """The line's parts in order when a headline, asides or stamps run into its lead; else None."""
    stamps = page_stamps(line)
    if len(stamps) > 1:
        return None  # a list of dated posts or updates, not one page's own stamp
    ordered: list[tuple[str, str]] = []
    cursor = 0
    for stamp in stamps:
        stretch = line[cursor : stamp.start()].strip()
        parts = [(part, ASIDE) for part in parts_of(stretch, words, lead_follows=False)] if stretch else []
        label = ""
        if parts and len(parts[-1][0].split()) <= MAX_STAMP_LABEL_WORDS:
            label = parts.pop()[0] + " "  # 'BERLIN |', 'updated :', 'Page last updated at 10:39 GMT,'
        ordered += parts + [(label + stamp.group().strip(), STAMP_PART)]
        cursor = stamp.end()
    last = parts_of(line[cursor:].strip(), words, lead_follows=True)
    if not last or len(last[-1].split()) < MIN_LEAD_WORDS:
        return None  # no lead left, or one cut short by a sentence split ('LONDON (Reuters) - BP (BP.')
    ordered += [(part, ASIDE) for part in last[:-1]] + [(last[-1], LEAD)]
    ordered = [(text, STAMP_PART if role == ASIDE and STAMP_OR_BYLINE.search(text) else role) for text, role in ordered]
    if len(ordered) < 2:
        return None
    before = [text for text, role in ordered if role == ASIDE]
    first = ordered[0]
    if first[1] == ASIDE and (stamps or len(before) >= 2) and reads_as_headline(first[0]):
        ordered[0] = (first[0], HEADLINE)
    return RunIn(ordered)


def reads_as_headline(part: str) -> bool:
    """A part that can be the headline: short, capitalised, not a byline, clock stamp or 'Place |' label."""
    starts = part.lstrip("\"“‘'")[:1]
    return (starts.isupper() or starts.isdigit()) and len(part.split()) <= MAX_HEADLINE_WORDS and not NOT_HEADLINE.search(part)


def title_cased(tokens: list[str]) -> bool:
    """Whether most words after the first are capitalised, as in a headline set in title case."""
    words = [t for t in tokens[1:] if t[:1].isalpha()]
    return bool(words) and sum(t[:1].isupper() for t in words) / len(words) > TITLE_CASE_SHARE


def parts_of(stretch: str, words: WordUse, *, lead_follows: bool) -> list[str]:
    """A stretch cut where sentences visibly start: parts, then (when `lead_follows`) the lead
    and the rest of the line. Empty when a lead was expected and none is left."""
    matches = list(TOKEN.finditer(stretch))
    tokens = [m.group() for m in matches]
    if lead_follows:
        end = first_sentence_end(matches)
        if end is None:
            return []
        limit = min(end - MIN_LEAD_WORDS + 2, MAX_RUN_IN_WORDS)
    else:
        limit = len(tokens)
    if title_cased(tokens[: max(limit, 0)]):
        return [stretch]
    dateline_starts = {d.start() for d in DATELINE.finditer(stretch)}
    starts = {i for i, m in enumerate(matches) if m.start() in dateline_starts}
    cuts, part_start = [], 0
    for at in range(MIN_PART_WORDS, max(limit, 0)):
        if at - part_start >= MIN_PART_WORDS and (at in starts or opens_sentence(tokens, at, part_start, words)):
            cuts.append(at)
            part_start = at
    if lead_follows and not cuts:
        return [stretch]
    bounds = [0, *cuts, len(tokens)]
    return [stretch[matches[a].start() : matches[b - 1].end()] for a, b in zip(bounds, bounds[1:], strict=False)]



def caption_run_in(line: str, words: WordUse) -> list[str] | None:
    """A photo caption or box heading run into a paragraph further down ('Small groups of fighters
    carry supplies into the country Another man, who asked not to be named, said ...'): the
    captions and the paragraph's own text, or None. Stricter than on the first line: no stamp,
    each caption of CAPTION_MIN_WORDS words with its brackets closed, and no name cut in two
    ('the sea off Hoi An, a resort', 'influenza A (H1N1)', 'on BBC Two')."""
    found = split_run_in(line, words)
    if found is None or found.stamps:
        return None
    parts = [text for text, _ in found.parts]
    captions, lead = parts[:-1], parts[-1]
    if any(len(c.split()) < CAPTION_MIN_WORDS or c.count("(") > c.count(")") for c in captions):
        return None
    first, second = (lead.split() + [""])[:2]
    if not first.isalpha() or first in ("A", "An", "The") and not second[:1].islower():
        return None  # 'influenza A (H1N1)', 'the band The Vaselines'
    last = captions[-1].split()[-1]
    if (last.isupper() and len(last) > 1 and not captions[-1].isupper()
            or first in NUMBER_WORDS and (last[:1].isupper() or second[:1].isupper())
            or last.endswith(("’", "'"))):
        return None  # a name cut in two: 'on BBC Two', 'the Big Three', 'group One Nation', "Fox News' On the Record"
    return [*captions, lead]


def pull_quote_run_in(line: str) -> list[str] | None:
    """A pull quote box run into a paragraph: [the box: its words, mark, name and role; the
    paragraph's own text], or None. When no sentence visibly starts after the name and role,
    the box is its words and mark alone, and the name stays with the text that follows."""
    found = PULL_QUOTE.match(line)
    if found is None:
        return None
    rest = line[found.end() :]
    tokens = list(TOKEN.finditer(rest))
    for index, token in enumerate(tokens[1 : MAX_PULL_CAPTION_WORDS + 1], start=1):
        word = token.group()
        if word[:1] in "\"“‘" or word.rstrip(",") in PULL_CAPTION_ENDS_BEFORE:
            if len(tokens) - index >= MIN_LEAD_WORDS:
                return [line[: found.end() + token.start()].strip(), rest[token.start() :]]
    return [line[: found.end()].strip(), rest] if len(tokens) >= MIN_LEAD_WORDS else [line]


def unfold_first(units: list[tuple[str, bool]]) -> tuple[list[tuple[str, bool]], dict[int, str]]:
    """The text's lines with its first line unfolded into its run-in parts, and photo credits and
    captions cut off the paragraph they run into further down, and the part each new line is (by index); the lines as
    they were when nothing ran into anything."""
    if not units:
        return units, {}
    found = split_run_in(units[0][0], WordUse.of("\n".join(text for text, _ in units[1:])))
    pieces = [[(text, index == 0 and units[0][1], role) for index, (text, role) in enumerate(found.parts)]] if found else [[(*units[0], "")]]
    words = WordUse.of("\n".join(text for text, _ in units))
    for text, blank in units[1:]:
        credit = CREDIT_RUN_IN.match(text)
        rest = text[credit.end() :] if credit else ""
        pulled = pull_quote_run_in(text)
        if pulled is not None:
            pieces.append([(pulled[0], blank, ASIDE), *((part, False, "") for part in pulled[1:])])
        elif credit and len(rest.split()) >= MIN_LEAD_WORDS:
            pieces.append([(credit.group().strip(), blank, ASIDE), (rest, False, "")])
        elif captioned := caption_run_in(text, words):
            pieces.append([(part, blank and i == 0, ASIDE if i < len(captioned) - 1 else "") for i, part in enumerate(captioned)])
        else:
            pieces.append([(text, blank, "")])
    flat = [piece for group in pieces for piece in group]
    return [(text, blank) for text, blank, _ in flat], {i: role for i, (_, _, role) in enumerate(flat) if role}
