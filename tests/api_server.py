"""A real ``luocdo serve`` on 127.0.0.1, started and stopped by the tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from .conftest import _free_port


@contextmanager
def serving(*args: str, env: dict[str, str] | None = None, log: Path | None = None) -> Iterator[httpx.Client]:
    """``luocdo serve ARGS`` on a free port; yields a client for it, stops the server after."""
    port = _free_port()
    out = open(log, "wb") if log else subprocess.DEVNULL
    proc = subprocess.Popen([sys.executable, "-m", "luocdo.cli", "serve", *args, "--host", "127.0.0.1",
                             "--port", str(port)], stdout=out, stderr=subprocess.STDOUT,
                            env=os.environ | (env or {}))
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if client.get("/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"luocdo serve did not start (exit {proc.poll()})")
            time.sleep(0.2)
        yield client
    finally:
        client.close()
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log:
            out.close()  # type: ignore[union-attr]
