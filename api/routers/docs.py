"""The interactive API documentation (Swagger UI at /docs, ReDoc at /redoc), served offline.

FastAPI's own pages load their scripts from a CDN: blank without the internet, and no CSP
possible. Here the assets come from the ``fastapi-offline`` package (mounted at /static/docs)
and each page's one inline script is allowed by its hash, nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache

from fastapi import APIRouter
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

ASSETS = "/static/docs"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


@cache
def _page(kind: str) -> tuple[bytes, str]:
    """The page's HTML and its Content-Security-Policy (made once)."""
    if kind == "swagger":
        html = get_swagger_ui_html(openapi_url="/openapi.json", title="luocdo — API",
                                   swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{ASSETS}/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")
    else:
        html = get_redoc_html(openapi_url="/openapi.json", title="luocdo — API",
                              redoc_js_url=f"{ASSETS}/redoc.standalone.js", redoc_favicon_url="/static/favicon.svg",
                              with_google_fonts=False)
    body = bytes(html.body)
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in _INLINE_SCRIPT.findall(body.decode()))
    csp = (f"default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
           "img-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
           "frame-ancestors 'none'; form-action 'self'")
    return body, csp


def _respond(kind: str) -> HTMLResponse:
    body, csp = _page(kind)
    return HTMLResponse(body, headers={"Content-Security-Policy": csp, "X-Frame-Options": "DENY"})


@router.get("/docs")
def swagger_ui() -> HTMLResponse:
    return _respond("swagger")


@router.get("/redoc")
def redoc() -> HTMLResponse:
    return _respond("redoc")
