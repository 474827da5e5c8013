"""Incremental clustering gives what re-clustering the whole store gives, whatever the batches."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from store_fakes import article, build

from eventwire.store.dedup import recluster
from eventwire.store import Store
from eventwire.store.keys import BLOCK_KEY_SQL, block_id

SENTENCES = ["USAGOV {c} RUSGOV met in Geneva for talks on {w}.",
             "USAGOV {c} RUSGOV talked about {w} in Geneva.",
             "RUSGOV {c} USAGOV met officials on {w} again.",
             "USAGOV {c} RUSGOV met Brussels envoys over {w}."]
CODES = ["042", "043", "04", "040"]
WORDS = ["sanctions", "arms control", "trade", "borders"]


def corpus(seed: int, n: int = 60) -> list:
    """Many reports of a few dyads over a fortnight: chains of adjacent days, merges, misses."""
    rng = random.Random(seed)
    items = []
    for i in range(n):
        text = rng.choice(SENTENCES).format(c=rng.choice(CODES), w=rng.choice(WORDS))
        day = date(2024, 1, 1) + timedelta(days=rng.randint(0, 14))
        day = None if rng.random() < 0.05 else day
        items.append(article(f"{text} Item {i}.", url=f"https://o{i % 5}.example/{i}", day=day))
        if rng.random() < 0.15:  # a reprint elsewhere: a mention, not an article
            items.append(article(f"{text} Item {i}.", url=f"https://r{i}.example/{i}", day=day))
    return items


def snapshot(path: Path) -> tuple[list, list]:
    """Event assignments and cluster rows (without the URL: an article keeps the first URL it
    was seen under, which depends on input order by design)."""
    with Store(path) as store:
        events = store.con.execute(
            "SELECT event_id, cluster_id FROM events ORDER BY event_id").fetchall()
        clusters = store.con.execute("SELECT * EXCLUDE (block_id, source_url) FROM event_clusters"
                                     " ORDER BY cluster_id").fetchall()
    return events, clusters


@pytest.mark.parametrize("seed, batch_size", [(1, 1), (2, 3), (3, 7), (4, 64)])
def test_incremental_equals_full_reclustering(tmp_path: Path, seed: int, batch_size: int) -> None:
    items = corpus(seed)
    random.Random(seed).shuffle(items)
    path = tmp_path / "inc.duckdb"
    build(path, items, batch_size=batch_size)
    incremental = snapshot(path)
    with Store(path) as store:
        store.con.execute("DELETE FROM event_clusters")
        store.con.execute("UPDATE event_records SET cluster_id = NULL")
        recluster(store.con, None)
    assert snapshot(path) == incremental
    assert len({cid for _, cid in incremental[0]}) < len(incremental[0])  # some did merge


@pytest.mark.parametrize("moves", ["by row id", "joined"])  # how stored events that moved are updated
@pytest.mark.parametrize("order", ["forward", "backward"])
def test_batches_in_any_order_give_the_same_clusters(tmp_path: Path, order: str, moves: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.store import incremental

    monkeypatch.setattr(incremental, "_ROWS_SCANNED_PER_UPDATE", 0 if moves == "by row id" else 10**9)
    items = sorted(corpus(5), key=lambda a: (a.published or date.min, a.url))
    reference = tmp_path / "ref.duckdb"
    build(reference, items, batch_size=len(items))
    path = tmp_path / f"{order}.duckdb"
    build(path, items if order == "forward" else items[::-1], batch_size=2)
    assert snapshot(path) == snapshot(reference)


@pytest.mark.parametrize("key", ["USAGOV|RUSGOV|04|pos", "name:envoy|-|19|neg", ""])
def test_block_ids_agree_in_python_and_sql(key: str) -> None:
    with Store(":memory:") as store:
        (stored,), = store.con.execute("SELECT md5_number_lower(?)", [key]).fetchall()
    assert stored == block_id(key)


def test_stored_block_ids_match_the_sql_rule(tmp_path: Path) -> None:
    path = tmp_path / "b.duckdb"
    build(path, corpus(6, 20))
    with Store(path) as store:
        wrong = store.con.execute(
            f"SELECT count(*) FROM event_records WHERE block_id <> md5_number_lower({BLOCK_KEY_SQL})"
        ).fetchall()[0][0]
    assert wrong == 0


def test_migration_fills_block_ids_of_an_old_store(tmp_path: Path) -> None:
    import duckdb

    from eventwire.store import MIGRATIONS, migrate

    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    migrate(con, MIGRATIONS[:9])  # a store written before block ids
    con.execute("INSERT INTO event_records (article_id, event_index, source_code, target_name,"
                " root, negated) VALUES ('k1', 0, 'USAGOV', 'Envoy', '04', false)")
    migrate(con)
    (stored,), = con.execute("SELECT block_id FROM event_records").fetchall()
    assert stored == block_id("USAGOV|name:envoy|04|pos")
    assert "block_id" not in [d[0] for d in con.execute("SELECT * FROM events").description]
