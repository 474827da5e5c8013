"""The event store: a DuckDB file with recorded migrations, written in atomic batches.

Tables: articles (one row per distinct text, id = ``content_key``), article_mentions (every
outlet/URL/input an article appeared under), events (every field of the event record, flattened),
quotes, event_clusters (the same event across articles), ingest_log, migrations.
"""

from eventwire.store.db import DEFAULT_DB, Batch, Store, connection, fetch_arrow, outlet_of
from eventwire.store.keys import content_key, event_id, mention_id
from eventwire.store.migrations import MIGRATIONS, applied, migrate

__all__ = [
    "DEFAULT_DB", "MIGRATIONS", "Batch", "Store", "applied", "connection", "content_key",
    "event_id", "fetch_arrow",
    "mention_id", "migrate", "outlet_of",
]
