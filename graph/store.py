"""What every graph store offers, and how to open one.

The store is the graph's source of truth. Two backends implement :class:`GraphStore`: LadybugDB,
embedded in a directory (the default, :mod:`luocdo.graph.ladybug_store`), and Neo4j over Bolt.
Each write is one transaction; user queries run read-only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from luocdo.graph.errors import StoreError
from luocdo.graph.model import DocumentNode, FileGraph, ReferenceEdge

if TYPE_CHECKING:
    from luocdo.graph.neo4j_store import Neo4jSettings

DEFAULT_STORE = Path("luocdo-data")
Row = dict[str, Any]


@dataclass
class IngestReport:
    """What one write did."""

    written: list[str] = field(default_factory=list)  # sources whose graph landed
    unchanged: list[str] = field(default_factory=list)  # sources skipped: same file, already in the store
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (skipped, kept): files of one document
    citations: int = 0
    unresolved: int = 0


class GraphStore(Protocol):
    """A place that holds the graph."""

    dialect: str  # "ladybug" | "neo4j" | "falkordb": picks the variant of a named query

    def ingest(self, graphs: Sequence[FileGraph]) -> IngestReport:
        """Write these files' graphs in one transaction: all of them land, or none."""
        ...

    def load_reference(self, documents: Sequence[DocumentNode], edges: Sequence[ReferenceEdge]) -> None:
        """Add or update reference facts (validity, replacements) in one transaction."""
        ...

    def read(self, query: str, params: dict[str, Any] | None = None, *, timeout_s: float | None = None,
             max_rows: int | None = None) -> list[Row]:
        """Run one read-only Cypher statement, stopped after ``timeout_s``; at most ``max_rows``
        rows, as dicts of plain values."""
        ...

    def query(self, statement: str, params: dict[str, Any] | None = None, *, timeout_s: float | None = None,
              max_rows: int | None = None) -> list[Row]:
        """Run one of luocdo's own read statements (not guarded: never pass user text)."""
        ...

    def stats(self) -> dict[str, Any]:
        """``{"documents": n, "in_corpus": n, "edges": {"IMPLEMENTS": n, …}}``."""
        ...

    def state(self) -> str:
        """A token that changes whenever the graph is written: what a cache of it is keyed by."""
        ...

    def close(self) -> None: ...


def store_path(store: str | Path | None = None) -> Path:
    """The store directory: ``store``, else ``./luocdo-data``."""
    return Path(store or DEFAULT_STORE)


def open_store(store: str | Path | None = None, *, read_only: bool = False, backend: str = "embedded",
               neo4j: Neo4jSettings | None = None) -> GraphStore:
    """Open a store: the embedded one in a directory (created if needed), or a Neo4j server."""
    if backend == "neo4j":
        from luocdo.graph.neo4j_store import NO_SERVER, bolt_store

        if neo4j is None:
            raise StoreError(NO_SERVER)
        return bolt_store(neo4j)
    if backend != "embedded":
        raise StoreError(f"unknown backend {backend!r}: 'embedded' or 'neo4j'")
    from luocdo.graph.ladybug_store import LadybugStore

    return LadybugStore(store_path(store), read_only=read_only)
