"""The command line over a corpus: a feed, a WARC and a directory in one ingest; stats; export."""

from __future__ import annotations

import gzip
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import Store
from tests.ingest.test_feeds import BODY, item, rss
from tests.ingest.test_warc import http_response, page, warc_record
from tests.run.test_local import COPY, STORY


@pytest.fixture
def corpus(tmp_path: Path) -> list[str]:
    feed = tmp_path / "wire.rss"
    feed.write_text(rss(item("Blockade", "https://andes.example.org/a/1", BODY)), encoding="utf-8")
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(
        gzip.compress(
            warc_record(
                "response",
                "https://news.example.org/a",
                http_response(page("Ceasefire talks in Geneva"), "text/html"),
            )
        )
    )
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "quito.txt").write_text(STORY, encoding="utf-8")
    (folder / "quito-copy.txt").write_text(COPY, encoding="utf-8")
    return [str(feed), str(archive), str(folder)]


def test_ingest_takes_a_feed_a_warc_and_a_directory_in_one_run(
    corpus: list[str], tmp_path: Path
) -> None:
    db = tmp_path / "corpus.db"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", *corpus, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "3 added," in result.output and "1 copies of stored articles" in result.output
    with Store(db) as store:
        urls = {x.article.url for x in store.extractions()}
        assert {"https://andes.example.org/a/1", "https://news.example.org/a"} <= urls
        assert len(store.copies()) == 1
    stats = runner.invoke(app, ["stats", "--db", str(db)])
    assert "article_copies" in stats.output and "corpus_events" in stats.output
    out = tmp_path / "pq"
    exported = runner.invoke(
        app, ["export", "--db", str(db), "--format", "parquet", "-o", str(out)]
    )
    assert exported.exit_code == 0, exported.output
    assert pq.read_table(out / "articles.parquet").num_rows == 3


def test_ingest_with_two_workers_and_no_dedup(corpus: list[str], tmp_path: Path) -> None:
    db = tmp_path / "workers.db"
    result = CliRunner().invoke(
        app, ["ingest", *corpus, "--db", str(db), "--workers", "2", "--no-dedup"]
    )
    assert result.exit_code == 0, result.output
    assert "4 added," in result.output and "0 copies of stored articles" in result.output


def test_ingest_maps_csv_columns(tmp_path: Path) -> None:
    source = tmp_path / "news.csv"
    source.write_text(f'headline,body\nQuito,"{STORY}"\n', encoding="utf-8")
    db = tmp_path / "csv.db"
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "ingest",
            str(source),
            "--db",
            str(db),
            "--csv-column",
            "text=body",
            "--csv-column",
            "title=headline",
        ],
    )
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert [x.article.title for x in store.extractions()] == ["Quito"]
    bad = runner.invoke(app, ["ingest", str(source), "--db", str(db), "--csv-column", "text"])
    assert bad.exit_code == 2 and "FIELD=COLUMN" in bad.output


def test_ingest_url_on_loopback_is_refused_without_allow_private(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["ingest", "http://127.0.0.1:9/feed", "--db", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 1
    assert "private or loopback" in result.output


def test_watch_refuses_a_bad_interval(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["watch", "http://127.0.0.1:9/feed", "--every", "soon", "--db", str(tmp_path / "w.db")]
    )
    assert result.exit_code == 2 and "not a duration" in result.output


def test_unknown_executor_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["ingest", "x.txt", "--executor", "spark", "--db", str(tmp_path / "e.db")]
    )
    assert result.exit_code == 2 and "local or ray" in result.output


def test_watch_polls_a_loopback_feed_when_allowed(tmp_path: Path) -> None:
    from tests.httpsite import Resource, serve
    from tests.run.test_watch import STORIES, article, feed

    db = tmp_path / "watch.db"
    with serve() as site:
        for path in STORIES:
            site.resources[path] = Resource(article(path))
        site.resources["/feed"] = Resource(feed(site.base, list(STORIES)), "application/rss+xml")
        result = CliRunner().invoke(
            app,
            [
                "watch",
                site.base + "/feed",
                "--every",
                "1s",
                "--rounds",
                "2",
                "--allow-private",
                "--db",
                str(db),
            ],
        )
    assert result.exit_code == 0, result.output
    assert "poll 1: 1 feeds changed" in result.output and "3 added" in result.output
    assert "poll 2:" in result.output
    with Store(db) as store:
        assert store.counts()["articles"] == 3
