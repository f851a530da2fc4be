"""The ``eventwire`` command line: thin commands over the library."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, Task, TextColumn
from rich.table import Table
from rich.text import Text

from eventwire.corpus.cli import app as actors_app
from eventwire.corpus.cli import events_app
from eventwire.errors import EventwireError
from eventwire.evaluate.cli import app as evaluate_app
from eventwire.records import Extraction, Failure
from eventwire.settings import Settings

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline
    from eventwire.run import IngestReport
    from eventwire.run.local import Analyser
    from eventwire.store import Store

app = typer.Typer(
    name="eventwire",
    help="Turn news into evidence-linked event data: actors, quotes, events and places.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(evaluate_app, name="evaluate")
app.add_typer(actors_app, name="actors")
app.add_typer(events_app, name="corpus-events")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    str,
    typer.Option("--db", envvar="EVENTWIRE_DB", help="SQLite file path or SQLAlchemy URL."),
]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", envvar="EVENTWIRE_SPACY_MODEL", help="spaCy pipeline to load."),
]
GazetteerOption = Annotated[
    Path | None,
    typer.Option(
        "--gazetteer",
        envvar="EVENTWIRE_GAZETTEER",
        help="User gazetteer (CSV or JSON: name, aliases, lat, lon, country, feature).",
    ),
]
ActorsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--actors",
        help="Actor knowledge: a PETRARCH/Phoenix actor dictionary, or a user actor file "
        "(.json, .yaml) that overrides everything. Repeatable.",
    ),
]


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def _fail(failure: Failure) -> None:
    err.print(Text(f"error: {failure.input}: {failure.reason}"), highlight=False)


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Files or directories; '-' reads stdin.")],
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
    actors: ActorsOption = None,
) -> None:
    """Print one JSON object per article (JSON Lines), in input order."""
    from eventwire.ingest import read_inputs

    settings = _settings(model=model, actors=actors, gazetteer=gazetteer)
    pipeline = _load_pipeline(settings)
    failed = 0
    for result in pipeline.process(read_inputs(files, settings)):
        if isinstance(result, Failure):
            failed += 1
            _fail(result)
        else:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    sys.stdout.flush()
    if failed:
        raise typer.Exit(1)


class _RateColumn(ProgressColumn):
    """Articles per second since the start."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:6.1f} articles/s", style="progress.data.speed")


WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        "-w",
        envvar="EVENTWIRE_WORKERS",
        min=1,
        help="Processes analysing articles, each loading the model once.",
    ),
]
DedupOption = Annotated[
    bool,
    typer.Option(
        "--dedup/--no-dedup",
        envvar="EVENTWIRE_DEDUP",
        help="Store near-duplicate articles as extra sources instead of analysing them.",
    ),
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        envvar="EVENTWIRE_FETCH_ALLOW_PRIVATE",
        help="Allow fetching from private and loopback addresses.",
    ),
]


def _csv_columns(pairs: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            err.print(f"error: --csv-column takes FIELD=COLUMN, not {pair!r}", highlight=False)
            raise typer.Exit(2)
        mapping[field.strip()] = column.strip()
    return mapping


@contextmanager
def _progress(label: str) -> Iterator[Callable[[Extraction | Failure | None], None]]:
    """A progress bar on stderr; yields the callback that advances it."""
    with Progress(
        SpinnerColumn(),
        TextColumn(f"[bold]{label}"),
        BarColumn(bar_width=None),
        TextColumn("{task.completed} articles"),
        TextColumn("{task.fields[failed]} failed"),
        _RateColumn(),
        console=err,
        transient=False,
    ) as progress:
        task = progress.add_task(label, total=None, failed=0)
        failed = 0

        def advance(result: Extraction | Failure | None) -> None:
            nonlocal failed
            if isinstance(result, Failure):
                failed += 1
                progress.console.print(
                    Text(f"error: {result.input}: {result.reason}"), highlight=False
                )
            progress.update(task, advance=1, failed=failed)

        yield advance


@contextmanager
def _analyser(settings: Settings) -> Iterator[Analyser]:
    """The analyser for ``settings.workers``: this process, or a pool of worker processes."""
    from eventwire.run import InProcess, ProcessPool

    if settings.workers <= 1:
        yield InProcess(_load_pipeline(settings))
        return
    with ProcessPool(settings, settings.workers) as pool:
        yield pool


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files, directories or http(s) URLs; '-' reads stdin.")
    ],
    db: DbOption = "eventwire.db",
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
    actors: ActorsOption = None,
    workers: WorkersOption = 1,
    dedup: DedupOption = True,
    csv_column: Annotated[
        list[str] | None,
        typer.Option("--csv-column", help="FIELD=COLUMN: read a document field from a CSV column."),
    ] = None,
    executor: Annotated[
        str, typer.Option("--executor", help="local (processes) or ray (Ray Data).")
    ] = "local",
    address: Annotated[
        str,
        typer.Option("--address", help="Ray: local (start one here), auto, or a cluster address."),
    ] = "local",
    parquet: Annotated[
        str | None,
        typer.Option("--parquet", help="Ray: also write a Parquet dataset to this directory."),
    ] = None,
    allow_private: AllowPrivateOption = False,
) -> None:
    """Analyse articles and store them in the database (already stored ones are skipped);
    link their actors to the database's actor knowledge base."""
    from eventwire.run import ingest_documents

    if executor not in ("local", "ray"):
        err.print(f"error: --executor is local or ray, not {executor!r}", highlight=False)
        raise typer.Exit(2)
    settings = _settings(model=model, db=db, actors=actors, gazetteer=gazetteer).model_copy(
        update={
            "workers": workers,
            "dedup": dedup,
            "csv_columns": _csv_columns(csv_column or []),
            "fetch_allow_private": allow_private,
        }
    )
    with _open_store(db) as store, _progress("ingest") as advance:
        if executor == "ray":
            report = _ingest_ray(paths, settings, store, parquet, address, advance)
        else:
            from eventwire.ingest import read_inputs

            with _analyser(settings) as analyse:
                report = ingest_documents(
                    read_inputs(paths, settings), store, settings, analyse, on_result=advance
                )
    err.print(
        f"{report.added} added, {report.skipped} already stored, {report.failed} failed, "
        f"{report.copies} copies of stored articles; {report.corpus_events} corpus events "
        f"updated, {report.linked} linked to the actor knowledge base -> {db}",
        highlight=False,
    )
    if report.failed:
        raise typer.Exit(1)


def _ingest_ray(
    paths: list[str],
    settings: Settings,
    store: Store,
    parquet: str | None,
    address: str,
    advance: Callable[[Extraction | Failure | None], None],
) -> IngestReport:
    from eventwire.run.ray import RayNotInstalledError, ingest_ray

    try:
        return ingest_ray(
            paths,
            settings,
            store=store,
            parquet=parquet,
            address=address,
            workers=settings.workers if settings.workers > 1 else None,
            on_result=advance,
        )
    except (RayNotInstalledError, ValueError) as error:
        err.print(f"error: {error}", highlight=False)
        raise typer.Exit(2) from None


@app.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs.")],
    every: Annotated[
        str, typer.Option("--every", help="Time between polls: 30s, 15m, 1h, 1d.")
    ] = "15m",
    rounds: Annotated[
        int | None,
        typer.Option("--rounds", min=1, help="Stop after this many polls (default: never)."),
    ] = None,
    db: DbOption = "eventwire.db",
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
    actors: ActorsOption = None,
    workers: WorkersOption = 1,
    dedup: DedupOption = True,
    allow_private: AllowPrivateOption = False,
) -> None:
    """Poll feeds, fetch the pages of new entries, and ingest them."""
    from eventwire.run.watch import PollReport, parse_interval
    from eventwire.run.watch import watch as run_watch

    try:
        seconds = parse_interval(every)
    except ValueError as error:
        err.print(f"error: {error}", highlight=False)
        raise typer.Exit(2) from None
    settings = Settings(
        spacy_model=model, db=db, workers=workers, dedup=dedup, fetch_allow_private=allow_private
    )
    failed = 0

    def said(number: int, report: PollReport) -> None:
        nonlocal failed
        failed += len(report.failures) + report.ingest.failed
        for failure in [*report.failures, *report.ingest.failures]:
            _fail(failure)
        err.print(
            f"poll {number}: {report.feeds_changed} feeds changed, "
            f"{report.feeds_unchanged} unchanged, {report.new_entries} new entries; "
            f"{report.ingest.added} added, {report.ingest.copies} copies, "
            f"{report.ingest.failed} failed",
            highlight=False,
        )

    with _open_store(db) as store, _analyser(settings) as analyse:
        try:
            run_watch(feeds, store, settings, analyse, seconds, rounds, on_round=said)
        except KeyboardInterrupt:
            err.print("stopped", highlight=False)
    if failed:
        raise typer.Exit(1)


@app.command()
def export(
    db: DbOption = "eventwire.db",
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
    output: Annotated[
        str | None,
        typer.Option(
            "--out", "-o", help="File (jsonl; default stdout) or directory (csv, parquet)."
        ),
    ] = None,
) -> None:
    """Export the database: jsonl (what `extract` prints), csv or parquet (one file per table)."""
    from eventwire.export import export as run_export

    with _open_store(db, must_exist=True) as store:
        try:
            count = run_export(store, fmt, output)
        except ValueError as error:
            err.print(f"error: {error}", highlight=False)
            raise typer.Exit(2) from None
    if output not in (None, "-"):
        err.print(f"{count} articles exported to {output}", highlight=False)


@app.command()
def stats(db: DbOption = "eventwire.db") -> None:
    """Count what the database holds."""
    with _open_store(db, must_exist=True) as store:
        counts = store.counts() | store.corpus_counts()
    table = Table(title=f"eventwire: {db}")
    table.add_column("records")
    table.add_column("count", justify="right")
    for name, value in counts.items():
        table.add_row(name, str(value))
    out.print(table)


@app.command()
def serve(
    db: DbOption = "eventwire.db",
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    allow_ingest: Annotated[
        bool,
        typer.Option(
            "--allow-ingest",
            envvar="EVENTWIRE_API_INGEST",
            help="Accept POST /api/ingest; needs the token in EVENTWIRE_API_TOKEN.",
        ),
    ] = False,
) -> None:
    """Serve the dashboard and the JSON API (read-only unless --allow-ingest)."""
    import uvicorn

    from eventwire.api import ApiSettings, create_app

    if "://" not in db and not Path(db).exists():
        err.print(f"error: {db}: no such database (run `eventwire ingest` first)", highlight=False)
        raise typer.Exit(2)
    try:
        application = create_app(ApiSettings(db=db, ingest=allow_ingest))
    except EventwireError as error:
        err.print(f"error: {error}", highlight=False)
        raise typer.Exit(2) from None
    err.print(f"eventwire: serving {db} on http://{host}:{port}/ (Ctrl-C stops)", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command()
def report(
    db: DbOption = "eventwire.db",
    fmt: Annotated[str, typer.Option("--format", "-f", help="html or md.")] = "html",
    country: Annotated[
        str | None, typer.Option("--country", help="ISO alpha-3 code, e.g. VEN.")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="First day, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last day, YYYY-MM-DD.")] = None,
    output: Annotated[
        str | None, typer.Option("--out", "-o", help="File to write (default stdout).")
    ] = None,
) -> None:
    """Write a situation report (events over time, actors, dyads, escalation, quotes, map)."""
    from eventwire.api.params import BadParameter, parse_country, parse_day
    from eventwire.report import FORMATS, ReportScope, build_report

    if fmt not in FORMATS:
        err.print(f"error: --format must be one of {', '.join(FORMATS)}", highlight=False)
        raise typer.Exit(2)
    try:
        scope = ReportScope(
            country=parse_country(country),
            since=parse_day("--since", since),
            until=parse_day("--until", until),
        )
    except BadParameter as error:
        err.print(f"error: {error}", highlight=False)
        raise typer.Exit(2) from None
    with _open_store(db, must_exist=True) as store:
        document = build_report(store, scope, fmt)
    if output in (None, "-"):
        sys.stdout.write(document)
        return
    path = Path(str(output))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document, encoding="utf-8")
    err.print(f"report written to {path}", highlight=False)


def _settings(
    model: str | None,
    actors: list[str] | None,
    gazetteer: Path | None = None,
    db: str | None = None,
) -> Settings:
    """Settings from the environment, with the options given on the command line."""
    values: dict[str, object] = {"spacy_model": model}
    if db is not None:
        values["db"] = db
    if gazetteer is not None:
        values["gazetteer"] = gazetteer
    if actors:
        values["actors"] = list(actors)
    return Settings(**values)  # type: ignore[arg-type]


def _load_pipeline(settings: Settings) -> Pipeline:
    from eventwire.pipeline import Pipeline

    try:
        return Pipeline(settings)
    except EventwireError as error:
        err.print(f"error: {error}", highlight=False)
        raise typer.Exit(2) from None


@contextmanager
def _open_store(db: str, must_exist: bool = False) -> Iterator[Store]:
    """Open a Store; a StoreError becomes a one-line message and exit code 2."""
    from eventwire.store import Store

    if must_exist and "://" not in db and not Path(db).exists():
        err.print(f"error: {db}: no such database (run `eventwire ingest` first)", highlight=False)
        raise typer.Exit(2)
    try:
        store = Store(db)
    except EventwireError as error:
        err.print(f"error: {error}", highlight=False)
        raise typer.Exit(2) from None
    try:
        yield store
    finally:
        store.close()


def main() -> None:
    """Entry point of the ``eventwire`` script."""
    app()
