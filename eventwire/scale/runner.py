"""Scale-out: code articles on a Dask cluster, Documents back in input order.

Two ways to get workers:
- ``workers=N`` starts a ``distributed.LocalCluster`` of N single-threaded processes on this
  machine (spaCy holds the GIL, so processes, not threads) and closes it at the end;
- ``scheduler="tcp://host:8786"`` connects to a cluster the user already runs (dask-jobqueue on
  SLURM/PBS, dask-kubernetes, ``dask scheduler`` by hand). eventwire must be installed on its
  workers, at the same version, since the task function is sent by reference.

Each worker process loads the spaCy pipeline once (``eventwire.coding.default_coder`` is cached
per process) and codes a whole batch of Articles per task; Documents are plain dataclasses, so
they pickle back to the driver. Only a bounded window of batches is in flight, so a backfill of
millions of articles never sits in the scheduler's memory at once. Writes to the store stay with
the caller (DuckDB has a single writer).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator, Sized
from itertools import islice
from math import ceil
from types import TracebackType
from typing import TYPE_CHECKING

from eventwire.model import Article, Document

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

log = logging.getLogger(__name__)

BATCHES_PER_WORKER = 2  # one batch computing, one queued: no worker waits on the driver


def code_batch(articles: list[Article]) -> list[Document]:
    """The task run on a worker: code one batch with the process's cached pipeline."""
    from eventwire.coding import default_coder  # imported on the worker, loads spaCy once

    return list(default_coder().code_articles(articles))


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def check_options(workers: int | None, scheduler: str | None, batch_size: int) -> None:
    """Raise ValueError for a call that cannot work, before any process is started."""
    if (workers is None) == (scheduler is None):
        raise ValueError("give exactly one of workers (a local cluster) or scheduler (an address)")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")


class DaskRunner:
    """A Dask client (and, with ``workers``, its own LocalCluster) kept open across calls.

    Use it as a context manager; calling it codes articles like ``eventwire.code_many``, so it
    can be passed as the ``coder`` of ``eventwire.code_and_store.ingest``.
    """

    def __init__(self, *, workers: int | None = None, scheduler: str | None = None,
                 batch_size: int = 32, window: int | None = None) -> None:
        check_options(workers, scheduler, batch_size)
        self.batch_size = batch_size
        self._window = window
        self._cluster: LocalCluster | None = None
        self.client: Client = self._connect(workers, scheduler)

    def _connect(self, workers: int | None, scheduler: str | None) -> Client:
        from distributed import Client, LocalCluster

        if scheduler is not None:
            log.info("connecting to the Dask scheduler at %s", scheduler)
            return Client(scheduler)
        # The scheduler's HTTP server (dashboard when bokeh is installed) on a free port: two
        # ingests on one machine must not fight over 8787.
        self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                     dashboard_address=":0")
        log.info("local Dask cluster of %d workers; dashboard %s", workers,
                 self._cluster.dashboard_link)
        try:
            return Client(self._cluster)
        except BaseException:
            self._cluster.close()
            raise

    def slots(self) -> int:
        """Worker threads now (at least 1: an adaptive remote cluster may still be scaling up)."""
        return max(1, sum(self.client.nthreads().values()))

    def _batch_size(self, articles: Iterable[Article], slots: int) -> int:
        # The ingest driver hands over one transaction's articles at a time: split a known-size
        # input so that every worker gets a share instead of one worker getting it all.
        if isinstance(articles, Sized) and len(articles):
            return max(1, min(self.batch_size, ceil(len(articles) / slots)))
        return self.batch_size

    def __call__(self, articles: Iterable[Article]) -> Iterator[Document]:
        return self.code(articles)

    def code(self, articles: Iterable[Article]) -> Iterator[Document]:
        """Code on the cluster; Documents come back in input order. A task's error is re-raised."""
        in_flight: deque[Future] = deque()
        slots = self.slots()
        window = max(1, self._window or BATCHES_PER_WORKER * slots)
        try:
            for batch in _batches(articles, self._batch_size(articles, slots)):
                in_flight.append(self.client.submit(code_batch, batch, pure=False))
                if len(in_flight) >= window:
                    yield from in_flight.popleft().result()
            while in_flight:
                yield from in_flight.popleft().result()
        finally:
            for future in in_flight:  # the caller stopped early or a batch failed
                future.cancel()

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()
                self._cluster = None

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def code_on_dask(articles: Iterable[Article], *, workers: int | None = None,
                 scheduler: str | None = None, batch_size: int = 32) -> Iterator[Document]:
    """Code ``articles`` on a Dask cluster, yielding Documents in input order.

    ``workers=N`` runs a local cluster of N processes for the duration of the iteration;
    ``scheduler=ADDRESS`` uses an existing cluster (which is left running). Closing the
    iterator early closes the local cluster too. Bad options raise ValueError at the call.
    """
    check_options(workers, scheduler, batch_size)
    return _code_on_dask(articles, workers=workers, scheduler=scheduler, batch_size=batch_size)


def _code_on_dask(articles: Iterable[Article], *, workers: int | None, scheduler: str | None,
                  batch_size: int) -> Iterator[Document]:
    with DaskRunner(workers=workers, scheduler=scheduler, batch_size=batch_size) as runner:
        yield from runner.code(articles)
