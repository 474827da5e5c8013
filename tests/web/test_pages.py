"""The pages in process: filters live in the URL and carry into every link, each table links its
downloads as filtered, events show their flags and open their mentions."""

from __future__ import annotations

import re
from html import unescape
from typing import Any


def links(html: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="([^"]+)"', html)]


def test_sort_and_page_links_keep_the_filters(client: Any) -> None:
    html = client.get("/events?source=USA&quad=3&limit=1").text
    sorts = [h for h in links(html) if "sort=" in h]
    assert sorts and all("source=USA" in h and "quad=3" in h for h in sorts)
    pages = [h for h in links(html) if "offset=" in h]
    assert pages == ["/events?source=USA&quad=3&limit=1&offset=1"]


def test_downloads_link_the_filtered_table(client: Any) -> None:
    html = client.get("/events?source=USA&negated=false").text
    assert "/api/events?source=USA&negated=false&format=csv" in links(html)
    assert "/api/events?source=USA&negated=false&format=jsonl" in links(html)
    quotes = client.get("/quotes?speaker=Lavrov").text
    assert "/api/quotes?speaker=Lavrov&format=csv" in links(quotes)


def test_filters_show_in_the_form(client: Any) -> None:
    html = client.get("/events?source=USA&since=2021-12-10&hypothetical=true").text
    assert 'name="source" value="USA"' in html
    assert 'name="since" value="2021-12-10"' in html
    assert '<option value="true" selected>only</option>' in html


def test_negated_and_hypothetical_events_are_shown_as_such(client: Any) -> None:
    html = client.get("/events?source=USA").text
    assert html.count('class="flag negated"') == 1
    assert html.count('class="flag hypothetical"') == 2


def test_each_event_opens_its_mentions(client: Any) -> None:
    html = client.get("/events?code=1312").text
    event_links = {h for h in links(html) if h.startswith("/events/")}
    assert len(event_links) == 1
    mentions = client.get(event_links.pop()).text
    assert mentions.count('<mark class="trigger">warned</mark>') == 2
    assert "northwire.example" in mentions and "southwire.example" in mentions


def test_an_empty_form_field_is_no_filter(client: Any) -> None:
    assert client.get("/events?since=&quad=&text=").status_code == 200
    assert "No event matches" not in client.get("/events?since=&quad=").text


def test_a_bad_filter_on_a_page_says_which(client: Any) -> None:
    response = client.get("/events?since=last-week")
    assert response.status_code == 422
    assert "since" in response.text and "not valid" in response.text
