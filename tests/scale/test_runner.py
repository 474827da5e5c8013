"""The Dask runner on a real local cluster: the same events as in-process coding, and faults
(a worker SIGKILLed mid-run, an article that kills the workers it is given) lose nothing."""

from __future__ import annotations

import json
import os
import re
import signal
import time
from datetime import date
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import eventwire
from crash_ingest import text_of
from dask_fakes import POISON, hungry_coder, slow_coder
from store_fakes import article, build, reader_of, snapshot

from eventwire.cli import store_commands
from eventwire.code_and_store import IngestReport, ingest
from eventwire.code_to_parquet import ingest_to_parquet
from eventwire.model import Article, Document
from eventwire.scale import DaskRunner, code_on_dask
from eventwire.store import Store, content_key
from eventwire.store.load import load

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
     "prices.\n\nPolice detained dozens of demonstrators."),  # paragraphs, as news has
    ("2024-03-09", "The United Nations sent food aid to Ethiopia on Saturday. \"We need access "
     "to every district,\" a U.N. spokesman said."),
]


def _articles() -> list[Article]:
    return [Article(text=text, id=f"wire-{n}", published=date.fromisoformat(day))
            for n, (day, text) in enumerate(WIRE)]


def _records(docs: list[Document]) -> list[dict]:
    return [{"id": d.article.id, "events": [e.to_dict() for e in d.events],
             "quotes": [q.to_dict() for q in d.quotes]} for d in docs]


def test_dask_gives_the_same_documents_as_code_many(cluster) -> None:  # noqa: ANN001
    expected = _records(list(eventwire.code_many(_articles())))
    assert sum(len(r["events"]) for r in expected) >= len(WIRE)  # the texts do code to events
    docs = list(code_on_dask(iter(_articles()), scheduler=cluster.scheduler_address, batch_size=2))
    assert _records(docs) == expected  # same order, codes, actors, offsets, quotes
    assert len(cluster.workers) == 2  # a user's cluster is left running


@pytest.mark.parametrize("kwargs", [
    {},
    {"workers": 2, "scheduler": "tcp://127.0.0.1:8786"},
    {"workers": 0},
    {"workers": 2, "batch_size": 0},
])
def test_bad_options_fail_at_the_call(kwargs: dict, no_leaked_workers: None) -> None:
    with pytest.raises(ValueError):
        code_on_dask(_articles(), **kwargs)


def _ingest(app: typer.Typer, inputs: Path, db: Path, *flags: str) -> tuple[dict, str]:
    result = CliRunner().invoke(app, ["ingest", str(inputs), "--db", str(db), *flags])
    assert result.exit_code == 0, result.output
    assert "articles/s)" in result.stdout
    summary = CliRunner().invoke(app, ["summary", "--db", str(db), "--format", "json"])
    return json.loads(summary.stdout)["counts"], result.stderr


def test_cli_ingest_with_workers_matches_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     no_leaked_workers: None) -> None:
    monkeypatch.setattr(store_commands, "PROGRESS_EVERY", 0.0)  # a progress line per batch
    inputs = tmp_path / "wire"
    inputs.mkdir()
    (inputs / "feed.jsonl").write_text("".join(
        json.dumps({"id": f"w{n}", "date": day, "text": text}) + "\n"
        for n, (day, text) in enumerate(WIRE)))
    app = typer.Typer()
    store_commands.register(app)
    one, _ = _ingest(app, inputs, tmp_path / "one.duckdb", "--workers", "1")
    two, stderr = _ingest(app, inputs, tmp_path / "two.duckdb", "--workers", "2",
                          "--batch-size", "4")
    assert two == one
    assert one["articles"] == len(WIRE) and one["events"] > 0
    assert "local Dask cluster: dashboard http://127.0.0.1:" in stderr
    assert "Traceback" not in stderr
    progress = [line for line in stderr.splitlines() if line.startswith("articles coded")]
    assert re.fullmatch(rf"articles coded {len(WIRE)}  events {one['event_mentions']}  failed 0  "
                        r"[\d.,]+ articles/s", progress[-1])


def test_cli_refuses_workers_with_scheduler(tmp_path: Path) -> None:
    app = typer.Typer()
    store_commands.register(app)
    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--workers", "2",
                                      "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "not both" in result.stderr


# ---- faults ------------------------------------------------------------------------------------

N_FAKE = 120


def _fake_articles(n: int = N_FAKE) -> list[Article]:
    """Texts the fake coder reads: article i holds 1 + i % 3 events."""
    return [article(text_of(i), url=f"https://outlet{i % 5}.example/{i}") for i in range(n)]


def _stored(db: Path) -> dict[str, int]:
    with Store(db) as store:
        return dict(store.con.execute(
            "SELECT a.id, count(e.event_id) FROM articles a "
            "LEFT JOIN events e ON e.article_id = a.id GROUP BY a.id").fetchall())


def _expected(articles: list[Article]) -> dict[str, int]:
    return {content_key(a.text): a.text.count("\n") + 1 for a in articles}


def test_a_worker_sigkilled_mid_run_loses_nothing(tmp_path: Path, cluster) -> None:  # noqa: ANN001
    """Its batch is coded again elsewhere: each article stored exactly once, none failed."""
    articles, killed = _fake_articles(), []
    with DaskRunner(scheduler=cluster.scheduler_address, code=slow_coder) as runner:
        pids = runner.client.run(os.getpid)

        def kill_once(report: IngestReport) -> None:
            if not killed and report.articles_coded:
                victim = next(iter(pids.values()))
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)

        report = ingest(["-"], tmp_path / "k.duckdb", coder=runner, reader=reader_of(articles),
                        batch_size=20, on_progress=kill_once)
        assert killed and killed[0] not in runner.client.run(os.getpid).values()
    assert report.failed == 0 and report.articles_coded == len(articles)
    assert _stored(tmp_path / "k.duckdb") == _expected(articles)


def test_an_article_that_kills_its_worker_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      no_leaked_workers: None) -> None:
    """A worker that runs out of memory on one article is restarted by its nanny; the article
    is logged as failed with its reason, every other article is stored: in the store, and in
    the Parquet shards the workers write (loaded, they equal an ingest of the good articles)."""
    monkeypatch.setenv(POISON, "POISON-PILL")  # read only by the test's hungry_coder
    articles = _fake_articles(30)
    poisoned = article(articles[13].text + "\nPOISON-PILL", url="https://bad.example/13")
    good, given = articles[:13] + articles[14:], articles[:13] + [poisoned] + articles[14:]
    start = time.monotonic()
    with DaskRunner(workers=2, code=hungry_coder, memory_limit="400MB") as runner:
        stored = ingest(["-"], tmp_path / "p.duckdb", coder=runner, reader=reader_of(given),
                        batch_size=10)
        sharded = ingest_to_parquet(["-"], str(tmp_path / "shards"), runner=runner,
                                    batch_size=10, reader=reader_of(given))
    assert time.monotonic() - start < 180
    for report in (stored, sharded):
        assert report.failed == 1 and report.articles_coded == len(good)
        (origin, reason), = report.failures
        assert origin == "https://bad.example/13" and "worker coding it died" in reason
    assert _stored(tmp_path / "p.duckdb") == _expected(good)
    load(str(tmp_path / "shards"), tmp_path / "loaded.duckdb")
    build(tmp_path / "ingested.duckdb", good, batch_size=10)
    for db in ("p.duckdb", "loaded.duckdb"):
        found = snapshot(tmp_path / db)
        assert [row[:2] for row in found["log"] if row[1] == "failed"] == [(origin, "failed")]
    loaded, ingested = snapshot(tmp_path / "loaded.duckdb"), snapshot(tmp_path / "ingested.duckdb")
    assert loaded["events"] == ingested["events"] and loaded["clusters"] == ingested["clusters"]
