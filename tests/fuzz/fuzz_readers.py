"""Coverage-guided fuzzing of the readers with atheris (libFuzzer for Python).

The first byte of an input picks the reader (text, html, jsonl, feed, warc), the rest is what it
reads. An input "crashes" when a reader raises anything but its own InputError, or when the
batch's safety net had to turn an exception into "could not be read (...)": a reader must
refuse bad input on purpose, with a reason. Crashing inputs that were fixed are kept in
``regressions/<reader>/`` and replayed by test_fuzz.py on every test run.

    python tests/fuzz/fuzz_readers.py -runs=20000 -seed=1 WORK_DIR     # libFuzzer flags
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REGRESSIONS = HERE / "regressions"
BUG = "could not be read ("


def kinds() -> list[str]:
    from eventwire.ingest import READERS  # type: ignore[attr-defined]

    return sorted(READERS)


def check_input(data: bytes) -> None:
    """Read ``data`` with the reader its first byte picks; raise AssertionError on a crash."""
    from eventwire.errors import InputError
    from eventwire.ingest import IngestOptions, read_source  # type: ignore[attr-defined]
    from eventwire.ingest.sources import Source
    from eventwire.model import Article

    if not data:
        return
    kind = kinds()[data[0] % len(kinds())]
    options = IngestOptions(time_limit=None)  # libFuzzer keeps its own timeout
    items = list(read_source(Source(origin="fuzz", kind=kind, data=data[1:]), options))
    assert items, f"{kind}: the input gave nothing"
    for item in items:
        if isinstance(item, InputError):
            assert not item.reason.startswith(BUG), f"{kind}: {item.reason}"
        else:
            assert isinstance(item, Article) and item.text.strip(), f"{kind}: {item!r}"
            item.text.encode("utf-8")  # a lone surrogate could not be stored


def seeds() -> dict[str, bytes]:
    """Small valid inputs of each format, so the fuzzer starts from inside each reader."""
    sys.path.insert(0, str(HERE.parent / "ingest"))
    from hostile_corpus import news, page, rss, _warc  # noqa: PLC0415

    found = {
        "text": news(0).encode(),
        "html": page(news(1)).encode(),
        "jsonl": b'{"id": "a", "text": "Russia warned NATO on Monday.", "date": "2021-12-01"}\n{"text": 1}\n',
        "feed": rss([news(2)]).encode(),
        "warc": _warc([page(news(3))], cut=False),
    }
    return {kind: bytes([kinds().index(kind)]) + data for kind, data in found.items()}


def main() -> None:
    import logging

    import atheris

    logging.disable(logging.WARNING)  # readers warn about odd dates: thousands of lines a minute

    with atheris.instrument_imports(include=["eventwire", "feedparser", "warcio", "charset_normalizer"]):
        import eventwire.ingest  # noqa: F401

    work = Path(next((a for a in sys.argv[1:] if not a.startswith("-")), HERE / "work"))
    work.mkdir(parents=True, exist_ok=True)
    for kind, data in seeds().items():
        (work / f"seed-{kind}").write_bytes(data)
    atheris.Setup(sys.argv, check_input)
    atheris.Fuzz()


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1]))
    main()
