"""The graph on a Neo4j server (5.x, a cluster or Aura) through the official driver.

The same store as the embedded one, over Bolt. The server is told apart from the connection: a
Neo4j answers ``dbms.components()``; FalkorDB, which speaks Bolt and stands in for Neo4j in the
tests, does not, and gets its limits respected (small batches, no quotes in strings; see
``docs/neo4j.md``). User queries run in read transactions.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any
from urllib.parse import urlparse

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired, TransientError

from luocdo.graph.cypher_store import CypherStore, reference_digest
from luocdo.graph.errors import QueryError, QueryTimeout, StoreError
from luocdo.graph.model import DocumentNode, FileGraph, ReferenceEdge
from luocdo.graph.store import IngestReport, Row

READ_TIMEOUT_S = 60.0
RETRIES = 3
HANDSHAKE_S = 2.0
NO_SERVER = "no Neo4j server named: give --neo4j-uri bolt://HOST:7687 or set NEO4J_URI"


@dataclass(frozen=True)
class Neo4jSettings:
    """Where the server is, and how many rows one write statement carries (FalkorDB caps it
    lower). The command line fills it from its flags, else ``NEO4J_*`` (``luocdo.api.settings``)."""

    uri: str
    user: str = "neo4j"
    password: str = ""
    database: str | None = None
    batch_rows: int | None = None

    def __post_init__(self) -> None:
        if not self.uri:
            raise StoreError(NO_SERVER)
        if self.batch_rows is not None and self.batch_rows < 1:
            raise StoreError("the batch size must be at least one row")


def bolt_store(settings: Neo4jSettings, *, batch_rows: int | None = None) -> Neo4jStore:
    """The store on a Bolt server: a :class:`Neo4jStore`, or a ``FalkorDBStore`` when the server
    is FalkorDB (the stand-in the tests run against, with its own workarounds)."""
    driver = _connected_driver(settings)
    if _is_neo4j(driver, settings.database):
        return Neo4jStore(settings, driver=driver, batch_rows=batch_rows)
    from luocdo.graph.falkordb_store import FalkorDBStore

    return FalkorDBStore(settings, driver=driver, batch_rows=batch_rows)


class Neo4jStore(CypherStore):
    """The graph on a Neo4j server. Writes retry on transient errors; each write is one transaction."""

    dialect = "neo4j"

    def __init__(self, settings: Neo4jSettings, *, driver: neo4j.Driver | None = None,
                 batch_rows: int | None = None) -> None:
        super().__init__()
        self.settings = settings
        self._tx: neo4j.Transaction | None = None
        self._driver = driver or _connected_driver(settings)
        chosen = batch_rows or settings.batch_rows
        if chosen:
            self.batch_rows = chosen
        self._create_schema()
        self._refresh_reference(reference_digest())

    def _create_schema(self) -> None:
        """Uniqueness constraints on ``Document.id`` and ``Meta.key``."""
        self._run_now("CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE")
        self._run_now("CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (m:Meta) REQUIRE m.key IS UNIQUE")

    # -- the backend hooks --------------------------------------------------------------------

    def _execute(self, statement: str, params: dict[str, Any] | None = None, *,
                 max_rows: int | None = None) -> list[Row]:
        if self._tx is None:
            return self._run_now(statement, params)
        try:
            result = self._tx.run(statement, self._parameters(params or {}))
            return [{k: _plain(v) for k, v in record.items()} for record in islice(result, max_rows)]
        except Neo4jError as err:
            if "timeout" in (err.code or "").lower() or "terminated" in (err.message or "").lower():
                raise QueryTimeout(f"the query ran past its time limit and was stopped ({err.message})") from err
            raise QueryError(f"{err.code or 'error'}: {err.message or err}") from err

    def _run_now(self, statement: str, params: dict[str, Any] | None = None) -> list[Row]:
        """One statement in its own transaction."""
        with self._driver.session(database=self.settings.database) as session:
            result = session.run(statement, self._parameters(params or {}))
            return [{k: _plain(v) for k, v in record.items()} for record in result]

    def _parameters(self, params: dict[str, Any]) -> dict[str, Any]:
        """The parameters as the server takes them (Neo4j: as they are)."""
        return params

    @contextmanager
    def _transaction(self, *, read_only: bool = False, timeout_s: float | None = None) -> Iterator[None]:
        mode = neo4j.READ_ACCESS if read_only else neo4j.WRITE_ACCESS
        with self._driver.session(database=self.settings.database, default_access_mode=mode) as session:
            tx = session.begin_transaction(timeout=timeout_s or (READ_TIMEOUT_S if read_only else None))
            self._tx = tx
            try:
                yield
            except BaseException:
                tx.rollback()
                raise
            finally:
                self._tx = None
            tx.commit()

    def close(self) -> None:
        with self._lock:
            self._driver.close()

    # -- what differs from the embedded store -------------------------------------------------

    def ingest(self, graphs: Sequence[FileGraph]) -> IngestReport:
        """As :meth:`CypherStore.ingest`, retried whole on transient server errors."""
        return _retrying(lambda: super(Neo4jStore, self).ingest(graphs))

    def load_reference(self, documents: Sequence[DocumentNode], edges: Sequence[ReferenceEdge]) -> None:
        _retrying(lambda: super(Neo4jStore, self).load_reference(documents, edges))

    def read(self, query: str, params: dict[str, Any] | None = None, *, timeout_s: float | None = None,
             max_rows: int | None = None) -> list[Row]:
        rows: list[Row] = _retrying(lambda: super(Neo4jStore, self).read(query, params, timeout_s=timeout_s,
                                                                         max_rows=max_rows))
        return rows

    def query(self, statement: str, params: dict[str, Any] | None = None, *, timeout_s: float | None = None,
              max_rows: int | None = None) -> list[Row]:
        rows: list[Row] = _retrying(lambda: super(Neo4jStore, self).query(statement, params, timeout_s=timeout_s,
                                                                          max_rows=max_rows))
        return rows

    def copy_nodes(self, rows: list[Row]) -> None:
        _retrying(lambda: super(Neo4jStore, self).copy_nodes(rows))

    def copy_citations(self, citing: list[str], rows: list[Row]) -> None:
        _retrying(lambda: super(Neo4jStore, self).copy_citations(citing, rows))


def _connected_driver(settings: Neo4jSettings) -> neo4j.Driver:
    """A driver whose connection was verified. FalkorDB's Bolt listener sometimes leaves the
    handshake of a new connection unanswered after another connection closed; the next one is
    answered. So a handshake has a short deadline and is tried again (docs/neo4j.md)."""
    try:
        driver = GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password),
                                      connection_timeout=10, connection_acquisition_timeout=HANDSHAKE_S,
                                      max_transaction_retry_time=10)
        for attempt in range(3):
            try:
                driver.verify_connectivity()
                return driver
            except ServiceUnavailable:
                if attempt == 2:
                    driver.close()
                    raise
                _knock(settings.uri)
    except (AuthError, ServiceUnavailable, DriverError, ValueError, OSError) as err:
        raise StoreError(f"cannot reach the Neo4j server at {settings.uri}: {err}") from err
    raise AssertionError("unreachable")


def _is_neo4j(driver: neo4j.Driver, database: str | None) -> bool:
    """Whether the server is Neo4j (FalkorDB reports a Neo4j agent, but has no dbms.components)."""
    try:
        with driver.session(database=database) as session:
            rows = list(session.run("CALL dbms.components() YIELD name RETURN name"))
    except Neo4jError:
        return False
    return bool(rows) and "Neo4j" in str(rows[0]["name"])


def _knock(uri: str) -> None:
    """Open and close a bare TCP connection to the server's Bolt port."""
    parsed = urlparse(uri)
    try:
        socket.create_connection((parsed.hostname or "localhost", parsed.port or 7687), timeout=2).close()
    except OSError:
        pass  # verify_connectivity will say what is wrong


def _plain(value: Any) -> Any:
    """Driver values as plain dicts and lists: nodes and relationships by their properties."""
    if isinstance(value, neo4j.graph.Node):
        return {k: _plain(v) for k, v in value.items() if k != "search"}  # the internal search text stays inside
    if isinstance(value, neo4j.graph.Relationship):
        return {**{k: _plain(v) for k, v in value.items()}, "type": value.type}
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [_plain(n) for n in value.nodes], "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _retrying(work: Any) -> Any:
    """Run ``work`` again after a transient error or a dropped connection, with back-off."""
    for attempt in range(RETRIES):
        try:
            return work()
        except (TransientError, ServiceUnavailable, SessionExpired) as err:
            if attempt == RETRIES - 1:
                raise StoreError(f"the Neo4j server did not answer: {err}") from err
            time.sleep(0.5 * 2 ** attempt)
    raise AssertionError("unreachable")
