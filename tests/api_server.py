"""A real ``luocdo serve`` on 127.0.0.1, started and stopped by the tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from .support import LuocdoServer


@contextmanager
def serving(*args: str, env: dict[str, str] | None = None, log: Path | None = None) -> Iterator[httpx.Client]:
    """``luocdo serve ARGS`` on a free port; yields a client for it, stops the server after."""
    with LuocdoServer(*args, env=env, log=log) as server, \
            httpx.Client(base_url=server.base, timeout=60) as client:
        yield client
