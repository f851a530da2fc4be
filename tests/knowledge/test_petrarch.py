"""Reading PETRARCH verb-pattern dictionaries (the extension) and coding with them."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.knowledge.petrarch import PetrarchDictionaryError, read_verb_patterns
from eventwire.nlp.events import EventExtractor
from eventwire.pipeline import Pipeline

DICTIONARY = """<!-- a small dictionary in PETRARCH's verb format -->
&CURRENCY
+DOLLARS
+SWISS_FRANCS

--- PLEDGE [030] ---
PLEDGE
- * &CURRENCY [071]  # money pledged is aid
- NOT * [120]
- * {&NO_SUCH_SET SUPPORT} [072]  # an unknown synset: the pattern is not read at all

--- WALK [---] ---
+WALK_OUT [145]
~ a (a b WILL_ATTACK) SAY = a b 138
"""


@pytest.fixture()
def dictionary(tmp_path: Path) -> Path:
    path = tmp_path / "verbs.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    return path


def test_petrarch_verbs_become_senses_with_patterns_first(dictionary: Path) -> None:
    verbs = read_verb_patterns(dictionary)
    pledge = verbs["pledge"]
    assert [(s.type, s.cameo) for s in pledge] == [
        ("AID", "071"),
        ("REJECT", "120"),
        ("AGREE", "030"),
    ]
    assert pledge[0].after == (frozenset({"dollars", "francs"}),)
    assert pledge[1].before == (frozenset({"not"}),)
    walk = verbs["walk"]
    assert [(s.type, s.mode, s.particle) for s in walk] == [("PROTEST", "riot", "out")]


def test_petrarch_pattern_with_an_unreadable_word_is_skipped_not_broadened(
    dictionary: Path,
) -> None:
    assert all(s.cameo != "072" for s in read_verb_patterns(dictionary)["pledge"])


def test_petrarch_weis_codes_map_through_the_weis_table(dictionary: Path) -> None:
    verbs = read_verb_patterns(dictionary, codes="weis")
    assert {s.type for s in verbs["pledge"]} == {"CONSULT", "AID", "ACCUSE"}  # WEIS 12: accuse


def test_petrarch_bad_arguments_raise(tmp_path: Path) -> None:
    with pytest.raises(PetrarchDictionaryError):
        read_verb_patterns(tmp_path / "missing.txt")
    with pytest.raises(PetrarchDictionaryError):
        read_verb_patterns(tmp_path / "missing.txt", codes="idea")


def test_petrarch_dictionary_codes_events_before_our_lexicon(
    pipeline: Pipeline, dictionary: Path
) -> None:
    component = EventExtractor(pipeline.nlp, petrarch_verbs=str(dictionary))
    with pipeline.nlp.select_pipes(disable=["eventwire_events"]):
        doc = pipeline.nlp("Canada pledged a million dollars to Haiti.")
    events = component(doc)._.events
    assert [(e.type, e.cameo, e.trigger.text) for e in events] == [("AID", "071", "pledged")]
