"""The actors scorer: GUM reading, mention alignment and B-cubed."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.evaluate import load_scorers
from eventwire.evaluate.actors import (
    ACTOR_TYPES,
    SystemMention,
    _scored,
    align,
    b_cubed,
    score_seed,
    system_mentions,
)
from eventwire.evaluate.gum import GoldMention, read_gum
from eventwire.records import Actor, Article, Extraction, Mention

CONLLU = """\
# newdoc id = GUM_news_tiny
# newpar
# sent_id = tiny-1
# text = Ana Ruiz met the rebels.
1\tAna\tAna\tPROPN\tNNP\t_\t3\tnsubj\t_\t_
2\tRuiz\tRuiz\tPROPN\tNNP\t_\t1\tflat\t_\t_
3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\trebels\trebel\tNOUN\tNNS\t_\t3\tobj\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# newpar
# sent_id = tiny-2
# text = She didn't say.
1\tShe\tshe\tPRON\tPRP\t_\t4\tnsubj\t_\t_
2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
4\tsay\tsay\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

"""

CONLL = """\
# begin document GUM_news_tiny
0\tAna\t(person-1
1\tRuiz\tperson-1)
2\tmet\t_
3\tthe\t(person-2
4\trebels\tperson-2)
5\t.\t_
6\tShe\t(person-1)
7\tdid\t_
8\tn't\t_
9\tsay\t_
10\t.\t_
# end document
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    (tmp_path / "coref" / "gum" / "conll").mkdir(parents=True)
    (tmp_path / "dep").mkdir()
    (tmp_path / "coref" / "gum" / "conll" / "GUM_news_tiny.conll").write_text(CONLL)
    (tmp_path / "dep" / "GUM_news_tiny.conllu").write_text(CONLLU)
    return tmp_path


def test_gum_reader_rebuilds_text_and_mentions(tiny: Path) -> None:
    [doc] = read_gum(tiny)
    assert doc.text == "Ana Ruiz met the rebels.\n\nShe didn't say."
    spans = [(doc.text[m.start : m.end], m.entity, m.category) for m in doc.mentions]
    assert spans == [
        ("Ana Ruiz", "1", "named"),
        ("the rebels", "2", "nominal"),
        ("She", "1", "pronoun"),
    ]
    heads = [doc.text[m.head_start : m.head_end] for m in doc.mentions]
    assert heads == ["Ana", "rebels", "She"]


def _gold(*items: tuple[int, int, str]) -> list[GoldMention]:
    return [GoldMention(s, e, s, e, entity, "person", "named") for s, e, entity in items]


def test_b_cubed_of_a_perfect_response_is_one() -> None:
    gold = _gold((0, 1, "a"), (2, 3, "a"), (4, 5, "b"))
    system = [
        SystemMention(0, 1, "name", "A1"),
        SystemMention(2, 3, "name", "A1"),
        SystemMention(4, 5, "name", "A2"),
    ]
    score = b_cubed(system, gold, align(system, gold), {0, 1, 2}, system_pronouns=False)
    assert (score.precision, score.recall) == (1.0, 1.0)


def test_b_cubed_counts_a_wrong_merge_against_precision_and_a_miss_against_recall() -> None:
    gold = _gold((0, 1, "a"), (2, 3, "a"), (4, 5, "b"), (6, 7, "b"))
    # all four in one system cluster, except the last gold mention, which is never found
    system = [
        SystemMention(0, 1, "name", "A1"),
        SystemMention(2, 3, "name", "A1"),
        SystemMention(4, 5, "name", "A1"),
    ]
    score = b_cubed(system, gold, align(system, gold), {0, 1, 2, 3}, system_pronouns=False)
    # precision: a,a see 2/3 right; b sees 1/3
    assert score.precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    # recall: a,a 2/2; b found 1/2; the missed b is a singleton 1/2
    assert score.recall == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)


def test_system_mentions_without_a_twin_count_only_when_clustered() -> None:
    gold = _gold((0, 1, "a"))
    lone = [SystemMention(0, 1, "name", "A1"), SystemMention(9, 10, "description", "A2")]
    clustered = [SystemMention(0, 1, "name", "A1"), SystemMention(9, 10, "description", "A1")]
    first = b_cubed(lone, gold, align(lone, gold), {0}, system_pronouns=False)
    second = b_cubed(clustered, gold, align(clustered, gold), {0}, system_pronouns=False)
    assert first.precision == 1.0
    assert second.precision == pytest.approx(0.5)


def test_alignment_by_head_or_by_a_name_ending_a_longer_mention() -> None:
    gold = [GoldMention(0, 27, 6, 13, "1", "person", "nominal")]  # "Texas student Ahmed Mohamed"
    assert align([SystemMention(14, 27, "name", "A1")], gold) == {0: 0}
    assert align([SystemMention(0, 5, "name", "A1")], gold) == {}


def test_demonyms_are_not_system_mentions() -> None:
    actor = Actor(
        "A1",
        "Venezuela",
        "COUNTRY",
        mentions=[Mention(0, 9, "Venezuela", "name"), Mention(20, 30, "Venezuelan", "demonym")],
    )
    assert [m.how for m in system_mentions([actor])] == ["name"]


def test_scored_set_leaves_out_pronouns_and_other_types() -> None:
    gold = [
        GoldMention(0, 1, 0, 1, "1", "person", "named"),
        GoldMention(2, 3, 2, 3, "1", "person", "pronoun"),
        GoldMention(4, 5, 4, 5, "2", "place", "named"),
    ]
    assert _scored(gold, ACTOR_TYPES, pronouns=False) == {0}
    assert _scored(gold, ACTOR_TYPES, pronouns=True) == {0, 1}


def test_seed_alias_recall_and_attributes_from_the_gold_file() -> None:
    text = "National Liberation Army (ELN)"
    eln = Actor(
        "A1",
        "National Liberation Army",
        "ORG",
        country="COL",
        sector="REB",
        mentions=[
            Mention(0, 24, "National Liberation Army", "name"),
            Mention(26, 29, "ELN", "acronym"),
        ],
    )
    extraction = Extraction(article=Article(id="x", hash="x", text=text), actors=[eln])
    figures = score_seed(extraction)
    assert 0 < figures["seed_alias_recall"] < 1
    assert 0 < figures["seed_attribute_accuracy"] < 1


def test_actors_scorer_is_registered_with_its_data_path() -> None:
    scorer = load_scorers()["actors"]
    assert scorer.default_path == "data/coref/gum"


@pytest.mark.shared
def test_gum_news_reads_completely(shared: Path) -> None:
    folder = shared / "data" / "coref" / "gum"
    if not folder.exists():
        pytest.skip("GUM not in shared data")
    documents = read_gum(folder)
    assert len(documents) == 24
    scored = sum(len(_scored(d.mentions, ACTOR_TYPES, pronouns=False)) for d in documents)
    assert scored == 1545
    for doc in documents:
        for m in doc.mentions:
            assert doc.text[m.head_start : m.head_end].strip()
