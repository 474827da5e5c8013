"""The Dask runner: code batches of articles on a cluster, results back in input order.

Each worker codes a whole batch per task with a pipeline it loads once (``scale.worker``) and
sends back plain Documents; only a bounded window of batches is in flight, so a backfill of
millions of articles never sits in the scheduler's memory at once. Writes to the store stay with
the caller (DuckDB has a single writer), or go straight from the workers to Parquet shards
(``eventwire.code_to_parquet``).

A batch whose worker died (SIGKILL, out of memory) is not lost: its articles are coded again one
per task, each given ``SINGLE_TRIES`` workers, and an article that kills every worker it is given
comes back as an ``InputError`` ("the Dask worker coding it died ...") while the rest are coded.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError
from itertools import islice
from math import ceil
from types import TracebackType
from typing import TYPE_CHECKING, Any

from eventwire.errors import ClusterError, EventwireError, InputError
from eventwire.model import Article, Document
from eventwire.scale.cluster import (CONNECT_TIMEOUT, check_workers, connect_to, dashboard_link,
                                     start_local)
from eventwire.scale.settings import CodingSettings
from eventwire.scale.worker import BatchCoder, SettingsPlugin, code_batch, code_shard

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

log = logging.getLogger(__name__)

BATCHES_PER_WORKER = 2  # one batch computing, one queued: no worker waits on the driver
SINGLE_TRIES = 2  # workers an article alone may take down before it is given up
DIED = ("the Dask worker coding it died (out of memory, or a crash: see the worker's log); "
        "the other articles were coded")
Coded = list["Document | InputError"]


def check_options(workers: int | None, scheduler: str | None, batch_size: int) -> None:
    """Raise ValueError for a call that cannot work, before any process is started."""
    if (workers is None) == (scheduler is None):
        raise ValueError("give exactly one of workers (a local cluster) or scheduler (an address)")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def _killed(exc: BaseException) -> bool:
    from distributed import KilledWorker

    return isinstance(exc, KilledWorker)


class DaskRunner:
    """A Dask client (and, with ``workers``, its own LocalCluster) kept open across calls.

    Use it as a context manager. Calling it codes articles like ``eventwire.code_many``;
    ``submit`` starts coding a list and returns a handle, which is how the ingest driver keeps
    the workers busy while it writes (``eventwire.code_and_store``). ``code`` replaces
    eventwire's coder on the workers (a function importable there: tests use a fake one).
    """

    def __init__(self, *, workers: int | None = None, scheduler: str | None = None,
                 batch_size: int = 32, window: int | None = None, model: str | None = None,
                 code: BatchCoder | None = None, timeout: float = CONNECT_TIMEOUT,
                 memory_limit: str | float | None = "auto") -> None:
        check_options(workers, scheduler, batch_size)
        self.batch_size, self._window, self._code = batch_size, window, code
        self.settings = CodingSettings.here(model) if model else CodingSettings.here()
        self._cluster: LocalCluster | None = None
        if scheduler is not None:
            self.client: Client = connect_to(scheduler, timeout)
        else:
            self._cluster = start_local(workers or 1, memory_limit)
            self.client = self._local_client(self._cluster)
        try:
            check_workers(self.client, self.settings)
            self.client.register_plugin(SettingsPlugin(self.settings))
        except BaseException:
            self.close()
            raise

    @staticmethod
    def _local_client(cluster: LocalCluster) -> Client:
        from distributed import Client

        try:
            return Client(cluster)
        except BaseException:
            cluster.close()
            raise

    @property
    def dashboard_link(self) -> str | None:
        return dashboard_link(self.client, self._cluster)

    def slots(self) -> int:
        """Worker threads now (at least 1: an adaptive remote cluster may still be scaling up)."""
        return max(1, sum(self.client.nthreads().values()))

    def _batch_size(self, articles: list[Article], slots: int) -> int:
        # the ingest driver hands over one transaction's articles at a time: split them so that
        # every worker gets a share instead of one worker getting them all
        return max(1, min(self.batch_size, ceil(len(articles) / slots)))

    def _submit_batch(self, batch: list[Article]) -> Future:
        return self.client.submit(code_batch, batch, self.settings.fingerprint, self._code,
                                  pure=False)

    def submit(self, articles: list[Article]) -> _Submitted:
        """Start coding ``articles`` now; ``.result()`` waits for them (in order)."""
        size = self._batch_size(articles, self.slots()) if articles else 1
        batches = list(_batches(articles, size))
        return _Submitted(self, [(batch, self._submit_batch(batch)) for batch in batches])

    def __call__(self, articles: Iterable[Article]) -> Iterator[Document | InputError]:
        return self.code(articles)

    def code(self, articles: Iterable[Article]) -> Iterator[Document | InputError]:
        """Code on the cluster, a bounded window of batches at a time; results in input order."""
        in_flight: deque[tuple[list[Article], Future]] = deque()
        window = max(1, self._window or BATCHES_PER_WORKER * self.slots())
        try:
            for batch in _batches(articles, self.batch_size):
                in_flight.append((batch, self._submit_batch(batch)))
                if len(in_flight) >= window:
                    yield from self.result(*in_flight.popleft())
            while in_flight:
                yield from self.result(*in_flight.popleft())
        finally:
            for _, future in in_flight:  # the caller stopped early or the cluster failed
                future.cancel()

    def result(self, batch: list[Article], future: Future) -> Coded:
        """A batch's results; a batch whose worker died is coded again article by article."""
        try:
            return future.result()
        except Exception as exc:  # noqa: BLE001 - sorted out below
            if not _killed(exc):
                raise _cluster_error(exc) from None
        log.warning("a Dask worker died coding a batch of %d; coding each alone", len(batch))
        return self.code_alone(batch)

    def code_alone(self, batch: list[Article]) -> Coded:
        """Each article in a task of its own (all at once): a death hits one article only."""
        singles = [(article, self._submit_batch([article])) for article in batch]
        return [self._single(article, future) for article, future in singles]

    def _single(self, article: Article, future: Future) -> Document | InputError:
        for attempt in range(1, SINGLE_TRIES + 1):
            try:
                return future.result()[0]
            except Exception as exc:  # noqa: BLE001
                if not _killed(exc):
                    raise _cluster_error(exc) from None
            if attempt < SINGLE_TRIES:
                future = self._submit_batch([article])
        log.warning("%s: %s", article.origin, DIED)
        return InputError(article.origin or "-", DIED)

    def submit_shard(self, job: Any) -> Future:
        """Start a Parquet shard job (``eventwire.code_to_parquet``) on the cluster."""
        return self.client.submit(code_shard, job, self.settings.fingerprint, self._code,
                                  pure=False)

    def shard_result(self, job: Any, future: Future) -> Any:
        """A shard job's result; if its worker died, the articles that kill workers alone are
        found, logged as failed in the job, and the job is run again without them."""
        try:
            return future.result()
        except Exception as exc:  # noqa: BLE001
            if not _killed(exc):
                raise _cluster_error(exc) from None
        articles = [article for _, article in job.articles]
        probes = self.code_alone(articles)
        died = {id(a) for a, r in zip(articles, probes) if isinstance(r, InputError)}
        return self.submit_shard(job.without(died, DIED)).result()

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


class _Submitted:
    """The batches of one ``DaskRunner.submit`` call."""

    def __init__(self, runner: DaskRunner, batches: list[tuple[list[Article], Future]]) -> None:
        self.runner, self.batches = runner, batches

    def result(self) -> Coded:
        try:
            return [r for batch, future in self.batches for r in self.runner.result(batch, future)]
        except BaseException:
            for _, future in self.batches:
                future.cancel()
            raise


def _cluster_error(exc: BaseException) -> EventwireError:
    """What a task's failure other than a dead worker means: the cluster cannot serve (or a
    worker met an error of eventwire's own, such as a shard folder it cannot write)."""
    if isinstance(exc, EventwireError):
        return exc
    if isinstance(exc, CancelledError):
        return ClusterError("the Dask cluster dropped the work in flight (scheduler lost or "
                            "restarted); run the same command again to resume")
    return ClusterError(f"a Dask worker cannot run eventwire's task: {type(exc).__name__}: {exc}")


def code_on_dask(articles: Iterable[Article], *, workers: int | None = None,
                 scheduler: str | None = None, batch_size: int = 32) -> Iterator[Document | InputError]:
    """Code ``articles`` on a Dask cluster, yielding Documents in input order (an InputError in
    place of an article that kills the workers it is given).

    ``workers=N`` runs a local cluster of N processes for the duration of the iteration;
    ``scheduler=ADDRESS`` uses an existing cluster (which is left running). Closing the
    iterator early closes the local cluster too. Bad options raise ValueError at the call.
    """
    check_options(workers, scheduler, batch_size)
    return _code_on_dask(articles, workers=workers, scheduler=scheduler, batch_size=batch_size)


def _code_on_dask(articles: Iterable[Article], *, workers: int | None, scheduler: str | None,
                  batch_size: int) -> Iterator[Document | InputError]:
    with DaskRunner(workers=workers, scheduler=scheduler, batch_size=batch_size) as runner:
        yield from runner.code(articles)
