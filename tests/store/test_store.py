"""The store: migrations, idempotent and atomic writes, reprints as mentions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from store_fakes import BODY, article, build, corpus

from eventwire.errors import StoreError
from eventwire.store import MIGRATIONS, Store, applied, content_key

TABLES = ["articles", "article_mentions", "events", "quotes", "event_clusters", "ingest_log"]


def table_counts(path: Path) -> dict[str, int]:
    with Store(path) as store:
        return {t: store.count(t) for t in TABLES}


def test_migrations_recorded_and_rerun_safely(tmp_path: Path) -> None:
    path = tmp_path / "m.duckdb"
    Store(path).close()
    with Store(path) as store:  # a second open applies nothing and keeps the records
        assert applied(store.con) == [name for name, _ in MIGRATIONS]
        assert store.count("migrations") == len(MIGRATIONS)


def test_new_migration_applies_once(tmp_path: Path) -> None:
    from eventwire.store.migrations import migrate

    con = duckdb.connect(str(tmp_path / "n.duckdb"))
    extra = [*MIGRATIONS, ("999_notes", "CREATE TABLE notes (x INTEGER)")]
    assert migrate(con, extra)[-1] == "999_notes"
    assert migrate(con, extra) == []


def test_ingest_twice_adds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "i.duckdb"
    first = build(path)
    before = table_counts(path)
    again = build(path)
    assert table_counts(path) == before
    assert (first.articles_coded, again.articles_coded, again.unchanged) == (3, 0, 4)


def test_reprint_with_other_byline_stored_once_with_two_mentions(store_path: Path) -> None:
    with Store(store_path) as store:
        key = content_key("By John Doe\n" + BODY)
        assert store.count("articles") == 3
        urls = store.con.execute(
            "SELECT url FROM article_mentions WHERE article_id = ? ORDER BY url", [key]).fetchall()
    assert [u for (u,) in urls] == ["https://apnews.com/b2", "https://www.reuters.com/a1"]


@pytest.mark.parametrize("a, b, same", [
    ("By A\nThe minister met the envoy today.", "By B, Reuters\nThe minister met the envoy today.", True),
    ("The minister met the envoy today.", "The Minister met the envoy, today!", True),
    ("The minister met the envoy today.", "The minister met the envoy yesterday.", False),
    ("Short line\nAnother", "Short line\nOther", False),
])
def test_content_key_ignores_bylines_case_and_punctuation(a: str, b: str, same: bool) -> None:
    assert (content_key(a) == content_key(b)) is same


def test_events_reach_their_article_url_sentence_and_span(store_path: Path) -> None:
    with Store(store_path) as store:
        rows = store.con.execute(
            "SELECT e.sentence, substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start),"
            " a.url, e.cameo FROM events e JOIN articles a ON a.id = e.article_id").fetchall()
    assert rows and all(sentence == span for sentence, span, _, _ in rows)
    assert {cameo for *_, cameo in rows} == {"042", "190"}  # codes stay strings


def test_failed_inputs_are_logged_with_reasons(tmp_path: Path) -> None:
    from eventwire.errors import InputError

    path = tmp_path / "f.duckdb"
    items = [InputError("empty.txt", "empty input"), article("FAILCODE here", origin="bad.txt")]
    report = build(path, items + corpus())
    with Store(path) as store:
        logged = store.con.execute(
            "SELECT origin, reason FROM ingest_log WHERE status = 'failed' ORDER BY origin").fetchall()
    assert report.failed == 2 and report.exit_code == 1
    assert logged[0][0] == "bad.txt" and logged[1] == ("empty.txt", "empty input")


def test_nothing_coded_exits_2(tmp_path: Path) -> None:
    from eventwire.errors import InputError

    assert build(tmp_path / "z.duckdb", [InputError("x.txt", "binary")]).exit_code == 2


def test_a_failed_batch_is_rolled_back(tmp_path: Path) -> None:
    from eventwire.model import Document
    from eventwire.store import Batch

    path = tmp_path / "r.duckdb"
    with Store(path) as store:
        batch = Batch()
        doc = Document(article("text"), "text")
        batch.add_document(doc, "k")
        batch.add_document(doc, "k")  # primary key clash
        with pytest.raises(StoreError, match="cannot write to the event store") as failed:
            store.write(batch)
        assert isinstance(failed.value.__cause__, duckdb.Error)
        assert store.count("articles") == 0


def test_progress_is_reported(tmp_path: Path) -> None:
    seen: list[int] = []
    build(tmp_path / "p.duckdb", on_progress=lambda r: seen.append(r.articles_coded))
    assert seen and seen[-1] == 3


@pytest.mark.parametrize("rows_per_key", [1, 10_000])  # index lookups, then a join
def test_existing_finds_stored_keys_either_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               rows_per_key: int) -> None:
    from eventwire.store import db

    monkeypatch.setattr(db, "_ROWS_PER_KEY_LOOKUP", rows_per_key)
    monkeypatch.setattr(db, "_KEYS_PER_QUERY", 2)  # several IN lists for one batch
    with Store(tmp_path / "e.duckdb") as store:
        store.con.execute("INSERT INTO articles (id) SELECT 'a' || i FROM range(50) r(i)")
        asked = ["a1", "a7", "a49", "zz", "a7", "b1"]
        assert store.existing("articles", "id", asked) == {"a1", "a7", "a49"}
        assert store.existing("articles", "id", []) == set()


def test_a_rerun_logs_no_row_twice(tmp_path: Path) -> None:
    from eventwire.errors import InputError

    path = tmp_path / "l.duckdb"
    items = [InputError("empty.txt", "empty input"), article("FAILCODE here", origin="bad.txt"),
             *corpus()]
    for _ in range(2):
        build(path, items, batch_size=2)
    with Store(path) as store:
        per_status = dict(store.con.execute(
            "SELECT status, count(*) FROM ingest_log GROUP BY status").fetchall())
    assert per_status == {"coded": 3, "skipped": 1, "failed": 2}


def _clusters(path: Path) -> tuple[int, list]:
    with Store(path) as store:
        unclustered = store.con.execute(
            "SELECT count(*) FROM events WHERE cluster_id IS NULL").fetchall()[0][0]
        rows = store.con.execute(
            "SELECT block_key, num_mentions, num_articles, num_sources FROM event_clusters "
            "ORDER BY ALL").fetchall()
    return unclustered, rows


def test_a_backfill_clusters_once_at_the_end_as_batches_would(tmp_path: Path) -> None:
    build(tmp_path / "batch.duckdb", batch_size=1)
    build(tmp_path / "backfill.duckdb", batch_size=1, cluster=False)
    unclustered, rows = _clusters(tmp_path / "backfill.duckdb")
    assert unclustered == 0 and rows
    assert rows == _clusters(tmp_path / "batch.duckdb")[1]


def test_events_a_killed_backfill_left_unclustered_are_clustered_by_the_next_ingest(tmp_path: Path) -> None:
    from eventwire.code_and_store import cluster_pending

    path = tmp_path / "k.duckdb"
    build(path, corpus()[:2])
    with Store(path) as store:  # as a backfill killed before its final step leaves the store
        store.con.execute("UPDATE event_records SET cluster_id = NULL")
        store.con.execute("DELETE FROM event_clusters")
    build(path, corpus()[2:])
    assert _clusters(path)[0] == 0
    with Store(path) as store:
        assert cluster_pending(store) == 0  # nothing left to do