from __future__ import annotations

import random

import pytest
import spacy

from eventwire.nlp.quotes import QuoteFinder, QuoteMarks, _lexicon
from eventwire.pipeline import Pipeline
from eventwire.records import Extraction, Quote


def _extract(pipeline: Pipeline, text: str) -> Extraction:
    extraction = pipeline.extract(text)
    for quote in extraction.quotes:
        for span in (quote.content, quote.cue, quote.speaker_span, *quote.parts):
            if span is not None:
                assert text[span.start : span.end] == span.text
    return extraction


def _quote(extraction: Extraction, words: str) -> Quote:
    found = [q for q in extraction.quotes if words in q.content.text]
    assert len(found) == 1, f"{words!r}: {[q.content.text for q in extraction.quotes]}"
    return found[0]


def _speaker_name(extraction: Extraction, quote: Quote) -> str | None:
    names = {a.id: a.name for a in extraction.actors}
    return names.get(quote.speaker) if quote.speaker else None


# ---------------------------------------------------------------------- quotation marks


@pytest.fixture(scope="module")
def marks() -> QuoteMarks:
    return QuoteMarks(_lexicon()["marks"])


def _quoted(marks: QuoteMarks, text: str) -> list[str]:
    return [text[s.start : s.end] for s in marks.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "yes" and "no".', ['"yes"', '"no"']),
        ("“We won,” she said.", ["“We won,”"]),
        ("«Nous avons gagné», a-t-il dit.", ["«Nous avons gagné»"]),
        ("''We won,'' he said.", ["''We won,''"]),
        ("„Wir haben gewonnen“, sagte er.", ["„Wir haben gewonnen“"]),
        (
            "\"He told me 'never again,' and left,\" she said.",
            ["\"He told me 'never again,' and left,\""],
        ),
        ("‘We won,’ she said, ‘and we’re glad.’", ["‘We won,’", "‘and we’re glad.’"]),
    ],
)
def test_quote_marks_every_style(marks: QuoteMarks, text: str, expected: list[str]) -> None:
    assert _quoted(marks, text) == expected


def test_quote_marks_open_paragraph_continues_in_next_opening_mark(marks: QuoteMarks) -> None:
    text = '"First paragraph of the quote.\n\n"Second paragraph," he said.'
    spans = marks.find(text)
    assert [(s.start, s.end, s.paragraphs) for s in spans] == [(0, len(text) - 9, 2)]


def test_quote_marks_unclosed_quote_ends_with_its_paragraph(marks: QuoteMarks) -> None:
    text = 'She said "we will stay.\n\nThe vote is on Monday.'
    (span,) = marks.find(text)
    assert text[span.start : span.end] == '"we will stay.'
    assert not span.closed


def test_quote_marks_stray_closing_mark_is_ignored(marks: QuoteMarks) -> None:
    assert _quoted(marks, "It rained” all day. “Yes,” he said.") == ["“Yes,”"]


def test_quote_marks_apostrophes_are_not_single_quotes(marks: QuoteMarks) -> None:
    assert _quoted(marks, "The rebels’ leader didn’t come; it’s over.") == []


def test_quote_marks_never_fail_on_random_marks(marks: QuoteMarks) -> None:
    rng = random.Random(4)
    pieces = ['"', "“", "”", "«", "»", "''", "‘", "’", "word", " ", "\n\n", ".", ","]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        for span in marks.find(text):
            assert 0 <= span.start < span.end <= len(text)


# ---------------------------------------------------------------------- direct quotes


def test_quotes_cue_after_resolves_pronoun_to_preceding_person(pipeline: Pipeline) -> None:
    text = (
        "Maria Lopez, the mayor of Springfield, spoke to reporters on Monday. "
        '"We will rebuild the bridge," she said.'
    )
    extraction = _extract(pipeline, text)
    quote = _quote(extraction, "rebuild the bridge")
    assert quote.kind == "direct"
    assert quote.content.text == '"We will rebuild the bridge,"'
    assert quote.cue is not None and quote.cue.text == "said"
    assert quote.speaker_span is not None and quote.speaker_span.text == "she"
    assert _speaker_name(extraction, quote) == "Maria Lopez"


def test_quotes_cue_in_the_middle_is_one_quote(pipeline: Pipeline) -> None:
    text = "“The river took everything from us,” said Carlos Ruiz. “My fields are gone.”"
    extraction = _extract(pipeline, text)
    (quote,) = extraction.quotes
    assert quote.content.text == text
    assert [p.text for p in quote.parts] == [
        "“The river took everything from us,”",
        "“My fields are gone.”",
    ]
    assert quote.speaker_span is not None and quote.speaker_span.text == "Carlos Ruiz"
    assert _speaker_name(extraction, quote) == "Carlos Ruiz"


def test_quotes_cue_before_with_colon(pipeline: Pipeline) -> None:
    text = "Governor Anne Smith told the crowd: “We will not give up this fight.”"
    extraction = _extract(pipeline, text)
    quote = _quote(extraction, "give up")
    assert quote.kind == "direct"
    assert quote.content.text == "“We will not give up this fight.”"
    assert _speaker_name(extraction, quote) == "Anne Smith"


@pytest.mark.parametrize(
    "quoted",
    [
        '"We are ready to negotiate,"',
        "“We are ready to negotiate,”",
        "«We are ready to negotiate,»",
        "''We are ready to negotiate,''",
    ],
)
def test_quotes_every_mark_style_is_a_direct_quote(pipeline: Pipeline, quoted: str) -> None:
    text = f"{quoted} said Pedro Alvarez, the rebel commander."
    extraction = _extract(pipeline, text)
    quote = _quote(extraction, "ready to negotiate")
    assert quote.kind == "direct"
    assert quote.content.text == quoted
    assert _speaker_name(extraction, quote) == "Pedro Alvarez"


def test_quotes_nested_single_quotes_stay_inside_one_quote(pipeline: Pipeline) -> None:
    text = "“He told me ‘never again,’ and then he left,” said Pedro Alvarez."
    extraction = _extract(pipeline, text)
    (quote,) = extraction.quotes
    assert quote.content.text == "“He told me ‘never again,’ and then he left,”"
    assert _speaker_name(extraction, quote) == "Pedro Alvarez"


def test_quotes_quote_runs_over_paragraphs(pipeline: Pipeline) -> None:
    text = (
        "The defence minister, Paul Grant, visited the base on Friday. "
        '"We have never been stronger. Our soldiers are ready.\n\n'
        '"We will not back down," he said.'
    )
    extraction = _extract(pipeline, text)
    (quote,) = extraction.quotes
    assert quote.content.text.startswith('"We have never been stronger.')
    assert quote.content.text.endswith('"We will not back down,"')
    assert _speaker_name(extraction, quote) == "Paul Grant"


def test_quotes_floating_quote_paragraph_inherits_speaker(pipeline: Pipeline) -> None:
    text = (
        '"The harvest was the worst in a decade," said Carlos Ruiz, a farmer.\n\n'
        "Prices for maize have doubled since March.\n\n"
        '"We have nothing left to sell."'
    )
    extraction = _extract(pipeline, text)
    floating = _quote(extraction, "nothing left to sell")
    assert floating.kind == "direct"
    assert floating.cue is None
    assert _speaker_name(extraction, floating) == "Carlos Ruiz"


def test_quotes_floating_quote_right_after_a_quote_continues_it(pipeline: Pipeline) -> None:
    text = (
        '"The harvest was the worst in a decade," said Carlos Ruiz, a farmer.\n\n'
        '"We have nothing left to sell."'
    )
    extraction = _extract(pipeline, text)
    (quote,) = extraction.quotes
    assert quote.content.text.endswith('"We have nothing left to sell."')
    assert len(quote.parts) == 2
    assert _speaker_name(extraction, quote) == "Carlos Ruiz"


def test_quotes_floating_quote_far_from_any_quote_has_no_speaker(pipeline: Pipeline) -> None:
    text = (
        '"The harvest was the worst in a decade," said Carlos Ruiz, a farmer.\n\n'
        "Prices for maize have doubled since March.\n\n"
        "The drought has lasted two years.\n\n"
        '"It is all theatre."'
    )
    extraction = _extract(pipeline, text)
    floating = _quote(extraction, "all theatre")
    assert floating.speaker is None and floating.speaker_span is None


def test_quotes_floating_quote_after_reported_speech_inherits_its_speaker(
    pipeline: Pipeline,
) -> None:
    text = 'Anne Smith said the bridge would reopen in May.\n\n"It is a promise."'
    extraction = _extract(pipeline, text)
    floating = _quote(extraction, "a promise")
    assert _speaker_name(extraction, floating) == "Anne Smith"


def test_quotes_first_person_inside_quote_is_not_a_new_speaker(pipeline: Pipeline) -> None:
    text = '"I think we can still win this, and I said so to the board," Paul Grant said.'
    extraction = _extract(pipeline, text)
    (quote,) = extraction.quotes
    assert quote.kind == "direct"
    assert _speaker_name(extraction, quote) == "Paul Grant"


def test_quotes_speaker_transcript_label(pipeline: Pipeline) -> None:
    text = "GRANT: We are going to rebuild every bridge in this province.\n\nQ: When?"
    extraction = _extract(pipeline, text)
    quote = _quote(extraction, "rebuild every bridge")
    assert quote.cue is not None and quote.cue.text == ":"
    assert quote.speaker_span is not None and quote.speaker_span.text == "GRANT"


# ---------------------------------------------------------------------- mixed and indirect


def test_quotes_mixed_quote_with_that_clause(pipeline: Pipeline) -> None:
    text = 'John Bolton, the national security adviser, insisted that "all options are open".'
    extraction = _extract(pipeline, text)
    (quote,) = extraction.quotes
    assert quote.kind == "mixed"
    assert quote.content.text == 'that "all options are open"'
    assert quote.cue is not None and quote.cue.text == "insisted"
    assert _speaker_name(extraction, quote) == "John Bolton"


def test_quotes_mixed_quote_with_quoted_word_in_object(pipeline: Pipeline) -> None:
    text = 'General Francisco Yanez denounced the "dictatorship" of the government.'
    extraction = _extract(pipeline, text)
    (quote,) = extraction.quotes
    assert quote.kind == "mixed"
    assert quote.content.text == 'the "dictatorship" of the government'
    assert _speaker_name(extraction, quote) == "Francisco Yanez"


def test_quotes_scare_quotes_without_cue_are_not_quotes(pipeline: Pipeline) -> None:
    text = 'The so-called "peace plan" was published on a website on Tuesday.'
    assert _extract(pipeline, text).quotes == []


def test_quotes_indirect_quote_with_that_clause(pipeline: Pipeline) -> None:
    text = "Nicolás Maduro warned Donald Trump last week that the US was walking into a trap."
    extraction = _extract(pipeline, text)
    (quote,) = extraction.quotes
    assert quote.kind == "indirect"
    assert quote.content.text == "that the US was walking into a trap"
    assert quote.cue is not None and quote.cue.text == "warned"
    assert _speaker_name(extraction, quote) == "Nicolás Maduro"


def test_quotes_according_to(pipeline: Pipeline) -> None:
    text = "The ceasefire has collapsed, according to two officials familiar with the talks."
    extraction = _extract(pipeline, text)
    (quote,) = extraction.quotes
    assert quote.kind == "indirect"
    assert quote.content.text == "The ceasefire has collapsed"
    assert quote.cue is not None and quote.cue.text == "according to"
    assert quote.speaker_span is not None
    assert quote.speaker_span.text == "two officials familiar with the talks"
    # the description is an actor of its own (the actor stage keeps unnamed groups)
    (officials,) = [a for a in extraction.actors if a.id == quote.speaker]
    assert any(m.start >= quote.speaker_span.start for m in officials.mentions)


def test_quotes_accusation(pipeline: Pipeline) -> None:
    text = "Governor Anne Smith accused the rebels of staging the attack."
    extraction = _extract(pipeline, text)
    (quote,) = extraction.quotes
    assert quote.content.text == "the rebels of staging the attack"
    assert _speaker_name(extraction, quote) == "Anne Smith"


def test_quotes_description_speaker_resolves_to_the_description_actor(pipeline: Pipeline) -> None:
    text = "Officials said the bridge would reopen in May."
    extraction = _extract(pipeline, text)
    (quote,) = extraction.quotes
    assert quote.speaker_span is not None and quote.speaker_span.text == "Officials"
    (officials,) = [a for a in extraction.actors if a.id == quote.speaker]
    assert [m.text for m in officials.mentions] == ["Officials"]


def test_quotes_speaker_without_actor_keeps_span_and_null_speaker(pipeline: Pipeline) -> None:
    text = "Officials said the bridge would reopen in May."
    with pipeline.nlp.select_pipes(disable=["eventwire_actors"]):
        doc = pipeline.nlp(text)
    (quote,) = doc._.quotes
    assert quote.speaker_span is not None and quote.speaker_span.text == "Officials"
    assert quote.speaker is None


def test_quotes_they_resolves_to_a_group_not_a_person(pipeline: Pipeline) -> None:
    text = (
        "Anne Smith met the leaders of the National Liberation Army on Monday. "
        "The National Liberation Army said it would free the hostages. "
        "They said the talks would resume in May."
    )
    extraction = _extract(pipeline, text)
    quote = _quote(extraction, "talks would resume")
    assert _speaker_name(extraction, quote) == "National Liberation Army"


def test_quotes_ids_follow_text_order(pipeline: Pipeline) -> None:
    text = (
        "Anne Smith said the bridge would reopen. "
        '"It will take two years," said Carlos Ruiz. '
        "Ruiz warned that prices would rise."
    )
    quotes = _extract(pipeline, text).quotes
    assert [q.id for q in quotes] == ["Q1", "Q2", "Q3"]
    assert [q.content.start for q in quotes] == sorted(q.content.start for q in quotes)


# ---------------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "text",
    [
        'He said "we will stay and fight.',
        'She said” it was over. "Then "again" and “again',
        '"""',
        "“",
        "» « » «",
        "''''''",
        'The end."\n\n"',
    ],
)
def test_quotes_unbalanced_marks_never_drop_the_article(pipeline: Pipeline, text: str) -> None:
    extraction = _extract(pipeline, text)
    assert extraction.article.text == text
    for quote in extraction.quotes:
        assert 0 <= quote.content.start < quote.content.end <= len(text)


def test_quotes_component_works_without_the_actor_stage() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    finder = QuoteFinder(nlp)
    doc = finder(nlp('"We will win," she said.'))
    assert all(q.speaker is None for q in doc._.quotes)


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker"),
    [
        (
            "Anne Smith is confident that the bridge will reopen in May.",
            "that the bridge will reopen in May",
            "confident",
            "Anne Smith",
        ),
        (
            "Anne Smith's claim that the bridge will reopen in May was false.",
            "that the bridge will reopen in May",
            "claim",
            "Anne Smith",
        ),
        (
            "Carlos Ruiz was asked whether the bridge would reopen in May.",
            "whether the bridge would reopen in May",
            "asked",
            None,  # the one asked did not say it
        ),
    ],
)
def test_quotes_stance_words_and_questions(
    pipeline: Pipeline, text: str, content: str, cue: str, speaker: str | None
) -> None:
    extraction = _extract(pipeline, text)
    (quote,) = extraction.quotes
    assert quote.kind == "indirect"
    assert quote.content.text == content
    assert quote.cue is not None and quote.cue.text == cue
    assert _speaker_name(extraction, quote) == speaker


def test_quotes_naming_is_not_a_quote(pipeline: Pipeline) -> None:
    text = "A firm called Cambridge Analytica worked for the campaign."
    assert _extract(pipeline, text).quotes == []


def test_speaker_is_the_main_noun_when_the_parser_hangs_the_cue_under_a_relative_clause(
    pipeline: Pipeline,
) -> None:
    # The small model makes "vowed" a relative clause of "hills" with "Chad" as its subject;
    # "has" cannot agree with "Chad and Sudan", so the group is the speaker (as in events).
    extraction = _extract(
        pipeline,
        "A hard-left rebel group operating in the hills that border Chad and Sudan has vowed "
        "to resist any foreign intervention.",
    )
    quote = _quote(extraction, "resist any foreign intervention")
    assert quote.speaker_span is not None
    assert "rebel group" in quote.speaker_span.text
    assert "Chad" not in quote.speaker_span.text
