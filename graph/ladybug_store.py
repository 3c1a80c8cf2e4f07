"""The embedded store: LadybugDB (the maintained fork of Kùzu) in a directory.

LadybugDB crashes when two calls run at once on one database, so every call goes through the
store's lock; one process owns a directory (a second one gets a clear :class:`StoreError`).
Writes are one transaction each; large batches go in with ``COPY FROM`` inside that transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ladybug
import pyarrow as pa

from luocdo.graph import writes
from luocdo.graph.cypher_store import CypherStore, reference_digest
from luocdo.graph.errors import QueryError, QueryTimeout, StoreError
from luocdo.graph.model import (
    CITATION_RELATIONS,
    REFERENCE_RELATIONS,
    VALIDITY_RELATIONS,
    CitationEdge,
    FileGraph,
    ReferenceEdge,
)
from luocdo.graph.query_plan import check_plan
from luocdo.graph.store import IngestReport, Row

SCHEMA_VERSION = "4"
_CITATION_COLUMNS = (*writes.EDGE_COLUMNS, "since", "origin")
COPY_MIN_ROWS = 2000  # below this, UNWIND batches beat a COPY (measured with CSV files, before Arrow tables)
QUERY_TIMEOUT_MS = 60_000


def _column_type(column: str) -> str:
    return "INT64" if column in writes.INT_COLUMNS else "BOOLEAN" if column in writes.BOOL_COLUMNS else "STRING"


def _typed(column: str, expr: str) -> str:
    """A value from an UNWIND row, cast so that a batch of nulls keeps the column's type."""
    kind = _column_type(column)
    return expr if kind == "STRING" else f"CAST({expr} AS {kind})"


_SCHEMA = [
    "CREATE NODE TABLE IF NOT EXISTS Meta(key STRING PRIMARY KEY, value STRING)",
    "CREATE NODE TABLE IF NOT EXISTS Document("
    + ", ".join(f"{c} {_column_type(c)}" + (" PRIMARY KEY" if c == "id" else "") for c in writes.NODE_COLUMNS) + ")",
    *(f"CREATE REL TABLE IF NOT EXISTS {r}(FROM Document TO Document, "
      + ", ".join(f"{c} {_column_type(c)}" for c in writes.EDGE_COLUMNS) + ", since STRING, origin STRING)"
      for r in CITATION_RELATIONS),
    *(f"CREATE REL TABLE IF NOT EXISTS {r}(FROM Document TO Document, "
      + ", ".join(f"{c} {_column_type(c)}" for c in writes.VALIDITY_COLUMNS) + ")"
      for r in REFERENCE_RELATIONS),
]
# Schema 3 → 4: the rules that read a file (``extracted_by``); a store without them has every file
# read again by the next ingest, as an upgrade of the rules does.
_RULES_COLUMN = "ALTER TABLE Document ADD IF NOT EXISTS extracted_by STRING"
# Schema 2 → 3: validity facts read in texts (SUSPENDS, and the columns of a fact's evidence) and
# a document's own dates. The files' documents lose their checksum, so the next ingest of the same
# files reads their validity instead of skipping them as unchanged.
_MIGRATIONS = {
    "2": [
        *(f"ALTER TABLE Document ADD IF NOT EXISTS text_{c} STRING" for c in ("effective_from", "effective_to")),
        *(f"ALTER TABLE {r} ADD IF NOT EXISTS {c} {_column_type(c)}"
          for r in ("REPLACES", "AMENDS", "REPEALS") for c in writes.VALIDITY_COLUMNS if c not in ("since", "origin")),
        "MATCH (d:Document) WHERE d.in_corpus = true SET d.sha256 = NULL",
        _RULES_COLUMN,
    ],
    "3": [_RULES_COLUMN],
}


class LadybugStore(CypherStore):
    """The graph in a LadybugDB directory. Safe to share between threads: calls are serialised."""

    dialect = "ladybug"
    statements = writes.WriteStatements(_typed)

    def __init__(self, path: Path, *, read_only: bool = False, copy_min_rows: int = COPY_MIN_ROWS) -> None:
        super().__init__()
        self.path = path
        self.cache_folder = path / "cache"
        self.copy_min_rows = copy_min_rows
        self._bulk = False  # the write under way goes in with COPY FROM
        if read_only and not (path / "graph.lbug").exists():
            raise StoreError(f"{path}: no luocdo store here (run `luocdo ingest … --store {path}` first)")
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path}: not a directory")
        path.mkdir(parents=True, exist_ok=True)
        try:
            self._db = _open_database(path / "graph.lbug", read_only)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as err:
            if "lock" in str(err).lower():
                raise StoreError(f"{path}: the store is open in another process (an API server?); "
                                 "stop it, or send the files through its API") from err
            raise StoreError(f"{path}: cannot open the store: {err}") from err
        self._conn.set_query_timeout(QUERY_TIMEOUT_MS)
        if not read_only:
            self._prepare()

    def _prepare(self) -> None:
        """Create the schema, and load the shipped reference data when it changed."""
        with self._lock:
            version = self._meta("schema_version") if self._has_meta() else None
            for statement in _MIGRATIONS.get(version or "", []):
                self._execute(statement)
            for statement in _SCHEMA:
                self._execute(statement)
            if version not in (None, SCHEMA_VERSION, *_MIGRATIONS):
                raise StoreError(f"{self.path}: store written by another luocdo version (schema {version})")
            self._execute("MERGE (m:Meta {key: 'schema_version'}) SET m.value = $v", {"v": SCHEMA_VERSION})
            self._refresh_reference(reference_digest(salt=SCHEMA_VERSION))

    def _has_meta(self) -> bool:
        return bool(self._execute("CALL show_tables() WHERE name = 'Meta' RETURN name"))

    def _meta(self, key: str) -> str | None:
        rows = self._execute("MATCH (m:Meta {key: $key}) RETURN m.value AS value", {"key": key})
        return rows[0]["value"] if rows else None

    # -- the backend hooks --------------------------------------------------------------------

    def _execute(self, statement: str, params: dict[str, Any] | None = None, *,
                 max_rows: int | None = None) -> list[Row]:
        try:
            result = self._conn.execute(statement, params or {})
        except RuntimeError as err:
            message = str(err).split("\n")[0]
            if "interrupted" in message.lower():
                raise QueryTimeout(f"the query ran past its time limit and was stopped ({message})") from err
            raise QueryError(message) from err
        assert not isinstance(result, list)  # one statement: check_read_only and our own texts
        columns = result.get_column_names()
        nested = [i for i, kind in enumerate(result.get_column_data_types()) if _is_nested(kind)]
        values: list[list[Any]] = result.get_all() if max_rows is None else result.get_n(max_rows)  # type: ignore[assignment]
        result.close()
        for row in values if nested else ():  # scalars come out plain: only nested values need _plain
            for i in nested:
                row[i] = _plain(row[i])
        return [dict(zip(columns, row, strict=True)) for row in values]

    @contextmanager
    def _transaction(self, *, read_only: bool = False, timeout_s: float | None = None) -> Iterator[None]:
        if timeout_s is not None:
            self._conn.set_query_timeout(max(1, int(timeout_s * 1000)))
        self._conn.execute("BEGIN TRANSACTION READ ONLY" if read_only else "BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            try:
                self._conn.execute("ROLLBACK")
            except RuntimeError:  # a failed statement has already rolled the transaction back
                pass
            raise
        finally:
            if timeout_s is not None:
                self._conn.set_query_timeout(QUERY_TIMEOUT_MS)
        self._conn.execute("COMMIT")

    def _check_plan(self, query: str, params: dict[str, Any]) -> None:
        """LadybugDB's ``EXPLAIN`` of the query, refused unless every operator only reads."""
        with self._lock:
            plan = self._execute("EXPLAIN " + query, params)
        check_plan(str(next(iter(plan[0].values()))) if plan else "")

    def query(self, statement: str, params: dict[str, Any] | None = None, *, timeout_s: float | None = None,
              max_rows: int | None = None) -> list[Row]:
        """As :meth:`CypherStore.query`, without a transaction around it: one statement of luocdo's
        own is a transaction already, and lookups are the API's hot path."""
        if timeout_s is not None:
            return super().query(statement, params, timeout_s=timeout_s, max_rows=max_rows)
        with self._lock:
            return self._execute(statement, params or {}, max_rows=max_rows)

    @contextmanager
    def deferred_checkpoints(self) -> Iterator[None]:
        """No automatic checkpoint until the block ends, then one. A commit after a ``COPY FROM``
        checkpoints the whole store (0.5–1.3 s a batch on the corpus, growing with the store); a
        committed transaction is durable in the write-ahead log whether or not it was
        checkpointed, so putting it off does not change what a crash leaves."""
        with self._lock:
            self._conn.execute("CALL auto_checkpoint=false")
        try:
            yield
        finally:
            with self._lock:
                for statement in ("CHECKPOINT", "CALL auto_checkpoint=true"):
                    try:
                        self._conn.execute(statement)
                    except RuntimeError:  # the log holds every commit (the next open folds it in); an
                        pass  # error that stopped the writes is the one to report, not this one

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            self._db.close()

    # -- bulk writes: COPY FROM ---------------------------------------------------------------

    def ingest(self, graphs: Sequence[FileGraph]) -> IngestReport:
        """As :meth:`CypherStore.ingest`; a large batch goes in with ``COPY FROM``, all of it: a
        relationship COPY cannot see nodes that a MERGE created earlier in the same transaction."""
        rows = sum(len(g.citations) + len(g.cited) + 1 for g in graphs)
        self._bulk = rows >= self.copy_min_rows
        try:
            return super().ingest(graphs)
        finally:
            self._bulk = False

    def _write_nodes(self, statement: str, rows: list[dict[str, Any]], stored: set[str] | None = None) -> None:
        if self._bulk and rows:
            existing = stored if stored is not None else \
                {r["id"] for r in self._run_batches(writes.EXISTING_IDS, [{"id": r["id"]} for r in rows])}
            new = [r for r in rows if r["id"] not in existing]
            self._copy("Document", writes.NODE_COLUMNS, lambda c: [r[c] for r in new])
            rows = [r for r in rows if r["id"] in existing]
        self._run_batches(statement, rows)

    def _write_citations(self, relation: str, edges: list[CitationEdge]) -> None:
        if not self._bulk:
            super()._write_citations(relation, edges)
            return
        # since, origin: a citation has neither
        self._copy(relation, _CITATION_COLUMNS, _attributes(edges), ("citing", "cited"))

    def _write_text_facts(self, edges: list[ReferenceEdge]) -> None:
        if not self._bulk:
            super()._write_text_facts(edges)
            return
        for relation in sorted({e.relation for e in edges}):
            if relation not in VALIDITY_RELATIONS:
                raise ValueError(f"not a validity relation: {relation!r}")
            facts = [e for e in edges if e.relation == relation]
            self._copy(relation, writes.VALIDITY_COLUMNS, _attributes(facts), ("source", "target"))

    def _write_edges(self, relation: str, rows: list[dict[str, Any]]) -> None:
        if self._bulk:
            self._copy(relation, _CITATION_COLUMNS, lambda c: [r.get(c) for r in rows], ("citing", "cited"))
        else:
            super()._write_edges(relation, rows)

    def _copy(self, table: str, columns: Sequence[str], values: Callable[[str], list[Any]],
              ends: tuple[str, str] | tuple[()] = ()) -> None:
        """``COPY FROM`` an Arrow table (inside the caller's transaction) whose column ``c`` holds
        ``values(c)``; ``None`` or ``""`` is NULL. A relationship's two ends come first, from
        ``ends``; the other columns are named in the COPY, in order: a migrated table holds its
        added columns last, whatever their place in the model. (Arrow, not a CSV file: the engine
        reads its columns without parsing text, half the time for 100,000 citations with their
        sentences; built a column at a time, as Python lists the rows never exist whole.)"""
        table_rows = pa.table({name: _arrow_column(name, values(name)) for name in (*ends, *columns)})
        if not table_rows.num_rows:
            return
        column_list = ", ".join(columns)  # the model's own column names (graph/writes.py)
        self._execute(f"COPY {table}({column_list}) FROM $rows", {"rows": table_rows})


def _attributes(items: Sequence[Any]) -> Callable[[str], list[Any]]:
    """The values of one attribute of ``items``, by its name (``None`` where they have none)."""
    return lambda name: [getattr(item, name, None) for item in items]


def _arrow_column(name: str, values: Sequence[Any]) -> pa.Array:
    """One column for ``COPY FROM``, of the store's type for it (a column of nulls keeps it). Made
    with the system allocator, which gives the memory back once the column is let go (Arrow's own
    pool kept ~70 MB after 100,000 sentences)."""
    kind = _column_type(name)
    pool = pa.system_memory_pool()
    if kind == "INT64":
        return pa.array(values, type=pa.int64(), memory_pool=pool)
    if kind == "BOOLEAN":
        return pa.array(values, type=pa.bool_(), memory_pool=pool)
    return pa.array([None if v == "" else v for v in values], type=pa.string(), memory_pool=pool)


def _open_database(file: Path, read_only: bool) -> ladybug.Database:
    """The database; opened read-only after a crash mid-checkpoint, it first completes the
    recovery with a brief read-write open (which fails with a lock error, as any second writer
    does, when another process holds the store)."""
    try:
        return ladybug.Database(str(file), read_only=read_only)
    except RuntimeError as err:
        if not read_only or "recovery is pending" not in str(err):
            raise
    ladybug.Database(str(file)).close()
    return ladybug.Database(str(file), read_only=True)


def _is_nested(kind: str) -> bool:
    """Whether a column of this LadybugDB type holds nodes, relationships, paths, lists or structs."""
    return kind in ("NODE", "REL", "RECURSIVE_REL") or kind.endswith("]") or kind.startswith(("STRUCT", "MAP", "UNION"))


def _plain(value: Any) -> Any:
    """Nodes, relationships and paths as plain dicts and lists, without engine-internal keys
    (a STRUCT value of a query would lose its null fields too; luocdo's queries return none)."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        if "_nodes" in value:
            return {"nodes": _plain(value["_nodes"]), "relationships": _plain(value["_rels"])}
        # Unset properties are left out, as Neo4j leaves them out; so is the internal search text.
        if any(not isinstance(k, str) for k in value):
            raise QueryError("a map whose keys are not text cannot be answered as JSON")
        out = {k: _plain(v) for k, v in value.items() if not k.startswith("_") and v is not None and k != "search"}
        if "_LABEL" in value and "_SRC" in value:
            out["type"] = value["_LABEL"]
        return out
    return value
