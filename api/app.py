"""The REST API: one router per resource, the store opened for the server's life.

``create_app(store)`` serves a store already open (tests, embedding); ``luocdo serve`` builds one
from its options. LadybugDB allows one call at a time: the store serialises every call, and the
server runs one worker.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from luocdo.api import problems
from luocdo.api.limits import BodyLimits, LimitBodies
from luocdo.api.network import vis_folder
from luocdo.api.routers import audit, cypher, docs, documents, export, health, ingest, pages, resolve
from luocdo.api.routers.docs import ASSETS
from luocdo.api.settings import Settings, load_settings
from luocdo.graph.store import GraphStore

DESCRIPTION = """The legal-citation graph of Vietnamese legal and administrative documents.

Documents are found by canonical id (`10/2022/QH15`, `191/KH-UBND@ubnd-ha-tinh@2022`); their
citations keep the words, span and sentence they came from. Reads are open; writes (`POST
/documents`) need `Authorization: Bearer <LUOCDO_API_TOKEN>`. Errors are `application/problem+json`."""


def create_app(open_store: Callable[[], GraphStore], settings: Settings | None = None) -> FastAPI:
    """The application; ``open_store`` is called once at start-up, the store closed at shut-down."""

    settings = settings or load_settings()  # a bad variable raises SettingsError, naming it

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = open_store()
        app.state.settings = settings
        try:
            yield
        finally:
            for workers in ("user_queries", "extractor"):  # user Cypher's and /extract's processes
                if getattr(app.state, workers, None) is not None:
                    getattr(app.state, workers).close()
            app.state.store.close()

    problem_codes = (400, 401, 403, 404, 408, 413, 415, 422, 429, 503)
    app = FastAPI(title="luocdo", version="0.1.0", description=DESCRIPTION, lifespan=lifespan, docs_url=None,
                  redoc_url=None, responses={code: problems.PROBLEM_SCHEMA for code in problem_codes})
    problems.install(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(LimitBodies, limits=lambda: BodyLimits.of(app.state.settings))
    if settings.allowed_hosts:  # outermost: a request for another host name is answered 400
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    for module in (health, documents, ingest, resolve, audit, cypher, export, pages, docs):
        app.include_router(module.router)
    app.mount(ASSETS, StaticFiles(directory=str(files("fastapi_offline") / "static")), name="docs-assets")
    app.mount("/static/vis", StaticFiles(directory=vis_folder()), name="vis")
    app.mount("/static", StaticFiles(directory=str(files("luocdo.api") / "static")), name="static")
    return app


# Pages load only luocdo's own scripts and styles; vis-network sets element styles inline.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


class SecurityHeaders:
    """Headers that keep pages from being framed, sniffed or made to load anything foreign (pure
    ASGI: the body limits' errors pass through it as they are)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                if headers.get("content-type", "").startswith("text/html"):  # /docs and /redoc set their own
                    headers.setdefault("Content-Security-Policy", _CSP)
                    headers.setdefault("X-Frame-Options", "DENY")
            await send(message)

        await self.app(scope, receive, with_headers)
