"""Property tests of every reader and of text cleaning: whatever the bytes, an Article or one
clear reason, never a traceback and never a reader bug passed off as a reason.

``read_source`` turns any exception of a reader into "could not be read (...)" so that a batch
goes on; here that fallback counts as a failure: each reader must refuse bad input on purpose.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.ingest import IngestOptions, article_from_record, clean_text, read_bytes
from eventwire.ingest import READERS, read_source  # type: ignore[attr-defined]
from eventwire.ingest.decode import Decoded, decode_bytes
from eventwire.ingest.repair import repair_mojibake
from eventwire.ingest.sources import Source
from eventwire.model import Article

OPTIONS = IngestOptions(time_limit=None)  # hypothesis shrinks by rerunning: no alarms in between
BUG = "could not be read ("
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\r\u2028\u2029\x0b\x0c\x85"

# Text that looks like news now and then: words, punctuation, markup and odd characters mixed.
WORDS = st.sampled_from(["Russia", "NATO", "said", "the", "talks", "in", "Geneva", "on", "Monday",
                         "—", "(AP)", "\n\n", "\n", ".", ",", "“", "”", "Ã©", "é", "<p>", "</p>",
                         "<div>", "&amp;", "Share", "Advertisement", "\u200b", "\t", "KYIV,"])
NEWSISH = st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=60).map(" ".join)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30) | NEWSISH,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
FIELDS = st.sampled_from(["text", "body", "id", "date", "title", "url", "outlet", "source", "link", "x"])
RECORDS = st.dictionaries(FIELDS, JSON_VALUES, max_size=6)


def check(items: list[Article | InputError]) -> None:
    assert items, "an input gave nothing: it would vanish from the batch"
    for item in items:
        if isinstance(item, InputError):
            assert item.reason and not item.reason.startswith(BUG), item
            assert "Traceback" not in item.reason and "\n" not in item.reason
        else:
            assert isinstance(item, Article) and item.text.strip()
            assert not set(item.text) & set(INVISIBLE), repr(item.text[:80])
            item.text.encode("utf-8")  # no lone surrogate: the store writes UTF-8


def read(kind: str, data: bytes) -> list[Article | InputError]:
    return list(read_source(Source(origin="input", kind=kind, data=data), OPTIONS))


@given(st.sampled_from(sorted(READERS)), st.binary(max_size=3000))
def test_every_reader_on_arbitrary_bytes(kind: str, data: bytes) -> None:
    check(read(kind, data))


@given(st.sampled_from(sorted(READERS)), NEWSISH, st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
def test_every_reader_on_text_in_some_encoding(kind: str, text: str, encoding: str) -> None:
    check(read(kind, text.encode(encoding, errors="replace")))


@given(st.binary(max_size=2000) | NEWSISH.map(str.encode))
def test_detected_format_of_bytes_and_of_gzip(data: bytes) -> None:
    check(list(read_bytes(data, options=OPTIONS)))
    check(list(read_bytes(gzip.compress(data)[: max(10, len(data))], options=OPTIONS)))


@given(st.lists(RECORDS | JSON_VALUES, min_size=1, max_size=5))
def test_jsonl_of_arbitrary_json(lines: list[Any]) -> None:
    data = "\n".join(json.dumps(line) for line in lines).encode()
    items = read("jsonl", data)
    check(items)
    assert len(items) == len(lines)  # one item per line: each line is accounted for


@given(RECORDS)
def test_article_from_any_record_or_one_reason(record: dict[str, Any]) -> None:
    try:
        article = article_from_record(record, origin="r", options=OPTIONS)
    except InputError as exc:
        assert exc.reason
    else:
        assert article.text.strip()
        assert all(v is None or isinstance(v, str) for v in (article.title, article.url, article.outlet, article.id))


@given(st.lists(NEWSISH, max_size=4), st.sampled_from(["rss", "atom"]))
def test_feeds_of_arbitrary_items(bodies: list[str], flavour: str) -> None:
    from xml.sax.saxutils import escape

    if flavour == "rss":
        items = "".join(f"<item><title>t{n}</title><description>{escape(b)}</description></item>" for n, b in enumerate(bodies))
        data = f"<rss version='2.0'><channel>{items}</channel></rss>"
    else:
        items = "".join(f"<entry><title>t{n}</title><content type='html'>{escape(b)}</content></entry>" for n, b in enumerate(bodies))
        data = f"<feed xmlns='http://www.w3.org/2005/Atom'>{items}</feed>"
    check(read("feed", data.encode()))


@given(NEWSISH | st.text())
def test_cleaning_never_raises_and_leaves_no_invisible_characters(text: str) -> None:
    cleaned = clean_text(text)
    assert not set(cleaned) & set(INVISIBLE)
    cleaned.encode("utf-8")
    assert "\n\n\n" not in cleaned and cleaned == cleaned.strip()
    assert clean_text(cleaned) == clean_text(clean_text(cleaned))  # settles after a pass


@given(st.binary(max_size=3000))
def test_decoding_round_trips_or_refuses(data: bytes) -> None:
    try:
        decoded = decode_bytes(data, "input")
    except InputError as exc:
        assert exc.reason
        return
    assert isinstance(decoded, Decoded)
    if decoded.encoding == "utf-8" and not data.startswith(b"\xef\xbb\xbf"):
        assert decoded.text.encode("utf-8") == data


@given(st.text(max_size=200))
def test_mojibake_repair_undoes_utf8_read_as_latin1(text: str) -> None:
    repaired, changed = repair_mojibake(text)
    assert isinstance(repaired, str) and changed == (repaired != text)
    assert repair_mojibake(repaired)[0] == repaired  # nothing left to repair
