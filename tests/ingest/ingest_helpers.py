"""Small articles and file builders for the ingest tests (texts written for these tests)."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

BODY = (
    "GENEVA (Testwire) — Negotiators from the two governments met on Tuesday for a third round of "
    "talks on a prisoner exchange, officials said after the meeting.\n\n"
    "The foreign ministry said the delegations had agreed to meet again next month and that a "
    "list of detainees would be exchanged through the Red Cross before the end of the year.\n\n"
    "Opposition lawmakers criticised the talks and said the government had made too many "
    "concessions to its neighbour without asking parliament for its approval."
)


def page(title: str = "Talks on prisoner exchange resume in Geneva", date: str = "2021-12-07",
         url: str = "https://www.testwire.example/world/geneva-talks", body: str = BODY) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title} | Testwire</title><meta property='og:title' content='{title}'>"
        f"<meta property='og:url' content='{url}'><meta name='date' content='{date}'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<div class='cookies'>We use cookies on this site. <button>Accept all cookies</button></div>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright 2021 Testwire. All rights reserved.</footer></body></html>"
    )


def write_warc(path: Path, pages: list[tuple[str, str, str]], compress: bool = True) -> Path:
    """A WARC of HTML responses (url, html, WARC-Date), plus a request and an image record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        for url, html, warc_date in pages:
            writer.write_record(_response(writer, url, html.encode("utf-8"), "text/html; charset=utf-8", warc_date))
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "testwire.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
        writer.write_record(_response(writer, "https://testwire.example/logo.png", b"\x89PNG\r\n", "image/png", "2021-12-07T00:00:00Z"))
    return path


def _response(writer, url: str, payload: bytes, content_type: str, warc_date: str):
    from warcio.statusandheaders import StatusAndHeaders

    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(
        url, "response", payload=io.BytesIO(payload), http_headers=headers, warc_headers_dict={"WARC-Date": warc_date}
    )


def gzip_file(path: Path) -> Path:
    target = path.with_name(path.name + ".gz")
    target.write_bytes(gzip.compress(path.read_bytes()))
    path.unlink()
    return target
