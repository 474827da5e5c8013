"""The ``eventwire`` commands code, eval and demo, end to end.

Output formats and usage errors run in process (Typer's runner, the session pipeline); one test
per command starts a real process (``python -m eventwire``) to check exit codes and stderr.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.export import GDELT_COLUMNS

REPO = Path(__file__).resolve().parents[1]
TINY_GOLD = REPO / "tests" / "data" / "eval" / "tiny_gold.jsonl"
GOOD = "Russia expelled eight U.S. diplomats on Monday, the foreign ministry in Moscow said in a statement.\n"
GERMAN = ("Die Außenminister der beiden Länder haben sich am Dienstag in Genf getroffen und über einen "
          "Austausch von Gefangenen gesprochen. Nach Angaben der Regierung soll die nächste Runde im "
          "Januar stattfinden. Die Opposition kritisierte die Gespräche scharf.\n")

runner = CliRunner()


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "eventwire", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


@pytest.fixture(scope="module")
def good_txt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "expulsion.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def _check_json(stdout: str) -> None:
    payload = json.loads(stdout)
    assert set(payload) == {"article", "events", "quotes"}  # one input: one object, not a list
    assert [(e["cameo"], e["source"]["code"]) for e in payload["events"]] == [("166", "RUS")]
    assert payload["events"][0]["date"] == "2021-11-29"


def _check_jsonl(stdout: str) -> None:
    lines = [json.loads(line) for line in stdout.splitlines()]
    assert [e["cameo"] for e in lines] == ["166"]
    assert lines[0]["article_id"]


def _check_table(stdout: str) -> None:
    assert "166" in stdout and "expelled" in stdout and "RUS" in stdout


def _check_gdelt(stdout: str) -> None:
    rows = [line.split("\t") for line in stdout.splitlines()]
    assert len(rows) == 1 and len(rows[0]) == len(GDELT_COLUMNS)
    assert "166" in rows[0] and "20211129" in rows[0]


@pytest.mark.parametrize(
    ("fmt", "check"),
    [("json", _check_json), ("jsonl", _check_jsonl), ("table", _check_table), ("gdelt", _check_gdelt)],
)
def test_code_prints_each_format(good_txt: Path, fmt: str, check: Callable[[str], None]) -> None:
    result = runner.invoke(app, ["code", str(good_txt), "--date", "2021-12-01", "--format", fmt],
                           terminal_width=200)
    assert result.exit_code == 0, result.output
    check(result.stdout)


def test_code_prints_a_list_for_several_articles(good_txt: Path, tmp_path: Path) -> None:
    other = tmp_path / "praise.txt"
    other.write_text("China praised Pakistan for its support during the talks in Beijing on Monday.\n")
    result = runner.invoke(app, ["code", str(good_txt), str(other), "--date", "2021-12-01"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert [d["events"][0]["cameo"] for d in payload] == ["166", "051"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "--format must be one of"),
        (["--date", "1 Dec 2021"], "YYYY-MM-DD"),
    ],
)
def test_usage_errors_exit_2(good_txt: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["code", str(good_txt), *args])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output


def _bad_inputs(folder: Path) -> dict[str, Path]:
    files = {
        "empty": folder / "empty.txt",
        "binary": folder / "binary.txt",
        "undecodable": folder / "mixed.txt",
        "huge": folder / "huge.txt",
        "jsonl": folder / "wire.jsonl",
        "german": folder / "german.txt",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 8)
    # Windows-1252 is read (tests/ingest); bytes that read as text in no encoding are refused
    files["undecodable"].write_bytes("Russia expelled diplomats.".encode("cp1252") + bytes(range(0x80, 0x100)) * 8)
    files["huge"].write_text(GOOD * 105_000, encoding="utf-8")  # ~10 MB
    good = {"id": "ok-1", "text": GOOD, "date": "2021-12-01"}
    files["jsonl"].write_text(json.dumps(good) + '\n{"id": "broken", "text": \n', encoding="utf-8")
    files["german"].write_text(GERMAN, encoding="utf-8")
    return files


@pytest.mark.slow
def test_code_reports_each_bad_input_and_codes_the_rest(tmp_path: Path) -> None:
    files = _bad_inputs(tmp_path)
    result = run_cli("code", "--format", "jsonl", *map(str, files.values()))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(files)  # one line per bad input (the JSONL file's bad line is one)
    for path in files.values():
        assert sum(path.name in line for line in lines) == 1, (path.name, lines)
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(e["article_id"], e["cameo"]) for e in events] == [("ok-1", "166")]


@pytest.mark.slow
def test_code_exits_2_when_nothing_is_coded(tmp_path: Path) -> None:
    files = _bad_inputs(tmp_path)
    bad = [str(p) for key, p in files.items() if key != "jsonl"]
    result = run_cli("code", *bad)
    assert result.returncode == 2
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == len(bad)


@pytest.mark.slow
def test_code_reads_stdin() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-m", "eventwire", "code", "-", "--date", "2021-12-01", "-f", "jsonl"],
                            input=GOOD, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["cameo"] for line in result.stdout.splitlines()] == ["166"]


def test_eval_scores_a_gold_file() -> None:
    result = runner.invoke(app, ["eval", "--json", "-", str(TINY_GOLD)])
    assert result.exit_code == 0, result.output
    [scores] = json.loads(result.stdout)["sets"]
    assert scores["set"] == "tiny_gold" and scores["records"] == 4
    assert scores["root_recall"] == scores["code_recall"] == 1.0
    assert scores["precision"] == 1.0 and scores["dyad"] == 1.0


def test_eval_exits_1_below_a_floor(tmp_path: Path) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"tiny_gold": {"root_recall": 1.0, "triple_f1": 1.01}}))
    result = runner.invoke(app, ["eval", str(TINY_GOLD), "--floors", str(floors)])
    assert result.exit_code == 1
    assert "tiny_gold: triple_f1" in result.stderr and "root_recall" not in result.stderr


def test_eval_names_a_missing_gold_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2 and "nope.jsonl" in result.stderr


@pytest.mark.slow
def test_eval_in_a_process() -> None:
    result = run_cli("eval", str(TINY_GOLD))
    assert result.returncode == 0, result.stderr
    assert "tiny_gold" in result.stdout and "1.000" in result.stdout


@pytest.mark.slow
def test_demo_codes_the_samples_into_the_store(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    result = run_cli("demo", "--db", str(db), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert db.is_file()
    assert "events" in result.stdout and f"stored in {db}" in result.stdout.replace("\n", "")
    for code in ("1312", "166", "163"):  # the threat, the expulsion and the sanctions of the samples
        assert code in result.stdout


def test_code_min_confidence_keeps_the_events_the_coder_is_sure_of(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Russia expelled two Ukrainian diplomats on Tuesday.\n\n"
                     "Officials later condemned the decision.\n", encoding="utf-8")
    def cameos(*extra: str) -> list[tuple[str, float]]:
        result = runner.invoke(app, ["code", str(story), "--date", "2021-12-01", "-f", "jsonl", *extra])
        assert result.exit_code == 0, result.output
        return [(json.loads(line)["cameo"], json.loads(line)["confidence"]) for line in result.stdout.splitlines()]
    every = cameos()
    assert len(every) == 2 and all(0 < c <= 1 for _, c in every)
    assert cameos("--min-confidence", "0.7") == [c for c in every if c[1] >= 0.7] == [("166", 0.85)]
