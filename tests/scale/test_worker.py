"""Workers code with the driver's model and dictionary folders, and refuse a task from a driver
of another eventwire version."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from store_fakes import article, fake_coder

import eventwire
from eventwire.errors import ClusterError
from eventwire.model import Article
from eventwire.scale import CodingSettings, DaskRunner
from eventwire.scale.worker import SettingsPlugin, code_batch

TEXT = "The Blue Front excoriated Russia on Monday."


def _user_folders(tmp_path: Path) -> tuple[Path, Path]:
    patterns, actors = tmp_path / "patterns", tmp_path / "actors"
    patterns.mkdir()
    actors.mkdir()
    (patterns / "acts.csv").write_text("111,excoriate,V,,,\n", encoding="utf-8")
    (actors / "groups.csv").write_text("code,text,country,role,start,end\n"
                                       "FRAREBXYZ,Blue Front,FRA,REB,,\n", encoding="utf-8")
    return patterns, actors


def _triples(doc: eventwire.Document) -> list[tuple[str, str | None, str | None]]:
    return [(e.cameo, e.source and e.source.code, e.target and e.target.code) for e in doc.events]


def test_workers_code_with_the_drivers_dictionaries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    cluster) -> None:  # noqa: ANN001
    """The workers started without the folders (nor the variables): they get them by content."""
    assert ("111", "FRAREBXYZ", "RUS") not in _triples(eventwire.code(TEXT))
    patterns, actors = _user_folders(tmp_path)
    monkeypatch.setenv("EVENTWIRE_PATTERNS_DIR", str(patterns))
    monkeypatch.setenv("EVENTWIRE_ACTORS_DIR", str(actors))
    with DaskRunner(scheduler=cluster.scheduler_address) as runner:
        doc, = runner([Article(TEXT, published=date(2024, 3, 4))])
    assert ("111", "FRAREBXYZ", "RUS") in _triples(doc)


def test_settings_name_their_folders_by_content(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    plain = CodingSettings.here()
    patterns, _ = _user_folders(tmp_path)
    monkeypatch.setenv("EVENTWIRE_PATTERNS_DIR", str(patterns))
    first = CodingSettings.here()
    (patterns / "acts.csv").write_text("112,excoriate,V,,,\n", encoding="utf-8")
    assert len({plain.fingerprint, first.fingerprint, CodingSettings.here().fingerprint}) == 3
    monkeypatch.setenv("EVENTWIRE_PATTERNS_DIR", str(tmp_path / "missing"))
    with pytest.raises(eventwire.DataFileError, match="EVENTWIRE_PATTERNS_DIR=.*not a directory"):
        CodingSettings.here()


def test_a_task_from_a_driver_of_another_version_is_refused() -> None:
    ours = CodingSettings.here()
    theirs = replace(ours, version="0.0.1")
    for settings in (ours, theirs):
        SettingsPlugin(settings).setup(worker=None)
    articles = [article("USAGOV 042 RUSGOV met in Geneva.")]
    assert len(code_batch(articles, ours.fingerprint, fake_coder)[0].events) == 1
    with pytest.raises(ClusterError, match=f"runs eventwire {ours.version}, the driver 0.0.1"):
        code_batch(articles, theirs.fingerprint, fake_coder)
