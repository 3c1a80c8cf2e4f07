"""Cypher, read-only, with a time limit and a row cap; and the named queries of ``queries/``."""

from __future__ import annotations

from fastapi import APIRouter

from luocdo.api.deps import Config, Store, UserQueries
from luocdo.api.models import CypherRequest, CypherResult, Parameter, QueryCall, QueryInfo, Rows
from luocdo.api.problems import Problem
from luocdo.graph.readonly import check_parameters
from luocdo.queries.named import UnknownQuery, named_queries, named_query, run_named

router = APIRouter(tags=["cypher"])


@router.post("/cypher", response_model=CypherResult, summary="Run a read-only Cypher statement")
def cypher(body: CypherRequest, queries: UserQueries, settings: Config) -> CypherResult:
    """One statement; writes, file access, settings and extensions are refused on every backend.
    It runs apart from the server (a worker process on the embedded store), is stopped after the
    server's time limit or memory limit, and at most the row cap of rows come back. When too many
    queries are under way the answer is 503 with Retry-After."""
    rows = queries.read(body.query, check_parameters(body.parameters), timeout_s=settings.cypher_timeout_s,
                        max_rows=settings.cypher_max_rows + 1)
    columns = list(rows[0]) if rows else []
    kept = rows[:settings.cypher_max_rows]
    return CypherResult(columns=columns, rows=[list(r.values()) for r in kept], truncated=len(rows) > len(kept))


@router.get("/queries", response_model=list[QueryInfo], summary="The named queries")
def list_queries() -> list[QueryInfo]:
    return [QueryInfo(name=q.name, description=q.description, example=q.example,
                      parameters=[Parameter(name=p.name, type=p.type, default=p.default, description=p.description)
                                  for p in q.parameters])
            for q in named_queries().values()]


@router.post("/queries/{name}", response_model=Rows, summary="Run a named query")
def run_query(name: str, body: QueryCall, store: Store, settings: Config) -> Rows:
    try:
        query = named_query(name)
    except UnknownQuery:
        raise Problem(404, "Not found", f"no query named {name!r}; GET /queries lists them") from None
    rows = run_named(store, query.name, body.parameters, timeout_s=settings.cypher_timeout_s,
                     max_rows=settings.cypher_max_rows)
    return Rows(items=rows)
