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
    table = Table(title=score.stage, caption=score.dataset)
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


@app.command("actors")
def actors(
    data: Annotated[
        Path | None, typer.Option("--data", help="GUM corpus folder (holding coref/ and dep/).")
    ] = None,
    shared: SharedOption = Path("../shared"),
    out: OutOption = Path("eval-results"),
    check: CheckOption = False,
    limit: LimitOption = None,
) -> None:
    """Actor mention clusters on GUM news (B-cubed), aliases and attributes on the seed."""
    _run("actors", data, shared, out, check, limit)


@app.command("places")
def places(
    lgl: Annotated[Path | None, typer.Option("--lgl", help="LGL gold set (lgl.xml).")] = None,
    geovirus: Annotated[
        Path | None, typer.Option("--geovirus", help="GeoVirus gold set (GeoVirus.xml).")
    ] = None,
    shared: SharedOption = Path("../shared"),
    out: OutOption = Path("eval-results"),
    check: CheckOption = False,
    limit: LimitOption = None,
) -> None:
    """Toponyms: recall, and on those found country accuracy, Acc@161 km, median error."""
    from eventwire.evaluate.places import score_places

    geo = shared / "data" / "geo"
    try:
        score = score_places(
            lgl if lgl is not None else geo / "lgl" / "lgl.xml",
            geovirus if geovirus is not None else geo / "geovirus" / "GeoVirus.xml",
            limit,
        )
    except DataSetMissingError as error:
        console.print(f"skipped places: {error}", highlight=False)
        raise typer.Exit(0) from None
    problems = _show(score, out)
    for problem in problems:
        console.print(f"[red]below floor:[/red] {problem}", highlight=False)
    if check and problems:
        raise typer.Exit(1)


@app.command("quotes")
def quotes(
    polnear: Annotated[
        Path | None,
        typer.Option("--polnear", help="PolNeAR folder (default SHARED/data/quotes/polnear)."),
    ] = None,
    split: Annotated[
        str, typer.Option("--split", help="dev to measure, train to develop.")
    ] = "dev",
    shared: SharedOption = Path("../shared"),
    out: OutOption = Path("eval-results"),
    check: CheckOption = False,
    limit: LimitOption = None,
) -> None:
    """Quotes on PolNeAR: content precision and recall (marked and all), speaker accuracy."""
    if split == "dev":
        _run("quotes", polnear, shared, out, check, limit)
        return
    from eventwire.evaluate.quotes import score_polnear

    path = polnear if polnear is not None else shared / load_scorers()["quotes"].default_path
    try:
        score = score_polnear(path, split, limit)
    except DataSetMissingError as error:
        console.print(f"skipped quotes: {error}", highlight=False)
        raise typer.Exit(0) from None
    _show(score, out)


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
