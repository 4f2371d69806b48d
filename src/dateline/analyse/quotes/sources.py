"""Who a source noun phrase is, inside one article: names, titles, pronouns, descriptions.

An article names a person in full once ('Russian Foreign Minister Sergei Lavrov') and then
says 'Lavrov', 'he' or 'the Russian top diplomat'. `ArticleSpeakers` keeps the people the
article names (from the entities, whatever label the small model gave them when a title or a
speech verb vouches for a person) and resolves each later mention to the fullest name.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Doc, Token

from dateline.analyse.nlp import doc_text
from dateline.analyse.quotes.gender import agrees
from dateline.analyse.quotes.tables import speaker_words

# Deps that stay inside a source noun phrase; relative clauses, appositions and commas do not.
CORE_DEPS = ("compound", "amod", "det", "poss", "case", "nmod", "nummod", "prep", "pobj", "flat", "quantmod", "punct")
# Similarity (0-100) above which two surnames are one name misspelt: one slipped letter in 8+.
SURNAME_SIMILARITY = 88
# Shorter surnames must match exactly: one letter changes a short name into another.
MIN_FUZZY_SURNAME = 6
# A pronoun refers to the last speaker only when that speaker spoke this many sentences ago or less.
PRONOUN_LOOKBACK_SENTENCES = 4
# A person named this often (and more than twice as often as a passing name) is whom the article is about.
MAIN_PERSON_MENTIONS = 3
NAME_STRIP = " ,.;:'’\"“”"
DESCRIPTION_DETERMINERS = ("the", "this", "that")
# Quote marks and brackets a tokeniser may leave glued to a word ('"I', '(I)').
QUOTE_MARKS = "\"'“”‘’«»()"
# Personal pronouns no organisation is called: in capitals ('WE have nothing to lose') still pronouns.
NEVER_ACRONYMS = frozenset({"we", "you", "they", "he", "she", "me", "him", "her", "them"})
RELATIVE_TAGS = ("WP", "WDT")  # who, which, that
# Words that stand for a speaker without naming one: resolved like pronouns, never shown as names.
UNNAMING_WORDS = frozenset({"who", "which", "that", "this", "these", "those", "one", "another", "some", "others", "many",
                            "someone", "somebody", "anyone", "everyone", "nobody", "all", "both", "each"})


def bare_word(token: Token) -> str:
    """A token's lower-case text without quote marks or brackets glued to it."""
    return token.lower_.strip(QUOTE_MARKS)


def is_personal_pronoun(text: str) -> bool:
    """Whether a word, marks aside, is a first-person or personal pronoun ('"I', 'He'): never
    a name, never a person to refer back to."""
    words, word = speaker_words(), text.strip(QUOTE_MARKS).lower()
    return word in words.first_person or word in words.person_pronouns


@dataclass
class SpeakerMention:
    """A resolved source: the fullest name (or the words as written) and how it was found."""

    name: str
    role: str | None
    kind: str  # person | organisation | unknown
    start: int  # character span of the in-text mention that was resolved
    end: int
    how: str  # name | surname | pronoun | description | organisation | first-person | as-written
    sentence: int = -1


@dataclass
class PersonName:
    """A person the article names, with the role the article gives."""

    name: str
    role: str | None = None
    positions: list[int] = field(default_factory=list)


def _in_capitals(token: Token) -> bool:
    """True when the words around a token are capitals too: a shouted line, where 'THEY' is 'they'."""
    doc = token.doc
    around = [t for t in doc[max(token.i - 3, 0) : token.i + 4] if t.i != token.i and t.is_alpha and len(t.text) > 1]
    return bool(around) and all(t.text.isupper() for t in around)


def clean_name(text: str) -> str:
    """A name without a possessive ending or edge punctuation."""
    text = text.strip(NAME_STRIP)
    for ending in ("’s", "'s"):
        if text.endswith(ending):
            text = text[: -len(ending)]
    return text.strip(NAME_STRIP)


# Article particles that later mentions drop: 'Riad al-Asaad' is then 'Asaad' (and 'al-Assad' ~ 'Assad'
# across articles, `link.speakers`).
SURNAME_PARTICLES = ("al-", "el-", "ul-")


def surname(name: str) -> str:
    """The last word of a name, lower-cased and without a leading 'al-' (the key people are filed under)."""
    words = name.split()
    last = words[-1].lower() if words else ""
    for particle in SURNAME_PARTICLES:
        if last.startswith(particle) and len(last) > len(particle) + 1:
            return last[len(particle):]
    return last


def surnames_match(left: str, right: str) -> bool:
    """True when two surnames are equal, or one is a misspelling of the other."""
    if left == right:
        return True
    if min(len(left), len(right)) < MIN_FUZZY_SURNAME:
        return False
    return fuzz.ratio(left, right) >= SURNAME_SIMILARITY


# Spellings that romanisations of one name alternate between (Aleksei ~ Alexei ~ Alexey).
TRANSLITERATION_FOLDS = (("x", "ks"), ("kh", "h"), ("ph", "f"), ("iy", "i"), ("ij", "i"), ("y", "i"), ("ou", "u"))


def fold_transliteration(name: str) -> str:
    """A name with the usual romanisation alternatives folded to one spelling."""
    folded = name.lower()
    for variant, common in TRANSLITERATION_FOLDS:
        folded = folded.replace(variant, common)
    return folded


def first_names_compatible(left: str, right: str) -> bool:
    """True unless both names carry first names that clearly differ (Sergei ~ Sergey); a title
    is no first name ('Dr Curtis' is John Curtis)."""
    titles = speaker_words().person_roles
    a, b = ([w for w in name.split()[:-1] if w.lower() not in titles] for name in (left, right))
    if not a or not b:
        return True
    similar = fuzz.ratio(fold_transliteration(a[0]), fold_transliteration(b[0])) >= SURNAME_SIMILARITY - 10
    return similar or a[0][0] == b[0][0] and len(a[0]) <= 2


def noun_phrase_core(head: Token) -> list[Token]:
    """The tokens of a noun phrase without its relative clauses and appositions."""
    tokens, stack = [head], [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ in CORE_DEPS and not (child.dep_ == "punct" and child.i > head.i):
                if child.dep_ == "prep" and child.lower_ != "of":
                    continue
                tokens.append(child)
                stack.append(child)
    return sorted(tokens, key=lambda t: t.i)


def name_tokens(core: list[Token], head: Token) -> list[Token]:
    """The personal-name tokens of a noun phrase: a PERSON entity, else the proper nouns at its head."""
    words = speaker_words()
    owners = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}  # 'Gaddafi's son': not a name
    core = [t for t in core if t.i not in owners]
    people = [t for t in core if t.ent_type_ == "PERSON"]
    if people:
        last = people[-1]
        named = [t for t in people if t.ent_iob_ != "O" and last.i - t.i < 4]
        doc = head.doc
        while last.i + 1 < len(doc) and doc[last.i + 1].ent_iob_ == "I" and doc[last.i + 1].ent_type_ == "PERSON":
            last = doc[last.i + 1]  # the rest of the name the parse hung elsewhere ('Bashar al' + '-Assad')
            named.append(last)
        return named
    if head.pos_ != "PROPN" or head.ent_type_ in ("GPE", "NORP", "LOC", "DATE") or head.lower_ in words.person_roles:
        return []
    run = [head]
    for token in reversed([t for t in core if t.i < head.i]):
        if token.i != run[0].i - 1 or token.pos_ != "PROPN" or token.lower_ in words.person_roles:
            break
        run.insert(0, token)
    return run


def _name_after(head: Token) -> list[Token] | None:
    """A person's name right after a role noun the parser took as the head ('son Saif al-Islam')."""
    if head.pos_ != "NOUN" or head.lower_ not in speaker_words().person_roles:
        return None
    following = [e for e in head.doc.ents if e.start == head.i + 1 and e.label_ == "PERSON"]
    return list(following[0]) if following else None


def _person_named_after(source: Token) -> Token | None:
    """The one person named in apposition to a word that names no one ('One of the organisers,
    Steven Kull, said', 'another resident, Ali Hassan,'): that person speaks."""
    if source.lower_ not in UNNAMING_WORDS or source.tag_ in RELATIVE_TAGS:
        return None
    named = [c for c in source.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    if len(named) != 1 or any(c.dep_ == "conj" for c in named[0].children):
        return None  # 'some, such as X and Y': a list, not one speaker
    return named[0]


def _apposition_of_body(head: Token) -> list[Token]:
    """The person named after 'the head of the mission, ...': the parse hangs the name on the
    body ('mission'), yet in news the name after such a title is the title-holder's. Only when
    the 'of' object is a body, not a person ('the son of the president, X' names the president),
    and only after 'of' ('a spokesman for the president, X' names whom he speaks for)."""
    roles = speaker_words().person_roles
    # the 'of' may hang on a part of a hyphenated title ('director-general of the WHO, X')
    parts = [head, *(c for c in head.children if c.dep_ in ("amod", "compound") and c.i > head.i)]
    for prep in (p for part in parts for p in part.children):
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for body in prep.children:
            if body.dep_ != "pobj" or body.lower_ in roles or body.ent_type_ == "PERSON":
                continue
            names = [c for c in body.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON"
                     and not any(g.dep_ == "conj" for g in c.children)]
            if names:
                return names[:1]
    return []


def _title_run(tokens: list[Token]) -> list[Token]:
    """The title in the words before a name: from its first role word, widened left over the
    adjectives, demonyms and places that qualify it, and over a body right before a role word
    ('White House spokesman'), never over a byline or an outlet ('CNN Wire Staff Libyan leader')."""
    roles = speaker_words().person_roles
    first = next((i for i, t in enumerate(tokens) if t.lower_ in roles), None)
    if first is None:
        return tokens
    start = first
    while start > 0:
        token, right = tokens[start - 1], tokens[start]
        qualifies = token.lower_ in roles or token.pos_ == "ADJ" or token.ent_type_ in ("NORP", "GPE")
        names_body = token.ent_type_ in ("ORG", "FAC") and (right.lower_ in roles or right.ent_type_ == token.ent_type_)
        if token.i != right.i - 1 or not (qualifies or names_body or token.tag_ == "POS"):
            break
        start -= 1
    return tokens[start:]


def role_text(core: list[Token], names: list[Token], head: Token) -> str | None:
    """The title the phrase gives a person ('Russian Foreign Minister'), if it holds a role word."""
    words = speaker_words()
    first = names[0].i if names else head.i + 1
    before = _title_run([t for t in core if t.i < first and t.dep_ != "det" and t.tag_ != "PRP$"])
    appositions = [c for c in head.children if c.dep_ == "appos"]
    for apposition in appositions:
        before = before or [t for t in apposition.subtree if t.dep_ not in ("det", "punct")]
    if not before and head.dep_ == "appos" and head.head.lower_ in words.person_roles:
        own = {t.i for t in head.subtree}
        before = [t for t in head.head.subtree if t.i < head.i and t.i not in own and t.dep_ != "punct"]
        before = before[1:] if before and before[0].dep_ == "det" else before  # 'U.S. Ambassador to the UN
    if not any(t.lower_ in words.person_roles for t in before):
        return None
    return clean_name(doc_text(head.doc)[before[0].idx : before[-1].idx + len(before[-1].text)]) or None


def _phrase_text(tokens: list[Token]) -> str:
    """The text a run of tokens covers, without a leading determiner."""
    tokens = [t for t in tokens if not (t.dep_ == "det" and t.i == tokens[0].i)]
    if not tokens:
        return ""
    return clean_name(doc_text(tokens[0].doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)])


def _word_overlap(left: str, right: str) -> int:
    """How many words two phrases share (case-folded, possessives dropped)."""
    fold = lambda text: {clean_name(w).lower() for w in text.split()}  # noqa: E731
    return len(fold(left) & fold(right) - {"the", "of", "a", ""})


class ArticleSpeakers:
    """The people one article names, and the speakers resolved so far, in text order."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.people: list[PersonName] = []
        self.history: list[SpeakerMention] = []
        self.described: list[SpeakerMention] = []  # speakers the text gives only as one person ('one resident')
        self.groups: list[SpeakerMention] = []  # speakers the text gives only as a group ('activists')
        self._sentence_starts: list[int] | None = None  # filled the first time a pronoun needs its reach
        honorifics = speaker_words().honorifics  # 'Dr Curtis' tagged ORG is a person
        for ent in doc.ents:
            if ent.label_ == "PERSON" or (len(ent) > 1 and ent[0].lower_ in honorifics):
                core = noun_phrase_core(ent.root)
                self.remember(clean_name(ent.text), role_text(core, list(ent), ent.root), ent.start_char)

    def remember(self, name: str, role: str | None, position: int) -> PersonName:
        """File a named person (merging with a person already filed under the same surname)."""
        if is_personal_pronoun(name):
            return PersonName(name)  # a tagger's 'person' 'I.': never filed, never an antecedent
        known = self.lookup(name)
        if known is None:
            known = PersonName(name)
            self.people.append(known)
        elif len(name.split()) > len(known.name.split()):
            known.name = name
        known.role = known.role or role
        known.positions.append(position)
        return known

    def lookup(self, name: str) -> PersonName | None:
        """The filed person a name or surname refers to, the fullest one first; a lone given name
        that is nobody's surname is the one person filed with it ('Sir Mike' after 'Gen Sir Mike
        Jackson', 'Nicole' after 'Nicole Ames')."""
        key = surname(name)
        found = [
            p for p in self.people
            if surnames_match(surname(p.name), key) and first_names_compatible(p.name, name)
        ]
        if not found and len(name.split()) == 1:
            given = [p for p in self.people if len(p.name.split()) > 1 and p.name.split()[0].lower() == name.lower()]
            found = given if len(given) == 1 else []
        return max(found, key=lambda p: len(p.name.split()), default=None)

    def last_person_before(self, position: int, *, low: int = 0, pronoun: str = "") -> PersonName | None:
        """The person mentioned last before a position (and after `low`) that the pronoun can be
        ('she' is not the last man named)."""
        best, best_at = None, -1
        for person in self.people:
            if pronoun and not agrees(pronoun, person.name, person.role):
                continue
            for at in person.positions:
                if low <= at < position and at > best_at:
                    best, best_at = person, at
        return best

    def last_speaker(self, kind: str, sentence: int, position: int, pronoun: str = "") -> SpeakerMention | None:
        """The resolved speaker of a kind written last before a position, if it spoke recently
        enough to be 'he' or 'it' (and, for 'he' or 'she', is of that gender as far as the text
        tells). Text order, not the order quotes were judged in: a quote judged earlier may
        stand further down the page."""
        fitting = [
            m for m in self.history
            if m.kind == kind and m.start < position and 0 <= sentence - m.sentence <= PRONOUN_LOOKBACK_SENTENCES
            and (not pronoun or agrees(pronoun, m.name, m.role))
        ]
        return max(fitting, key=lambda m: m.start, default=None)

    def resolve(self, source: Token, sentence: int, *, inside: tuple[int, int] | None = None,
                enclosing: SpeakerMention | None = None) -> SpeakerMention:
        """Resolve a source's head token to a speaker, and remember it for later pronouns."""
        core = noun_phrase_core(source)
        start, end = core[0].idx, core[-1].idx + len(core[-1].text)
        if source.tag_ in RELATIVE_TAGS and source.head.dep_ == "relcl" and source.head.head != source.head:
            source = source.head.head  # 'the envoy, who said ...': 'who' is written, the envoy speaks
            core = noun_phrase_core(source)
        written = source.text.strip(QUOTE_MARKS)  # '"I' glued to its quote mark is no acronym
        acronym = (written.isupper() and len(written) > 1 and not _in_capitals(source)  # WHO is never 'who'
                   and source.lower_ not in NEVER_ACRONYMS)  # 'WE need to remember' in a shouted comment
        # a pronoun the tokeniser glued to a quote mark ('..."I think') is tagged as a name
        pronoun_word = is_personal_pronoun(source.text)
        named_after = _person_named_after(source)
        if named_after is not None:  # 'Another of the organisers, Doug Miller, said'
            found = self._named(named_after, noun_phrase_core(named_after)) or self._pronoun(source, sentence, inside, enclosing)
        elif not acronym and (source.pos_ == "PRON" or source.tag_ in ("WP", "WDT", "PRP")
                              or source.lower_ in UNNAMING_WORDS or pronoun_word):
            found = self._pronoun(source, sentence, inside, enclosing)
        else:
            found = self._named(source, core) or self._description(source, core, sentence)
        mention = SpeakerMention(found.name, found.role, found.kind, start, end, found.how, sentence)
        if inside is None and mention.kind != "unknown":
            self.history.append(mention)
        elif inside is None and found.how == "as-written" and source.tag_ == "NN" and source.lower_ in speaker_words().person_roles:
            self.described.append(mention)
        elif inside is None and found.how == "as-written" and source.tag_ == "NNS":
            self.groups.append(mention)
        return mention

    def _as_written(self, tokens: list[Token], kind: str = "unknown", how: str = "as-written") -> SpeakerMention:
        """The source's own words, unresolved."""
        return SpeakerMention(_phrase_text(tokens) or tokens[0].text, None, kind, 0, 0, how)

    def _from_person(self, person: PersonName, how: str) -> SpeakerMention:
        """A mention of a filed person."""
        return SpeakerMention(person.name, person.role, "person", 0, 0, how)

    def _pronoun(self, source: Token, sentence: int, inside: tuple[int, int] | None,
                 enclosing: SpeakerMention | None) -> SpeakerMention:
        """'he' is the last person who spoke (or was named inside the same quote); 'it' the last body."""
        words, lower = speaker_words(), bare_word(source)
        if lower in words.first_person and enclosing is not None:
            return SpeakerMention(enclosing.name, enclosing.role, enclosing.kind, 0, 0, "first-person")
        if lower in words.person_pronouns:
            if inside is not None:
                person = self.last_person_before(source.idx, low=inside[0], pronoun=lower)
                if person is not None:
                    return self._from_person(person, "pronoun")
            spoke = self.last_speaker("person", sentence, source.idx, lower)
            if (described := self._last_described(sentence, source.idx, lower)) and (spoke is None or described.start > spoke.start):
                return SpeakerMention(described.name, None, "unknown", 0, 0, "pronoun")  # '..., said one resident. "...," he said'
            person = None if spoke else self._person_for(source.idx, lower)
            if spoke or person:
                return spoke or self._from_person(person, "pronoun")
        if lower in words.organisation_pronouns:
            spoke = self.last_speaker("organisation", sentence, source.idx)
            group = self._last_group(sentence, source.idx) if lower == "they" else None
            if group is not None and (spoke is None or group.start > spoke.start):
                return SpeakerMention(group.name, None, "unknown", 0, 0, "pronoun")  # 'activists said ... They said'
            if spoke is not None:
                return SpeakerMention(spoke.name, spoke.role, spoke.kind, 0, 0, "pronoun")
        return SpeakerMention("", None, "unknown", 0, 0, "unresolved")  # never a speaker called 'he'

    def _last_described(self, sentence: int, position: int, pronoun: str) -> SpeakerMention | None:
        """The one-person description that spoke in this sentence or the one before ('said one
        resident'), when no person is named between it and the pronoun: the 'he' who goes on."""
        return self._last_unnamed(self.described, sentence, position, pronoun)

    def _last_group(self, sentence: int, position: int) -> SpeakerMention | None:
        """The group given only by a plural noun ('residents', 'activists') that spoke in this
        sentence or the one before, when no person is named after it: the 'they' who go on."""
        return self._last_unnamed(self.groups, sentence, position)

    def _last_unnamed(self, spoke: list[SpeakerMention], sentence: int, position: int,
                      pronoun: str = "") -> SpeakerMention | None:
        """The last of some unnamed speakers that spoke in this sentence or the one before a
        position (of the pronoun's gender, if given), unless a person is named after it."""
        fitting = [m for m in spoke if m.start < position and 0 <= sentence - m.sentence <= 1
                   and (not pronoun or agrees(pronoun, m.name, m.role))]
        last = max(fitting, key=lambda m: m.start, default=None)
        if last is None or self.last_person_before(position, low=last.end) is not None:
            return None
        return last

    def _person_for(self, position: int, pronoun: str) -> PersonName | None:
        """The person a 'he' or 'she' names when no recent speaker fits: the last person named,
        or, when that one is of the other gender, the last one of the pronoun's gender named
        within the pronoun's reach (a 'he' after a woman is not a man from far up the page)."""
        nearest = self.last_person_before(position)
        fitting = self.last_person_before(position, pronoun=pronoun)
        reach = self._reach_start(position)
        if fitting is not None and fitting is not nearest:
            fitting = fitting if max(at for at in fitting.positions if at < position) >= reach else None
        if fitting is None or self._is_subject(max(at for at in fitting.positions if at < position)):
            return fitting
        # A person named in passing ('Halliburton, of which the vice-president, Dick Cheney, is a
        # former chief') is not the 'he' who speaks next when a subject of the same stretch fits,
        # or else the person the article is about (named again and again before).
        return self._last_subject(reach, position, pronoun) or self._main_person(position, pronoun, fitting) or fitting

    def _main_person(self, position: int, pronoun: str, other: PersonName) -> PersonName | None:
        """The person named most often before a position, when named far more often than `other`."""
        counts = [(sum(at < position for at in p.positions), i) for i, p in enumerate(self.people)
                  if p is not other and agrees(pronoun, p.name, p.role)]
        most, index = max(counts, default=(0, -1))
        rival = sum(at < position for at in other.positions)
        return self.people[index] if most >= MAIN_PERSON_MENTIONS and most >= 2 * rival + 1 else None

    def _is_subject(self, position: int) -> bool:
        """Whether the name written at a position is the subject of a clause that is not a relative one."""
        span = self.doc.char_span(position, position + 1, alignment_mode="expand")
        if span is None or not len(span):
            return False
        token = span[0]
        while token.dep_ in ("compound", "flat") and token.head is not token:
            token = token.head
        if token.dep_ == "appos" and token.head.lower_ in speaker_words().person_roles:
            token = token.head  # 'The envoy, Kofi Annan, arrived': the envoy is the subject
        # a relative clause's subject is an aside about someone else ('a firm whose chairman, X, is')
        return token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ not in ("relcl", "acl")

    def _last_subject(self, low: int, position: int, pronoun: str) -> PersonName | None:
        """The person last named as a clause's subject between two positions who fits the pronoun."""
        best, best_at = None, -1
        for person in self.people:
            if not agrees(pronoun, person.name, person.role):
                continue
            for at in person.positions:
                if low <= at < position and at > best_at and self._is_subject(at):
                    best, best_at = person, at
        return best

    def _reach_start(self, position: int) -> int:
        """Where a pronoun's reach begins: the start of the sentence PRONOUN_LOOKBACK_SENTENCES
        before the one that holds the position."""
        if self._sentence_starts is None:
            self._sentence_starts = [sent.start_char for sent in self.doc.sents]
        starts = self._sentence_starts
        here = max(bisect_right(starts, position) - 1, 0)
        return starts[max(here - PRONOUN_LOOKBACK_SENTENCES, 0)] if starts else 0

    def _named(self, source: Token, core: list[Token]) -> SpeakerMention | None:
        """A source that carries a name: a person (by label, title or earlier mention) or a body."""
        words = speaker_words()
        if source.pos_ == "NOUN" and source.lower_ in words.organisation_heads and source.lower_ not in words.person_roles:
            return self._as_written(core, "organisation", "organisation")  # 'the Clinton campaign'
        if (following := _name_after(source)) is not None:  # 'Gaddafi's son Saif al-Islam said'
            person = self.remember(_phrase_text(following), _phrase_text(core) or None, source.idx)
            return SpeakerMention(person.name, person.role, "person", 0, 0, "name")
        names = name_tokens(core, source)
        named_apposition = [c for c in source.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if not named_apposition and source.lower_ in words.person_roles and source.tag_ == "NN":
            named_apposition = _apposition_of_body(source)  # 'the head of the mission, Ahmed Rashid,'
        person_apposition = (  # one person right after the title: not a list ('three Republicans, X and Y')
            named_apposition and named_apposition[0].ent_type_ == "PERSON" and source.ent_type_ != "PERSON"
            and source.tag_ not in ("NNS", "NNPS") and named_apposition[0].left_edge.i - source.i <= 3
            and not any(c.dep_ == "conj" for c in named_apposition[0].children)
        )
        if named_apposition and (source.lower_ in speaker_words().person_roles or person_apposition):
            # 'the mayor, Jo Park,'; "China's top banking regulator, Liu Mingkang,"; 'Senate Democratic Whip Richard J. Durbin'
            found = self._named(named_apposition[0], noun_phrase_core(named_apposition[0]))
            if found is not None and found.kind == "person" and not found.role:
                found.role = _phrase_text(core) or None
            return found
        if not names:
            return self._organisation(source, core)
        name = _phrase_text(names)
        role = role_text(core, names, source)
        is_person = any(t.ent_type_ == "PERSON" for t in names) or role or self.lookup(name)
        if not is_person and (source.ent_type_ in ("ORG", "FAC") or source.lower_ in speaker_words().organisation_heads):
            return self._as_written(core, "organisation", "organisation")
        person = self.remember(name, role, source.idx)
        how = "name" if len(name.split()) > 1 else "surname"
        return SpeakerMention(person.name, role or person.role, "person", 0, 0, how)

    def _organisation(self, source: Token, core: list[Token]) -> SpeakerMention | None:
        """A body that speaks: 'the Defense Ministry', 'Moscow', 'the Kremlin'."""
        words = speaker_words()
        if source.lower_ in words.organisation_heads or source.ent_type_ in ("ORG", "GPE", "NORP"):
            return self._as_written(core, "organisation", "organisation")
        return None

    def _description(self, source: Token, core: list[Token], sentence: int) -> SpeakerMention:
        """'the Russian top diplomat': the person whose role shares most words, else the last speaker."""
        words = speaker_words()
        definite = core[0].lower_ in DESCRIPTION_DETERMINERS
        if not definite or source.lower_ not in words.person_roles:
            return self._as_written(core)
        description = _phrase_text(core)
        known = [m for m in self.history if m.kind == "person" and m.role]
        known += [SpeakerMention(p.name, p.role, "person", 0, 0, "name") for p in self.people
                  if p.role and min(p.positions) < source.idx]
        scored = [(_word_overlap(description, m.role or ""), i) for i, m in enumerate(known)]
        best = max(scored, default=(0, -1))
        if best[0] > 0:
            match = known[best[1]]
            return SpeakerMention(match.name, match.role, "person", 0, 0, "description")
        spoke = self.last_speaker("person", sentence, source.idx)
        if spoke is not None and not spoke.role:  # a speaker with another role is someone else
            return SpeakerMention(spoke.name, spoke.role, "person", 0, 0, "description")
        return self._as_written(core)
