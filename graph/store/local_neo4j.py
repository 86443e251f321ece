"""A real Neo4j Community 5.26 on this machine, without Docker or a server install.

``neo4j_runner/`` holds a tiny Java launcher around Neo4j's embedded API with the
Bolt connector on. :func:`build` compiles it with Maven once, :func:`start` runs
it as a detached background JVM (pid file and console log under
``BLOCGRAPH_HOME``), :func:`stop` sends SIGTERM so Neo4j checkpoints and shuts
down cleanly. Bolt listens on 127.0.0.1 only and authentication is off: nothing
off this machine can connect, and Community edition would otherwise force an
initial password change. Other local users *can* connect; use a real server
with auth (``BLOCGRAPH_NEO4J_URI``) on shared machines.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import exceptions as neo4j_errors

from blocgraph.errors import StoreUnavailableError
from blocgraph.graph.store.driver import open_driver, server_version
from blocgraph.graph.store.settings import LOCAL_HOST, Settings

RUNNER_SRC = Path(__file__).parent / "neo4j_runner"
MAIN_CLASS = "org.blocgraph.runner.Main"
HEAP = "512m"
PAGE_CACHE_MB = 256
# What Neo4j's own launcher passes: lets the page cache and transaction logs use
# direct buffers and native file hints instead of slower fallbacks.
JVM_OPTIONS = (
    "-XX:+ExitOnOutOfMemoryError",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
)
_STAMP = ".blocgraph-build"
_MAVEN_GOALS = ("compile", "dependency:copy-dependencies")
_POLL_S = 0.25
_LOG_TAIL_LINES = 30
# Children started by this process, so they can be reaped instead of lingering as zombies.
_LAUNCHED: dict[int, subprocess.Popen[bytes]] = {}


class LocalNeo4jError(StoreUnavailableError):
    """The local runner cannot be built, started or stopped."""


@dataclass(frozen=True)
class Status:
    """What ``blocgraph neo4j status`` reports; ``running`` means Bolt answers queries."""

    running: bool
    pid: int | None
    uri: str
    version: str | None
    data_dir: Path | None


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOCAL_HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def build(settings: Settings | None = None) -> Path:
    """Compile the runner unless its sources are unchanged; returns Maven's output folder."""
    target = build_dir(settings or Settings.from_env())
    digest = _source_digest()
    if _is_built(target, digest):
        return target
    mvn = _require_tool("mvn")
    _java()
    shutil.rmtree(target / "dependency", ignore_errors=True)  # no stale jars on the classpath
    pom = RUNNER_SRC / "pom.xml"
    command = [mvn, "-q", "-B", "-f", str(pom), f"-Drunner.target={target}", *_MAVEN_GOALS]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = _tail_lines(result.stdout + result.stderr)
        raise LocalNeo4jError(f"building the Neo4j runner failed: {' '.join(command)}\n{output}")
    (target / _STAMP).write_text(digest, encoding="utf-8")
    return target


def build_dir(settings: Settings) -> Path:
    """``neo4j_runner/target`` when writable (source checkout), else under BLOCGRAPH_HOME."""
    in_source = RUNNER_SRC / "target"
    return in_source if _writable(in_source) else settings.home / "neo4j-runner"


def _writable(folder: Path) -> bool:
    """Tried rather than ``os.access``, which answers yes to root whatever the mode bits."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def start(settings: Settings, wait: float = 60.0) -> Status:
    """Start the runner in the background and return once Bolt answers ``RETURN 1``.

    Idempotent: when the runner of this BLOCGRAPH_HOME is already up, it is
    only waited for.
    """
    _require_local(settings)
    pid = running_pid(settings)
    if pid is None:
        _ensure_port_free(settings)
        pid = _launch(settings, build(settings))
    return _wait_until_ready(settings, pid, wait)


def stop(settings: Settings, timeout: float = 30.0) -> bool:
    """SIGTERM the runner and wait for a clean shutdown; False when it was not running.

    Only after ``timeout`` is it killed outright (Neo4j then recovers from its
    transaction log on the next start).
    """
    pid = running_pid(settings)
    if pid is not None:
        os.kill(pid, signal.SIGTERM)
        if not _wait_for_exit(pid, timeout):
            os.kill(pid, signal.SIGKILL)
            _wait_for_exit(pid, 10.0)
        _LAUNCHED.pop(pid, None)
    settings.pid_file.unlink(missing_ok=True)
    return pid is not None


def status(settings: Settings) -> Status:
    """Whether the configured Neo4j answers, and for the local runner its pid and data."""
    local = settings.uses_local_runner
    version = _probe(settings, connect_timeout=5.0)
    return Status(
        running=version is not None,
        pid=running_pid(settings) if local else None,
        uri=settings.uri,
        version=version,
        data_dir=settings.data_dir if local else None,
    )


def running_pid(settings: Settings) -> int | None:
    """The pid in the pid file if that process is still our runner; clears stale pid files."""
    try:
        pid = int(settings.pid_file.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None
    if _alive(pid):
        return pid
    settings.pid_file.unlink(missing_ok=True)
    return None


def _launch(settings: Settings, target: Path) -> int:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    settings.log_file.parent.mkdir(parents=True, exist_ok=True)
    if settings.log_file.exists():  # keep the previous run's output for post-mortems
        settings.log_file.replace(settings.log_file.with_suffix(".log.1"))
    classpath = os.pathsep.join([str(target / "classes"), str(target / "dependency" / "*")])
    jvm = [_java(), f"-Xms{HEAP}", f"-Xmx{HEAP}", *JVM_OPTIONS, "-cp", classpath]
    port, data, page_cache = str(settings.port), str(settings.data_dir), str(PAGE_CACHE_MB)
    command = [*jvm, MAIN_CLASS, "--port", port, "--data", data, "--pagecache-mb", page_cache]
    with settings.log_file.open("wb") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=settings.home,
            start_new_session=True,  # survives the launching shell
        )
    _LAUNCHED[process.pid] = process
    settings.pid_file.write_text(f"{process.pid}\n", encoding="utf-8")
    return process.pid


def _wait_until_ready(settings: Settings, pid: int, wait: float) -> Status:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if not _alive(pid):
            settings.pid_file.unlink(missing_ok=True)
            raise LocalNeo4jError(f"Neo4j exited while starting.{_log_tail(settings)}")
        version = _probe(settings, connect_timeout=2.0)
        if version is not None:
            return Status(True, pid, settings.uri, version, settings.data_dir)
        time.sleep(_POLL_S)
    stop(settings)
    raise LocalNeo4jError(
        f"Neo4j did not answer on {settings.uri} within {wait:.0f} s.{_log_tail(settings)}"
    )


def _probe(settings: Settings, connect_timeout: float) -> str | None:
    """The server version if Bolt answers a query, else None."""
    try:
        driver = open_driver(settings, connect_timeout=connect_timeout)
    except StoreUnavailableError:
        return None
    try:
        driver.execute_query("RETURN 1", database_=settings.database)
        return server_version(driver)
    except (neo4j_errors.DriverError, neo4j_errors.Neo4jError, OSError):
        return None  # listening but the database is not available yet
    finally:
        driver.close()


def _alive(pid: int) -> bool:
    process = _LAUNCHED.get(pid)
    if process is not None:
        return process.poll() is None
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.parent.parent.exists():  # no procfs: trust the pid file
        return True
    try:  # a reused pid or a zombie has another (or an empty) command line
        return MAIN_CLASS.encode() in cmdline.read_bytes()
    except OSError:
        return False


def _wait_for_exit(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() >= deadline:
            return False
        time.sleep(_POLL_S)
    return True


def _ensure_port_free(settings: Settings) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        in_use = sock.connect_ex((LOCAL_HOST, settings.port)) == 0
    if in_use:
        raise LocalNeo4jError(
            f"port {settings.port} is already in use by another process; "
            "set BLOCGRAPH_NEO4J_PORT (and leave BLOCGRAPH_NEO4J_URI unset) to use another"
        )


def _require_local(settings: Settings) -> None:
    if not settings.uses_local_runner:
        raise LocalNeo4jError(
            f"BLOCGRAPH_NEO4J_URI is {settings.uri}; the local runner only serves "
            f"bolt://{LOCAL_HOST}:{settings.port} (unset the variable to use it)"
        )


def _source_digest() -> str:
    digest = hashlib.sha256()
    sources = [RUNNER_SRC / "pom.xml", *sorted((RUNNER_SRC / "src").rglob("*.java"))]
    for path in sources:
        digest.update(path.relative_to(RUNNER_SRC).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _is_built(target: Path, digest: str) -> bool:
    main_class = target / "classes" / Path(*MAIN_CLASS.split(".")).with_suffix(".class")
    stamp = target / _STAMP
    return (
        main_class.is_file()
        and (target / "dependency").is_dir()
        and stamp.is_file()
        and stamp.read_text(encoding="utf-8") == digest
    )


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    return _require_tool("java")


def _require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise LocalNeo4jError(
            f"`{name}` is not on PATH; the local Neo4j needs a JDK 17+ and Maven "
            "(Debian: apt-get install openjdk-17-jdk-headless maven)"
        )
    return path


def _log_tail(settings: Settings) -> str:
    with contextlib.suppress(OSError):
        text = settings.log_file.read_text(encoding="utf-8", errors="replace")
        return f" Last lines of {settings.log_file}:\n{_tail_lines(text)}"
    return f" (no output in {settings.log_file})"


def _tail_lines(text: str) -> str:
    return "\n".join(text.strip().splitlines()[-_LOG_TAIL_LINES:])
