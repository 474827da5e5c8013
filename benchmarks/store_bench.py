"""Store benchmarks, without NLP: write throughput, dyad-series latency, file size.

``run()`` returns a dict of measurements (``benchmarks/run.py`` prints it); run this file
directly to print them. Numbers are wall-clock on the machine at hand.

* write (the issue's target, events/s into DuckDB): synthetic articles are already coded into
  Documents (realistic sentence lengths, evidence offsets into the article text, varied actors);
  the timed part is everything ``eventwire ingest`` does after NLP, through its own code: the
  ingest driver (``code_and_store.ingest`` with a coder that hands back the ready Documents) keys
  each text (``content_key``), asks the store which texts and mentions it holds, fills a
  ``Batch`` (documents, mentions, log rows), turns it into Arrow tables (``store.prepare``) and
  commits them (``Store.write_tables``) into a DuckDB file; closing the store (its final
  checkpoint) is timed too. ``write_events_per_s`` is without event clustering
  (``ingest(..., cluster=False)`` with its final clustering step left out); the same run with
  clustering is reported beside it, and the whole backfill (``eventwire ingest --backfill``:
  writes, then every event clustered once at the end) after them, since
  re-clustering is separate work that grows with the store. Each is measured at the ingest's default batch size and at a backfill batch size.
  ``duckdb_only_events_per_s`` inserts the same rows from ready Arrow tables: DuckDB's own
  ceiling for this schema on this machine, for comparison. ``write_cpu_s_<step>`` splits the
  CPU time of one more run without clustering (backfill batch size) by step: keying the texts,
  existence checks, Batch -> Arrow conversion (of which the event table), inserts with their
  commits, the final checkpoint at close, and the rest of the driver; ``write_cpu_us_per_event``
  is their sum per event (300,000 events/s leaves 3.3 µs of wall time per event).
* clustering as the store grows: a store already holding ``GROWTH_STORED`` events (written
  through the same driver, then clustered once) takes ``GROWTH_NEW`` more events with
  clustering, at the default batch size; ``write_with_clustering_events_per_s_at_<N>`` and the
  milliseconds of clustering per batch show whether the incremental clustering stays flat.
  Synthetic dates are uniform over four years, so a batch's date windows are spread over the
  whole store (no zone-map pruning): the worst case for the narrow block/date scan.
* dyad: a synthetic store of ``DYAD_EVENTS`` events (built with SQL, since only the query is
  timed) answers ``dyad_series(USA, RUS, week)``; median of several runs;
* size: the written file's size, per million events (articles' text included).
"""

from __future__ import annotations

import gc
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterable, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eventwire import code_and_store  # noqa: E402
from eventwire.analytics import dyad_series  # noqa: E402
from eventwire.model import Actor, Article, Document, Event, Span  # noqa: E402
from eventwire.store import Store, content_key  # noqa: E402
from eventwire.store import rows as R  # noqa: E402

WRITE_EVENTS = 300_000
EVENTS_PER_ARTICLE = 20
FILLER_SENTENCES = 10  # sentences of an article without an event
BATCH_SIZES = {"default": 64, "backfill": 500}  # articles per transaction
COUNTRIES = ["USA", "RUS", "CHN", "UKR", "GBR", "FRA", "DEU", "IRN", "ISR", "TUR", "IND",
             "PAK", "JPN", "KOR", "PRK", "SYR", "IRQ", "EGY", "SAU", "BRA"]
ROLES = ["GOV", "MIL", "", "CVL", "OPP", "REB", "JUD", "LEG"]
CODES = ["010", "036", "042", "043", "051", "057", "0831", "111", "112", "1312", "138", "173",
         "190", "193", "195"]
WORDS = ("officials said the talks in the capital would continue next week after a meeting "
         "between ministers on security border trade sanctions forces attack aid").split()
DYAD_EVENTS = 10_000_000
GROWTH_STORED = (100_000, 1_000_000)
GROWTH_NEW = 25_600  # 20 batches of 64 articles


def _actor(rng: random.Random) -> Actor:
    code = rng.choice(COUNTRIES) + rng.choice(ROLES)
    return Actor(code.title(), code, code[:3], code[3:] or None)


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(14, 30))).capitalize() + "."


def _event(rng: random.Random, article_id: str, index: int, sentence: str, start: int,
           day: date) -> Event:
    cameo = rng.choice(CODES)
    trigger = sentence.index(" ") + 1
    return Event(article_id, index, sentence, Span(start, start + len(sentence)),
                 Span(start + trigger, start + trigger + 4, sentence[trigger:trigger + 4]),
                 _actor(rng), _actor(rng), cameo, cameo[:2], 1 + int(cameo[:2]) // 6, -2.5,
                 {"event": "CONSULT", "mode": None, "context": None},
                 date=day.isoformat(), date_precision="day")


def _document(rng: random.Random, number: int) -> Document:
    """An article of event and filler sentences, one paragraph each, coded into a Document."""
    day = date(2020, 1, 1) + timedelta(days=rng.randint(0, 1500))
    sentences = [_sentence(rng) for _ in range(EVENTS_PER_ARTICLE + FILLER_SENTENCES)]
    text = "\n".join([f"By Reporter {number % 97}", *sentences])
    art = Article(text, published=day, url=f"https://outlet{number % 40}.example/{number}")
    events, offset = [], len(f"By Reporter {number % 97}") + 1
    for index, sentence in enumerate(sentences):
        if index < EVENTS_PER_ARTICLE:
            events.append(_event(rng, art.id or "", index, sentence, offset, day))
        offset += len(sentence) + 1
    return Document(art, text, events)


def synthetic_documents(n_events: int, seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    return [_document(rng, a) for a in range(n_events // EVENTS_PER_ARTICLE)]


def _precoded(docs: list[Document]) -> code_and_store.Coder:
    """A coder that returns the ready Document of each article: the ingest without NLP."""
    by_article = {id(doc.article): doc for doc in docs}

    def code(articles: Iterable[Article]) -> Iterator[Document]:
        return (by_article[id(article)] for article in articles)

    return code


def _ingest(docs: list[Document], path: Path, batch_size: int, cluster: bool,
            final_clustering: bool = False) -> float:
    """Seconds ``ingest`` takes to store every document (reading and NLP excluded). With
    ``cluster=False`` the ingest is a backfill, which clusters every event once at its end; that
    final step is timed only with ``final_clustering`` (else the writes alone are timed)."""
    articles = [doc.article for doc in docs]

    def read(paths: Any, **_: Any) -> Iterator[Article]:
        return iter(articles)

    pending = code_and_store.cluster_pending
    if not cluster and not final_clustering:
        code_and_store.cluster_pending = lambda store: 0  # type: ignore[assignment]
    try:
        start = time.perf_counter()
        report = code_and_store.ingest(["-"], path, batch_size=batch_size, coder=_precoded(docs),
                                   reader=read, cluster=cluster)
        elapsed = time.perf_counter() - start
    finally:
        code_and_store.cluster_pending = pending  # type: ignore[assignment]
    assert report.articles_coded == len(docs), report
    return elapsed


def bench_write(tmp: Path, n_events: int = WRITE_EVENTS) -> dict[str, Any]:
    docs = synthetic_documents(n_events)
    # In a real ingest only the batch being written is in memory; here every input Document is.
    # Freezing them keeps the cyclic GC from re-scanning millions of input objects, a cost only
    # this benchmark would have.
    gc.collect()
    gc.freeze()
    n = sum(len(d.events) for d in docs)
    results: dict[str, Any] = {"write_events": n, "write_articles": len(docs)}
    for label, size in BATCH_SIZES.items():
        plain = tmp / f"write_{label}.duckdb"
        results[f"write_events_per_s_batch{size}"] = round(n / _ingest(docs, plain, size, False))
        clustered = _ingest(docs, tmp / f"clustered_{label}.duckdb", size, True)
        results[f"write_with_clustering_events_per_s_batch{size}"] = round(n / clustered)
    # `eventwire ingest --backfill`: the writes, then every event clustered once at the end
    backfill = _ingest(docs, tmp / "backfill.duckdb", BATCH_SIZES["backfill"], False, True)
    results[f"backfill_with_final_clustering_events_per_s_batch{BATCH_SIZES['backfill']}"] = round(n / backfill)
    size_mb = (tmp / "write_default.duckdb").stat().st_size / 2**20
    results["file_mb_per_million_events"] = round(size_mb / n * 1_000_000, 1)
    results.update(bench_duckdb_only(docs, tmp / "duckdb_only.duckdb"))
    results.update(bench_write_steps(docs, tmp / "steps.duckdb", BATCH_SIZES["backfill"]))
    return results


# (module, attribute, step): what the ingest calls, timed by wrapping it for one run.
_STEPS = [("code_and_store", "content_key", "keying"), ("Store", "existing", "existence_checks"),
          ("db", "prepare", "arrow_conversion"), ("R", "event_table", "of_which_event_table"),
          ("Store", "write_tables", "inserts_and_commits"), ("Store", "close", "final_checkpoint")]


def bench_write_steps(docs: list[Document], path: Path, batch_size: int) -> dict[str, Any]:
    """CPU seconds per step of one ingest without clustering (wrappers add a little)."""
    from eventwire.store import db

    owners = {"code_and_store": code_and_store, "Store": Store, "db": db, "R": R}
    spent = dict.fromkeys([step for *_, step in _STEPS], 0.0)
    saved = [(owners[owner], name, getattr(owners[owner], name)) for owner, name, _ in _STEPS]

    def timed(function: Any, step: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[step] += time.process_time() - start
        return call

    for (owner, name, function), (*_, step) in zip(saved, _STEPS):
        setattr(owner, name, timed(function, step))
    try:
        start = time.process_time()
        _ingest(docs, path, batch_size, False)
        total = time.process_time() - start
    finally:
        for owner, name, function in saved:
            setattr(owner, name, function)
    driver = total - sum(v for k, v in spent.items() if not k.startswith("of_which"))
    n = sum(len(doc.events) for doc in docs)
    return {"write_cpu_s_total": round(total, 2),
            "write_cpu_us_per_event": round(total / n * 1e6, 1),
            **{f"write_cpu_s_{step}": round(value, 2) for step, value in spent.items()},
            "write_cpu_s_driver_rest": round(driver, 2)}


def bench_duckdb_only(docs: list[Document], path: Path) -> dict[str, Any]:
    """The ceiling set by DuckDB alone: the same events and articles, already in Arrow tables,
    inserted and committed in backfill-size transactions (no Python work per event timed)."""
    size = BATCH_SIZES["backfill"]
    keyed = [(content_key(doc.text), doc) for doc in docs]
    chunks = [keyed[i:i + size] for i in range(0, len(keyed), size)]
    tables = [(R.to_table([R.article_row(d, k, None) for k, d in chunk], R.ARTICLE_SCHEMA),
               R.event_table(chunk)) for chunk in chunks]
    start = time.perf_counter()
    with Store(path) as store:
        for articles, events in tables:
            store.con.execute("BEGIN TRANSACTION")
            store.insert_arrow("articles", articles)
            store.insert_arrow("event_records", events)
            store.con.execute("COMMIT")
    elapsed = time.perf_counter() - start
    n = sum(events.num_rows for _, events in tables)
    return {f"duckdb_only_events_per_s_batch{size}": round(n / elapsed)}


def _prefilled(path: Path, n_events: int) -> None:
    """A store of ``n_events`` written through the ingest driver and clustered once."""
    from eventwire.store.dedup import recluster

    docs = synthetic_documents(n_events, seed=11)
    _ingest(docs, path, BATCH_SIZES["backfill"], False)
    del docs
    with Store(path) as store:
        store.con.execute("BEGIN TRANSACTION")
        recluster(store.con, None)
        store.con.execute("COMMIT")


def bench_clustering_growth(tmp: Path, sizes: Iterable[int] = GROWTH_STORED,
                            n_new: int = GROWTH_NEW) -> dict[str, Any]:
    """Writes with clustering into stores that already hold ``sizes`` events."""
    from eventwire.store import db  # the writer calls the clusterer it imported: time it there

    new = synthetic_documents(n_new, seed=23)
    results: dict[str, Any] = {}
    for size in sizes:
        path = tmp / f"grown_{size}.duckdb"
        _prefilled(path, size)
        spent: list[float] = []
        batch = db.cluster_batch

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return batch(*args, **kwargs)
            finally:
                spent.append(time.perf_counter() - start)

        db.cluster_batch = timed  # type: ignore[assignment]
        try:
            elapsed = _ingest(new, path, BATCH_SIZES["default"], True)
        finally:
            db.cluster_batch = batch  # type: ignore[assignment]
        label = f"{size // 1000}k"
        results[f"write_with_clustering_events_per_s_at_{label}"] = round(n_new / elapsed)
        results[f"clustering_ms_per_batch_at_{label}"] = round(statistics.median(spent) * 1000, 1)
        path.unlink()
    return results


_SYNTHETIC_EVENTS = """
INSERT INTO event_records BY NAME
SELECT lpad((i // 20)::VARCHAR, 16, '0') AS article_id, (i % 20)::INT AS event_index,
       (i % 20)::INT AS sentence_index,
       s || g AS source_code, t || h AS target_code,
       s || g AS source_name, t || h AS target_name,
       code AS cameo, substr(code, 1, 2) AS root, (1 + (i % 4))::TINYINT AS quad,
       ((i % 200) / 10.0 - 10) AS goldstein, DATE '2015-01-01' + (i % 3650)::INT AS date,
       'day' AS date_precision, false AS negated, false AS hypothetical,
       'c' || (i // 2) AS cluster_id
FROM (SELECT i, {countries}[1 + (hash(i) % 20)::INT] AS s, {countries}[1 + (hash(i + 1) % 20)::INT] AS t,
             {roles}[1 + (hash(i + 2) % 8)::INT] AS g, {roles}[1 + (hash(i + 3) % 8)::INT] AS h,
             {codes}[1 + (hash(i + 4) % 15)::INT] AS code
      FROM range({n}) r(i))
"""

_SYNTHETIC_CLUSTERS = """
INSERT INTO event_clusters BY NAME
SELECT cluster_id, first(event_id) AS representative_event_id, first(source_code) AS source_code,
       first(target_code) AS target_code, first(source_cc) AS source_cc, first(target_cc) AS target_cc,
       first(cameo) AS cameo, first(root) AS root, first(quad) AS quad, first(goldstein) AS goldstein,
       min(date) AS date, false AS negated, false AS hypothetical, count(*) AS num_mentions,
       count(*) AS num_articles, 1 AS num_sources, min(date) AS first_seen, max(date) AS last_seen
FROM events GROUP BY cluster_id
"""


def _sql_list(values: list[str]) -> str:
    return "[" + ", ".join(f"'{v}'" for v in values) + "]"


def build_synthetic_store(path: Path, n: int = DYAD_EVENTS) -> float:
    """A store of ``n`` events (two per cluster) made in SQL; returns seconds taken."""
    start = time.perf_counter()
    with Store(path) as store:
        store.con.execute(_SYNTHETIC_EVENTS.format(
            countries=_sql_list(COUNTRIES), roles=_sql_list(ROLES), codes=_sql_list(CODES), n=n))
        store.con.execute(_SYNTHETIC_CLUSTERS)
        store.con.execute("CHECKPOINT")
    return time.perf_counter() - start


def bench_dyad(tmp: Path, n: int = DYAD_EVENTS, runs: int = 7) -> dict[str, Any]:
    path = tmp / "dyad.duckdb"
    built = build_synthetic_store(path, n)
    with Store(path, read_only=True) as store:  # as `eventwire dyad` reads: all threads
        dyad_series(store, "USA", "RUS", "week")  # warm the file cache once
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            frame = dyad_series(store, "USA", "RUS", "week")
            times.append(time.perf_counter() - start)
    return {
        "dyad_store_events": n,
        "dyad_store_build_s": round(built, 1),
        "dyad_store_mb_per_million_events": round(path.stat().st_size / n * 1e6 / 2**20, 1),
        "dyad_weekly_ms_median": round(statistics.median(times) * 1000, 1),
        "dyad_weekly_periods": len(frame),
    }


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        results = bench_write(Path(tmp))
        results.update(bench_clustering_growth(Path(tmp)))
        results.update(bench_dyad(Path(tmp)))
    return results


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:40s} {value}")
