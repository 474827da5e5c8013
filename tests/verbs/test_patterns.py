"""The event lexicon: shipped files load, a user's directory extends them, bad rows are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import DataFileError
from eventwire.verbs.component import EventCoder
from eventwire.verbs.patterns import FRAMES, load_lexicon


def test_the_shipped_lexicon_loads_with_a_default_for_every_frame() -> None:
    lex = load_lexicon()
    assert lex.acts and lex.frames and lex.support
    assert all("" in lex.derive[frame] for frame in FRAMES)


@pytest.mark.parametrize(
    ("name", "row", "problem"),
    [
        ("acts.csv", "999,excoriate,V,,,", "not a CAMEO code"),
        ("acts.csv", "111,excoriate,X,,,", "part of speech"),
        ("acts.csv", "111,excoriate,V,,", "expected 6 columns"),
        ("acts.csv", "111,excoriate,V,colour:red,,", "unknown condition"),
        ("acts.csv", "111,excoriate,V,,,both", "recip"),
        ("frames.csv", "excoriate,V,gossip,", "frame 'gossip'"),
        ("frames.csv", "excoriate,V,threat", "expected 4 columns"),
        ("derive.csv", "threat,1x,130", "not digits"),
        ("derive.csv", "threat,16,1999", "not a CAMEO code"),
        ("support.csv", "hold,maybe", "expected lemma,"),
    ],
)
def test_a_bad_user_row_names_file_and_line(tmp_path: Path, name: str, row: str, problem: str) -> None:
    (tmp_path / name).write_text(f"# my additions\n\n{row}\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_lexicon(tmp_path)
    message = str(info.value)
    assert name in message and "line 3" in message
    assert problem in message


def test_the_environment_variable_points_at_the_user_dir(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "acts.csv").write_text("111,excoriate,V,,,oops\n", encoding="utf-8")
    monkeypatch.setenv("EVENTWIRE_PATTERNS_DIR", str(tmp_path))
    with pytest.raises(DataFileError, match=r"acts\.csv line 1"):
        load_lexicon()


def test_a_user_directory_without_files_changes_nothing(tmp_path: Path) -> None:
    assert load_lexicon(tmp_path).acts.keys() == load_lexicon().acts.keys()


def _recode(nlp, lexicon, text: str) -> list[tuple[str, str | None, str | None]]:  # noqa: ANN001
    doc = EventCoder(lexicon)(nlp(text))  # the session pipeline's parse and actors, coded again
    return [(e.cameo, e.source and e.source.code, e.target and e.target.code) for e in doc._.events]


def test_a_user_pattern_adds_a_verb(nlp, tmp_path: Path) -> None:
    text = "France excoriated Russia."
    assert _recode(nlp, load_lexicon(), text) == []
    (tmp_path / "acts.csv").write_text("111,excoriate,V,,,\n", encoding="utf-8")
    assert _recode(nlp, load_lexicon(tmp_path), text) == [("111", "FRA", "RUS")]


def test_a_user_pattern_overrides_the_default_for_the_same_word(nlp, tmp_path: Path) -> None:
    (tmp_path / "acts.csv").write_text("112,criticize,V,,,\n", encoding="utf-8")
    assert _recode(nlp, load_lexicon(tmp_path), "France criticized Russia.") == [("112", "FRA", "RUS")]
