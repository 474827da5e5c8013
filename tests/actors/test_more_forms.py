"""Forms added for news in general: legislatures and armed groups by name, warships, regions."""

from __future__ import annotations

import pytest

from eventwire.actors.build_tables import region_forms
from eventwire.actors.resolver import resolve
from eventwire.actors.tables import load_tables


@pytest.mark.parametrize(
    ("text", "code", "role"),
    [
        ("the Sejm", "POLLEG", "LEG"),
        ("Norway's Storting", "NORLEG", "LEG"),
        ("Kachin Independence Army fighters", "MMRREBKIA", "REB"),
        ("the Tatmadaw", "MMRMIL", "MIL"),
        ("a Chinese submarine", "CHNMIL", "MIL"),
        ("two Russian frigates", "RUSMIL", "MIL"),
        ("Lagos police station", "NGACOP", "COP"),
        ("the victims' parents", None, "CVL"),
        ("Brazilian indigenous leaders", "BRACVL", "CVL"),
        ("indigenous rebels", None, "REB"),
        ("Puntland forces", "SOMMIL", "MIL"),
        ("Republika Srpska", "BIH", None),
        ("researchers at Harvard University", "USAEDU", "EDU"),
        ("Mexico's ruling Morena party", "MEXPTYMOR", "PTY"),
    ],
)
def test_added_forms_resolve(text: str, code: str | None, role: str | None) -> None:
    actor = resolve(text)
    assert actor is not None
    assert (actor.code, actor.role) == (code, role)


@pytest.mark.parametrize(
    ("name", "kind", "forms"),
    [
        ("Borno", "State", {"Borno", "Borno State"}),
        ("Gujarāt", "State", {"Gujarāt", "Gujarat", "Gujarāt State", "Gujarat State"}),
        ("Kandahār", "Province", {"Kandahār", "Kandahar"}),
    ],
)
def test_region_forms(name: str, kind: str, forms: set[str]) -> None:
    assert region_forms(name, kind) == forms


@pytest.mark.parametrize(("name", "code"), [("borno state", "NGA"), ("rakhine state", "MMR"), ("gujarat", "IND")])
def test_generated_region_forms_are_places(name: str, code: str) -> None:
    assert load_tables().cities[name][0] == code
