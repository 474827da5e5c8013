"""`make bench`, the dashboard's part: latency of the API under load and the overview's render
time, on a store of one million synthetic events.

* The store: ``EVENTS`` events (clusters, one mention each) in ``EVENTS // 20`` articles whose text
  holds every event's evidence sentence, 20 countries x 8 roles as actors, 15 CAMEO codes, dates
  over ten years, a fifth of the events located in a city, one quote per article; made with SQL
  (only the reading is timed).
* The server: ``eventwire serve`` in its own process (``--coders 0``: reads only).
* The load: ``benchmarks/serve_load.py`` in a second process on the same two cores, 20 clients for
  20 s: first a page of 50 events with a random actor, CAMEO root and date range, then the weekly
  dyad series of a random pair of countries. Reported: p50/p95/max latency, requests/s, failures,
  the CPU the load process used (its CPU seconds over the wall time: 1.0 is a whole core) and the
  server's. Target: p95 < 200 ms.
* The overview page in headless Chromium (Debian's, through playwright), first load in a fresh
  browser context against a freshly started server: from navigation until the chart of events
  over time is drawn. Target: < 2 s. Two more first loads follow (the server warm).

    python benchmarks/serve_bench.py [--events N] [--clients N] [--seconds S] [--keep PATH]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests" / "web"))  # the Chromium launcher and live server

from eventwire.ontology import cameo  # noqa: E402
from eventwire.store import Store  # noqa: E402
from eventwire.store.keys import BLOCK_KEY_SQL  # noqa: E402

EVENTS = 1_000_000
CODES = ["010", "036", "042", "043", "051", "057", "0831", "111", "112", "1312", "138", "173",
         "190", "193", "195"]
VERBS = ["said", "will meet", "visited", "hosted", "praised", "agreed", "released", "criticized",
         "accused", "warned", "threatened", "arrested", "attacked", "clashed with", "bombed"]
PLACES = [("Kyiv", "UKR", 50.45, 30.52), ("Moscow", "RUS", 55.75, 37.62),
          ("Beijing", "CHN", 39.9, 116.4), ("Tehran", "IRN", 35.69, 51.39),
          ("Damascus", "SYR", 33.51, 36.29), ("Baghdad", "IRQ", 33.31, 44.36),
          ("Cairo", "EGY", 30.04, 31.24), ("Ankara", "TUR", 39.93, 32.86)]
TARGET_P95_MS = 200
TARGET_RENDER_S = 2.0


def _list(values: list[Any]) -> str:
    return "[" + ", ".join(f"'{v}'" if isinstance(v, str) else str(v) for v in values) + "]"


def _synthetic_sql(n: int) -> str:
    from serve_load import COUNTRIES, ROLES

    codes = [cameo(c) for c in CODES]
    return f"""
CREATE TEMP TABLE ev AS
SELECT i, i // 20 AS a, (i % 20)::INT AS k, s, g, t, h, p, code, verb, quad, goldstein,
       DATE '2015-01-01' + (hash(i + 5) % 3650)::INT AS day,
       rpad(s || g || ' ' || verb || ' ' || t || h || ' near ' || {_list([x[0] for x in PLACES])}[p]
            || ', officials said on day ' || i || '.', 150, ' ') AS sentence
FROM (SELECT i, c[1 + (hash(i) % 20)::INT] AS s, c[1 + (hash(i + 1) % 20)::INT] AS t,
             r[1 + (hash(i + 2) % 8)::INT] AS g, r[1 + (hash(i + 3) % 8)::INT] AS h,
             1 + (hash(i + 6) % 8)::INT AS p, 1 + (hash(i + 4) % 15)::INT AS x,
             {_list(CODES)}[x] AS code, {_list(VERBS)}[x] AS verb,
             {_list([c.quad for c in codes])}[x] AS quad,
             {_list([c.goldstein for c in codes])}[x] AS goldstein
      FROM range({n}) r(i), (SELECT {_list(COUNTRIES)} AS c, {_list(ROLES)} AS r));
"""


_ARTICLES = """
INSERT INTO articles BY NAME
SELECT lpad(a::VARCHAR, 16, '0') AS id, lpad(a::VARCHAR, 16, '0') AS input_id,
       'Synthetic article ' || a AS title, min(day) AS published,
       'https://synthetic.example/' || a AS url, 'synthetic.example' AS outlet,
       string_agg(sentence, ' ' ORDER BY k) AS text, count(*) AS num_events, 1 AS num_quotes
FROM ev GROUP BY a;
INSERT INTO article_mentions BY NAME
SELECT 'm' || id AS mention_id, id AS article_id, url, outlet, title, published
FROM articles;
INSERT INTO quotes BY NAME
SELECT id AS article_id, 0 AS quote_index, 0 AS sentence_index,
       'We will not accept this, ' || title AS text, 'Spokesman' AS speaker_name,
       'USAGOV' AS speaker_code, 0 AS start, 10 AS "end"
FROM articles;
"""

_EVENTS = """
INSERT INTO event_records BY NAME
SELECT lpad(a::VARCHAR, 16, '0') AS article_id, k AS event_index, k AS sentence_index,
       k * 151 AS evidence_start, k * 151 + 150 AS evidence_end,
       k * 151 + length(s || g) + 1 AS trigger_start,
       k * 151 + length(s || g) + 1 + length(verb) AS trigger_end, verb AS trigger_text,
       s || g AS source_name, s || g AS source_code, s AS source_country,
       nullif(g, '') AS source_role, t || h AS target_name, t || h AS target_code,
       t AS target_country, nullif(h, '') AS target_role, code AS cameo,
       substr(code, 1, 2) AS root, quad, goldstein, day AS date, 'day' AS date_precision,
       CASE WHEN i % 5 = 0 THEN {places}[p] END AS location_name,
       CASE WHEN i % 5 = 0 THEN {countries}[p] END AS location_country,
       CASE WHEN i % 5 = 0 THEN {lats}[p] END AS location_lat,
       CASE WHEN i % 5 = 0 THEN {lons}[p] END AS location_lon,
       CASE WHEN i % 5 = 0 THEN 'city' END AS location_precision,
       i % 97 = 0 AS negated, code IN ('036', '1312', '138') AS hypothetical,
       'c' || lpad(i::VARCHAR, 8, '0') AS cluster_id
FROM ev;
UPDATE event_records SET block_id = md5_number_lower({block_key});
INSERT INTO event_clusters BY NAME
SELECT cluster_id, {block_key} AS block_key, md5_number_lower({block_key}) AS block_id,
       event_id AS representative_event_id, source_name, source_code, source_country,
       source_role, target_name, target_code, target_country, target_role, source_cc,
       target_cc, cameo, root, quad, goldstein, date, date_precision, location_name,
       location_country, location_lat, location_lon, location_precision, negated, hypothetical,
       rtrim(sentence) AS sentence, 'https://synthetic.example/' || ltrim(article_id, '0') AS source_url,
       1 AS num_mentions, 1 AS num_articles, 1 AS num_sources, date AS first_seen,
       date AS last_seen
FROM events;
"""


def build_store(path: Path, n: int = EVENTS) -> float:
    """The synthetic store (see the module's docstring); returns seconds taken."""
    began = time.perf_counter()
    with Store(path) as store:
        store.con.execute("SET threads = 2")
        store.con.execute(_synthetic_sql(n))
        store.con.execute(_ARTICLES)
        store.con.execute(_EVENTS.format(
            places=_list([p[0] for p in PLACES]), countries=_list([p[1] for p in PLACES]),
            lats=_list([p[2] for p in PLACES]), lons=_list([p[3] for p in PLACES]),
            block_key=BLOCK_KEY_SQL))
        store.con.execute("DROP TABLE ev")
        store.con.execute("CHECKPOINT")
    return time.perf_counter() - began


def load(url: str, server_pid: int, kind: str, clients: int, seconds: float) -> dict[str, Any]:
    """One run of serve_load.py in its own process; adds the server's CPU use meanwhile."""
    server = psutil.Process(server_pid)
    before, began = server.cpu_times(), time.monotonic()
    done = subprocess.run([sys.executable, str(HERE / "serve_load.py"), url, "--clients",
                           str(clients), "--seconds", str(seconds), "--kind", kind],
                          capture_output=True, text=True, check=True)
    after, wall = server.cpu_times(), time.monotonic() - began
    result = json.loads(done.stdout)
    used = (after.user - before.user) + (after.system - before.system)
    result["server_cpu_cores"] = round(used / wall, 2)
    result["server_rss_mb"] = round(server.memory_info().rss / 2**20)
    return result


def render_overview(url: str, tries: int = 3) -> list[float]:
    """Seconds from navigation to the drawn chart of the overview, each in a fresh context."""
    from browser import PageWatch, launch

    times = []
    with launch() as browser:
        for _ in range(tries):
            watch = PageWatch(browser, viewport={"width": 1280, "height": 900})
            began = time.perf_counter()
            watch.page.goto(url + "/")
            watch.page.wait_for_selector("#timeline svg path.line", timeout=60_000)
            times.append(time.perf_counter() - began)
            if watch.errors:
                raise RuntimeError(f"the overview had errors: {watch.errors}")
            watch.close()
    return times


def show(name: str, value: Any, note: str = "") -> None:
    print(f"{name:44s} {value}{'  ' + note if note else ''}", flush=True)


def report(result: dict[str, Any]) -> None:
    kind = result["kind"]
    ok = result["p95_ms"] is not None and result["p95_ms"] < TARGET_P95_MS
    show(f"serve {kind}: p50 / p95 / max ms", f"{result['p50_ms']} / {result['p95_ms']} / "
         f"{result['max_ms']}", f"target p95 < {TARGET_P95_MS} {'ok' if ok else 'MISSED'}")
    show(f"serve {kind}: requests/s, failures", f"{result['requests_per_s']}, "
         f"{result['failures']} of {result['requests']}")
    show(f"serve {kind}: CPU cores used by load / server",
         f"{result['load_cpu_cores']} / {result['server_cpu_cores']}")


def main(argv: list[str] | None = None) -> None:
    from live_server import LiveServer

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=EVENTS)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--keep", type=Path, default=None, help="build the store here, keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eventwire-serve-bench-") as tmp:
        path = args.keep or Path(tmp) / "serve.duckdb"
        if not path.exists():
            show("serve store: events / build s", f"{args.events:,} / {build_store(path, args.events):.1f}")
        show("serve store: MB", f"{path.stat().st_size / 2**20:.0f}")
        with LiveServer(path, "--coders", "0") as server:
            renders = render_overview(server.url)
        show("overview render s (fresh server, then warm)", " / ".join(f"{t:.2f}" for t in renders),
             f"target < {TARGET_RENDER_S} {'ok' if renders[0] < TARGET_RENDER_S else 'MISSED'}")
        with LiveServer(path, "--coders", "0") as server:
            for kind in ("events", "dyad"):
                report(load(server.url, server.pid(), kind, args.clients, args.seconds))


if __name__ == "__main__":
    main()
