"""Gazetteer resolution: population, context, spellings, regions and honest precision."""

from __future__ import annotations

import pytest

from eventwire.errors import DataFileError
from eventwire.places.gazetteer import Gazetteer, normalise, resolve_place


@pytest.mark.parametrize("name, context, country, precision", [
    ("Paris", (), "FRA", "city"),
    ("Paris", ("USA",), "USA", "city"),
    ("Kyiv", (), "UKR", "city"),
    ("Kiev", (), "UKR", "city"),
    ("the Donbas", (), "UKR", "region"),
    ("Donbass", (), "UKR", "region"),
    ("Gaza Strip", (), "PSE", "region"),
    ("Georgia", (), "GEO", "country"),
    ("Georgia", ("USA",), "USA", "region"),
    ("U.S.", (), "USA", "country"),
    ("Texas", (), "USA", "region"),
])
def test_resolve_place(name, context, country, precision):
    found = resolve_place(name, context)
    assert found is not None
    assert (found.country, found.precision) == (country, precision)


def test_kiev_and_kyiv_are_one_place():
    assert resolve_place("Kiev") == resolve_place("Kyiv")


def test_country_has_no_silent_centroid():
    found = resolve_place("France")
    assert found.precision == "country"
    assert found.lat is None and found.lon is None


def test_city_has_coordinates():
    found = resolve_place("Mariupol")
    assert found.precision == "city"
    assert found.lat == pytest.approx(47.1, abs=0.2) and found.lon == pytest.approx(37.55, abs=0.2)


def test_unknown_name_is_none():
    assert resolve_place("Xqzzyville") is None


@pytest.mark.parametrize("raw, key", [
    ("The Donbas", "donbas"), ("Kyiv\u2019s", "kyiv"), ("  New   York ", "new york")])
def test_normalise(raw, key):
    assert normalise(raw) == key


@pytest.mark.parametrize("row, message", [
    ("Atlantis,Atlantis,ATL,1.0,,city", "lat/lon"),
    ("Atlantis,Atlantis,AT,,,city", "alpha-3"),
    ("Atlantis,Atlantis,GRC,,,planet", "precision"),
    (",Atlantis,GRC,,,city", "empty name"),
])
def test_bad_alias_row_names_the_entry(tmp_path, row, message):
    path = tmp_path / "aliases.csv"
    path.write_text("name,canonical,country,lat,lon,precision\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        Gazetteer(min_city_population=None, extra_aliases=path)


def test_user_alias_file_overrides(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("name,canonical,country,lat,lon,precision\n"
                    "Donbas,Donbas,RUS,48.0,38.0,region\n", encoding="utf-8")
    gazetteer = Gazetteer(min_city_population=None, extra_aliases=path)
    assert gazetteer.resolve("Donbas").country == "RUS"
