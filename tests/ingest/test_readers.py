"""Each input format gives Articles with text, title, date, URL and outlet."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from ingest_helpers import BODY, gzip_file, page, write_warc

from eventwire.errors import InputError
from eventwire.ingest import IngestOptions, read_bytes, read_inputs, read_text, sniff
from eventwire.model import Article, text_id

LEAD = BODY.split("\n\n")[0]


def articles(paths, **kwargs) -> list[Article]:
    items = list(read_inputs([str(p) for p in paths], **kwargs))
    errors = [i for i in items if isinstance(i, InputError)]
    assert not errors, errors
    return items


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- plain text -----------------------------------------------------------------------------


def test_txt_title_first_line_and_folder_outlet(tmp_path: Path) -> None:
    path = write(tmp_path / "testwire" / "talks.txt", "Politics\n\nTalks resume in Geneva\n\nBy and-\n\n" + BODY)
    [article] = articles([path])
    assert article.title == "Talks resume in Geneva"
    assert article.text == "Talks resume in Geneva\n\n" + BODY  # the headline is coded too
    assert article.outlet == "testwire"
    assert article.origin == str(path)
    assert article.id == text_id(article.text)


@pytest.mark.parametrize(
    "first, title",
    [
        ("Talks resume in Geneva", "Talks resume in Geneva"),
        ("The talks resumed in Geneva on Tuesday.", None),  # a sentence, not a headline
    ],
)
def test_txt_title_only_when_first_line_reads_as_headline(tmp_path: Path, first: str, title: str | None) -> None:
    [article] = articles([write(tmp_path / "a.txt", f"{first}\n\n{BODY}")])
    assert article.title == title
    assert article.text.startswith(first)


@pytest.mark.parametrize(
    "dateline, published",
    [
        ("GENEVA, Dec. 7, 2021 (Testwire) — Talks resumed.", date(2021, 12, 7)),
        ("KYIV, Ukraine, December 7, 2021 (Testwire) — Talks resumed.", date(2021, 12, 7)),
        ("GENEVA (Testwire) — Talks resumed on Dec. 7, 2021.", None),  # a date in the sentence is not the dateline
    ],
)
def test_txt_date_from_dateline(tmp_path: Path, dateline: str, published: date | None) -> None:
    [article] = articles([write(tmp_path / "a.txt", dateline)])
    assert article.published == published


def test_txt_sidecar_gives_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", BODY)
    meta = {"date": "2021-12-07", "title": "Talks resume", "url": "https://www.testwire.example/a", "desk": "Europe"}
    write(tmp_path / "story.meta.json", json.dumps(meta))
    [article] = articles([path])
    assert (article.published, article.title, article.url) == (date(2021, 12, 7), "Talks resume", meta["url"])
    assert article.outlet == "testwire.example"
    assert article.metadata == {"desk": "Europe"}


def test_user_date_and_title_replace_the_inputs(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Talks resume\n\n" + BODY)
    [article] = articles([path], date=date(2022, 1, 3), title="My title")
    assert (article.published, article.title) == (date(2022, 1, 3), "My title")


# --- HTML -----------------------------------------------------------------------------------


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    [article] = articles([write(tmp_path / "page.html", page())])
    assert article.title == "Talks on prisoner exchange resume in Geneva"
    assert article.published == date(2021, 12, 7)
    assert article.url == "https://www.testwire.example/world/geneva-talks"
    assert article.outlet == "testwire.example"
    # no nav, cookie banner nor footer; the headline once, kept in the text: its events are coded
    assert article.text == article.title + "\n\n" + BODY


# --- JSONL ----------------------------------------------------------------------------------


def test_jsonl_records(tmp_path: Path) -> None:
    records = [
        {"id": 7, "text": BODY, "date": "2021-12-07T10:00:00Z", "title": "Talks", "url": "https://testwire.example/a", "lang": "en"},
        {"text": BODY + "\n\nA fourth paragraph was added later.", "date": "Tue, 07 Dec 2021 10:00:00 GMT", "source": {"name": "Ledger"}},
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(json.dumps(r) for r in records) + "\n\n")
    first, second = articles([path])
    assert (first.id, first.published, first.title, first.url) == ("7", date(2021, 12, 7), "Talks", records[0]["url"])
    assert first.outlet == "testwire.example" and first.metadata == {"lang": "en"}
    assert first.origin == f"{path}:1" and second.origin == f"{path}:2"
    assert second.id == text_id(second.text) and second.outlet == "Ledger"
    assert second.published == date(2021, 12, 7)


# --- feeds ----------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Testwire</title><link>https://www.testwire.example/</link>
<item><title>Talks resume in Geneva</title><link>https://www.testwire.example/geneva</link>
<pubDate>Tue, 07 Dec 2021 09:00:00 GMT</pubDate><description>Short summary.</description>
<content:encoded><![CDATA[{html}]]></content:encoded></item>
<item><title>Minister warns of sanctions</title><guid isPermaLink="false">tw-2</guid>
<pubDate>Wed, 08 Dec 2021 09:00:00 +0100</pubDate>
<description>&lt;p&gt;The minister warned on Wednesday that new sanctions would follow.&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Testwire</title>
<link href="https://testwire.example/"/>
<entry><title type="html">Talks resume in &lt;b&gt;Geneva&lt;/b&gt;</title>
<link rel="alternate" href="https://testwire.example/geneva"/><id>urn:tw:1</id>
<published>2021-12-07T09:00:00Z</published><updated>2021-12-09T09:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">{html}</div></content></entry>
</feed>"""


@pytest.mark.parametrize("suffix, template", [(".rss", RSS), (".xml", RSS), (".atom", ATOM)])
def test_feed_items(tmp_path: Path, suffix: str, template: str) -> None:
    html = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    path = write(tmp_path / f"feed{suffix}", template.replace("{html}", html))
    found = articles([path])
    first = found[0]
    assert first.text == BODY
    assert first.title == "Talks resume in Geneva"
    assert first.published == date(2021, 12, 7)
    assert first.url.endswith("/geneva") and first.outlet == "testwire.example"
    if template is RSS:
        second = found[1]
        assert second.text == "The minister warned on Wednesday that new sanctions would follow."
        assert (second.url, second.outlet, second.published) == (None, "testwire.example", date(2021, 12, 8))


# --- WARC -----------------------------------------------------------------------------------


@pytest.mark.parametrize("compress, name", [(True, "crawl.warc.gz"), (False, "crawl.warc")])
def test_warc_html_responses(tmp_path: Path, compress: bool, name: str) -> None:
    undated = page(date="").replace("<meta name='date' content=''>", "")
    pages = [
        ("https://www.testwire.example/world/geneva-talks", page(), "2021-12-08T03:00:00Z"),
        ("https://ledger.example/geneva", undated.replace("Geneva</h1>", "Geneva talks</h1>"), "2021-12-09T03:00:00Z"),
    ]
    path = write_warc(tmp_path / name, pages, compress=compress)
    first, second = articles([path])
    assert first.text.endswith(BODY) and first.url == pages[0][0]
    assert first.published == date(2021, 12, 7)  # the page's own date beats the crawl date
    assert second.outlet == "ledger.example"
    assert second.published == date(2021, 12, 9)  # no date in the page: WARC-Date
    assert second.metadata["warc_date"] == "2021-12-09T03:00:00Z"


# --- gzip, directories, globs, stdin ----------------------------------------------------------


@pytest.mark.parametrize("name", ["a.txt", "a.html", "a.jsonl", "a.rss"])
def test_gzip_of_each_format(tmp_path: Path, name: str) -> None:
    content = {
        "a.txt": BODY,
        "a.html": page(),
        "a.jsonl": json.dumps({"text": BODY}),
        "a.rss": RSS.replace("{html}", BODY),
    }[name]
    path = gzip_file(write(tmp_path / name, content))
    found = articles([path])
    assert found[0].text.endswith(BODY)


def test_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    write(tmp_path / "b" / "two.txt", BODY + "\n\nTwo.")
    write(tmp_path / "a" / "one.html", page())
    write(tmp_path / "a" / "one.meta.json", "{}")  # a sidecar, not an input
    write(tmp_path / "a" / "notes.csv", "x,y")  # not an article file: skipped inside a directory
    write(tmp_path / ".hidden" / "x.txt", BODY)
    found = articles([tmp_path])
    assert [Path(a.origin).name for a in found] == ["one.html", "two.txt"]


def test_glob(tmp_path: Path) -> None:
    for name in ("x1.txt", "x2.txt", "y.txt"):
        write(tmp_path / name, BODY)
    found = articles([str(tmp_path / "x*.txt")])
    assert [Path(a.origin).name for a in found] == ["x1.txt", "x2.txt"]


@pytest.mark.parametrize(
    "text, kind",
    [
        (json.dumps({"text": BODY}) + "\n", "jsonl"),
        (page(), "html"),
        (RSS.replace("{html}", BODY), "feed"),
        (BODY, "text"),
        ("<Unclassified> " + BODY, "text"),
    ],
)
def test_stdin_format_is_detected(text: str, kind: str) -> None:
    assert sniff(text.encode()) == kind
    [article] = [a for a in read_text(text) if isinstance(a, Article)][:1]
    assert BODY.split("\n\n")[1] in article.text


def test_stdin_through_read_inputs(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    fake = io.TextIOWrapper(io.BytesIO(json.dumps({"id": "s1", "text": BODY}).encode()))
    monkeypatch.setattr(sys, "stdin", fake)
    [article] = articles(["-"])
    assert (article.id, article.origin) == ("s1", "-:1")


def test_stdin_gzipped_warc(tmp_path: Path) -> None:
    data = write_warc(tmp_path / "c.warc.gz", [("https://testwire.example/a", page(), "2021-12-08T00:00:00Z")]).read_bytes()
    [article] = list(read_bytes(data))
    assert article.text.endswith(BODY)


def test_cleaning_can_be_switched_off(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", BODY.replace("\n\n", "\n\nAdvertisement\n\n", 1))
    [article] = articles([path], options=IngestOptions(clean=False))
    assert "\n\nAdvertisement\n\n" in article.text


# --- encodings of real pages ------------------------------------------------------------------

ACCENTED = BODY.replace("criticised the talks", "criticised the “café” talks in Zürich — naïvely")


@pytest.mark.parametrize(
    "encoding, recorded",
    [
        ("cp1252", "cp1252"),
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8"),
        ("utf-16", "utf-16"),  # with a BOM
        ("utf-16-le", "utf-16-le"),  # without one
        ("utf-16-be", "utf-16-be"),
        ("utf-32", "utf-32"),
    ],
)
def test_text_file_in_any_common_encoding_is_read_and_its_encoding_recorded(tmp_path: Path, encoding: str, recorded: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ACCENTED.encode(encoding))
    [article] = articles([path])
    assert article.text == ACCENTED
    assert article.encoding == recorded
    assert article.to_dict()["encoding"] == recorded


@pytest.mark.parametrize(
    "meta, data_encoding",
    [
        ("", "cp1252"),  # no declared charset
        ("<meta charset='utf-8'>", "cp1252"),  # a wrong declaration
        ("<meta charset='iso-8859-1'>", "cp1252"),  # Latin-1 read as browsers do (Windows-1252)
        ("<meta charset='iso-8859-1'>", "utf-8"),  # a UTF-8 page under an old template's meta
    ],
)
def test_html_page_decoded_despite_missing_or_wrong_charset(tmp_path: Path, meta: str, data_encoding: str) -> None:
    html = page(body=ACCENTED).replace("<meta charset='utf-8'>", meta)
    path = tmp_path / "a.html"
    path.write_bytes(html.encode(data_encoding))
    [article] = articles([path])
    assert article.text == article.title + "\n\n" + ACCENTED  # the headline is kept in the text
    assert article.encoding == data_encoding


@pytest.mark.parametrize("reader", ["jsonl", "txt", "rss"])
def test_mojibake_is_repaired_and_the_repair_recorded(tmp_path: Path, reader: str) -> None:
    mojibake = ACCENTED.encode("utf-8").decode("latin-1")  # UTF-8 read as Latin-1 upstream: "cafÃ©"
    assert "cafÃ©" in mojibake
    content = {
        "jsonl": json.dumps({"text": mojibake}),
        "txt": mojibake,
        "rss": RSS.replace("{html}", mojibake),
    }[reader]
    path = write(tmp_path / f"a.{reader}", content)
    article = articles([path])[0]
    assert article.text == ACCENTED
    assert article.mojibake_repaired is (reader != "rss")  # feedparser repairs feeds itself


@pytest.mark.parametrize("text", ["The café in Zürich reopened.", "Prices rose to £5 à la carte.", "Kyiv’s mayor spoke."])
def test_correct_text_is_not_repaired(text: str) -> None:
    [article] = list(read_text(text))
    assert article.text == text and article.mojibake_repaired is False


def test_jsonl_in_utf16_and_a_cp1252_line(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a", "text": ACCENTED}, ensure_ascii=False)]
    wide = write(tmp_path / "wide.jsonl", "x")
    wide.write_bytes(("\n".join(lines) + "\n").encode("utf-16"))
    [article] = articles([wide])
    assert (article.id, article.text, article.encoding) == ("a", ACCENTED, "utf-16")
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_bytes(lines[0].encode("utf-8") + b"\n" + lines[0].replace('"a"', '"b"').encode("cp1252") + b"\n")
    first, second = articles([mixed])
    assert (first.encoding, second.encoding) == ("utf-8", "cp1252")
    assert second.text == ACCENTED


def test_jsonl_fields_of_wrong_types_are_kept_as_metadata(tmp_path: Path) -> None:
    record = {"text": BODY, "title": ["not", "a", "title"], "url": {"href": "x"}, "id": 17, "outlet": ["x"]}
    [article] = articles([write(tmp_path / "a.jsonl", json.dumps(record))])
    assert (article.id, article.title, article.url, article.outlet) == ("17", None, None, None)
    assert article.metadata == {"title": ["not", "a", "title"], "url": {"href": "x"}}


# --- feeds as found in the wild (feedparser) ---------------------------------------------------


def test_feed_of_broken_xml_is_recovered(tmp_path: Path) -> None:
    broken = RSS.replace("{html}", BODY).replace("</channel></rss>", "")  # never closed
    broken = broken.replace("<title>Talks resume in Geneva</title>", "<title>Talks resume in Geneva</titel>")
    found = articles([write(tmp_path / "broken.rss", broken)])
    assert found[0].text == BODY


def test_feed_with_wrong_declared_encoding(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(RSS.replace("{html}", ACCENTED).encode("cp1252"))  # declares UTF-8
    first = articles([path])[0]
    assert first.text == ACCENTED and first.encoding == "cp1252"


@pytest.mark.parametrize(
    "written",
    ["2021-12-07T09:00:00+01:00", "Tue, 07 Dec 2021 09:00:00 EST", "07 Dec 2021 09:00 +0000", "2021-12-07", "Tuesday, December 7, 2021 9:00 AM"],
)
def test_feed_dates_in_many_formats(tmp_path: Path, written: str) -> None:
    rss = RSS.replace("{html}", BODY).replace("Tue, 07 Dec 2021 09:00:00 GMT", written)
    assert articles([write(tmp_path / "feed.rss", rss)])[0].published == date(2021, 12, 7)


def test_feed_items_are_named_by_their_position(tmp_path: Path) -> None:
    found = articles([write(tmp_path / "feed.rss", RSS.replace("{html}", BODY))])
    assert [a.origin for a in found] == [f"{tmp_path / 'feed.rss'}:item 1", f"{tmp_path / 'feed.rss'}:item 2"]
