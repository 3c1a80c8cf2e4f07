"""API benchmark: ``luocdo serve`` on a large embedded store, under concurrent clients on loopback.

    python bench/api_bench.py [--docs N] [--seed N] [--quick] [--connections 4,16,64] [--duration S]
                              [--profile] [--out FILE]

1. Builds a ``--docs`` synthetic graph and bulk-loads it into a fresh LadybugStore, as
   ``push_bench.py`` does; writes files of request paths drawn from real ids (ids keep their
   ``/``; non-ASCII and other reserved characters are percent-encoded), and checks a few with curl.
2. Starts a real ``luocdo serve`` on 127.0.0.1 and drives it with ``wrk`` (a Lua script draws a
   random path from the file for every request, so no cache makes it trivial), for each
   concurrency in ``--connections``:

   * ``GET /healthz`` — the cheapest endpoint, the same-run baseline;
   * ``GET /documents/{id}`` — lookups of in-corpus documents (target ≥ 500 req/s at 16 connections);
   * ``GET /documents/{id}/implementers`` — national documents something implements and province
     plans, at the default depth.

   Each figure is req/s and p50/p99 latency, and its ratio to ``/healthz`` at the same concurrency.
   Without ``wrk``, a Python multi-process client stands in (and says so).
3. When lookups miss the target (or with ``--profile``), the server runs again under cProfile
   (event loop and worker threads) while a Python client sends a few thousand lookups, and the
   table shows where the server's time goes.

Figures go to the terminal and to ``bench/results/api.json``. Servers are stopped at the end,
on error and on SIGTERM.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path
from typing import Any
from urllib.parse import quote

from push_bench import (
    QUICK_DOCS,
    LoadedStore,
    build_store,
    console,
    make_parser,
    stop_on_sigterm,
    write_results,
)
from rich.table import Table
from shared import LuocdoServer, free_port

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "api.json"
LOOKUP_TARGET_RPS = 500.0
TARGET_CONNECTIONS = 16
CONNECTIONS = (4, 16, 64)
DURATION_S = 15.0
QUICK_DURATION_S = 4.0
WARMUP_S = 2.0
PROFILE_REQUESTS = 3000
PROFILE_CONNECTIONS = 1
SERVE_PROFILED = "_serve_profiled"  # argv[1] of the profiled server child

WRK_SCRIPT = r"""
-- Every request draws a random path from the file named after "--" (one path a line).
local paths = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  math.randomseed(tonumber(args[2] or "1") * 1000 + thread_id)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "status_errors": %d, "timeouts": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
"""


# --- request paths ----------------------------------------------------------------------------------

def doc_path(doc_id: str, suffix: str = "") -> str:
    """``/documents/{id}{suffix}``: '/' kept (the route is ``{id:path}``), non-ASCII and reserved characters
    percent-encoded."""
    return "/documents/" + quote(doc_id, safe="/") + suffix


@dataclass(frozen=True)
class Endpoint:
    """One benchmarked endpoint and the file of paths its requests draw from."""

    name: str
    paths_file: Path
    count: int


def write_paths(folder: Path, name: str, paths: Sequence[str]) -> Endpoint:
    file = folder / f"{name}.paths"
    file.write_text("\n".join(paths) + "\n", encoding="ascii")
    return Endpoint(name, file, len(paths))


def endpoints(folder: Path, loaded: LoadedStore, seed: int) -> list[Endpoint]:
    """healthz, lookups of every in-corpus document, implementers of national targets and province plans."""
    rng = random.Random(seed)
    lookups = [doc_path(i) for i in loaded.documents]
    implemented = [doc_path(i, "/implementers") for i in loaded.national_targets + loaded.province_plans]
    rng.shuffle(lookups)
    rng.shuffle(implemented)
    return [write_paths(folder, "healthz", ["/healthz"]), write_paths(folder, "lookup", lookups),
            write_paths(folder, "implementers", implemented)]


def first_paths(endpoint: Endpoint, k: int) -> list[str]:
    return endpoint.paths_file.read_text(encoding="ascii").splitlines()[:k]


# --- the server -------------------------------------------------------------------------------------

class ApiServer(LuocdoServer):
    """A ``luocdo serve`` child process on 127.0.0.1 (or another command that serves the store)."""

    @classmethod
    def luocdo_serve(cls, store: Path, log: Path) -> ApiServer:
        script = Path(sys.executable).with_name("luocdo")
        port = free_port()
        luocdo = [str(script)] if script.exists() else [sys.executable, "-m", "luocdo.cli"]
        return cls(log=log, port=port, command=[*luocdo, "serve", "--store", str(store), "--host", "127.0.0.1",
                                                "--port", str(port)])

    @classmethod
    def profiled(cls, store: Path, log: Path, profile_out: Path) -> ApiServer:
        port = free_port()
        return cls(log=log, port=port,
                   command=[sys.executable, __file__, SERVE_PROFILED, str(store), str(port), str(profile_out)])

    def start(self, timeout_s: float = 120.0) -> None:  # a large store takes a while to open
        super().start(timeout_s)



def curl_check(base: str, eps: list[Endpoint], k: int = 3) -> list[dict[str, Any]]:
    """``curl`` the first ``k`` paths of each endpoint: status and bytes of each (raises unless all 200)."""
    checks = []
    for ep in eps:
        for path in first_paths(ep, k):
            out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{size_download}",
                                  base + path], capture_output=True, text=True, timeout=120).stdout.split()
            checks.append({"path": path, "status": int(out[0]), "bytes": int(out[1])})
    bad = [c for c in checks if c["status"] != 200]
    if bad:
        raise RuntimeError(f"curl: not 200: {bad}")
    return checks


# --- the clients ------------------------------------------------------------------------------------

def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def run_wrk(base: str, ep: Endpoint, script: Path, connections: int, duration_s: float, seed: int) -> dict[str, Any]:
    """One ``wrk`` run; its figures as a dict (latencies in ms)."""
    threads = min(2, connections)
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration_s:g}s", "--timeout", "60s",
               "-s", str(script), base, "--", str(ep.paths_file), str(seed)]
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=duration_s + 120).stdout
    line = next(x for x in out.splitlines() if x.startswith("WRK_JSON "))
    raw = json.loads(line.removeprefix("WRK_JSON "))
    seconds = raw["duration_us"] / 1e6
    return {"client": "wrk", "requests": raw["requests"], "seconds": round(seconds, 2),
            "rps": round(raw["requests"] / seconds, 1),
            "p50_ms": raw["p50_us"] / 1000, "p90_ms": raw["p90_us"] / 1000, "p99_ms": raw["p99_us"] / 1000,
            "max_ms": raw["max_us"] / 1000, "mean_ms": round(raw["mean_us"] / 1000, 3),
            "errors": sum(raw[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors",
                                           "timeouts")),
            "non_2xx": raw["status_errors"], "kb_per_response": round(raw["bytes"] / max(1, raw["requests"]) / 1024, 2)}


def _client_worker(port: int, paths: list[str], connections: int, deadline: float, requests: int | None,
                   seed: int) -> tuple[list[float], int]:
    """In one process: ``connections`` threads with a keep-alive connection each; latencies (s), errors."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    budget = [requests]

    def take() -> bool:
        with lock:
            if budget[0] is None:
                return time.time() < deadline
            if budget[0] <= 0:
                return False
            budget[0] -= 1
            return True

    def loop(n: int) -> None:
        nonlocal errors
        rng = random.Random(seed * 1000 + n)
        conn = HTTPConnection("127.0.0.1", port, timeout=60)
        while take():
            t0 = time.perf_counter()
            try:
                conn.request("GET", rng.choice(paths))
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                conn.close()
                conn = HTTPConnection("127.0.0.1", port, timeout=60)
            with lock:
                latencies.append(time.perf_counter() - t0)
                errors += not ok
        conn.close()

    with ThreadPoolExecutor(max_workers=connections) as pool:
        list(pool.map(loop, range(connections)))
    return latencies, errors


def run_python_client(port: int, ep: Endpoint, connections: int, duration_s: float | None = None,
                      requests: int | None = None, seed: int = 1, processes: int = 2) -> dict[str, Any]:
    """The stand-in for wrk: ``processes`` processes sharing ``connections`` keep-alive connections, for
    ``duration_s`` seconds or ``requests`` requests in all."""
    paths = ep.paths_file.read_text(encoding="ascii").splitlines()
    processes = max(1, min(processes, connections))
    per = [connections // processes + (i < connections % processes) for i in range(processes)]
    shares = [None] * processes if requests is None else [requests // processes] * processes
    deadline = time.time() + (duration_s or 0)
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=processes) as pool:
        parts = list(pool.map(_client_worker, [port] * processes, [paths] * processes, per,
                              [deadline] * processes, shares, [seed + i for i in range(processes)]))
    seconds = time.perf_counter() - t0
    latencies = sorted(x * 1000 for part in parts for x in part[0])
    return {"client": "python", "requests": len(latencies), "seconds": round(seconds, 2),
            "rps": round(len(latencies) / seconds, 1), "p50_ms": round(statistics.median(latencies), 3),
            "p90_ms": round(latencies[int(0.9 * (len(latencies) - 1))], 3),
            "p99_ms": round(latencies[int(0.99 * (len(latencies) - 1))], 3), "max_ms": round(latencies[-1], 3),
            "mean_ms": round(statistics.fmean(latencies), 3), "errors": sum(p[1] for p in parts)}


def drive(server: ApiServer, ep: Endpoint, script: Path | None, connections: int, duration_s: float,
          seed: int) -> dict[str, Any]:
    """A short warm-up, then the timed run, with wrk when there is one."""
    if script is not None:
        run_wrk(server.base, ep, script, connections, WARMUP_S, seed + 1)
        return run_wrk(server.base, ep, script, connections, duration_s, seed)
    run_python_client(server.port, ep, connections, duration_s=WARMUP_S, seed=seed + 1)
    return run_python_client(server.port, ep, connections, duration_s=duration_s, seed=seed)


def server_rss_mb(server: ApiServer) -> float | None:
    return server.memory_mb()


def measure_all(server: ApiServer, eps: list[Endpoint], script: Path | None, connections: Sequence[int],
                duration_s: float, seed: int) -> dict[str, dict[str, Any]]:
    """Every endpoint at every concurrency: ``{"16": {"lookup": {...}, ...}, ...}``, with ratios to healthz."""
    runs: dict[str, dict[str, Any]] = {}
    for c in connections:
        at: dict[str, Any] = {}
        for ep in eps:
            at[ep.name] = drive(server, ep, script, c, duration_s, seed)
            r = at[ep.name]
            console.print(f"  c={c:<3} {ep.name:<13} {r['rps']:>9,.1f} req/s  p50 {r['p50_ms']:.1f} ms  "
                          f"p99 {r['p99_ms']:.1f} ms  errors {r['errors']}")
        base = at["healthz"]["rps"]
        for r in at.values():
            r["vs_healthz"] = round(r["rps"] / base, 3) if base else None
        runs[str(c)] = at
    return runs


# --- profiling the server ---------------------------------------------------------------------------

def serve_profiled(store: str, port: str, out: str) -> None:
    """Child process: ``luocdo serve`` with cProfile ready for the event loop's thread and every worker
    thread (handlers and sync dependencies run in anyio's thread pool). SIGUSR1 starts profiling (after
    start-up and warm-up); SIGUSR2 stops it and writes the stats to ``out``."""
    import anyio.to_thread

    from luocdo.cli.serve import serve

    profiles: list[cProfile.Profile] = []
    local = threading.local()
    active = threading.Event()
    original = anyio.to_thread.run_sync

    async def run_sync(func: Any, *args: Any, **kwargs: Any) -> Any:
        def profiled(*a: Any) -> Any:
            if not active.is_set():
                return func(*a)
            if not hasattr(local, "profile"):
                local.profile = cProfile.Profile()
                profiles.append(local.profile)
            return local.profile.runcall(func, *a)
        return await original(profiled, *args, **kwargs)

    def start(signum: int, frame: Any) -> None:
        profiles.append(cProfile.Profile())
        profiles[0].enable()  # in the main thread: the event loop's
        active.set()

    def dump(signum: int, frame: Any) -> None:
        active.clear()
        profiles[0].disable()
        stats = pstats.Stats(profiles[0])
        for p in profiles[1:]:
            stats.add(p)
        stats.dump_stats(out + ".tmp")
        os.replace(out + ".tmp", out)

    anyio.to_thread.run_sync = run_sync  # type: ignore[assignment]  # starlette looks it up at every call
    signal.signal(signal.SIGUSR1, start)
    signal.signal(signal.SIGUSR2, dump)
    serve(store=Path(store), host="127.0.0.1", port=int(port))


IDLE = ("method 'poll' of 'select.epoll'", "method 'select' of", "method 'acquire' of '_thread.lock'")
AREAS = (("ladybug", "ladybug"), ("pydantic", "pydantic"), ("fastapi", "fastapi"), ("starlette", "starlette"),
         ("uvicorn", "uvicorn"), ("h11", "h11"), ("anyio", "anyio"), ("asyncio", "asyncio"),
         ("luocdo/api", "luocdo api"), ("/api/", "luocdo api"), ("/graph/", "luocdo graph"),
         ("/queries/", "luocdo queries"), ("logging", "logging"), ("json", "json"), ("socket", "sockets"),
         ("threading", "threading"), ("concurrent", "threading"))


def area_of(key: tuple[str, int, str]) -> str:
    """Which library a profiled function belongs to (built-ins by the names in their description)."""
    filename, _, name = key
    where = name if filename == "~" else filename
    for needle, area in AREAS:
        if needle in where:
            return area
    return "other (built-ins, typing, …)" if filename == "~" else "other"


def profile_summary(prof: Path, requests: int, top: int = 20) -> dict[str, Any]:
    """Where the profiled server spent its time, per request: by library, and the top functions (own time)."""
    stats = pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]
    busy: dict[tuple[str, int, str], float] = {}
    idle = 0.0
    for key, (_cc, _nc, tottime, _ct, _callers) in stats.items():
        if any(s in key[2] for s in IDLE):
            idle += tottime
        else:
            busy[key] = tottime
    per_request = 1000 / requests
    by_area: dict[str, float] = defaultdict(float)
    for key, t in busy.items():
        by_area[area_of(key)] += t
    cumulative = {f"{Path(k[0]).name}:{k[2]}": round(v[3] * per_request, 3) for k, v in stats.items()
                  if k[2] in ("get_document", "find", "query", "_execute", "serialize_response", "security_headers",
                              "run_endpoint_function", "solve_dependencies", "handle", "log_message")
                  or "method 'execute' of" in k[2]}
    return {
        "requests": requests, "busy_ms_per_request": round(sum(busy.values()) * per_request, 3),
        "idle_ms_per_request": round(idle * per_request, 3),
        "by_area_ms_per_request": {k: round(v * per_request, 3)
                                   for k, v in sorted(by_area.items(), key=lambda x: -x[1])},
        "top_own_time_ms_per_request": [{"function": f"{Path(k[0]).name}:{k[1]}:{k[2]}", "area": area_of(k),
                                         "ms": round(t * per_request, 4), "calls_per_request":
                                         round(stats[k][1] / requests, 2)}
                                        for k, t in sorted(busy.items(), key=lambda x: -x[1])[:top]],
        "cumulative_ms_per_request": dict(sorted(cumulative.items(), key=lambda x: -x[1])),
    }


def profile_lookups(store: Path, work: Path, lookup: Endpoint, connections: int, requests: int,
                    seed: int) -> dict[str, Any]:
    """Run the server under cProfile, send ``requests`` lookups from the Python client over ``connections``
    connections (1: requests one after another, so no wait on the store's lock counts as time), summarise."""
    prof = work / "server.prof"
    server = ApiServer.profiled(store, work / "server-profiled.log", prof)
    with server:
        assert server.process is not None
        run_python_client(server.port, lookup, connections, requests=300, seed=seed + 7)  # warm-up
        server.process.send_signal(signal.SIGUSR1)
        time.sleep(0.5)
        load = run_python_client(server.port, lookup, connections, requests=requests, seed=seed)
        server.process.send_signal(signal.SIGUSR2)
        deadline = time.monotonic() + 60
        while not prof.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    return {"connections": connections, "client": load, **profile_summary(prof, load["requests"])}


# --- output -----------------------------------------------------------------------------------------

def print_runs(runs: dict[str, dict[str, Any]], client: str) -> None:
    table = Table(title=f"luocdo serve on loopback ({client}): req/s, latency, ratio to /healthz")
    for column in ("connections", "endpoint", "req/s", "p50 ms", "p99 ms", "× healthz", "errors", "KB/resp"):
        table.add_column(column, justify="left" if column in ("endpoint",) else "right")
    for c, at in runs.items():
        for name, r in at.items():
            table.add_row(c, name, f"{r['rps']:,.1f}", f"{r['p50_ms']:.2f}", f"{r['p99_ms']:.2f}",
                          f"{r['vs_healthz']:.3f}", str(r["errors"]), str(r.get("kb_per_response", "")))
    console.print(table)


def print_profile(p: dict[str, Any]) -> None:
    console.print(f"profiled: {p['requests']:,} lookups over {p['connections']} connection(s) at "
                  f"{p['client']['rps']:,.0f} req/s under cProfile; "
                  f"server busy {p['busy_ms_per_request']:.2f} ms per request")
    areas = Table(title="server time by library (ms per request, own time)")
    areas.add_column("library")
    areas.add_column("ms", justify="right")
    for name, ms in p["by_area_ms_per_request"].items():
        areas.add_row(name, f"{ms:.3f}")
    console.print(areas)
    top = Table(title="top functions by own time (ms per request)")
    for column in ("function", "library", "ms", "calls/req"):
        top.add_column(column, justify="left" if column in ("function", "library") else "right")
    for f in p["top_own_time_ms_per_request"]:
        top.add_row(f["function"][:90], f["area"], f"{f['ms']:.3f}", f"{f['calls_per_request']}")
    console.print(top)
    console.print("cumulative (ms per request): " + ", ".join(f"{k} {v}" for k, v in
                                                             p["cumulative_ms_per_request"].items()))


# --- the benchmark ----------------------------------------------------------------------------------

@contextmanager
def loaded_store(work: Path, docs: int, seed: int, batch: int) -> Iterator[LoadedStore]:
    """A filled store, closed again so that the server can open its directory."""
    loaded = build_store(work / "store", docs, seed, batch)
    loaded.store.close()
    yield loaded


def bench_api(work: Path, args: Any) -> dict[str, Any]:
    with loaded_store(work, args.docs, args.seed, args.load_batch) as loaded:
        eps = endpoints(work, loaded, args.seed)
        script: Path | None = None
        if wrk_available():
            script = work / "random_paths.lua"
            script.write_text(WRK_SCRIPT, encoding="utf-8")
        else:
            console.print("[yellow]wrk is not installed (apt-get install wrk): using the Python client[/yellow]")
        with ApiServer.luocdo_serve(loaded.path, work / "server.log") as server:
            checks = curl_check(server.base, eps)
            console.print(f"curl: {len(checks)} paths answer 200, e.g. {checks[1]['path']}")
            runs = measure_all(server, eps, script, args.connections, args.duration, args.seed)
            rss = server_rss_mb(server)
        lookup_rps = runs[str(TARGET_CONNECTIONS)]["lookup"]["rps"] if str(TARGET_CONNECTIONS) in runs else None
        met = lookup_rps is not None and lookup_rps >= LOOKUP_TARGET_RPS
        result: dict[str, Any] = {
            "documents": len(loaded.documents), "citation_edges": loaded.citation_edges,
            "load_seconds": {k: round(v, 2) for k, v in loaded.seconds.items()},
            "client": "wrk" if script else "python (wrk missing)",
            "paths": {ep.name: ep.count for ep in eps}, "curl_checks": checks, "server_rss_mb": rss,
            "runs": runs,
            "target": {"lookup_rps_min": LOOKUP_TARGET_RPS, "connections": TARGET_CONNECTIONS,
                       "lookup_rps": lookup_rps, "met": met},
        }
        if args.profile or not met:
            console.print("profiling the server under cProfile …")
            result["profile"] = profile_lookups(loaded.path, work, eps[1], args.profile_connections,
                                                args.profile_requests, args.seed)
    return result


def parse_args(argv: list[str] | None) -> Any:
    parser = make_parser(__doc__, RESULTS)
    parser.add_argument("--connections", default=",".join(map(str, CONNECTIONS)),
                        help="concurrent connections, comma-separated (default: %(default)s)")
    parser.add_argument("--duration", type=float, default=DURATION_S, help="seconds per run (default: %(default)s)")
    parser.add_argument("--profile", action="store_true", help="profile the server even when the target is met")
    parser.add_argument("--profile-requests", type=int, default=PROFILE_REQUESTS,
                        help="lookups sent to the profiled server (default: %(default)s)")
    parser.add_argument("--profile-connections", type=int, default=PROFILE_CONNECTIONS,
                        help="connections sending them (default: %(default)s)")
    args = parser.parse_args(argv)
    args.connections = [int(c) for c in str(args.connections).split(",")]
    if args.quick:
        args.docs = min(args.docs, QUICK_DOCS)
        args.duration = min(args.duration, QUICK_DURATION_S)
        args.profile_requests = min(args.profile_requests, 1000)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stop_on_sigterm()
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="luocdo-api-bench-"))
    try:
        results = bench_api(work, args)
    finally:
        if args.keep:
            console.print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print_runs(results["runs"], results["client"])
    target = results["target"]
    verdict = "[green]met[/green]" if target["met"] else "[red]missed[/red]"
    console.print(f"lookups at {TARGET_CONNECTIONS} connections: {target['lookup_rps']} req/s, "
                  f"target ≥ {LOOKUP_TARGET_RPS:.0f}: {verdict}")
    if "profile" in results:
        print_profile(results["profile"])
    write_results(args.out, args, results, started)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == SERVE_PROFILED:
        serve_profiled(*sys.argv[2:])
    else:
        sys.exit(main())
