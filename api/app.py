"""The REST API: one router per resource, the store opened for the server's life.

``create_app(store)`` serves a store already open (tests, embedding); ``luocdo serve`` builds one
from its options. LadybugDB allows one call at a time: the store serialises every call, and the
server runs one worker.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from luocdo.api import problems
from luocdo.api.network import vis_folder
from luocdo.api.routers import audit, cypher, documents, export, health, ingest, pages, resolve
from luocdo.api.settings import Settings
from luocdo.graph.store import GraphStore

DESCRIPTION = """The legal-citation graph of Vietnamese legal and administrative documents.

Documents are found by canonical id (`10/2022/QH15`, `191/KH-UBND@ubnd-ha-tinh@2022`); their
citations keep the words, span and sentence they came from. Reads are open; writes (`POST
/documents`) need `Authorization: Bearer <LUOCDO_API_TOKEN>`. Errors are `application/problem+json`."""


def create_app(open_store: Callable[[], GraphStore], settings: Settings | None = None) -> FastAPI:
    """The application; ``open_store`` is called once at start-up, the store closed at shut-down."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = open_store()
        app.state.settings = settings or Settings()
        try:
            yield
        finally:
            if getattr(app.state, "user_queries", None) is not None:
                app.state.user_queries.close()  # user Cypher's worker processes
            app.state.store.close()

    app = FastAPI(title="luocdo", version="0.1.0", description=DESCRIPTION, lifespan=lifespan,
                  responses={code: problems.PROBLEM_SCHEMA for code in (400, 401, 403, 404, 408, 413, 415, 422, 503)})
    problems.install(app)
    app.middleware("http")(security_headers)
    for module in (health, documents, ingest, resolve, audit, cypher, export, pages):
        app.include_router(module.router)
    app.mount("/static/vis", StaticFiles(directory=vis_folder()), name="vis")
    app.mount("/static", StaticFiles(directory=str(files("luocdo.api") / "static")), name="static")
    return app


# Pages load only luocdo's own scripts and styles; vis-network sets element styles inline.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Headers that keep pages from being framed, sniffed or made to load anything foreign."""
    response = await call_next(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if response.headers.get("content-type", "").startswith("text/html") and not request.url.path.startswith("/docs"):
        response.headers.setdefault("Content-Security-Policy", _CSP)
        response.headers.setdefault("X-Frame-Options", "DENY")
    return response
