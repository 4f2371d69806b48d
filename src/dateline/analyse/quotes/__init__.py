"""Who said what: direct quotes, partial quotes and reported speech, each with its speaker.

Candidates come from two places: quote marks (`marks`) and speech cues in the parse (`cues`).
The judge here pairs them: a cue whose content is mostly a quote gives a direct quote; a cue
whose content merely holds quoted words gives reported speech with the quoted words nested in
it; a quote with no cue of its own that fills a paragraph continues the last speaker. Quotes
inside quotes are attributed to a cue inside the enclosing quote ('He said: ...'). Each kept
attribution records the pattern that produced it (`how`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dateline.analyse.nlp import doc_text
from dateline.analyse.quotes.cues import CONTENT_DEPS, CueCandidate, find_cues
from dateline.analyse.quotes.marks import QuoteSpan, find_quote_spans
from dateline.analyse.quotes.sources import QUOTE_MARKS, ArticleSpeakers, SpeakerMention
from dateline.analyse.quotes.tables import speaker_words, speech_verbs
from dateline.analyse.quotes.transcript import Turn, find_turns, reader_questions
from dateline.model import Article, Quote

__all__ = ["Attribution", "extract_attributions", "extract_quotes"]

# Verbs whose content may be a question ('asked whether the talks had failed').
QUESTION_VERBS = frozenset({"ask", "wonder", "question", "inquire", "enquire", "query"})
# Share of a cue's content that quoted words must cover for the whole to count as a direct quote.
DIRECT_COVERAGE = 0.6
# Characters allowed between a quote and its cue ('...," the minister said' or 'said: "...').
MAX_CUE_GAP = 3
# A quote with no cue continues the last speaker if it fills its paragraph or is this long.
MIN_STANDALONE_WORDS = 12
# ...and only if the last attribution is at most this many paragraphs back.
STANDALONE_LOOKBACK_PARAGRAPHS = 2
GAP_CHARS = set(" ,:;—–-\n\t\u00a0'`")  # the second mark of a tokenised `` or '' too
# Words that never end what someone said: a content cut before a second cue leaves its joint.
DANGLING_WORDS = frozenset({"and", "but", "or", "nor", "while", "as"})
# Readers' questions that make an article a live chat.
MIN_CHAT_QUESTIONS = 2
# Demonstratives that stand for a fact or a thing, never for a speaker.
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# The reader, addressed: 'as you know' outside a quote reports no one.
SECOND_PERSON = frozenset({"you"})
# Entity types that make a capitalised label a place or a body, not a speaker ('BEIJING: ...').
NOT_PERSON_TYPES = {"GPE", "LOC", "ORG", "NORP", "DATE", "FAC", "EVENT"}


@dataclass
class Attribution:
    """A quote with the evidence it was judged on: the source mention and the pattern."""

    quote: Quote
    source: SpeakerMention | None
    how: str
    span: QuoteSpan | None = None  # the quote marks it came from, for direct quotes
    parent: Attribution | None = None  # the attribution whose text holds this one


def _gap_is_joint(text: str, start: int, end: int) -> bool:
    """True when only punctuation and a few spaces separate a quote from its cue."""
    gap = text[start:end]
    return start <= end and set(gap) <= GAP_CHARS and "\n" not in gap and len(gap.strip()) <= MAX_CUE_GAP


def _adjacent_span(text: str, cue: CueCandidate, spans: list[QuoteSpan]) -> QuoteSpan | None:
    """The quote right before the source-and-cue, or right after the cue ('said: "...")."""
    clause = [cue.cue] + ([cue.source] if cue.source is not None else [])
    first = min(t.left_edge.idx if t is cue.source else t.idx for t in clause)
    last = max(t.idx + len(t.text) for t in clause)
    for span in spans:
        if _gap_is_joint(text, span.end + 1, first) or _gap_is_joint(text, last, span.start - 1):
            return span
        if _colon_then_paragraph(text, last, span.start - 1):
            return span
    return None


def _colon_then_paragraph(text: str, start: int, end: int) -> bool:
    """'... the minister said:' closing a paragraph, the quote opening the next one."""
    gap = text[start:end]
    return start <= end and gap.strip() == ":" and "\n" in gap


def _covering_span(content: tuple[int, int], spans: list[QuoteSpan]) -> QuoteSpan | None:
    """The quote that makes up most of a content span, if any does."""
    start, end = content
    for span in spans:
        overlap = min(end, span.end) - max(start, span.start)
        if overlap > 0 and overlap >= DIRECT_COVERAGE * (end - start):
            return span
    return None


def _trim_at_other_cues(cue: CueCandidate, content: tuple[int, int], cues: list[CueCandidate]) -> tuple[int, int]:
    """Cut a content span before a later cue that carries its own content ('..., adding that')."""
    start, end = content
    for other in cues:
        continues = other.cue.dep_ in ("advcl", "conj") and other.source is not None and other.source.i < cue.cue.i
        if other is not cue and other.content and continues and start < other.cue.idx < end:
            edge = other.cue.left_edge.idx
            end = edge if start < edge < end else other.cue.idx
    text = doc_text(cue.cue.doc)
    while True:
        while end > start and text[end - 1] in GAP_CHARS | set(",.;"):
            end -= 1
        last = text[start:end].rsplit(None, 1)
        if len(last) < 2 or last[1].lower() not in DANGLING_WORDS:
            return start, end
        end -= len(last[1])  # '... its nuclear program and' cut before 'said they would': the 'and' goes too


def _open_question(cue: CueCandidate) -> bool:
    """Whether a statement verb's clause is an open question ('say whether', 'confirm if'): the
    verb states nothing. Verbs of asking keep their questions ('asked whether ...'); a condition
    inside the clause is no question ('said if the talks fail, ...': 'if' marks the condition)."""
    if cue.cue.lemma_.lower() in QUESTION_VERBS:
        return False
    clauses = [c for c in cue.cue.children if c.dep_ == "ccomp"]
    return any(m.dep_ == "mark" and m.lower_ in ("whether", "if") for clause in clauses for m in clause.children)


def _cue_word(cue: CueCandidate) -> str:
    """The cue as written: 'said', 'accused', 'according to'."""
    return "according to" if cue.how == "according-to" else cue.cue.text


def _new_quote(article: Article, start: int, end: int, direct: bool, at: int) -> Quote:
    """A Quote for a content span (offsets into the body)."""
    sentence = article.sentence_at(at)
    return Quote(text=article.body[start:end], direct=direct, sentence=sentence.index if sentence else 0,
                 start=start, end=end)


def _speak(quote: Quote, mention: SpeakerMention | None, cue: CueCandidate | None) -> Quote:
    """Fill a quote's speaker, role, cue and kind from a resolved mention and its cue."""
    quote.speaker = mention.name or None if mention else None
    quote.speaker_role = mention.role if mention else None
    quote.speaker_kind = mention.kind if mention and mention.name else None
    if mention is not None and mention.end > mention.start:
        quote.source_start, quote.source_end = mention.start, mention.end
    if cue is not None:
        quote.cue, quote.cue_start, quote.kind = _cue_word(cue), cue.cue.idx, cue.kind
    return quote


def _holds_stance(mention: SpeakerMention, cue: CueCandidate) -> bool:
    """Whether a source can hold a view: a named or described person, a body, or evidence.

    A verb that evidence takes ('records show') needs evidence, or a person or body that shows a
    clause ('researchers showed that ...'): 'he showed disregard' and 'the unrest showed no sign'
    state nothing.
    """
    if not mention.name:
        return False  # an unresolved 'we', 'it', 'who'
    verbs, words = speech_verbs(), speaker_words()
    # the written head ('results' of 'Early results of an entrance poll') and the resolved name's last word
    heads = {mention.name.split()[-1].lower(), cue.source.lemma_.lower() if cue.source is not None else ""}
    heads |= {h[:-1] for h in heads if h.endswith("s")}
    is_evidence = bool(heads & verbs.statement_nouns)
    is_someone = mention.kind in ("person", "organisation") or bool(heads & (words.person_roles | words.organisation_heads))
    if cue.cue.lemma_.lower() in verbs.evidence:
        return is_evidence or is_someone and any(c.dep_ in CONTENT_DEPS for c in cue.cue.children)
    # a described group ('voters', 'Republicans') holds views; a singular common noun that is no
    # role, body or evidence is a thing or an idea ('criticism dismissed', 'his brilliance was to decide')
    described = mention.how == "as-written" and (cue.source is None or cue.source.tag_ != "NN" or _share_of_people(cue.source))
    return is_someone or is_evidence or described


def _share_of_people(noun: Token) -> bool:
    """A singular noun that counts people: '27 percent', 'a majority of those polled', 'a handful
    of voters'."""
    if any(c.dep_ == "nummod" for c in noun.children):
        return True
    groups = [t for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.children if t.dep_ == "pobj"]
    return any(t.tag_ in ("NNS", "NNPS") or t.lower_ in ("those", "them", "us") for t in groups)


def _no_one_speaks(source: Token) -> bool:
    """A day ('Friday promises to be a big day') or a demonstrative standing for a fact ('That
    doesn't tell you ...', 'this shows ...'): no one speaks there (a relative 'that' is tagged WDT)."""
    return source.ent_type_ in ("DATE", "TIME") or source.tag_ == "DT" and source.lower_ in DEMONSTRATIVES


class _Judge:
    """Pairs the cue candidates of one article with its quote spans, in text order."""

    def __init__(self, article: Article, doc: Doc) -> None:
        self.article, self.text, self.doc = article, article.body, doc
        self.spans = find_quote_spans(article.body)
        self.cues = find_cues(doc)
        self.speakers = ArticleSpeakers(doc)
        self.found: list[Attribution] = []
        self.claimed: dict[int, Attribution] = {}  # id(span) -> the attribution that took it

    def run(self) -> list[Attribution]:
        """Transcript turns, top-level cues, then cue-less quotes, then quotes inside quotes."""
        for turn in find_turns(self.text):
            self._judge_turn(turn)
        for cue in self.cues:
            if self._enclosing(cue.cue) is None:
                self._judge_cue(cue)
        self._judge_standalone()
        for cue in self.cues:
            if (enclosing := self._enclosing(cue.cue)) is not None:
                self._judge_nested(cue, enclosing)
        return sorted(self.found, key=lambda a: (a.quote.start, -a.quote.end))

    def _judge_turn(self, turn: Turn) -> None:
        """'PENCE: Well, ...': the whole turn is the labelled person's words."""
        label = self.doc.char_span(turn.label_start, turn.label_start + len(turn.label), alignment_mode="expand")
        types = {t.ent_type_ for t in label} if label is not None else set()
        person = self.speakers.lookup(turn.label.title())
        if person is None and (types & NOT_PERSON_TYPES or not (turn.label.isupper() or "PERSON" in types)):
            return
        written = turn.label.title() if turn.label.isupper() else turn.label
        name = person.name if person and not person.name.isupper() else written
        sentence = self.article.sentence_at(turn.words_start)
        mention = SpeakerMention(name, person.role if person else None, "person", turn.label_start,
                                 turn.label_start + len(turn.label), "transcript", sentence.index if sentence else 0)
        self.speakers.history.append(mention)
        span = QuoteSpan(turn.words_start, turn.words_end)
        quote = _speak(_new_quote(self.article, span.start, span.end, True, span.start), mention, None)
        quote.cue, quote.cue_start = ":", self.text.rfind(":", 0, turn.words_start)
        kept = Attribution(quote, mention, "transcript", span)
        self.found.append(kept)
        for inner in [s for s in self.spans if span.start <= s.start < span.end]:
            self.claimed[id(inner)] = kept
        self.spans.insert(0, span)  # outermost: cues inside the turn are the speaker's own words
        self.claimed[id(span)] = kept

    def _enclosing(self, token: Token) -> QuoteSpan | None:
        """The innermost quote span a token lies in."""
        return self._enclosing_at(token.idx)

    def _enclosing_at(self, offset: int) -> QuoteSpan | None:
        """The innermost quote span that holds an offset."""
        inside = [s for s in self.spans if s.start <= offset < s.end]
        return inside[-1] if inside else None

    def _free(self, depth: int = 0) -> list[QuoteSpan]:
        """Quote spans at a depth that no attribution has taken yet."""
        return [s for s in self.spans if s.depth == depth and id(s) not in self.claimed]

    def _sentence_of(self, token: Token) -> int:
        """Index of the article sentence that holds a token."""
        sentence = self.article.sentence_at(token.idx)
        return sentence.index if sentence else 0

    def _judge_cue(self, cue: CueCandidate) -> None:
        """Keep a cue outside quotes as a direct quote, as reported speech, or not at all."""
        if cue.source is None or self._writer_or_reader(cue.source) or _no_one_speaks(cue.source):
            return
        content = _trim_at_other_cues(cue, cue.content, self.cues) if cue.content else None
        if content and _open_question(cue):
            return  # 'declining to say whether ...', 'working to confirm whether ...': nothing is stated
        free = self._free()
        span = _covering_span(content, free) if content else _adjacent_span(self.text, cue, free)
        if span is None and (content is None or content[0] >= content[1] or cue.cue.lemma_.lower() in speech_verbs().quote_only):
            return
        mention = self._resolve_outside(cue)
        if span is not None:
            self._keep_direct(span, mention, cue, cue.how if content else "adjacent", cue.cue.idx)
            return
        holder = self._reported_around(cue.cue.idx)
        if cue.kind == "stance" and (holder is not None or not _holds_stance(mention, cue)):
            return  # a stance inside someone's statement is theirs to report; a stance needs a holder
        reported = Attribution(_speak(_new_quote(self.article, *content, False, cue.cue.idx), mention, cue),
                               mention, cue.how)
        self.found.append(reported)
        for partial in [s for s in free if content[0] <= s.start < content[1]]:
            self._keep_direct(partial, mention, cue, "partial", cue.cue.idx, parent=reported)

    def _writer_or_reader(self, source: Token) -> bool:
        """'I think', 'we believe', 'as you know' outside every quote: the writer's own voice (a
        column, an editorial, 'I asked him') or the reader, not a source the article reports."""
        words = speaker_words()
        written = source.text.lstrip(QUOTE_MARKS)  # '"I' glued to its quote mark opens a quote
        position = source.idx + len(source.text) - len(written)
        word = written.rstrip(QUOTE_MARKS).lower()
        return (word in words.first_person or word in SECOND_PERSON) and self._enclosing_at(position) is None

    def _reported_around(self, offset: int) -> Attribution | None:
        """The kept reported statement whose content holds an offset, if any."""
        return next((a for a in self.found if a.parent is None and not a.quote.direct
                     and a.quote.start <= offset < a.quote.end), None)

    def _resolve_outside(self, cue: CueCandidate) -> SpeakerMention:
        """Resolve a cue's source; a source inside someone's quote ('we') speaks for that someone."""
        around = self._enclosing(cue.source)
        outer = self.claimed.get(id(around)) if around is not None else None
        if outer is None:
            return self.speakers.resolve(cue.source, self._sentence_of(cue.cue))
        return self.speakers.resolve(cue.source, self._sentence_of(cue.cue), inside=(around.start, around.end),
                                     enclosing=outer.source)

    def _keep_direct(self, span: QuoteSpan, mention: SpeakerMention | None, cue: CueCandidate | None, how: str,
                     at: int, parent: Attribution | None = None) -> Attribution:
        """Record a quote span as a direct quote of a speaker."""
        quote = _speak(_new_quote(self.article, span.start, span.end, True, min(at, span.start)), mention, cue)
        kept = Attribution(quote, mention, how, span, parent)
        self.found.append(kept)
        self.claimed[id(span)] = kept
        return kept

    def _judge_standalone(self) -> None:
        """A cue-less quote that fills a paragraph (or is long) continues the last speaker."""
        for span in self._free():
            before = [a for a in self.found if a.quote.start < span.start and a.parent is None and a.source]
            if not before or not self._stands_alone(span):
                continue
            last = max(before, key=lambda a: a.quote.start)
            if self._paragraph(span.start) - self._paragraph(last.quote.start) <= STANDALONE_LOOKBACK_PARAGRAPHS:
                self._keep_direct(span, last.source, None, "continuation", span.start)

    def _stands_alone(self, span: QuoteSpan) -> bool:
        """True for a quote that opens its paragraph or is long enough to be someone's words."""
        line_start = self.text.rfind("\n", 0, span.start) + 1
        opens_paragraph = not self.text[line_start : span.start - 1].strip()
        return opens_paragraph or len(self.text[span.start : span.end].split()) >= MIN_STANDALONE_WORDS

    def _paragraph(self, offset: int) -> int:
        """The number of the paragraph (line) that holds an offset."""
        return self.text.count("\n", 0, offset)

    def _judge_nested(self, cue: CueCandidate, enclosing: QuoteSpan) -> None:
        """'He said: ...' inside a quote: the inner quote, attributed inside the outer one's context."""
        outer = self.claimed.get(id(enclosing))
        inner = [s for s in self._free(enclosing.depth + 1) if enclosing.start <= s.start < enclosing.end]
        if outer is None or cue.source is None or not inner:
            return
        content = cue.content
        span = (_covering_span(content, inner) if content else None) or _adjacent_span(self.text, cue, inner)
        if span is None:
            return
        mention = self.speakers.resolve(cue.source, self._sentence_of(cue.cue), inside=(enclosing.start, enclosing.end),
                                        enclosing=outer.source)
        self._keep_direct(span, mention, cue, "nested", cue.cue.idx, parent=outer)


def extract_attributions(article: Article, doc: Doc) -> list[Attribution]:
    """Every attribution of a parsed article with its evidence, ordered by the quote's start;
    none inside a reader's question of a live chat."""
    found = _Judge(article, doc).run()
    asked = reader_questions(article.body)
    if len(asked) < MIN_CHAT_QUESTIONS:  # one 'Benghazi, Libya: ...' line is a roundup's item, not a chat
        return found
    inside = lambda quote: any(start <= quote.start < end for start, end in asked)  # noqa: E731
    return [a for a in found if not inside(a.quote) and not (a.parent is not None and inside(a.parent.quote))]


def extract_quotes(article: Article, doc: Doc) -> list[Quote]:
    """The quotes of a parsed article; `doc` is the parse of `article.body`."""
    found = extract_attributions(article, doc)
    position = {id(a): i for i, a in enumerate(found)}
    for attribution in found:
        if attribution.parent is not None:
            attribution.quote.nested_in = position[id(attribution.parent)]
    return [a.quote for a in found]
