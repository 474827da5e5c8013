"""CLI commands over the store: ingest, load, dyad, export, summary, quotes.

Each command is a thin wrapper over one library call (``eventwire.code_and_store.ingest`` or
``eventwire.code_to_parquet.ingest_to_parquet``, ``eventwire.store.load``,
``eventwire.analytics``, ``eventwire.export``) that renders its result with Rich. Errors are one
line on stderr, never a traceback; exit codes: 0 all coded, 1 some inputs failed, 2 nothing
coded or a usage error.
"""

from __future__ import annotations

import json
import time
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
MinConfidenceOption = typer.Option(
    None, "--min-confidence", min=0.0, max=1.0,
    help="Only events the coder is this sure of, 0 to 1 (an event reported several times: its "
         "surest report). `eventwire eval` shows the precision of each band.")


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


PROGRESS_EVERY = 10.0  # seconds between progress lines when stderr is not a terminal (a job log)


def progress_line(report: Any) -> str:
    """What the progress line shows, in both modes: coded, events, failures, articles/s."""
    return (f"articles coded {report.articles_coded:,}  events {report.events:,}  "
            f"failed {report.failed:,}  {report.articles_per_second:,.1f} articles/s")


@contextmanager
def _progress() -> Iterator[Callable[[Any], None]]:
    """A live line on a terminal; elsewhere (a batch job's log) a plain line every so often."""
    if not err.is_terminal:
        last = [time.monotonic()]

        def log_line(report: Any) -> None:
            if time.monotonic() - last[0] >= PROGRESS_EVERY:
                last[0] = time.monotonic()
                err.print(progress_line(report), highlight=False, soft_wrap=True)

        yield log_line
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task("starting")
        yield lambda report: progress.update(task, description=progress_line(report))


def _quiet_dask() -> None:
    """Dask's own log lines (worker heartbeats failing while a cluster shuts down, with their
    tracebacks) are not for the user: eventwire says what happened to each article itself. The
    environment variable reaches the worker processes; a user's own setting wins."""
    import logging
    import os

    level = os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "critical")
    logging.getLogger("distributed").setLevel(level.upper())


@contextmanager
def _runner(workers: int, scheduler: Optional[str], timeout: float,
            memory_limit: Optional[str]) -> Iterator[Any]:
    """None (code in this process) or a Dask runner, closed when the ingest ends."""
    if scheduler is None and workers <= 1:
        yield None
        return
    _quiet_dask()
    from eventwire.scale import DaskRunner

    runner = _call(DaskRunner, workers=None if scheduler else workers, scheduler=scheduler,
                   timeout=timeout, memory_limit=memory_limit or "auto")
    with runner:
        if runner.dashboard_link:
            where = "local Dask cluster" if scheduler is None else f"Dask cluster at {scheduler}"
            err.print(f"{where}: dashboard {runner.dashboard_link}", highlight=False,
                      soft_wrap=True)
        yield runner


def ingest_command(
    paths: List[Path] = typer.Argument(..., help="Files, directories or globs to ingest."),
    db: Path = DbOption,
    batch_size: int = typer.Option(64, "--batch-size", min=1,
                                   help="Articles per transaction (per shard with --out-parquet)."),
    workers: int = typer.Option(1, "--workers", min=1,
                                help="Coding processes; N > 1 starts a local Dask cluster."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="Code on an existing Dask cluster (e.g. tcp://host:8786)."),
    backfill: bool = typer.Option(
        False, "--backfill", help="Cluster events once at the end instead of batch by batch "
                                  "(faster for large inputs)."),
    out_parquet: Optional[str] = typer.Option(
        None, "--out-parquet", help="Write Parquet shards to this folder or fsspec URL instead "
                                    "of the store (each worker writes its own; see `load`)."),
    timeout: float = typer.Option(10.0, "--connect-timeout", min=0.1,
                                  help="Seconds to reach the --scheduler before giving up."),
    memory_limit: Optional[str] = typer.Option(
        None, "--memory-limit", help="Memory per local Dask worker (e.g. 2GB); a worker over "
                                     "it is restarted and its article logged as failed."),
    time_limit: float = typer.Option(
        DEFAULT_TIME_LIMIT, "--time-limit", min=0,
        help="Seconds one article may take to be read, and again to be coded, before it is "
             "given up as failed (0: no limit)."),
) -> None:
    """Code articles into the event store (idempotent: re-ingesting adds nothing)."""
    from eventwire.ingest import IngestOptions

    if scheduler is not None and workers > 1:
        raise _fail("error: give --workers or --scheduler, not both")
    if out_parquet is not None and backfill:
        raise _fail("error: --backfill is for the store; --out-parquet writes no store")
    with _runner(workers, scheduler, timeout, memory_limit) as runner, _progress() as show:
        report = _call(_ingest, paths, db, out_parquet, runner, batch_size=batch_size,
                       on_progress=show, cluster=not backfill,
                       options=IngestOptions(time_limit=time_limit or None))
    for origin, reason in report.failures:
        err.print(f"{origin}: {reason}", markup=False, highlight=False, soft_wrap=True)
    where = f" to {out_parquet}" if out_parquet else ""
    out.print(f"articles coded {report.articles_coded:,}, events {report.events:,}, "
              f"duplicates skipped {report.duplicates:,}, already stored {report.unchanged:,}, "
              f"inputs failed {report.failed:,}{where} "
              f"({report.articles_per_second:,.1f} articles/s)", highlight=False, soft_wrap=True)
    raise typer.Exit(report.exit_code)


def _ingest(paths: List[Path], db: Path, out_parquet: Optional[str], runner: Any,
            **options: Any) -> Any:
    """The library call behind ``ingest``: into the store, or into Parquet shards."""
    if out_parquet is not None:
        from eventwire.code_to_parquet import ingest_to_parquet

        options.pop("cluster")
        return ingest_to_parquet(paths, out_parquet, runner=runner, **options)
    from eventwire.code_and_store import ingest

    return ingest(paths, db, coder=runner, **options)


def load_command(
    source: str = typer.Argument(..., help="A folder (or fsspec URL) of Parquet shards."),
    db: Path = DbOption,
) -> None:
    """Load Parquet shards written by `ingest --out-parquet` into the store (idempotent)."""
    from eventwire.store.load import load

    report = _call(load, source, db)
    out.print(f"shards {report.shards:,}: articles added {report.articles:,}, events "
              f"{report.events:,}, quotes {report.quotes:,}, mentions {report.mentions:,}, "
              f"already stored {report.already_stored:,}", highlight=False, soft_wrap=True)


def dyad_command(
    source: str = typer.Argument(..., help="Source actor: country (USA) or code (USAGOV)."),
    target: str = typer.Argument(..., help="Target actor."),
    freq: str = typer.Option("week", "--freq", help="day | week | month"),
    level: str = typer.Option("country", "--level", help="country (first 3 letters) | actor"),
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
    db: Path = DbOption,
    min_confidence: Optional[float] = MinConfidenceOption,
) -> None:
    """Events between two actors per period: quad classes, Goldstein, articles."""
    from eventwire.analytics import dyad_series

    if fmt not in ("table", "csv", "json"):
        raise _fail(f"error: unknown format {fmt!r} (use table, csv or json)")
    frame = _call(dyad_series, db, source, target, freq=freq, level=level,  # type: ignore[arg-type]
                  min_confidence=min_confidence)
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
    min_confidence: Optional[float] = MinConfidenceOption,
) -> None:
    """Export events as GDELT 2.0 TSV, Parquet or JSONL."""
    from eventwire.export import ExportFilters, export

    filters = ExportFilters(_day(since, "--since"), _day(until, "--until"), actor, root, min_confidence)
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
    app.command("load")(load_command)
    app.command("dyad")(dyad_command)
    app.command("export")(export_command)
    app.command("summary")(summary_command)
    app.command("quotes")(quotes_command)
