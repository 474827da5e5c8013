"""The act patterns derived from the PETRARCH-2 / Phoenix verb dictionary: how the generator reads
that dictionary's format, and that eventwire's own patterns are tried first."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from eventwire.verbs.patterns import load_lexicon

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_phoenix_acts.py"
SAMPLE = """####### SYNONYM SETS #######
&SANCTION
+SANCTION
+EMBARGO

####### VERB PATTERNS #######
---  LEVY   [---]  ---
LEVY
IMPOSE
- * &SANCTION                                         [163]         # LEVY
- * (ON COUNTRY)                                      [163]         # LEVY
- &MILITARY *                                         [154]         # LEVY
---  GRILL   [---]  ---
GRILL [110]
- * {AIR STRIKE}                                      [195]         # GRILL
- * RUMOR                                             [020]         # GRILL
"""


def generator():
    spec = importlib.util.spec_from_file_location("build_phoenix_acts", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generator_keeps_verbs_with_a_specific_object(tmp_path: Path) -> None:
    path = tmp_path / "CAMEO.txt"
    path.write_text(SAMPLE, encoding="latin-1")
    module = generator()
    rows = {(code, lemma, cond) for code, lemma, cond, _, _ in module.rows(path) if module.reliable(cond)}
    # a pattern is for the verb its comment names, not for every verb of the block; a synonym
    # set stands for its words
    assert ("163", "levy", "obj:embargo|sanction") in rows and ("163", "impose", "obj:embargo|sanction") not in rows
    # a phrase: its last word is the object, the others must occur near it
    assert ("195", "grill", "obj:strike about:air") in rows
    # dropped: a preposition alone, a subject alone, a bare verb, the generic 020
    assert not {r for r in rows if r[2].startswith(("prep:", "subj:")) or r[2] == "" or r[0] == "020"}


def test_own_patterns_are_tried_before_the_derived_ones() -> None:
    lexicon = load_lexicon()
    for patterns in lexicon.acts.values():
        derived = [p.derived for p in patterns]
        assert derived == sorted(derived)  # every own pattern before every derived one
    assert any(p.derived for patterns in lexicon.acts.values() for p in patterns)
