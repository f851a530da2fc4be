"""Near-duplicates: MinHash LSH finds syndicated copies and light rewrites, not other stories."""

from __future__ import annotations

import numpy as np
import pytest

from eventwire.corpus.duplicates import (
    NUM_PERM,
    DuplicateFinder,
    shingles,
    signature_bytes,
    signature_from_bytes,
)
from tests.run.corpus_texts import texts

STORY = texts(1, seed=3, sentences=12)[0]


def rewrite(text: str, every: int) -> str:
    """Change one word in every ``every`` words."""
    words = text.split()
    return " ".join("CHANGED" if i % every == 0 else w for i, w in enumerate(words))


def test_shingles_are_case_and_punctuation_folded_word_trigrams() -> None:
    assert shingles("The Army, said: the army said") == {
        b"the army said",
        b"army said the",
        b"said the army",
    }
    assert shingles("Two words") == {b"two words"}


def test_signature_survives_the_database_round_trip() -> None:
    finder = DuplicateFinder()
    signature = finder.signature(STORY)
    data = signature_bytes(signature)
    assert len(data) == 4 * NUM_PERM
    assert np.array_equal(signature_from_bytes(data), signature)


@pytest.mark.parametrize("every", [20, 40])
def test_light_rewrite_is_found_as_a_copy(every: int) -> None:
    finder = DuplicateFinder(0.7)
    finder.add("original", finder.signature(STORY))
    found = finder.original(finder.signature("BYLINE (Wire) -- " + rewrite(STORY, every)))
    assert found is not None and found[0] == "original" and found[1] >= 0.7


def test_different_stories_on_the_same_topic_are_not_copies() -> None:
    finder = DuplicateFinder(0.7)
    for number, text in enumerate(texts(50, seed=9, sentences=8)):
        finder.add(f"s{number}", finder.signature(text))
    assert finder.original(finder.signature(STORY)) is None


def test_the_most_similar_original_wins() -> None:
    finder = DuplicateFinder(0.5)
    finder.add("far", finder.signature(rewrite(STORY, 6)))
    finder.add("near", finder.signature(rewrite(STORY, 50)))
    found = finder.original(finder.signature(STORY))
    assert found is not None and found[0] == "near"


def test_threshold_must_be_a_similarity() -> None:
    with pytest.raises(ValueError, match="threshold"):
        DuplicateFinder(0.0)


def test_removed_article_is_no_longer_an_original() -> None:
    finder = DuplicateFinder(0.7)
    signature = finder.signature(STORY)
    finder.add("gone", signature)
    finder.remove("gone")
    assert "gone" not in finder and finder.original(signature) is None
