"""A worker process that runs user Cypher on a read-only open of an embedded store.

Started by :class:`luocdo.graph.query_sandbox.QuerySandbox` as ``python -m
luocdo.graph.query_worker STORE``: requests come pickled on stdin, answers go pickled to the
parent on the original stdout (anything the engine prints goes to stderr). The worker cannot
write the store, and whatever a query does to it (a crash, a runaway, a memory bomb) ends this
process only. It dies with its parent, and reopens the store when the store's files changed.
"""

from __future__ import annotations

import os
import sys
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from luocdo.graph.errors import QueryError, QueryRejected, QueryTimeout, StoreError
from luocdo.graph.ladybug_store import LadybugStore
from luocdo.ingest.children import die_with_parent


class _ReadOnlyStore:
    """The store opened read-only, reopened when its files change (a write by the server)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._store: LadybugStore | None = None
        self._signature: tuple[int, ...] = ()

    def get(self) -> LadybugStore:
        signature = self._files_signature()
        if self._store is None or signature != self._signature:
            if self._store is not None:
                self._store.close()
            self._store = LadybugStore(self.path, read_only=True)
            self._signature = signature
        return self._store

    def _files_signature(self) -> tuple[int, ...]:
        out: list[int] = []
        for name in ("graph.lbug", "graph.lbug.wal"):
            try:
                st = os.stat(self.path / name)
                out += [st.st_mtime_ns, st.st_size]
            except FileNotFoundError:
                out += [0, 0]
        return tuple(out)


def answer(store: _ReadOnlyStore, request: dict[str, Any]) -> tuple[str, Any]:
    """One request's answer: ``("rows", rows)`` or ``(error kind, message)``."""
    try:
        rows = store.get().read(request["query"], request.get("params") or {},
                                timeout_s=request.get("timeout_s"), max_rows=request.get("max_rows"))
        return "rows", rows
    except QueryRejected as err:
        return "rejected", str(err)
    except QueryTimeout as err:
        return "timeout", str(err)
    except (QueryError, StoreError) as err:
        return "error", str(err)
    except Exception as err:  # any failure of one query is its answer; the worker stays up
        return "error", f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"


def main(argv: list[str]) -> int:
    die_with_parent()
    os.nice(10)  # luocdo's own reads in the server come first
    requests = Connection(os.dup(0), writable=False)
    replies = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)  # stray prints must never corrupt the answers
    store = _ReadOnlyStore(Path(argv[1]))
    try:
        store.get()
        replies.send(("ready", os.getpid()))
    except StoreError as err:
        replies.send(("error", str(err)))
        return 1
    while True:
        try:
            request = requests.recv()
        except (EOFError, OSError):
            return 0
        replies.send(answer(store, request))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
