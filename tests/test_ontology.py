"""The CAMEO table and the CAMEO -> PLOVER map shipped as data."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire import ontology
from eventwire.errors import DataFileError

# CAMEO's quad classes by root: verbal/material cooperation, verbal/material conflict.
QUADS = {**{f"{r:02d}": 1 for r in range(1, 6)}, **{f"{r:02d}": 2 for r in range(6, 9)},
         **{f"{r:02d}": 3 for r in range(9, 14)}, **{f"{r:02d}": 4 for r in range(14, 21)}}


def test_every_root_is_present_with_codes_as_strings() -> None:
    codes = ontology.all_codes()
    assert {c.root for c in codes.values()} == set(QUADS)
    assert len(codes) > 250
    assert all(isinstance(c.code, str) and c.code.isdigit() and c.code.startswith(c.root) for c in codes.values())


@pytest.mark.parametrize(("code", "root", "quad"), [("010", "01", 1), ("036", "03", 1), ("0831", "08", 2),
                                                     ("1312", "13", 3), ("166", "16", 4), ("190", "19", 4)])
def test_leading_zeros_survive(code: str, root: str, quad: int) -> None:
    entry = ontology.cameo(code)
    assert (entry.code, entry.root, entry.quad) == (code, root, quad)
    assert entry.name


def test_quads_and_goldstein_values_are_consistent() -> None:
    for entry in ontology.all_codes().values():
        assert entry.quad == QUADS[entry.root], entry.code
        assert -10.0 <= entry.goldstein <= 10.0, entry.code
    assert ontology.cameo("190").goldstein < 0 < ontology.cameo("051").goldstein


@pytest.mark.parametrize(("code", "known"), [("1312", True), ("20", True), ("10", True), ("999", False),
                                             ("10.0", False), ("0", False), ("", False)])
def test_is_code(code: str, known: bool) -> None:
    assert ontology.is_code(code) is known


def test_an_unknown_code_raises_key_error() -> None:
    with pytest.raises(KeyError):
        ontology.cameo("999")


@pytest.mark.parametrize(("code", "event"), [("190", "ASSAULT"), ("1312", "THREATEN"), ("010", None),
                                             ("023", None), ("1909", "ASSAULT")])
def test_plover_event_of_a_code(code: str, event: str | None) -> None:
    """01x statements and 02x appeals have no PLOVER event; a sub-code falls back to its parent."""
    mapped = ontology.plover(code)
    assert set(mapped) == {"event", "mode", "context"}
    assert mapped["event"] == event


def test_every_code_from_03_on_has_a_plover_event() -> None:
    missing = [c for c in ontology.all_codes() if c[:2] not in ("01", "02") and not ontology.plover(c)["event"]]
    assert missing == []


def test_plover_results_are_copies() -> None:
    ontology.plover("190")["event"] = "CHANGED"
    assert ontology.plover("190")["event"] == "ASSAULT"


@pytest.fixture
def cameo_rows(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, str]]]:
    rows: list[dict[str, str]] = []
    monkeypatch.setattr(ontology, "_rows", lambda name: rows)
    ontology._table.cache_clear()
    yield rows
    ontology._table.cache_clear()


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ({"code": "1x2", "root": "1", "name": "n", "goldstein": "1", "quad": "1"}, "bad code '1x2'"),
        ({"code": "190", "root": "18", "name": "n", "goldstein": "1", "quad": "4"}, "root '18'"),
        ({"code": "190", "root": "19", "name": "n", "goldstein": "high", "quad": "4"}, "code 190"),
    ],
)
def test_a_bad_table_row_names_its_line(cameo_rows: list, row: dict[str, str], problem: str) -> None:
    cameo_rows.extend([{"code": "01", "root": "01", "name": "n", "goldstein": "0", "quad": "1"}, row])
    with pytest.raises(DataFileError) as info:
        ontology.cameo("01")
    assert "cameo.csv line 3" in str(info.value) and problem in str(info.value)
