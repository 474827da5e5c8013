"""The event store: a DuckDB file with recorded migrations, written in atomic batches.

Tables: articles (one row per distinct text, id = ``content_key``), article_mentions (every
outlet/URL/input an article appeared under), event_records (every field of the event record,
flattened, without what can be derived), quotes, event_clusters (the same event across articles),
ingest_log, migrations. Read events through the view ``events``: it adds the event id, the
country-level codes and the evidence sentence (cut from the article's text at the evidence
offsets), so from any event a user reaches its article, URL, sentence and span.
"""

from eventwire.store.db import (DEFAULT_DB, Batch, Store, Tables, connection, outlet_of,
                                prepare)
from eventwire.store.keys import content_key, event_id, mention_id
from eventwire.store.migrations import MIGRATIONS, applied, migrate
from eventwire.store.query import fetch_arrow

__all__ = [
    "DEFAULT_DB", "MIGRATIONS", "Batch", "Store", "Tables", "applied",
    "connection", "content_key", "prepare",
    "event_id", "fetch_arrow",
    "mention_id", "migrate", "outlet_of",
]
