"""Store benchmarks, without NLP: write throughput, dyad-series latency, file size.

``run()`` returns a dict of measurements (``benchmarks/run.py`` prints it); run this file
directly to print them. Numbers are wall-clock on the machine at hand.

* write: synthetic Documents (realistic sentence lengths, varied actors) go through the real
  write path (``Batch.add_document`` -> Arrow -> one DuckDB transaction per batch), once without
  and once with event clustering;
* dyad: a synthetic store of ``DYAD_EVENTS`` events (built with SQL, since only the query is
  timed) answers ``dyad_series(USA, RUS, week)``; median of several runs;
* size: the write-path file's size, per million events.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eventwire.analytics import dyad_series  # noqa: E402
from eventwire.model import Actor, Article, Document, Event, Span  # noqa: E402
from eventwire.store import Batch, Store, content_key  # noqa: E402

WRITE_EVENTS = 300_000
EVENTS_PER_ARTICLE = 20
BATCH_ARTICLES = 500
DYAD_EVENTS = 10_000_000
COUNTRIES = ["USA", "RUS", "CHN", "UKR", "GBR", "FRA", "DEU", "IRN", "ISR", "TUR", "IND",
             "PAK", "JPN", "KOR", "PRK", "SYR", "IRQ", "EGY", "SAU", "BRA"]
ROLES = ["GOV", "MIL", "", "CVL", "OPP", "REB", "JUD", "LEG"]
CODES = ["010", "036", "042", "043", "051", "057", "0831", "111", "112", "1312", "138", "173",
         "190", "193", "195"]
WORDS = ("officials said the talks in the capital would continue next week after a meeting "
         "between ministers on security border trade sanctions forces attack aid").split()


def _actor(rng: random.Random) -> Actor:
    code = rng.choice(COUNTRIES) + rng.choice(ROLES)
    return Actor(code.title(), code, code[:3], code[3:] or None)


def _event(rng: random.Random, article_id: str, index: int, day: date) -> Event:
    sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(14, 30))) + "."
    cameo = rng.choice(CODES)
    return Event(article_id, index, sentence, Span(index * 200, index * 200 + len(sentence)),
                 Span(index * 200 + 10, index * 200 + 16, "warned"), _actor(rng), _actor(rng),
                 cameo, cameo[:2], 1 + int(cameo[:2]) // 6, -2.5, {"event": "CONSULT"},
                 date=day.isoformat(), date_precision="day")


def synthetic_documents(n_events: int, seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for a in range(n_events // EVENTS_PER_ARTICLE):
        day = date(2020, 1, 1) + timedelta(days=rng.randint(0, 1500))
        text = f"Article {a}. " + " ".join(rng.choice(WORDS) for _ in range(300))
        art = Article(text, published=day, url=f"https://outlet{a % 40}.example/{a}")
        docs.append(Document(art, text, [_event(rng, art.id or "", i, day)
                                         for i in range(EVENTS_PER_ARTICLE)]))
    return docs


def _write(docs: list[Document], path: Path, cluster: bool) -> float:
    """Seconds to write every document through the store's batch path."""
    with Store(path) as store:
        start = time.perf_counter()
        for i in range(0, len(docs), BATCH_ARTICLES):
            batch = Batch()
            for doc in docs[i:i + BATCH_ARTICLES]:
                key = content_key(doc.text)
                batch.add_document(doc, key)
                batch.add_mention(doc.article, key)
            store.write(batch, cluster=cluster)
        return time.perf_counter() - start


def bench_write(tmp: Path) -> dict[str, Any]:
    docs = synthetic_documents(WRITE_EVENTS)
    n = sum(len(d.events) for d in docs)
    plain = _write(docs, tmp / "write.duckdb", cluster=False)
    size = (tmp / "write.duckdb").stat().st_size
    clustered = _write(docs, tmp / "write_clustered.duckdb", cluster=True)
    return {
        "write_events": n,
        "write_events_per_s": round(n / plain),
        "write_with_clustering_events_per_s": round(n / clustered),
        "file_mb_per_million_events": round(size / n * 1_000_000 / 2**20, 1),
    }


_SYNTHETIC_EVENTS = """
INSERT INTO events BY NAME
SELECT 'e' || i AS event_id, 'a' || (i // 20) AS article_id, (i % 20)::INT AS event_index,
       (i % 20)::INT AS sentence_index, 'synthetic sentence ' || (i % 997) AS sentence,
       s || g AS source_code, t || h AS target_code, s AS source_cc, t AS target_cc,
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
    with Store(path) as store:
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
        results.update(bench_dyad(Path(tmp)))
    return results


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:40s} {value}")
