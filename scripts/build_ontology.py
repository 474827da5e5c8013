"""Regenerate eventwire/ontology/data/*.csv from the public CAMEO/PLOVER reference tables.

Only facts are kept: codes, names, Goldstein values, quad classes and the CAMEO->PLOVER mapping.
Descriptions, usage notes and examples are deliberately dropped.

    python scripts/build_ontology.py ../shared/data/ontology
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "eventwire" / "ontology" / "data"


def build_cameo(src: Path) -> None:
    rows = list(csv.DictReader(open(src / "cameo_codes.csv", encoding="utf-8")))
    with open(OUT / "cameo.csv", "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["code", "root", "name", "goldstein", "quad"])
        for row in rows:
            gold = row["goldstein_gdelt"] or row["goldstein_icews"]
            out.writerow([row["code"], row["root_code"], row["name"], gold, row["quad_1to4"]])


def build_plover(src: Path) -> None:
    rows = list(csv.DictReader(open(src / "cameo_to_plover_2021.csv", encoding="utf-8")))
    seen: set[str] = set()
    with open(OUT / "cameo_to_plover.csv", "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["cameo", "event", "mode", "context"])
        for row in rows:
            code = row["cameo_code"].strip()
            if not code or code in seen:
                continue
            seen.add(code)
            out.writerow([code, row["plover_event"], row["plover_mode"], row["plover_context"]])


if __name__ == "__main__":
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/ontology")
    OUT.mkdir(parents=True, exist_ok=True)
    build_cameo(source)
    build_plover(source)
