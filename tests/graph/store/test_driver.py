"""Connecting to Neo4j: settings from the environment and clear connection failures."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest

from blocgraph.errors import InputError, StoreUnavailableError
from blocgraph.graph.store.driver import open_driver, server_version
from blocgraph.graph.store.local_neo4j import free_port
from blocgraph.graph.store.settings import Settings


def test_settings_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({})
    assert settings.uri == "bolt://127.0.0.1:7687"
    assert (settings.user, settings.database, settings.port) == ("neo4j", "neo4j", 7687)
    assert settings.auth is None
    assert settings.home == tmp_path.resolve() / "var"
    assert settings.uses_local_runner


def test_settings_port_moves_the_local_uri() -> None:
    settings = Settings.from_env({"BLOCGRAPH_NEO4J_PORT": "17001"})
    assert settings.uri == "bolt://127.0.0.1:17001"
    assert settings.uses_local_runner


@pytest.mark.parametrize(
    ("uri", "local"),
    [
        ("bolt://localhost:7687", True),
        ("neo4j://127.0.0.1:7687", True),
        ("bolt://127.0.0.1:7688", False),
        ("neo4j+s://abc.databases.neo4j.io", False),
    ],
)
def test_settings_recognise_the_local_runner(uri: str, local: bool) -> None:
    assert Settings.from_env({"BLOCGRAPH_NEO4J_URI": uri}).uses_local_runner is local


def test_settings_with_password_use_basic_auth() -> None:
    settings = Settings.from_env({"BLOCGRAPH_NEO4J_USER": "u", "BLOCGRAPH_NEO4J_PASSWORD": "p"})
    assert settings.auth == ("u", "p")


@pytest.mark.parametrize("port", ["abc", "0", "70000"])
def test_settings_reject_a_bad_port(port: str) -> None:
    with pytest.raises(InputError, match="BLOCGRAPH_NEO4J_PORT"):
        Settings.from_env({"BLOCGRAPH_NEO4J_PORT": port})


def test_open_driver_on_a_closed_port_names_the_uri() -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    with pytest.raises(StoreUnavailableError) as caught:
        open_driver(Settings.from_env({"BLOCGRAPH_NEO4J_URI": uri}))
    message = caught.value.message
    assert uri in message
    assert "Connection refused" in message
    assert "\n" not in message


def test_open_driver_rejects_an_unsupported_scheme() -> None:
    with pytest.raises(InputError, match="http://x:1"):
        open_driver(Settings.from_env({"BLOCGRAPH_NEO4J_URI": "http://x:1"}))


@pytest.mark.neo4j
def test_open_driver_reaches_the_session_neo4j(neo4j_settings: Settings) -> None:
    driver = open_driver(neo4j_settings)
    try:
        assert server_version(driver).startswith("5.")
    finally:
        driver.close()


@pytest.mark.neo4j
def test_clean_db_starts_empty_and_writes_are_visible(clean_db: neo4j.Driver) -> None:
    records, _, _ = clean_db.execute_query("MATCH (n) RETURN count(n) AS n")
    assert records[0]["n"] == 0
    clean_db.execute_query("CREATE (:Probe)-[:LINKS]->(:Probe)")
    records, _, _ = clean_db.execute_query("MATCH (:Probe)-[r:LINKS]->() RETURN count(r) AS n")
    assert records[0]["n"] == 1


@pytest.mark.neo4j
def test_clean_db_wiped_the_previous_test(clean_db: neo4j.Driver) -> None:
    records, _, _ = clean_db.execute_query("MATCH (n) RETURN count(n) AS n")
    assert records[0]["n"] == 0
