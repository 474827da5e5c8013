"""Inputs named by the user (files, directories, globs, '-') to Sources of a known format."""

from __future__ import annotations

import glob
import gzip
import io
import logging
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from eventwire.errors import InputError

log = logging.getLogger(__name__)

# File name endings -> format. ".gz" on top of any of them is decompressed first.
FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
}
SIDECAR_SUFFIX = ".meta.json"
GZIP_ERRORS = (OSError, EOFError, zlib.error)
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Source:
    """One readable input: a file (maybe gzipped) or bytes given directly (stdin, read_text)."""

    origin: str
    kind: str
    path: Path | None = None
    data: bytes | None = None
    compressed: bool = False

    def open_raw(self) -> BinaryIO:
        """The stored bytes, still compressed (warcio reads gzipped WARC members itself)."""
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        try:
            return self.path.open("rb")
        except OSError as exc:
            raise InputError(self.origin, f"cannot read the file: {exc.strerror or exc}") from exc

    def open(self) -> BinaryIO:
        """The decompressed byte stream; gzip errors surface while reading it."""
        raw = self.open_raw()
        return gzip.GzipFile(fileobj=raw, mode="rb") if self.compressed else raw  # type: ignore[return-value]

    def read_bytes(self, limit: int | None = None) -> bytes:
        """All bytes (decompressed), or InputError past ``limit``: a gzip bomb (a small file that
        unpacks to gigabytes) is stopped after ``limit`` bytes, never held in memory."""
        with self.open() as stream:
            try:
                data = stream.read() if limit is None else stream.read(limit + 1)
            except GZIP_ERRORS as exc:
                if not self.compressed:
                    raise InputError(self.origin, f"cannot read the file: {exc}") from exc
                raise InputError(self.origin, f"not a readable gzip file ({exc})") from exc
        if limit is not None and len(data) > limit:
            raise InputError(self.origin, too_large(limit, self.compressed))
        return data


def too_large(limit: int, unpacked: bool = False) -> str:
    what = "unpacks to more than" if unpacked else "is larger than"
    return f"input too large: it {what} {limit:,} bytes, the limit for one article (option max_chars)"


def format_of(path: Path) -> tuple[str | None, bool]:
    """(format, gzipped) from the file name; format None when the ending is not known."""
    name = path.name.lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[:-3]
    kind = next((k for suffix, k in FORMATS.items() if name.endswith(suffix)), None)
    return kind, compressed


def expand(inputs: Iterable[str | Path]) -> Iterator[Source | InputError]:
    """Every input named by the user, as Sources, or one InputError for each that is unusable."""
    for item in inputs:
        name = str(item)
        if name == "-":
            yield Source(origin="-", kind="stdin")
        elif Path(name).is_dir():
            yield from _directory(Path(name))
        elif Path(name).exists():
            yield _file(Path(name), explicit=True)  # type: ignore[misc]
        elif _GLOB_CHARS & set(name):
            yield from _glob(name)
        else:
            yield InputError(name, "no such file or directory")


def _file(path: Path, explicit: bool) -> Source | InputError | None:
    kind, compressed = format_of(path)
    if kind is not None:
        return Source(origin=str(path), kind=kind, path=path, compressed=compressed)
    if explicit:
        known = ", ".join(sorted(FORMATS))
        return InputError(str(path), f"unknown file type {''.join(path.suffixes) or '(no extension)'!r}; known: {known} (and .gz of them)")
    log.info("skipping %s: not an article file", path)
    return None


def _is_candidate(path: Path, root: Path) -> bool:
    relative = path.relative_to(root).parts
    hidden = any(part.startswith(".") for part in relative)
    return path.is_file() and not hidden and not path.name.endswith(SIDECAR_SUFFIX)


def _directory(root: Path) -> Iterator[Source | InputError]:
    """Files of known formats under ``root``, recursively, in a stable order."""
    found = [s for s in (_file(p, explicit=False) for p in sorted(root.rglob("*")) if _is_candidate(p, root)) if s]
    if not found:
        yield InputError(str(root), f"directory holds no article files ({', '.join(sorted(FORMATS))})")
    yield from found


def _glob(pattern: str) -> Iterator[Source | InputError]:
    matches = [Path(m) for m in sorted(glob.glob(pattern, recursive=True))]
    found: list[Source | InputError] = []
    for path in matches:
        if path.is_dir():
            found.extend(_directory(path))
        elif not path.name.endswith(SIDECAR_SUFFIX):
            found.extend(s for s in [_file(path, explicit=False)] if s)
    if not found:
        yield InputError(pattern, "no article file matches this pattern")
    yield from found


def sidecar_path(path: Path) -> Path:
    """``story.txt`` (or ``story.txt.gz``) -> ``story.meta.json`` next to it."""
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem = name.rsplit(".", 1)[0]
    return path.with_name(stem + SIDECAR_SUFFIX)
