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
    min_confidence: Optional[float] = typer.Option(
        None, "--min-confidence", min=0.0, max=1.0,
        help="Only events the coder is this sure of, 0 to 1 (`eventwire eval` shows the "
             "precision of each band)."),
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
    if min_confidence is not None:
        for doc in docs:
            doc.events = [e for e in doc.events if (e.confidence or 0.0) >= min_confidence]
    print_documents(docs, fmt) if docs else None
    raise typer.Exit(exit_code(len(docs), len(failures)))


@app.command("eval")
def eval_command(
    gold: List[Path] = typer.Argument(..., help="Gold files in the shared format (JSONL), or article-set folders (articles/ + gold/)."),
    floors: Optional[Path] = typer.Option(None, "--floors", help="JSON of pinned floors (and ceilings); exit 1 if one is broken."),
    json_out: Optional[str] = typer.Option(None, "--json", help="Save the report as JSON to FILE ('-': print it instead of the tables)."),
    explain_misses: bool = typer.Option(False, "--explain", help="List every miss of article sets by category, with the coder's account."),
    compare: Optional[Path] = typer.Option(None, "--compare", help="A report saved earlier with --json: print what changed."),
) -> None:
    """Score the coder on gold sets (events: root/code recall, precision, dyad, F1; whole articles: root and dyad P/R/F1, traps, dates, modality, places, quotes; locations; event types; actor resolution)."""
    from eventwire.evaluate import check_floors, evaluate_report

    missing = [str(p) for p in gold if not p.exists()]
    if missing:
        _fail_line(f"error: gold file not found: {', '.join(missing)}")
        raise typer.Exit(2)
    previous = _read_report(compare) if compare is not None else None
    report = evaluate_report(gold, explain=explain_misses)
    results = report["sets"]
    if json_out == "-":
        print(json.dumps(report, indent=2))
    else:
        for table in scores_tables(results):
            out.print(table)
        for text in report.get("explain_text", []):
            print(text)
        if json_out:
            Path(json_out).write_text(json.dumps({k: v for k, v in report.items() if k != "explain_text"}, indent=1), "utf-8")
    if previous is not None:
        from eventwire.evaluate import compare_reports

        print(compare_reports(previous, report))
    if floors is not None:
        below = check_floors(results, json.loads(floors.read_text("utf-8")))
        for line in below:
            _fail_line(f"below floor: {line}")
        if below:
            raise typer.Exit(1)


def _read_report(path: Path) -> dict:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        _fail_line(f"error: {path}: not a readable eval report ({exc})")
        raise typer.Exit(2) from None


ARTICLE_COLUMNS = {  # whole-article sets: measure -> column title
    "root_precision": "root P", "root_recall": "root R", "root_f1": "root F1",
    "dyad_precision": "dyad P", "dyad_recall": "dyad R", "dyad_f1": "dyad F1",
    "trap_hits": "traps", "date_accuracy": "date", "modality_accuracy": "modality",
    "location_accuracy": "place", "quote_speaker_share": "speakers",
    "high_confidence_share": "conf>=.7", "high_confidence_dyad_precision": "its dyad P",
    "predicted_events": "events"}
SCORE_COLUMNS = {  # measure -> column title, in display order
    "root_recall": "root", "code_recall": "code", "precision": "prec.", "recall": "recall",
    "dyad": "dyad", "triple_f1": "F1", "type_recall": "type", "disaster_clean": "clean",
    "country": "country", "role": "role", "all": "actor", "predicted_events": "events"}
SCORE_TITLES = {
    "root_f1": "whole articles (root/dyad: precision, recall as root/dyad, F1; traps: hits; date, "
               "modality, place: accuracy over root matches; speakers: quotes with the right speaker; "
               "conf>=.7: share and dyad precision of confident events)",
    "root_recall": "events (root/code: recall; prec.: events with the right root; dyad: with "
                   "source and target; F1: source/target/root triples)",
    "recall": "event locations",
    "type_recall": "event types on ACLED-labelled snippets (type: found; clean: disasters "
                   "coded as no attack)",
    "country": "actor resolution (actor: every field right)"}


def scores_tables(results: list[dict]) -> list[Table]:
    """One table per kind of gold set, each with the measures that kind has; article sets add
    their scores per root and per confidence band."""
    groups: dict[str, list[dict]] = {}
    for r in results:
        kind = next((k for k in SCORE_TITLES if k in r), "root_recall")
        groups.setdefault(kind, []).append(r)
    tables = []
    for kind, rows in groups.items():
        if kind == "root_f1":  # many measures: one row each, one column per set
            tables.append(_measures_table(f"eventwire eval: {SCORE_TITLES[kind]}", rows))
        else:
            tables.append(_table(f"eventwire eval: {SCORE_TITLES[kind]}", rows, SCORE_COLUMNS, "set"))
    for r in groups.get("root_f1", []):
        per_root = [{"set": root, **m} for root, m in r["per_root"].items()]
        tables.append(_table(f"{r['set']} by CAMEO root", per_root, {"gold": "gold", "predicted": "predicted",
                             **{k: v for k, v in ARTICLE_COLUMNS.items() if "_" in k and "accuracy" not in k
                                and "confidence" not in k and "quote" not in k}}, "root"))
        tables.append(_table(f"{r['set']}: precision by the coder's confidence", [
            {"set": b["band"], **b} for b in r["confidence_bands"]],
            {"events": "events", "share": "share", "root_precision": "root P", "dyad_precision": "dyad P"}, "band"))
    return tables


def _measures_table(title: str, rows: list[dict]) -> Table:
    table = Table(title=title)
    table.add_column("measure")
    for r in rows:
        table.add_column(str(r["set"]), justify="right")
    for key, name in ARTICLE_COLUMNS.items():
        table.add_row(f"{name} ({key})", *[_fmt(r.get(key)) for r in rows])
    return table


def _table(title: str, rows: list[dict], columns: dict[str, str], first: str) -> Table:
    present = [k for k in columns if any(k in r for r in rows)]
    table = Table(title=title)
    table.add_column(first, overflow="fold")
    for key in present:
        table.add_column(columns[key], justify="right")
    for r in rows:
        table.add_row(str(r["set"]), *[_fmt(r.get(k)) for k in present])
    return table


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
    from eventwire.code_and_store import ingest

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
