"""Reaching a cluster: a scheduler nobody answers at fails within its timeout, a worker with
another eventwire is refused before any work is sent, a local cluster serves its dashboard."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import typer
from dask_fakes import slow_coder
from typer.testing import CliRunner

from eventwire.cli import store_commands
from eventwire.errors import ClusterError
from eventwire.scale import DaskRunner
from eventwire.scale.settings import eventwire_version


@pytest.fixture
def silent_listener() -> Iterator[str]:
    """A TCP port that accepts connections and never says a word."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield f"tcp://127.0.0.1:{server.getsockname()[1]}"


def _closed_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"tcp://127.0.0.1:{probe.getsockname()[1]}"  # nobody listens once it is closed


@pytest.mark.parametrize("kind", ["nobody listening", "a silent listener"])
def test_an_unreachable_scheduler_fails_within_its_timeout(kind: str, silent_listener: str) -> None:
    address = _closed_port() if kind == "nobody listening" else silent_listener
    start = time.monotonic()
    with pytest.raises(ClusterError) as info:
        DaskRunner(scheduler=address, timeout=2)
    assert time.monotonic() - start < 15
    assert f"cannot reach the Dask scheduler at {address} within 2 s" in str(info.value)


def test_the_cli_says_so_in_one_line(silent_listener: str, tmp_path: Path) -> None:
    app = typer.Typer()
    store_commands.register(app)
    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--scheduler", silent_listener,
                                      "--connect-timeout", "1"])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("error: cannot reach the Dask scheduler at tcp://")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def _other_eventwire(folder: Path, version: str) -> Path:
    """A folder that, first on a worker's path, makes it an install of another eventwire."""
    info = folder / f"eventwire-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: eventwire\nVersion: {version}\n")
    return folder


def test_a_worker_with_another_eventwire_is_refused_before_work_is_sent(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    other = _other_eventwire(tmp_path / "other", "9.9.9")
    with LocalCluster(n_workers=0, dashboard_address=":0") as cluster:
        worker = subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", cluster.scheduler_address,
             "--nthreads", "1", "--no-nanny", "--no-dashboard"],
            env={"PYTHONPATH": str(other), "PATH": ""}, cwd=tmp_path, stderr=subprocess.DEVNULL)
        try:
            with Client(cluster) as client:
                client.wait_for_workers(1, timeout=60)
            with pytest.raises(ClusterError) as info:
                DaskRunner(scheduler=cluster.scheduler_address, code=slow_coder)
            assert not cluster.scheduler.tasks  # nothing was submitted
        finally:
            worker.terminate()
            worker.wait(30)
    message = str(info.value)
    assert "no work was sent" in message
    assert f"has eventwire 9.9.9 (here: {eventwire_version()})" in message


def test_a_local_cluster_serves_its_dashboard(no_leaked_workers: None) -> None:
    with DaskRunner(workers=1, code=slow_coder) as runner:
        link = runner.dashboard_link
        assert link and link.startswith("http://127.0.0.1:")
        page = httpx.get(link, timeout=30, follow_redirects=True)
    assert page.status_code == 200 and "Dask" in page.text
