"""The pages in a real headless Chromium against a real server (``eventwire serve``)."""

from __future__ import annotations

import json
import urllib.request
from typing import Any, Iterator

import pytest
from browser import PageWatch
from live_server import LiveServer


def api(server: LiveServer, path: str) -> Any:
    with urllib.request.urlopen(server.url + path) as response:
        return json.load(response)


@pytest.fixture
def watch(browser: Any) -> Iterator[PageWatch]:
    page = PageWatch(browser, viewport={"width": 1280, "height": 900})
    yield page
    page.close()


def ids(server: LiveServer) -> dict[str, str]:
    warning = api(server, "/api/events?code=1312")["items"][0]["cluster_id"]
    hostile = api(server, "/api/events?actor=XSSGOV")["items"][0]["cluster_id"]
    article = api(server, f"/api/events/{hostile}")["mentions"][0]["article_id"]
    return {"warning": warning, "hostile": hostile, "hostile_article": article}


def test_every_page_loads_without_a_console_error(server: LiveServer, watch: PageWatch) -> None:
    known = ids(server)
    pages = ["/", "/dyad?source=USA&target=RUS", "/events", f"/events/{known['warning']}",
             "/network", "/map", "/quotes", f"/articles/{known['hostile_article']}",
             "/events?actor=XSSGOV", "/dyad"]
    for path in pages:
        page = watch.open(server.url + path)
        assert page.locator("h1").count() == 1, path
        assert watch.errors == [], (path, watch.errors)


def test_dyad_explorer_draws_a_point_per_period_and_a_click_reaches_the_evidence(
        server: LiveServer, watch: PageWatch) -> None:
    page = watch.open(server.url + "/dyad")
    page.fill("input[name=source]", "USA")
    page.fill("input[name=target]", "RUS")
    page.select_option("select[name=freq]", "week")
    page.click("button[type=submit]")
    page.wait_for_selector("#dyad-chart circle.point")
    expected = api(server, "/api/dyad?source=USA&target=RUS&freq=week")["points"]
    assert page.locator("#dyad-chart circle.point").count() == len(expected) == 3
    assert "source=USA" in page.url and "target=RUS" in page.url  # the view is a link
    page.locator("#dyad-chart circle.point").nth(2).click()  # the week of 2021-12-13
    page.wait_for_selector("#dyad-events ul.events li")
    assert page.locator("#dyad-events ul.events li").count() == 2
    assert "2 event(s)" in page.inner_text("#dyad-events h3")
    page.locator("#dyad-events a.code").first.click()
    page.wait_for_selector("ol.mentions")
    evidence = page.inner_text("ol.mentions .evidence")
    assert "Stockholm" in evidence or "warned" in evidence
    assert page.locator("ol.mentions mark.trigger").count() >= 1
    assert watch.errors == []


def test_dyad_explorer_at_actor_level(server: LiveServer, watch: PageWatch) -> None:
    page = watch.open(server.url + "/dyad?source=USAGOV&target=RUSGOV&level=actor&freq=day")
    page.wait_for_selector("#dyad-chart circle.point")
    assert page.locator("#dyad-chart circle.point").count() == 1
    page.locator("#dyad-chart circle.point").click()
    page.wait_for_selector("#dyad-events ul.events li")
    assert "will meet" in page.inner_text("#dyad-events")


def test_events_table_filters_sorts_and_opens_mentions(server: LiveServer,
                                                       watch: PageWatch) -> None:
    page = watch.open(server.url + "/events")
    assert page.locator("table.events-table tbody tr").count() == 7
    page.fill("input[name=source]", "USA")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/events?source=USA")  # empty fields stay out of the link
    assert page.locator("table.events-table tbody tr").count() == 4
    assert page.locator(".flag.negated").count() == 1
    assert page.locator(".flag.hypothetical").count() == 2
    page.click("a.sort:has-text('mentions')")
    page.wait_for_load_state("networkidle")
    first = page.locator("table.events-table tbody tr").first
    assert first.locator("td.num a").inner_text() == "2"  # the event reported twice
    first.locator("td.num a").click()
    page.wait_for_selector("ol.mentions")
    assert page.locator("ol.mentions > li").count() == 2
    assert page.locator("ol.mentions a.ext").first.get_attribute("rel") == \
        "noopener noreferrer nofollow"


def test_hostile_articles_render_inert(server: LiveServer, watch: PageWatch) -> None:
    known = ids(server)
    for path in ("/", "/events?actor=XSSGOV", f"/events/{known['hostile']}",
                 f"/articles/{known['hostile_article']}", "/quotes", "/map", "/network",
                 "/dyad?source=XSS&target=RUR"):
        page = watch.open(server.url + path)
        page.wait_for_timeout(300)  # let the charts draw
        assert page.evaluate("window.__pwned") is None, path
        assert watch.dialogs == [], path
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1280, (path, width)  # a 3,000-letter word wraps
    page = watch.open(server.url + f"/articles/{known['hostile_article']}")
    assert page.inner_text("h1").startswith("<script>")  # shown as text
    assert page.locator("a[href^='javascript']").count() == 0


def test_network_and_map_draw_from_the_api(server: LiveServer, watch: PageWatch) -> None:
    network = api(server, "/api/network?level=country&limit=100")
    page = watch.open(server.url + "/network")
    page.wait_for_selector("#network g.node")
    assert page.locator("#network g.node").count() == len(network["nodes"])
    assert page.locator("#network path.link").count() == len(network["edges"])
    page = watch.open(server.url + "/map")
    page.wait_for_selector("#map circle.place")
    assert page.locator("#map path.country").count() > 150  # shipped outlines, no tiles
    assert page.locator("#map circle.place").count() == 1  # Donetsk
    page.locator("#map circle.place").click()
    page.wait_for_load_state("networkidle")
    assert "location=Donetsk" in page.url
    assert page.locator("table.events-table tbody tr").count() == 1
    assert watch.errors == []
