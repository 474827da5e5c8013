"""The ``eventwire`` command line: thin wrappers over library calls.

Exit codes: 0 every input coded, 1 some inputs failed (the rest coded), 2 nothing coded or a
usage error. Each failure is one line on stderr naming the input and the reason.
"""

import json
import sys
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from eventwire.errors import EventwireError, InputError
from eventwire.model import Article, Document

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="News articles to political event data (CAMEO/PLOVER) with evidence.")
out = Console()
err = Console(stderr=True)

FORMATS = ("json", "jsonl", "table", "gdelt")


def _fail_line(message: str) -> None:
    err.print(message, markup=False, highlight=False, soft_wrap=True)


def _parse_day(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail_line(f"error: --date {value!r} is not a date in the form YYYY-MM-DD")
        raise typer.Exit(2) from None


def read_articles(paths: list[str], day: Optional[date], title: Optional[str]) -> tuple[list[Article], list[InputError]]:
    from eventwire.ingest import read_inputs

    articles, failures = [], []
    for item in read_inputs(paths, date=day, title=title):
        (failures if isinstance(item, InputError) else articles).append(item)
    return articles, failures


def _actor(actor) -> str:  # noqa: ANN001
    if actor is None:
        return ""
    return f"{actor.name} ({actor.code})" if actor.code else actor.name


def events_table(docs: list[Document]) -> Table:
    table = Table(show_lines=False, title="events")
    for column in ("date", "cameo", "source", "target", "trigger", "flags", "location"):
        table.add_column(column, overflow="fold")
    for doc in docs:
        for e in doc.events:
            flags = ",".join(f for f, on in (("hypothetical", e.hypothetical), ("negated", e.negated)) if on)
            place = e.location.name if e.location else ""
            table.add_row(e.date or "", e.cameo, _actor(e.source), _actor(e.target), e.trigger.text or "",
                          flags, place)
    return table


def print_documents(docs: list[Document], fmt: str) -> None:
    if fmt == "json":
        payload = [d.to_dict() for d in docs]
        print(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for doc in docs:
            for event in doc.events:
                print(json.dumps(event.to_dict(), ensure_ascii=False))
    elif fmt == "gdelt":
        from eventwire.export import gdelt_rows_from_documents

        for row in gdelt_rows_from_documents(docs):
            print("\t".join(row))
    else:
        out.print(events_table(docs))


def exit_code(coded: int, failed: int) -> int:
    if coded == 0:
        return 2
    return 1 if failed else 0


@app.command("code")
def code_command(
    paths: List[str] = typer.Argument(..., help="Article files (.txt, .html, .jsonl, feeds, WARC) or - for stdin."),
    day: Optional[str] = typer.Option(None, "--date", help="Publication date YYYY-MM-DD (overrides the input's)."),
    title: Optional[str] = typer.Option(None, "--title", help="Article title."),
    fmt: str = typer.Option("json", "--format", "-f", help="json | jsonl | table | gdelt"),
) -> None:
    """Code articles into events and print them."""
    if fmt not in FORMATS:
        _fail_line(f"error: --format must be one of {', '.join(FORMATS)}, not {fmt!r}")
        raise typer.Exit(2)
    articles, failures = read_articles(paths, _parse_day(day), title)
    for failure in failures:
        _fail_line(str(failure))
    docs: list[Document] = []
    if articles:
        from eventwire.coding import Coder

        try:
            docs = list(Coder().code_articles(articles))
        except EventwireError as exc:
            _fail_line(f"error: {exc}")
            raise typer.Exit(2) from None
    print_documents(docs, fmt) if docs else None
    raise typer.Exit(exit_code(len(docs), len(failures)))


@app.command("eval")
def eval_command(
    gold: List[Path] = typer.Argument(..., help="Gold files in the shared format (JSONL)."),
    floors: Optional[Path] = typer.Option(None, "--floors", help="JSON of pinned floors; exit 1 if a score falls below."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Score the coder on gold sets (root/code recall, precision, dyad, F1; location P/R; event types on ACLED-labelled snippets; actor resolution)."""
    from eventwire.evaluate import check_floors, evaluate

    missing = [str(p) for p in gold if not p.is_file()]
    if missing:
        _fail_line(f"error: gold file not found: {', '.join(missing)}")
        raise typer.Exit(2)
    results = evaluate(gold)
    if as_json:
        print(json.dumps(results, indent=2))
    else:
        for table in scores_tables(results):
            out.print(table)
    if floors is not None:
        below = check_floors(results, json.loads(floors.read_text("utf-8")))
        for line in below:
            _fail_line(f"below floor: {line}")
        if below:
            raise typer.Exit(1)


SCORE_COLUMNS = {  # measure -> column title, in display order
    "root_recall": "root", "code_recall": "code", "precision": "prec.", "recall": "recall",
    "dyad": "dyad", "triple_f1": "F1", "type_recall": "type", "disaster_clean": "clean",
    "country": "country", "role": "role", "all": "actor", "predicted_events": "events"}
SCORE_TITLES = {
    "root_recall": "events (root/code: recall; prec.: events with the right root; dyad: with "
                   "source and target; F1: source/target/root triples)",
    "recall": "event locations",
    "type_recall": "event types on ACLED-labelled snippets (type: found; clean: disasters "
                   "coded as no attack)",
    "country": "actor resolution (actor: every field right)"}


def scores_tables(results: list[dict]) -> list[Table]:
    """One table per kind of gold set, each with the measures that kind has."""
    groups: dict[str, list[dict]] = {}
    for r in results:
        kind = next((k for k in SCORE_TITLES if k in r), "root_recall")
        groups.setdefault(kind, []).append(r)
    tables = []
    for kind, rows in groups.items():
        present = [k for k in SCORE_COLUMNS if any(k in r for r in rows)]
        table = Table(title=f"eventwire eval: {SCORE_TITLES[kind]}")
        table.add_column("set", overflow="fold")
        for key in present:
            table.add_column(SCORE_COLUMNS[key], justify="right")
        for r in rows:
            table.add_row(r["set"], *[_fmt(r.get(k)) for k in present])
        tables.append(table)
    return tables


def _fmt(value) -> str:  # noqa: ANN001
    if value is None:
        return ""
    return f"{value:.3f}" if isinstance(value, float) else str(value)


@app.command("demo")
def demo_command(
    db: Path = typer.Option(Path("eventwire.duckdb"), "--db", help="The event store to fill."),
) -> None:
    """Code the bundled sample articles into the store; show events, a summary and a dyad series."""
    from eventwire.analytics import dyad_series, summary
    from eventwire.coding import Coder
    from eventwire.ingest import samples_dir
    from eventwire.ingest_run import ingest

    paths = [str(samples_dir())]
    articles, _ = read_articles(paths, None, None)
    docs = list(Coder().code_articles(articles))
    out.print(events_table(docs))
    report = ingest(paths, db)
    out.print(f"stored in {db}: articles coded {report.articles_coded}, events {report.events}, "
              f"duplicates skipped {report.duplicates}, already stored {report.unchanged}, "
              f"inputs failed {report.failed}", highlight=False)
    facts = summary(db)
    out.print_json(json.dumps(facts, default=str))
    frame = dyad_series(db, "USA", "RUS", freq="week")
    out.print("USA -> RUS by week")
    out.print(frame.to_string(index=False) if len(frame) else "(no USA -> RUS events)")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        _fail_line("interrupted")
        sys.exit(130)


try:  # the store commands (ingest, dyad, export, summary, quotes)
    from eventwire.cli import store_commands as _store_commands

    _store_commands.register(app)
    from eventwire.cli import serve_command as _serve_command

    _serve_command.register(app)
except ImportError:  # pragma: no cover - only while the store is not installed
    pass
