"""Security of the server, in process: hostile article text renders inert, SQL in any filter is
harmless, bodies and pages are size-limited, a token guards a server that asks for one."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import duckdb
import pytest
from web_client import client_for
from web_store import HOSTILE_NAME, HOSTILE_QUOTE, HOSTILE_TITLE, RTL

from eventwire.web import ServeSettings

SQL = ["' OR 1=1 --", "x'); DROP TABLE articles; --", "1 UNION SELECT text FROM articles",
       "%' AND 1=(SELECT count(*) FROM articles) AND '%'='", "\\'; SELECT 1; --", "*/ OR /*"]

EVENT_FILTERS = ["since", "until", "source", "target", "actor", "match", "root", "code", "quad",
                 "text", "location", "negated", "hypothetical", "sort"]
FILTERED = ["/api/events", "/api/timeline", "/api/network", "/api/locations", "/events",
            "/network", "/map"]
OTHER = [("/api/quotes", "speaker"), ("/api/quotes", "text"), ("/api/quotes", "since"),
         ("/api/actors", "q"), ("/api/dyad?target=RUS", "source"), ("/quotes", "speaker"),
         ("/dyad", "source"), ("/api/events/", ""), ("/api/articles/", ""), ("/api/actors/", ""),
         ("/events/", ""), ("/articles/", "")]


def _cases() -> list[tuple[str, str]]:
    cases = [(path, name) for path in FILTERED for name in EVENT_FILTERS]
    return cases + OTHER


@pytest.mark.parametrize("path, name", _cases())
def test_sql_in_any_filter_is_refused_or_finds_nothing(client: Any, store_file: Path,
                                                       path: str, name: str) -> None:
    for payload in SQL:
        if name:
            url = f"{path}{'&' if '?' in path else '?'}{name}={quote(payload)}"
        else:
            url = path + quote(payload, safe="")
        response = client.get(url)
        assert response.status_code in (200, 404, 422), (url, response.status_code, response.text)
        if response.status_code == 200 and path.startswith("/api/") and "items" in response.text:
            assert response.json().get("total", 0) == 0 or not response.json()["items"], url
    with duckdb.connect(str(store_file), read_only=True) as con:  # nothing was dropped
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 5


def test_hostile_article_text_is_escaped_in_every_page(client: Any) -> None:
    hostile = client.get("/api/events?actor=XSSGOV").json()["items"][0]
    mention = client.get(f"/api/events/{hostile['cluster_id']}").json()["mentions"][0]
    pages = ["/", "/events", f"/events/{hostile['cluster_id']}",
             f"/articles/{mention['article_id']}", "/quotes", "/events?actor=XSSGOV"]
    for page in pages:
        html = client.get(page).text
        assert "<script>window.__pwned" not in html, page
        assert "<img src=x" not in html and "onerror=" not in html.replace("onerror=&#34;", ""), page
        assert 'href="javascript:' not in html.lower(), page
    article = client.get(f"/articles/{mention['article_id']}").text
    assert "&lt;script&gt;window.__pwned" in article  # shown, as text
    assert "&lt;img src=x onerror=" in article
    quotes = client.get("/quotes").text
    assert "&lt;/script&gt;&lt;script&gt;" in quotes and HOSTILE_QUOTE not in quotes


def test_a_javascript_url_is_shown_as_text_never_as_a_link(client: Any) -> None:
    html = client.get("/events?actor=XSSGOV").text
    assert re.search(r'<span class="inert-url"[^>]*>javascript:window.__pwned', html)
    assert "<a " not in html.split('class="inert-url"')[0][-200:]


def test_right_to_left_text_is_isolated(client: Any) -> None:
    html = client.get("/events?actor=XSSGOV").text
    at = html.index(RTL)
    assert html.rfind("<bdi", 0, at) > html.rfind("</bdi>", 0, at)  # inside an open <bdi>


def test_names_and_titles_from_articles_are_escaped_in_json_too(client: Any) -> None:
    event = client.get("/api/events?actor=XSSGOV").json()["items"][0]
    assert event["source_name"] == HOSTILE_NAME  # the API gives the data as it is, as JSON
    assert client.get("/api/events?actor=XSSGOV").headers["content-type"] == "application/json"
    title = client.get("/api/quotes?speaker=XSSGOV").json()["items"][0]["title"]
    assert title == HOSTILE_TITLE


def test_every_response_carries_the_security_headers(client: Any) -> None:
    for url in ("/", "/api/events", "/static/app.css", "/nope"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_no_page_has_an_inline_script_or_a_foreign_source(client: Any) -> None:
    for url in ("/", "/dyad?source=USA&target=RUS", "/events", "/network", "/map", "/quotes"):
        html = client.get(url).text
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
        assert all('src="/static/' in attrs and not body.strip() for attrs, body in scripts), url
        assert "http://" not in html.split("<main>")[0] and "https://" not in html.split("<main>")[0]


def test_read_only_server_has_no_writing_endpoint(client: Any) -> None:
    for path, methods in ((p, ops.keys()) for p, ops in
                          client.get("/openapi.json").json()["paths"].items()):
        assert set(methods) <= {"get"} or (path, set(methods)) == ("/api/code", {"post"})
    assert client.delete("/api/events").status_code == 405
    assert client.post("/api/events", json={}).status_code == 405


def test_request_bodies_over_the_limit_are_refused(client: Any) -> None:
    big = client.post("/api/code", content=b"x" * (300 * 1024),
                      headers={"content-type": "application/json"})
    assert big.status_code == 413 and big.json()["code"] == "too_large"
    other = client.post("/api/events", content=b"x" * (20 * 1024))
    assert other.status_code == 413


def test_a_streamed_body_over_the_limit_is_refused(client: Any) -> None:
    def chunks():  # noqa: ANN202 - no content-length: the limit counts as the body arrives
        for _ in range(40):
            yield b"x" * 8192

    response = client.post("/api/code", content=chunks(),
                           headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_a_token_guards_every_request(store_file: Path) -> None:
    token = "correct-horse-battery"
    with client_for(ServeSettings(db=store_file, token=token)) as guarded:
        assert guarded.get("/api/events").status_code == 401
        assert guarded.get("/").status_code == 401
        assert guarded.get("/api/events", headers={"authorization": "Bearer wrong-token-x"}
                           ).status_code == 401
        ok = guarded.get("/api/events", headers={"authorization": f"Bearer {token}"})
        assert ok.status_code == 200
        # a browser opens a page once with ?token=, gets a cookie and a URL without the token
        first = guarded.get(f"/events?source=USA&token={token}", follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"] == "/events?source=USA"
        assert token not in first.headers["set-cookie"]
        assert guarded.get("/events?source=USA").status_code == 200  # the cookie is kept
