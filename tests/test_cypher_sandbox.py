"""Hostile user Cypher against a real server (``luocdo serve`` on a real store): nothing it sends
reads or writes a file, changes a setting, commits a write, outlives its limits or starves
luocdo's own reads, and the server never dies."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from .api_server import serving
from .conftest import SAMPLES
from .support import luocdo
from .test_cypher_guard import BYPASSES

LIMIT_S = 2.0
WORST = ["RETURN size(range(1, 1000000000)) AS n", "RETURN size(repeat('x', 1000000000)) AS n",
         "MATCH p=(a:Document)-[*1..14]-(b:Document) RETURN count(*) AS n"]
LAW = "/documents/10/2022/QH15"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, Path]]:
    folder = tmp_path_factory.mktemp("sandbox")
    store = folder / "store"
    assert luocdo("ingest", str(SAMPLES), "--store", str(store)).returncode == 0
    env = {"LUOCDO_CYPHER_TIMEOUT_S": str(LIMIT_S), "LUOCDO_CYPHER_WORKERS": "2", "LUOCDO_CYPHER_QUEUE": "4",
           "LUOCDO_CYPHER_MAX_MB": "400", "LUOCDO_UPLOADS": str(folder / "uploads")}
    with serving("--store", str(store), env=env, log=folder / "server.log") as client:
        yield client, folder


def server_pid(client: httpx.Client) -> int:
    """The ``luocdo serve`` process listening on the client's port."""
    port = f"--port\0{client.base_url.port}\0"
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_text()
            except OSError:
                continue
            if "serve" in cmdline and port in cmdline:
                return int(entry.name)
    raise AssertionError("server process not found")


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def tree_rss_mb(pid: int) -> float:
    """RSS of the server and its worker processes, in MB."""
    total = 0
    for p in [pid, *children(pid)]:
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
    return total / 2**20


def test_bypasses_read_nothing_write_nothing(server: tuple[httpx.Client, Path]) -> None:
    client, _ = server
    title = client.get(LAW).json().get("title")
    for query in BYPASSES:
        response = client.post("/cypher", json={"query": query})
        assert response.status_code == 400, (query, response.text)
        assert "root:" not in response.text
    assert client.get(LAW).json().get("title") == title and "PWNED" not in str(title)
    assert not list(Path.cwd().glob("x.csv")) and not (Path.cwd() / "dump").exists()
    assert client.get("/healthz").status_code == 200


def test_settings_stay_as_they_were(server: tuple[httpx.Client, Path]) -> None:
    client, _ = server
    seed = client.post("/cypher", json={"query": "MATCH (d:Document) WHERE d.source CONTAINS '001-' RETURN d.id AS id"})
    (doc_id,) = [row[0] for row in seed.json()["rows"]]
    chain = client.get(f"/documents/{doc_id}/chain").json()
    for setting in ("CALL var_length_extend_max_depth=1", "CALL threads=1", "call  file_search_path = '/etc'"):
        assert client.post("/cypher", json={"query": setting}).status_code == 400
    assert client.get(f"/documents/{doc_id}/chain").json() == chain
    assert chain["items"]


def test_bad_parameters_are_400(server: tuple[httpx.Client, Path]) -> None:
    client, _ = server
    deep: object = 1
    for _ in range(500):
        deep = [deep]
    for query, params in (("RETURN $a AS a", {"a": ["a", 1.5]}), ("RETURN $a AS a", {"a": deep}),
                          ("RETURN map([1,2],['a','b']) AS m", {}), ("RETURN $a AS a", {"a": 2**80}),
                          ("RETURN BLOB('\\xAA') AS b", {})):
        response = client.post("/cypher", json={"query": query, "parameters": params})
        assert response.status_code == 400, (query, response.status_code, response.text[:200])


def test_runaway_queries_end_in_time_and_memory(server: tuple[httpx.Client, Path]) -> None:
    client, _ = server
    pid = server_pid(client)
    idle = tree_rss_mb(pid)
    for query in WORST:
        peak = [idle]
        done = threading.Event()

        def watch(peak: list[float] = peak, done: threading.Event = done) -> None:
            while not done.is_set():
                peak[0] = max(peak[0], tree_rss_mb(pid))
                time.sleep(0.02)

        watcher = threading.Thread(target=watch)
        watcher.start()
        start = time.monotonic()
        response = client.post("/cypher", json={"query": query})
        took = time.monotonic() - start
        done.set()
        watcher.join()
        assert response.status_code in (408, 413), (query, response.text)
        assert took <= 1.5 * LIMIT_S, (query, took)
        assert peak[0] - idle <= 1024, (query, peak[0], idle)
    assert client.get("/healthz").status_code == 200


def test_a_crashing_worker_does_not_take_the_server(server: tuple[httpx.Client, Path]) -> None:
    client, _ = server
    pid = server_pid(client)
    answers: list[httpx.Response] = []
    slow = threading.Thread(target=lambda: answers.append(client.post("/cypher", json={"query": WORST[2]})))
    slow.start()
    deadline = time.monotonic() + 5
    workers: list[int] = []
    while not workers and time.monotonic() < deadline:
        time.sleep(0.1)
        workers = [c for c in children(pid) if "query_worker" in Path(f"/proc/{c}/cmdline").read_text()]
    for worker in workers:
        os.kill(worker, signal.SIGSEGV)
    slow.join()
    assert answers[0].status_code in (400, 408), answers[0].text
    assert client.post("/cypher", json={"query": "MATCH (d:Document) RETURN count(*) AS n"}).status_code == 200
    assert client.get("/healthz").status_code == 200


@dataclass
class Flood:
    statuses: list[int] = field(default_factory=list)
    query_times: list[float] = field(default_factory=list)
    read_times: list[float] = field(default_factory=list)
    read_errors: list[str] = field(default_factory=list)


def test_a_flood_of_worst_queries_does_not_starve_reads(server: tuple[httpx.Client, Path], full: bool) -> None:
    client, _ = server
    pid = server_pid(client)
    idle = tree_rss_mb(pid)
    seconds = 60 if full else 15
    flood, stop, peak = Flood(), threading.Event(), [idle]
    base = str(client.base_url)

    def attack(i: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as own:
            while not stop.is_set():
                start = time.monotonic()
                response = own.post("/cypher", json={"query": WORST[i % len(WORST)]})
                flood.query_times.append(time.monotonic() - start)
                flood.statuses.append(response.status_code)
                if response.status_code == 503:
                    time.sleep(0.2)

    def read() -> None:
        with httpx.Client(base_url=base, timeout=30) as own:
            while not stop.is_set():
                for path in (LAW, "/healthz"):
                    start = time.monotonic()
                    response = own.get(path)
                    flood.read_times.append(time.monotonic() - start)
                    if response.status_code != 200:
                        flood.read_errors.append(f"{path}: {response.status_code}")
                time.sleep(0.05)

    threads = [threading.Thread(target=attack, args=(i,)) for i in range(8)] + [threading.Thread(target=read)]
    for t in threads:
        t.start()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        peak[0] = max(peak[0], tree_rss_mb(pid))
        time.sleep(0.05)
    stop.set()
    for t in threads:
        t.join()
    reads = sorted(flood.read_times)
    p99 = reads[int(0.99 * (len(reads) - 1))]
    print(f"flood {seconds}s: {len(flood.statuses)} user queries ({sorted(set(flood.statuses))}), "
          f"slowest {max(flood.query_times):.2f} s; {len(reads)} reads, p50 {reads[len(reads) // 2] * 1000:.0f} ms, "
          f"p99 {p99 * 1000:.0f} ms; RSS +{peak[0] - idle:.0f} MB")
    assert not flood.read_errors
    assert set(flood.statuses) <= {408, 413, 503, 400}, flood.statuses
    assert max(flood.query_times) <= 1.5 * LIMIT_S
    assert p99 <= 0.2
    assert peak[0] - idle < 2048
    assert client.get("/healthz").status_code == 200
