"""The graph on a Neo4j server (5.x, a cluster or Aura) through the official driver.

The same store as the embedded one, over Bolt. The server is told apart from the connection: a
Neo4j answers ``dbms.components()``; FalkorDB, which speaks Bolt and stands in for Neo4j in the
tests, does not, and gets its limits respected (small batches, no quotes in strings; see
``docs/neo4j.md``). User queries run in read transactions.
"""

from __future__ import annotations

import json
import os
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

from luocdo.graph.cypher_store import CypherStore
from luocdo.graph.ladybug_store import QueryError, QueryTimeout
from luocdo.graph.model import DocumentNode, FileGraph, ReferenceEdge
from luocdo.graph.store import IngestReport, Row, StoreError

READ_TIMEOUT_S = 60.0
RETRIES = 3
# FalkorDB's Bolt listener crashes on a statement with parameters over ~4 KB.
FALKORDB_MAX_PARAM_BYTES = 3000
FALKORDB_MAX_ROWS = 50
HANDSHAKE_S = 2.0


@dataclass(frozen=True)
class Neo4jSettings:
    """Where the server is: flags, else ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``;
    and how many rows one write statement carries (``NEO4J_BATCH_SIZE``; FalkorDB caps it lower)."""

    uri: str
    user: str = "neo4j"
    password: str = ""
    database: str | None = None
    batch_rows: int | None = None

    @classmethod
    def from_env(cls, uri: str | None = None, user: str | None = None, password: str | None = None,
                 database: str | None = None, batch_rows: int | None = None) -> Neo4jSettings:
        uri = uri or os.environ.get("NEO4J_URI")
        if not uri:
            raise StoreError("no Neo4j server named: give --neo4j-uri bolt://HOST:7687 or set NEO4J_URI")
        batch = batch_rows or os.environ.get("NEO4J_BATCH_SIZE") or None
        try:
            batch_rows = int(batch) if batch is not None else None
        except ValueError:
            raise StoreError(f"NEO4J_BATCH_SIZE must be a whole number of rows, not {batch!r}") from None
        if batch_rows is not None and batch_rows < 1:
            raise StoreError("the batch size must be at least one row")
        return cls(uri=uri, user=user or os.environ.get("NEO4J_USER", "neo4j"),
                   password=password if password is not None else os.environ.get("NEO4J_PASSWORD", ""),
                   database=database or os.environ.get("NEO4J_DATABASE") or None, batch_rows=batch_rows)


class Neo4jStore(CypherStore):
    """The graph on a Bolt server. Writes retry on transient errors; each write is one transaction."""

    dialect = "neo4j"

    def __init__(self, settings: Neo4jSettings, *, batch_rows: int | None = None) -> None:
        super().__init__()
        self.settings = settings
        self._tx: neo4j.Transaction | None = None
        try:
            self._driver = GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password),
                                                connection_timeout=10, connection_acquisition_timeout=HANDSHAKE_S,
                                                max_transaction_retry_time=10)
            self._connect()
        except (AuthError, ServiceUnavailable, DriverError, ValueError, OSError) as err:
            raise StoreError(f"cannot reach the Neo4j server at {settings.uri}: {err}") from err
        self.dialect = self._server_kind()
        chosen = batch_rows or settings.batch_rows
        if chosen:
            self.batch_rows = chosen
        self._prepare()

    def _connect(self) -> None:
        """Verify the connection. FalkorDB's Bolt listener sometimes leaves the handshake of a new
        connection unanswered after another connection closed; the next one is answered. So a
        handshake has a short deadline and is tried again (docs/neo4j.md)."""
        for attempt in range(3):
            try:
                self._driver.verify_connectivity()
                return
            except ServiceUnavailable:
                if attempt == 2:
                    raise
                _knock(self.settings.uri)

    def _server_kind(self) -> str:
        """"neo4j", or "falkordb" for a Bolt server that is not Neo4j (it reports a Neo4j agent)."""
        try:
            rows = self._run_now("CALL dbms.components() YIELD name RETURN name")
        except Neo4jError:
            return "falkordb"
        return "neo4j" if rows and "Neo4j" in str(rows[0]["name"]) else "falkordb"

    def _prepare(self) -> None:
        """The uniqueness constraint (Neo4j) or index (FalkorDB) on ``Document.id``; reference data."""
        if self.dialect == "neo4j":
            self._run_now("CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE")
            self._run_now("CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (m:Meta) REQUIRE m.key IS UNIQUE")
        else:
            for label, key in (("Document", "id"), ("Meta", "key")):
                try:
                    self._run_now(f"CREATE INDEX FOR (n:{label}) ON (n.{key})")
                except Neo4jError:
                    pass  # FalkorDB answers an error when the index exists already
        from luocdo.graph.ladybug_store import reference_digest

        digest = reference_digest()
        rows = self._run_now("MATCH (m:Meta {key: 'reference_digest'}) RETURN m.value AS value")
        if not rows or rows[0]["value"] != digest:
            from luocdo.graph.reference import reference_graph  # only when the data changed

            ref = reference_graph()
            self.load_reference(ref.documents, ref.edges)
            self._run_now("MERGE (m:Meta {key: 'reference_digest'}) SET m.value = $v", {"v": digest})

    # -- the backend hooks --------------------------------------------------------------------

    def _execute(self, statement: str, params: dict[str, Any] | None = None, *,
                 max_rows: int | None = None) -> list[Row]:
        if self._tx is None:
            return self._run_now(statement, params)
        try:
            result = self._tx.run(statement, self._safe(params or {}))
            return [{k: _plain(v) for k, v in record.items()} for record in islice(result, max_rows)]
        except Neo4jError as err:
            if "timeout" in (err.code or "").lower() or "terminated" in (err.message or "").lower():
                raise QueryTimeout(f"the query ran past its time limit and was stopped ({err.message})") from err
            raise QueryError(f"{err.code or 'error'}: {err.message or err}") from err

    def _run_now(self, statement: str, params: dict[str, Any] | None = None) -> list[Row]:
        """One statement in its own transaction."""
        with self._driver.session(database=self.settings.database) as session:
            result = session.run(statement, self._safe(params or {}))
            return [{k: _plain(v) for k, v in record.items()} for record in result]

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

    def _batches(self, rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
        if self.dialect == "neo4j":
            yield from super()._batches(rows)
            return
        batch: list[dict[str, Any]] = []
        size, most = 0, min(self.batch_rows, FALKORDB_MAX_ROWS)
        for row in rows:
            row_size = len(json.dumps(row, ensure_ascii=False).encode())
            if batch and (size + row_size > FALKORDB_MAX_PARAM_BYTES or len(batch) >= most):
                yield batch
                batch, size = [], 0
            batch.append(_fit(row) if row_size > FALKORDB_MAX_PARAM_BYTES else row)
            size += row_size
        if batch:
            yield batch

    def _safe(self, params: dict[str, Any]) -> dict[str, Any]:
        """FalkorDB's Bolt listener pastes string parameters into the query unescaped: a quote in
        a value would break the query (or change it). There, quotes and backslashes are replaced
        by look-alikes; Neo4j gets the values as they are."""
        return params if self.dialect == "neo4j" else _replace_quotes(params)


def _knock(uri: str) -> None:
    """Open and close a bare TCP connection to the server's Bolt port."""
    parsed = urlparse(uri)
    try:
        socket.create_connection((parsed.hostname or "localhost", parsed.port or 7687), timeout=2).close()
    except OSError:
        pass  # verify_connectivity will say what is wrong


def _replace_quotes(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("'", "’").replace("\\", "⧵")
    if isinstance(value, list):
        return [_replace_quotes(v) for v in value]
    if isinstance(value, dict):
        return {k: _replace_quotes(v) for k, v in value.items()}
    return value


def _fit(row: dict[str, Any]) -> dict[str, Any]:
    """A row shortened to fit FalkorDB's parameter limit: long sentences are cut, marked "…"."""
    out = dict(row)
    for key in ("sentence", "text", "title"):
        if isinstance(out.get(key), str) and len(out[key]) > 400:
            out[key] = out[key][:399] + "…"
    return out


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
