"""The embedded store: LadybugDB (the maintained fork of Kùzu) in a directory.

LadybugDB crashes when two calls run at once on one database, so every call goes through one
lock; one process owns a directory (a second one gets a clear :class:`StoreError`). Writes are
one transaction each; large batches go in with ``COPY FROM`` inside that transaction.
"""

from __future__ import annotations

import csv
import hashlib
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Any

import ladybug

from luocdo.graph.build import repoint
from luocdo.graph.model import (
    CITATION_RELATIONS,
    REFERENCE_RELATIONS,
    CitationEdge,
    DocumentNode,
    FileGraph,
    ReferenceEdge,
)
from luocdo.graph.readonly import check_read_only
from luocdo.graph.reference import reference_graph
from luocdo.graph.store import IngestReport, Row, StoreError

SCHEMA_VERSION = "1"
COPY_MIN_ROWS = 2000  # below this, UNWIND batches beat writing CSV files
QUERY_TIMEOUT_MS = 60_000

_INT = {"citation_count", "start_offset", "end_offset"}
_BOOL = {"in_corpus", "verified"}
_NODE_COLUMNS = [f.name for f in fields(DocumentNode)]
_EDGE_COLUMNS = [f.name for f in fields(CitationEdge) if f.name not in ("citing", "cited", "relation")]
_SCHEMA = [
    "CREATE NODE TABLE IF NOT EXISTS Meta(key STRING PRIMARY KEY, value STRING)",
    "CREATE NODE TABLE IF NOT EXISTS Document(" + ", ".join(
        f"{c} {'INT64' if c in _INT else 'BOOLEAN' if c in _BOOL else 'STRING'}"
        + (" PRIMARY KEY" if c == "id" else "") for c in _NODE_COLUMNS) + ")",
    *(f"CREATE REL TABLE IF NOT EXISTS {r}(FROM Document TO Document, "
      + ", ".join(f"{c} {'INT64' if c in _INT else 'STRING'}" for c in _EDGE_COLUMNS)
      + ", since STRING, origin STRING)" for r in CITATION_RELATIONS),
    *(f"CREATE REL TABLE IF NOT EXISTS {r}(FROM Document TO Document, since STRING, origin STRING)"
      for r in REFERENCE_RELATIONS),
]


def _typed(column: str, expr: str) -> str:
    """A value from an UNWIND row, cast so that a batch of nulls keeps the column's type."""
    if column in _INT:
        return f"CAST({expr} AS INT64)"
    if column in _BOOL:
        return f"CAST({expr} AS BOOLEAN)"
    return expr


_KEEP_CORPUS_FLAGS = ", d.in_corpus = coalesce(d.in_corpus, false), d.citation_count = coalesce(d.citation_count, 0)"
# A file's own node: what the file says wins; the reference data's validity stays.
_FILE_FIELDS = [c for c in _NODE_COLUMNS if c not in ("id", "status", "effective_from", "effective_to", "verified")]
_UPSERT_FILE_NODES = ("UNWIND $rows AS row MERGE (d:Document {id: row.id}) SET "
                      + ", ".join(f"d.{c} = coalesce({_typed(c, 'row.' + c)}, d.{c})" for c in _FILE_FIELDS))
# A document known from a citation: fills only what is not known yet.
_UPSERT_CITED_NODES = ("UNWIND $rows AS row MERGE (d:Document {id: row.id}) SET "
                       + ", ".join(f"d.{c} = coalesce(d.{c}, {_typed(c, 'row.' + c)})"
                                   for c in _NODE_COLUMNS if c not in ("id", "in_corpus", "citation_count"))
                       + _KEEP_CORPUS_FLAGS)
# The reference data: its facts win, its gaps do not erase what files said.
_UPSERT_REFERENCE_NODES = ("UNWIND $rows AS row MERGE (d:Document {id: row.id}) SET "
                           + ", ".join(f"d.{c} = coalesce({_typed(c, 'row.' + c)}, d.{c})"
                                       for c in _NODE_COLUMNS if c not in ("id", "in_corpus", "source", "sha256",
                                                                           "citation_count"))
                           + _KEEP_CORPUS_FLAGS)


def _create_edges(relation: str) -> str:
    props = ", ".join(f"{c}: {_typed(c, 'row.' + c)}" for c in _EDGE_COLUMNS)
    return (f"UNWIND $rows AS row MATCH (a:Document {{id: row.citing}}) MATCH (b:Document {{id: row.cited}}) "
            f"CREATE (a)-[:{relation} {{{props}}}]->(b)")


def _merge_reference_edges(relation: str) -> str:
    return (f"UNWIND $rows AS row MATCH (a:Document {{id: row.source}}) MATCH (b:Document {{id: row.target}}) "
            f"MERGE (a)-[r:{relation} {{origin: row.origin}}]->(b) SET r.since = row.since")


_DELETE_OUTGOING = ("MATCH (d:Document)-[r:IMPLEMENTS|BASED_ON|CITES]->() "
                    "WHERE d.id IN $ids AND r.origin IS NULL DELETE r")
# A file now read as another document (its number was edited): the old node is no longer in the corpus.
_RELEASE_OLD = ("MATCH (d:Document) WHERE d.source IN $sources AND NOT d.id IN $ids "
                "SET d.in_corpus = false, d.source = NULL, d.sha256 = NULL, d.citation_count = 0 RETURN d.id")


class LadybugStore:
    """The graph in a LadybugDB directory. Safe to share between threads: calls are serialised."""

    dialect = "ladybug"

    def __init__(self, path: Path, *, read_only: bool = False, copy_min_rows: int = COPY_MIN_ROWS) -> None:
        self.path = path
        self.copy_min_rows = copy_min_rows
        self._lock = threading.RLock()
        exists = (path / "graph.lbug").exists()
        if read_only and not exists:
            raise StoreError(f"{path}: no luocdo store here (run `luocdo ingest … --store {path}` first)")
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path}: not a directory")
        path.mkdir(parents=True, exist_ok=True)
        try:
            self._db = ladybug.Database(str(path / "graph.lbug"), read_only=read_only)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as err:
            if "lock" in str(err).lower():
                raise StoreError(f"{path}: the store is open in another process (an API server?); "
                                 "stop it, or send the files through its API") from err
            raise StoreError(f"{path}: cannot open the store: {err}") from err
        self._conn.set_query_timeout(QUERY_TIMEOUT_MS)
        if not read_only:
            self._prepare()

    # -- set-up -----------------------------------------------------------------------------

    def _prepare(self) -> None:
        """Create the schema, and load the shipped reference data when it changed."""
        with self._lock:
            for statement in _SCHEMA:
                self._conn.execute(statement)
            version = self._meta("schema_version")
            if version not in (None, SCHEMA_VERSION):
                raise StoreError(f"{self.path}: store written by another luocdo version (schema {version})")
            self._set_meta("schema_version", SCHEMA_VERSION)
            digest = _reference_digest()
            if self._meta("reference_digest") != digest:
                ref = reference_graph()
                self.load_reference(ref.documents, ref.edges)
                self._set_meta("reference_digest", digest)

    def _meta(self, key: str) -> str | None:
        rows = self._rows("MATCH (m:Meta {key: $key}) RETURN m.value AS value", {"key": key})
        return rows[0]["value"] if rows else None

    def _set_meta(self, key: str, value: str) -> None:
        self._conn.execute("MERGE (m:Meta {key: $key}) SET m.value = $value", {"key": key, "value": value})

    # -- writing ----------------------------------------------------------------------------

    def ingest(self, graphs: Sequence[FileGraph]) -> IngestReport:
        """Write these files' graphs in one transaction; files already in the store unchanged are skipped."""
        report = IngestReport()
        with self._lock, self._transaction(), _as_store_error("cannot write"):
            fresh = self._changed(_last_per_document(graphs, report), report)
            if not fresh:
                return report
            self._settle_unknown_years(fresh)
            ids = [g.document.id for g in fresh]
            self._conn.execute(_DELETE_OUTGOING, {"ids": ids})
            self._conn.execute(_RELEASE_OLD, {"ids": ids, "sources": [g.document.source for g in fresh]})
            cited = _merge_nodes(node for g in fresh for node in g.cited)
            own = set(ids)
            self._write_nodes(_UPSERT_CITED_NODES, [n for i, n in cited.items() if i not in own])
            self._write_nodes(_UPSERT_FILE_NODES, [g.document for g in fresh])
            for relation in CITATION_RELATIONS:
                edges = [e.to_row() for g in fresh for e in g.citations if e.relation == relation]
                self._write_edges(relation, edges)
            for g in fresh:
                report.written.append(g.document.source or g.document.id)
                report.citations += len(g.citations)
                report.unresolved += g.unresolved
        return report

    def load_reference(self, documents: Sequence[DocumentNode], edges: Sequence[ReferenceEdge]) -> None:
        """Add or update reference facts in one transaction; edges name documents by id."""
        with self._lock, self._transaction(), _as_store_error("cannot load reference data"):
            nodes = _merge_nodes(documents)
            for e in edges:  # an edge may name a document the data does not describe
                for end in (e.source, e.target):
                    nodes.setdefault(end, DocumentNode(id=end, number=end.split("@")[0]))
            self._run_batches(_UPSERT_REFERENCE_NODES, [n.to_row() for n in nodes.values()])
            for relation in {e.relation for e in edges}:
                rows = [e.to_row() for e in edges if e.relation == relation]
                self._run_batches(_merge_reference_edges(relation), rows)

    def _changed(self, graphs: Sequence[FileGraph], report: IngestReport) -> list[FileGraph]:
        """The graphs whose file is not already in the store with the same content."""
        known = {r["id"]: r for r in self._rows(
            "MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS id, d.sha256 AS sha256, d.source AS source, "
            "d.in_corpus AS in_corpus", {"ids": [g.document.id for g in graphs]})}
        fresh = []
        for g in graphs:
            row = known.get(g.document.id)
            if row and row["in_corpus"] and g.document.sha256 and row["sha256"] == g.document.sha256 \
                    and row["source"] == g.document.source:
                report.unchanged.append(g.document.source or g.document.id)
            else:
                fresh.append(g)
        return fresh

    def _settle_unknown_years(self, graphs: list[FileGraph]) -> None:
        """A citation whose year could not be told ("33/CT-TTg@?") points at the one dated document
        of that number and issuer the graph holds, when there is exactly one."""
        unknown = {e.cited for g in graphs for e in g.citations if e.cited.endswith("@?")}
        in_batch = {n.id for g in graphs for n in (g.document, *g.cited)}
        settled: dict[str, str] = {}
        for open_id in unknown:
            prefix = open_id[:-1]
            found = {r["id"] for r in self._rows("MATCH (d:Document) WHERE d.id STARTS WITH $prefix RETURN d.id AS id",
                                                 {"prefix": prefix})}
            found = (found | {i for i in in_batch if i.startswith(prefix)}) - {open_id}
            if len(found) == 1:
                settled[open_id] = found.pop()
        if settled:
            repoint(graphs, settled)

    def _write_nodes(self, statement: str, nodes: list[DocumentNode]) -> None:
        rows = [n.to_row() for n in nodes]
        if len(rows) >= self.copy_min_rows:
            existing = {r["id"] for r in self._rows(
                "MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS id", {"ids": [r["id"] for r in rows]})}
            self._copy("Document", [[r[c] for c in _NODE_COLUMNS] for r in rows if r["id"] not in existing])
            rows = [r for r in rows if r["id"] in existing]
        self._run_batches(statement, rows)

    def _write_edges(self, relation: str, rows: list[dict[str, Any]]) -> None:
        if len(rows) >= self.copy_min_rows:
            self._copy(relation, [[r["citing"], r["cited"], *(r[c] for c in _EDGE_COLUMNS), None, None]
                                  for r in rows])
        else:
            self._run_batches(_create_edges(relation), rows)

    def _run_batches(self, statement: str, rows: list[dict[str, Any]], size: int = 5000) -> None:
        for i in range(0, len(rows), size):
            self._conn.execute(statement, {"rows": rows[i:i + size]})

    def _copy(self, table: str, rows: list[list[Any]]) -> None:
        """``COPY FROM`` a CSV file written for it (inside the caller's transaction)."""
        if not rows:
            return
        with tempfile.NamedTemporaryFile("w", suffix=".csv", dir=self.path, encoding="utf-8", newline="",
                                         delete=False) as f:
            writer = csv.writer(f)
            writer.writerows([_csv_value(v) for v in row] for row in rows)
        try:
            self._conn.execute(f"COPY {table} FROM '{f.name}' (header=false, quote='\"', escape='\"', "
                               "parallel=false)")
        finally:
            Path(f.name).unlink(missing_ok=True)

    @contextmanager
    def _transaction(self, *, read_only: bool = False) -> Iterator[None]:
        self._conn.execute("BEGIN TRANSACTION READ ONLY" if read_only else "BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            try:
                self._conn.execute("ROLLBACK")
            except RuntimeError:  # a failed statement has already rolled the transaction back
                pass
            raise
        self._conn.execute("COMMIT")

    # -- reading ----------------------------------------------------------------------------

    def read(self, query: str, params: dict[str, Any] | None = None) -> list[Row]:
        """Run one read-only statement (writes, file access and extensions are refused)."""
        query = check_read_only(query)
        with self._lock, self._transaction(read_only=True):
            return self._rows(query, params or {})

    def stats(self) -> dict[str, Any]:
        with self._lock:
            docs = self._rows("MATCH (d:Document) RETURN count(d) AS n")[0]
            in_corpus = self._rows("MATCH (d:Document) WHERE d.in_corpus RETURN count(d) AS n")[0]["n"]
            edges = {r: self._rows(f"MATCH ()-[e:{r}]->() RETURN count(e) AS n")[0]["n"]
                     for r in CITATION_RELATIONS + REFERENCE_RELATIONS}
        return {"documents": docs["n"], "in_corpus": in_corpus, "edges": edges}

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            self._db.close()

    def _rows(self, query: str, params: dict[str, Any] | None = None) -> list[Row]:
        try:
            result = self._conn.execute(query, params or {})
        except RuntimeError as err:
            raise QueryError(str(err).split("\n")[0]) from err
        assert not isinstance(result, list)  # one statement: check_read_only and our own texts
        columns = result.get_column_names()
        rows = [dict(zip(columns, map(_plain, values), strict=True)) for values in result.get_all()]
        result.close()
        return rows


class QueryError(StoreError):
    """The store refused or failed a query; the message is the engine's first line."""


@contextmanager
def _as_store_error(what: str) -> Iterator[None]:
    """Engine errors as :class:`StoreError`, first line only."""
    try:
        yield
    except (RuntimeError, ValueError, TypeError) as err:  # what the engine and its bindings raise
        if isinstance(err, StoreError):
            raise
        raise StoreError(f"{what}: {str(err).splitlines()[0] if str(err) else type(err).__name__}") from err


def _plain(value: Any) -> Any:
    """Nodes, relationships and paths as plain dicts and lists, without engine-internal keys."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        if "_nodes" in value:
            return {"nodes": _plain(value["_nodes"]), "relationships": _plain(value["_rels"])}
        out = {k: _plain(v) for k, v in value.items() if not k.startswith("_")}
        if "_LABEL" in value and "_SRC" in value:
            out["type"] = value["_LABEL"]
        return out
    return value


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _last_per_document(graphs: Sequence[FileGraph], report: IngestReport) -> list[FileGraph]:
    """One graph per document: two files that are the same document (one plan as .docx and .pdf)
    count once, the later one read."""
    last = {g.document.id: g for g in graphs}
    for g in graphs:
        if last[g.document.id] is not g:
            report.duplicates.append((g.document.source or "", last[g.document.id].document.source or ""))
    return list(last.values())


def _merge_nodes(nodes: Any) -> dict[str, DocumentNode]:
    """One node per id: later nodes fill what earlier ones left empty."""
    merged: dict[str, DocumentNode] = {}
    for node in nodes:
        first = merged.setdefault(node.id, node)
        if first is not node:
            for name in _NODE_COLUMNS:
                if getattr(first, name) is None:
                    setattr(first, name, getattr(node, name))
    return merged


def _reference_digest() -> str:
    """A fingerprint of the shipped reference data: the store reloads it when it changes."""
    from importlib.resources import files

    folder = files("luocdo.data") / "reference"
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for name in ("documents.csv", "laws.csv", "relations.csv"):
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:16]
