"""Repairs for text whose words were joined by spaces."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp(pipeline: Pipeline) -> Language:
    return pipeline.nlp


@pytest.mark.parametrize(
    ("text", "merged"),
    [
        ("U . S investigators shared evidence with India .", "U . S"),
        ("Mr . Sisi met the envoy in Cairo .", "Mr ."),
        ("The ambassador , John R . Bass , left .", "R ."),
        ("Germany gave 352 . 5 million euros to Ethiopia .", "352 . 5"),
        ("The front ( T . P . L . F ) refused .", "T . P . L . F"),
    ],
)
def test_a_spaced_abbreviation_or_decimal_is_one_token(
    nlp: Language, text: str, merged: str
) -> None:
    doc = nlp(text)
    assert merged in [t.text for t in doc]
    assert doc.text == text
    assert len(list(doc.sents)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. and Mr. Sisi gave 5.3 million euros.",  # ordinary punctuation: untouched
        "It ended in 2015 . 148 students were freed .",  # a year, then a count
    ],
)
def test_other_stops_are_left_alone(nlp: Language, text: str) -> None:
    doc = nlp(text)
    assert not any(" " in t.text for t in doc)


def test_spaced_names_stay_whole_in_events(pipeline: Pipeline) -> None:
    events = pipeline.extract("U . S investigators shared evidence with India .").events
    assert [s.text for s in events[0].source_spans] == ["U . S investigators"]
    aid = pipeline.extract("Germany gave 352 . 5 million euros to Ethiopia .").events
    assert [(e.type, [s.text for s in e.target_spans]) for e in aid] == [("AID", ["Ethiopia"])]
