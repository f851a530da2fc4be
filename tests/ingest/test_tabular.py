"""CSV and TSV files with a column mapping, and gzipped JSON Lines."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from eventwire.ingest import Document, read_inputs
from eventwire.records import Failure
from eventwire.settings import Settings

ROWS = [
    {
        "headline": "Dam protest",
        "body": "Villagers protested against the dam on Friday.",
        "day": "2024-01-05",
    },
    {
        "headline": "Talks",
        "body": "Ministers met in Nairobi to discuss the border.",
        "day": "2024-01-06",
    },
]


def write_csv(path: Path, rows: list[dict[str, str]], delimiter: str = ",") -> None:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8", newline="") as stream:  # type: ignore[operator]
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize("name", ["news.csv", "news.csv.gz"])
def test_csv_with_a_column_mapping_gives_documents(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_csv(path, ROWS)
    settings = Settings(csv_columns={"text": "body", "title": "headline", "published": "day"})
    documents = list(read_inputs([str(path)], settings))
    assert [d.title for d in documents if isinstance(d, Document)] == ["Dam protest", "Talks"]
    first = documents[0]
    assert isinstance(first, Document)
    assert first.text == ROWS[0]["body"]
    assert first.published == "2024-01-05"
    assert first.origin == f"{path}:2"


def test_tsv_reads_columns_named_like_fields_without_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "news.tsv"
    write_csv(path, [{"text": r["body"], "title": r["headline"]} for r in ROWS], "\t")
    documents = list(read_inputs([str(path)], Settings()))
    assert [d.title for d in documents if isinstance(d, Document)] == ["Dam protest", "Talks"]


def test_csv_without_the_text_column_is_one_failure_naming_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    write_csv(path, ROWS)
    (failure,) = read_inputs([str(path)], Settings())
    assert isinstance(failure, Failure)
    assert "'text'" in failure.reason and "headline" in failure.reason


def test_csv_row_with_empty_text_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    write_csv(path, [ROWS[0], {**ROWS[1], "body": " "}])
    items = list(read_inputs([str(path)], Settings(csv_columns={"text": "body"})))
    assert isinstance(items[0], Document)
    assert isinstance(items[1], Failure) and items[1].input == f"{path}:3"


def test_csv_mapping_to_an_unknown_field_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    write_csv(path, ROWS)
    (failure,) = read_inputs([str(path)], Settings(csv_columns={"body": "text"}))
    assert isinstance(failure, Failure) and "unknown field" in failure.reason


def test_gzipped_json_lines_stream_like_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl.gz"
    lines = [
        json.dumps({"id": "n1", "text": ROWS[0]["body"]}),
        "not json",
        json.dumps({"text": ROWS[1]["body"]}),
    ]
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    items = list(read_inputs([str(path)], Settings()))
    assert isinstance(items[0], Document) and items[0].id == "n1"
    assert isinstance(items[1], Failure) and items[1].input == f"{path}:2"
    assert isinstance(items[2], Document)


def test_damaged_gzip_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "A story."}\n' * 50)[:30])
    items = list(read_inputs([str(path)], Settings()))
    assert isinstance(items[-1], Failure)
    assert "compressed" in items[-1].reason or "truncated" in items[-1].reason
