"""What runs on a Dask worker: the driver's settings, one coder per settings, and the tasks.

The driver registers a ``SettingsPlugin`` with the cluster; Dask runs its ``setup`` on every
worker, including workers that join or restart later, so each worker holds the driver's
settings (``scale.settings``) under their fingerprint before any task names them. A task names
the fingerprint; the worker refuses it when its own eventwire is another version, and otherwise
builds (once per process and fingerprint) a pipeline with the driver's model and the driver's
dictionary folders, written to a folder of the worker's own.

Tasks never raise for an article: a batch that fails is coded again one article at a time, and
an article that fails alone comes back as an ``InputError`` in its place. A task raises only
when the worker itself cannot serve (``ClusterError``).
"""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

from distributed.diagnostics.plugin import WorkerPlugin

from eventwire.code_and_store import code_isolated
from eventwire.errors import ClusterError, InputError
from eventwire.model import Article, Document
from eventwire.scale.settings import USER_DIRS, CodingSettings, eventwire_version

log = logging.getLogger(__name__)

BatchCoder = Callable[[Iterable[Article]], Iterable[Document]]

_installed: dict[str, CodingSettings] = {}  # per worker process: fingerprint -> settings
_coders: dict[str, Any] = {}  # fingerprint -> eventwire.coding.Coder


class SettingsPlugin(WorkerPlugin):
    """Hands the driver's settings to every worker of the cluster (and to later ones)."""

    def __init__(self, settings: CodingSettings) -> None:
        self.settings = settings
        self.name = f"eventwire-settings-{settings.fingerprint}"

    def setup(self, worker: Any) -> None:
        _installed[self.settings.fingerprint] = self.settings
        tune_malloc()


M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
MMAP_THRESHOLD = 32 * 2**20  # the most glibc's dynamic threshold would grow to on 64 bits


def tune_malloc() -> None:
    """Undo what ``MALLOC_TRIM_THRESHOLD_`` (set by Dask's nanny for its workers) does on glibc
    besides trimming: it fixes the mmap threshold at 128 kB, so that every larger allocation of
    the parser is an mmap and a munmap. Measured on this project's benchmark texts: a worker
    coded 15-25% slower than the same code in a plain process, and as fast with this."""
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ or not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None).mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    except (OSError, AttributeError):  # not glibc: nothing to undo
        log.debug("mallopt not available", exc_info=True)


def settings_for(fingerprint: str) -> CodingSettings:
    """The installed settings of a task; refused on a worker of another eventwire version."""
    settings = _installed.get(fingerprint)
    if settings is None:
        raise ClusterError(f"{_where()}: the driver's settings never reached this worker")
    here = eventwire_version()
    if here != settings.version:
        raise ClusterError(f"{_where()} runs eventwire {here}, the driver {settings.version}: "
                           "install the same version on every worker")
    return settings


def _where() -> str:
    try:
        from distributed import get_worker

        return f"Dask worker {get_worker().address}"
    except ValueError:  # not in a worker: the settings were installed by hand
        return "this process"


def coder_for(fingerprint: str) -> BatchCoder:
    """This process's coder for the settings (built on first use, then kept)."""
    settings = settings_for(fingerprint)
    if fingerprint not in _coders:
        _coders[fingerprint] = build_coder(settings)
    return _coders[fingerprint].code_articles


def build_coder(settings: CodingSettings) -> Any:
    """A Coder with the settings' model and the driver's dictionary folders (and no other)."""
    from eventwire.coding import Coder, Options
    from eventwire.nlp.pipeline import add_eventwire, load_base

    folders = {kind: str(_write_folder(settings.fingerprint, kind, files))
               for kind, files in settings.user_files}
    for variable in USER_DIRS.values():  # the driver's folders replace any of the worker's own
        os.environ.pop(variable, None)
    configs = {"eventwire_actors": {"tables_dir": folders.get("actors")},
               "eventwire_events": {"patterns_dir": folders.get("patterns")}}
    nlp = add_eventwire(load_base(settings.model), configs=configs)
    log.info("coder built for %s", settings.describe())
    return Coder(Options(model=settings.model), nlp=nlp)


def _write_folder(fingerprint: str, kind: str, files: tuple[tuple[str, bytes], ...]) -> Path:
    """The files in ``<tmp>/eventwire-<fingerprint>/<kind>``, written once per machine (two
    workers of one machine may race: the first rename wins, both then read the same files)."""
    final = Path(tempfile.gettempdir()) / f"eventwire-{fingerprint}" / kind
    if final.is_dir():
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=final.parent, prefix=f".{kind}-"))
    for name, data in files:
        (staging / name).write_bytes(data)
    try:
        staging.rename(final)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
    return final


def code_batch(articles: list[Article], fingerprint: str,
               code: BatchCoder | None = None) -> list[Document | InputError]:
    """The coding task: one Document or InputError per article, in order. ``code`` replaces
    eventwire's coder (it must be importable on the workers)."""
    settings_for(fingerprint)
    return code_isolated(code or coder_for(fingerprint), articles)


def code_shard(job: Any, fingerprint: str, code: BatchCoder | None = None) -> Any:
    """The Parquet task: code a shard job and write its files (see ``code_to_parquet``)."""
    from eventwire.code_to_parquet import run_job

    settings_for(fingerprint)
    return run_job(job, code or coder_for(fingerprint))
