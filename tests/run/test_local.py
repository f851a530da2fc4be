"""The local executor: near-duplicates kept as copies, worker processes, resuming after kill -9."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from eventwire.ingest import Document
from eventwire.pipeline import Pipeline
from eventwire.run import InProcess, ProcessPool, ingest, ingest_documents
from eventwire.settings import Settings
from eventwire.store import Store
from tests.run.corpus_texts import texts

STORY = (
    "Police in Quito arrested fourteen protesters on Tuesday after a march against the new "
    "fuel tax turned violent near the presidential palace, the interior ministry said. "
    "Organisers said the march had been peaceful until officers fired tear gas at the crowd, "
    "and called for a general strike on Thursday. The government said the tax would stay. "
    "Opposition lawmakers demanded that the interior minister appear before congress to explain "
    "the use of force, and human rights groups asked for an independent investigation."
)
# A syndicated copy: another outlet's byline and one sentence changed.
COPY = "QUITO (Wire) - " + STORY.replace(
    "The government said the tax would stay.",
    "The government has said it will not withdraw the tax.",
)


def documents(*pairs: tuple[str, str, str]) -> list[Document]:
    return [Document(text=t, origin=o, url=u) for t, o, u in pairs]


def test_near_duplicate_is_stored_as_a_copy_not_analysed(pipeline: Pipeline) -> None:
    items = documents(
        (STORY, "a", "https://one.example.org/quito"),
        (COPY, "b", "https://two.example.org/quito-arrests"),
        (texts(1)[0], "c", "https://one.example.org/other"),
    )
    with Store(":memory:") as store:
        report = ingest_documents(items, store, pipeline.settings, InProcess(pipeline))
        assert (report.added, report.copies) == (2, 1)
        (copy,) = store.copies()
        original = next(x for x in store.extractions() if x.article.url.endswith("/quito"))
        assert copy["article_id"] == original.article.id
        assert copy["url"] == "https://two.example.org/quito-arrests"
        assert copy["similarity"] >= 0.7


def test_copies_are_found_against_articles_stored_in_an_earlier_run(pipeline: Pipeline) -> None:
    with Store(":memory:") as store:
        ingest_documents(
            documents((STORY, "a", "u1")), store, pipeline.settings, InProcess(pipeline)
        )
        report = ingest_documents(
            documents((COPY, "b", "u2")), store, pipeline.settings, InProcess(pipeline)
        )
        assert (report.added, report.copies) == (0, 1)
        # Running it again adds nothing more.
        again = ingest_documents(
            documents((COPY, "b", "u2")), store, pipeline.settings, InProcess(pipeline)
        )
        assert (again.added, again.copies, again.skipped) == (0, 0, 1)
        assert len(store.copies()) == 1


def test_identical_text_at_another_url_is_one_more_source(pipeline: Pipeline) -> None:
    items = documents(
        (STORY, "a", "https://one.example.org/q"), (STORY, "b", "https://two.example.org/q")
    )
    with Store(":memory:") as store:
        report = ingest_documents(items, store, pipeline.settings, InProcess(pipeline))
        assert (report.added, report.skipped) == (1, 1)
        assert [c["url"] for c in store.copies()] == ["https://two.example.org/q"]


def test_dedup_off_analyses_every_article(pipeline: Pipeline) -> None:
    settings = pipeline.settings.model_copy(update={"dedup": False})
    items = documents((STORY, "a", "u1"), (COPY, "b", "u2"))
    with Store(":memory:") as store:
        report = ingest_documents(items, store, settings, InProcess(pipeline))
        assert (report.added, report.copies) == (2, 0)


def test_two_worker_processes_store_what_one_process_stores(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"id": f"t{n}", "text": t}) + "\n" for n, t in enumerate(texts(12))),
        encoding="utf-8",
    )
    with Store(":memory:") as one:
        ingest([str(source)], one, pipeline)
        expected = [x.to_dict() for x in one.extractions()]
    settings = Settings(batch_size=4, workers=2)
    with Store(":memory:") as two, ProcessPool(settings, 2) as pool:
        from eventwire.ingest import read_inputs

        report = ingest_documents(read_inputs([str(source)], settings), two, settings, pool)
        assert report.added == 12
        assert [x.to_dict() for x in two.extractions()] == expected


def test_tasks_end_with_one_document_per_task_so_workers_finish_together() -> None:
    from eventwire.ingest import Document
    from eventwire.run.local import _tasks

    documents = [Document(text=f"text {n}", origin=f"d{n}") for n in range(21)]
    tasks = list(_tasks(documents, 4, 8))
    assert [len(task) for task in tasks] == [4, 4, 4] + [1] * 9
    assert [d for task in tasks for d in task] == documents  # every document once, in order
    assert [len(task) for task in _tasks(documents[:3], 4, 8)] == [1, 1, 1]
    assert list(_tasks([], 4, 8)) == []


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_killed_ingest_resumes_and_stores_every_article_exactly_once(tmp_path: Path) -> None:
    count = 300
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(
            json.dumps({"id": f"k{n}", "text": t}) + "\n" for n, t in enumerate(texts(count, 5))
        ),
        encoding="utf-8",
    )
    db = tmp_path / "resume.db"
    command = [
        sys.executable,
        "-c",
        "from eventwire.cli import main; main()",
        "ingest",
        str(source),
        "--db",
        str(db),
    ]
    env = {**os.environ, "EVENTWIRE_WRITE_BATCH": "5", "EVENTWIRE_BATCH_SIZE": "5"}
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    try:
        while _count(db) < 20 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process.poll() is None, "the ingest finished before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    stored = _count(db)
    assert 0 < stored < count
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM articles")]
        signatures = connection.execute("SELECT count(*) FROM article_signatures").fetchone()[0]
    assert sorted(ids) == sorted(f"k{n}" for n in range(count))
    assert signatures == count
    assert f"{count - stored} added" in rerun.stderr


@pytest.mark.shared
def test_global_voices_feed_and_warc_are_one_set_of_stories(
    shared: Path, pipeline: Pipeline
) -> None:
    folder = shared / "data" / "corpora" / "globalvoices-2009-mediacloud"
    with Store(":memory:") as store:
        report = ingest(
            [str(folder / "gv-2009-06.warc.gz"), str(folder / "feed.rss")], store, pipeline
        )
        # 15 stories and the home page from the archive; the feed carries the same 15 stories.
        assert report.added == 16 and report.failed == 0
        copies = store.copies()
        assert len(copies) == 15
        urls = {c["url"] for c in copies}
        assert all(url.startswith("http://globalvoicesonline.org/?p=") for url in urls)


def test_copy_of_an_article_that_failed_analysis_is_analysed_in_the_next_round(
    pipeline: Pipeline,
) -> None:
    from eventwire.run.local import load_duplicates

    short = Settings(max_chars=len(STORY) + 5)
    analyse = InProcess(Pipeline(short, nlp=pipeline.nlp))  # the same model, a lower limit
    too_long = STORY + " " + "More words follow here."
    with Store(":memory:") as store:
        finder = load_duplicates(store, short)
        first = ingest_documents(
            documents((too_long, "long", "u1")), store, short, analyse, duplicates=finder
        )
        assert first.failed == 1
        second = ingest_documents(
            documents((STORY, "short", "u2")), store, short, analyse, duplicates=finder
        )
        assert (second.added, second.copies) == (1, 0)


def test_stored_articles_leave_memory_and_are_found_in_the_store(pipeline: Pipeline) -> None:
    from eventwire.run.local import load_duplicates

    settings = pipeline.settings
    with Store(":memory:") as store:
        finder = load_duplicates(store, settings)
        items = documents(*((t, f"t{n}", f"u{n}") for n, t in enumerate(texts(6, seed=4))))
        ingest_documents(items, store, settings, InProcess(pipeline), duplicates=finder)
        assert len(finder) == 0  # nothing held once stored
        report = ingest_documents(
            documents((STORY, "a", "u1"), (COPY, "b", "u2")),
            store,
            settings,
            InProcess(pipeline),
            duplicates=finder,
        )
        assert (report.added, report.copies, len(finder)) == (1, 1, 0)


def test_writer_groups_corpus_events_in_batches_as_a_rebuild_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventwire.corpus.events import rebuild_corpus_events
    from eventwire.records import Extraction, Failure
    from tests.corpus.test_events import _corpus_tables, _generated_corpus

    corpus = {x.article.text: x for x in _generated_corpus(90, 11)}

    def analyse(items: Iterable[Document | Failure]) -> Iterator[Extraction | Failure]:
        for item in items:
            assert isinstance(item, Document)
            yield corpus[item.text]

    monkeypatch.setattr("eventwire.run.local.CORPUS_BATCH", 20)
    settings = Settings(write_batch=7, dedup=False)
    docs = [
        Document(text=t, origin=f"g{n}", id=x.article.id) for n, (t, x) in enumerate(corpus.items())
    ]
    with Store(tmp_path / "c.db") as store:
        report = ingest_documents(docs, store, settings, analyse, link_actors=False)
        assert report.added == 90
        with store.engine.connect() as connection:
            pending = connection.exec_driver_sql("SELECT count(*) FROM corpus_pending").scalar()
        assert pending == 0
        incremental = _corpus_tables(store)
        rebuild_corpus_events(store)
        assert _corpus_tables(store) == incremental
