"""Loading and validating the event lexicon: act patterns, frames, frame derivations, support verbs.

The defaults live in ``verbs/data``; a user directory (``EVENTWIRE_PATTERNS_DIR`` or the
``extra_dir`` argument) with files of the same names adds rows after the defaults, and a row for
the same key overrides the default one.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterator

from eventwire import ontology
from eventwire.errors import DataFileError

POS = {"V", "N", "A", "AUX"}
FRAMES = {"threat", "intent", "appeal", "demand", "reject", "deny", "accuse", "report", "vow",
          "responsibility"}
SUPPORT_KINDS = {"support", "occur", "stative", "mishap", "receive", "figurative"}
COND_KEYS = {"obj", "notobj", "subj", "adv", "cond", "active", "about", "prep", "prt", "noobj", "xcomp", "ccomp", "content"}


@dataclass(frozen=True)
class Condition:
    key: str
    values: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ActPattern:
    code: str
    lemma: str
    pos: str
    conditions: tuple[Condition, ...]
    target: str | None
    reciprocal: bool
    id: str
    user: bool = False  # a user's row wins a tie with a packaged one
    derived: bool = False  # generated from another coder's dictionary: tried after the others

    @property
    def specificity(self) -> int:
        return len(self.conditions) * 10 + len(self.code)


@dataclass(frozen=True)
class FramePattern:
    lemma: str
    pos: str
    frame: str
    conditions: tuple[Condition, ...]


@dataclass
class Lexicon:
    acts: dict[tuple[str, str], list[ActPattern]] = field(default_factory=dict)
    frames: dict[tuple[str, str], list[FramePattern]] = field(default_factory=dict)
    derive: dict[str, dict[str, str]] = field(default_factory=dict)
    support: dict[str, set[str]] = field(default_factory=dict)
    tone: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # (lemma, pos) -> (code, negated code)
    violence_nouns: set[str] = field(default_factory=set)  # attack, shelling, airstrike ...
    hyphen_ends: set[str] = field(default_factory=set)  # "in" of "sit-in": where to look for one
    words: set[str] = field(default_factory=set)  # every lemma an act or a frame has, and hyphen ends

    def derived_code(self, frame: str, embedded: str | None) -> str:
        """The code of a frame over an embedded act: longest matching prefix, else the default."""
        table = self.derive.get(frame, {})
        if embedded:
            for n in range(len(embedded), 1, -1):
                if embedded[:n] in table:
                    return table[embedded[:n]]
        return table[""]


def _rows(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    for lineno, row in enumerate(csv.reader(text.splitlines()), start=1):
        if not row or row[0].lstrip().startswith("#"):
            continue
        yield lineno, [cell.strip() for cell in row]


def _table(text: str, name: str, columns: str) -> Iterator[tuple[int, str, list[str]]]:
    """(line number, where, cells) of each data row, every row checked to have the ``columns`` (comma-separated)."""
    width = columns.count(",") + 1
    for lineno, row in _rows(text, name):
        where = f"{name} line {lineno}"
        _check(len(row) == width, where, f"expected {width} columns ({columns}), got {len(row)}: {row}")
        yield lineno, where, row


def parse_conditions(text: str, where: str) -> tuple[Condition, ...]:
    conds = []
    for part in text.split():
        key, _, values = part.partition(":")
        if key not in COND_KEYS:
            raise DataFileError(f"{where}: unknown condition {key!r} (known: {sorted(COND_KEYS)})")
        conds.append(Condition(key, frozenset(v for v in values.split("|") if v)))
    return tuple(conds)


def _check(ok: bool, where: str, problem: str) -> None:
    if not ok:
        raise DataFileError(f"{where}: {problem}")


def _load_derived_acts(lex: Lexicon, text: str, name: str) -> None:
    _load_acts(lex, text, name, derived=True)


def _load_acts(lex: Lexicon, text: str, name: str, user: bool = False, derived: bool = False) -> None:
    for lineno, where, row in _table(text, name, "code,lemma,pos,cond,target,recip"):
        code, lemma, pos, cond, target, recip = row
        _check(ontology.is_code(code), where, f"{code!r} is not a CAMEO code")
        _check(pos in POS, where, f"part of speech {pos!r} not in {sorted(POS)}")
        _check(recip in ("", "recip"), where, f"last column must be empty or 'recip', not {recip!r}")
        pattern = ActPattern(code, lemma.lower(), pos, parse_conditions(cond, where), target or None,
                             recip == "recip", f"{name}:{lineno}", user, derived)
        lex.acts.setdefault((pattern.lemma, pos), []).append(pattern)


def _load_frames(lex: Lexicon, text: str, name: str) -> None:
    for _, where, row in _table(text, name, "lemma,pos,frame,cond"):
        lemma, pos, frame, cond = row
        _check(pos in POS, where, f"part of speech {pos!r} not in {sorted(POS)}")
        _check(frame in FRAMES, where, f"frame {frame!r} not in {sorted(FRAMES)}")
        pattern = FramePattern(lemma.lower(), pos, frame, parse_conditions(cond, where))
        lex.frames.setdefault((pattern.lemma, pos), []).append(pattern)


def _load_derive(lex: Lexicon, text: str, name: str) -> None:
    for _, where, row in _table(text, name, "frame,embedded,code"):
        frame, embedded, code = row
        _check(frame in FRAMES, where, f"frame {frame!r} not in {sorted(FRAMES)}")
        _check(ontology.is_code(code), where, f"{code!r} is not a CAMEO code")
        _check(embedded == "" or embedded.isdigit(), where, f"embedded prefix {embedded!r} is not digits")
        lex.derive.setdefault(frame, {})[embedded] = code


def _load_support(lex: Lexicon, text: str, name: str) -> None:
    for lineno, row in _rows(text, name):
        where = f"{name} line {lineno}"
        _check(len(row) == 2 and row[1] in SUPPORT_KINDS, where, f"expected lemma,{'|'.join(sorted(SUPPORT_KINDS))}: {row}")
        lex.support.setdefault(row[1], set()).add(row[0].lower())


TONE_POS = {"A", "N", "V", "*"}


def _load_tone(lex: Lexicon, text: str, name: str) -> None:
    for _, where, row in _table(text, name, "lemma,pos,code,negated"):
        lemma, pos, code, negated = row
        _check(pos in TONE_POS, where, f"part of speech {pos!r} not in {sorted(TONE_POS)}")
        for value in (code, negated):
            _check(value == "" or ontology.is_code(value), where, f"{value!r} is not a CAMEO code")
        _check(bool(code or negated), where, "a tone word needs a code or a negated code")
        lex.tone[(lemma.lower(), pos)] = (code, negated)


LOADERS = (("acts.csv", _load_acts), ("phoenix_acts.csv", _load_derived_acts), ("frames.csv", _load_frames),
           ("derive.csv", _load_derive), ("support.csv", _load_support), ("tone.csv", _load_tone))


def load_lexicon(extra_dir: str | Path | None = None) -> Lexicon:
    """Defaults plus the user's files (same names) from ``extra_dir`` or EVENTWIRE_PATTERNS_DIR."""
    lex = Lexicon()
    chosen = extra_dir or os.environ.get("EVENTWIRE_PATTERNS_DIR")
    user = Path(chosen) if chosen else None
    for name, loader in LOADERS:
        loader(lex, resources.files("eventwire.verbs").joinpath("data", name).read_text("utf-8"), name)
        if user and (user / name).is_file():
            text = (user / name).read_text("utf-8")
            if loader is _load_acts:
                _load_acts(lex, text, str(user / name), user=True)
            else:
                loader(lex, text, str(user / name))
    for frame in FRAMES:
        _check("" in lex.derive.get(frame, {}), "derive.csv", f"frame {frame!r} has no default row")
    lex.violence_nouns = {lemma for (lemma, pos), pats in lex.acts.items()
                          if pos == "N" and any(p.code[:2] in ("18", "19", "20") for p in pats)}
    lex.hyphen_ends = {lemma.rsplit("-", 1)[1] for lemma, _ in lex.acts if "-" in lemma}
    lex.words = {lemma for lemma, _ in lex.acts} | {lemma for lemma, _ in lex.frames} | lex.hyphen_ends
    for key, patterns in lex.acts.items():  # most specific first; file order breaks ties
        lex.acts[key] = sorted(patterns, key=lambda p: (p.derived, -p.specificity, not p.user))
    return lex
