"""The ingest driver: read inputs, skip texts already stored, code the rest, write in batches.

``ingest()`` is what ``eventwire ingest`` runs. Per batch of ``batch_size`` inputs it
1. keys each article by its content (``store.content_key``: a reprint with another byline gets
   the same key), asks the store in one query which keys and mentions it already holds;
2. codes only new texts (an exact re-ingest adds nothing; a new outlet/URL for a stored text adds
   a mention only: a "duplicate skipped");
3. writes articles, events, quotes, mentions and log rows in one transaction that also updates
   the event clusters. A kill between transactions loses at most the batch being coded; the
   rerun codes it again and skips everything committed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from eventwire.errors import EventwireError, InputError
from eventwire.model import Article, Document
from eventwire.store import DEFAULT_DB, Batch, Store, content_key, mention_id, outlet_of

log = logging.getLogger(__name__)

Coder = Callable[[Iterable[Article]], Iterator[Document]]
Reader = Callable[..., Iterator["Article | InputError"]]


@dataclass
class IngestReport:
    """What an ingest did; ``exit_code`` follows the CLI contract (0, 1 some failed, 2 none)."""

    articles_coded: int = 0
    events: int = 0
    quotes: int = 0
    duplicates: int = 0  # a stored text seen under a new outlet/URL: one mention more, no coding
    unchanged: int = 0  # this very input was stored before: nothing added
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)

    @property
    def stored_anything(self) -> bool:
        return bool(self.articles_coded or self.duplicates or self.unchanged)

    @property
    def exit_code(self) -> int:
        if not self.stored_anything:
            return 2
        return 1 if self.failed else 0

    def fail(self, origin: str | None, reason: str) -> None:
        self.failed += 1
        self.failures.append((origin or "-", reason))


def default_coder(n_process: int = 1) -> Coder:
    def code(articles: Iterable[Article]) -> Iterator[Document]:
        from eventwire import code_many  # spaCy loads only when something is coded

        return code_many(articles, n_process=n_process)

    return code


def ingest(
    paths: Sequence[str | Path],
    db_path: str | Path = DEFAULT_DB,
    *,
    batch_size: int = 64,
    on_progress: Callable[[IngestReport], None] | None = None,
    coder: Coder | None = None,
    reader: Reader | None = None,
    n_process: int = 1,
    date: date | None = None,
    title: str | None = None,
    cluster: bool = True,
) -> IngestReport:
    """Ingest files/directories/globs into the store at ``db_path``; never raises for one input.

    ``cluster=False`` (a backfill) writes the events without clustering them batch by batch and
    clusters every pending event once at the end, which is faster for large inputs. A backfill
    killed before its end leaves events unclustered; the next ingest clusters them first."""
    if reader is None:
        from eventwire.ingest import read_inputs as reader
    items = reader([str(p) for p in paths], date=date, title=title)
    run = _Run(Store(db_path), coder or default_coder(n_process), on_progress, cluster)
    try:
        if cluster:
            cluster_pending(run.store)
        while chunk := list(islice(items, batch_size)):
            run.chunk(chunk)
        if not cluster:
            cluster_pending(run.store)
    finally:
        run.store.close()
    return run.report


def cluster_pending(store: Store) -> int:
    """Cluster, in one transaction, the blocks of every event not in a cluster yet (left by a
    backfill); returns how many articles had such events."""
    from eventwire.dedup import recluster

    pending = [row[0] for row in store.con.execute(
        "SELECT DISTINCT article_id FROM event_records WHERE cluster_id IS NULL").fetchall()]
    if not pending:
        return 0
    store.con.execute("BEGIN TRANSACTION")
    try:
        recluster(store.con, pending)
        store.con.execute("COMMIT")
    except Exception:
        store.con.execute("ROLLBACK")
        raise
    return len(pending)


class _Run:
    def __init__(self, store: Store, coder: Coder,
                 on_progress: Callable[[IngestReport], None] | None, cluster: bool) -> None:
        self.store, self.coder, self.on_progress = store, coder, on_progress
        self.cluster = cluster
        self.report = IngestReport()

    def progress(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.report)

    def chunk(self, items: list[Article | InputError]) -> None:
        batch = Batch()
        articles = [item for item in items if isinstance(item, Article)]
        for item in items:
            if isinstance(item, InputError):
                self.failed(batch, item.origin, item.reason)
        to_code, mentions, stored = self.classify(batch, articles)
        self.store.yield_to_readers()  # coding is the long part: a dashboard may read meanwhile
        keep = stored | self.code(batch, to_code)
        for key, article, mid in mentions:
            if key in keep:  # the mention of a text that failed to code waits for a rerun
                batch.add_mention(article, key, mid)
        self.store.write(batch, cluster=self.cluster)
        self.progress()

    def failed(self, batch: Batch, origin: str | None, reason: str) -> None:
        batch.add_log(origin, "failed", reason)
        self.report.fail(origin, reason)
        log.info("%s: %s", origin, reason)  # the CLI shows failures; don't print them twice

    def classify(self, batch: Batch, articles: list[Article]
                 ) -> tuple[dict[str, Article], list[tuple[str, Article, str]], set[str]]:
        """Split into texts to code and mentions to add; count duplicates and re-ingests."""
        keyed = [(content_key(a.text), a) for a in articles]
        stored = self.store.existing("articles", "id", [k for k, _ in keyed])
        mids = [mention_id(k, a.url, outlet_of(a), a.origin) for k, a in keyed]
        # A mention is stored only with (or after) its article: only stored texts can have one,
        # so a batch of new texts needs no second query.
        seen = self.store.existing("article_mentions", "mention_id",
                                   [mid for (k, _), mid in zip(keyed, mids) if k in stored])
        to_code: dict[str, Article] = {}
        mentions: list[tuple[str, Article, str]] = []
        for (key, article), mid in zip(keyed, mids):
            if mid in seen:
                self.report.unchanged += 1
                continue
            seen.add(mid)
            mentions.append((key, article, mid))
            if key in stored or key in to_code:
                self.report.duplicates += 1
                batch.add_log(article.origin, "skipped", f"same text as article {key}", key)
            else:
                to_code[key] = article
        return to_code, mentions, stored

    def code(self, batch: Batch, to_code: dict[str, Article]) -> set[str]:
        """Code the new texts into the batch; return the keys coded."""
        done: set[str] = set()
        for key, result in zip(to_code, self.code_isolated(list(to_code.values()))):
            article = to_code[key]
            if isinstance(result, Document):
                self.report.events += batch.add_document(result, key)
                self.report.quotes += len(result.quotes)
                self.report.articles_coded += 1
                batch.add_log(article.origin, "coded", None, key)
                done.add(key)
                self.progress()
            else:
                self.failed(batch, article.origin, result)
        return done

    def code_isolated(self, articles: list[Article]) -> list[Document | str]:
        """Code a batch at once; if the coder fails, code one by one to find the bad input."""
        if not articles:
            return []
        try:
            return list(self.coder(articles))
        except Exception:  # noqa: BLE001 - one bad article must not stop a backfill
            log.info("batch coding failed; retrying article by article", exc_info=True)
        return [self.code_one(article) for article in articles]

    def code_one(self, article: Article) -> Document | str:
        try:
            return next(iter(self.coder([article])))
        except EventwireError as exc:
            return str(getattr(exc, "reason", exc))
        except Exception as exc:  # noqa: BLE001
            log.debug("%s: coding failed", article.origin, exc_info=True)
            return f"coding failed: {type(exc).__name__}: {exc}"
