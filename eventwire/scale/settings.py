"""What must be the same on every worker as on the driver, gathered on the driver.

eventwire's version, the spaCy model (by name, with its installed version) and the user's
dictionary folders (``EVENTWIRE_PATTERNS_DIR``, ``EVENTWIRE_ACTORS_DIR``). The folders travel by
content, not by path, so a worker needs no filesystem shared with the driver: the worker writes
them to a folder of its own (``scale.worker``). The fingerprint names one such set of settings.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from eventwire.errors import DataFileError
from eventwire.nlp.pipeline import DEFAULT_MODEL

USER_DIRS = {"patterns": "EVENTWIRE_PATTERNS_DIR", "actors": "EVENTWIRE_ACTORS_DIR"}
MAX_USER_BYTES = 64 * 2**20  # sent once to every worker: dictionaries, not corpora


def installed_version(distribution: str) -> str | None:
    """The installed version of a distribution (eventwire, a spaCy model package), else None."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def eventwire_version() -> str:
    from eventwire import __version__

    return installed_version("eventwire") or __version__


@dataclass(frozen=True)
class CodingSettings:
    version: str
    model: str
    model_version: str | None  # None: a model given as a path, or not an installed package
    user_files: tuple[tuple[str, tuple[tuple[str, bytes], ...]], ...]  # (kind, ((name, bytes),))

    @classmethod
    def here(cls, model: str = DEFAULT_MODEL) -> CodingSettings:
        """The settings of this process: its eventwire, the model and the user folders."""
        files = tuple((kind, _folder(os.environ[var], var)) for kind, var in USER_DIRS.items()
                      if os.environ.get(var))
        return cls(eventwire_version(), model, installed_version(model), files)

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha1(f"{self.version}\x00{self.model}\x00{self.model_version}".encode())
        for kind, files in self.user_files:
            for name, data in files:
                digest.update(f"\x00{kind}/{name}\x00{len(data)}\x00".encode())
                digest.update(data)
        return digest.hexdigest()[:16]

    def describe(self) -> str:
        folders = ", ".join(f"{kind} ({len(files)} files)" for kind, files in self.user_files)
        return (f"eventwire {self.version}, model {self.model} {self.model_version or ''}".rstrip()
                + (f", user folders: {folders}" if folders else ""))


def _folder(path: str, variable: str) -> tuple[tuple[str, bytes], ...]:
    folder = Path(path)
    if not folder.is_dir():
        raise DataFileError(f"{variable}={path}: not a directory")
    files = tuple((p.name, p.read_bytes()) for p in sorted(folder.iterdir()) if p.is_file())
    if sum(len(data) for _, data in files) > MAX_USER_BYTES:
        raise DataFileError(f"{variable}={path}: more than {MAX_USER_BYTES // 2**20} MB of files "
                            "to send to every Dask worker")
    return files
