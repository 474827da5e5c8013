"""Scoring the coder on a whole-article gold set (``news_articles``: a folder of ``articles/NN.txt``
and ``gold/NN.json``), as the set's reference scorer does.

Each article body (after the Title/Date/URL header and its blank line) is read as the CLI reads a
``.txt`` file, with ``Date:`` as the publication date and the title unless the annotator wrote it
(in square brackets). Predicted events are matched one to one with the gold events of the same
sentence, greedily, best level first: *dyad* (root and both sides' country or organisation), then
*root*, then *sentence*. Traps (gold records with ``occurred: false``) count a prediction of their
root on their sentence as a hit, unless it is flagged negated or hypothetical (then it is neither
right nor wrong). Precision counts predictions, recall the gold events that occurred.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.evaluate.matching import (
    actor_code,
    bucket,
    dyad_matches,
    location_matches,
    normalise,
    root_of,
    same_sentence,
    similarity,
)

LEVELS = ("dyad", "root", "sentence")
CONFIDENCE_BANDS = ((0.7, 1.01, "high (>= 0.7)"), (0.4, 0.7, "medium (0.4-0.7)"),
                    (0.0, 0.4, "low (< 0.4)"))


@dataclass
class GoldArticle:
    name: str
    published: str
    title: str | None
    body: str
    events: list[dict[str, Any]]  # what a coder should output
    traps: list[dict[str, Any]]  # denied or speculative acts that must not be output as facts
    quotes: list[dict[str, Any]]


def is_article_set(path: Path) -> bool:
    return path.is_dir() and (path / "articles").is_dir() and (path / "gold").is_dir()


def read_article(text: str) -> tuple[dict[str, str], str]:
    """(header fields, body): the header is metadata, the body starts after the first blank line."""
    head, _, body = text.partition("\n\n")
    meta = {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in head.splitlines() if ":" in line)}
    return meta, body


def read_article_set(folder: Path) -> list[GoldArticle]:
    articles = []
    for path in sorted((folder / "articles").glob("*.txt")):
        gold_path = folder / "gold" / f"{path.stem}.json"
        if not gold_path.is_file():
            continue
        meta, body = read_article(path.read_text(encoding="utf-8"))
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        title = meta.get("Title", "")
        events = gold.get("events") or []
        articles.append(GoldArticle(
            name=path.stem, published=meta.get("Date", ""),
            title=None if not title or title.startswith("[") else title,  # brackets: the annotator's
            body=body,
            events=[e for e in events if e.get("occurred", True)],
            traps=[e for e in events if not e.get("occurred", True)],
            quotes=gold.get("quotes") or []))
    return articles


@dataclass
class ArticleResult:
    """How one article's predictions met its gold."""

    article: GoldArticle
    predicted: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    matched: dict[int, tuple[int, str]] = field(default_factory=dict)  # gold -> (prediction, level)
    trap_hits: list[tuple[int, int]] = field(default_factory=list)  # (trap, prediction)
    trap_flagged: list[tuple[int, int]] = field(default_factory=list)
    failure: str | None = None

    def used(self) -> set[int]:
        return ({p for p, _ in self.matched.values()} | {p for _, p in self.trap_hits}
                | {p for _, p in self.trap_flagged})

    def counted_predictions(self) -> list[int]:
        """Predictions that count for precision (a flagged trap prediction is neither)."""
        flagged = {p for _, p in self.trap_flagged}
        return [i for i in range(len(self.predicted)) if i not in flagged]


def _level_holds(level: str, predicted: dict[str, Any], gold: dict[str, Any]) -> bool:
    if level == "dyad":
        return dyad_matches(predicted, gold)
    if level == "root":
        return root_of(predicted) == gold["root"]
    return True


def match_article(article: GoldArticle, predicted: list[dict[str, Any]],
                  quotes: list[dict[str, Any]]) -> ArticleResult:
    result = ArticleResult(article, predicted, quotes)
    used: set[int] = set()
    for level in LEVELS:
        for gi, gold in enumerate(article.events):
            if gi in result.matched:
                continue
            for pi, pred in enumerate(predicted):
                if pi in used or not same_sentence(pred.get("sentence", ""), gold["sentence"]):
                    continue
                if _level_holds(level, pred, gold):
                    used.add(pi)
                    result.matched[gi] = (pi, level)
                    break
    for ti, trap in enumerate(article.traps):
        for pi, pred in enumerate(predicted):
            if pi in used or not same_sentence(pred.get("sentence", ""), trap["sentence"]):
                continue
            if root_of(pred) == trap["root"]:
                used.add(pi)
                flagged = pred.get("negated") or pred.get("hypothetical")
                (result.trap_flagged if flagged else result.trap_hits).append((ti, pi))
                break
    return result


def _quote_text(quote: dict[str, Any]) -> str:
    return normalise(quote.get("text") or quote.get("quote") or "")


def quote_outcomes(result: ArticleResult) -> list[tuple[dict[str, Any], dict[str, Any] | None, bool]]:
    """(gold quote, the predicted quote that found it or None, speaker right) per gold quote."""
    out = []
    for gold in result.article.quotes:
        text = _quote_text(gold)
        ranked = sorted(result.quotes, key=lambda p: -similarity(text, _quote_text(p)))
        found = next((p for p in ranked if text and _quote_text(p) and (
            text in _quote_text(p) or _quote_text(p) in text or similarity(text, _quote_text(p)) > 0.8)), None)
        out.append((gold, found, found is not None and _speaker_right(gold, found)))
    return out


def _speaker_right(gold: dict[str, Any], predicted: dict[str, Any]) -> bool:
    want, got = gold.get("speaker") or {}, predicted.get("speaker") or {}
    gold_name = normalise(want.get("name", ""))
    got_name = normalise(got.get("name", "") if isinstance(got, dict) else str(got))
    last = gold_name.split()[-1] if gold_name else ""
    country = bucket(want.get("code"))
    return bool((last and last in got_name) or (country and country == bucket(actor_code(got))))


@dataclass
class Tally:
    """Counts of one slice (the whole set, or one root)."""

    gold: int = 0
    predicted: int = 0
    root: int = 0
    dyad: int = 0
    predicted_root_right: int = 0  # predictions of this slice matched at root level or better
    predicted_dyad_right: int = 0

    def measures(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        rp, rr = ratio(self.predicted_root_right, self.predicted), ratio(self.root, self.gold)
        dp, dr = ratio(self.predicted_dyad_right, self.predicted), ratio(self.dyad, self.gold)
        return {"root_precision": round(rp, 3), "root_recall": round(rr, 3), "root_f1": round(f1(rp, rr), 3),
                "dyad_precision": round(dp, 3), "dyad_recall": round(dr, 3), "dyad_f1": round(f1(dp, dr), 3)}


def tally(results: Iterable[ArticleResult], root: str | None = None) -> Tally:
    t = Tally()
    for r in results:
        levels = {p: lvl for p, lvl in r.matched.values()}
        gold = [g for g in r.article.events if root is None or g["root"] == root]
        t.gold += len(gold)
        for gi, (_, level) in r.matched.items():
            if root is None or r.article.events[gi]["root"] == root:
                t.root += level in ("dyad", "root")
                t.dyad += level == "dyad"
        for pi in r.counted_predictions():
            if root is None or root_of(r.predicted[pi]) == root:
                t.predicted += 1
                t.predicted_root_right += levels.get(pi) in ("dyad", "root")
                t.predicted_dyad_right += levels.get(pi) == "dyad"
    return t


def _accuracy(results: list[ArticleResult]) -> dict[str, Any]:
    date = [0, 0]
    place = [0, 0]
    modality = [0, 0]
    for r in results:
        for gi, (pi, level) in r.matched.items():
            if level == "sentence":
                continue
            gold, pred = r.article.events[gi], r.predicted[pi]
            if gold.get("date"):
                date[1] += 1
                date[0] += str(pred.get("date") or "")[:10] == gold["date"]
            if gold.get("location"):
                place[1] += 1
                place[0] += location_matches(pred.get("location"), gold["location"])
            modality[1] += 1
            modality[0] += (bool(pred.get("hypothetical")) == bool(gold.get("hypothetical"))
                            and bool(pred.get("negated")) == bool(gold.get("negated")))
    ratio = lambda pair: round(pair[0] / pair[1], 3) if pair[1] else 0.0  # noqa: E731
    return {"date_accuracy": ratio(date), "location_accuracy": ratio(place),
            "modality_accuracy": ratio(modality)}


def _quotes(results: list[ArticleResult]) -> dict[str, Any]:
    outcomes = [o for r in results for o in quote_outcomes(r)]
    total = len(outcomes)
    found = sum(1 for _, p, _ in outcomes if p is not None)
    right = sum(1 for _, _, ok in outcomes if ok)
    return {"quotes": total, "quotes_found": found, "quote_speakers_right": right,
            "quote_speaker_share": round(right / total, 3) if total else 0.0}


def _bands(results: list[ArticleResult]) -> list[dict[str, Any]]:
    """Precision of the coder's own confidence bands (events without a confidence: a band of
    their own)."""
    rows = []
    bands = [*CONFIDENCE_BANDS, (None, None, "none")]
    total = sum(len(r.counted_predictions()) for r in results)
    for low, high, name in bands:
        n = root = dyad = 0
        for r in results:
            levels = {p: lvl for p, lvl in r.matched.values()}
            for pi in r.counted_predictions():
                c = r.predicted[pi].get("confidence")
                inside = c is None if low is None else (c is not None and low <= c < high)
                if inside:
                    n += 1
                    root += levels.get(pi) in ("dyad", "root")
                    dyad += levels.get(pi) == "dyad"
        if n or low is not None:
            rows.append({"band": name, "events": n, "share": round(n / total, 3) if total else 0.0,
                         "root_precision": round(root / n, 3) if n else 0.0,
                         "dyad_precision": round(dyad / n, 3) if n else 0.0})
    return rows


def summarise(name: str, results: list[ArticleResult]) -> dict[str, Any]:
    whole = tally(results)
    roots = sorted({g["root"] for r in results for g in r.article.events}
                   | {root_of(r.predicted[p]) for r in results for p in r.counted_predictions()})
    per_root = {root: {"gold": (t := tally(results, root)).gold, "predicted": t.predicted, **t.measures()}
                for root in roots}
    bands = _bands(results)
    high = next(b for b in bands if b["band"].startswith("high"))
    return {
        "set": name, "kind": "articles", "articles": len(results),
        "failed_inputs": sum(1 for r in results if r.failure),
        "gold_events": whole.gold, "predicted_events": whole.predicted,
        **whole.measures(),
        "trap_hits": sum(len(r.trap_hits) for r in results),
        "trap_flagged": sum(len(r.trap_flagged) for r in results),
        "traps": sum(len(r.article.traps) for r in results),
        **_accuracy(results), **_quotes(results),
        "high_confidence_share": high["share"], "high_confidence_dyad_precision": high["dyad_precision"],
        "confidence_bands": bands, "per_root": per_root,
        "per_article": {r.article.name: _article_counts(r) for r in results},
    }


def _article_counts(r: ArticleResult) -> dict[str, Any]:
    levels = Counter(level for _, level in r.matched.values())
    return {"gold": len(r.article.events), "predicted": len(r.counted_predictions()),
            "root": levels["dyad"] + levels["root"], "dyad": levels["dyad"],
            "trap_hits": len(r.trap_hits), "failure": r.failure}


def code_article_set(articles: list[GoldArticle], coder: Any) -> Iterator[tuple[GoldArticle, dict[str, Any] | None, str | None]]:
    """(article, its coded document as JSON-ready dict, failure) for each article, read as the CLI
    reads a .txt file with --date and --title."""
    from datetime import date as Date

    from eventwire.errors import InputError
    from eventwire.ingest import IngestOptions, read_text

    readable: list[tuple[GoldArticle, Any]] = []
    failures: dict[str, str] = {}
    for art in articles:
        try:
            options = IngestOptions(date=Date.fromisoformat(art.published) if art.published else None,
                                    title=art.title)
        except ValueError:
            options = IngestOptions(title=art.title)
        items = list(read_text(art.body, origin=f"{art.name}.txt", options=options))
        got = next((i for i in items if not isinstance(i, InputError)), None)
        if got is None:
            failures[art.name] = "; ".join(str(i) for i in items) or "nothing read"
        else:
            readable.append((art, got))
    docs = iter(coder.code_articles(a for _, a in readable))
    coded = {art.name: next(docs).to_dict() for art, _ in readable}
    for art in articles:
        yield art, coded.get(art.name), failures.get(art.name)


def score_article_set(folder: Path, coder: Any) -> tuple[dict[str, Any], list[ArticleResult]]:
    """The summary of the set and the per-article results (for --explain)."""
    articles = read_article_set(folder)
    results = []
    for art, doc, failure in code_article_set(articles, coder):
        doc = doc or {"events": [], "quotes": []}
        result = match_article(art, doc.get("events") or [], doc.get("quotes") or [])
        result.failure = failure
        results.append(result)
    return summarise(folder.name, results), results
