"""Files into the store: read and extract each one, then write in transactions of whole files.

Extraction runs in worker processes, each file within a time and memory budget (two workers
when there are many files: it is the slow part); the store is written from this process only.
A batch that fails to write is retried file by file, so one bad file cannot keep the others
out, and none lands half-written.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from luocdo.graph.build import file_graph
from luocdo.graph.errors import StoreError
from luocdo.graph.model import FileGraph
from luocdo.graph.store import GraphStore, IngestReport
from luocdo.ingest.budget import BoundedPool, Budget
from luocdo.ingest.models import ReadError
from luocdo.ingest.pipeline import extract, iter_input_files

PARALLEL_MIN_FILES = 40  # below this, starting worker processes costs more than it saves
BATCH_FILES = 200  # files per transaction when ingesting many
AHEAD_FILES = 64  # files sent to the workers ahead of the one being stored: more than they read during a write


@dataclass
class IngestSummary:
    files: int = 0
    written: list[str] = field(default_factory=list)  # sources of the files whose graph landed
    unchanged: list[str] = field(default_factory=list)  # sources already in the store as they are
    citations: int = 0
    unresolved: int = 0
    errors: list[ReadError] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)

    def add(self, report: IngestReport) -> None:
        self.written += report.written
        self.unchanged += report.unchanged
        self.citations += report.citations
        self.unresolved += report.unresolved
        self.duplicates += report.duplicates


def graph_of_file(path: Path) -> FileGraph | ReadError:
    """One file's graph, or the reason it could not be read (never raises for bad input)."""
    try:
        return file_graph(extract(path))
    except ReadError as err:
        return err
    except Exception as err:  # a bug on some input must not stop the batch; report it with the file
        return ReadError(str(path), f"internal error while extracting: {type(err).__name__}: {err}")


def ingest_paths(store: GraphStore, paths: Iterable[str | Path], *, workers: int | None = None,
                 batch_files: int | None = None, on_file: Callable[[Path], None] | None = None,
                 budget: Budget | None = None) -> IngestSummary:
    """Ingest files and folders; ``on_file`` is called after each file is read (for progress).

    Each file is read in a worker process within ``budget`` (time and memory). Files go in
    transactions of ``batch_files`` (default one file each below 40 files, else 200)."""
    files = list(iter_input_files(paths))
    summary = IngestSummary(files=len(files))
    batch_files = batch_files or (1 if len(files) < PARALLEL_MIN_FILES else BATCH_FILES)
    with _several_transactions(store, len(files) > batch_files), _pool(len(files), workers, budget) as pool:
        batch: list[FileGraph] = []
        # The workers are let go once the last file is read: they exit while the last batch is written.
        for path, result in pool.map(files, ahead=AHEAD_FILES, last=True):
            if on_file:
                on_file(path)
            if isinstance(result, ReadError):
                summary.errors.append(result)
                continue
            batch.append(result)
            if len(batch) >= batch_files:
                _write(store, batch, summary)
                batch = []
        if batch:
            _write(store, batch, summary)
    return summary


def _several_transactions(store: GraphStore, several: bool) -> AbstractContextManager[None]:
    """The store's checkpoints put off to the end when there will be more than one transaction."""
    deferred = getattr(store, "deferred_checkpoints", None)
    return deferred() if several and deferred is not None else nullcontext()


def _pool(files: int, workers: int | None, budget: Budget | None) -> BoundedPool[FileGraph]:
    """The workers that read ``files`` files into graphs. Up to :data:`AHEAD_FILES` files are
    sent to them before their results are taken, so that they go on reading while this process
    writes a batch."""
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    return BoundedPool(graph_of_file, budget, 1 if files < PARALLEL_MIN_FILES else workers)


def _write(store: GraphStore, batch: list[FileGraph], summary: IngestSummary) -> None:
    try:
        summary.add(store.ingest(batch))
        return
    except StoreError as err:
        if len(batch) == 1:
            summary.errors.append(ReadError(batch[0].document.source or batch[0].document.id, f"not stored: {err}"))
            return
    for graph in batch:  # find the file the batch failed on; the others still land
        _write(store, [graph], summary)
