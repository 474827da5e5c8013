"""CLI commands over the store: ingest, dyad, export, summary, quotes.

Each command is a thin wrapper over one library call (``eventwire.ingest_run.ingest``,
``eventwire.analytics``, ``eventwire.export``) that renders its result with Rich. Errors are one
line on stderr, never a traceback; exit codes: 0 all coded, 1 some inputs failed, 2 nothing
coded or a usage error.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator, List, Optional, TypeVar

import pandas as pd
import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventwire.errors import EventwireError
from eventwire.ingest.options import DEFAULT_TIME_LIMIT
from eventwire.store import DEFAULT_DB

out = Console()
err = Console(stderr=True)
T = TypeVar("T")

SPARKS = "▁▂▃▄▅▆▇█"

DbOption = typer.Option(DEFAULT_DB, "--db", help="The event store (a DuckDB file).")


def sparkline(values: list[float]) -> str:
    """One unicode block per value, scaled between the smallest and the largest."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    return "".join(SPARKS[int((v - low) / span * (len(SPARKS) - 1))] for v in values)


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(message, markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _call(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a library call; an eventwire error becomes one line on stderr and exit code 2."""
    try:
        return func(*args, **kwargs)
    except EventwireError as exc:
        raise _fail(f"error: {exc}") from None


def _day(value: Optional[str], flag: str) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(f"error: {flag} {value!r} is not a date (YYYY-MM-DD)") from None


@contextmanager
def _coder(workers: int, scheduler: Optional[str]) -> Iterator[Any]:
    """None (code in this process) or a Dask runner, closed when the ingest ends."""
    if scheduler is None and workers <= 1:
        yield None
        return
    from eventwire.scale import DaskRunner

    try:
        runner = DaskRunner(workers=None if scheduler else workers, scheduler=scheduler)
    except (OSError, TimeoutError, RuntimeError) as exc:
        where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
        raise _fail(f"error: cannot start coding on {where}: {exc}") from None
    with runner:
        yield runner


def ingest_command(
    paths: List[Path] = typer.Argument(..., help="Files, directories or globs to ingest."),
    db: Path = DbOption,
    batch_size: int = typer.Option(64, "--batch-size", min=1, help="Articles per transaction."),
    workers: int = typer.Option(1, "--workers", min=1,
                                help="Coding processes; N > 1 starts a local Dask cluster."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="Code on an existing Dask cluster (e.g. tcp://host:8786)."),
    backfill: bool = typer.Option(
        False, "--backfill", help="Cluster events once at the end instead of batch by batch "
                                  "(faster for large inputs)."),
    time_limit: float = typer.Option(
        DEFAULT_TIME_LIMIT, "--time-limit", min=0,
        help="Seconds one article may take to be read, and again to be coded, before it is "
             "given up as failed (0: no limit)."),
) -> None:
    """Code articles into the event store (idempotent: re-ingesting adds nothing)."""
    from eventwire.ingest import IngestOptions
    from eventwire.ingest_run import ingest

    if scheduler is not None and workers > 1:
        raise _fail("error: give --workers or --scheduler, not both")
    with _coder(workers, scheduler) as coder, \
            Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                     console=err, transient=True) as progress:
        task = progress.add_task("starting")

        def show(report: Any) -> None:
            progress.update(task, description=f"articles {report.articles_coded:,}  "
                                              f"events {report.events:,}")

        report = _call(ingest, paths, db, batch_size=batch_size, on_progress=show,
                       coder=coder, cluster=not backfill,
                       options=IngestOptions(time_limit=time_limit or None))
    for origin, reason in report.failures:
        err.print(f"{origin}: {reason}", markup=False, highlight=False, soft_wrap=True)
    out.print(f"articles coded {report.articles_coded:,}, events {report.events:,}, "
              f"duplicates skipped {report.duplicates:,}, already stored {report.unchanged:,}, "
              f"inputs failed {report.failed:,}", highlight=False, soft_wrap=True)
    raise typer.Exit(report.exit_code)


def dyad_command(
    source: str = typer.Argument(..., help="Source actor: country (USA) or code (USAGOV)."),
    target: str = typer.Argument(..., help="Target actor."),
    freq: str = typer.Option("week", "--freq", help="day | week | month"),
    level: str = typer.Option("country", "--level", help="country (first 3 letters) | actor"),
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
    db: Path = DbOption,
) -> None:
    """Events between two actors per period: quad classes, Goldstein, articles."""
    from eventwire.analytics import dyad_series

    if fmt not in ("table", "csv", "json"):
        raise _fail(f"error: unknown format {fmt!r} (use table, csv or json)")
    frame = _call(dyad_series, db, source, target, freq=freq, level=level)  # type: ignore[arg-type]
    frame["period"] = frame["period"].dt.strftime("%Y-%m-%d")
    if fmt == "csv":
        typer.echo(frame.to_csv(index=False), nl=False)
    elif fmt == "json":
        typer.echo(frame.to_json(orient="records", indent=1))
    else:
        out.print(_dyad_table(frame, f"{source.upper()} → {target.upper()} by {freq}"))


def _dyad_table(frame: pd.DataFrame, title: str) -> Table:
    table = Table(title=title)
    for column in frame.columns:
        is_period = column == "period"
        table.add_column(_HEADERS.get(column, column), justify="left" if is_period else "right",
                         no_wrap=is_period)
    for row in frame.itertuples(index=False):
        table.add_row(*(_cell(v) for v in row))
    if not frame.empty:
        table.caption = (f"events {sparkline(frame['events'].astype(float).tolist())}   "
                         f"goldstein {sparkline(frame['goldstein_sum'].astype(float).tolist())}")
    return table


_HEADERS = {"verbal_coop": "v.coop", "material_coop": "m.coop", "verbal_conflict": "v.confl",
            "material_conflict": "m.confl", "goldstein_sum": "gs sum", "goldstein_mean": "gs mean"}


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return "" if pd.isna(value) else f"{value:.2f}"
    return str(value)


def export_command(
    fmt: str = typer.Option(..., "--format", help="gdelt | parquet | jsonl"),
    out_path: Path = typer.Option(..., "--out", help="File to write."),
    db: Path = DbOption,
    since: Optional[str] = typer.Option(None, "--since", help="First event date, YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Last event date, YYYY-MM-DD."),
    actor: Optional[str] = typer.Option(None, "--actor", help="Actor code prefix (source or target)."),
    root: Optional[str] = typer.Option(None, "--root", help="CAMEO root code, e.g. 14."),
) -> None:
    """Export events as GDELT 2.0 TSV, Parquet or JSONL."""
    from eventwire.export import ExportFilters, export

    filters = ExportFilters(_day(since, "--since"), _day(until, "--until"), actor, root)
    count = _call(export, db, fmt, out_path, filters)  # type: ignore[arg-type]
    out.print(f"wrote {count:,} {fmt} records to {out_path}", highlight=False, soft_wrap=True)


def summary_command(
    db: Path = DbOption,
    fmt: str = typer.Option("table", "--format", help="table | json"),
) -> None:
    """Counts, date span, top actors and top dyads of the store."""
    from eventwire.analytics import summary

    result = _call(summary, db)
    if fmt == "json":
        typer.echo(json.dumps(result, indent=1, default=str))
        return
    counts = ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in result["counts"].items())
    out.print(counts, highlight=False, soft_wrap=True)
    first, last = result["date_span"]
    out.print(f"dates {first} to {last}", highlight=False, soft_wrap=True)
    out.print(_records_table("top actors", result["top_actors"]))
    out.print(_records_table("top dyads (country level)", result["top_dyads"]))


def _records_table(title: str, records: list[dict[str, Any]]) -> Table:
    table = Table(title=title)
    for column in (records[0] if records else {}):
        table.add_column(column.replace("_", " "))
    for record in records:
        table.add_row(*(_cell(v) for v in record.values()))
    return table


def quotes_command(
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Part of a speaker name or code."),
    text: Optional[str] = typer.Option(None, "--text", help="Part of the quoted text."),
    limit: int = typer.Option(50, "--limit", min=1),
    fmt: str = typer.Option("table", "--format", help="table | json"),
    db: Path = DbOption,
) -> None:
    """Who said what: quotes with their date and the article behind each."""
    from eventwire.analytics import find_quotes

    frame = _call(find_quotes, db, speaker=speaker, text=text, limit=limit)
    frame["published"] = frame["published"].astype(str)
    if fmt == "json":
        typer.echo(frame.to_json(orient="records", indent=1))
        return
    table = Table(title=f"{len(frame)} quotes")
    for column in ("published", "speaker", "quote", "article"):
        table.add_column(column)
    for row in frame.itertuples(index=False):
        table.add_row(row.published, row.speaker_name or row.speaker_code or "",
                      row.text, row.url or row.title or row.article_id)
    out.print(table)


def register(app: typer.Typer) -> None:
    """Add the store commands to the eventwire Typer app."""
    app.command("ingest")(ingest_command)
    app.command("dyad")(dyad_command)
    app.command("export")(export_command)
    app.command("summary")(summary_command)
    app.command("quotes")(quotes_command)
