"""Extraction within a budget: every file is read and extracted in a worker process that has a
memory limit and is stopped at a time limit, so no file (a PDF whose pages share a huge content
stream, a .docx that inflates to gigabytes) can take the machine or hang an ingest.

Workers die with the process that started them (a killed ``luocdo ingest`` leaves none behind).
A file over its budget is a :class:`ReadError` like any unreadable file; a worker that dies on a
file costs that file only: the pool is started again for the others.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Generic, TypeVar

from luocdo.ingest.children import die_with_parent
from luocdo.ingest.models import ReadError

if TYPE_CHECKING:
    from luocdo.ingest.pipeline import Extraction

T = TypeVar("T")

PARENT_POLL_S = 1.0  # how often a worker checks that its parent still lives (where prctl is missing)


@dataclass(frozen=True)
class Budget:
    """What extracting one file may take. The command line and the API pass the configured one
    (``LUOCDO_EXTRACT_SECONDS``, ``LUOCDO_EXTRACT_MAX_MB``: see ``luocdo.api.settings``)."""

    seconds: float = 120.0
    memory_mb: int = 2048


class _OverTime(BaseException):
    """The time limit: not an ``Exception``, so work that catches every error (``graph_of_file``)
    cannot turn it into an "internal error"."""


def watch_parent(parent: int, interval: float = PARENT_POLL_S) -> threading.Thread:
    """Exit this process as soon as ``parent`` is no longer its parent (it died): the fallback
    for systems without a parent-death signal, and for a worker whose write to a dead parent's
    pipe would block forever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    watcher = threading.Thread(target=watch, name="watch-parent", daemon=True)
    watcher.start()
    return watcher


def _limit_worker(budget: Budget, parent: int) -> None:
    die_with_parent()
    watch_parent(parent)
    limit = budget.memory_mb << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise _OverTime


def _within(budget: Budget, work: Callable[[Path], T | ReadError], path: Path) -> T | ReadError:
    """``work(path)`` in a worker, stopped past the budget's time; a ReadError when over budget."""
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, budget.seconds)
    try:
        return work(path)
    except ReadError as err:
        return err
    except _OverTime:
        return ReadError(str(path), f"took longer than {budget.seconds:g} s to read; stopped")
    except MemoryError:
        return ReadError(str(path), f"needed more than {budget.memory_mb} MB to read; stopped")
    except Exception as err:  # a bug on some input must not stop the batch: reported with its file
        return ReadError(str(path), f"internal error while extracting: {type(err).__name__}: {err}")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


class BoundedPool(Generic[T]):
    """Worker processes that run ``work`` on one file at a time within ``budget``."""

    def __init__(self, work: Callable[[Path], T | ReadError], budget: Budget | None = None,
                 workers: int = 1) -> None:
        self.work = work
        self.budget = budget or Budget()
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None
        self._closing: list[ProcessPoolExecutor] = []  # let go of, not yet waited for
        self._lock = threading.Lock()

    def __enter__(self) -> BoundedPool[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        while self._closing:
            self._closing.pop().shutdown(wait=True)

    def run(self, path: Path) -> T | ReadError:
        """One file, within the budget."""
        return next(self.map([path]))[1]

    def map(self, paths: Sequence[Path], *, ahead: int | None = None,
            last: bool = False) -> Iterator[tuple[Path, T | ReadError]]:
        """Each file with its result, in order; ``ahead`` files in flight (default: a few per
        worker), their results kept until taken. ``last``: no more files will come, so the
        workers are let go as soon as the last result is in (they exit while the caller uses it;
        the pool starts new ones if asked for more)."""
        pending: list[tuple[Path, Future[T | ReadError]]] = []
        queue = list(paths)
        ahead = max(ahead or 0, self.workers * 4)
        while queue or pending:
            while queue and len(pending) < ahead:
                path = queue.pop(0)
                pending.append((path, self._submit(path)))
            path, future = pending.pop(0)
            try:
                result = future.result()
                if last and not queue and not pending:
                    self._let_go()
                yield path, result
            except BrokenProcessPool:
                yield path, ReadError(str(path), "the reading process died on this file")
                self.close()  # the files in flight with it are sent again to a new pool
                queue = [p for p, _ in pending] + queue
                pending = []

    def _let_go(self) -> None:
        """Tell the workers to exit, without waiting for them (:meth:`close` does)."""
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False)
                self._closing.append(self._pool)
                self._pool = None

    def _submit(self, path: Path) -> Future[T | ReadError]:
        with self._lock:  # one pool, however many threads submit
            if self._pool is None:
                self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_context(),
                                                 initializer=_limit_worker,
                                                 initargs=(self.budget, os.getpid()))
            return self._pool.submit(_within, self.budget, self.work, path)


def extract_bounded(path: str | Path, *, time_s: float | None = None,
                    memory_mb: int | None = None) -> Extraction | ReadError:
    """One file's extraction in a fresh worker within ``time_s`` seconds and ``memory_mb`` MB
    (defaults: :class:`Budget`'s); the reason as a ReadError when it is over either, or bad."""
    from luocdo.ingest.pipeline import extract

    default = Budget()
    budget = Budget(time_s or default.seconds, memory_mb or default.memory_mb)
    with BoundedPool(extract, budget) as pool:
        return pool.run(Path(path))


def _context() -> multiprocessing.context.BaseContext:
    """Workers started as fresh interpreters, not forked from this process: this one may hold a
    database that maps terabytes of address space, which no memory limit would leave room for.
    (A fork server would be faster to start, but a kill during its start-up leaves it behind.)"""
    return multiprocessing.get_context("spawn")
