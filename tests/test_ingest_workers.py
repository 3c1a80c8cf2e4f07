"""Extraction workers (issue 15, items 7 and 13): one bound for API, CLI and ingest, read from the
environment in one place; a worker leaves when its parent dies even without a parent-death
signal (the parent-pid poll), so it never blocks forever on a dead parent's pipe."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from luocdo.ingest.budget import extract_bounded
from luocdo.ingest.models import ReadError
from luocdo.ingest.pipeline import Extraction

from .conftest import ROOT, sample
from .test_ingest_budget import alive


def test_extract_bounded_gives_the_extraction_or_the_reason(tmp_path: Path) -> None:
    result = extract_bounded(sample("001"), time_s=60, memory_mb=1024)
    assert isinstance(result, Extraction) and result.citations
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    refused = extract_bounded(fifo, time_s=10, memory_mb=1024)
    assert isinstance(refused, ReadError) and "pipe" in refused.reason


# A parent that starts a grandchild watching it (no prctl), prints the grandchild's pid, then waits.
_PARENT = textwrap.dedent("""
    import os, subprocess, sys, time
    child = subprocess.Popen([sys.executable, "-c",
        "import os, time\\n"
        "from luocdo.ingest.budget import watch_parent\\n"
        "watch_parent(os.getppid(), interval=0.05)\\n"
        "time.sleep(60)\\n"])
    print(child.pid, flush=True)
    time.sleep(60)
""")


def test_a_worker_leaves_when_its_parent_dies_without_the_death_signal() -> None:
    parent = subprocess.Popen([sys.executable, "-c", _PARENT], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        time.sleep(0.5)
        assert alive(child), "the watcher left while its parent lived"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 5
        while alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(child), "the child outlived its parent by 5 s"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        if "child" in locals() and alive(child):
            os.kill(child, signal.SIGKILL)
