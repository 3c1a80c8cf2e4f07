"""Errors as ``application/problem+json`` (RFC 9457): a status, a title and a human message."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from luocdo.graph.errors import QueryBusy, QueryError, QueryRejected, QueryTimeout, QueryTooLarge, StoreError
from luocdo.queries.named import QueryParameterError, UnknownDocument

PROBLEM = "application/problem+json"
log = logging.getLogger("luocdo.api")
PROBLEM_SCHEMA: dict[str, Any] = {
    "content": {PROBLEM: {"schema": {
        "type": "object",
        "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                       "detail": {"type": "string"}, "instance": {"type": "string"}},
        "required": ["title", "status"],
    }}},
    "description": "A problem (RFC 9457)",
}


class Problem(Exception):
    """Raised by handlers: becomes a problem response."""

    def __init__(self, status: int, title: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra


def problem(status: int, title: str, detail: str, request: Request | None = None, **extra: Any) -> JSONResponse:
    """A problem response; ``retry_after`` (seconds), when given, is the Retry-After header."""
    retry_after = extra.pop("retry_after", None)
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    if request is not None:
        body["instance"] = request.url.path
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers or None)


def install(app: FastAPI) -> None:
    """Map every error the API can meet to a problem response."""

    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem(exc.status, exc.title, exc.detail, request, **exc.extra)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem(exc.status_code, _TITLES.get(exc.status_code, "Error"), str(exc.detail), request)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()]
        return problem(422, "Invalid request", "; ".join(errors), request)

    @app.exception_handler(UnknownDocument)
    async def _unknown(request: Request, exc: UnknownDocument) -> JSONResponse:
        return problem(404, "Not found", str(exc), request, suggestions=exc.suggestions)

    for error, (status, title, retry_after) in _ERRORS.items():
        app.add_exception_handler(error, _handler(status, title, retry_after))

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        # A bug: logged with its trace on the server, never sent to the client.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(500, "Internal error", "the server failed on this request; it has been logged", request)


# The errors of queries and stores: status, title and, for a busy server, when to try again.
# Handlers are found by the error's class first, so a subclass here wins over its base.
_ERRORS: dict[type[Exception], tuple[int, str, int | None]] = {
    QueryRejected: (400, "Query refused", None),
    QueryParameterError: (400, "Bad parameter", None),
    QueryBusy: (503, "Too many queries", 2),
    QueryTooLarge: (413, "Query too large", None),
    QueryTimeout: (408, "Query timed out", None),
    QueryError: (400, "Query failed", None),
    StoreError: (503, "Store unavailable", None),
}


Handler = Callable[[Request, Exception], Awaitable[JSONResponse]]


def _handler(status: int, title: str, retry_after: int | None) -> Handler:
    async def handle(request: Request, exc: Exception) -> JSONResponse:
        return problem(status, title, str(exc), request, retry_after=retry_after)

    return handle


_TITLES = {400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
           413: "Content too large", 415: "Unsupported media type", 422: "Invalid request"}
