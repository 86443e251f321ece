"""The local Neo4j runner: start, restart with data kept, stop, and the CLI on top.

The lifecycle tests run their own runner (not the session one), because they
stop it; the CLI tests reuse the session runner.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from blocgraph.api.cli import main
from blocgraph.graph.store import local_neo4j
from blocgraph.graph.store.driver import open_driver
from blocgraph.graph.store.settings import Settings


def _local_settings(home: Path, port: int | None = None) -> Settings:
    port = local_neo4j.free_port() if port is None else port
    return Settings.from_env({"BLOCGRAPH_HOME": str(home), "BLOCGRAPH_NEO4J_PORT": str(port)})


@pytest.fixture(scope="module")
def own_runner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    settings = _local_settings(tmp_path_factory.mktemp("lifecycle-home"))
    local_neo4j.start(settings)
    yield settings
    local_neo4j.stop(settings)


def _count_markers(settings: Settings) -> int:
    driver = open_driver(settings)
    try:
        records, _, _ = driver.execute_query(
            "MATCH (m:RestartMarker {name: 'kept'}) RETURN count(m) AS n",
            database_=settings.database,
        )
        return int(records[0]["n"])
    finally:
        driver.close()


@pytest.mark.neo4j
def test_start_reports_running_community_5_26(own_runner: Settings) -> None:
    state = local_neo4j.status(own_runner)
    assert state.running
    assert state.version is not None and state.version.startswith("5.26.")
    assert state.pid == int(own_runner.pid_file.read_text())
    assert state.uri == own_runner.uri
    assert state.data_dir == own_runner.data_dir
    assert (own_runner.data_dir / "data" / "databases" / "neo4j").is_dir()


@pytest.mark.neo4j
def test_start_is_idempotent(own_runner: Settings) -> None:
    before = local_neo4j.running_pid(own_runner)
    again = local_neo4j.start(own_runner)
    assert again.running and again.pid == before


@pytest.mark.neo4j
def test_data_survives_a_restart(own_runner: Settings) -> None:
    driver = open_driver(own_runner)
    try:
        driver.execute_query("MERGE (:RestartMarker {name: 'kept'})", database_=own_runner.database)
    finally:
        driver.close()
    assert local_neo4j.stop(own_runner)
    assert not local_neo4j.status(own_runner).running
    restarted = local_neo4j.start(own_runner)
    assert restarted.running
    assert _count_markers(own_runner) == 1


@pytest.mark.neo4j
def test_stop_reports_stopped(own_runner: Settings) -> None:
    local_neo4j.start(own_runner)
    assert local_neo4j.stop(own_runner)
    state = local_neo4j.status(own_runner)
    assert not state.running
    assert state.pid is None and state.version is None
    assert not own_runner.pid_file.exists()
    assert not local_neo4j.stop(own_runner)  # stopping twice is harmless


@pytest.mark.neo4j
def test_failed_start_raises_with_the_log_tail(tmp_path: Path) -> None:
    settings = _local_settings(tmp_path)
    settings.data_dir.mkdir(parents=True)
    (settings.data_dir / "data").write_text("not a directory")  # Neo4j cannot create its store
    with pytest.raises(local_neo4j.LocalNeo4jError, match="exited while starting") as caught:
        local_neo4j.start(settings)
    assert str(settings.log_file) in caught.value.message
    assert "Exception" in caught.value.message
    assert local_neo4j.running_pid(settings) is None


def test_start_refuses_a_port_in_use(tmp_path: Path) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        settings = _local_settings(tmp_path, port=listener.getsockname()[1])
        with pytest.raises(local_neo4j.LocalNeo4jError, match="already in use"):
            local_neo4j.start(settings)


def test_start_refuses_a_remote_uri(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {"BLOCGRAPH_HOME": str(tmp_path), "BLOCGRAPH_NEO4J_URI": "neo4j://db.example:7687"}
    )
    with pytest.raises(local_neo4j.LocalNeo4jError, match=r"db\.example"):
        local_neo4j.start(settings)


def test_status_of_a_stopped_runner(tmp_path: Path) -> None:
    state = local_neo4j.status(_local_settings(tmp_path))
    assert not state.running and state.pid is None and state.version is None


def test_stale_pid_file_is_ignored(tmp_path: Path) -> None:
    settings = _local_settings(tmp_path)
    settings.pid_file.parent.mkdir(parents=True, exist_ok=True)
    settings.pid_file.write_text("999999999\n")
    assert local_neo4j.running_pid(settings) is None
    assert not settings.pid_file.exists()


@pytest.mark.neo4j
def test_cli_status_exits_0_when_running(
    neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BLOCGRAPH_NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("BLOCGRAPH_NEO4J_PORT", str(neo4j_settings.port))
    monkeypatch.setenv("BLOCGRAPH_HOME", str(neo4j_settings.home))
    assert main(["neo4j", "status"]) == 0
    out = capsys.readouterr().out
    assert "running" in out and neo4j_settings.uri in out


def test_cli_status_exits_3_when_stopped(tmp_path: Path) -> None:
    env = {
        "BLOCGRAPH_HOME": str(tmp_path),
        "BLOCGRAPH_NEO4J_PORT": str(local_neo4j.free_port()),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-m", "blocgraph.api.cli", "neo4j", "status"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 3, result.stderr
    assert "stopped" in result.stdout
    assert str(tmp_path / "neo4j") in result.stdout
