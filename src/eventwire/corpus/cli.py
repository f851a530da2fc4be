"""``eventwire actors``: list, show and curate the actor knowledge base of a database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from eventwire.errors import EventwireError

app = typer.Typer(
    help="The actor knowledge base: who is who across the stored articles.",
    no_args_is_help=True,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    str,
    typer.Option("--db", envvar="EVENTWIRE_DB", help="SQLite file path or SQLAlchemy URL."),
]
RefArgument = Annotated[str, typer.Argument(help="The actor's id, name or alias.")]


@contextmanager
def _kb(db: str) -> Iterator[Any]:
    """Open the database's knowledge base; errors become one line and exit code 2."""
    from eventwire.corpus.kb import KnowledgeBase
    from eventwire.store import Store

    if "://" not in db and not Path(db).exists():
        err.print(f"error: {db}: no such database (run `eventwire ingest` first)", highlight=False)
        raise typer.Exit(2)
    try:
        store = Store(db)
    except EventwireError as error:
        err.print(Text(f"error: {error}"), highlight=False)
        raise typer.Exit(2) from None
    try:
        yield KnowledgeBase(store)
    except EventwireError as error:
        err.print(Text(f"error: {error}"), highlight=False)
        raise typer.Exit(1) from None
    finally:
        store.close()


def _cell(value: Any) -> Text:
    # names come from untrusted text: never read as console markup
    return Text("" if value is None else str(value))


@app.command("list")
def list_actors(
    db: DbOption = "eventwire.db",
    kind: Annotated[str | None, typer.Option(help="PERSON, ORG, GROUP or COUNTRY.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO alpha-3 code.")] = None,
    search: Annotated[str | None, typer.Option(help="Part of a name or alias.")] = None,
    limit: Annotated[int, typer.Option(help="Show at most this many (0: all).")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines instead of a table.")] = False,
) -> None:
    """List knowledge-base actors, most seen first."""
    with _kb(db) as kb:
        found = kb.actors(kind=kind, country=country, search=search, limit=limit or None)
    if as_json:
        for actor in found:
            out.print(
                json.dumps(actor.to_dict(), ensure_ascii=False), markup=False, highlight=False
            )
        return
    table = Table(title=Text(f"actors: {db}"))
    for column in ("id", "name", "kind", "country", "sector", "articles", "first", "last"):
        table.add_column(column, justify="right" if column in ("id", "articles") else "left")
    for actor in found:
        table.add_row(
            *(
                _cell(v)
                for v in (
                    actor.id,
                    actor.name,
                    actor.kind,
                    actor.country,
                    actor.sector,
                    actor.articles,
                    actor.first_seen,
                    actor.last_seen,
                )
            )
        )
    out.print(table)


@app.command()
def show(
    ref: RefArgument,
    db: DbOption = "eventwire.db",
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text.")] = False,
) -> None:
    """Everything known about one actor: names, roles, affiliations, articles."""
    with _kb(db) as kb:
        detail = kb.show(ref)
    if as_json:
        out.print(json.dumps(detail.to_dict(), ensure_ascii=False, indent=2), markup=False)
        return
    a = detail.actor
    out.print(Text(f"{a.name} (#{a.id}) {a.kind} {a.country or '-'} {a.sector or '-'}"))
    out.print(Text(f"  seen in {a.articles} articles, {a.first_seen} .. {a.last_seen}; {a.origin}"))
    if detail.aliases:
        out.print("  names:")
        for alias in detail.aliases:
            out.print(Text(f"    {alias['alias']} ({alias['how']}, {alias['count']}x)"))
    if detail.roles:
        out.print("  roles:")
        for role in detail.roles:
            codes = " ".join(filter(None, [role["country"], role["sector"]]))
            when = f"{role['first_seen']} .. {role['last_seen']}"
            out.print(Text(f"    {role['role']} {codes} ({when})"))
    for title, rows in (("member of", detail.affiliations), ("members", detail.members)):
        if rows:
            out.print(f"  {title}:")
            for row in rows:
                role = f", {row['role']}" if row.get("role") else ""
                out.print(Text(f"    {row['name']} (#{row['id']}{role})"))
    if detail.articles:
        out.print("  articles:")
        for article in detail.articles:
            out.print(
                Text(f"    {article['id']} {article['published'] or ''} {article['title'] or ''}")
            )


@app.command()
def merge(
    target: RefArgument,
    sources: Annotated[list[str], typer.Argument(help="Actors to fold into TARGET.")],
    db: DbOption = "eventwire.db",
) -> None:
    """Make several actors one; recorded, so it survives a rebuild and new articles follow."""
    with _kb(db) as kb:
        actor = kb.merge(target, sources)
    err.print(Text(f"merged into {actor.name} (#{actor.id})"), highlight=False)


@app.command()
def split(
    ref: RefArgument,
    alias: Annotated[
        list[str], typer.Option("--alias", "-a", help="A name to move to the new actor.")
    ],
    name: Annotated[str | None, typer.Option(help="The new actor's name.")] = None,
    db: DbOption = "eventwire.db",
) -> None:
    """Move some names (and the article actors known by them) to a new actor."""
    with _kb(db) as kb:
        actor = kb.split(ref, alias, name)
    err.print(Text(f"split off {actor.name} (#{actor.id})"), highlight=False)


@app.command()
def rename(ref: RefArgument, name: str, db: DbOption = "eventwire.db") -> None:
    """Give an actor a new canonical name."""
    with _kb(db) as kb:
        actor = kb.rename(ref, name)
    err.print(Text(f"renamed #{actor.id} to {actor.name}"), highlight=False)


@app.command("export")
def export_actors(
    db: DbOption = "eventwire.db",
    output: Annotated[
        str | None, typer.Option("--out", "-o", help="File (.json, .yaml); default stdout.")
    ] = None,
) -> None:
    """Write the knowledge base as a user actor file (with the recorded edits)."""
    with _kb(db) as kb:
        data = kb.export()
    if output and Path(output).suffix.lower() in (".yaml", ".yml"):
        import yaml

        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if output in (None, "-"):
        typer.echo(text, nl=False)
    else:
        Path(output).write_text(text, encoding="utf-8")
        err.print(Text(f"{len(data['actors'])} actors exported to {output}"), highlight=False)


@app.command("import")
def import_actors(
    path: Annotated[Path, typer.Argument(help="A user actor file (.json, .yaml) or an export.")],
    db: DbOption = "eventwire.db",
) -> None:
    """Add actors from a file (their names and codes win over the articles'); replay the
    merges, splits and renames of an export."""
    from eventwire.knowledge.actors import read_actor_document

    with _kb(db) as kb:
        entries, edits = read_actor_document(path)
        count = kb.import_actors(entries, where=str(path))
        replayed = kb.replay([e for e in edits if e.get("op") != "import"])
    err.print(Text(f"{count} actors imported, {replayed} edits replayed"), highlight=False)


@app.command()
def rebuild(db: DbOption = "eventwire.db") -> None:
    """Relink every stored article from scratch and replay the recorded edits."""
    with _kb(db) as kb:
        linked = kb.rebuild()
        total = kb.count()
    err.print(f"{linked} articles linked, {total} actors", highlight=False)


events_app = typer.Typer(
    help="Corpus events: one real-world event, however many articles report it.",
    no_args_is_help=True,
)


@events_app.command("rebuild")
def rebuild_events(db: DbOption = "eventwire.db") -> None:
    """Group every stored event into corpus events from scratch.

    ``eventwire ingest`` keeps corpus events up to date incrementally (the same result); a
    rebuild is for a database grouped by an older eventwire with other grouping rules.
    """
    from eventwire.corpus.events import rebuild_corpus_events
    from eventwire.store import Store

    if "://" not in db and not Path(db).exists():
        err.print(f"error: {db}: no such database (run `eventwire ingest` first)", highlight=False)
        raise typer.Exit(2)
    try:
        with Store(db) as store:
            rebuild_corpus_events(store)
            counts = store.corpus_counts()
    except EventwireError as error:
        err.print(Text(f"error: {error}"), highlight=False)
        raise typer.Exit(1) from None
    err.print(
        f"{counts['corpus_events']} corpus events from {counts['corpus_event_reports']} reports",
        highlight=False,
    )
