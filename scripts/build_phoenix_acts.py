#!/usr/bin/env python3
"""Derive eventwire act patterns from the PETRARCH-2 / Phoenix CAMEO verb dictionary.

    python scripts/build_phoenix_acts.py ../shared/data/dictionaries/phoenix/CAMEO.2.0.txt \
        > eventwire/verbs/data/phoenix_acts.csv

The dictionary (MIT licence, Open Event Data Alliance) maps verbs and verb phrases to CAMEO
codes for PETRARCH's parse-tree matcher. This script keeps what eventwire's pattern format can
say and a dependency parse can check:

- a verb listed with a code of its own ("GRILL [110]") gives an unconditional pattern (later
  dropped, see below);
- a phrase pattern ("- * AID [070]  # RUSH", "- &MILITARY * (TO BORDER) [154]") gives, for the
  verb its comment names (PETRARCH applies a block's patterns to all its verbs, but a block's
  verbs are loose synonyms), a pattern with conditions:
  the first word after the verb is the object (``obj``, or ``prt`` for a particle), a bracketed
  "(PREP WORD ...)" is a preposition with a word in the complements (``prep`` and ``about``),
  words before the verb are the subject (``subj``); "&SET" stands for the words of its synonym
  set and "{A B}" for a phrase (its last word is the object, the others must occur near);
- dropped: multi-word verbs, patterns on the source/target markers alone, codes for a
  reciprocal target only ("[:173]"), codes eventwire's CAMEO table does not have (Phoenix's
  own additions), the generic defaults 010 and 020, which the dictionary's own notes call
  noisy, and every pattern that is not a verb with a specific object (``reliable``): measured on
  the gold sets (news_articles, December 2026), unconditional verbs, prepositions alone and
  subjects alone gave about one right root in six, verb-object pairs about two in five.

The output is a plain eventwire acts table (code,lemma,pos,cond,target,recip); eventwire tries it
after its own acts.csv (see verbs/patterns.py), so a hand-written pattern always wins.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

PARTICLES = {"off", "up", "down", "out", "back", "away", "over", "in", "on", "aside", "forward"}
GENERIC = {"010", "020"}
HEADER = """# Act patterns derived from the PETRARCH-2 / Phoenix CAMEO verb dictionary (CAMEO.2.0.txt, from
# openeventdata/petrarch2 at commit 676801cd9cb2924bbbad09f86d15c9323e7097bf) by
# scripts/build_phoenix_acts.py: regenerate it, do not edit it. eventwire tries these patterns
# after its own acts.csv. Same columns as acts.csv.
#
# The original dictionary: The MIT License (MIT), Copyright (c) 2015 Open Event Data Alliance.
# Permission is hereby granted, free of charge, to any person obtaining a copy of this software
# and associated documentation files (the "Software"), to deal in the Software without
# restriction, including without limitation the rights to use, copy, modify, merge, publish,
# distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
# Software is furnished to do so, subject to the following conditions: The above copyright
# notice and this permission notice shall be included in all copies or substantial portions of
# the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
# PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE
# LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
# OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
# DEALINGS IN THE SOFTWARE.
# code,lemma,pos,cond,target,recip"""

CODE = re.compile(r"\[([0-9]*):?([0-9]*)\]")
ITEM = re.compile(r"\{[^}]*\}|\([^)]*\)|\S+")


def word(token: str) -> str:
    """"SECURITY_" -> "security", "LAW-BREAKING_" -> "law-breaking", "URBAN_CENTER" -> "urban center"."""
    return token.strip("+").rstrip("_").replace("_", " ").lower()


def read_synsets(lines: list[str]) -> dict[str, set[str]]:
    sets: dict[str, set[str]] = {}
    current = None
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if text.startswith("&"):
            current = text.split()[0]
            sets[current] = set()
        elif text.startswith("+") and current:
            w = word(text.split()[0])
            if " " not in w:
                sets[current].add(w)
        elif not text:
            current = None
    return sets


def expand(item: str, synsets: dict[str, set[str]]) -> set[str]:
    if item.startswith("&"):
        return set(synsets.get(item, ()))
    w = word(item)
    return {w} if w and w.isascii() and " " not in w and w not in {"$", "^", "+", "*"} else set()


def conditions(pattern: str, synsets: dict[str, set[str]]) -> str | None:
    """eventwire conditions for a phrase pattern, or None when it cannot be said that way."""
    before, star, after = pattern.partition("*")
    if not star:
        return None
    conds: list[str] = []
    subj = [w for item in ITEM.findall(before) for w in expand(item, synsets)]
    if subj:
        conds.append("subj:" + "|".join(sorted(subj)))
    items = ITEM.findall(after)
    first = True
    for item in items:
        if item in ("$", "^", "+"):
            continue
        if item.startswith("("):
            inner = item.strip("()").split()
            if not inner:
                continue
            prep = word(inner[0])
            nouns = {w for piece in inner[1:] for w in expand(piece.strip("{}"), synsets)}
            conds.append(f"prep:{prep}")
            if nouns:
                conds.append("about:" + "|".join(sorted(nouns)))
            first = False
        elif item.startswith("{"):
            words = [w for piece in item.strip("{}").split() for w in sorted(expand(piece, synsets))[:1]]
            if not words:
                return None
            head, rest = words[-1], words[:-1]
            conds.append(f"obj:{head}" if first else f"about:{head}")
            if rest:
                conds.append("about:" + "|".join(sorted(set(rest))))
            first = False
        else:
            values = expand(item, synsets)
            if not values:
                continue
            if first and values <= PARTICLES:
                conds.append("prt:" + "|".join(sorted(values)))
                continue
            conds.append(("obj:" if first else "about:") + "|".join(sorted(values)))
            first = False
    return " ".join(conds) if conds else None


def blocks(lines: list[str]) -> Iterator[tuple[list[str], list[str]]]:
    """(verb lines, pattern lines) of each block of the verb section."""
    verbs: list[str] = []
    patterns: list[str] = []
    for line in lines:
        if line.startswith("---"):
            if verbs or patterns:
                yield verbs, patterns
            verbs, patterns = [], []
        elif line.startswith("- "):
            patterns.append(line)
        elif line.strip() and not line.startswith("#"):
            verbs.append(line)
    if verbs or patterns:
        yield verbs, patterns


def verb_rows(verb_lines: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """(the block's single-word verbs, (lemma, code) of those with a code of their own)."""
    lemmas, coded = [], []
    for line in verb_lines:
        text = re.sub(r"\{[^}]*\}", "", line.split("#", 1)[0]).strip()
        if not text or text.startswith("+"):
            continue  # multi-word verbs ("+ASK_FOR") are not single lemmas
        parts = text.split()
        lemma = word(parts[0])
        if " " in lemma or not lemma.isalpha():
            continue
        lemmas.append(lemma)
        match = CODE.search(text)
        if match and match.group(1) and match.group(1) not in GENERIC:
            coded.append((lemma, match.group(1)))
    return lemmas, coded


def rows(path: Path) -> Iterator[tuple[str, str, str, str, str]]:
    lines = path.read_text(encoding="latin-1").splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("####### VERB PATTERNS"))
    synsets = read_synsets(lines[:start])
    for verb_lines, pattern_lines in blocks(lines[start + 1:]):
        lemmas, coded = verb_rows(verb_lines)
        for lemma, code in coded:
            yield code, lemma, "", "", ""
        for line in pattern_lines:
            text, _, comment = line.partition("#")
            text = text[1:].strip()
            # the verb the pattern was written for ("# LEVY"); PETRARCH applies a pattern to every
            # verb of its block, but a block's verbs are loose synonyms ("allow" sits with
            # "offer"), and "allow aid" is no pledge of aid: keep the pattern for its own verb
            own = word(comment.split()[0]) if comment.split() else ""
            if own not in lemmas:
                continue
            match = CODE.search(text)
            if not match or not match.group(1) or match.group(1) in GENERIC:
                continue
            code, back = match.group(1), match.group(2)
            cond = conditions(text[:match.start()].strip(), synsets)
            if cond is None:
                continue
            recip = "recip" if back and back == code else ""
            yield code, own, cond, "", recip


MAX_OBJECTS = 5  # an object condition naming a whole synonym set ("&WEAPON") is too loose


def reliable(cond: str) -> bool:
    """Keep what a verb and its object say together ("levy sanctions", "open fire"): patterns on
    a verb alone, on a preposition or on a subject alone, and objects that are whole synonym
    sets of generic things ("use &WEAPON", "send &MILITARY"), cost precision on the gold sets."""
    objects = [c for c in cond.split() if c.startswith("obj:")]
    return bool(objects) and all(len(c[4:].split("|")) <= MAX_OBJECTS for c in objects)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from eventwire import ontology

    seen: set[tuple[str, str, str]] = set()
    print(HEADER)
    for code, lemma, cond, target, recip in sorted(set(rows(Path(argv[1])))):
        key = (code, lemma, cond)
        if key in seen or not ontology.is_code(code) or not reliable(cond):
            continue
        seen.add(key)
        print(f"{code},{lemma},V,{cond},{target},{recip}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
