"""Quotes and reported speech: marks, cues, speakers, on inline sentences and the seeds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.analyse.nlp import parse
from dateline.analyse.quotes import extract_quotes
from dateline.analyse.quotes.marks import find_quote_spans
from dateline.model import Article


def quotes_of(body: str, nlp) -> list:
    article = Article(id="t", source="t", body=body)
    return extract_quotes(article, parse(article, nlp))


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("She said “we will win” today.", ["we will win"]),
        ('He said "the talks failed" and left.', ["the talks failed"]),
        ("“Nobody told me ‘stop’ then,” she said.", ["Nobody told me ‘stop’ then,", "stop"]),
        ("It’s the Americans’ plan, they say.", []),
        ("“The quote runs on\n\n“and ends here,” she said.", ["The quote runs on\n\n“and ends here,"]),
        ("The report was cut “in the middle", ["in the middle"]),
    ],
)
def test_quote_spans(text, inner):
    assert [text[s.start : s.end] for s in find_quote_spans(text)] == inner


@given(st.text(alphabet=st.sampled_from(list("ab “”‘’\"'\n.,")), max_size=60))
def test_quote_spans_stay_inside_text(text):
    for span in find_quote_spans(text):
        assert 0 <= span.start < span.end <= len(text)


@pytest.mark.parametrize(
    ("body", "speaker", "direct", "cue", "words"),
    [
        ("Finance Minister Anna Berg said that taxes will fall next year.", "Anna Berg", False, "said", "taxes will fall"),
        ("“We will cut taxes,” Finance Minister Anna Berg told reporters.", "Anna Berg", True, "told", "We will cut taxes"),
        ("The rebels will leave, according to General Tom Hale.", "Tom Hale", False, "according to", "rebels will leave"),
        ("The mayor, Jo Park, accused the council of wasting money.", "Jo Park", False, "accused", "council of wasting"),
        ("In a statement, the Health Ministry called for calm.", "Health Ministry", False, "called", "calm"),
        ("Governor Lena Ortiz endorsed the bridge plan on Monday.", "Lena Ortiz", False, "endorsed", "bridge plan"),
        ("Mayor Sam Reyes wants to close the old harbour.", "Sam Reyes", False, "wants", "close the old harbour"),
        ("Senator Ida Moss called the tax plan reckless.", "Ida Moss", False, "called", "tax plan reckless"),
        ("Senator Ida Moss voted for the farm bill.", "Ida Moss", False, "voted", "farm bill"),
        # a participle describing its source: 'a group backing X', 'calls saying ...'
        ("A veterans group backing Senator Ida Moss paid for the advertisements.", "veterans group", False, "backing", "Ida Moss"),
        ("Police logged dozens of emergency calls saying a gunman had entered the depot.", "emergency calls", False, "saying", "gunman had entered"),
        # a poll's share of people that the parse hangs on the verb
        ("About 4 in 10 say they want the next mayor to build more homes.", "4 in 10", False, "say", "want the next mayor"),
    ],
)
def test_single_attribution(nlp, body, speaker, direct, cue, words):
    top = [q for q in quotes_of(body, nlp) if q.nested_in is None]
    assert len(top) == 1
    assert (top[0].speaker, top[0].direct, top[0].cue) == (speaker, direct, cue)
    assert words in top[0].text


def test_pronoun_and_surname_resolve_to_full_name(nlp):
    body = ("Foreign Minister Karl Osten met his counterpart on Monday.\n\n"
            "Osten said the border would reopen soon.\n\nHe added that trade would resume.")
    found = quotes_of(body, nlp)
    assert [q.speaker for q in found] == ["Karl Osten", "Karl Osten"]
    assert found[0].speaker_role == "Foreign Minister"


@pytest.mark.parametrize(
    ("body", "speakers"),
    [
        # 'She' is not the man who spoke last: the woman named before him.
        ("Congresswoman Betty Marsh met company officials on Tuesday.\n\n"
         "Chief executive Tony Hale said the company had done everything it could.\n\n"
         "She said the answer was not good enough.",
         ["Tony Hale", "Betty Marsh"]),
        # The role says it before the first name does ('Dale' is mostly a man's name).
        ("The ministry's spokeswoman, Dale Okafor, said the camp would close.\n\n"
         "Mr. Duvalier said the camp would stay open.\n\n"
         "She added that the last families would leave on Friday.",
         ["Dale Okafor", "Duvalier", "Dale Okafor"]),
        # A name that says nothing agrees with either pronoun.
        ("Jo Park said the road would reopen.\n\nShe said repairs would take a week.",
         ["Jo Park", "Jo Park"]),
    ],
)
def test_he_or_she_resolves_to_the_last_person_of_that_gender(nlp, body, speakers):
    assert [q.speaker for q in quotes_of(body, nlp) if q.nested_in is None] == speakers


@pytest.mark.parametrize(
    ("body", "speaker", "role"),
    [
        ("Senate Minority Whip Ana Duarte (Ore.) said the vote was lost.", "Ana Duarte", "Whip"),
        ("Brazil's top trade negotiator, Luis Prado, called the offer unfair.", "Luis Prado", "Brazil's top trade negotiator"),
    ],
)
def test_a_person_in_apposition_to_a_title_is_the_speaker(nlp, body, speaker, role):
    top = [q for q in quotes_of(body, nlp) if q.nested_in is None]
    assert [q.speaker for q in top] == [speaker]
    assert role in (top[0].speaker_role or "")


def test_the_name_after_a_hyphenated_title_of_a_body_is_the_speaker(nlp):
    # the parse may hang 'of the ...' on the second half of 'secretary-general'
    body = ('"We want incentives," the paper quoted the chief executive as saying on Monday.\n\n'
            "The director-general of the World Health Organisation, Maria Lund, has called for drugs companies "
            "to show solidarity with poor countries as they develop vaccines.")
    called = [q for q in quotes_of(body, nlp) if q.cue == "called"]
    assert [q.speaker for q in called] == ["Maria Lund"]


def test_a_quote_whose_second_paragraph_lost_its_opening_mark_is_one_quote(nlp):
    body = ("Premier Tom Hale blamed the crisis on reckless lending.\n\n"
            '"The crisis has pushed the two countries to a turning point.\n\n'
            'From now on, they will either grow closer or drift apart," said Ana Ruiz, a trade expert.')
    top = [q for q in quotes_of(body, nlp) if q.nested_in is None and q.direct]
    assert len(top) == 1
    assert top[0].speaker == "Ana Ruiz"
    assert top[0].text.startswith("The crisis") and top[0].text.rstrip(",").endswith("drift apart")


def test_a_readers_question_in_a_live_chat_holds_no_attribution(nlp):
    body = ("Silver Spring, Md.: My neighbour says the bank will fail, and we saw the shares fall. Is she right?\n\n"
            "Ann Lee: The bank says its deposits are safe, and regulators agree.\n\n"
            "Dayton, Ohio: A friend told me that rates will rise in the spring. Should I lock in now?\n\n"
            "Ann Lee: Nobody knows what rates will do.")
    found = [q for q in quotes_of(body, nlp) if q.nested_in is None]
    assert found and not any("neighbour" in body[q.start - 40 : q.start] or "friend told" in body[q.start - 30 : q.end]
                             for q in found)
    assert not any(q.start < body.index("Ann Lee") for q in found)


def test_one_place_label_line_is_a_roundup_item_not_a_chat(nlp):
    body = "Kessel, Ruritania: Rebels said they had taken the airport on Monday."
    kept = [q for q in quotes_of(body, nlp) if q.nested_in is None]
    assert len(kept) == 1 and "taken the airport" in kept[0].text


def test_he_after_a_woman_is_not_a_man_named_far_up_the_page(nlp):
    body = ("Energy minister Paul Reeve opened the plant in March.\n\n"
            "The plant burns wood chips.\n\nIt employs forty people.\n\nThe town has grown since.\n\n"
            "Rents have risen.\n\nThe river was cleaned last year.\n\n"
            "Aid worker Mary Stone said the camp was full.\n\n"
            '"There was also plastic sheeting," he said.')
    speakers = [q.speaker for q in quotes_of(body, nlp) if q.nested_in is None]
    assert speakers[0] == "Mary Stone"
    assert speakers[-1] is None  # unresolved, neither the woman nor the minister six sentences up


def test_partial_quote_nests_in_reported_speech(nlp):
    found = quotes_of('He said the rebels are "exhausted" after the siege.', nlp)
    partial = [q for q in found if q.direct]
    assert partial and partial[0].text.startswith("exhausted")
    assert found[partial[0].nested_in].direct is False


def test_offsets_point_into_body(nlp):
    body = "“Prices will rise,” said the central bank governor Lia Moro. She warned of a slowdown."
    for quote in quotes_of(body, nlp):
        assert body[quote.start : quote.end] == quote.text


@pytest.mark.seeds
def test_seed_speakers(seed_texts, nlp):
    speakers = set()
    for text in seed_texts.values():
        speakers |= {q.speaker for q in quotes_of(text, nlp)}
    assert {"Valery Gerasimov", "Sergei Ryabkov", "Frank-Walter Steinmeier", "John Kerry"} <= speakers
    assert {"Sergei Lavrov", "Sergey Lavrov"} <= speakers


@pytest.mark.seeds
def test_seed_nested_quote_is_kerrys(seed_texts, nlp):
    nested = []
    for text in seed_texts.values():
        found = quotes_of(text, nlp)
        nested += [(q.speaker, found[q.nested_in].speaker) for q in found if q.nested_in is not None and q.cue]
    assert ("John Kerry", "Sergei Lavrov") in nested


@pytest.mark.seeds
@pytest.mark.xfail(strict=False, reason="a description naming the speaker only in the next sentence (cataphora) is not resolved")
def test_seed_indefinite_description_resolves_forward(seed_texts, nlp):
    speakers = {q.speaker for text in seed_texts.values() for q in quotes_of(text, nlp)}
    assert not any(s and "diplomat" in s for s in speakers)


def test_quote_open_over_three_paragraphs():
    text = "“One\n\n“two\n\n“three” she said."
    assert [text[s.start : s.end] for s in find_quote_spans(text)] == ["One\n\n“two\n\n“three"]


@pytest.mark.parametrize(
    ("body", "kind", "cue"),
    [
        ("Finance Minister Anna Berg said that taxes will fall next year.", "speech", "said"),
        ("Taxes will fall, according to Finance Minister Anna Berg.", "speech", "according to"),
        ("Finance Minister Anna Berg announced that taxes will fall.", "speech", "announced"),
        ("Finance Minister Anna Berg believes that taxes will fall.", "stance", "believes"),
        ("Finance Minister Anna Berg fears that taxes will rise.", "stance", "fears"),
        ("Finance Minister Anna Berg wants to cut taxes.", "stance", "wants"),
        ("Finance Minister Anna Berg supports the tax cut.", "stance", "supports"),
    ],
)
def test_kind_speech_or_stance(nlp, body, kind, cue):
    top = [q for q in quotes_of(body, nlp) if q.nested_in is None]
    assert [(q.kind, q.cue) for q in top] == [(kind, cue)]


def test_cue_and_source_offsets(nlp):
    body = "Finance Minister Anna Berg said that taxes will fall next year."
    quote = quotes_of(body, nlp)[0]
    assert body[quote.cue_start :].startswith("said")
    assert "Anna Berg" in body[quote.source_start : quote.source_end]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("Gaddafi's son Saif al-Islam said the regime would fight to the end.", "Saif al-Islam"),
        ("The Clinton campaign says the emails were never classified.", "Clinton campaign"),
        ("The envoy, who arrived on Monday, said the talks had failed.", "envoy"),
        ("He said the talks had failed.", None),
    ],
)
def test_speaker_from_grammar_never_a_pronoun(nlp, body, speaker):
    top = [q for q in quotes_of(body, nlp) if q.nested_in is None]
    assert [q.speaker for q in top] == [speaker]


def test_transcript_turns(nlp):
    body = ("Senator Mike Pence met voters in Ohio on Monday.\n"
            "PENCE: Well, I think we will win this election in November.\n"
            "KAINE: That is simply not true, and the voters know it.\n"
            "UPDATE: The debate ended at ten in the evening.")
    turns = [q for q in quotes_of(body, nlp) if q.cue == ":"]
    assert [(q.speaker, q.kind, q.direct) for q in turns] == [("Mike Pence", "speech", True), ("Kaine", "speech", True)]
    assert turns[0].text.startswith("Well, I think")


def test_a_notice_ending_on_a_section_word_is_no_transcript_turn(nlp):
    body = ("Footage shows soldiers leaving a base.\n\n"
            "PLEASE NOTE: THE AGENCY COULD NOT CONFIRM WHERE OR WHEN THIS FOOTAGE WAS FILMED.")
    assert [q for q in quotes_of(body, nlp) if q.cue == ":"] == []


def test_transcript_set_as_a_block_quotation(nlp):
    # Each paragraph of a quoted transcript opens with a quote mark and is never closed.
    body = ("The governor spoke to the host on Sunday. A partial transcript follows:\n\n"
            "\"HOST: Will the invited guest actually be in the hall tomorrow night?\n\n"
            "\"GOVERNOR: No, she will not be attending the debate tomorrow night at all.\n\n"
            "\"(CROSSTALK.)\n\n"
            "“HOST: Then why did the campaign invite her in the first place?")
    turns = [q for q in quotes_of(body, nlp) if q.cue == ":"]
    assert [q.speaker for q in turns] == ["Host", "Governor", "Host"]
    assert turns[1].text.startswith("No, she will not")


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("He said `` we will fight '' on Sunday .", ["we will fight"]),
        ("Libya 's leader said `` they 're lying '' .", ["they 're lying"]),
        ("Er sagte „wir kämpfen“ am Sonntag.", ["wir kämpfen"]),
        ("Il a dit « nous gagnerons » hier.", [" nous gagnerons "]),
        ("She said ‘no deal’ twice.", ["no deal"]),
        ("“Outer ‘inner words’ end,” he said.", ["Outer ‘inner words’ end,", "inner words"]),
    ],
)
def test_every_kind_of_quote_mark(text, inner):
    assert [text[s.start : s.end].strip() for s in find_quote_spans(text)] == [w.strip() for w in inner]


def test_colon_at_paragraph_end_introduces_the_next_paragraphs_quote(nlp):
    body = 'The union responded:\n\n"We will not sign a deal that cuts the pensions of our members."'
    top = [q for q in quotes_of(body, nlp) if q.nested_in is None]
    assert [(q.speaker, q.direct, q.cue) for q in top] == [("union", True, "responded")]


def test_relative_pronoun_is_the_written_source_of_its_antecedent(nlp):
    body = "The plan was drafted by Anna Berg, who said the report was late."
    quote = quotes_of(body, nlp)[0]
    assert quote.speaker == "Anna Berg"
    assert body[quote.source_start : quote.source_end] == "who"


@pytest.mark.parametrize(
    ("body", "speaker", "role"),
    [
        ("By the CNN Wire Staff Libyan leader Moammar Gadhafi said the rebels would be crushed.", "Moammar Gadhafi",
         "Libyan leader"),
        ("U.S. Ambassador to the United Nations Susan Rice said the regime must go.", "Susan Rice",
         "U.S. Ambassador to the United Nations"),
        ("White House spokesman Jay Carney said the president would speak.", "Jay Carney", "White House spokesman"),
    ],
)
def test_roles_are_clean_noun_phrases(nlp, body, speaker, role):
    top = [q for q in quotes_of(body, nlp) if q.nested_in is None]
    assert [q.speaker for q in top] == [speaker]
    assert role in (top[0].speaker_role or "")


@pytest.mark.parametrize(
    ("body", "speakers"),
    [
        ("We stubbornly refuse to accept the risk.", []),  # a stance needs a holder the text names
        ("Tests are needed to confirm whether the virus spread.", []),  # a passive subject is no source
        ("The outbreak is viewed with alarm by health workers.", []),
        ("Tests showed that the pilot did not have the virus.", ["Tests"]),
        ("According to the WHO, 21 countries had reported cases.", ["WHO"]),
        ("The WHO said the virus was spreading.", ["WHO"]),
        ("Ban Ki-moon insisted that the agency did not plan to raise its alert.", ["Ban Ki-moon"]),
        # 'show' is what evidence does; a person, a crowd or a channel showing something states nothing
        ("The unrest in the capital showed no sign of abating on Sunday.", []),
        ("The governor showed open disregard for the court's ruling.", []),
        ("State television showed crowds gathering in the main square.", []),
        ("Court records show that the company paid no tax for three years.", ["Court records"]),
        ("The researchers showed that the drug cut deaths by half.", ["researchers"]),
        ("The doctors were showing signs of exhaustion after the night.", []),
        ("Investigators found that the pilot had not slept for two days.", ["Investigators"]),
        ("The survey found wide differences between the regions.", ["survey"]),
        ("The two sides found a way to end the strike on Friday.", []),
        ("His brilliance was to decide to confront readers with their own choices.", []),
        ("Voters want the council to publish its accounts.", ["Voters"]),
        ("A majority of the voters supported the new road.", ["majority of the voters"]),
    ],
)
def test_who_holds_a_view(nlp, body, speakers):
    assert [q.speaker for q in quotes_of(body, nlp) if q.nested_in is None] == speakers


@pytest.mark.parametrize(
    ("body", "speaker", "content"),
    [
        ("The border, the ministry said on Monday, will stay closed until Friday.", "ministry",
         "The border, the ministry said on Monday, will stay closed until Friday"),
        ("The rebels, the army said, had fled to the hills.", "army", "The rebels, the army said, had fled to the hills"),
        ("The talks, the envoy told reporters, had failed.", "envoy", "The talks, the envoy told reporters, had failed"),
    ],
)
def test_cue_set_off_by_commas_inside_its_content(nlp, body, speaker, content):
    top = [q for q in quotes_of(body, nlp) if q.nested_in is None]
    assert [(q.speaker, q.text, q.direct) for q in top] == [(speaker, content, False)]


@pytest.mark.parametrize(
    "body",
    ["He met Anna, who said nothing, and left the city.", "The plan, which aides said nothing about, failed."],
)
def test_relative_clause_or_object_is_not_an_aside(nlp, body):
    assert [q for q in quotes_of(body, nlp) if q.nested_in is None and q.cue == "said"] == []


def test_description_with_another_role_is_not_the_last_speaker(nlp):
    body = ("Senator Jim Jordan said the vote would be close.\n\n"
            "The bill would pass next week, the minister said, and the border would open.")
    top = [q for q in quotes_of(body, nlp) if q.nested_in is None]
    assert [q.speaker for q in top] == ["Jim Jordan", "minister"]


def test_pronoun_in_a_line_of_capitals_is_a_pronoun_not_an_acronym(nlp):
    body = "THEY SAID THE TALKS HAD FAILED.\n\nThe WHO said the virus was spreading fast."
    top = [q for q in quotes_of(body, nlp) if q.nested_in is None]
    assert [q.speaker for q in top] == [None, "WHO"]


def test_a_capitalised_pronoun_in_a_comment_is_still_a_pronoun(nlp):
    body = "WE need to remember that the council has no power here, a reader wrote.\n\nYOU said the bridge was safe."
    speakers = {q.speaker for q in quotes_of(body, nlp)}
    assert not speakers & {"WE", "YOU"}


def test_a_first_person_glued_to_its_quote_mark_is_never_a_speaker(nlp):
    # tokenised text leaves '..."I think' with the mark on the pronoun: '"I' is no acronym
    body = (
        'Peter Hale, of Harbour Brokers, said: "It is basically a clean-up job..."I think it is '
        'the board trying to wipe the slate clean."'
    )
    speakers = [q.speaker for q in quotes_of(body, nlp)]
    assert speakers and "I" not in speakers and '"I' not in speakers


def test_a_tagger_person_that_cleans_to_a_pronoun_is_never_an_antecedent(nlp):
    # the small English model can tag a sentence-final 'I.' as a PERSON; cleaned it reads 'I',
    # and a later 'he' must not resolve to a speaker called 'I'
    from dateline.analyse.quotes.sources import ArticleSpeakers

    speakers = ArticleSpeakers(nlp("The harbour board met on Monday."))
    speakers.remember("I", None, 0)
    speakers.remember("Ann Reid", None, 10)
    assert [p.name for p in speakers.people] == ["Ann Reid"]


def test_a_title_is_no_first_name(nlp):
    body = ("Archaeologist Ruth Hollis led the survey in June.\n\n"
            "Dr Hollis said the walls were badly damaged.\n\nThe survey took three weeks.")
    assert [q.speaker for q in quotes_of(body, nlp)] == ["Ruth Hollis"]


def test_he_is_the_speaker_written_before_not_a_turn_further_down(nlp):
    # the transcript turn is judged first, but it stands after the pronoun
    body = ("Senator Alan Brook toured the plant on Monday.\n\nHe said taxes would fall.\n\n"
            "MORAN: We will see about that. The plan is dead and everyone here knows it.")
    assert [q.speaker for q in quotes_of(body, nlp) if q.nested_in is None] == ["Alan Brook", "Moran"]


def test_a_name_in_passing_is_not_the_next_he(nlp):
    # Morrow is named in a relative clause; the article is about Lakely, named again and again
    body = ("Museum curator Tom Lakely toured the site in June.\n\nDr Lakely said the walls were badly damaged.\n\n"
            "The report by Tom Lakely runs to forty pages.\n\n"
            "The gate dates from the sixth century BC.\n\nIts bricks were glazed blue.\n\nMuch of it now stands in Berlin.\n\n"
            "The camp was built by a firm whose chairman, Dan Morrow, is a former senator.\n\n"
            "He reports that ten gates were cracked.")
    assert [q.speaker for q in quotes_of(body, nlp) if q.nested_in is None] == ["Tom Lakely", "Tom Lakely"]
    # a man named as the object, with nobody else about, is still the 'he' who speaks next
    assert [q.speaker for q in quotes_of("Police arrested John Smith on Monday.\n\nHe said he was innocent.", nlp)] == ["John Smith"]


def test_a_wire_dateline_is_neither_speaker_nor_content(nlp):
    quotes = quotes_of("TUNIS (Reuters) - League envoy Hamid Osman said on Monday he had met the president.", nlp)
    assert [q.speaker for q in quotes] == ["Hamid Osman"]
    quotes = quotes_of("AMMAN (Reuters) - Tanks shelled a border town for a third day on Thursday, residents said, "
                       "in the heaviest fighting since the revolt began.", nlp)
    assert [(q.speaker, q.text.split()[0]) for q in quotes] == [("residents", "Tanks")]


def test_according_to_a_bare_common_noun_names_no_source(nlp):
    assert quotes_of("The fines differ according to region, size and age of the firm.", nlp) == []
    assert [q.speaker for q in quotes_of("Four miners were hurt in the blast, according to police.", nlp)] == ["police"]


def test_content_cut_before_a_second_cue_drops_the_joining_word(nlp):
    quotes = quotes_of("The ministers warned the company on Monday it would lose its licence if it kept drilling "
                       "and said they would review every permit.", nlp)
    assert quotes[0].text == "it would lose its licence if it kept drilling"


def test_a_hyphenated_name_is_whole_and_its_later_surname_drops_the_particle(nlp):
    body = ("President Bashar al-Assad said the army would restore order.\n\n"
            "Dissident colonel Riad al-Asaad, who leads defectors from a base in Turkey, denied the charge.\n\n"
            "Asaad said no foreign intervention was needed.")
    assert [q.speaker for q in quotes_of(body, nlp)] == ["Bashar al-Assad", "Riad al-Asaad"]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("The head of the monitoring mission, Ahmed Rashid, said on Sunday his team had reached the town.", "Ahmed Rashid"),
        ("The chairman of the committee, Lisa Grant, told reporters the vote would be held on Friday.", "Lisa Grant"),
        ("The son of the president, Omar Haddad, said on Sunday the talks had failed.", "son of the president"),
    ],
)
def test_a_name_after_a_title_of_a_body_is_the_title_holder(nlp, body, speaker):
    assert [q.speaker for q in quotes_of(body, nlp)] == [speaker]


def test_he_after_a_one_person_description_is_that_speaker(nlp):
    body = ('President Omar Haddad vowed to crush the revolt.\n\n"The rebels have a foothold in the south of the town," '
            'said one resident by satellite phone.\n\n"Buildings have caught fire in several streets," he said from the town.')
    assert [q.speaker for q in quotes_of(body, nlp)][-2:] == ["one resident", "one resident"]
    body = ('President Omar Haddad vowed to crush the revolt.\n\n"We will win," said one resident.\n\n'
            'Haddad spoke on television.\n\n"The army will restore order," he said.')
    assert quotes_of(body, nlp)[-1].speaker == "Omar Haddad"


@pytest.mark.parametrize(
    "body",
    [
        "The senator, who grew up in Texas, was speaking Spanish to the crowd.",  # a language, not words said
        "The mayor spoke a little before leaving the hall.",
        "The council votes on March 1 after a long debate.",  # a time is no view
        "The candidate Anna Berg could not find herself on the ballot.",  # a reflexive object states nothing
    ],
)
def test_stance_verbs_with_no_stated_view_give_no_attribution(nlp, body):
    assert [q.text for q in quotes_of(body, nlp) if q.kind == "stance"] == []


@pytest.mark.parametrize(
    "body",
    ["The union's leader Anna Berg backed the new contract on Friday.",
     "The union's leader Anna Berg backed him on Friday.",  # a stance on someone
     "The union's leader Anna Berg talked up the new contract on Friday."],
)
def test_a_stance_on_an_object_is_kept(nlp, body):
    assert [(q.speaker, q.kind) for q in quotes_of(body, nlp)] == [("Anna Berg", "stance")]


@pytest.mark.parametrize(
    "body",
    [
        "I believe the minister is wrong about the new tax, and I said so in March.",  # a column's own voice
        "We think the council should publish its accounts every year.",  # an editorial's
        "As you know, the bridge has been closed since the storm.",  # the reader
    ],
)
def test_the_writers_own_voice_is_no_attribution(nlp, body):
    assert quotes_of(body, nlp) == []


def test_first_person_inside_a_quote_is_still_its_speaker(nlp):
    body = "“I told him we would not sign,” the union leader Anna Berg said on Monday."
    top = [q for q in quotes_of(body, nlp) if q.nested_in is None]
    assert [(q.speaker, q.direct) for q in top] == [("Anna Berg", True)]


@pytest.mark.parametrize(
    "body",
    [
        "Two officials spoke on condition of anonymity because the talks were secret.",
        "The minister spoke on state television for an hour.",
    ],
)
def test_speaking_on_says_how_or_where_not_what(nlp, body):
    assert [q.text for q in quotes_of(body, nlp) if q.kind == "stance"] == []


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ("Riot police attacked the demonstrators near the main square.", False),  # force
        ("Gunmen attacked a police station in the south of the country.", False),
        ("Speculators attacked the local currency for a second week.", False),  # 'for' a time is no reason
        ("The senator attacked the voters for opposing the new road.", True),  # 'for doing': a reason
        ("The senator attacked President Anna Berg in a long speech.", True),  # a named person
        ("The union attacked the government's pension policy.", True),  # an idea
        ("The mayor slammed the report as a waste of money.", True),  # a statement
        ("The candidate Anna Berg attacked her opponent in a long speech.", True),  # one person, words
        ("Anna Berg attacked them in her speech on Monday.", True),
        ("Riot police attacked them near the main square.", False),  # a force, with force
    ],
)
def test_attacked_names_words_only_when_its_target_is_someone_or_an_idea(nlp, body, kept):
    assert bool([q for q in quotes_of(body, nlp) if q.kind == "stance"]) == kept


@pytest.mark.parametrize(
    ("body", "speakers"),
    [
        # 'they' after a group that just spoke is that group
        ("Activists said at least sixty people were killed in the town. They said the army had shelled "
         "the funeral.", ["Activists", "Activists"]),
        # ... but not once a person is named between them, and not from far up the page
        ("Residents said the water had run out. The mayor, Anna Berg, visited the camp. They said it "
         "would take a week to restore.", ["Residents", None]),
    ],
)
def test_they_after_a_group_that_spoke(nlp, body, speakers):
    top = [q for q in quotes_of(body, nlp) if q.nested_in is None]
    assert [q.speaker for q in top] == speakers


def test_a_broadcast_turn_goes_on_to_the_next_label(nlp):
    body = ("Jonathan Mann and Randi Kaye hosted the network's coverage on Sunday.\n\n"
            "MANN: President Omar Haddad promised reform when he took office.\n\n"
            "He said that the people were crying out for the rights they had been denied.\n\n"
            "I think we should hear from Cairo now.\n\n"
            "KAYE (voice-over): Thousands of people filled the square again on Sunday night.\n\n"
            "They want the government to resign, and they say they will not leave.\n\n"
            "MANN: That is a remarkable scene from the square.")
    top = [q for q in quotes_of(body, nlp) if q.nested_in is None]
    # each turn is one quote of its speaker; what a speaker reports inside a turn is part of it
    assert [(q.speaker, q.cue) for q in top] == [("Jonathan Mann", ":"), ("Randi Kaye", ":"), ("Jonathan Mann", ":")]
    assert top[0].text.endswith("hear from Cairo now.")
    assert top[1].text.endswith("they will not leave.")


def test_he_inside_a_quote_is_never_its_own_speaker(nlp):
    # in his own words the mayor is 'I'; the 'he' who told him is someone else
    body = "“He told me: ‘the bridge will open in May’, and I believed him,” the mayor, Tom Berg, said."
    quotes = quotes_of(body, nlp)
    assert [q.speaker for q in quotes if q.nested_in is None] == ["Tom Berg"]
    nested = [q for q in quotes if q.nested_in is not None]
    assert [q.text for q in nested] == ["the bridge will open in May"]
    assert nested[0].speaker != "Tom Berg"


@pytest.mark.parametrize(
    "body",
    [
        "Friday promises to be another big day in the capital.",  # a day is no source
        "That does not tell you what the parties would do in the real world.",  # a fact is no source
        "Protesters are not satisfied: clashes continue around the main square.",  # no quote, no speech
    ],
)
def test_no_source_in_a_day_or_in_what_goes_on(nlp, body):
    assert quotes_of(body, nlp) == []


def test_continued_next_to_a_quote_is_speech(nlp):
    body = "“We will not give up,” the union leader Anna Berg continued."
    assert [(q.speaker, q.direct) for q in quotes_of(body, nlp)] == [("Anna Berg", True)]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("Another of the organisers, Doug Miller, said the figures had been checked twice.", "Doug Miller"),
        ("One of the doctors, Anna Berg, said the hospital had run out of oxygen.", "Anna Berg"),
    ],
)
def test_a_person_named_after_one_of_a_group_speaks(nlp, body, speaker):
    assert [q.speaker for q in quotes_of(body, nlp) if q.nested_in is None] == [speaker]


def test_a_label_with_a_role_after_a_comma_starts_a_turn():
    from dateline.analyse.quotes.transcript import find_turns

    text = ("Intro to the segment.\nKAYE: We went out there and found much anger today.\n"
            "UNIDENTIFIED FEMALE: We have got to help out the people.\n"
            "MUSTAFA MAZHER, PROTESTER: If there is no democracy that we are promoting here.\n"
            "KAYE: Thanks to all of you for that.")
    turns = find_turns(text)
    assert [t.label for t in turns] == ["KAYE", "UNIDENTIFIED FEMALE", "MUSTAFA MAZHER", "KAYE"]
    assert text[turns[1].words_start : turns[1].words_end] == "We have got to help out the people."


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("Gen Sir Mike Jackson, the head of the army, spoke at the hearing. "
         "“The orders were lawful,” said Sir Mike.", "Mike Jackson"),
        ("Nicole Ames served two tours in the south of the country. “We were never told why,” says Nicole.",
         "Nicole Ames"),
    ],
)
def test_a_lone_given_name_is_the_one_person_filed_with_it(nlp, body, speaker):
    assert [q.speaker for q in quotes_of(body, nlp) if q.nested_in is None] == [speaker]


@pytest.mark.parametrize("body", [
    "Harbour master Ida Moss declined to say whether the port would reopen on Monday.",
    "Engineers at the plant are working to confirm whether the leak has stopped.",
    "The minister would not say if the talks had failed.",
])
def test_an_open_question_after_a_statement_verb_states_nothing(nlp, body):
    assert [q for q in quotes_of(body, nlp) if q.cue in ("say", "confirm")] == []


@pytest.mark.parametrize("body", [
    "Harbour master Ida Moss said if the talks fail, the port will stay shut.",
    "Reporters asked whether the talks had failed.",
])
def test_a_condition_or_a_question_asked_is_still_attributed(nlp, body):
    assert len([q for q in quotes_of(body, nlp) if q.nested_in is None]) == 1
