"""What handlers get from the application: the store, the settings, the caller's right to write."""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import Depends, Header, Request

from luocdo.api.limits import token_refusal
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
    """Writes need ``Authorization: Bearer $LUOCDO_API_TOKEN``; with no token configured, none are
    allowed. (:class:`~luocdo.api.limits.LimitBodies` has refused such requests before their body
    was read; this keeps the rule on the route too.)"""
    if refusal := token_refusal(settings.token, authorization):
        raise Problem(*refusal)


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
