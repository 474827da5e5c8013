"""The actor dictionaries: CSV package data, validated on load, extendable by a user directory.

Files (under ``data/``, see ``data/README.md`` for the conventions): countries.csv, igos.csv,
groups.csv, roles.csv, office_holders.csv. A user directory (argument or the environment
variable ``EVENTWIRE_ACTORS_DIR``) may hold files of the same names: their rows are added, and
a row with the same key (the lower-cased text form; for office holders the person's name)
replaces the packaged one.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from eventwire.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent / "data"
ENV_DIR = "EVENTWIRE_ACTORS_DIR"

CODE_RE = re.compile(r"^[A-Z]{3}(?:[A-Z0-9]{3})*$")
ROLE_RE = re.compile(r"^[A-Z]{3}$")
COUNTRY_KINDS = {"name", "demonym", "capital", "seat", "region"}
CITY_KINDS = {"city", "region"}
ROLE_KINDS = {"strong", "weak", "override", "place", "org"}


@dataclass(frozen=True)
class Term:
    """One office (or status) of a person: ``code`` holds from ``start`` to ``end`` (exclusive)."""

    code: str
    title: str
    start: date
    end: date | None


@dataclass
class Person:
    name: str
    country: str
    terms: list[Term] = field(default_factory=list)


@dataclass(frozen=True)
class Group:
    """A named organisation or armed group; ``start``/``end`` bound the code's validity."""

    code: str
    country: str
    role: str | None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Role:
    role: str
    kind: str  # strong | weak | override | place (a place noun: "town"; role is "") | org (NGO)
    person: bool  # the noun names one person ("minister"), so "the minister" can refer back


@dataclass
class Tables:
    countries: dict[str, tuple[str, str]]  # text -> (code, kind)
    igos: dict[str, str]  # text -> code
    groups: dict[str, list[Group]]  # text -> dated codes
    roles: dict[str, Role]  # text (singular and plural) -> role
    people: dict[str, Person]  # any name form -> person
    cities: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (code, "city")
    surfaces: dict[tuple[str, str], str] = field(default_factory=dict)  # (table, key) -> as written

    def in_office(self, surname: str, on: date | None) -> Person | None:
        """The one person of the table with this surname who held an office on the date
        ("Clinton" in 2000 is Bill Clinton; in 2010, Hillary), or None when none or several did."""
        if on is None:
            return None
        index = self.__dict__.get("_surnames")
        if index is None:
            index = {}
            for person in {id(p): p for p in self.people.values()}.values():
                index.setdefault(norm(person.name.split()[-1]), []).append(person)
            self.__dict__["_surnames"] = index
        holders = [p for p in index.get(norm(surname), ())
                   if any(t.start <= on and (t.end is None or on < t.end) for t in p.terms)]
        return holders[0] if len(holders) == 1 else None


def fail(path: Path, line: int, problem: str) -> DataFileError:
    return DataFileError(f"{path.name}, line {line}: {problem}")


def read_rows(path: Path, columns: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """Rows of a CSV with '#' comment lines; each row gets its file line number under '_line'."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path.name}: cannot read: {exc}") from exc
    numbered = [(i, ln) for i, ln in enumerate(lines, 1) if ln.strip() and not ln.lstrip().startswith("#")]
    if not numbered:
        raise DataFileError(f"{path.name}: no header line")
    header = next(csv.reader([numbered[0][1]]))
    missing = [c for c in columns if c not in header]
    if missing:
        raise fail(path, numbered[0][0], f"header lacks column(s) {', '.join(missing)}")
    for number, text in numbered[1:]:
        values = next(csv.reader([text]))
        if len(values) != len(header):
            raise fail(path, number, f"{len(values)} fields, the header has {len(header)}: {text!r}")
        row = {k: v.strip() for k, v in zip(header, values)}
        row["_line"] = str(number)
        yield row


def norm(text: str) -> str:
    """The lookup key of a name form: lower case, single spaces, curly apostrophes made straight."""
    return " ".join(text.replace("\u2019", "'").lower().split())


def parse_date(path: Path, row: dict[str, str], column: str, required: bool) -> date | None:
    value = row.get(column, "")
    if not value:
        if required:
            raise fail(path, int(row["_line"]), f"{column} is empty")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(path, int(row["_line"]), f"{column} {value!r} is not an ISO date") from None


def check(path: Path, row: dict[str, str], ok: bool, problem: str) -> None:
    if not ok:
        raise fail(path, int(row["_line"]), f"{problem} in {row.get('text') or row.get('name')!r}")


def need_text(path: Path, row: dict[str, str], surfaces: dict[tuple[str, str], str], table: str) -> str:
    check(path, row, bool(row["text"]), "empty text")
    key = norm(row["text"])
    earlier = surfaces.get((table, key))
    if earlier is None or case_demand(row["text"]) <= case_demand(earlier):
        surfaces[(table, key)] = row["text"]  # "al-Qaeda" and "Al-Qaeda": the lower case matches both
    return key


def case_demand(text: str) -> int:
    """How much case a form asks of the text it matches (see lexicon.Lexicon.case_fits)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return 2
    return 1 if text[:1].isupper() else 0


def load_countries(path: Path, into: dict[str, tuple[str, str]], surfaces: dict[tuple[str, str], str],
                   kinds: set[str] = COUNTRY_KINDS) -> None:
    for row in read_rows(path, ("code", "text", "kind")):
        check(path, row, bool(ROLE_RE.match(row["code"])), f"bad country code {row['code']!r}")
        check(path, row, row["kind"] in kinds, f"unknown kind {row['kind']!r}")
        into[need_text(path, row, surfaces, "country")] = (row["code"], row["kind"])


def load_igos(path: Path, into: dict[str, str], surfaces: dict[tuple[str, str], str]) -> None:
    for row in read_rows(path, ("code", "text")):
        code = row["code"]
        ok = bool(CODE_RE.match(code)) and code[:3] in {"IGO", "NGO"}
        check(path, row, ok, f"IGO/NGO code must look like IGOxxx or NGOxxx, got {code!r}")
        into[need_text(path, row, surfaces, "igo")] = code


def load_groups(path: Path, into: dict[str, list[Group]], surfaces: dict[tuple[str, str], str]) -> None:
    replaced: set[str] = set()
    for row in read_rows(path, ("code", "text", "country", "role", "start", "end")):
        code, country, role = row["code"], row["country"], row["role"] or None
        check(path, row, bool(CODE_RE.match(code)), f"bad code {code!r}")
        check(path, row, code.startswith(country) and bool(ROLE_RE.match(country)), f"code {code!r} does not start with country {country!r}")
        check(path, row, role is None or bool(ROLE_RE.match(role)), f"bad role {role!r}")
        key = need_text(path, row, surfaces, "group")
        if key not in replaced:  # the first row of a key in a later file replaces earlier rows
            into[key] = []
            replaced.add(key)
        into[key].append(Group(code, country, role, parse_date(path, row, "start", False), parse_date(path, row, "end", False)))


def plural(text: str) -> str:
    """English plural of a role noun's last word ("spokesman" -> "spokesmen", "army" -> "armies")."""
    if text.endswith("man"):
        return text[:-3] + "men"
    if text.endswith(("s", "x", "ch", "sh")):
        return text + "es"
    if len(text) > 1 and text.endswith("y") and text[-2] not in "aeiou":
        return text[:-1] + "ies"
    return text + "s"


def load_roles(path: Path, into: dict[str, Role]) -> None:
    for row in read_rows(path, ("text", "role", "kind", "person", "plural")):
        check(path, row, row["kind"] in ROLE_KINDS, f"kind must be one of {sorted(ROLE_KINDS)}")
        place = row["kind"] == "place"  # a place noun has no role
        check(path, row, bool(ROLE_RE.match(row["role"])) != place, f"bad role code {row['role']!r}")
        check(path, row, row["person"] in {"0", "1"}, "person must be 0 or 1")
        key = need_text(path, row, {}, "role")
        into[key] = Role(row["role"], row["kind"], row["person"] == "1")
        if row["kind"] != "override" and row["plural"] != "-":
            into.setdefault(norm(row["plural"]) if row["plural"] else plural(key), Role(row["role"], row["kind"], False))


def load_people(path: Path, into: dict[str, Person], surfaces: dict[tuple[str, str], str]) -> None:
    columns = ("name", "aliases", "country", "code", "title", "start", "end")
    replaced: set[str] = set()
    owner: dict[str, str] = {}  # form -> name, to catch one form given to two people in a file
    for row in read_rows(path, columns):
        check(path, row, bool(row["name"]), "empty name")
        check(path, row, bool(ROLE_RE.match(row["country"])), f"bad country {row['country']!r}")
        check(path, row, row["code"].startswith(row["country"]) and bool(CODE_RE.match(row["code"])), f"code {row['code']!r} does not start with {row['country']!r}")
        start, end = parse_date(path, row, "start", True), parse_date(path, row, "end", False)
        check(path, row, end is None or (start is not None and start < end), "end is not after start")
        person = person_for(into, row, replaced)
        person.terms.append(Term(row["code"], row["title"], start, end))  # type: ignore[arg-type]
        if person.country in ("IGO", "NGO"):  # an international post is no nationality: outside
            person.country = row["country"]   # every term, ElBaradei is an Egyptian elite
        for form in [row["name"], *row["aliases"].split("|")]:
            key = norm(form)
            if not key:
                continue
            check(path, row, owner.setdefault(key, person.name) == person.name, f"{form!r} is also a form of {owner[key]!r}")
            into[key] = person
            surfaces[("person", key)] = form.strip()


def person_for(into: dict[str, Person], row: dict[str, str], replaced: set[str]) -> Person:
    key = norm(row["name"])
    if key not in replaced:  # a later file's rows for a name replace the packaged terms
        replaced.add(key)
        into[key] = Person(row["name"], row["country"])
    return into[key]


def table_dirs(extra: Path | str | None) -> list[Path]:
    dirs = [DATA_DIR]
    for candidate in (os.environ.get(ENV_DIR), extra):
        if candidate:
            path = Path(candidate)
            if not path.is_dir():
                raise DataFileError(f"{path}: actor table directory does not exist")
            dirs.append(path)
    return dirs


def load_tables(extra_dir: Path | str | None = None) -> Tables:
    """Load and validate the packaged tables, then the user's (env var, then argument)."""
    tables = Tables({}, {}, {}, {}, {})
    for directory in table_dirs(extra_dir):
        load_dir(directory, tables)
    return tables


def load_dir(directory: Path, tables: Tables) -> None:
    def present(name: str) -> Iterable[Path]:
        path = directory / name
        return [path] if path.is_file() else []

    for path in present("cities.csv"):
        load_countries(path, tables.cities, {}, CITY_KINDS)
    for path in present("countries.csv"):
        load_countries(path, tables.countries, tables.surfaces)
    for path in present("igos.csv"):
        load_igos(path, tables.igos, tables.surfaces)
    for path in present("groups.csv"):
        load_groups(path, tables.groups, tables.surfaces)
    for path in present("roles.csv"):
        load_roles(path, tables.roles)
    for path in present("office_holders.csv"):
        load_people(path, tables.people, tables.surfaces)


def default_tables(extra_dir: str | None = None) -> Tables:
    """Tables cached per process (the environment variable is read on the first call);
    ``default_tables()`` and ``default_tables(None)`` are the same tables, loaded once."""
    return _cached_tables(extra_dir)


@lru_cache(maxsize=4)
def _cached_tables(extra_dir: str | None) -> Tables:
    return load_tables(extra_dir)
