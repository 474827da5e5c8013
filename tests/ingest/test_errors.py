"""Bad inputs give exactly one InputError each, with a reason a user understands; the rest of
the batch still comes through."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from ingest_helpers import BODY, page, write_warc

from eventwire.errors import InputError
from eventwire.ingest import IngestOptions, article_from_text, read_inputs
from eventwire.model import Article

GERMAN = (
    "Die Außenminister der beiden Länder haben sich am Dienstag in Genf getroffen und über einen "
    "Austausch von Gefangenen gesprochen. Nach Angaben der Regierung soll die nächste Runde im "
    "Januar stattfinden. Die Opposition kritisierte die Gespräche scharf und warf der Regierung "
    "vor, zu viele Zugeständnisse gemacht zu haben, ohne das Parlament zu fragen. Beobachter "
    "sehen darin dennoch einen ersten Schritt zur Entspannung zwischen den Nachbarn."
)
RUSSIAN = (
    "Министры иностранных дел двух стран встретились во вторник в Женеве и обсудили обмен "
    "пленными. По данным правительства, следующий раунд переговоров пройдет в январе. "
    "Оппозиция резко раскритиковала переговоры и обвинила правительство в уступках."
)


def _bytes(data: bytes, name: str) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        (tmp / name).write_bytes(data)
        return tmp / name

    return make


def _text(text: str, name: str) -> Callable[[Path], Path]:
    return _bytes(text.encode("utf-8"), name)


def _missing(tmp: Path) -> Path:
    return tmp / "nowhere.txt"


def _empty_dir(tmp: Path) -> Path:
    (tmp / "empty").mkdir()
    return tmp / "empty"


def _truncated_gz(tmp: Path) -> Path:
    data = gzip.compress(BODY.encode() * 20)
    (tmp / "cut.txt.gz").write_bytes(data[: len(data) // 2])
    return tmp / "cut.txt.gz"


def _not_a_warc(tmp: Path) -> Path:
    (tmp / "bad.warc").write_bytes(b"this is not a web archive\n" * 10)
    return tmp / "bad.warc"


def _truncated_warc(tmp: Path) -> Path:
    path = write_warc(tmp / "cut.warc.gz", [("https://a.example/1", page(), "2021-12-01T00:00:00Z")] * 3)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def _gzip_bomb(tmp: Path) -> Path:
    """A few kilobytes that unpack to a gigabyte: gzip members of 64 MB of spaces, concatenated."""
    member = gzip.compress(b" " * (64 << 20), compresslevel=9)
    (tmp / "bomb.txt.gz").write_bytes(member * 16)
    return tmp / "bomb.txt.gz"


def _warc_without_html(tmp: Path) -> Path:
    path = write_warc(tmp / "img.warc.gz", [])
    return path


# (input builder, words the reason must contain)
BAD_INPUTS = {
    "empty file": (_bytes(b"", "empty.txt"), "empty"),
    "whitespace only": (_bytes(b" \n\n\t\n", "blank.txt"), "only whitespace"),
    "binary file": (_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "image.txt"), "binary file"),
    "undecodable bytes": (_bytes(BODY.encode()[:120] + bytes(range(0x80, 0x100)) * 20, "mixed.txt"), "cannot tell the text's encoding: not UTF-8 (byte b'\\x80' at offset 120)"),
    "too large": (_text(BODY * 6000, "huge.txt"), "over the limit of 2,000,000"),
    "non-English (German)": (_text(GERMAN, "de.txt"), "does not look like English"),
    "non-English (Cyrillic)": (_text(RUSSIAN, "ru.txt"), "not in English"),
    "boilerplate only": (_text("Politics\n\nShare this\n\nLeave a comment\n", "shell.txt"), "no article text left"),
    "HTML without main text": (_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", "nav.html"), "no main text"),
    "unknown extension": (_text(BODY, "article.docx"), "unknown file type '.docx'"),
    "missing path": (_missing, "no such file"),
    "empty directory": (_empty_dir, "no article files"),
    "corrupt gzip": (_truncated_gz, "gzip"),
    "gzip that is not gzip": (_text(BODY, "fake.txt.gz"), "not a readable gzip file"),
    "not a WARC": (_not_a_warc, "not a WARC file"),
    "WARC without HTML": (_warc_without_html, "no HTML response records"),
    "XML that is not a feed": (_text("<?xml version='1.0'?><urlset><url>x</url></urlset>", "sitemap.xml"), "not an RSS or Atom feed"),
    "broken XML, no item text": (_text("<rss><channel><item><title>x</title></channel>", "broken.rss"), "feed item has no content or summary"),
    "a feed that is an HTML page": (_text(page(), "news.xml"), "it is an HTML page"),
    "gzip bomb": (_gzip_bomb, "unpacks to more than 8,000,000 bytes"),
    "JSONL empty": (_text("\n\n", "none.jsonl"), "empty"),
}


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
def test_bad_input_gives_one_clear_error_and_batch_goes_on(tmp_path: Path, kind: str) -> None:
    make, words = BAD_INPUTS[kind]
    bad = make(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(BODY, encoding="utf-8")
    items = list(read_inputs([good, bad, good]))
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1, errors
    assert errors[0].origin.startswith(str(bad))  # a feed item: "feed.rss:item 1"
    assert words in errors[0].reason
    assert "Traceback" not in errors[0].reason
    assert [i.text for i in items if isinstance(i, Article)] == [BODY, BODY]


@pytest.mark.parametrize(
    "line, words",
    [
        ('{"id": "x", "text": "unterminated', "malformed JSON"),
        ('["a list"]', "JSON list, not an object"),
        ('{"id": "x", "title": "no text"}', "record has no text"),
        ('{"text": 42}', "'text' is int, not a string"),
        ('{"text": ""}', "article text is empty"),
        (json.dumps({"text": GERMAN}), "does not look like English"),
    ],
)
def test_bad_jsonl_line_names_its_line_and_other_lines_are_read(tmp_path: Path, line: str, words: str) -> None:
    path = tmp_path / "batch.jsonl"
    good = json.dumps({"text": BODY})
    path.write_text("\n".join([good, line, good]) + "\n", encoding="utf-8")
    items = list(read_inputs([path]))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article"]
    assert items[1].origin == f"{path}:2" and words in items[1].reason


def test_undecodable_jsonl_line_says_where(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    first = json.dumps({"text": BODY}).encode() + b"\n"
    path.write_bytes(first + b'{"text": "' + bytes(range(0x80, 0x100)) * 8 + b'"}\n')
    items = list(read_inputs([path]))
    assert isinstance(items[0], Article)
    assert items[1].origin == f"{path}:2"
    assert f"invalid UTF-8 at byte offset {len(first) + 10:,}" in items[1].reason
    assert "cannot tell the text's encoding" in items[1].reason


def test_overlong_jsonl_line_is_skipped_unread_and_the_next_line_read(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    long_line = json.dumps({"text": "word " * 300})
    path.write_text("\n".join([long_line, json.dumps({"text": BODY})]) + "\n", encoding="utf-8")
    items = list(read_inputs([path], options=IngestOptions(max_chars=200)))
    assert isinstance(items[0], InputError) and items[0].origin == f"{path}:1"
    assert f"line too long: {len(long_line) + 1:,} bytes, over the limit of 800" in items[0].reason
    assert isinstance(items[1], InputError) and "article too large" in items[1].reason  # BODY > 200


def test_max_chars_option_and_reason_give_size_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    [error] = list(read_inputs([path], options=IngestOptions(max_chars=200)))
    assert isinstance(error, InputError)
    assert f"{len(BODY):,} characters" in error.reason and "limit of 200" in error.reason


def test_a_file_far_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    [error] = list(read_inputs([path], options=IngestOptions(max_chars=100)))
    assert isinstance(error, InputError)
    assert "larger than 400 bytes, the limit for one article (option max_chars)" in error.reason


def test_feed_item_without_content_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(
        "<rss><channel><item><title>Empty</title></item>"
        f"<item><title>Talks</title><description>{BODY}</description></item></channel></rss>",
        encoding="utf-8",
    )
    items = list(read_inputs([path]))
    assert [type(i).__name__ for i in items] == ["InputError", "Article"]
    assert "no content or summary" in items[0].reason


def test_truncated_warc_keeps_good_records_and_reports_the_damage(tmp_path: Path) -> None:
    items = list(read_inputs([_truncated_warc(tmp_path)]))
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], InputError) and "truncated or corrupt WARC.gz" in items[-1].reason
    assert sum(isinstance(i, InputError) for i in items) == 1


def test_warc_bad_record_does_not_stop_the_others(tmp_path: Path) -> None:
    empty = "<html><body><nav>Home</nav></body></html>"
    path = write_warc(tmp_path / "c.warc.gz", [("https://a.example/1", empty, "2021-12-01T00:00:00Z"), ("https://a.example/2", page(), "2021-12-01T00:00:00Z")])
    items = list(read_inputs([path]))
    assert [type(i).__name__ for i in items] == ["InputError", "Article"]
    assert "https://a.example/1" in items[0].origin


def test_bad_sidecar_is_reported_for_its_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{not json", encoding="utf-8")
    [error] = list(read_inputs([tmp_path / "a.txt"]))
    assert isinstance(error, InputError) and "sidecar a.meta.json" in error.reason


def test_mixed_batch_accounts_for_every_input(tmp_path: Path) -> None:
    """accounted = coded + failed: each input gives articles or errors, none vanishes."""
    for name, make in [("one.txt", BODY), ("two.html", page()), ("de.txt", GERMAN), ("x.docx", BODY)]:
        (tmp_path / name).write_text(make, encoding="utf-8")
    (tmp_path / "three.jsonl").write_text(json.dumps({"text": BODY}) + "\n{bad\n", encoding="utf-8")
    (tmp_path / "zero.txt").write_bytes(b"")
    inputs = [tmp_path / n for n in ("one.txt", "two.html", "de.txt", "x.docx", "three.jsonl", "zero.txt")] + [tmp_path / "gone.txt"]
    items = list(read_inputs(inputs))
    coded = [i for i in items if isinstance(i, Article)]
    failed = [i for i in items if isinstance(i, InputError)]
    assert len(coded) == 3 and len(failed) == 5
    origins = {Path(i.origin.split(":")[0]).name for i in items}
    assert origins == {p.name for p in inputs}


def test_article_from_text_raises_for_the_one_call_api() -> None:
    with pytest.raises(InputError, match="does not look like English"):
        article_from_text(GERMAN)
    assert article_from_text("Russia warns NATO.").text == "Russia warns NATO."
