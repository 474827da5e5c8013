"""A load of concurrent clients against a running ``eventwire serve``, as its own process.

    python benchmarks/serve_load.py URL --clients 20 --seconds 20 --kind events|dyad|mixed

Each client is a thread with its own keep-alive connection that sends requests back to back
until the time is up: ``events`` asks for a page of 50 events with a random actor, CAMEO root and
date range; ``dyad`` for the weekly series of a random pair of countries; ``mixed`` cycles through
what a dashboard user does (pages, lists, charts). Prints one JSON object: requests, failures
(any status but 200, or no answer), p50/p95/max latency in ms, and this process's CPU use (its
CPU seconds over the wall time; 1.0 is one core busy).
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import resource
import statistics
import threading
import time
from datetime import date, timedelta
from typing import Any, Callable
from urllib.parse import urlencode, urlsplit

COUNTRIES = ["USA", "RUS", "CHN", "UKR", "GBR", "FRA", "DEU", "IRN", "ISR", "TUR", "IND",
             "PAK", "JPN", "KOR", "PRK", "SYR", "IRQ", "EGY", "SAU", "BRA"]
ROLES = ["GOV", "MIL", "", "CVL", "OPP", "REB", "JUD", "LEG"]
ROOTS = ["01", "03", "04", "05", "08", "11", "13", "17", "19"]
FIRST_DAY, DAYS = date(2015, 1, 1), 3650


def events_path(rng: random.Random) -> str:
    start = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 400))
    query = {"actor": rng.choice(COUNTRIES) + rng.choice(ROLES), "root": rng.choice(ROOTS),
             "since": start.isoformat(),
             "until": (start + timedelta(days=rng.randint(30, 365))).isoformat(), "limit": 50}
    return "/api/events?" + urlencode(query)


def dyad_path(rng: random.Random) -> str:
    source, target = rng.sample(COUNTRIES, 2)
    return "/api/dyad?" + urlencode({"source": source, "target": target, "freq": "week"})


MIXED = ["/", "/events?quad=4", "/api/summary", "/api/timeline?freq=month",
         "/api/network?limit=100", "/api/quotes?limit=20", "/api/health"]


def mixed_path(rng: random.Random) -> str:
    choice = rng.random()
    if choice < 0.35:
        return events_path(rng)
    if choice < 0.6:
        return dyad_path(rng)
    return rng.choice(MIXED)


KINDS: dict[str, Callable[[random.Random], str]] = {
    "events": events_path, "dyad": dyad_path, "mixed": mixed_path}


class Client(threading.Thread):
    def __init__(self, url: str, kind: str, until: float, seed: int,
                 headers: dict[str, str]) -> None:
        super().__init__(daemon=True)
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.make_path, self.until = KINDS[kind], until
        self.rng, self.headers = random.Random(seed), headers
        self.latencies: list[float] = []
        self.failures: list[str] = []

    def run(self) -> None:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        while time.monotonic() < self.until:
            path = self.make_path(self.rng)
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=self.headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                self.failures.append(f"{path}: {type(exc).__name__}: {exc}")
                connection.close()
                connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
                continue
            self.latencies.append(time.perf_counter() - began)
            if status != 200:
                self.failures.append(f"{path}: HTTP {status}")
        connection.close()


def run(url: str, clients: int, seconds: float, kind: str, seed: int = 1,
        token: str | None = None) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    until = time.monotonic() + seconds
    cpu_before, wall_before = _cpu(), time.monotonic()
    threads = [Client(url, kind, until, seed * 1000 + n, headers) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - wall_before
    latencies = sorted(x for t in threads for x in t.latencies)
    failures = [f for t in threads for f in t.failures]
    return {"kind": kind, "clients": clients, "seconds": round(wall, 1),
            "requests": len(latencies), "failures": len(failures),
            "failure_examples": failures[:5], "requests_per_s": round(len(latencies) / wall, 1),
            **_percentiles(latencies), "load_cpu_cores": round((_cpu() - cpu_before) / wall, 2)}


def _percentiles(latencies: list[float]) -> dict[str, float | None]:
    if not latencies:
        return {"p50_ms": None, "p95_ms": None, "max_ms": None}
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {"p50_ms": round(cuts[49] * 1000, 1), "p95_ms": round(cuts[94] * 1000, 1),
            "max_ms": round(latencies[-1] * 1000, 1)}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--kind", choices=sorted(KINDS), default="mixed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--token", default=None)
    args = parser.parse_args()
    print(json.dumps(run(args.url, args.clients, args.seconds, args.kind, args.seed,
                         args.token)))


if __name__ == "__main__":
    main()
