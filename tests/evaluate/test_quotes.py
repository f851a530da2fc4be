from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import DataSetMissingError
from eventwire.evaluate.quotes import (
    GoldArticle,
    GoldAttribution,
    contents_match,
    parse_ann,
    read_polnear,
    score_articles,
)
from eventwire.records import Actor, Article, Extraction, Mention, Quote, Span

ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 20;25 30\tthe deal\nand more\n"
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1 Content2:T5\n"
    "T5\tContent 40 45\textra\n"
    "#1\tAnnotatorNotes T3\ta note\n"
    "T6\tCue 50 54\tsaid\n"
    "T7\tContent 55 60\tthing\n"
    "E2\tAttribution-no-source:T8 Content:T7 Cue:T6\n"
    "E3\tAttribution:T9 Cue:T6\n"
)


def test_parse_ann_reads_fragments_second_contents_and_missing_sources() -> None:
    first, second = parse_ann(ANN)
    assert first.content == ((11, 20), (25, 30), (40, 45))
    assert first.source == ((0, 5),)
    assert first.cue == ((6, 10),)
    assert second.source == ()
    assert second.content == ((55, 60),)


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ({1, 2, 3, 4}, {1, 2, 3, 4}, True),
        ({1, 2}, {1, 2, 3, 4}, True),
        ({1}, {1, 2, 3, 4}, False),
        ({1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4}, False),
        (set(), {1}, False),
    ],
)
def test_contents_match_needs_half_of_each_in_the_other(
    predicted: set[int], gold: set[int], expected: bool
) -> None:
    assert contents_match(frozenset(predicted), frozenset(gold)) is expected


def _extraction(text: str, quotes: list[Quote], actors: list[Actor]) -> Extraction:
    return Extraction(article=Article(id="a", hash="a", text=text), actors=actors, quotes=quotes)


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def test_score_articles_counts_marked_all_and_speaker() -> None:
    text = 'Anne Smith spoke. "We will win the vote," she said. Smith said the vote is on Monday.'
    smith = Actor("A1", "Anne Smith", "PERSON", mentions=[Mention(0, 10, "Anne Smith", "name")])
    direct = Quote(
        "Q1",
        "direct",
        _span(text, '"We will win the vote,"'),
        speaker_span=_span(text, "she"),
        speaker="A1",
    )
    wrong = Quote("Q2", "indirect", _span(text, "Smith said the"), speaker=None)
    gold = [
        GoldAttribution(content=((18, 41),), source=((0, 10),)),
        GoldAttribution(content=((text.index("the vote is"), len(text) - 1),)),
    ]
    score = score_articles(
        [GoldArticle("a", "a_x", text, gold)], [_extraction(text, [direct, wrong], [smith])]
    )
    assert score.metrics["marked_precision"] == 1.0
    assert score.metrics["marked_recall"] == 1.0
    assert score.metrics["marked_speaker_accuracy"] == 1.0  # a mention of A1 is the source
    assert score.metrics["all_precision"] == 0.5
    assert score.metrics["all_recall"] == 0.5
    assert score.counts["gold_marked"] == 1


def test_read_polnear_reports_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(DataSetMissingError):
        read_polnear(tmp_path, "dev")


def test_read_polnear_pairs_texts_with_each_annotation(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "dev"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "story.txt").write_text("Smith said yes.", encoding="utf-8")
    for annotator in ("ab12", "cd34"):
        (folder / "attributions" / f"story_{annotator}.ann").write_text(
            "T1\tContent 11 14\tyes\nE1\tAttribution:T2 Content:T1\n", encoding="utf-8"
        )
    articles = read_polnear(tmp_path, "dev")
    assert [(a.name, a.annotation) for a in articles] == [
        ("story", "story_ab12"),
        ("story", "story_cd34"),
    ]
    assert articles[0].attributions[0].content == ((11, 14),)
