"""The JSON API, in process (ASGI client), over the small store of ``web_store``."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest


def get(client: Any, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def test_health_says_how_many_events(client: Any) -> None:
    assert get(client, "/api/health") == {"status": "ok", "store": "events.duckdb", "events": 7}


def test_summary_counts_events_not_reports(client: Any) -> None:
    summary = get(client, "/api/summary")
    assert summary["counts"]["events"] == 7
    assert summary["counts"]["event_mentions"] == 8  # the warning was reported twice
    assert summary["date_span"] == ["2021-12-01", "2022-01-11"]
    assert summary["top_dyads"][0] == {"source": "USA", "target": "RUS", "events": 3,
                                       "goldstein_mean": -2.07}


def test_events_are_newest_first_with_counts_and_trigger(client: Any) -> None:
    page = get(client, "/api/events")
    assert page["total"] == 7
    assert [e["date"] for e in page["items"]] == sorted((e["date"] for e in page["items"]),
                                                        reverse=True)
    warning = next(e for e in page["items"] if e["cameo"] == "1312")
    assert (warning["num_mentions"], warning["num_sources"]) == (2, 2)
    assert warning["cameo_name"]
    trigger = warning["trigger"]
    assert warning["sentence"][trigger["start"]:trigger["end"]] == "warned"


@pytest.mark.parametrize("query, cameos", [
    ("source=USA&target=RUS", {"1312", "130", "036", "163"}),
    ("source=USAGOV&target=RUSGOV&match=exact", {"036"}),
    ("actor=UKR", {"190"}),
    ("root=13", {"1312", "130", "138"}),
    ("code=131", {"1312"}),
    ("quad=4", {"190", "163"}),
    ("since=2022-01-01&until=2022-01-10", {"190", "163"}),
    ("text=STOCKHOLM", {"036"}),
    ("location=donetsk", {"190"}),
    ("location=UKR", {"190"}),
    ("negated=true", {"163"}),
    ("hypothetical=false", {"130", "190", "163"}),
])
def test_each_filter_selects_its_events(client: Any, query: str, cameos: set[str]) -> None:
    page = get(client, f"/api/events?{query}")
    assert {e["cameo"] for e in page["items"]} == cameos
    assert page["total"] == len(page["items"])


def test_sort_and_pages(client: Any) -> None:
    by_mentions = get(client, "/api/events?sort=-mentions&limit=1")
    assert by_mentions["items"][0]["cameo"] == "1312"
    first, second = (get(client, f"/api/events?limit=4&offset={n}") for n in (0, 4))
    ids = [e["cluster_id"] for e in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == 7


@pytest.mark.parametrize("query", ["limit=501", "limit=0", "offset=-1", "quad=5",
                                   "since=yesterday", "sort=password", "format=xml"])
def test_limits_and_bad_values_are_refused_by_name(client: Any, query: str) -> None:
    body = get(client, f"/api/events?{query}", 422)
    assert body["code"] == "bad_input"
    assert body["detail"][0]["loc"][-1] == query.split("=")[0]


def test_event_opens_its_mentions_with_their_articles(client: Any) -> None:
    warning = get(client, "/api/events?code=1312")["items"][0]
    event = get(client, f"/api/events/{warning['cluster_id']}")
    assert [m["outlet"] for m in event["mentions"]] == ["northwire.example", "southwire.example"]
    for mention in event["mentions"]:
        assert mention["sentence"][mention["trigger_start"]:mention["trigger_end"]] == "warned"
        assert mention["url"].startswith("https://")
    assert get(client, "/api/events/nope", 404)["code"] == "not_found"


def test_article_gives_text_with_evidence_offsets(client: Any) -> None:
    event = get(client, f"/api/events/{get(client, '/api/events?code=190')['items'][0]['cluster_id']}")
    article = get(client, f"/api/articles/{event['mentions'][0]['article_id']}")
    shelling = next(e for e in article["events"] if e["cameo"] == "190")
    assert article["text"][shelling["trigger_start"]:shelling["trigger_end"]] == "shelled"
    assert article["text"][shelling["evidence_start"]:shelling["evidence_end"]].startswith("Russian")
    assert get(client, "/api/articles/nope", 404)["code"] == "not_found"


def test_dyad_series_fills_empty_weeks_and_leaves_negated_out(client: Any) -> None:
    series = get(client, "/api/dyad?source=USA&target=RUS&freq=week")
    assert [p["period"] for p in series["points"]] == ["2021-11-29", "2021-12-06", "2021-12-13"]
    assert [p["events"] for p in series["points"]] == [1, 0, 2]
    actor_level = get(client, "/api/dyad?source=USAGOV&target=RUSGOV&level=actor")
    assert [p["events"] for p in actor_level["points"]] == [1]


def test_actors_and_their_partners(client: Any) -> None:
    actors = get(client, "/api/actors?q=rus")["items"]
    assert {a["code"] for a in actors} == {"RUS", "RUSGOV", "RUSMIL"}
    usagov = get(client, "/api/actors/USAGOV")
    assert usagov["as_source"] == 2 and usagov["as_target"] == 1
    assert {p["partner"] for p in usagov["partners"]} == {"RUS", "RUSGOV"}
    assert get(client, "/api/actors/NOBODY", 404)["code"] == "not_found"


def test_network_edges_by_quad(client: Any) -> None:
    network = get(client, "/api/network?level=country")
    usa_rus = [e for e in network["edges"] if (e["source"], e["target"]) == ("USA", "RUS")]
    assert sorted((e["quad"], e["events"]) for e in usa_rus) == [(1, 1), (3, 2)]
    assert {"id": "UKR", "events": 1} in network["nodes"]


def test_locations_give_points_and_countries(client: Any) -> None:
    located = get(client, "/api/locations")
    assert located["points"] == [{"name": "Donetsk", "country": "UKR", "lat": 48.02,
                                  "lon": 37.8, "events": 1, "goldstein_mean": -10.0}]
    assert located["countries"] == [{"country": "UKR", "numeric": "804", "events": 1}]


def test_quotes_by_speaker_words_and_date(client: Any) -> None:
    assert [q["text"] for q in get(client, "/api/quotes?speaker=lavrov")["items"]] == \
        ["Diplomacy is the only way"]
    assert get(client, "/api/quotes?speaker=USAGOV")["total"] == 1
    assert get(client, "/api/quotes?text=respond&since=2021-12-02")["total"] == 0


def test_downloads_hold_every_filtered_row(client: Any) -> None:
    response = client.get("/api/events?source=USA&format=csv&limit=1")
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 4  # every USA event, not a page of one
    assert rows[0]["cluster_id"] and "trigger_text" in rows[0]
    lines = client.get("/api/quotes?format=jsonl").text.splitlines()
    assert len(lines) == 3 and all(json.loads(line)["article_id"] for line in lines)


def test_csv_cells_cannot_be_spreadsheet_formulas(client: Any) -> None:
    from eventwire.web.downloads import to_csv

    text = to_csv([{"name": "=HYPERLINK(\"http://x\")", "goldstein": -5.0}], ["name", "goldstein"])
    assert "'=HYPERLINK" in text and ",-5.0" in text


def test_openapi_describes_every_endpoint(client: Any) -> None:
    paths = get(client, "/openapi.json")["paths"]
    assert {"/api/events", "/api/events/{cluster_id}", "/api/dyad", "/api/actors",
            "/api/actors/{code}", "/api/network", "/api/locations", "/api/articles/{article_id}",
            "/api/quotes", "/api/summary", "/api/timeline", "/api/health", "/api/code",
            "/api/dyads"} <= set(paths)
    assert paths["/api/events"]["get"]["parameters"]


def test_every_table_downloads(client: Any) -> None:
    warning = get(client, "/api/events?code=1312")["items"][0]["cluster_id"]
    mentions = list(csv.DictReader(io.StringIO(
        client.get(f"/api/events/{warning}?format=csv").text)))
    assert [m["outlet"] for m in mentions] == ["northwire.example", "southwire.example"]
    dyads = list(csv.DictReader(io.StringIO(client.get("/api/dyads?format=csv").text)))
    assert dyads[0] == {"source": "USA", "target": "RUS", "events": "3",
                        "goldstein_mean": "-2.07"}
    actors = client.get("/api/actors?format=jsonl").text.splitlines()
    assert len(actors) == len(get(client, "/api/actors?limit=500")["items"])
    for page in ("/", f"/events/{warning}", "/events", "/quotes",
                 "/dyad?source=USA&target=RUS"):
        assert "format=csv" in client.get(page).text, page
