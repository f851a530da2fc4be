"""CSV export: one file per record kind, each row keyed by article_id."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from eventwire.corpus.kb import KnowledgeBase
from eventwire.export import export
from eventwire.records import Extraction
from eventwire.store import Store

HEADERS = {
    "articles": "article_id hash title url source published language credits removed text",
    "actors": "article_id id name kind country sector roles member_of aliases",
    "mentions": "article_id actor_id start_char end_char text how",
    "quotes": (
        "article_id id kind content_start content_end content_text cue_start cue_end cue_text "
        "speaker_start speaker_end speaker_text speaker"
    ),
    "events": (
        "article_id id type mode cameo source target trigger_start trigger_end trigger_text "
        "sentence_start sentence_end sentence_text status place date intensity confidence"
    ),
    "places": "article_id id name country lat lon geonameid feature mentions",
    "failures": "input reason stage first_seen last_seen attempts",
    "article_copies": "key id article_id hash title url source published similarity ingested_at",
    "corpus_events": (
        "id type status date_start date_end source_actors target_actors places sources articles "
        "reports"
    ),
    "corpus_event_reports": "article_id event_id corpus_event_id date sentence_start sentence_end",
    "kb_actors": (
        "id name kind country sector tallies articles mentions first_seen last_seen origin locked "
        "merged_into updated_at"
    ),
    "kb_aliases": "kb_id key alias how count first_seen last_seen",
    "kb_roles": "kb_id key role country sector count first_seen last_seen",
    "kb_affiliations": "kb_id org_id role count first_seen last_seen",
    "kb_links": "article_id actor_id kb_id",
}


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        return list(reader.fieldnames or []), list(reader)


def test_csv_export_writes_every_file_with_its_header(
    store: Store, extractions: list[Extraction], tmp_path: Path
) -> None:
    out = tmp_path / "csv"
    assert export(store, "csv", out) == len(extractions)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{name}.csv" for name in HEADERS)
    for name, header in HEADERS.items():
        assert _read(out / f"{name}.csv")[0] == header.split(), name


def test_csv_export_writes_one_row_per_record_keyed_by_article_id(
    store: Store, extractions: list[Extraction], tmp_path: Path
) -> None:
    export(store, "csv", tmp_path)
    ids = [x.article.id for x in extractions]
    expected = {"articles": 1, "actors": 2, "mentions": 3, "quotes": 1, "events": 1, "places": 1}
    for name, per_article in expected.items():
        rows = _read(tmp_path / f"{name}.csv")[1]
        assert [r["article_id"] for r in rows] == [i for i in ids for _ in range(per_article)]


def test_csv_export_keeps_text_and_json_encodes_lists(
    store: Store, extractions: list[Extraction], tmp_path: Path
) -> None:
    export(store, "csv", tmp_path)
    articles = _read(tmp_path / "articles.csv")[1]
    assert [a["text"] for a in articles] == [x.article.text for x in extractions]
    assert articles[0]["title"] == "Ceasefire | talks"
    assert articles[0]["url"] == ""
    assert json.loads(articles[0]["credits"]) == ["additional reporting AP"]
    actors = _read(tmp_path / "actors.csv")[1]
    assert json.loads(actors[0]["roles"]) == ["negotiator", "party"]
    assert json.loads(actors[1]["aliases"]) == ["Cairo"]
    event = _read(tmp_path / "events.csv")[1][0]
    assert (json.loads(event["source"]), json.loads(event["target"])) == (["a1"], ["a2"])
    assert float(event["intensity"]) == 4.0
    place = _read(tmp_path / "places.csv")[1][0]
    assert json.loads(place["mentions"])[0]["text"] == "Cairo"


def test_csv_export_offsets_point_into_the_article_text(
    store: Store, extractions: list[Extraction], tmp_path: Path
) -> None:
    export(store, "csv", tmp_path)
    texts = {x.article.id: x.article.text for x in extractions}
    for row in _read(tmp_path / "mentions.csv")[1]:
        text = texts[row["article_id"]]
        assert text[int(row["start_char"]) : int(row["end_char"])] == row["text"]


def test_csv_export_writes_failures(store: Store, tmp_path: Path) -> None:
    export(store, "csv", tmp_path)
    [failure] = _read(tmp_path / "failures.csv")[1]
    assert (failure["input"], failure["reason"], failure["attempts"]) == (
        "broken.html",
        "no text found",
        "1",
    )


def test_csv_export_of_an_empty_store_writes_headers_only(tmp_path: Path) -> None:
    with Store(":memory:") as store:
        assert export(store, "csv", tmp_path) == 0
    for name, header in HEADERS.items():
        assert _read(tmp_path / f"{name}.csv") == (header.split(), [])


@pytest.mark.parametrize("out", [None, "-"])
def test_csv_export_needs_a_directory(store: Store, out: str | None) -> None:
    with pytest.raises(ValueError, match="directory"):
        export(store, "csv", out)


def test_csv_export_writes_the_knowledge_base_links(store: Store, tmp_path: Path) -> None:
    KnowledgeBase(store).link_pending()
    export(store, "csv", tmp_path)
    kb = {row["id"]: row for row in _read(tmp_path / "kb_actors.csv")[1]}
    actors = _read(tmp_path / "actors.csv")[1]
    links = {
        (r["article_id"], r["actor_id"]): r["kb_id"] for r in _read(tmp_path / "kb_links.csv")[1]
    }
    for actor in actors:
        assert kb[links[(actor["article_id"], actor["id"])]]["kind"] == actor["kind"]
    assert all(row["updated_at"][:4].isdigit() and "T" in row["updated_at"] for row in kb.values())
