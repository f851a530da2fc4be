"""The Ray Data executor on a local cluster: same results as the local executor, Parquet by date."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.pipeline import Pipeline
from eventwire.run import ingest
from eventwire.settings import Settings
from eventwire.store import Store
from tests.run.corpus_texts import texts
from tests.run.test_local import COPY, STORY

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'eventwire[ray]')")
pytestmark = pytest.mark.ray


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One local Ray instance for the session, two CPUs."""
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        _temp_dir=str(tmp_path_factory.mktemp("ray")),
    )
    try:
        yield ray
    finally:
        ray.shutdown()


def write_inputs(folder: Path) -> list[str]:
    folder.mkdir()
    records = [
        {"id": f"r{n}", "text": t, "published": f"2024-01-0{1 + n % 3}"}
        for n, t in enumerate(texts(8, seed=21))
    ]
    records.append({"id": "q1", "text": STORY, "published": "2024-02-01", "url": "https://a/q"})
    records.append({"id": "q2", "text": COPY, "published": "2024-02-01", "url": "https://b/q"})
    (folder / "one.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records[:5]), encoding="utf-8"
    )
    (folder / "two.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records[5:]) + "not json\n", encoding="utf-8"
    )
    (folder / "story.txt").write_text(texts(1, seed=22)[0], encoding="utf-8")
    return [str(folder)]


def test_ray_ingest_stores_what_the_local_executor_stores(
    cluster: Any, tmp_path: Path, pipeline: Pipeline
) -> None:
    from eventwire.run.ray import ingest_ray, read_parquet_records

    paths = write_inputs(tmp_path / "in")
    with Store(":memory:") as local:
        expected = ingest(paths, local, pipeline)
        local_records = {x.article.id: x.to_dict() for x in local.extractions()}
    settings = Settings(batch_size=4, write_batch=3)
    with Store(tmp_path / "ray.db") as store:
        report = ingest_ray(paths, settings, store=store, parquet=tmp_path / "pq", workers=1)
        assert (
            (report.added, report.copies, report.failed)
            == (
                expected.added,
                expected.copies,
                expected.failed,
            )
            == (10, 1, 1)
        )
        assert {x.article.id: x.to_dict() for x in store.extractions()} == local_records
        (copy,) = store.copies()
        assert (copy["id"], copy["article_id"]) == ("q2", "q1")
        # Again: everything is already stored.
        again = ingest_ray(paths, settings, store=store, workers=1)
        assert (again.added, again.skipped) == (0, 11)
    partitions = sorted(p.name for p in (tmp_path / "pq").iterdir())
    assert partitions == [
        "published_date=2024-01-01",
        "published_date=2024-01-02",
        "published_date=2024-01-03",
        "published_date=2024-02-01",
        "published_date=unknown",
    ]
    records = list(read_parquet_records(tmp_path / "pq"))
    assert {r["article"]["id"] for r in records} == set(local_records)


def test_ray_needs_a_destination_and_refuses_stdin(cluster: Any) -> None:
    from eventwire.run.ray import ingest_ray, input_shards

    with pytest.raises(ValueError, match="database"):
        ingest_ray(["x.txt"], Settings())
    with pytest.raises(ValueError, match="standard input"):
        input_shards(["-"])
