"""What handlers get from the application: the store, the settings, the caller's right to write."""

from __future__ import annotations

import hmac
import threading
from typing import Annotated

from fastapi import Depends, Header, Request

from luocdo.api.problems import Problem
from luocdo.api.settings import Settings
from luocdo.graph.query_sandbox import BoundedReads, QuerySandbox, SandboxLimits, user_queries
from luocdo.graph.store import GraphStore


def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def require_token(settings: Annotated[Settings, Depends(get_settings)],
                  authorization: Annotated[str | None, Header()] = None) -> None:
    """Writes need ``Authorization: Bearer $LUOCDO_API_TOKEN``; with no token configured, none are allowed."""
    if not settings.token:
        raise Problem(403, "Writes disabled", "this server has no LUOCDO_API_TOKEN: it accepts no writes")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), settings.token.encode()):
        raise Problem(401, "Unauthorized", "send Authorization: Bearer <token> to write")


_user_queries_lock = threading.Lock()


def get_user_queries(request: Request) -> QuerySandbox | BoundedReads:
    """Where user Cypher runs: started on first use, closed with the application."""
    state = request.app.state
    with _user_queries_lock:
        if getattr(state, "user_queries", None) is None:
            settings: Settings = state.settings
            limits = SandboxLimits(workers=settings.cypher_workers, queue=settings.cypher_queue,
                                   memory_mb=settings.cypher_max_mb)
            state.user_queries = user_queries(state.store, limits)
        queries: QuerySandbox | BoundedReads = state.user_queries
    return queries


Store = Annotated[GraphStore, Depends(get_store)]
UserQueries = Annotated[QuerySandbox | BoundedReads, Depends(get_user_queries)]
Config = Annotated[Settings, Depends(get_settings)]
