"""The command line, end to end, with texts and bad inputs the tests write themselves."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.pipeline import Pipeline

STORY = (
    "Leaders of the Popular Resistance Movement (PRM) met envoys in Quito on Monday.\n\n"
    '"We want a ceasefire," said commander Rosa Elena Quispe. Quispe added that the PRM '
    "would not disarm.\n"
)


@pytest.fixture(autouse=True)
def _shared_pipeline(monkeypatch: pytest.MonkeyPatch, pipeline: Pipeline) -> None:
    # Reuse the session's loaded model instead of loading spaCy for every command.
    monkeypatch.setattr("eventwire.cli._load_pipeline", lambda settings: pipeline)


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 owners in Bogot\xe1 protested.".encode("latin-1"))
    html = tmp_path / "nav.html"
    html.write_text("<html><body><script>app()</script></body></html>", encoding="utf-8")
    lines = tmp_path / "wire.jsonl"
    lines.write_text(
        json.dumps(
            {
                "id": "w1",
                "text": "Kenya and Uganda signed a border deal.",
                "published": "2026-01-05",
            }
        )
        + "\n{not json\n"
        + json.dumps({"id": "w3", "title": "no text"})
        + "\n"
        + json.dumps({"id": "w4", "text": "Talks resumed in Nairobi."})
        + "\n",
        encoding="utf-8",
    )
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50_000_000)  # a 50 MB file (sparse): refused before it is read
    return {
        "good": good,
        "empty": empty,
        "binary": binary,
        "latin": latin,
        "html": html,
        "jsonl": lines,
        "huge": huge,
        "missing": tmp_path / "nowhere.txt",
    }


def test_extract_prints_one_json_line_per_article_in_input_order(inputs: dict[str, Path]) -> None:
    result = CliRunner().invoke(app, ["extract", str(inputs["good"]), str(inputs["jsonl"])])
    assert result.exit_code == 1  # the JSON Lines file has two bad lines
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["article"]["id"] for r in records][1:] == ["w1", "w4"]
    assert records[0]["article"]["text"] == STORY
    assert records[1]["article"]["published"] == "2026-01-05"


def test_extract_reads_stdin(inputs: dict[str, Path]) -> None:
    result = CliRunner().invoke(app, ["extract", "-"], input=STORY)
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["article"]["text"] == STORY
    names = {a["name"] for a in record["actors"]}
    assert "Popular Resistance Movement" in names


def test_bad_inputs_get_one_line_each_and_the_batch_goes_on(
    inputs: dict[str, Path], tmp_path: Path
) -> None:
    db = tmp_path / "ew.db"
    order = ["empty", "binary", "good", "latin", "html", "jsonl", "huge", "missing"]
    result = CliRunner().invoke(app, ["ingest", *(str(inputs[k]) for k in order), "--db", str(db)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    expected = {
        "empty": "empty input",
        "binary": "binary file",
        "latin": "not valid UTF-8",
        "html": "no article body",
        "huge": "too large",
        "missing": "no such file",
    }
    for key, reason in expected.items():
        assert any(str(inputs[key]) in line and reason in line for line in errors), (key, errors)
    assert any(":2:" in line and "not valid JSON" in line for line in errors)
    assert any(":3:" in line and "missing 'text'" in line for line in errors)
    assert len(errors) == 8
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == 3
        assert conn.execute("select count(*) from failures").fetchone()[0] == 8


def test_reingest_adds_nothing_and_keeps_what_was_stored(
    inputs: dict[str, Path], tmp_path: Path
) -> None:
    db = str(tmp_path / "ew.db")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(inputs["good"]), str(inputs["jsonl"]), "--db", db])
    assert "3 added" in first.stderr
    second = runner.invoke(
        app,
        ["ingest", str(inputs["good"]), str(inputs["jsonl"]), str(inputs["binary"]), "--db", db],
    )
    assert "0 added, 3 already stored, 3 failed" in second.stderr
    stats = runner.invoke(app, ["stats", "--db", db])
    assert stats.exit_code == 0
    assert "articles" in stats.stdout and " 3 " in stats.stdout


def test_export_jsonl_reproduces_extract_output_with_knowledge_base_ids(
    inputs: dict[str, Path], tmp_path: Path
) -> None:
    db = str(tmp_path / "ew.db")
    runner = CliRunner()
    extracted = runner.invoke(app, ["extract", str(inputs["good"])]).stdout
    runner.invoke(app, ["ingest", str(inputs["good"]), "--db", db])
    exported = runner.invoke(app, ["export", "--db", db, "--format", "jsonl"])
    assert exported.exit_code == 0
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    actors = [actor for record in records for actor in record["actors"]]
    # actors named only by a description ("anti-government protesters") are not linked
    linked = [actor.pop("kb_id") for actor in actors if "kb_id" in actor]
    assert linked and all(isinstance(kb_id, int) for kb_id in linked)
    assert records == [json.loads(line) for line in extracted.splitlines()]


def test_export_csv_writes_one_file_per_record_kind(
    inputs: dict[str, Path], tmp_path: Path
) -> None:
    db = str(tmp_path / "ew.db")
    out = tmp_path / "csv"
    runner = CliRunner()
    runner.invoke(app, ["ingest", str(inputs["good"]), "--db", db])
    result = runner.invoke(app, ["export", "--db", db, "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    names = {p.name for p in out.iterdir()}
    assert {"articles.csv", "actors.csv", "mentions.csv", "failures.csv"} <= names


def test_commands_on_a_missing_database_fail_with_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no such database" in result.stderr


def test_unknown_export_format_is_a_clear_error(inputs: dict[str, Path], tmp_path: Path) -> None:
    db = str(tmp_path / "ew.db")
    CliRunner().invoke(app, ["ingest", str(inputs["good"]), "--db", db])
    result = CliRunner().invoke(app, ["export", "--db", db, "--format", "xml"])
    assert result.exit_code == 2
    assert "xml" in result.stderr
