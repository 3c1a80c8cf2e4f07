"""Request bodies bounded before anything reads them, and writes refused before their body is read.

A pure ASGI middleware, outermost: a body larger than its route's cap is refused from its
``Content-Length`` at once, or, sent without one, as soon as the bytes received pass the cap; a
write without the right token is refused from its headers, so a large upload never reaches a
parser, a spool file or /tmp. The handlers behind it only ever see bodies within the caps.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from fastapi.exceptions import HTTPException

from luocdo.api.problems import PROBLEM
from luocdo.api.settings import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass(frozen=True)
class BodyLimits:
    """The largest body each kind of request may send, and the routes that write."""

    json_bytes: int  # every request but uploads
    upload_bytes: int  # POST /documents and /extract: multipart files
    token: str | None  # None: writes are disabled
    upload_paths: tuple[str, ...] = ("/documents", "/extract")
    write_paths: tuple[str, ...] = ("/documents",)

    @classmethod
    def of(cls, settings: Settings) -> BodyLimits:
        upload = min(settings.upload_max_request_bytes, settings.upload_max_bytes * settings.upload_max_files)
        return cls(json_bytes=settings.body_max_bytes, upload_bytes=upload + (1 << 20), token=settings.token)

    def cap(self, path: str) -> int:
        return self.upload_bytes if path.rstrip("/") in self.upload_paths else self.json_bytes


class BodyTooLarge(HTTPException):
    """The body passed its cap while it was being received (an HTTP error, so that body parsers
    pass it on as it is and the problem handlers answer 413)."""

    def __init__(self, cap: int) -> None:
        super().__init__(413, f"request bodies here are at most {cap} bytes")


class LimitBodies:
    """The middleware: see the module's text."""

    def __init__(self, app: ASGIApp, limits: Callable[[], BodyLimits]) -> None:
        self.app = app
        self.limits = limits  # read at request time: the settings live on the running app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limits = self.limits()
        path = scope["path"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if scope["method"] == "POST" and path.rstrip("/") in limits.write_paths:
            refusal = token_refusal(limits.token, headers.get("authorization"))
            if refusal:
                await _problem(send, *refusal, path)
                return
        cap = limits.cap(path)
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > cap):
            await _problem(send, 413, "Content too large", f"request bodies here are at most {cap} bytes", path)
            return
        received = 0
        started = False

        async def bounded_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    raise BodyTooLarge(cap)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, bounded_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _problem(send, 413, "Content too large", f"request bodies here are at most {cap} bytes", path)


def token_refusal(token: str | None, authorization: str | None) -> tuple[int, str, str] | None:
    """Why a write with this ``Authorization`` header is refused (status, title, detail), or None.
    The token is compared in constant time."""
    if not token:
        return 403, "Writes disabled", "this server has no LUOCDO_API_TOKEN: it accepts no writes"
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        return 401, "Unauthorized", "send Authorization: Bearer <token> to write"
    return None


async def _problem(send: Send, status: int, title: str, detail: str, path: str) -> None:
    body = json.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail,
                       "instance": path}).encode()
    headers = [(b"content-type", PROBLEM.encode()), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close")]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
