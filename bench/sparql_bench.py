"""SPARQL and RDF exports on the corpus, cold and from the per-state cache (issue 17, item 9).

    python bench/sparql_bench.py [--corpus DIR] [--store DIR] [--repeat N] [--out FILE]

Ingests the corpus into a fresh store (unless --store names one), then times, each the best of N:
``luocdo sparql implementers_of`` as a user runs it, the first time (the RDF is built and kept)
and again (read back; target ≤ 1 s); the same query in-process on Oxigraph against rdflib on the
same graph (the engine luocdo used before, the baseline of this run); ``luocdo export --format
ttl`` cold and warm. Results to ``bench/results/sparql.json``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import default_corpus

LUOCDO = [sys.executable, "-m", "luocdo.cli"]
QUERY = ["sparql", "implementers_of", "-p", "number=10/2022/QH15"]


def run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([*LUOCDO, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def best_of(args: list[str], repeat: int) -> float:
    return min(run(args) for _ in range(repeat))


def engines(store_dir: Path, repeat: int) -> dict[str, float]:
    """The named query in-process: Oxigraph (as luocdo runs it) against rdflib on the same graph."""
    from luocdo.graph.memory import as_networkx
    from luocdo.graph.rdf import to_rdf
    from luocdo.graph.store import open_store
    from luocdo.queries.sparql import run_named_sparql, sparql_query, sparql_store

    store = open_store(store_dir, read_only=True)
    try:
        rdf = to_rdf(as_networkx(store))
    finally:
        store.close()
    oxigraph = sparql_store(rdf)
    query = sparql_query("implementers_of")
    bound = query.bind({"number": "10/2022/QH15"})
    bound.pop("limit", None)
    times: dict[str, float] = {}
    for name, answer in (
        ("oxigraph_s", lambda: run_named_sparql(oxigraph, "implementers_of", {"number": "10/2022/QH15"})),
        ("rdflib_s", lambda: list(rdf.query(query.text, initBindings=_rdflib_bindings(bound)))),
    ):
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            answer()
            best = min(best, time.perf_counter() - start)
        times[name] = round(best, 3)
    return times


def _rdflib_bindings(bound: dict[str, object]) -> dict[str, object]:
    from rdflib import Literal

    return {f"_{k}": Literal(v) for k, v in bound.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "sparql.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "store"
        if args.store is None:
            run(["ingest", str(args.corpus), "--store", str(store)])
        shutil.rmtree(store / "cache", ignore_errors=True)
        where = ["--store", str(store)]
        result = {
            "sparql_cold_s": round(run([*QUERY, *where]), 2),
            "sparql_warm_s": round(best_of([*QUERY, *where], args.repeat), 2),
            "export_ttl_cold_s": round(run(["export", "--format", "ttl", "--output", str(Path(tmp) / "a.ttl"),
                                            *where]), 2),
            "export_ttl_warm_s": round(best_of(["export", "--format", "ttl", "--output", str(Path(tmp) / "b.ttl"),
                                                *where], args.repeat), 2),
            "python_start_s": round(min(_python_start() for _ in range(args.repeat)), 3),
            **engines(store, args.repeat),
        }
    result["sparql_warm_target_s"] = 1.0
    result["oxigraph_vs_rdflib"] = round(result["oxigraph_s"] / result["rdflib_s"], 3)
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


def _python_start() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
