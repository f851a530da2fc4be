"""JSON Lines export: the objects `eventwire extract` prints, one per line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.corpus.kb import KnowledgeBase
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


def test_jsonl_export_gives_each_linked_actor_its_knowledge_base_id(
    store: Store, extractions: list[Extraction], tmp_path: Path
) -> None:
    KnowledgeBase(store).link_pending()
    out = tmp_path / "linked.jsonl"
    export(store, "jsonl", out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    kb_of: dict[str, set[int]] = {}
    for line, extraction in zip(lines, extractions, strict=True):
        actors = line.pop("actors")
        assert line == {k: v for k, v in extraction.to_dict().items() if k != "actors"}
        assert [a["id"] for a in actors] == [a.id for a in extraction.actors]
        linked = store.kb_ids([extraction.article.id])
        for actor in actors:
            assert actor.pop("kb_id") == linked[(extraction.article.id, actor["id"])]
        assert actors == [a.to_dict() for a in extraction.actors]
        for actor in extraction.actors:
            kb_of.setdefault(actor.name, set()).add(linked[(extraction.article.id, actor.id)])
    # the same actor named in two articles is one knowledge-base actor
    assert all(len(ids) == 1 for ids in kb_of.values())
    assert len({i for ids in kb_of.values() for i in ids}) == len(kb_of)
