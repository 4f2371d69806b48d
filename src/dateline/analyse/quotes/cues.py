"""Cue candidates from the dependency parse: a speech verb, its source and its content.

Each candidate keeps the pattern that produced it (`how`), so the judge in `__init__` can say
why a quote was kept. Content spans are character offsets into the parsed text.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dateline.analyse.nlp import doc_text
from dateline.analyse.quotes.tables import SpeechVerbs, speaker_words, speech_verbs

CONTENT_DEPS = ("ccomp", "parataxis")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Deps by which a verb shares the subject of its head: "..., adding that", "and called on".
INHERITS_SUBJECT = ("advcl", "conj", "xcomp")
# How far up the tree a subjectless 'adding' looks for the speech verb it continues.
MAX_ANCESTOR_STEPS = 6
# Prepositions whose object is what a stance verb is about: "voted for Y", "spoke about Y".
STANCE_PREPOSITIONS = ("for", "about", "on", "against", "to", "with")
# 'spoke to reporters', 'talked with aides': whom they addressed; only 'about/of' is content ('spoke on
# condition of anonymity', 'on the record', 'on state TV', 'on Tuesday' say how, where or when).
ADDRESSING_VERBS = ("speak", "talk")
TOPIC_PREPOSITIONS = ("about", "of")
# An aside ('he said on Monday,') ends at most this many tokens after its verb, and the words
# on either side of it are at least this many: shorter, it is a list or an apposition.
MAX_ASIDE_TAIL = 5
MIN_ASIDE_WORDS = 2
EDGE_PUNCT = " \t\n,.;:—–-\"'“”‘’«»"


@dataclass
class CueCandidate:
    """A speech cue found in the parse, before it is judged."""

    cue: Token
    source: Token | None  # head token of the source noun phrase
    content: tuple[int, int] | None  # character span of the reported content
    how: str  # the pattern: 'ccomp', 'accuse-of', 'call-for', 'according-to', 'transcript', 'bare'

    @property
    def kind(self) -> str:
        """'stance' for a stance or thought (wants, believes, backs), else 'speech'."""
        verbs, lemma = speech_verbs(), self.cue.lemma_.lower()
        spoken = lemma in verbs.say or lemma in verbs.accuse or lemma in verbs.call  # 'vowed to', 'urged'
        if lemma in verbs.thought or self.how == "stance" and not spoken:
            return "stance"
        return "speech"


def token_span_chars(tokens: list[Token]) -> tuple[int, int] | None:
    """Character span of a set of tokens, trimmed of edge punctuation and quote marks."""
    if not tokens:
        return None
    doc = tokens[0].doc
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    text = doc_text(doc)
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        end -= 1
    return (start, end) if start < end else None


def _subtree_chars(token: Token) -> tuple[int, int] | None:
    """Character span of a token's subtree, minus a leading complementiser 'that'."""
    tokens = [t for t in token.subtree if not (t.dep_ == "mark" and t.head == token and t.lower_ == "that")]
    return token_span_chars(tokens)


def _own_subject(verb: Token) -> Token | None:
    """The verb's own source: its active subject, or the agent of a passive ('was told by X').

    A passive subject is what the verb is about, never who speaks ('the plan is viewed with
    alarm', 'tests are needed to confirm ...').
    """
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.dep_ != "nsubjpass":
        return subject
    return next((t for c in verb.children if c.dep_ == "agent" for t in c.children if t.dep_ == "pobj"), None)


def _speaking_ancestor(verb: Token, verbs: SpeechVerbs) -> Token | None:
    """The nearest speech verb above a verb that has a subject of its own."""
    head = verb
    for _ in range(MAX_ANCESTOR_STEPS):
        if head.head == head:
            return None
        head = head.head
        if head.pos_ in ("VERB", "AUX") and verbs.is_cue(head.lemma_.lower()) and _own_subject(head):
            return head
    return None


def find_subject(verb: Token) -> Token | None:
    """The subject of a verb; 'saying', 'adding', 'and said' take the subject of the speaker above.

    A relative pronoun is kept as the subject; the resolver reads the noun it stands for.
    """
    own = _own_subject(verb)
    if own is None:
        share = next((c for c in verb.children if c.dep_ == "nummod" and c.i < verb.i), None)
        if share is not None:
            return share  # 'About 4 in 10 say ...': the parse hangs a poll's share of people on the verb
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # 'a group backing Bush', '911 calls saying shots were fired': the noun it describes
    if own is not None or verb.dep_ not in INHERITS_SUBJECT:
        return own
    speaker = _speaking_ancestor(verb, speech_verbs())
    if speaker is not None:
        return _own_subject(speaker)
    return _own_subject(verb.head) if verb.head != verb else None


def _say_content(verb: Token) -> tuple[int, int] | None:
    """Content of a say-type verb: its clausal complement, or the sentence around an aside."""
    clauses = [c for c in verb.children if c.dep_ in CONTENT_DEPS]
    return _subtree_chars(clauses[0]) if clauses else _aside_content(verb)


def _aside_content(verb: Token) -> tuple[int, int] | None:
    """'The deal, he said, would be signed next week': a cue set off by commas inside its content.

    The parse hangs such an aside on the content's verb (or makes it the root), so the verb
    has no complement of its own; the content is the sentence on both sides of the aside.
    """
    subject, sentence = _own_subject(verb), verb.sent
    if subject is None or subject.i > verb.i or subject.left_edge.i <= sentence.start or subject.tag_ in ("WP", "WDT"):
        return None  # 'Anna, who said nothing,' is a relative clause, not an aside
    objects = ("xcomp",) if verb.lemma_.lower() == "tell" else ("dobj", "dative", "xcomp")
    if verb.dep_ == "relcl" or any(c.dep_ in objects for c in verb.children):
        return None  # 'said nothing' has its own object ('told reporters' only names the hearers)
    doc, opening = verb.doc, subject.left_edge.i - 1
    closing = next((t.i for t in sentence if t.i > verb.i and t.text == ","), None)
    if doc[opening].text != "," or closing is None or closing - verb.i > MAX_ASIDE_TAIL:
        return None
    if any(t.i > closing or t.i < opening for t in verb.subtree if t.dep_ not in ("advcl", "ccomp", "punct")):
        return None  # the verb governs words beyond the commas: not an aside
    before = [t for t in sentence if t.i < opening]
    after = [t for t in sentence if t.i > closing]
    if sum(not t.is_punct for t in before) < MIN_ASIDE_WORDS or sum(not t.is_punct for t in after) < MIN_ASIDE_WORDS:
        return None
    return token_span_chars(before + after)


def _accuse_content(verb: Token) -> tuple[int, int] | None:
    """Content of 'X accused Y of Z': from Y to the end of the 'of'/'for' phrase."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    preps = [c for t in [verb, *objects] for c in t.children if c.dep_ == "prep" and c.lower_ in ("of", "for")]
    if not objects:
        return None
    tokens = [t for o in objects for t in o.subtree] + [t for p in preps for t in p.subtree]
    return token_span_chars(tokens)


def _call_content(verb: Token) -> tuple[int, int] | None:
    """Content of 'X called for Z' or 'X called on Y to Z'."""
    parts = [
        c for c in verb.children
        if c.i > verb.i and ((c.dep_ == "prep" and c.lower_ in ("for", "on")) or c.dep_ in ("xcomp", "dobj", "advcl"))
    ]
    if any(c.lower_ == "what" for c in verb.children):
        return None  # 'what it called "moderate fighters"' names, it does not report
    naming = [c for c in verb.children if c.dep_ in ("dobj", "oprd") and c.i > verb.i]
    if any(c.dep_ == "oprd" for c in naming):  # 'X called the plan "reckless"': a stance on the object
        return token_span_chars([t for c in naming for t in c.subtree])
    if not parts or not any(p.dep_ != "dobj" for p in parts):
        return None
    return token_span_chars([t for p in parts for t in p.subtree])


def _stance_content(verb: Token) -> tuple[int, int] | None:
    """Content of 'X backed Y', 'X wants to Y', 'records show Y': clause, infinitive or object.

    'Speaking Spanish' and 'spoke a little' name a language or a manner, not what was said, so
    'speak' and 'talk' take a direct object only with a particle ('talked up his record'); an
    object that is only a reflexive ('found himself') or only a time ('votes on March 1')
    reports nothing.
    """
    addressing = verb.lemma_.lower() in ADDRESSING_VERBS
    particle = any(c.dep_ == "prt" for c in verb.children)
    for deps in (CONTENT_DEPS, ("xcomp",), ("dobj",), ("prep",)):
        if addressing and deps == ("dobj",) and not particle:
            continue
        parts = [c for c in verb.children if c.dep_ in deps and c.i > verb.i]
        if deps == ("prep",):
            allowed = TOPIC_PREPOSITIONS if addressing else STANCE_PREPOSITIONS
            parts = [c for c in parts if c.lower_ in allowed]
        if parts:
            if deps == CONTENT_DEPS:
                return _subtree_chars(parts[0])
            words = [t for t in parts[0].subtree if not t.is_punct]
            if deps != ("xcomp",) and _says_nothing(words[1:] if deps == ("prep",) else words):
                return None
            return token_span_chars(list(parts[0].subtree))
    return None


def _verbal_target(verb: Token) -> bool:
    """Whether 'attacked'/'slammed' names words, not force: a target that is a named person, a
    statement or an idea ('the plan', 'his policies', 'liberalism'), or a reason ('over Y', 'for doing Y')."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    preps = [c for t in [verb, *objects] for c in t.children if c.dep_ == "prep"]
    if any(p.lower_ == "over" or p.lower_ == "for" and any(c.dep_ == "pcomp" for c in p.children) for p in preps):
        return True  # 'attacked X over Y', 'attacked X for opposing Y' ('for a second week' is a time)
    if not objects:
        return False
    target = objects[0]
    named = any(t.ent_type_ == "PERSON" for t in target.subtree)
    verbs, lemma = speech_verbs(), target.lemma_.lower()
    if named or lemma in verbs.statement_nouns or lemma in verbs.assail_targets or lemma.endswith("ism"):
        return True
    # one named person attacking people ('Trump attacked her opponent', 'she attacked them') uses
    # words; crowds, forces and gunmen attacking people use force
    return _one_person(find_subject(verb)) and (target.pos_ == "PRON" or _person_word(target))


def _one_person(token: Token | None) -> bool:
    """A named person, a 'he'/'she' or one person by role ('the candidate', 'the senator, Anna
    Berg'): someone who attacks with words, not a crowd or a force."""
    if token is None:
        return False
    named = any(t.ent_type_ == "PERSON" for t in [token, *(c for c in token.children if c.dep_ == "appos")])
    return named or token.lower_ in speaker_words().person_pronouns or token.tag_ == "NN" and _person_word(token)


def _person_word(token: Token) -> bool:
    """A noun for a person by role ('her opponent', 'the senators')."""
    lemma = token.lemma_.lower()
    return lemma in speaker_words().person_roles or lemma in speech_verbs().assail_people


def _says_nothing(words: list[Token]) -> bool:
    """True for an object that is only a reflexive or only a date or time: no view is stated in it
    ('endorsed him' is a stance on someone; 'found himself' and 'votes on March 1' are none)."""
    reflexive = all(t.pos_ == "PRON" and t.lower_.endswith(("self", "selves")) for t in words)
    return not words or reflexive or all(t.ent_type_ in ("DATE", "TIME") for t in words)


def _verb_candidate(token: Token, verbs: SpeechVerbs) -> CueCandidate | None:
    """A candidate for a speech verb, with whichever content pattern fits it."""
    lemma = token.lemma_.lower()
    patterns = (
        (verbs.say, _say_content, "ccomp"),
        (verbs.accuse, _accuse_content, "accuse-of"),
        (verbs.call, _call_content, "call-for"),
        (verbs.stance, _stance_content, "stance"),
    )
    content, how = None, "bare"
    for words, find_content, name in patterns:
        if lemma in words and content is None:
            content = find_content(token)
            how = name if content else how
    if lemma in verbs.assail and not _verbal_target(token):
        return None  # 'police attacked demonstrators': force, not words
    return CueCandidate(token, find_subject(token), content, how)


def bare_common_noun(token: Token) -> bool:
    """A singular common noun with no determiner, owner or modifier ('plan', 'tradition'): no one
    who speaks is named so ('police', 'officials' are plural; 'hospital staff' has a modifier)."""
    return token.tag_ == "NN" and not any(c.dep_ in ("det", "poss", "compound", "amod", "nummod", "nmod") for c in token.children)


def _according_candidate(token: Token, sentence: Span) -> CueCandidate | None:
    """'According to X, Z': X is the source and the rest of the sentence the content."""
    objects = [t for c in token.children if c.lower_ == "to" for t in c.children if t.dep_ == "pobj"]
    if not objects:
        return None
    if bare_common_noun(objects[0]):
        return None  # 'according to plan', 'differs according to country': a manner, not a source
    authors = [t for p in objects[0].children if p.lower_ in ("by", "from", "of") for t in p.children if t.dep_ == "pobj"]
    if objects[0].lemma_.lower() in speech_verbs().statement_nouns and authors:
        objects = authors  # 'according to an estimate by X': X is the source
    phrase = {t.i for t in token.subtree}
    before = [t for t in sentence if t.i < min(phrase)]
    after = [t for t in sentence if t.i > max(phrase)]
    content = token_span_chars(max(before, after, key=len))
    return CueCandidate(token, objects[0], content, "according-to")


def find_cues(doc: Doc) -> list[CueCandidate]:
    """Every speech-cue candidate of a parsed text, in text order."""
    verbs = speech_verbs()
    candidates = []
    for sentence in doc.sents:
        for token in sentence:
            if token.lower_ == "according":
                found = _according_candidate(token, sentence)
            elif token.pos_ in ("VERB", "AUX") and verbs.is_cue(token.lemma_.lower()):
                found = _verb_candidate(token, verbs)
            else:
                found = None
            if found is not None:
                candidates.append(found)
    return candidates
