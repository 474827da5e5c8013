"""The whole-article scorer: matching rules, traps, summaries, the explain report and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.evaluate import check_floors
from eventwire.evaluate.articles import GoldArticle, match_article, read_article, read_article_set, summarise
from eventwire.evaluate.explain import NO_EVENT, SOURCE_MISSING, TARGET_OTHER, TRAP_HIT, UNMATCHED, WRONG_ROOT, explain
from eventwire.evaluate.matching import bucket, location_matches, same_sentence

TINY = Path(__file__).resolve().parents[1] / "data" / "eval" / "tiny_articles"
S1 = "Norway expelled three Russian diplomats on Tuesday."
S2 = "Oslo and Moscow traded accusations over the spy case on Wednesday."


@pytest.mark.parametrize("code, expected", [
    ("USAGOV", "USA"), ("IGOWSTNAT", "NATO"), ("IGOUNOWFP", "UN"), ("IGOEUREEC", "EU"),
    ("JAP", "JPN"), ("KSVGOV", "XKX"), ("IGOWAFWAS", "IGOWAS"), (None, None)])
def test_bucket_compares_countries_and_organisations(code: str | None, expected: str | None) -> None:
    assert bucket(code) == expected


@pytest.mark.parametrize("a, b, same", [
    (S1, S1.upper(), True),
    ("Norway expelled three Russian diplomats", S1, True),  # containment past 25 characters
    ("Norway expelled", S1, False),
    (S1, S2, False)])
def test_same_sentence(a: str, b: str, same: bool) -> None:
    assert same_sentence(a, b) is same


@pytest.mark.parametrize("predicted, gold, ok", [
    ({"name": "Gaza Strip"}, "northern Gaza", True), ({"name": "Bogota"}, "Bogotá", True),
    ({"name": "Russia"}, "Moscow", False), (None, "Moscow", False)])
def test_location_matching(predicted: dict | None, gold: str, ok: bool) -> None:
    assert location_matches(predicted, gold) is ok


def gold_event(sentence: str, root: str, source: str | None, target: str | None, occurred: bool = True,
               **extra: object) -> dict:
    return {"sentence": sentence, "root": root, "cameo": root + "0",
            "source": {"name": source, "code": source} if source else None,
            "target": {"name": target, "code": target} if target else None, "occurred": occurred, **extra}


def predicted(sentence: str, root: str, source: str | None, target: str | None, **extra: object) -> dict:
    return {"sentence": sentence, "root": root, "cameo": root + "0",
            "source": {"name": source, "code": source} if source else None,
            "target": {"name": target, "code": target} if target else None, **extra}


def article(events: list[dict], traps: list[dict] | None = None) -> GoldArticle:
    return GoldArticle("01", "2022-03-09", None, S1 + "\n\n" + S2, events, traps or [], [])


def test_matching_is_one_to_one_and_prefers_the_dyad() -> None:
    gold = [gold_event(S2, "11", "NOR", "RUS"), gold_event(S2, "11", "RUS", "NOR")]
    preds = [predicted(S2, "11", "RUSGOV", "NORGOV"), predicted(S2, "11", "NOR", "RUS")]
    result = match_article(article(gold), preds, [])
    assert result.matched == {0: (1, "dyad"), 1: (0, "dyad")}


def test_a_gold_source_of_null_matches_only_a_null_source_and_a_null_target_anything() -> None:
    gold = [gold_event(S1, "16", None, "RUS")]
    assert match_article(article(gold), [predicted(S1, "16", "NOR", "RUS")], []).matched == {0: (0, "root")}
    assert match_article(article(gold), [predicted(S1, "16", None, "RUS")], []).matched == {0: (0, "dyad")}
    open_target = [gold_event(S1, "16", "NOR", None)]
    assert match_article(article(open_target), [predicted(S1, "16", "NOR", "RUS")], []).matched == {0: (0, "dyad")}


def test_a_trap_is_hit_by_a_plain_prediction_but_not_by_a_flagged_one() -> None:
    trap = [gold_event(S2, "19", "RUS", "NOR", occurred=False)]
    hit = match_article(article([], trap), [predicted(S2, "19", "RUS", "NOR")], [])
    flagged = match_article(article([], trap), [predicted(S2, "19", "RUS", "NOR", negated=True)], [])
    assert hit.trap_hits == [(0, 0)] and flagged.trap_flagged == [(0, 0)]
    summary = summarise("t", [flagged])
    assert summary["trap_hits"] == 0 and summary["predicted_events"] == 0  # neither right nor wrong


def test_summary_counts_precision_recall_and_accuracy() -> None:
    gold = [gold_event(S1, "16", "NOR", "RUS", date="2022-03-08", location="Oslo"),
            gold_event(S2, "11", "NOR", "RUS")]
    preds = [predicted(S1, "16", "NOR", "RUSGOV", date="2022-03-08", location={"name": "Oslo, Norway"}),
             predicted(S2, "04", "NOR", "RUS")]
    summary = summarise("t", [match_article(article(gold), preds, [])])
    assert (summary["root_precision"], summary["root_recall"], summary["dyad_f1"]) == (0.5, 0.5, 0.5)
    assert summary["date_accuracy"] == summary["location_accuracy"] == 1.0
    assert summary["per_root"]["16"]["root_recall"] == 1.0 and summary["per_root"]["11"]["root_recall"] == 0.0


def test_confidence_bands_split_the_predictions() -> None:
    gold = [gold_event(S1, "16", "NOR", "RUS")]
    preds = [predicted(S1, "16", "NOR", "RUS", confidence=0.9), predicted(S2, "19", "NOR", None, confidence=0.2)]
    bands = {b["band"]: b for b in summarise("t", [match_article(article(gold), preds, [])])["confidence_bands"]}
    assert bands["high (>= 0.7)"]["events"] == 1 and bands["high (>= 0.7)"]["dyad_precision"] == 1.0
    assert bands["low (< 0.4)"]["events"] == 1 and bands["low (< 0.4)"]["root_precision"] == 0.0


def test_explain_puts_each_miss_in_its_category() -> None:
    s3 = "Russia denied that it had spied on Norway, its foreign ministry said."
    gold = [gold_event(S1, "16", "NOR", "RUS"), gold_event(S2, "11", "NOR", "RUS"), gold_event(s3, "01", "RUS", None)]
    traps = [gold_event(s3, "19", "RUS", "NOR", occurred=False)]
    preds = [predicted(S1, "16", None, "USA"), predicted(s3, "04", "RUS", "NOR"), predicted(s3, "19", "RUS", "NOR")]
    misses = explain([match_article(article(gold, traps), preds, [])],
                     tracer=lambda art, sent: ["'spied' 190: negated"])
    assert {c: len(m) for c, m in misses.items()} == {
        NO_EVENT: 1, WRONG_ROOT: 1, SOURCE_MISSING: 1, TARGET_OTHER: 1, TRAP_HIT: 1}
    assert misses[NO_EVENT][0].trace == ["'spied' 190: negated"]
    assert UNMATCHED not in misses  # the 04 on s3 was taken at sentence level by a gold event


def test_floors_hold_minimums_and_ceilings() -> None:
    results = [{"set": "news", "root_f1": 0.5, "trap_hits": 3}]
    assert check_floors(results, {"news": {"root_f1": 0.5, "trap_hits": {"max": 3}}}) == []
    broken = check_floors(results, {"news": {"root_f1": 0.6, "trap_hits": {"max": 2}}})
    assert len(broken) == 2 and "ceiling" in broken[1]


def test_the_header_is_metadata_and_a_bracketed_title_is_not_page_text() -> None:
    meta, body = read_article("Title: [written by the annotator]\nDate: 2020-01-02\n\nFirst line.\n")
    assert meta["Date"] == "2020-01-02" and body == "First line.\n"
    [tiny] = read_article_set(TINY)
    assert tiny.title == "Norway expels envoys" and tiny.body.startswith("Norway expels envoys")
    assert len(tiny.events) == 3 and len(tiny.traps) == 1


def test_eval_on_an_article_folder_saves_the_report_and_explains(tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["eval", str(TINY), "--json", str(report_path), "--explain"])
    assert result.exit_code == 0, result.output
    report = json.loads(report_path.read_text())
    [scores] = report["sets"]
    assert scores["set"] == "tiny_articles" and scores["gold_events"] == 3 and scores["traps"] == 1
    assert {"root_f1", "dyad_f1", "trap_hits", "date_accuracy", "per_root", "confidence_bands"} <= set(scores)
    explained = report["explain"]["tiny_articles"]
    missed = {(m["sentence"], m["gold"]) for k, v in explained.items() if k not in (UNMATCHED, TRAP_HIT) for m in v}
    assert len(missed) == 3 - round(scores["dyad_recall"] * 3)  # every gold event not matched in full is listed
    assert "misses by category" in result.stdout
    again = CliRunner().invoke(app, ["eval", str(TINY), "--compare", str(report_path)])
    assert "tiny_articles: no change" in again.stdout
