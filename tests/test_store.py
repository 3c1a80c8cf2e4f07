"""The embedded store on a real LadybugDB directory: idempotent, whole files, crash-safe, serialised."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

import pytest

from luocdo.graph.build import file_graph
from luocdo.graph.errors import StoreError
from luocdo.graph.ladybug_store import LadybugStore
from luocdo.graph.load import ingest_paths
from luocdo.graph.model import CitationEdge, DocumentNode, FileGraph
from luocdo.graph.store import open_store
from luocdo.ingest.pipeline import extract

from .conftest import SAMPLES, Stores, sample
from .graphs import HUB, hub_graphs
from .support import luocdo

EDGES = ("MATCH (a:Document)-[r:IMPLEMENTS|BASED_ON|CITES]->(b:Document) WHERE r.origin IS NULL "
         "RETURN a.id AS citing, b.id AS cited, label(r) AS relation, r.start_offset AS start, r.text AS text "
         "ORDER BY citing, start, cited")


def edges_by_citing(store: LadybugStore) -> dict[str, list[tuple[str, str, int, str]]]:
    out: dict[str, list[tuple[str, str, int, str]]] = {}
    for r in store.read(EDGES):
        out.setdefault(r["citing"], []).append((r["cited"], r["relation"], r["start"], r["text"]))
    return out


def whole_files(store: LadybugStore) -> list[str]:
    """Documents whose stored edges are not exactly those their file gave (must be none)."""
    rows = store.read("MATCH (d:Document) WHERE d.in_corpus OPTIONAL MATCH (d)-[r:IMPLEMENTS|BASED_ON|CITES]->() "
                      "WHERE r.origin IS NULL RETURN d.id AS id, d.citation_count AS expected, count(r) AS stored")
    return [r["id"] for r in rows if r["expected"] != r["stored"]]


def test_ingesting_twice_changes_nothing(tmp_path: Path, stores: Stores) -> None:
    store = stores.open(tmp_path / "s")
    first = ingest_paths(store, [SAMPLES])
    stats = store.stats()
    edges = edges_by_citing(store)
    again = ingest_paths(store, [SAMPLES])
    assert (len(first.written), len(again.written), len(again.unchanged)) == (5, 0, 5)
    assert store.stats() == stats
    assert edges_by_citing(store) == edges
    assert whole_files(store) == []


def test_an_edited_file_replaces_only_its_own_edges(tmp_path: Path, stores: Stores) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(SAMPLES, folder)
    store = stores.open(tmp_path / "s")
    ingest_paths(store, [folder])
    before = edges_by_citing(store)
    edited = next(folder.glob("003-*"))
    text = edited.read_text(encoding="utf-8")
    assert "Pháp lệnh số 34/2007/PL-UBTVQH" in text
    edited.write_text(text.replace("Pháp lệnh số 34/2007/PL-UBTVQH ngày 06/4/2007", "Luật Tiếp công dân"),
                      encoding="utf-8")
    report = ingest_paths(store, [folder])
    assert (len(report.written), len(report.unchanged)) == (1, 4)
    after = edges_by_citing(store)
    (changed,) = [k for k in after if after[k] != before.get(k)]
    (source,) = [r["source"] for r in store.query("MATCH (d:Document {id: $id}) RETURN d.source AS source",
                                                    {"id": changed})]
    assert source.endswith(edited.name)  # an unnumbered plan is named by its words: edited, a new id
    assert set(before) - set(after) <= {k for k in before if k.startswith("file:")}
    assert not any(cited == "34/2007/PL-UBTVQH11" for cited, *_ in after[changed])
    assert any(cited == "42/2013/QH13" for cited, *_ in after[changed])
    assert whole_files(store) == []


def test_a_file_whose_number_changes_replaces_its_old_node(tmp_path: Path, stores: Stores) -> None:
    """Nothing names the old number any more: its node goes with its edges (no ghost implementer)."""
    plan = tmp_path / "plan.txt"
    body = sample("001").read_text(encoding="utf-8")
    plan.write_text(body.replace("Số: /KH-UBND", "Số: 12/KH-UBND"), encoding="utf-8")
    store = stores.open(tmp_path / "s")
    ingest_paths(store, [plan])
    plan.write_text(body.replace("Số: /KH-UBND", "Số: 13/KH-UBND"), encoding="utf-8")
    ingest_paths(store, [plan])
    rows = store.read("MATCH (d:Document) WHERE d.number STARTS WITH '1' AND d.number ENDS WITH '/KH-UBND' "
                      "RETURN d.number AS number, d.in_corpus AS in_corpus ORDER BY number")
    assert rows == [{"number": "13/KH-UBND", "in_corpus": True}]
    assert whole_files(store) == []


def test_bulk_copy_and_row_by_row_give_the_same_graph(tmp_path: Path, stores: Stores) -> None:
    graphs = [file_graph(extract(p)) for p in sorted(SAMPLES.glob("*.txt"))]
    bulk = stores.open(tmp_path / "bulk", copy_min_rows=1)
    rows = stores.open(tmp_path / "rows", copy_min_rows=10**9)
    bulk.ingest(graphs)
    for g in graphs:
        rows.ingest([g])
    nodes = "MATCH (d:Document) RETURN d AS node ORDER BY d.id"
    assert bulk.read(nodes) == rows.read(nodes)
    assert edges_by_citing(bulk) == edges_by_citing(rows)
    assert bulk.stats() == rows.stats()


def test_bulk_copy_keeps_every_value_as_written(tmp_path: Path, stores: Stores) -> None:
    """What a text may hold (quotes, commas, line breaks, backslashes) and the model's empty values
    (``None``; ``""`` is no value either) land the same through ``COPY FROM`` as row by row."""
    awkward = 'Căn cứ "Luật số 10/2022/QH15", \\ khoản 2;\nđiểm a) — “ngày 10/11/2022”'
    document = DocumentNode(id="5/KH-UBND@xa-tan-an", number="5/KH-UBND", title=awkward, in_corpus=True,
                            citation_count=2, verified=None)
    cited = [DocumentNode(id="10/2022/QH15", number="10/2022/QH15", title="", verified=False)]
    citations = [CitationEdge(citing=document.id, cited="10/2022/QH15", relation="IMPLEMENTS", start_offset=i,
                              end_offset=i + 5, text=awkward[:20], sentence=awkward, pinpoint="", verb=None)
                 for i in range(2)]
    graph = FileGraph(document=document, cited=cited, citations=citations)
    bulk = stores.open(tmp_path / "bulk", copy_min_rows=1)
    rows = stores.open(tmp_path / "rows", copy_min_rows=10**9)
    bulk.ingest([graph])
    rows.ingest([graph])
    nodes = "MATCH (d:Document) WHERE d.id IN ['5/KH-UBND@xa-tan-an', '10/2022/QH15'] RETURN d AS node ORDER BY d.id"
    assert bulk.read(nodes) == rows.read(nodes)
    assert bulk.read(nodes)[1]["node"]["title"] == awkward
    edges = ("MATCH (a:Document {id: '5/KH-UBND@xa-tan-an'})-[c:IMPLEMENTS]->(b) RETURN c.sentence AS sentence, "
             "c.pinpoint AS pinpoint, c.verb AS verb, c.start_offset AS start ORDER BY start")
    assert bulk.read(edges) == rows.read(edges) == [
        {"sentence": awkward, "pinpoint": None, "verb": None, "start": i} for i in range(2)]


def test_a_failed_write_leaves_nothing(tmp_path: Path, stores: Stores) -> None:
    store = stores.open(tmp_path / "s")
    graphs = [file_graph(extract(p)) for p in sorted(SAMPLES.glob("*.txt"))]
    before = store.stats()
    bad = graphs[-1].citations[-1]
    bad.start_offset = "not a number"  # the engine refuses it, late in the batch
    with pytest.raises(StoreError):
        store.ingest(graphs)
    assert store.stats() == before
    summary = ingest_paths(store, [])  # the store still answers and writes
    assert summary.files == 0
    store.ingest(graphs[:2])
    assert store.stats()["in_corpus"] == 2


def test_store_in_use_by_another_process_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "s"
    open_store(path).close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from luocdo.graph.store import open_store
        store = open_store({str(path)!r})
        print("open", flush=True)
        time.sleep(60)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        result = luocdo("ingest", str(sample("000")), "--store", str(path))
        assert result.returncode == 2
        assert "open in another process" in result.stderr
    finally:
        holder.kill()
        holder.wait()


def test_killed_mid_ingest_the_store_opens_and_holds_whole_files(tmp_path: Path, corpus: Path,
                                                                 stores: Stores) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    files = sorted(corpus.rglob("*.txt"))[:30]  # fewer than the parallel threshold: one transaction per file
    for i, f in enumerate(files):
        shutil.copy(f, folder / f"{i:03d}-{f.name}")
    path = tmp_path / "s"
    open_store(path).close()
    for at_least in (3, 12):
        proc = subprocess.Popen([sys.executable, "-m", "luocdo.cli", "ingest", str(folder), "--store", str(path)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        _wait_for_files(path, at_least)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        store = stores.open(path)
        assert whole_files(store) == []
        landed = store.stats()["in_corpus"]
        store.close()  # the next ingest takes the directory
        assert landed < len(files), "the kill came too late to test anything"
    result = luocdo("ingest", str(folder), "--store", str(path))
    assert result.returncode == 0, result.stderr
    store = stores.open(path)
    assert whole_files(store) == []
    assert store.stats()["in_corpus"] == len(files)


def _wait_for_files(path: Path, count: int, timeout: float = 120) -> None:
    """Poll the store read-only (allowed beside the writer) until ``count`` files have landed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with closing(open_store(path, read_only=True)) as reader:
                landed = reader.stats()["in_corpus"]
        except StoreError:
            landed = 0
        if landed >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"fewer than {count} files landed in {timeout} s")


def test_concurrent_reads_and_writes_are_serialised(tmp_path: Path) -> None:
    """LadybugDB crashes on concurrent calls; the store must not. Run in a child so a crash fails the test."""
    script = textwrap.dedent(f"""
        import threading
        from luocdo.graph.build import file_graph
        from luocdo.graph.store import open_store
        from luocdo.ingest.pipeline import extract
        from pathlib import Path
        store = open_store({str(tmp_path / "s")!r})
        graphs = [file_graph(extract(p)) for p in sorted(Path({str(SAMPLES)!r}).glob("*.txt"))]
        failures = []
        def writer():
            for _ in range(10):
                for g in graphs:
                    g.document.sha256 = None  # never "unchanged": every call really writes
                    store.ingest([g])
        def reader():
            for _ in range(200):
                try:
                    store.read("MATCH (d:Document)-[r:CITES]->(c:Document) RETURN count(r) AS n")
                    store.stats()
                except Exception as err:
                    failures.append(err)
        threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader) for _ in range(3)]
        for t in threads: t.start()
        for t in threads: t.join()
        assert not failures, failures
        print(store.stats()["in_corpus"])
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "5"


def test_a_large_batch_citing_a_new_document_goes_in_whole(tmp_path: Path, stores: Stores) -> None:
    """COPY of relationships once failed on a node MERGEd earlier in the same transaction."""
    store = stores.open(tmp_path / "s", copy_min_rows=500)
    store.ingest(hub_graphs(600))
    rows = store.read("MATCH (d:Document)-[r:IMPLEMENTS]->(h:Document {id: $hub}) RETURN count(r) AS n", {"hub": HUB})
    assert rows == [{"n": 600}]
    assert whole_files(store) == []


def test_a_store_a_test_opened_is_closed_when_its_assertion_fails(tmp_path: Path) -> None:
    """Issue 18, item 7: a store closed by hand after the assertions kept its lock when one failed;
    one opened through the ``stores`` fixture is closed all the same, and its directory opens again."""
    from contextlib import ExitStack

    def a_failing_test(stores: Stores) -> None:
        store = stores.open(tmp_path / "s")
        ingest_paths(store, [sample("000")])
        assert store.stats()["in_corpus"] == 0  # fails: the file landed

    with pytest.raises(AssertionError) as failed, ExitStack() as closing:  # kept, as pytest keeps a failure
        a_failing_test(Stores(closing))
    assert failed.traceback  # its frames hold the store: only closing releases the lock
    result = luocdo("ingest", str(sample("001")), "--store", str(tmp_path / "s"))  # a writer, in another process
    assert result.returncode == 0, result.stderr
