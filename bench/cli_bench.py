"""How long the command line takes to answer, against Python's own start-up in the same run.

    python bench/cli_bench.py [--store DIR] [--repeat N]

Times `luocdo --help` and `luocdo query implementers_of` on the sample store (built first in a
temporary folder unless --store names one), each the best of N runs, next to `python -c pass`
(the floor no command can beat). Targets (issue 17): --help ≤ 0.3 s, a query ≤ 0.6 s.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def best_of(args: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    luocdo = [sys.executable, "-m", "luocdo.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "store"
        if args.store is None:
            subprocess.run([*luocdo, "ingest", str(ROOT / "data" / "samples"), "--store", str(store)], check=True,
                           stdout=subprocess.DEVNULL)
        floor = best_of([sys.executable, "-c", "pass"], args.repeat)
        rows = [("python -c pass (floor)", floor, None),
                ("luocdo --help", best_of([*luocdo, "--help"], args.repeat), 0.3),
                ("luocdo query implementers_of", best_of([*luocdo, "query", "implementers_of", "--param",
                                                          "number=10/2022/QH15", "--store", str(store)],
                                                         args.repeat), 0.6)]
    print(f"{'command':34} {'best s':>8} {'× floor':>8} {'target':>8}")
    for name, seconds, target in rows:
        mark = "" if target is None else ("ok" if seconds <= target else "MISSED")
        print(f"{name:34} {seconds:8.3f} {seconds / floor:8.1f} {target or '':>8} {mark}")


if __name__ == "__main__":
    main()
