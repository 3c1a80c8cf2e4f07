"""The API for the tests: a real ``luocdo serve`` on 127.0.0.1, started and stopped by the tests,
for what is about HTTP itself (body limits, headers, host names, concurrency, the server's start
and stop); else the application in this process, through Starlette's test client (no socket)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from .support import LuocdoServer

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

    from luocdo.graph.store import GraphStore


@contextmanager
def serving(*args: str, env: dict[str, str] | None = None, log: Path | None = None) -> Iterator[httpx.Client]:
    """``luocdo serve ARGS`` on a free port; yields a client for it, stops the server after."""
    with LuocdoServer(*args, env=env, log=log) as server, \
            httpx.Client(base_url=server.base, timeout=60) as client:
        yield client


@contextmanager
def in_process(open_store: Callable[[], GraphStore], **settings: Any) -> Iterator[TestClient]:
    """``create_app`` on the store ``open_store`` opens, with ``settings`` (Settings' field names) over
    the environment's; yields a client for it. The application closes the store when it stops."""
    from fastapi.testclient import TestClient

    from luocdo.api.app import create_app
    from luocdo.api.settings import Settings

    with TestClient(create_app(open_store, Settings(**settings))) as client:
        yield client


def ladybug(path: Path, *, read_only: bool = False) -> Callable[[], GraphStore]:
    """What opens the embedded store at ``path``, for :func:`in_process`."""
    def opened() -> GraphStore:
        from luocdo.graph.ladybug_store import LadybugStore

        return LadybugStore(path, read_only=read_only)

    return opened
