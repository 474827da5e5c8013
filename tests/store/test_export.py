"""Exports: GDELT 2.0 layout, Parquet schema, JSONL with mentions, filters."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from store_fakes import article, build

from eventwire.export import GDELT_COLUMNS, PARQUET_SCHEMA, ExportFilters, export, fips


def gdelt_rows(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in lines]


def test_gdelt_has_61_columns_and_keeps_leading_zeros(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    assert export(store_path, "gdelt", out) == 2
    assert len(GDELT_COLUMNS) == 61
    assert all(len(line.split("\t")) == 61 for line in out.read_text().splitlines())
    meeting = gdelt_rows(out)[0]
    assert (meeting["EventCode"], meeting["EventBaseCode"], meeting["EventRootCode"]) == ("042", "042", "04")
    assert (meeting["Day"], meeting["MonthYear"], meeting["Year"]) == ("20240108", "202401", "2024")
    assert (meeting["NumMentions"], meeting["NumArticles"], meeting["NumSources"]) == ("3", "3", "3")
    assert meeting["Actor1Code"] == "USAGOV" and meeting["Actor2CountryCode"] == "RUS"
    assert meeting["DATEADDED"] == "20240108000000" and meeting["SOURCEURL"].startswith("https://")


@pytest.mark.parametrize("filters, expected", [
    (ExportFilters(root="19"), 1), (ExportFilters(root="4"), 1), (ExportFilters(actor="UKR"), 1),
    (ExportFilters(since=date(2024, 1, 10)), 1), (ExportFilters(until=date(2024, 1, 8)), 1),
    (ExportFilters(actor="CHN"), 0),
])
def test_filters(store_path: Path, tmp_path: Path, filters: ExportFilters, expected: int) -> None:
    assert export(store_path, "gdelt", tmp_path / "f.tsv", filters) == expected


def test_parquet_schema_is_stable(store_path: Path, tmp_path: Path) -> None:
    export(store_path, "parquet", tmp_path / "e.parquet")
    schema = pq.read_schema(tmp_path / "e.parquet")
    assert schema.remove_metadata() == PARQUET_SCHEMA
    assert schema.field("cameo").type == pa.string() and schema.field("date").type == pa.date32()
    assert schema.field("quad").type == pa.int8()


def test_jsonl_events_with_mentions(store_path: Path, tmp_path: Path) -> None:
    export(store_path, "jsonl", tmp_path / "e.jsonl")
    records = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    meeting = records[0]
    assert meeting["cameo"] == "042" and meeting["source"]["code"] == "USAGOV"
    assert len(meeting["mentions"]) == meeting["num_mentions"] == 3
    assert {m["outlet"] for m in meeting["mentions"]} == {"reuters.com", "apnews.com", "bbc.co.uk"}


def test_fips_codes_for_gdelt_geography() -> None:
    assert (fips("GBR"), fips("DEU"), fips("USA"), fips(None)) == ("UK", "GM", "US", "")


def test_unknown_format_is_an_error(store_path: Path, tmp_path: Path) -> None:
    from eventwire.errors import EventwireError

    with pytest.raises(EventwireError, match="csv"):
        export(store_path, "csv", tmp_path / "x")  # type: ignore[arg-type]


def test_min_confidence_filters_every_format_and_the_records_carry_it(tmp_path: Path) -> None:
    path = tmp_path / "c.duckdb"
    build(path, [
        article("USAGOV 042 RUSGOV met in Geneva.", url="https://a.com/1", day=date(2024, 1, 1)),
        article("USAGOV 061 RUSGOV reportedly signed a deal.", url="https://b.com/2", day=date(2024, 1, 2)),
    ])
    sure = ExportFilters(min_confidence=0.7)
    for fmt in ("gdelt", "parquet", "jsonl"):
        assert export(path, fmt, tmp_path / f"all.{fmt}") == 2
        assert export(path, fmt, tmp_path / f"sure.{fmt}", sure) == 1
    [record] = [json.loads(line) for line in (tmp_path / "sure.jsonl").read_text("utf-8").splitlines()]
    assert record["cameo"] == "042" and record["confidence"] == 0.9
    assert sorted(pq.read_table(tmp_path / "all.parquet")["confidence"].to_pylist()) == [0.3, 0.9]
