"""JSON Lines export: the objects `eventwire extract` prints, one per line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.export import export
from eventwire.records import Extraction
from eventwire.store import Store


def _expected(extractions: list[Extraction]) -> str:
    return "".join(json.dumps(x.to_dict(), ensure_ascii=False) + "\n" for x in extractions)


def test_jsonl_export_writes_to_dict_of_each_article_in_ingest_order(
    store: Store, extractions: list[Extraction], tmp_path: Path
) -> None:
    out = tmp_path / "out" / "events.jsonl"
    assert export(store, "jsonl", out) == len(extractions)
    assert out.read_text(encoding="utf-8") == _expected(extractions)
    assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == [
        x.to_dict() for x in extractions
    ]


@pytest.mark.parametrize("out", [None, "-"])
def test_jsonl_export_writes_to_stdout_when_out_is_none_or_dash(
    store: Store,
    extractions: list[Extraction],
    out: str | None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert export(store, "jsonl", out) == len(extractions)
    assert capsys.readouterr().out == _expected(extractions)


def test_jsonl_export_of_an_empty_store_writes_an_empty_file(tmp_path: Path) -> None:
    out = tmp_path / "empty.jsonl"
    with Store(":memory:") as store:
        assert export(store, "jsonl", str(out)) == 0
    assert out.read_text(encoding="utf-8") == ""
