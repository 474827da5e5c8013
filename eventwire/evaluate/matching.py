"""How a predicted event is compared with a gold event of a whole-article set.

The rules are those of the article set's scheme (``news_articles/SCHEME.md``): sentences match
when their normalised texts are equal, one holds the other (past 25 characters) or they are
close; actors match by country or organisation bucket; a place matches when one name holds the
other or they share a proper word.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

# CAMEO and Phoenix country codes that differ from ISO alpha-3, and renamed states
COUNTRY_ALIASES = {
    "JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "PAL": "PSE", "UKG": "GBR", "GMY": "DEU",
    "FRN": "FRA", "SPN": "ESP", "ROM": "ROU", "UAR": "EGY", "BUL": "BGR", "ZAM": "ZMB",
    "KSV": "XKX", "KOS": "XKX", "YUG": "SRB", "SCG": "SRB",
}
# organisations compared as wholes, whatever body of theirs acts
ORGANISATIONS = (
    (re.compile(r"NAT|NATO"), "NATO"),
    (re.compile(r"UNO|^UN$|IGOUNO|UNHCR|UNICEF|WFP"), "UN"),
    (re.compile(r"EUR|EEC|^EU$|IGOEU"), "EU"),
    (re.compile(r"OSC|OSCE"), "OSCE"),
    (re.compile(r"ASN|ASEAN"), "ASEAN"),
    (re.compile(r"AFU|^AU$"), "AU"),
)
# words of a place name that do not tell places apart ("northern Gaza" / "Gaza Strip")
PLACE_WORDS = {"north", "northern", "south", "southern", "east", "eastern", "west", "western",
               "central", "near", "province", "region", "city", "district", "island", "border",
               "state", "strait"}
_QUOTES = re.compile("[\u2018\u2019\u201c\u201d\"'`]")


def bucket(code: str | None) -> str | None:
    """The country or organisation an actor code stands for: USAGOV -> USA, IGOWSTNAT -> NATO."""
    if not code:
        return None
    head = str(code).upper().replace(";", " ").split()[0]
    if head[:3] in COUNTRY_ALIASES:
        head = COUNTRY_ALIASES[head[:3]] + head[3:]
    if head.startswith("IGO") or len(head) < 3:
        for pattern, name in ORGANISATIONS:
            if pattern.search(head):
                return name
        return "IGO" + head[-3:] if head.startswith("IGO") and len(head) >= 6 else head
    for pattern, name in ORGANISATIONS:
        if pattern.fullmatch(head[:3]):
            return name
    return head[:3]


def actor_code(actor: Any) -> str | None:
    """The code of a predicted or gold actor given as a dict, a bare code or None."""
    if isinstance(actor, str):
        return actor
    if isinstance(actor, dict):
        return actor.get("code") or actor.get("country")
    return None


def normalise(text: str | None) -> str:
    text = _QUOTES.sub("", unicodedata.normalize("NFKC", text or "").lower())
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


def same_sentence(predicted: str, gold: str) -> bool:
    p, g = normalise(predicted), normalise(gold)
    if not p or not g:
        return False
    if p == g or (len(p) > 25 and p in g) or (len(g) > 25 and g in p):
        return True
    return difflib.SequenceMatcher(None, p, g, autojunk=False).ratio() >= 0.85


def root_of(event: dict[str, Any]) -> str:
    return str(event.get("root") or str(event.get("cameo", ""))[:2])


def side_matches(predicted: Any, gold: Any, *, any_when_gold_empty: bool) -> bool:
    """A gold target of null accepts any target; a gold source of null only a null source."""
    if gold is None and any_when_gold_empty:
        return True
    return bucket(actor_code(predicted)) == bucket(actor_code(gold))


def dyad_matches(predicted: dict[str, Any], gold: dict[str, Any]) -> bool:
    return (root_of(predicted) == gold["root"]
            and side_matches(predicted.get("source"), gold.get("source"), any_when_gold_empty=False)
            and side_matches(predicted.get("target"), gold.get("target"), any_when_gold_empty=True))


def _folded(text: str | None) -> str:
    """normalise() without accents: 'Bogotá' and 'Bogota' are one name."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return normalise("".join(c for c in decomposed if not unicodedata.combining(c)))


def location_matches(predicted: Any, gold_name: str) -> bool:
    if not predicted:
        return False
    name = predicted.get("name") if isinstance(predicted, dict) else str(predicted)
    a, b = _folded(name), _folded(gold_name)
    if not (a and b):
        return False

    def proper(s: str) -> set[str]:
        return {w for w in s.split() if len(w) > 3 and w not in PLACE_WORDS}

    return a in b or b in a or bool(proper(a) & proper(b))


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()
