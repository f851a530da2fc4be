"""``eventwire evaluate``: run a scorer, print a table, write JSON, optionally check floors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from eventwire.errors import DataSetMissingError
from eventwire.evaluate import Score, below_floor, load_scorers, write_score

app = typer.Typer(help="Score each extraction stage on its gold data sets.", no_args_is_help=True)
console = Console()

SharedOption = Annotated[
    Path, typer.Option("--shared", help="Folder holding data/ (the shared material).")
]
OutOption = Annotated[Path, typer.Option("--out", help="Folder for the JSON results.")]
CheckOption = Annotated[bool, typer.Option("--check", help="Exit 1 if a score is under its floor.")]
LimitOption = Annotated[int | None, typer.Option("--limit", help="Score only the first N items.")]


def _show(score: Score, out: Path) -> list[str]:
    table = Table(title=f"{score.stage}: {score.dataset}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in score.metrics.items():
        table.add_row(name, f"{value:.3f}")
    for name, count in score.counts.items():
        table.add_row(name, str(count))
    console.print(table)
    console.print(f"written {write_score(score, out)}", highlight=False)
    return below_floor(score)


def _run(
    stage: str, data: Path | None, shared: Path, out: Path, check: bool, limit: int | None
) -> None:
    scorer = load_scorers()[stage]
    path = data if data is not None else shared / scorer.default_path
    try:
        score = scorer.run(path, limit)
    except DataSetMissingError as error:
        console.print(f"skipped {stage}: {error}", highlight=False)
        raise typer.Exit(0) from None
    problems = _show(score, out)
    for problem in problems:
        console.print(f"[red]below floor:[/red] {problem}", highlight=False)
    if check and problems:
        raise typer.Exit(1)


@app.command("ingest")
def ingest(
    data: Annotated[
        Path | None, typer.Option("--data", help="Article-extraction benchmark folder.")
    ] = None,
    shared: SharedOption = Path("../shared"),
    out: OutOption = Path("eval-results"),
    check: CheckOption = False,
    limit: LimitOption = None,
) -> None:
    """Article bodies from HTML pages: token precision, recall and F1."""
    _run("ingest", data, shared, out, check, limit)


@app.command("events")
def events(
    data: Annotated[
        Path | None,
        typer.Option("--data", help="Events folder (petrarch/, conflibert/, ngec/)."),
    ] = None,
    shared: SharedOption = Path("../shared"),
    out: OutOption = Path("eval-results"),
    check: CheckOption = False,
    limit: LimitOption = None,
) -> None:
    """Events: PLOVER type accuracy, quad macro-F1, source/target span F1, spurious events."""
    _run("events", data, shared, out, check, limit)


@app.command("all")
def run_all(
    shared: SharedOption = Path("../shared"),
    out: OutOption = Path("eval-results"),
    check: CheckOption = False,
) -> None:
    """Run every scorer whose data set is present; with --check, fail below any floor."""
    problems: list[str] = []
    for stage, scorer in load_scorers().items():
        try:
            score = scorer.run(shared / scorer.default_path, None)
        except DataSetMissingError as error:
            console.print(f"skipped {stage}: {error}", highlight=False)
            continue
        problems += _show(score, out)
    for problem in problems:
        console.print(f"[red]below floor:[/red] {problem}", highlight=False)
    if check and problems:
        raise typer.Exit(1)
