"""User Cypher kept away from the server: a bounded queue, and worker processes with a deadline
and a memory limit.

An anonymous ``POST /cypher`` must not be able to starve luocdo's own reads, take the server's
memory or crash it. So user queries never take the store's lock in the server: on the embedded
store they run in worker processes (:mod:`luocdo.graph.query_worker`) on a read-only open of the
store, each killed when it passes its time limit × ``grace`` or its memory limit, and replaced.
At most ``workers`` run at once and ``queue`` more wait; past that a query is refused at once
(:class:`QueryBusy`). On Neo4j the server does the work: the same admission bounds the queries in
flight, and they run in read transactions with the time limit.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from luocdo.graph.errors import QueryBusy, QueryError, QueryRejected, QueryTimeout, QueryTooLarge
from luocdo.graph.readonly import check_read_only
from luocdo.graph.store import GraphStore, Row

_POLL_S = 0.02
_PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class SandboxLimits:
    """How many user queries run and wait at once, and what one may use."""

    workers: int = 2
    queue: int = 8
    memory_mb: int = 512
    # A query ends by grace × its time limit counted from its arrival, waiting in the queue
    # included: it waits at most half the limit for a worker, then the worker is killed.
    grace: float = 1.2


class _WorkerGone(Exception):
    """The worker's pipe is closed: it stopped before the request reached it."""


class Admission:
    """At most ``limits.workers`` at work and ``limits.queue`` waiting; the rest refused."""

    def __init__(self, limits: SandboxLimits) -> None:
        self.limits = limits
        self._slots = threading.BoundedSemaphore(limits.workers)
        self._count_lock = threading.Lock()
        self._admitted = 0

    @contextmanager
    def slot(self, wait_s: float) -> Iterator[None]:
        with self._count_lock:
            if self._admitted >= self.limits.workers + self.limits.queue:
                raise QueryBusy("too many queries at once; try again shortly")
            self._admitted += 1
        try:
            if not self._slots.acquire(timeout=wait_s):
                raise QueryBusy("the queries before this one took the whole wait; try again shortly")
            try:
                yield
            finally:
                self._slots.release()
        finally:
            with self._count_lock:
                self._admitted -= 1


class _Worker:
    """One worker process and the two ends of its pipe."""

    def __init__(self, store: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "luocdo.graph.query_worker", str(store)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True)
        assert self.process.stdin is not None and self.process.stdout is not None
        self._requests = Connection(os.dup(self.process.stdin.fileno()), readable=False)
        self._replies = Connection(os.dup(self.process.stdout.fileno()), writable=False)
        self.process.stdin.close()
        self.process.stdout.close()

    def wait_ready(self, timeout_s: float) -> None:
        if not self._replies.poll(timeout_s):
            self.kill()
            raise QueryError("the query worker did not start in time")
        kind, detail = self._recv()
        if kind != "ready":
            self.kill()
            raise QueryError(f"the query worker could not open the store: {detail}")

    def send(self, request: dict[str, Any]) -> None:
        try:
            self._requests.send(request)
        except OSError:  # BrokenPipeError: it stopped while idle
            raise _WorkerGone from None

    def poll(self, timeout_s: float) -> bool:
        return self._replies.poll(timeout_s)

    def _recv(self) -> tuple[str, Any]:
        try:
            kind, detail = self._replies.recv()
        except (EOFError, OSError):
            self.kill()
            raise QueryError("the engine crashed on this query; the query was stopped") from None
        return kind, detail

    def receive(self) -> list[Row]:
        kind, detail = self._recv()
        if kind == "rows":
            rows: list[Row] = detail
            return rows
        if kind == "rejected":
            raise QueryRejected(detail)
        if kind == "timeout":
            raise QueryTimeout(detail)
        raise QueryError(detail)

    def rss_bytes(self) -> int:
        try:
            with open(f"/proc/{self.process.pid}/statm") as f:
                return int(f.read().split()[1]) * _PAGE
        except (OSError, IndexError, ValueError):
            return 0

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        if self.alive():
            self.process.kill()
        self.process.wait()
        self._requests.close()
        self._replies.close()


class QuerySandbox:
    """User Cypher on an embedded store, run in worker processes (see the module's text)."""

    def __init__(self, store: Path, limits: SandboxLimits | None = None) -> None:
        self.store = store
        self.limits = limits or SandboxLimits()
        self._admission = Admission(self.limits)
        self._idle: list[_Worker] = []
        self._idle_lock = threading.Lock()
        self._closed = False

    def read(self, query: str, params: dict[str, Any] | None = None, *, timeout_s: float,
             max_rows: int | None = None) -> list[Row]:
        """Run one guarded read-only statement in a worker; the rows, or the reason it failed."""
        query = check_read_only(query)  # refused texts never reach a worker
        deadline = time.monotonic() + timeout_s * self.limits.grace
        with self._admission.slot(wait_s=timeout_s / 2):
            for attempt in (1, 2):  # a worker that stopped while idle is replaced once
                worker = self._take_worker(deadline)
                engine_limit = max(0.1, min(timeout_s, deadline - time.monotonic()))
                try:
                    return self._run(worker, {"query": query, "params": params or {}, "timeout_s": engine_limit,
                                              "max_rows": max_rows}, timeout_s, deadline)
                except _WorkerGone:
                    worker.kill()
                    if attempt == 2:
                        raise QueryError("the query worker stopped before the query reached it; try again") from None
                except (QueryError, QueryRejected):
                    raise  # the worker's own answer, or the worker was stopped
                except BaseException:
                    worker.kill()  # interrupted while the worker was busy
                    raise
                finally:
                    self._give_back(worker)
            raise AssertionError("unreachable")

    def close(self) -> None:
        self._closed = True
        with self._idle_lock:
            workers, self._idle = self._idle, []
        for worker in workers:
            worker.kill()

    def _run(self, worker: _Worker, request: dict[str, Any], timeout_s: float, deadline: float) -> list[Row]:
        limit = self.limits.memory_mb << 20
        baseline = worker.rss_bytes()
        worker.send(request)
        while not worker.poll(_POLL_S):
            if not worker.alive():
                break  # receive() reports the crash
            if worker.rss_bytes() - baseline > limit:
                worker.kill()
                raise QueryTooLarge(f"the query used more than {self.limits.memory_mb} MB and was stopped")
            if time.monotonic() > deadline:
                worker.kill()
                raise QueryTimeout(f"the query ran past its time limit ({timeout_s:g} s) and was stopped")
        return worker.receive()

    def _take_worker(self, deadline: float) -> _Worker:
        with self._idle_lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.alive():
                    return worker
        worker = _Worker(self.store)
        worker.wait_ready(timeout_s=max(1.0, deadline - time.monotonic()))
        return worker

    def _start_spare(self) -> None:
        """A worker ready for the next query, started in the background after one was killed."""
        def start() -> None:
            try:
                worker = _Worker(self.store)
                worker.wait_ready(timeout_s=60)
            except QueryError:
                return
            self._give_back(worker)

        threading.Thread(target=start, name="luocdo-query-worker", daemon=True).start()

    def _give_back(self, worker: _Worker) -> None:
        if not worker.alive():
            if not self._closed:
                self._start_spare()
            return
        with self._idle_lock:
            if not self._closed and len(self._idle) < self.limits.workers:
                self._idle.append(worker)
                return
        worker.kill()


class BoundedReads:
    """User Cypher on a server backend (Neo4j): the same admission, the store's read path."""

    def __init__(self, store: GraphStore, limits: SandboxLimits | None = None) -> None:
        self._store = store
        self._admission = Admission(limits or SandboxLimits())

    def read(self, query: str, params: dict[str, Any] | None = None, *, timeout_s: float,
             max_rows: int | None = None) -> list[Row]:
        query = check_read_only(query)
        with self._admission.slot(wait_s=timeout_s):
            return self._store.read(query, params, timeout_s=timeout_s, max_rows=max_rows)

    def close(self) -> None:
        pass


def user_queries(store: GraphStore, limits: SandboxLimits | None = None) -> QuerySandbox | BoundedReads:
    """Where user Cypher runs for this store: worker processes for an embedded store."""
    path = getattr(store, "path", None)
    if store.dialect == "ladybug" and isinstance(path, Path):
        return QuerySandbox(path, limits)
    return BoundedReads(store, limits)
