"""What the ingest speed-ups (issue 17, item 8) keep: the store's guarantees, and the same answers
as the plain forms they replace (each fast form is checked against the plain one, kept here)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from luocdo.graph.load import ingest_paths

from .conftest import SAMPLES, Stores
from .test_store import whole_files


def _wal_size(store_dir: Path) -> int:
    wal = store_dir / "graph.lbug.wal"
    return wal.stat().st_size if wal.exists() else 0


def test_a_run_of_transactions_checkpoints_once_at_the_end(tmp_path: Path, stores: Stores) -> None:
    """A commit after ``COPY FROM`` checkpointed the whole store, once per batch (0.5–1.3 s each on
    the corpus): an ingest of several transactions now leaves the log to grow and folds it once."""
    folder = tmp_path / "s"
    store = stores.open(folder, copy_min_rows=1)  # every batch goes in with COPY FROM
    sizes: list[int] = []
    summary = ingest_paths(store, [SAMPLES], batch_files=2, workers=1,
                           on_file=lambda _: sizes.append(_wal_size(folder)))
    assert len(summary.written) == 5 and whole_files(store) == []
    # on_file runs before each file's batch is written: the log only grew between transactions
    assert all(a <= b for a, b in pairwise(sizes)) and sizes[-1] > sizes[0], sizes
    assert _wal_size(folder) == 0  # folded at the end
    before = store.stats()
    store.close()
    again = stores.open(folder, read_only=True)  # durable, whole
    assert again.stats() == before and whole_files(again) == []


def test_automatic_checkpoints_come_back_after_the_run(tmp_path: Path, stores: Stores) -> None:
    folder = tmp_path / "s"
    store = stores.open(folder, copy_min_rows=1)
    ingest_paths(store, [SAMPLES], batch_files=2, workers=1)
    edited = tmp_path / "plans"
    edited.mkdir()
    one = next(SAMPLES.glob("003-*"))
    (edited / one.name).write_text(one.read_text(encoding="utf-8") + "\nThực hiện Luật số 10/2022/QH15.\n",
                                   encoding="utf-8")
    ingest_paths(store, [edited], workers=1)  # one transaction: not deferred, its commit checkpoints
    assert _wal_size(folder) == 0
