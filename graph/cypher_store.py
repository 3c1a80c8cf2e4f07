"""What every Cypher store does the same way: how files, reference facts and reads go in and out.

A backend says how to run one statement and how to open a transaction; this class holds the
rules: one transaction per write, unchanged files skipped, a re-read file's own edges replaced,
citations of an unknown year joined to the one dated document, user queries read-only.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import fields
from importlib.resources import files
from pathlib import Path
from typing import Any

from luocdo.graph import writes
from luocdo.graph.errors import StoreError
from luocdo.graph.model import (
    CITATION_RELATIONS,
    REFERENCE_RELATIONS,
    VALIDITY_RELATIONS,
    CitationEdge,
    DocumentNode,
    FileGraph,
    ReferenceEdge,
    with_search,
)
from luocdo.graph.readonly import check_read_only
from luocdo.graph.store import IngestReport, Row


class CypherStore:
    """Base of the LadybugDB and Neo4j stores. Calls are serialised: one at a time per store."""

    dialect = "cypher"
    cache_folder: Path | None = None  # where caches of this store's graph may be kept (none on a server)
    batch_rows = 5000
    statements = writes.WriteStatements()

    def __init__(self) -> None:
        self._lock = threading.RLock()

    # -- what a backend provides --------------------------------------------------------------

    def _execute(self, statement: str, params: dict[str, Any] | None = None, *,
                 max_rows: int | None = None) -> list[Row]:
        """Run one statement (inside the open transaction, if any); at most ``max_rows`` rows, as plain dicts."""
        raise NotImplementedError

    def _transaction(self, *, read_only: bool = False, timeout_s: float | None = None) -> AbstractContextManager[None]:
        """Open a transaction for the calls inside, stopped after ``timeout_s``; commit on success,
        roll back on error."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # -- writing ------------------------------------------------------------------------------

    def ingest(self, graphs: Sequence[FileGraph]) -> IngestReport:
        """Write these files' graphs in one transaction; files already stored unchanged are skipped."""
        report = IngestReport()
        with self._lock, self._transaction(), _as_store_error("cannot write"):
            fresh, stored = self._changed(_last_per_document(graphs, report), report)
            if not fresh:
                return report
            self._settle_unknown_years(fresh)
            # What a file gave before goes; a document the store does not hold gave nothing.
            ids = [{"id": g.document.id} for g in fresh if g.document.id in stored]
            self._run_batches(writes.DELETE_OUTGOING, ids)
            self._run_batches(writes.DELETE_TEXT_FACTS, ids)
            self._release_renumbered(fresh)
            own = {g.document.id for g in fresh}
            cited = merge_nodes(node for g in fresh for node in g.cited)
            # The search text of a cited document only for the rows written (most are known already).
            rows, stored = self._filling_gaps([n.properties() for i, n in cited.items() if i not in own])
            self._write_nodes(self.statements.upsert_cited_nodes, [with_search(r) for r in rows], stored)
            self._write_nodes(self.statements.upsert_file_nodes, [g.document.to_row() for g in fresh])
            for relation in CITATION_RELATIONS:
                self._write_citations(relation, [e for g in fresh for e in g.citations if e.relation == relation])
            self._write_text_facts([e for g in fresh for e in g.validity])
            self._new_state()
            for g in fresh:
                report.written.append(g.document.source or g.document.id)
                report.citations += len(g.citations)
                report.unresolved += g.unresolved
        return report

    @contextmanager
    def deferred_checkpoints(self) -> Iterator[None]:
        """Many write transactions in a row: a backend may put its housekeeping off until the
        last one (the default has none to put off)."""
        yield

    def load_reference(self, documents: Sequence[DocumentNode], edges: Sequence[ReferenceEdge]) -> None:
        """Add or update reference facts in one transaction; edges name documents by id."""
        with self._lock, self._transaction(), _as_store_error("cannot load reference data"):
            self._new_state()
            nodes = merge_nodes(documents)
            # An edge may name a document the data does not describe: known only by its id, it
            # must not overwrite what the graph already knows of it.
            ends = {end for e in edges for end in (e.source, e.target)} - set(nodes)
            # (An unnumbered document's id is no number: facts read in texts may name one.)
            stubs = [DocumentNode(id=end, number=None if end.startswith("file:") else end.split("@")[0])
                     for end in sorted(ends)]
            self._run_batches(self.statements.upsert_reference_nodes, [n.to_row() for n in nodes.values()])
            self._run_batches(self.statements.upsert_cited_nodes, [n.to_row() for n in stubs])
            # Facts read in texts (a push copies them) replace what their document said before.
            self._run_batches(writes.DELETE_TEXT_FACTS, [{"id": o} for o in sorted({e.origin for e in edges
                                                                                      if e.from_text})])
            self._write_text_facts([e for e in edges if e.from_text])
            for relation in sorted({e.relation for e in edges if not e.from_text}):
                rows = [e.to_row() for e in edges if e.relation == relation and not e.from_text]
                merge = self.statements.merge_validity_facts if relation in VALIDITY_RELATIONS \
                    else self.statements.merge_reference_edges
                self._run_batches(merge(relation), rows)

    def copy_nodes(self, rows: list[Row]) -> None:
        """Nodes copied from another store, exactly as they are there, in one transaction."""
        with self._lock, self._transaction(), _as_store_error("cannot write"):
            self._new_state()
            self._run_batches(self.statements.replace_nodes, rows)

    def copy_citations(self, citing: list[str], rows: list[Row]) -> None:
        """The citations of these documents, replaced by ``rows`` (edge rows with ``relation``), in one transaction."""
        with self._lock, self._transaction(), _as_store_error("cannot write"):
            self._new_state()
            self._run_batches(writes.DELETE_OUTGOING, [{"id": i} for i in citing])
            for relation in CITATION_RELATIONS:
                self._write_edges(relation, [r for r in rows if r["relation"] == relation])

    def state(self) -> str:
        """A token that changes whenever the graph is written: what a cache of it is keyed by."""
        with self._lock:
            rows = self._execute(writes.READ_META, {"key": "state"})
        return str(rows[0]["value"]) if rows and rows[0]["value"] else "empty"

    def _new_state(self) -> None:
        """Inside a write: the graph changes, so does its state token."""
        self._execute(writes.WRITE_META, {"key": "state", "value": uuid.uuid4().hex})

    def _refresh_reference(self, digest: str) -> None:
        """Load the shipped reference data when it changed since this store last loaded it
        (``digest``: :func:`reference_digest`)."""
        rows = self._execute(writes.READ_META, {"key": "reference_digest"})
        if rows and rows[0]["value"] == digest:
            return
        from luocdo.graph.reference import reference_graph  # only when the data changed

        ref = reference_graph()
        self.load_reference(ref.documents, ref.edges)
        self._execute(writes.WRITE_META, {"key": "reference_digest", "value": digest})

    def _changed(self, graphs: list[FileGraph], report: IngestReport) -> tuple[list[FileGraph], set[str]]:
        """The graphs whose file is not already stored with the same content, whole, read by the
        same rules; and the ids of their documents the store holds (as read from a file or cited)."""
        known = {r["id"]: r for r in self._run_batches(writes.KNOWN_FILES, [{"id": g.document.id} for g in graphs])}
        fresh = []
        for g in graphs:
            row = known.get(g.document.id)
            if row and row["in_corpus"] and g.document.sha256 and row["sha256"] == g.document.sha256 \
                    and row["source"] == g.document.source and row["stored"] == (row["expected"] or 0) \
                    and row["extracted_by"] == g.document.extracted_by:
                report.unchanged.append(g.document.source or g.document.id)
            else:
                fresh.append(g)
        return fresh, set(known)

    def _release_renumbered(self, graphs: list[FileGraph]) -> None:
        """A file now read as another document (its number was edited): what its old node said goes.
        One lookup by source finds such files (rarely any), so the deletions run only for them."""
        sources = [{"id": g.document.id, "source": g.document.source} for g in graphs if g.document.source]
        now = {row["source"]: row["id"] for row in sources}
        renumbered = {r["source"] for batch in self._batches(sources)
                      for r in self._execute(writes.DOCUMENTS_OF_SOURCES, {"sources": [row["source"] for row in batch]})
                      if r["id"] != now[r["source"]]}
        if renumbered:
            moved = [row for row in sources if row["source"] in renumbered]
            for statement in (writes.DELETE_OLD_OUTGOING, writes.DELETE_OLD_TEXT_FACTS, writes.DELETE_OLD_ALONE,
                              writes.RELEASE_OLD):
                self._run_batches(statement, moved)

    def _settle_unknown_years(self, graphs: list[FileGraph]) -> None:
        """A citation whose year could not be told ("33/CT-TTg@?") points at the one dated document
        of that number and issuer the graph holds, when there is exactly one."""
        unknown = sorted({e.cited for g in graphs for e in g.citations if e.cited.endswith("@?")})
        in_batch = {n.id for g in graphs for n in (g.document, *g.cited)}
        stored: dict[str, set[str]] = {}
        for r in self._run_batches(writes.IDS_STARTING, [{"prefix": open_id[:-1]} for open_id in unknown]):
            stored.setdefault(r["prefix"], set()).add(r["id"])
        settled: dict[str, str] = {}
        for open_id in unknown:
            prefix = open_id[:-1]
            found = (stored.get(prefix, set()) | {i for i in in_batch if i.startswith(prefix)}) - {open_id}
            if len(found) == 1:
                settled[open_id] = found.pop()
        if settled:
            from luocdo.graph.build import repoint  # the extraction side loads only for writes

            repoint(graphs, settled)

    def _filling_gaps(self, rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], set[str]]:
        """The rows of cited documents that add something: new documents, and known ones with a value
        where the store has none (a cited document's row only fills gaps; a law cited by every file
        would otherwise be written again by each batch); and the ids of those the store holds."""
        stored = {r["id"]: r for r in self._run_batches(writes.STORED_NODES, [{"id": r["id"]} for r in rows])}
        return [r for r in rows if r["id"] not in stored or _fills_a_gap(r, stored[r["id"]])], set(stored)

    def _write_nodes(self, statement: str, rows: list[dict[str, Any]], stored: set[str] | None = None) -> None:
        """Write node rows; ``stored``: the ids among them the store holds, when the caller knows."""
        self._run_batches(statement, rows)

    def _write_text_facts(self, edges: list[ReferenceEdge]) -> None:
        for relation in sorted({e.relation for e in edges}):
            self._run_batches(self.statements.create_text_facts(relation),
                              [e.to_row() for e in edges if e.relation == relation])

    def _write_citations(self, relation: str, edges: list[CitationEdge]) -> None:
        self._write_edges(relation, [e.to_row() for e in edges])

    def _write_edges(self, relation: str, rows: list[dict[str, Any]]) -> None:
        self._run_batches(self.statements.create_citations(relation), rows)

    def _run_batches(self, statement: str, rows: list[dict[str, Any]]) -> list[Row]:
        """Run a ``$rows`` statement over ``rows`` in batches the backend accepts; the rows it returns."""
        out: list[Row] = []
        for batch in self._batches(rows):
            out += self._execute(statement, {"rows": batch})
        return out

    def _batches(self, rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
        for i in range(0, len(rows), self.batch_rows):
            yield rows[i:i + self.batch_rows]

    # -- reading ------------------------------------------------------------------------------

    def read(self, query: str, params: dict[str, Any] | None = None, *, timeout_s: float | None = None,
             max_rows: int | None = None) -> list[Row]:
        """Run one read-only statement (writes, file access and extensions are refused), stopped
        after ``timeout_s``; at most ``max_rows`` rows are fetched."""
        query = check_read_only(query)
        self._check_plan(query, params or {})
        with self._lock, self._transaction(read_only=True, timeout_s=timeout_s):
            return self._execute(query, params or {}, max_rows=max_rows)

    def _check_plan(self, query: str, params: dict[str, Any]) -> None:
        """A backend that can show the engine's own plan of a user query refuses it here when the
        plan would do more than read; the default has no plan to show."""

    def query(self, statement: str, params: dict[str, Any] | None = None, *, timeout_s: float | None = None,
              max_rows: int | None = None) -> list[Row]:
        """Run one of luocdo's own read statements (named queries, lookups): trusted text, not
        guarded; user text goes through :meth:`read`."""
        with self._lock, self._transaction(read_only=True, timeout_s=timeout_s):
            return self._execute(statement, params or {}, max_rows=max_rows)

    def stats(self) -> dict[str, Any]:
        """``{"documents": n, "in_corpus": n, "edges": {"IMPLEMENTS": n, …}}``."""
        with self._lock, self._transaction(read_only=True):
            documents = self._execute(writes.COUNT_DOCUMENTS)[0]["n"]
            in_corpus = self._execute(writes.COUNT_IN_CORPUS)[0]["n"]
            edges = {r: self._execute(writes.count_edges(r))[0]["n"] for r in CITATION_RELATIONS + REFERENCE_RELATIONS}
        return {"documents": documents, "in_corpus": in_corpus, "edges": edges}


@contextmanager
def _as_store_error(what: str) -> Iterator[None]:
    """Engine errors as :class:`StoreError`, first line only."""
    try:
        yield
    except StoreError:
        raise
    except (RuntimeError, ValueError, TypeError) as err:  # what the engines and their bindings raise
        first = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise StoreError(f"{what}: {first}") from err


def _last_per_document(graphs: Sequence[FileGraph], report: IngestReport) -> list[FileGraph]:
    """One graph per document: two files that are the same document (one plan as .docx and .pdf)
    count once, the later one read."""
    last = {g.document.id: g for g in graphs}
    for g in graphs:
        if last[g.document.id] is not g:
            report.duplicates.append((g.document.source or "", last[g.document.id].document.source or ""))
    return list(last.values())


def _fills_a_gap(row: dict[str, Any], stored: dict[str, Any]) -> bool:
    return any(value is not None and stored.get(column) is None for column, value in row.items())


def merge_nodes(nodes: Iterable[DocumentNode]) -> dict[str, DocumentNode]:
    """One node per id: later nodes fill what earlier ones left empty."""
    merged: dict[str, DocumentNode] = {}
    for node in nodes:
        first = merged.setdefault(node.id, node)
        if first is not node:
            for name in (f.name for f in fields(DocumentNode)):
                if getattr(first, name) is None:
                    setattr(first, name, getattr(node, name))
    return merged


def reference_digest(salt: str = "") -> str:
    """A fingerprint of the shipped reference data (and ``salt``: a backend's schema version),
    stored with it: a store reloads the data when it changes."""
    folder = files("luocdo.data") / "reference"
    digest = hashlib.sha256(salt.encode())
    for name in ("documents.csv", "laws.csv", "relations.csv"):
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:16]
