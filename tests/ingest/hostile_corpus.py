"""A hostile corpus, generated (never committed): what real crawls and exports throw at ingest.

Each entry is a file and what must become of it: ``stored`` (a good article, however odd its
bytes), ``failed`` (one clear reason containing the given words), or ``accounted`` (either, as
long as it is logged). ``build(folder, scale)`` writes it; ``scale="soak"`` makes the bombs and
big files bigger. Run as a script to write a corpus into a folder:

    python tests/ingest/hostile_corpus.py FOLDER [quick|soak]
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

STORED, FAILED, ACCOUNTED = "stored", "failed", "accounted"

PLACES = ["Geneva", "Nairobi", "Riga", "Manila", "Lima", "Tunis", "Oslo", "Hanoi", "Accra",
          "Quito", "Dhaka", "Sofia", "Doha", "Kigali", "Tbilisi", "Bogota"]


def news(i: int, accents: bool = False) -> str:
    """A distinct short English news article (written for these tests)."""
    place = PLACES[i % len(PLACES)]
    extra = " at the café near the Zürich–Basel line, naïvely called “neutral ground”" if accents else ""
    return (
        f"{place.upper()} (Testwire) — Delegations from two neighbouring governments met in {place} "
        f"on Tuesday for round {i + 3} of talks on a prisoner exchange{extra}, officials said.\n\n"
        f"The foreign ministry said both sides had agreed to meet again next month and that a list "
        f"of {40 + i} detainees would be handed over through the Red Cross before the end of the year.\n\n"
        "Opposition lawmakers criticised the talks and accused the government of making too many "
        "concessions without asking parliament for its approval."
    )


def page(body: str, meta: str = "<meta charset='utf-8'>") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (f"<!DOCTYPE html><html><head>{meta}<title>Talks resume</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>Talks resume</h1>{paragraphs}</article>"
            "<footer>Copyright Testwire</footer></body></html>")


def rss(items: list[str]) -> str:
    entries = "".join(f"<item><title>Report {n}</title><link>https://testwire.example/{n}</link>"
                      f"<pubDate>Tue, 07 Dec 2021 09:00:00 GMT</pubDate><description><![CDATA[{body}]]>"
                      "</description></item>" for n, body in enumerate(items))
    return f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Testwire</title>{entries}</channel></rss>"


@dataclass(frozen=True)
class Entry:
    """One hostile input: its file, what must become of it, and the words its reason holds."""

    name: str
    make: Callable[[str], bytes]
    expect: str
    words: str = ""


def _bomb(size: int, unit: bytes = b" ") -> bytes:
    """Concatenated gzip members of 64 MB each: a few kilobytes a member, ``size`` bytes unpacked."""
    member = gzip.compress(unit * (64 << 20), compresslevel=9)
    return member * max(1, size // (64 << 20))


def _warc(pages: list[str], cut: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for n, html in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://testwire.example/w{n}", "response", payload=io.BytesIO(html.encode()),
            http_headers=headers, warc_headers_dict={"WARC-Date": "2021-12-07T00:00:00Z"}))
    data = out.getvalue()
    return data[: len(data) * 3 // 4] if cut else data


def _jsonl_mixed(scale: str) -> bytes:
    lines = [
        json.dumps({"id": "j-good-1", "text": news(20)}),
        '{"id": "j-broken", "text": "unterminated',
        json.dumps({"id": "j-int", "text": 42}),
        json.dumps(["a", "list"]),
        json.dumps({"id": {"nested": True}, "title": ["x"], "url": 7, "date": {"y": 1}, "text": news(21)}),
        json.dumps({"id": "j-nul", "text": news(22).replace("Tuesday", "Tues\u0000day")}),
        "[" * 50_000,
        json.dumps({"id": "j-good-2", "text": news(23)}),
    ]
    return ("\n".join(lines) + "\n").encode()


def _deep_html(levels: int) -> bytes:
    return page(news(30)).replace("<article>", "<div>" * levels + "<article>").replace(
        "</article>", "</article>" + "</div>" * levels).encode()


def entries(scale: str = "quick") -> list[Entry]:
    big = 4 << 30 if scale == "soak" else 1 << 30
    mojibake = news(5, accents=True).encode("utf-8").decode("latin-1")
    return [
        Entry("good/plain.txt", lambda s: news(0).encode(), STORED),
        Entry("good/page.html", lambda s: page(news(1)).encode(), STORED),
        Entry("good/feed.rss", lambda s: rss([news(2)]).encode(), STORED),
        Entry("enc/utf16-bom.txt", lambda s: news(3, True).encode("utf-16"), STORED),
        Entry("enc/utf16le-no-bom.txt", lambda s: news(4, True).encode("utf-16-le"), STORED),
        Entry("enc/utf16be-no-bom.txt", lambda s: news(6, True).encode("utf-16-be"), STORED),
        Entry("enc/windows-1252.txt", lambda s: news(7, True).encode("cp1252"), STORED),
        Entry("enc/latin1-no-charset.html", lambda s: page(news(8, True), "").encode("cp1252"), STORED),
        Entry("enc/wrong-charset.html", lambda s: page(news(9, True)).encode("cp1252"), STORED),
        Entry("enc/mojibake.jsonl", lambda s: json.dumps({"id": "moji", "text": mojibake}).encode() + b"\n", STORED),
        Entry("enc/feed-wrong-encoding.xml", lambda s: rss([news(10, True)]).encode("cp1252"), STORED),
        Entry("short/one-word.txt", lambda s: b"Ceasefire", STORED),
        Entry("short/no-sentence-end.txt", lambda s: b"Troops crossed the border near the river town at dawn and", STORED),
        Entry("short/long-line.txt", lambda s: (news(11) + "\n\n" + "x" * 1_000_000).encode(), ACCOUNTED),
        Entry("feeds/broken-xml.rss", lambda s: _broken_feed(), STORED),
        Entry("feeds/html-page.xml", lambda s: page(news(13)).encode(), FAILED, "it is an HTML page"),
        Entry("feeds/billion-laughs.xml", lambda s: _laughs(), ACCOUNTED),
        Entry("jsonl/mixed.jsonl", _jsonl_mixed, ACCOUNTED),
        Entry("warc/truncated.warc.gz", lambda s: _warc([page(news(14)), page(news(15)), page(news(16))], cut=True), ACCOUNTED),
        Entry("warc/not-a-warc.warc", lambda s: b"this is not a web archive\n" * 50, FAILED, "not a WARC file"),
        Entry("gz/truncated.txt.gz", lambda s: gzip.compress(news(17).encode() * 50)[:300], FAILED, "gzip"),
        Entry("gz/bomb.txt.gz", lambda s: _bomb(big), FAILED, "unpacks to more than"),
        Entry("gz/bomb.jsonl.gz", lambda s: _bomb(big if s == "soak" else 256 << 20), FAILED, "line too long"),
        Entry("gz/bomb.warc.gz", lambda s: _bomb(big, b"WARC/1.0\r\n"), ACCOUNTED),
        Entry("bin/image.txt", lambda s: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(5000), FAILED, "binary file"),
        Entry("bin/random.html", lambda s: os.urandom(20_000), FAILED, ""),
        Entry("bin/nul-in-text.txt", lambda s: news(18).encode().replace(b"Tuesday", b"Tues\x00day"), FAILED, "NUL byte"),
        Entry("empty/empty.txt", lambda s: b"", FAILED, "empty"),
        Entry("empty/empty.html", lambda s: b"", FAILED, "empty"),
        Entry("empty/empty.jsonl", lambda s: b"", FAILED, "empty"),
        Entry("empty/empty.xml", lambda s: b"", FAILED, "empty"),
        Entry("empty/blank.txt", lambda s: b" \n\t\n  \n", FAILED, "only whitespace"),
        Entry("big/huge.txt", lambda s: news(19).encode() * (50_000_000 // len(news(19).encode())), FAILED, "larger than 8,000,000 bytes"),
        Entry("deep/nested.html", lambda s: _deep_html(10_000), ACCOUNTED),
        Entry("lang/german.txt", lambda s: GERMAN.encode(), FAILED, "does not look like English"),
        Entry("lang/russian.txt", lambda s: RUSSIAN.encode("cp1251"), FAILED, "not in English"),
        Entry("lang/chinese.txt", lambda s: CHINESE.encode("utf-8"), FAILED, "not in English"),
        Entry("undecodable.txt", lambda s: bytes(range(0x80, 0x100)) * 40, FAILED, "cannot tell the text's encoding"),
    ]


def _broken_feed() -> bytes:
    """Not well-formed: a bare ampersand, an undefined entity, tags never closed."""
    feed = rss([news(12).replace("and that", "& that").replace("officials said", "officials&nbsp;said")])
    return feed.replace("</channel></rss>", "").encode()


def _laughs() -> bytes:
    lol = "".join(f'<!ENTITY lol{n} "{("&lol%d;" % (n - 1)) * 10 if n else "lol"}">' for n in range(10))
    return (f"<?xml version='1.0'?><!DOCTYPE rss [{lol}]><rss version='2.0'><channel><item>"
            "<title>t</title><description>&lol9;</description></item></channel></rss>").encode()


GERMAN = ("Die Außenminister der beiden Länder haben sich am Dienstag in Genf getroffen und über einen "
          "Austausch von Gefangenen gesprochen. Nach Angaben der Regierung soll die nächste Runde im "
          "Januar stattfinden. Die Opposition kritisierte die Gespräche scharf und warf der Regierung "
          "vor, zu viele Zugeständnisse gemacht zu haben, ohne das Parlament zu fragen.")
RUSSIAN = ("Министры иностранных дел двух стран встретились во вторник в Женеве и обсудили обмен "
           "пленными. По данным правительства, следующий раунд переговоров пройдет в январе.")
CHINESE = "两国外交部长星期二在日内瓦会晤，讨论了交换囚犯问题。政府表示，下一轮会谈将于一月举行。反对派批评了这次会谈。"


def build(folder: Path, scale: str = "quick") -> list[Entry]:
    """Write every entry under ``folder``; return the entries."""
    made = entries(scale)
    for entry in made:
        path = folder / entry.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(entry.make(scale))
    return made


if __name__ == "__main__":
    build(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "quick")
