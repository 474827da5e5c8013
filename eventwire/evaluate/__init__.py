"""Scoring the coder on gold data: one module per kind of gold set.

- ``events``: sentence sets in the shared format (id, text, date, expected_events);
- ``articles``: whole-article sets (a folder of articles and their gold, ``news_articles``);
- ``locations``, ``actors``, ``types``: event locations, actor resolution, ACLED event types.

``evaluate(paths)`` picks the scorer of each path by what it holds and returns one dict of
measures per set; ``check_floors`` compares them with the floors (and ceilings) pinned in the repo.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from eventwire.coding import Coder

__all__ = ["check_floors", "evaluate", "score_path"]


def _location_set(path: Path) -> bool:
    if not path.is_file():
        return False
    with open(path, encoding="utf-8") as fh:
        return '"expected_event_locations"' in fh.readline()


def _score_locations(path: Path, coder: Coder) -> dict[str, Any]:
    from eventwire.evaluate.locations import score_locations

    return {**score_locations(path, coder.nlp), "set": path.stem}


def _actor_set(path: Path) -> bool:
    from eventwire.evaluate.actors import is_actor_set

    return path.is_file() and is_actor_set(path)


def _score_actors(path: Path, coder: Coder) -> dict[str, Any]:
    from eventwire.evaluate.actors import score_actor_set

    return score_actor_set(path, coder.nlp)


def _type_set(path: Path) -> bool:
    from eventwire.evaluate.types import is_type_set

    return path.is_file() and is_type_set(path)


def _score_types(path: Path, coder: Coder) -> dict[str, Any]:
    from eventwire.evaluate.types import score_type_set

    return score_type_set(path, coder)


def _article_set(path: Path) -> bool:
    from eventwire.evaluate.articles import is_article_set

    return is_article_set(path)


def _score_articles(path: Path, coder: Coder) -> dict[str, Any]:
    from eventwire.evaluate.articles import score_article_set

    return score_article_set(path, coder)[0]


def _score_events(path: Path, coder: Coder) -> dict[str, Any]:
    from eventwire.evaluate.events import score_set

    return score_set(path, coder).as_dict()


# (does this path hold such a set?, its scorer), tried in order; sentence sets are the default
SCORERS: list[tuple[Callable[[Path], bool], Callable[[Path, Coder], dict[str, Any]]]] = [
    (_article_set, _score_articles),
    (_location_set, _score_locations),
    (_actor_set, _score_actors),
    (_type_set, _score_types),
    (lambda path: True, _score_events),
]


def score_path(path: Path, coder: Coder) -> dict[str, Any]:
    scorer = next(score for holds, score in SCORERS if holds(path))
    return scorer(path, coder)


def evaluate(paths: Iterable[Path], coder: Coder | None = None) -> list[dict[str, Any]]:
    """Score every gold file or folder; returns one dict of measures per set."""
    coder = coder or Coder()
    return [score_path(Path(path), coder) for path in paths]


def check_floors(results: list[dict[str, Any]], floors: dict[str, dict[str, Any]]) -> list[str]:
    """Measures that fell below their pinned floor (a number) or rose above their ceiling
    ({"max": n}), as readable lines (empty when all hold)."""
    broken = []
    for result in results:
        for measure, bound in floors.get(result["set"], {}).items():
            value = result.get(measure)
            if value is None:
                continue
            if isinstance(bound, dict) and "max" in bound:
                if value > bound["max"] + 1e-9:
                    broken.append(f"{result['set']}: {measure} {value} is above the ceiling {bound['max']}")
            elif value + 1e-9 < bound:
                broken.append(f"{result['set']}: {measure} {value:.3f} is below the floor {bound:.3f}")
    return broken


def evaluate_report(paths: Iterable[Path], coder: Coder | None = None, explain: bool = False) -> dict[str, Any]:
    """The scores of every set, and with ``explain`` the misses of article sets by category
    (as data under "explain", and as text under "explain_text")."""
    coder = coder or Coder()
    report: dict[str, Any] = {"sets": [], "explain": {}, "explain_text": []}
    for path in map(Path, paths):
        if explain and _article_set(path):
            from eventwire.evaluate.articles import read_article_set, score_article_set
            from eventwire.evaluate.explain import coder_accounts, explain as explain_misses, render

            summary, results = score_article_set(path, coder)
            misses = explain_misses(results, coder_accounts(read_article_set(path), coder))
            report["sets"].append(summary)
            report["explain"][summary["set"]] = {c: [m.to_dict() for m in items] for c, items in misses.items()}
            report["explain_text"].append(f"\n# {summary['set']}\n" + render(misses))
        else:
            report["sets"].append(score_path(path, coder))
    return report


COMPARED = ("root_f1", "dyad_f1", "root_precision", "root_recall", "dyad_precision", "dyad_recall",
            "trap_hits", "date_accuracy", "modality_accuracy", "location_accuracy", "quote_speakers_right",
            "high_confidence_share", "high_confidence_dyad_precision", "predicted_events",
            "root_recall", "code_recall", "precision", "dyad", "triple_f1", "recall", "type_recall",
            "country", "role", "all")


def compare_reports(old: dict[str, Any], new: dict[str, Any]) -> str:
    """What changed between two saved reports: each measure that moved, and the counts of the
    explain categories."""
    lines = ["changes against the earlier report:"]
    before = {r["set"]: r for r in old.get("sets", [])}
    for result in new["sets"]:
        was = before.get(result["set"], {})
        moved = [f"{m} {was[m]} -> {result[m]}" for m in dict.fromkeys(COMPARED)
                 if m in result and m in was and was[m] != result[m]]
        lines.append(f"  {result['set']}: " + ("; ".join(moved) if moved else "no change"))
        old_misses, new_misses = old.get("explain", {}).get(result["set"]), new["explain"].get(result["set"])
        if old_misses is not None and new_misses is not None:
            for category in dict.fromkeys([*old_misses, *new_misses]):
                a, b = len(old_misses.get(category, [])), len(new_misses.get(category, []))
                if a != b:
                    lines.append(f"      {category}: {a} -> {b}")
    return "\n".join(lines)
