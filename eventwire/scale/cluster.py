"""Getting a Dask cluster: a local one, or a user's by address, checked before work is sent.

- ``workers=N`` starts a ``distributed.LocalCluster`` of N single-threaded processes (spaCy
  holds the GIL: processes, not threads) with its dashboard on a free port. Its scheduler fails a
  task at the first death of its worker (``allowed-failures`` 0): the runner then codes each
  article of that batch alone, so an article that kills workers costs three deaths, not twelve.
  Its diagnostics run at a calmer pace and its workers keep glibc's malloc as it is
  (``LOCAL_CONFIG``).
- ``scheduler=ADDRESS`` connects to a cluster the user runs (dask-jobqueue, dask-kubernetes, the
  Helm chart, ``dask scheduler``); an address nobody answers at gives a ``ClusterError`` after
  ``timeout`` seconds, not a hang.

Before any work is sent, every worker must have the driver's eventwire version and model
(``check_workers``); a worker that differs is named in a ``ClusterError``.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from typing import TYPE_CHECKING, Any

import dask

from eventwire.errors import ClusterError
from eventwire.scale.settings import CodingSettings

if TYPE_CHECKING:
    from distributed import Client, LocalCluster

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler
LOCAL_CONFIG = {
    "distributed.scheduler.allowed-failures": 0,
    # Dask's diagnostics at a calmer pace: with the nannies and the scheduler in the driver's
    # process, their defaults cost it 4% of a core when idle, 1% with these (measured here)
    "distributed.worker.memory.monitor-interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.tick.interval": "200ms",
    # see scale.worker.tune_malloc: None unsets what Dask would set for the worker processes
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


def connect_to(scheduler: str, timeout: float = CONNECT_TIMEOUT) -> Client:
    from distributed import Client

    log.info("connecting to the Dask scheduler at %s", scheduler)
    try:
        _probe(scheduler, timeout)
        return Client(scheduler, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as exc:  # refused, unreachable, silent, bad address
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} within "
                           f"{timeout:g} s ({_reason(exc)})") from None


def _probe(address: str, timeout: float) -> None:
    """Ask the address who it is, within ``timeout`` in all: distributed's own connect waits
    for ever on a port that accepts and never answers. In a thread of its own, so that it
    works under a caller's running event loop too."""
    from distributed.comm import connect

    async def identity() -> Any:
        comm = await connect(address, timeout=timeout)
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            comm.abort()

    with ThreadPoolExecutor(1) as pool:
        answer = pool.submit(asyncio.run, asyncio.wait_for(identity(), timeout)).result()
    if not isinstance(answer, dict) or answer.get("type") != "Scheduler":
        raise ValueError(f"what answers there is not a Dask scheduler ({answer!r:.80})")


def _reason(exc: BaseException) -> str:
    return str(exc) or ("no answer" if isinstance(exc, TimeoutError) else type(exc).__name__)


def start_local(workers: int, memory_limit: str | float | None = "auto") -> LocalCluster:
    from distributed import LocalCluster

    try:
        with dask.config.set(LOCAL_CONFIG):
            # the dashboard on a free port: two ingests on one machine must not fight over 8787
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", memory_limit=memory_limit)
    except (OSError, TimeoutError, RuntimeError) as exc:
        raise ClusterError(f"cannot start a local Dask cluster of {workers} workers: {exc}") from None
    log.info("local Dask cluster of %d workers; dashboard %s", workers, cluster.dashboard_link)
    return cluster


def check_workers(client: Client, settings: CodingSettings) -> None:
    """Raise ``ClusterError`` naming each worker whose eventwire or model differs from ours."""
    problems = _differences(client, "eventwire", settings.version)
    if not problems and settings.model_version is not None:
        problems = _differences(client, settings.model, settings.model_version)
    if problems:
        raise ClusterError("workers differ from this process, no work was sent: "
                           + "; ".join(problems))


def _differences(client: Client, distribution: str, wanted: str) -> list[str]:
    # a stdlib function, sent by reference: it runs where eventwire is missing or another
    found = client.run(metadata.version, distribution, on_error="return")
    return [f"{worker} has {distribution} {_shown(version)} (here: {wanted})"
            for worker, version in sorted(found.items()) if version != wanted]


def _shown(version: Any) -> str:
    if isinstance(version, metadata.PackageNotFoundError):
        return "not installed"
    return str(version) if isinstance(version, str) else f"unknown ({version!r})"


def dashboard_link(client: Client, cluster: Any = None) -> str | None:
    """The dashboard URL (None when the scheduler serves none: bokeh missing there)."""
    try:
        link = (cluster or client).dashboard_link
    except (AttributeError, KeyError):
        return None
    return link or None
