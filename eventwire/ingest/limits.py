"""The per-article time limit: an input that takes too long is given up as failed, the batch goes on.

A timer signal (SIGALRM) interrupts the work between two Python steps, so even a regex stuck in
backtracking or a parser deep in pathological markup is stopped. The alarm raises a
BaseException that library code catching ``Exception`` (trafilatura does, around its stages)
cannot swallow; it fires again every ``RETRY_SECONDS`` until the limited block has ended.
Signals reach only the main thread: elsewhere (a thread of a server) the work runs unlimited.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from types import TracebackType

from eventwire.errors import TimeLimitError

log = logging.getLogger(__name__)

RETRY_SECONDS = 0.5


class _Expired(BaseException):
    """Raised by the alarm inside the limited block; turned into TimeLimitError on the way out."""


class time_limit:  # noqa: N801  (used as a context manager, like contextlib's)
    """``with time_limit(60, "story.txt", "to read"):`` raises TimeLimitError after 60 s.

    ``seconds`` None or 0: no limit. Limits nest: an outer limit keeps running inside an inner one.
    """

    def __init__(self, seconds: float | None, origin: str, doing: str = "to read") -> None:
        self.seconds, self.origin, self.doing = seconds, origin, doing
        self.armed = False
        self.previous: tuple[object, tuple[float, float], float] | None = None

    def __enter__(self) -> "time_limit":
        if not self.seconds or self.seconds <= 0 or not _alarms_work():
            return self
        handler = signal.signal(signal.SIGALRM, self._fire)
        outer = signal.setitimer(signal.ITIMER_REAL, self.seconds, RETRY_SECONDS)
        self.previous = (handler, outer, time.monotonic())
        self.armed = True
        return self

    def _fire(self, signum: int, frame: object) -> None:
        if self.armed:
            raise _Expired()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> bool:
        if not self.armed:
            return False
        self.armed = False  # first: an alarm arriving now must not raise any more
        signal.setitimer(signal.ITIMER_REAL, 0)
        self._restore_outer()
        if kind is not None and issubclass(kind, _Expired):
            raise TimeLimitError(self.origin, f"took longer than the time limit of {self.seconds:g} s "
                                              f"{self.doing} (option time_limit)") from None
        return False

    def _restore_outer(self) -> None:
        assert self.previous is not None
        handler, (remaining, interval), started = self.previous
        signal.signal(signal.SIGALRM, handler)  # type: ignore[arg-type]
        if remaining > 0:  # an outer limit was running: it goes on with the time it has left
            left = remaining - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3), interval)


def _alarms_work() -> bool:
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        return True
    log.debug("no time limit outside the main thread (signals reach only the main thread)")
    return False
