"""The Dask runner on a real local cluster: same events as in-process coding, no leaked workers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psutil
import pytest
import typer
from typer.testing import CliRunner

import eventwire
from eventwire.cli import store_commands
from eventwire.model import Article, Document
from eventwire.scale import DaskRunner, code_on_dask

WIRE = [
    ("2024-03-04", "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi "
     "in Beijing on Monday. Lavrov said Moscow was ready to expand cooperation."),
    ("2024-03-05", "The European Union imposed new sanctions on Belarus on Tuesday over the "
     "crackdown on the opposition, officials in Brussels said."),
    ("2024-03-06", "Ukrainian troops shelled Russian positions near Donetsk overnight, the "
     "Russian defence ministry said on Wednesday."),
    ("2024-03-07", "U.S. Secretary of State Antony Blinken warned Russia on Thursday that "
     "Washington would impose severe sanctions if Russian forces invaded Ukraine."),
    ("2024-03-08", "Thousands of protesters rallied in Almaty on Friday against a rise in fuel "
     "prices. Police detained dozens of demonstrators."),
    ("2024-03-09", "The United Nations sent food aid to Ethiopia on Saturday. \"We need access "
     "to every district,\" a U.N. spokesman said."),
]


def _articles() -> list[Article]:
    return [Article(text=text, id=f"wire-{n}", published=date.fromisoformat(day))
            for n, (day, text) in enumerate(WIRE)]


def _dask_workers() -> list[psutil.Process]:
    """Worker processes started by distributed (spawned, so their command line says so)."""
    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            if "spawn_main" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.NoSuchProcess:
            pass
    return found


@pytest.fixture
def no_leaked_workers() -> Iterator[None]:
    before = {p.pid for p in _dask_workers()}
    yield
    leaked = [p for p in _dask_workers() if p.pid not in before]
    _, alive = psutil.wait_procs(leaked, timeout=60)  # a closing nanny may need a moment (slow under load)
    assert not alive, f"Dask worker processes left running: {[p.pid for p in alive]}"


def _records(docs: list[Document]) -> list[dict]:
    return [{"id": d.article.id, "events": [e.to_dict() for e in d.events],
             "quotes": [q.to_dict() for q in d.quotes]} for d in docs]


@pytest.mark.parametrize("how", ["workers", "scheduler"])
def test_dask_gives_the_same_documents_as_code_many(how: str, no_leaked_workers: None) -> None:
    expected = _records(list(eventwire.code_many(_articles())))
    assert sum(len(r["events"]) for r in expected) >= len(WIRE)  # the texts do code to events
    if how == "workers":
        docs = list(code_on_dask(_articles(), workers=2, batch_size=2))
    else:  # a user's cluster: reached by address and left running after coding
        from distributed import LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster:
            docs = list(code_on_dask(iter(_articles()), scheduler=cluster.scheduler_address,
                                     batch_size=4))
            assert len(cluster.workers) == 2
    assert _records(docs) == expected  # same order, codes, actors, offsets, quotes


def test_runner_keeps_its_cluster_across_calls(no_leaked_workers: None) -> None:
    """The ingest driver calls the coder once per transaction: one cluster serves them all."""
    articles = _articles()
    with DaskRunner(workers=2, batch_size=32) as runner:
        first = list(runner(articles[:3]))
        second = list(runner(articles[3:]))
    assert [d.article.id for d in first + second] == [a.id for a in articles]


@pytest.mark.parametrize("kwargs", [
    {},
    {"workers": 2, "scheduler": "tcp://127.0.0.1:8786"},
    {"workers": 0},
    {"workers": 2, "batch_size": 0},
])
def test_bad_options_fail_at_the_call(kwargs: dict, no_leaked_workers: None) -> None:
    with pytest.raises(ValueError):
        code_on_dask(_articles(), **kwargs)


def _ingest(app: typer.Typer, inputs: Path, db: Path, *flags: str) -> dict:
    result = CliRunner().invoke(app, ["ingest", str(inputs), "--db", str(db), *flags])
    assert result.exit_code == 0, result.output
    summary = CliRunner().invoke(app, ["summary", "--db", str(db), "--format", "json"])
    return json.loads(summary.stdout)["counts"]


def test_cli_ingest_with_workers_matches_one_process(tmp_path: Path,
                                                     no_leaked_workers: None) -> None:
    inputs = tmp_path / "wire"
    inputs.mkdir()
    (inputs / "feed.jsonl").write_text("".join(
        json.dumps({"id": f"w{n}", "date": day, "text": text}) + "\n"
        for n, (day, text) in enumerate(WIRE)))
    app = typer.Typer()
    store_commands.register(app)
    one = _ingest(app, inputs, tmp_path / "one.duckdb", "--workers", "1")
    two = _ingest(app, inputs, tmp_path / "two.duckdb", "--workers", "2", "--batch-size", "4")
    assert two == one
    assert one["articles"] == len(WIRE) and one["events"] > 0


def test_cli_refuses_workers_with_scheduler(tmp_path: Path) -> None:
    app = typer.Typer()
    store_commands.register(app)
    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--workers", "2",
                                      "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "not both" in result.stderr
