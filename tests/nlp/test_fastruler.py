"""The faster attribute ruler sets exactly the attributes spaCy's own ruler sets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, NORM, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token

from eventwire.nlp.fastruler import FastAttributeRuler, use_fast_attribute_rulers
from eventwire.nlp.model import COMPONENTS, load_model
from eventwire.pipeline import Pipeline

ATTRS = [POS, TAG, MORPH, LEMMA, DEP, HEAD, NORM]

TEXTS = [
    "I can't believe it's not butter, she said. We're gonna win; they'll see.",
    '"You didn\'t tell me," he told them. "Well, I don\'t know what y\'all want."',
    "THE MINISTRY OF DEFENCE SAID ON MONDAY THAT 1,200 TROOPS HAD BEEN SENT.",
    "Let's go.  The  well-known  anti-war group's leader, who'd been gotta-go-ing,\n\n"
    "said there're 3.5 million people in the U.S.-backed zone.",
    "Ain't nothin' gonna stop us now. Somethin' 'bout him, y' all know, c'mon.",
    "Is there anyone here? Nobody was. That is what it is: those were the days.",
    "It was his and hers, not ours. I myself gave it to you and him on 12/03/2021.",
    "He doesn't have to; she has had enough. Did they do it? They did, and so did I.",
    "   \n\t  Leading spaces, a tab\tinside, and 'quoted' words “curly” ‘single’ — dashes.",
    "Officials said the 45-year-old man, 'a known militant', was arrested at 5 p.m.",
    "Whether or not it rains, unless told otherwise, we'll meet once more since it's due.",
    "There is a cat. There are dogs. There's a bird. Here's the thing: that's that.",
]


def _attributes(doc: Doc) -> list[tuple[Any, ...]]:
    array = doc.to_array(ATTRS)
    morphs = [str(token.morph) for token in doc]
    return [(*row, morph) for row, morph in zip(array.tolist(), morphs, strict=True)]


@pytest.fixture(scope="module")
def spacy_nlp() -> Language:
    nlp = load_model()
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler
    return nlp


def test_pipeline_uses_the_fast_attribute_ruler(pipeline: Pipeline) -> None:
    assert isinstance(pipeline.nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert "attribute_ruler" in pipeline.nlp.pipe_names


def test_fast_attribute_ruler_compiles_every_pattern_of_the_model(pipeline: Pipeline) -> None:
    ruler = pipeline.nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, FastAttributeRuler)
    assert ruler.fallback_count == 0


@pytest.mark.parametrize("text", TEXTS)
def test_fast_attribute_ruler_matches_spacys_pipeline_token_by_token(
    pipeline: Pipeline, spacy_nlp: Language, text: str
) -> None:
    with pipeline.nlp.select_pipes(disable=[c for c in COMPONENTS if c in pipeline.nlp.pipe_names]):
        fast = pipeline.nlp(text)
    reference = spacy_nlp(text)
    assert [t.text for t in fast] == [t.text for t in reference]
    for ours, theirs in zip(fast, reference, strict=True):
        assert (ours.pos_, ours.tag_, str(ours.morph), ours.lemma_, ours.dep_) == (
            theirs.pos_,
            theirs.tag_,
            str(theirs.morph),
            theirs.lemma_,
            theirs.dep_,
        ), ours.text
    assert _attributes(fast) == _attributes(reference)


# Patterns of every kind, for a ruler of our own: tag map entries, LOWER with IN/NOT_IN/REGEX,
# flags, a negative index, two-token patterns, and ones the compiled matcher leaves to spaCy's
# Matcher (a quantifier, an extension attribute, NORM, a predicate it does not know).
PATTERNS: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "VB"}]], "attrs": {"POS": "VERB", "MORPH": "VerbForm=Inf"}},
    {"patterns": [[{"TAG": "DT"}]], "attrs": {"POS": "DET"}},
    {"patterns": [[{"tag": "NN", "lower": "thing"}]], "attrs": {"LEMMA": "thingy"}},
    {"patterns": [[{"TEXT": "Go"}], [{"ORTH": "go"}]], "attrs": {"POS": "AUX", "LEMMA": "go"}},
    {
        "patterns": [[{"LOWER": {"IN": ["a", "the"]}, "TAG": {"NOT_IN": ["NN", ""]}}]],
        "attrs": {"MORPH": "PronType=Art"},
    },
    {"patterns": [[{"LOWER": {"REGEX": "^th"}}]], "attrs": {"LEMMA": "th-word"}},
    {"patterns": [[{"IS_PUNCT": True}]], "attrs": {"POS": "PUNCT", "TAG": "."}},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"LOWER": "big"}, {"TAG": "NN"}]], "attrs": {"LEMMA": "large"}, "index": 0},
    {"patterns": [[{"LOWER": "big"}, {}]], "attrs": {"POS": "PROPN"}, "index": -1},
    {"patterns": [[{"LOWER": "very"}, {"LOWER": "big", "OP": "+"}]], "attrs": {"LEMMA": "V"}},
    {"patterns": [[{"LOWER": "go"}]], "attrs": {"NORM": "going"}},
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"_": {"flagged": True}, "LEMMA": "flag"}},
    {"patterns": [[{"LENGTH": {">=": 5}}]], "attrs": {"MORPH": "Long=Yes"}},
    {"patterns": [[{"TAG": "NN", "LOWER": "dog"}]], "attrs": {"POS": "PROPN"}},
]

WORDS = ["The", "big", "thing", "and", "very", "big", "big", "dogs", ",", "go", "the", "dog", " "]
TAGS = ["DT", "JJ", "NN", "CC", "RB", "JJ", "JJ", "NNS", ",", "VB", "DT", "NN", "_SP"]
DEPS = [
    "det",
    "amod",
    "ROOT",
    "cc",
    "advmod",
    "amod",
    "amod",
    "conj",
    "punct",
    "conj",
    "det",
    "dobj",
    "dep",
]
HEADS = [2, 2, 2, 2, 7, 7, 7, 2, 2, 2, 11, 9, 11]


def _ruler(kind: type[AttributeRuler], nlp: Language) -> AttributeRuler:
    ruler = kind(nlp.vocab)
    ruler.add_patterns(PATTERNS)
    return ruler


def _doc(nlp: Language) -> Doc:
    return Doc(
        nlp.vocab, words=WORDS, spaces=[True] * len(WORDS), tags=TAGS, deps=DEPS, heads=HEADS
    )


@pytest.fixture
def blank() -> Language:
    if not Token.has_extension("flagged"):
        Token.set_extension("flagged", default=False)
    return spacy.blank("en")


def test_fast_attribute_ruler_leaves_what_it_cannot_compile_to_the_matcher(
    blank: Language,
) -> None:
    fast = _ruler(FastAttributeRuler, blank)
    assert isinstance(fast, FastAttributeRuler)
    assert fast.fallback_count == 4  # the quantifier, NORM, the extension, the ">=" predicate


def test_fast_attribute_ruler_equals_spacys_on_every_kind_of_pattern(blank: Language) -> None:
    theirs = _ruler(AttributeRuler, blank)(_doc(blank))
    ours = _ruler(FastAttributeRuler, blank)(_doc(blank))
    assert _attributes(ours) == _attributes(theirs)
    assert [t._.flagged for t in ours] == [t._.flagged for t in theirs]
    assert np.array_equal(ours.to_array([NORM]), theirs.to_array([NORM]))
    # later patterns win, in spaCy's order, across compiled and Matcher patterns
    assert ours[11].pos_ == "PROPN" and ours[11].lemma_ == "flag"
    assert ours[2].lemma_ == "flag" and ours[2].pos_ == "PROPN"
    assert ours[10].lemma_ == "th-word" and str(ours[10].morph) == "PronType=Art"


@pytest.mark.parametrize("doc_words", [["Nothing"], ["big"], [" "], ["the", "big"]])
def test_fast_attribute_ruler_equals_spacys_on_short_docs(
    blank: Language, doc_words: list[str]
) -> None:
    def make() -> Doc:
        return Doc(blank.vocab, words=doc_words)

    assert _attributes(_ruler(FastAttributeRuler, blank)(make())) == _attributes(
        _ruler(AttributeRuler, blank)(make())
    )
    assert len(_ruler(FastAttributeRuler, blank)(Doc(blank.vocab, words=[]))) == 0


def test_fast_attribute_ruler_raises_like_spacys_for_an_index_outside_the_match(
    blank: Language,
) -> None:
    for kind in (AttributeRuler, FastAttributeRuler):
        ruler = kind(blank.vocab)
        ruler.add([[{"LOWER": "big"}]], {"LEMMA": "x"}, index=2)
        with pytest.raises(ValueError, match="E1001"):
            ruler(_doc(blank))


def test_use_fast_attribute_rulers_keeps_the_name_place_and_patterns(blank: Language) -> None:
    blank.add_pipe("attribute_ruler", name="rules").add_patterns(PATTERNS)
    blank.add_pipe("sentencizer")
    before = blank.get_pipe("rules").patterns
    assert use_fast_attribute_rulers(blank) == ["rules"]
    assert blank.pipe_names == ["rules", "sentencizer"]
    ruler = blank.get_pipe("rules")
    assert isinstance(ruler, FastAttributeRuler)
    assert ruler.patterns == before
    assert use_fast_attribute_rulers(blank) == []  # already fast


def test_fast_attribute_ruler_saves_and_loads_with_its_pipeline(
    blank: Language, tmp_path: Path
) -> None:
    blank.add_pipe("eventwire_attribute_ruler").add_patterns(PATTERNS)
    blank.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    ruler = loaded.get_pipe("eventwire_attribute_ruler")
    assert isinstance(ruler, FastAttributeRuler)
    assert ruler.patterns == blank.get_pipe("eventwire_attribute_ruler").patterns
    assert _attributes(ruler(_doc(loaded))) == _attributes(
        _ruler(AttributeRuler, loaded)(_doc(loaded))
    )
