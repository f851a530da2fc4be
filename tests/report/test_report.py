"""Situation reports: content from the database, scope, escaping, and the CLI."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.report import ReportScope, build_report, collect, md_escape
from eventwire.store import Store
from eventwire.store.queries import Queries
from tests.analyst import corpus


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as opened:
        opened.add_many(corpus())
        yield opened


def test_collect_ranks_actors_and_dyads(store: Store) -> None:
    data = collect(Queries(store), ReportScope())
    assert data["events"] == 12 and data["articles"] == 6
    assert data["actors"][0]["name"] == "Colombia" and data["actors"][0]["events"] == 5
    assert data["dyads"][0]["weight"] == 1
    assert data["type_totals"][0][0] == "ACCUSE"
    assert data["quotes"] and all(q["speaker_name"] for q in data["quotes"])


def test_trend_compares_halves(store: Store) -> None:
    data = collect(Queries(store), ReportScope())
    first, second = data["trend"]["halves"]
    assert first["events"] + second["events"] == 11  # the undated event is left out
    assert first["mean_intensity"] > second["mean_intensity"]
    assert data["trend"]["verdict"] == "escalating"


def test_country_and_dates_narrow_the_scope(store: Store) -> None:
    kenya = collect(Queries(store), ReportScope(country="KEN"))
    assert kenya["events"] == 2 and {a["name"] for a in kenya["actors"]} == {
        "Grace Wanjiru",
        "Kenya",
    }
    window = collect(Queries(store), ReportScope(since=date(2026, 2, 11), until=date(2026, 2, 13)))
    assert window["events"] == 4


def test_html_report_is_self_contained_and_escaped(store: Store) -> None:
    html = build_report(store, ReportScope(country="VEN"), "html")
    assert html.startswith("<!doctype html>")
    assert "Situation report: country VEN, all dates" in html
    assert html.count("<svg") >= 3  # timeline, escalation, map
    assert "<script" not in html  # no script at all, and the hostile names are escaped
    assert "&lt;b onmouseover=" in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html)  # nothing fetched
    assert "We will not be intimidated by criminals," in html


def test_markdown_report_escapes_text_and_inlines_images(store: Store) -> None:
    md = build_report(store, ReportScope(country="VEN"), "md")
    assert md.startswith("# Situation report: country VEN, all dates")
    assert "| Venezuela | 4 |" in md
    assert "\\<b onmouseover" in md and "<b onmouseover" not in md.replace("\\<b onmouseover", "")
    assert md.count("](data:image/svg+xml;base64,") == 3


def test_empty_scope_says_so(store: Store) -> None:
    md = build_report(store, ReportScope(country="NOR"), "md")
    assert "No events match this scope" in md


def test_unknown_format_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="html, md"):
        build_report(store, None, "pdf")


def test_md_escape_neutralises_markup() -> None:
    assert md_escape("a|b\n*c*") == "a\\|b \\*c\\*"


def test_report_command_writes_both_formats(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store(db) as opened:
        opened.add_many(corpus())
    runner = CliRunner()
    for fmt in ("html", "md"):
        out = tmp_path / f"report.{fmt}"
        result = runner.invoke(
            app,
            [
                "report",
                "--db",
                str(db),
                "--format",
                fmt,
                "--country",
                "col",
                "--since",
                "2026-02-01",
                "--out",
                str(out),
            ],
        )
        assert result.exit_code == 0, result.output
        assert "country COL, 2026-02-01 to …" in out.read_text(encoding="utf-8")
    bad = runner.invoke(app, ["report", "--db", str(db), "--since", "Feb 1"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
    missing = runner.invoke(app, ["report", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2
