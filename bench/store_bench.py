"""Ingest cost of a citation-dense file against the corpus (issue 15, item 14).

    python bench/store_bench.py [--corpus DIR] [--mb 5] [--repeat 3] [--out FILE]

Ingests the corpus into a fresh store, then one file of ``--mb`` MB made of
``Thực hiện Luật số 10/2022/QH15 `` repeated (one 'sentence', a citation every 31 bytes), each in
a child process; prints seconds per MB of both, their ratio (target ≤ 3×) and the dense run's peak
RSS (target ≤ 1 GB, extraction workers included), and the corpus ingest's files per second (issue
17, item 8: target ≥ 200 on 2 cores). Each ingest runs ``--repeat`` times into a fresh store; the
median run counts (the machine is shared: single runs vary by ±30 %). Results to
``bench/results/store.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from corpus import default_corpus

INGEST = """
import resource, sys, time
from pathlib import Path
from luocdo.graph.load import ingest_paths
from luocdo.graph.store import open_store
from luocdo.ingest.pipeline import iter_input_files
store = open_store(Path(sys.argv[2]))
files = list(iter_input_files([Path(sys.argv[1])]))
size = sum(p.stat().st_size for p in files)
start = time.monotonic()
summary = ingest_paths(store, [Path(sys.argv[1])])
store.close()
kb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(time.monotonic() - start, size, kb // 1024, summary.citations, len(files))
"""


def ingest(path: Path, store: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", INGEST, str(path), str(store)], capture_output=True, text=True,
                         check=True).stdout.split()
    seconds, size, rss_mb, citations, files = float(out[0]), int(out[1]), int(out[2]), int(out[3]), int(out[4])
    return {"seconds": round(seconds, 2), "mb": round(size / 1e6, 2), "s_per_mb": round(seconds / (size / 1e6), 2),
            "peak_rss_mb": rss_mb, "citations": citations, "files": files,
            "files_per_s": round(files / seconds, 1)}


def median_run(path: Path, store: Path, repeat: int) -> dict[str, Any]:
    """The run of median time among ``repeat`` ingests of ``path``, each into a fresh store, and
    the seconds of them all."""
    runs = []
    for i in range(repeat):
        runs.append(ingest(path, store.with_name(f"{store.name}-{i}")))
    median = statistics.median_low(r["seconds"] for r in runs)
    return next(r for r in runs if r["seconds"] == median) | {"runs_seconds": [r["seconds"] for r in runs]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3, help="ingests of each input; the median counts")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "store.json")
    args = parser.parse_args()
    when, load = time.strftime("%Y-%m-%dT%H:%M:%S%z"), round(os.getloadavg()[0], 2)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = median_run(args.corpus, Path(tmp) / "corpus-store", args.repeat)
        dense_file = Path(tmp) / "dense.txt"
        unit = "Thực hiện Luật số 10/2022/QH15 "
        header = "ỦY BAN NHÂN DÂN\nXÃ TÂN AN\nSố: 5/KH-UBND\nTân An, ngày 05 tháng 3 năm 2025\n\nKẾ HOẠCH\n\n"
        dense_file.write_text(header + unit * int(args.mb * 1e6 / len(unit.encode())), encoding="utf-8")
        dense = median_run(dense_file, Path(tmp) / "dense-store", args.repeat)
    result = {"when": when, "load_average_before": load, "load_average_after": round(os.getloadavg()[0], 2),
              "corpus": corpus, "dense": dense,
              "ratio": round(dense["s_per_mb"] / corpus["s_per_mb"], 2),
              "ratio_target": 3.0, "corpus_files_per_s_target": 200.0}
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
