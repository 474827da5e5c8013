"""The word lists the place finder uses, loaded from ``data/rules.json`` and validated on load.

A user JSON file with some of the same keys extends the defaults (lists are merged).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventwire.errors import DataFileError

_KEYS = ("place_labels", "non_place_labels", "locative_prepositions", "place_nouns",
         "region_nouns", "city_nouns", "event_nouns", "movement_verbs", "attribution_words",
         "owned_nouns", "destination_prepositions")


@dataclass(frozen=True)
class PlaceRules:
    place_labels: frozenset[str]  # NER labels that name places
    non_place_labels: frozenset[str]  # NER labels a place pattern must not override
    locative_prepositions: frozenset[str]  # prepositions that say where something happened
    place_nouns: frozenset[str]  # "district", "town", "headquarters": nouns a place name modifies
    region_nouns: frozenset[str]  # "X province" -> prefer a region in the gazetteer
    city_nouns: frozenset[str]  # "the town of X" -> prefer a city
    event_nouns: frozenset[str]  # "the Bakhmut operation", "Syria's conflict": place of the event
    # verbs whose direct object is where the event happens ("captured Kabul", "shelled Homs");
    # the object of any other verb ("warned Russia") is an actor or a topic, never the place
    movement_verbs: frozenset[str]
    # "according to officials in X": X is where the source is, not where the event happened
    attribution_words: frozenset[str]
    # "the house of X", "the offices of X": X owns the place; a person or group, not a place name
    owned_nouns: frozenset[str]
    # "captured and sent to X": where a later movement ended, not where the event happened
    destination_prepositions: frozenset[str]


def _read(path: Path | object) -> dict[str, list[str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    except (OSError, json.JSONDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read place rules: {exc}") from None
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: place rules must be a JSON object")
    for key, value in data.items():
        if key not in _KEYS:
            raise DataFileError(f"{path}: unknown key {key!r} (expected one of {', '.join(_KEYS)})")
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise DataFileError(f"{path}: {key!r} must be a list of non-empty strings")
    return data


@lru_cache(maxsize=4)
def load_rules(extra: Path | None = None) -> PlaceRules:
    data = _read(resources.files("eventwire.places") / "data" / "rules.json")
    missing = [k for k in _KEYS if k not in data]
    if missing:
        raise DataFileError(f"place rules: missing keys {missing}")
    if extra is not None:
        for key, values in _read(Path(extra)).items():
            data[key] = [*data[key], *values]
    return PlaceRules(**{k: frozenset(v.lower() if "labels" not in k else v for v in data[k])
                         for k in _KEYS})
