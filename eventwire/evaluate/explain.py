"""Every miss of an article set, by category, with the sentence, the gold event and what the
coder predicted there (``eventwire eval --explain``).

Categories of a gold event that occurred:
- ``no event in the sentence``: the coder output nothing for its sentence;
- ``wrong root``: it output events there, but none of this root was left to match;
- ``source missing`` / ``source another country`` / ``source where gold has none``;
- ``target missing`` / ``target another country``: the root matched, a side did not (an event
  with both sides wrong is listed under each);
and of predictions: ``predicted event with no gold counterpart``, ``trap hit``.

For sentences where the coder said nothing, the report adds the coder's own account (its trace)
of the words it considered there and why each gave no event.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable

from eventwire.evaluate.articles import ArticleResult
from eventwire.evaluate.matching import actor_code, bucket, root_of, same_sentence

NO_EVENT = "no event in the sentence"
WRONG_ROOT = "wrong root"
SOURCE_MISSING = "source missing"
SOURCE_OTHER = "source another country"
SOURCE_EXTRA = "source where gold has none"
TARGET_MISSING = "target missing"
TARGET_OTHER = "target another country"
UNMATCHED = "predicted event with no gold counterpart"
TRAP_HIT = "trap hit"
CATEGORIES = (NO_EVENT, WRONG_ROOT, SOURCE_MISSING, SOURCE_OTHER, SOURCE_EXTRA, TARGET_MISSING,
              TARGET_OTHER, UNMATCHED, TRAP_HIT)


@dataclass
class Miss:
    article: str
    sentence: str
    gold: dict[str, Any] | None
    predicted: list[dict[str, Any]] = field(default_factory=list)  # the coder's events there
    trace: list[str] = field(default_factory=list)  # why candidates there gave no event

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "sentence": self.sentence,
                "gold": describe(self.gold) if self.gold else None,
                "predicted": [describe(p) for p in self.predicted], "trace": self.trace}


def _side(actor: Any) -> str:
    if not actor:
        return "-"
    code = actor_code(actor) or "?"
    name = actor.get("name") if isinstance(actor, dict) else None
    return f"{name} ({code})" if name else code


def describe(event: dict[str, Any]) -> str:
    """"1312 Antony Blinken (USAGOV) -> Russia (RUS) [warned]": one line per event."""
    code = event.get("cameo") or event.get("root")
    flags = [f for f in ("negated", "hypothetical") if event.get(f)]
    trigger = (event.get("trigger") or {}).get("text")
    label = event.get("cameo_label")
    parts = [f"{code} {_side(event.get('source'))} -> {_side(event.get('target'))}"]
    if trigger:
        parts.append(f"[{trigger}]")
    if label:
        parts.append(f"({label})")
    if flags:
        parts.append("{" + ", ".join(flags) + "}")
    if event.get("pattern"):
        parts.append(f"<{event['pattern']}>")
    return " ".join(parts)


def _in_sentence(result: ArticleResult, sentence: str) -> list[dict[str, Any]]:
    return [p for p in result.predicted if same_sentence(p.get("sentence", ""), sentence)]


def _side_categories(pred: dict[str, Any], gold: dict[str, Any]) -> list[str]:
    out = []
    gs, ps = gold.get("source"), pred.get("source")
    if gs is None and ps is not None:
        out.append(SOURCE_EXTRA)
    elif gs is not None and bucket(actor_code(gs)) != bucket(actor_code(ps)):
        out.append(SOURCE_MISSING if not actor_code(ps) else SOURCE_OTHER)
    gt, pt = gold.get("target"), pred.get("target")
    if gt is not None and bucket(actor_code(gt)) != bucket(actor_code(pt)):
        out.append(TARGET_MISSING if not actor_code(pt) else TARGET_OTHER)
    return out


Tracer = Callable[[str, str], list[str]]  # (article, sentence) -> the coder's account


def explain(results: list[ArticleResult], tracer: Tracer | None = None) -> dict[str, list[Miss]]:
    """The misses of every category, in article and sentence order."""
    misses: dict[str, list[Miss]] = defaultdict(list)
    for r in results:
        name = r.article.name
        for gi, gold in enumerate(r.article.events):
            there = _in_sentence(r, gold["sentence"])
            pi, level = r.matched.get(gi, (None, None))
            if level == "dyad":
                continue
            if level == "root":
                for category in _side_categories(r.predicted[pi], gold):
                    misses[category].append(Miss(name, gold["sentence"], gold, [r.predicted[pi]]))
            elif there:
                trace = tracer(name, gold["sentence"]) if tracer else []
                misses[WRONG_ROOT].append(Miss(name, gold["sentence"], gold, there, trace))
            else:
                trace = tracer(name, gold["sentence"]) if tracer else []
                misses[NO_EVENT].append(Miss(name, gold["sentence"], gold, [], trace))
        used = {p for p, _ in r.matched.values()}
        for ti, pi in r.trap_hits:
            misses[TRAP_HIT].append(Miss(name, r.article.traps[ti]["sentence"], r.article.traps[ti],
                                         [r.predicted[pi]]))
        used |= {p for _, p in r.trap_hits} | {p for _, p in r.trap_flagged}
        for pi, pred in enumerate(r.predicted):
            if pi not in used:
                misses[UNMATCHED].append(Miss(name, pred.get("sentence", ""), None, [pred]))
    return {c: misses[c] for c in CATEGORIES if misses.get(c)}


def counts(misses: dict[str, list[Miss]]) -> dict[str, int]:
    return {c: len(m) for c, m in misses.items()}


def root_counts(items: list[Miss]) -> dict[str, int]:
    """How the misses of one category spread over roots (gold root, else predicted root)."""
    out: dict[str, int] = defaultdict(int)
    for m in items:
        root = m.gold["root"] if m.gold else (root_of(m.predicted[0]) if m.predicted else "?")
        out[root] += 1
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def render(misses: dict[str, list[Miss]], limit: int | None = None) -> str:
    """The report as text: counts first, then each category with its misses."""
    lines = ["misses by category (an event with both sides wrong is listed under each):"]
    lines += [f"  {len(items):5d}  {category}" for category, items in misses.items()]
    for category, items in misses.items():
        by_root = ", ".join(f"{r}: {n}" for r, n in root_counts(items).items())
        lines += ["", f"== {category} ({len(items)}; by root {by_root}) =="]
        for m in items[:limit]:
            lines.append(f"[{m.article}] {m.sentence}")
            if m.gold:
                lines.append(f"    gold:      {describe(m.gold)}")
            lines += [f"    predicted: {describe(p)}" for p in m.predicted]
            lines += [f"    coder:     {t}" for t in m.trace]
        if limit is not None and len(items) > limit:
            lines.append(f"... and {len(items) - limit} more")
    return "\n".join(lines)


def coder_accounts(articles: list[Any], coder: Any) -> Tracer:
    """A tracer over the articles: each is coded once more with the coder's trace switched on."""
    from datetime import date as Date

    from eventwire.errors import InputError
    from eventwire.ingest import IngestOptions, read_text
    from eventwire.verbs.trace import TRACE_KEY

    sentences: dict[str, list[tuple[str, list[str]]]] = {}
    for art in articles:
        day = Date.fromisoformat(art.published) if art.published else None
        items = list(read_text(art.body, origin=art.name, options=IngestOptions(date=day, title=art.title)))
        article = next((i for i in items if not isinstance(i, InputError)), None)
        if article is None:
            continue
        doc = coder.nlp.make_doc(article.text)
        doc._.published, doc._.article_id = article.published, article.id
        doc.user_data[TRACE_KEY] = {}
        doc = coder.nlp(doc)
        traces = doc.user_data.pop(TRACE_KEY)
        sentences[art.name] = [(s.text, traces.get(i, [])) for i, s in enumerate(doc.sents)]

    def tracer(article: str, sentence: str) -> list[str]:
        return next((lines for text, lines in sentences.get(article, []) if same_sentence(text, sentence)), [])

    return tracer
