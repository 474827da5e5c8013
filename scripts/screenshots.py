"""Screenshots of every dashboard page for the README (docs/screenshots/*.png).

    python scripts/screenshots.py [--db eventwire.duckdb]   # after `make demo`

Starts ``eventwire serve`` on the store, opens each page in headless Chromium (Debian's, through
playwright) and saves what a user sees in a 1280x900 window.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "web"))

from browser import PageWatch, launch  # noqa: E402
from live_server import LiveServer  # noqa: E402


def first(url: str, path: str, key: str) -> str:
    with urllib.request.urlopen(url + path) as response:
        return json.load(response)["items"][0][key]


def pages(url: str) -> dict[str, str]:
    event = first(url, "/api/events?code=1312", "cluster_id")
    with urllib.request.urlopen(f"{url}/api/events/{event}") as response:
        article = json.load(response)["mentions"][0]["article_id"]
    return {"overview": "/", "dyad": "/dyad?source=USA&target=RUS&freq=day",
            "events": "/events", "event": f"/events/{event}", "network": "/network",
            "map": "/map", "quotes": "/quotes", "article": f"/articles/{article}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("eventwire.duckdb"))
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with LiveServer(args.db) as server, launch() as browser:
        for name, path in pages(server.url).items():
            watch = PageWatch(browser, viewport={"width": 1280, "height": 900})
            page = watch.open(server.url + path)
            if name == "dyad":
                page.locator("#dyad-chart circle.point").last.click()
                page.wait_for_selector("#dyad-events ul.events li")
            page.wait_for_timeout(1200)  # the network settles
            page.screenshot(path=str(args.out / f"{name}.png"))
            print(f"{name}: {path} -> {args.out / f'{name}.png'}"
                  f"{'  ERRORS: ' + '; '.join(watch.errors) if watch.errors else ''}")
            watch.close()


if __name__ == "__main__":
    main()
