"""Reading query results as Arrow tables (what the writer, the clusterer and the exports share)."""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

from eventwire.errors import StoreError


def fetch_arrow(con: duckdb.DuckDBPyConnection, sql: str,
                params: list[Any] | dict[str, Any] | None = None
                ) -> pa.Table:
    """A query's result as an Arrow table (DuckDB renamed this call across versions)."""
    relation = con.sql(sql, params=params) if params else con.sql(sql)
    if relation is None:
        raise StoreError(f"query returned no result: {sql[:60]}")
    fetch = getattr(relation, "to_arrow_table", None) or relation.arrow
    return fetch()
