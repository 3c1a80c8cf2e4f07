"""FalkorDB behind the Neo4j driver: the stand-in the tests run the Bolt path against.

Its Bolt listener differs from Neo4j in ways production code should not carry (docs/neo4j.md):
it crashes on a statement whose parameters pass ~4 KB, pastes string parameters into the query
unescaped, and has indexes where Neo4j has constraints. :func:`luocdo.graph.neo4j_store.bolt_store`
picks this class when the server is FalkorDB.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from neo4j.exceptions import Neo4jError

from luocdo.graph.neo4j_store import Neo4jStore

MAX_PARAM_BYTES = 3000
MAX_ROWS = 50


class FalkorDBStore(Neo4jStore):
    """The graph on a FalkorDB server, through the Neo4j driver."""

    dialect = "falkordb"

    def _create_schema(self) -> None:
        """Indexes on ``Document.id`` and ``Meta.key`` (FalkorDB has no uniqueness constraints)."""
        for label, key in (("Document", "id"), ("Meta", "key")):
            try:
                self._run_now(f"CREATE INDEX FOR (n:{label}) ON (n.{key})")
            except Neo4jError:
                pass  # FalkorDB answers an error when the index exists already

    def _batches(self, rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
        """Batches under the listener's parameter limit; a row too long alone is shortened."""
        batch: list[dict[str, Any]] = []
        size, most = 0, min(self.batch_rows, MAX_ROWS)
        for row in rows:
            row_size = len(json.dumps(row, ensure_ascii=False).encode())
            if batch and (size + row_size > MAX_PARAM_BYTES or len(batch) >= most):
                yield batch
                batch, size = [], 0
            batch.append(_fit(row) if row_size > MAX_PARAM_BYTES else row)
            size += row_size
        if batch:
            yield batch

    def _parameters(self, params: dict[str, Any]) -> dict[str, Any]:
        """Quotes and backslashes replaced by look-alikes: the listener pastes string parameters
        into the query unescaped, so a quote in a value would break the query (or change it)."""
        replaced: dict[str, Any] = _replace_quotes(params)
        return replaced


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
