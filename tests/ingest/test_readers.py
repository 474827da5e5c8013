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
