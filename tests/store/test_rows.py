"""The column-wise write path: what a user reads back through the ``events`` view."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from store_fakes import article, make_event

from eventwire.model import Document, Location
from eventwire.store import MIGRATIONS, Batch, Store, migrate

TEXT = "USAGOV 042 RUSGOV met in Geneva.\nThey talked for hours."


def stored(tmp_path: Path, *events, published: date | None = date(2024, 1, 8)) -> list[dict]:
    doc = Document(article(TEXT, day=published), TEXT, list(events))
    with Store(tmp_path / "r.duckdb") as store:
        batch = Batch()
        batch.add_document(doc, "k1")
        store.write(batch)
        cursor = store.con.execute("SELECT * FROM events ORDER BY event_index")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


@pytest.mark.parametrize("day, expected, precision", [
    ("2024-01-05", date(2024, 1, 5), "day"),
    ("2024-05", date(2024, 5, 1), "day"),
    (None, date(2024, 1, 8), "article"),   # no event date: the article's, said so
    ("not a date", date(2024, 1, 8), "article"),
])
def test_event_dates(tmp_path: Path, day: str | None, expected: date, precision: str) -> None:
    event = make_event(sentence="USAGOV 042 RUSGOV met in Geneva.", day=day)
    (row,) = stored(tmp_path, event)
    assert (row["date"], row["date_precision"]) == (expected, precision)


def test_sentence_id_and_country_codes_come_back(tmp_path: Path) -> None:
    first = make_event(sentence="USAGOV 042 RUSGOV met in Geneva.")
    second = make_event(source=None, target="UKRMIL", sentence="They talked for hours.",
                        start=TEXT.index("They"), index=1)
    second.plover = {"event": "CONSULT", "context": ["diplomatic", "military"]}
    second.location = Location("Geneva", "CHE", 46.2, 6.1, "city")
    rows = stored(tmp_path, first, second)
    assert [r["sentence"] for r in rows] == TEXT.split("\n")
    assert [r["event_id"] for r in rows] == ["k1-0000", "k1-0001"]
    assert (rows[0]["source_cc"], rows[1]["source_cc"], rows[1]["target_cc"]) == ("USA", None, "UKR")
    assert rows[1]["plover_context"] == "diplomatic,military"
    assert (rows[1]["location_name"], rows[1]["location_lat"]) == ("Geneva", 46.2)
    assert rows[0]["location_name"] is None and rows[1]["source_name"] is None


def test_a_sentence_that_is_not_its_span_is_kept(tmp_path: Path) -> None:
    odd = make_event(sentence="A sentence the coder rewrote.")  # evidence points elsewhere
    (row,) = stored(tmp_path, odd)
    assert row["sentence"] == "A sentence the coder rewrote."


def test_old_store_keeps_its_events_after_migration(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    migrate(con, MIGRATIONS[:7])  # a store written before sentences were derived
    con.execute("INSERT INTO articles (id, text) VALUES ('k1', ?)", [TEXT])
    con.execute("INSERT INTO events (event_id, article_id, event_index, sentence, evidence_start,"
                " evidence_end, source_code, source_cc, cameo) VALUES"
                " ('k1-0000', 'k1', 0, 'USAGOV 042 RUSGOV met in Geneva.', 0, 32, 'USAGOV', 'USA', '042'),"
                " ('k1-0001', 'k1', 1, 'Rewritten.', 33, 55, 'RUSGOV', 'RUS', '042')")
    migrate(con)
    rows = con.execute("SELECT event_id, sentence, source_cc FROM events ORDER BY 1").fetchall()
    assert rows == [("k1-0000", "USAGOV 042 RUSGOV met in Geneva.", "USA"),
                    ("k1-0001", "Rewritten.", "RUS")]


@pytest.mark.parametrize("plover, expected", [
    (None, (None, None, None)),                                   # no PLOVER record at all
    ({"event": "CONSULT"}, ("CONSULT", None, None)),              # keys the coder left out
    ({"event": "AID", "mode": "economic", "context": "refugees", "extra": 1},
     ("AID", "economic", "refugees")),
])
def test_plover_fields_come_back(tmp_path: Path, plover: dict | None, expected: tuple) -> None:
    event = make_event(sentence="USAGOV 042 RUSGOV met in Geneva.")
    event.plover = plover
    (row,) = stored(tmp_path, event)
    assert (row["plover_event"], row["plover_mode"], row["plover_context"]) == expected
