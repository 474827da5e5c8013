"""``POST /api/code``: code a text in worker processes, a bounded number at once.

Coding is CPU work that holds the GIL: run in the server's process it would stall every read
request. So texts are coded in ``size`` worker processes (started on the first request; each
loads the spaCy pipeline once), and at most ``size`` codings run at once: a request beyond that is
refused at once (the API answers 429 with Retry-After) instead of queueing without bound.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import threading
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from typing import Any, Callable

log = logging.getLogger(__name__)

CodeFunction = Callable[[str, "date | None", "str | None", "str | None"], dict[str, Any]]


class CodingBusy(Exception):
    """Every coding slot is taken."""


class CodingFailed(Exception):
    """The text could not be coded (``reason`` says why: the user's input, or a worker crash)."""

    def __init__(self, reason: str, *, input_error: bool) -> None:
        super().__init__(reason)
        self.reason, self.input_error = reason, input_error


def code_document(text: str, published: date | None, title: str | None,
                  url: str | None) -> dict[str, Any]:
    """Run in a worker: ``eventwire.code`` as a JSON-ready dict, or ``{"error": reason}``."""
    import eventwire

    try:
        return eventwire.code(text, published=published, title=title, url=url).to_dict()
    except eventwire.InputError as exc:
        return {"error": exc.reason}


def _processes(size: int) -> Executor:
    # spawn: the server has threads (requests, DuckDB); forking them is unsafe
    return ProcessPoolExecutor(size, mp_context=multiprocessing.get_context("spawn"))


class CodingPool:
    """At most ``size`` codings at once, each on ``executor`` (worker processes by default)."""

    def __init__(self, size: int, *, function: CodeFunction = code_document,
                 executor: Callable[[int], Executor] = _processes) -> None:
        self.size = size
        self._function, self._make_executor = function, executor
        self._slots = threading.BoundedSemaphore(max(size, 1))
        self._executor: Executor | None = None
        self._lock = threading.Lock()

    async def code(self, text: str, published: date | None, title: str | None,
                   url: str | None) -> dict[str, Any]:
        if self.size < 1 or not self._slots.acquire(blocking=False):
            raise CodingBusy()
        try:
            future = self._pool().submit(self._function, text, published, title, url)
            result = await asyncio.wrap_future(future)
        except BrokenProcessPool:
            self._reset()
            raise CodingFailed("the coding worker stopped (out of memory?); try again",
                               input_error=False) from None
        finally:
            self._slots.release()
        if "error" in result:
            raise CodingFailed(result["error"], input_error=True)
        return result

    def start(self) -> None:
        """Start the workers now and wait until one has coded a sentence (its pipeline loaded),
        instead of on the first request."""
        if self.size > 0:
            self._pool().submit(self._function, "The minister met the envoy.", None, None,
                                None).result()

    def _pool(self) -> Executor:
        with self._lock:
            if self._executor is None:
                self._executor = self._make_executor(self.size)
            return self._executor

    def _reset(self) -> None:
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def close(self) -> None:
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
