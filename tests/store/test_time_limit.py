"""The ingest gives up an article whose coding takes longer than the time limit; the run goes on."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Iterable, Iterator

from store_fakes import article, fake_code, reader_of

from eventwire.ingest import IngestOptions
from eventwire.code_and_store import ingest
from eventwire.model import Article, Document
from eventwire.store import Store


def slow_coder(articles: Iterable[Article]) -> Iterator[Document]:
    for item in articles:
        if "SLOWCODE" in item.text:
            end = time.monotonic() + 60  # far beyond the limit: only the limit ends it
            while time.monotonic() < end:
                pass
        yield fake_code(item)


def test_slow_article_fails_with_time_limit_and_the_others_are_stored(tmp_path: Path) -> None:
    items = [article(f"USAGOV 042 RUSGOV met, report {i}.", url=f"https://x.example/{i}") for i in range(5)]
    items[2] = article("RUSMIL 190 UKRMIL SLOWCODE shelled the town.", url="https://x.example/slow", origin="slow.txt")
    db = tmp_path / "t.duckdb"
    report = ingest(["unused"], db, coder=slow_coder, reader=reader_of(items),
                    options=IngestOptions(time_limit=0.5))
    assert report.articles_coded == 4 and report.failed == 1
    assert report.failures == [("slow.txt", "took longer than the time limit of 0.5 s to code (option time_limit)")]
    assert report.exit_code == 1
    with Store(db) as store:
        logged = store.con.execute("SELECT origin, reason FROM ingest_log WHERE status = 'failed'").fetchall()
    assert logged == report.failures
