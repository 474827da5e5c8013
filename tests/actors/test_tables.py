from pathlib import Path

import pytest

from eventwire.actors.resolver import resolve
from eventwire.actors.tables import ENV_DIR, load_tables
from eventwire.errors import DataFileError


def test_packaged_tables_load() -> None:
    tables = load_tables()
    assert tables.countries["u.s."] == ("USA", "name")
    assert tables.igos["nato"] == "IGOWSTNAT"
    assert tables.roles["troops"].role == "MIL"
    assert tables.people["zelenskiy"].name == "Volodymyr Zelensky"


def test_every_un_member_has_a_name() -> None:
    import pycountry

    codes = {code for code, _ in load_tables().countries.values()}
    missing = {c.alpha_3 for c in pycountry.countries} - codes
    assert not missing


@pytest.mark.parametrize(("name", "code"), [("kharkiv", "UKR"), ("shanghai", "CHN"), ("valencia", None), ("moscow", None)])
def test_cities_have_one_country_or_none(name: str, code: str | None) -> None:
    """Shared names (Valencia: Spain and Venezuela) and capitals (in countries.csv) are not cities."""
    found = load_tables().cities.get(name)
    assert (found[0] if found else None) == code


BAD_FILES = [
    ("roles.csv", "text,role,kind,person,plural\ntown,LOC,place,0,\n", "line 2", "'town'"),
    ("roles.csv", "text,role,kind,person,plural\nsoldier,MILITARY,strong,1,\n", "line 2", "'soldier'"),
    ("roles.csv", "text,role,kind,person,plural\nsoldier,MIL,strong,1\n", "line 2", "4 fields"),
    ("igos.csv", "code,text\nXYZABC,Some Body\n", "line 2", "'Some Body'"),
    ("countries.csv", "# comment\ncode,text,kind\nRUS,Rossiya,nickname\n", "line 3", "'Rossiya'"),
    (
        "office_holders.csv",
        "name,aliases,country,code,title,start,end\nJane Roe,,FRA,FRAGOV,Minister,2020-13-01,\n",
        "line 2",
        "start",
    ),
    (
        "office_holders.csv",
        "name,aliases,country,code,title,start,end\nJane Roe,,FRA,FRAGOV,Minister,2021-01-01,2020-01-01\n",
        "line 2",
        "'Jane Roe'",
    ),
    ("groups.csv", "code,text,country,role,start,end\nPSEREBXYZ,Some Group,LBN,REB,,\n", "line 2", "'Some Group'"),
    ("groups.csv", "code,text\nPSEREBXYZ,Some Group\n", "line 1", "country"),
]


@pytest.mark.parametrize(("name", "content", "where", "what"), BAD_FILES)
def test_bad_user_file_names_file_line_and_entry(tmp_path: Path, name: str, content: str, where: str, what: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_tables(tmp_path)
    message = str(info.value)
    assert name in message and where in message and what in message


def test_user_file_extends_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "office_holders.csv").write_text(
        "name,aliases,country,code,title,start,end\nJane Roe,Roe,FRA,FRAGOV,Minister,2020-01-01,\n"
        "Sergei Lavrov,Lavrov,RUS,RUSGOV,Foreign Minister,2004-03-09,2020-01-01\n",
        encoding="utf-8",
    )
    tables = load_tables(tmp_path)
    assert tables.people["roe"].terms[0].code == "FRAGOV"
    assert len(tables.people["lavrov"].terms) == 1 and tables.people["lavrov"].terms[0].end is not None


def test_environment_variable_adds_a_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "igos.csv").write_text("code,text\nIGOWLDXYZ,Widget Union\n", encoding="utf-8")
    monkeypatch.setenv(ENV_DIR, str(tmp_path))
    assert load_tables().igos["widget union"] == "IGOWLDXYZ"


def test_missing_user_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="does not exist"):
        load_tables(tmp_path / "nope")


def test_resolve_with_user_tables(tmp_path: Path) -> None:
    (tmp_path / "groups.csv").write_text("code,text,country,role,start,end\nFRAREBXYZ,Blue Front,FRA,REB,,\n", encoding="utf-8")
    actor = resolve("Blue Front", tables_dir=str(tmp_path))
    assert actor is not None and actor.code == "FRAREBXYZ"
