"""How long the validity audits take, and how much of the graph's citations they can judge.

    python bench/audit_bench.py [--store DIR] [--repeat N]

On a store of the corpus (built first from bench/corpus.py's corpus in a temporary folder unless
--store names one): the validity-known share of citations (``luocdo stats``), before (the reference
data's statuses only) and now (reference data and texts), and the best of N runs of each audit
(outdated as of a day and at each document's issue date, conflicts, unknown).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import default_corpus

from luocdo.graph.load import ingest_paths
from luocdo.graph.store import GraphStore, open_store
from luocdo.queries import audits

REFERENCE_ONLY = ("MATCH (:Document)-[r:IMPLEMENTS|BASED_ON|CITES]->(c:Document) WHERE r.origin IS NULL "
                  "RETURN count(CASE WHEN c.status IS NOT NULL AND c.status <> 'unknown' THEN 1 END) AS n")


def best_of(work: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def report(store: GraphStore, repeat: int) -> None:
    share = audits.validity_share(store)
    before = store.query(REFERENCE_ONLY)[0]["n"]
    print(f"citations {share['citations']}: validity known for {before} ({before / share['citations']:.1%}) "
          f"from the reference data alone, {share['known_citations']} ({share['known_share']:.1%}) now; "
          f"cited documents known {share['known_documents']} of {share['cited_documents']}")
    for name, work in (("outdated 2024-01-01", lambda: audits.outdated_citations(store, "2024-01-01")),
                       ("outdated issue", lambda: audits.outdated_citations(store, "issue")),
                       ("conflicts", lambda: audits.citation_conflicts(store)),
                       ("unknown", lambda: audits.unknown_validity(store, 100))):
        seconds, rows = best_of(work, repeat)
        print(f"{name:22} {seconds * 1000:8.0f} ms  {len(rows)} rows")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.store:
        store = open_store(args.store, read_only=True)
        report(store, args.repeat)
        store.close()
        return
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "store")
        ingest_paths(store, [default_corpus()])
        report(store, args.repeat)
        store.close()


if __name__ == "__main__":
    main()
