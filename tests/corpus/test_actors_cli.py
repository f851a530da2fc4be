"""``eventwire actors``: thin commands over the knowledge base."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.corpus.kb import KnowledgeBase
from eventwire.records import Actor, Article, Extraction, Mention, content_hash
from eventwire.store import Store

runner = CliRunner()


def _extraction(key: str, *names: tuple[str, str]) -> Extraction:
    text = f"story {key}"
    return Extraction(
        article=Article(id=key, hash=content_hash(text), text=text, published="2024-04-01"),
        actors=[
            Actor(id=f"A{k}", name=name, kind=kind, mentions=[Mention(0, len(name), name, "name")])
            for k, (name, kind) in enumerate(names, start=1)
        ],
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "cli.db"
    with Store(path) as store:
        store.add_many(
            [
                _extraction("s1", ("Frente Sur", "ORG"), ("Lucia Ferraz", "PERSON")),
                _extraction("s2", ("Southern Front", "ORG"), ("[red]Alert[/red] Smith", "PERSON")),
            ]
        )
        KnowledgeBase(store).link_pending()
    return str(path)


def test_list_prints_actors_and_json(db: str) -> None:
    result = runner.invoke(app, ["actors", "list", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    names = {json.loads(line)["name"] for line in result.stdout.splitlines()}
    assert {"Frente Sur", "Southern Front", "Lucia Ferraz"} <= names


def test_untrusted_names_are_shown_as_text_not_console_markup(db: str) -> None:
    result = runner.invoke(app, ["actors", "show", "Smith", "--db", db])
    assert result.exit_code == 0, result.output
    assert "[red]Alert[/red] Smith" in result.stdout


def test_merge_split_rename_show_round(db: str) -> None:
    assert (
        runner.invoke(
            app, ["actors", "merge", "Frente Sur", "Southern Front", "--db", db]
        ).exit_code
        == 0
    )
    shown = runner.invoke(app, ["actors", "show", "Southern Front", "--db", db, "--json"])
    detail = json.loads(shown.stdout)
    assert detail["name"] == "Frente Sur" and detail["article_ids"] == ["s1", "s2"]
    split = runner.invoke(
        app, ["actors", "split", "Frente Sur", "--alias", "Southern Front", "--db", db]
    )
    assert split.exit_code == 0, split.output
    renamed = runner.invoke(app, ["actors", "rename", "Frente Sur", "Frente del Sur", "--db", db])
    assert renamed.exit_code == 0
    listed = runner.invoke(app, ["actors", "list", "--db", db, "--json", "--kind", "ORG"])
    names = {json.loads(line)["name"] for line in listed.stdout.splitlines()}
    assert names == {"Frente del Sur", "Southern Front"}


def test_export_import_and_rebuild(db: str, tmp_path: Path) -> None:
    out = tmp_path / "actors.yaml"
    assert (
        runner.invoke(
            app, ["actors", "merge", "Frente Sur", "Southern Front", "--db", db]
        ).exit_code
        == 0
    )
    exported = runner.invoke(app, ["actors", "export", "--db", db, "--out", str(out)])
    assert exported.exit_code == 0 and out.exists()
    other = tmp_path / "other.db"
    with Store(other) as store:
        store.add_many([_extraction("s2", ("Southern Front", "ORG"))])
        KnowledgeBase(store).link_pending()
    imported = runner.invoke(app, ["actors", "import", str(out), "--db", str(other)])
    assert imported.exit_code == 0, imported.output
    rebuilt = runner.invoke(app, ["actors", "rebuild", "--db", str(other)])
    assert rebuilt.exit_code == 0
    with Store(other) as store:
        kb = KnowledgeBase(store)
        assert kb.find("Southern Front") == kb.find("Frente Sur")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["actors", "show", "Nobody"], 1, "no knowledge-base actor"),
        (["actors", "merge", "Frente Sur", "Frente Sur"], 1, "into itself"),
        (["actors", "rename", "Frente Sur", " "], 1, "cannot be empty"),
    ],
)
def test_errors_are_one_line_with_an_exit_code(
    db: str, args: list[str], code: int, message: str
) -> None:
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == code
    assert message in result.output


def test_missing_database_is_reported(tmp_path: Path) -> None:
    result = runner.invoke(app, ["actors", "list", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no such database" in result.output


def test_extract_and_ingest_take_actor_files(tmp_path: Path) -> None:
    actors = tmp_path / "actors.yaml"
    actors.write_text(
        "- name: Joana Pereira\n  kind: PERSON\n  country: PRT\n  sector: GOV\n", encoding="utf-8"
    )
    story = tmp_path / "story.txt"
    story.write_text("Joana Pereira spoke in Lisbon on Monday about the budget.\n")
    result = runner.invoke(app, ["extract", "--actors", str(actors), str(story)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    person = next(a for a in record["actors"] if a["name"] == "Joana Pereira")
    assert (person["country"], person["sector"]) == ("PRT", "GOV")
    db = tmp_path / "story.db"
    ingested = runner.invoke(app, ["ingest", "--actors", str(actors), str(story), "--db", str(db)])
    assert ingested.exit_code == 0, ingested.output
    assert "1 linked" in ingested.output
    with Store(db) as store:
        entry = KnowledgeBase(store).show("Joana Pereira").actor
    assert (entry.country, entry.sector) == ("PRT", "GOV")


def test_unreadable_actor_file_stops_with_a_message(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Joana Pereira spoke in Lisbon.\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors: [{aliases: [x]}]\n")
    result = runner.invoke(app, ["extract", "--actors", str(bad), str(story)])
    assert result.exit_code == 2
    assert "needs a 'name'" in result.output
