"""The Neo4j store over a real Bolt server (FalkorDB here; a Neo4j 5 when LUOCDO_TEST_NEO4J_URI names one)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from luocdo.graph.build import file_graph
from luocdo.graph.errors import QueryRejected, StoreError
from luocdo.graph.neo4j_store import Neo4jSettings, bolt_store
from luocdo.graph.push import push
from luocdo.ingest.pipeline import extract
from luocdo.queries import audits
from luocdo.queries.documents import labels_of
from luocdo.queries.named import named_queries, run_named

from .conftest import SAMPLES, BoltServer, Stores
from .graphs import synthetic_graphs
from .support import luocdo

PARAMS: dict[str, dict[str, Any]] = {
    "implementers_of": {"number": "10/2022/QH15"}, "implementation_chain": {"id": "15/2024/NQ-HĐND@khanh-hoa"},
    "citations_of": {"id": "59/2023/NĐ-CP"}, "cited_by": {"id": "34/2007/PL-UBTVQH11"},
    "outdated_citations": {"as_of": "2024-01-01"}, "citation_conflicts": {},
    "coverage": {"number": "10/2022/QH15", "province": "Lạng Sơn", "level": "commune"},
    "most_cited": {"limit": 10}, "unresolved": {"limit": 10},
    "neighbours": {"id": "34/2007/PL-UBTVQH11", "limit": 50}, "degree": {"id": "10/2022/QH15"},
    "validity_facts": {"id": "*"}, "ended_citations": {}, "unknown_validity": {"limit": 10}, "validity_share": {},
    # a document's page (issue 18, item 5)
    "validity_acts": {"id": "10/2022/QH15"}, "document_conflicts": {"id": "34/2007/PL-UBTVQH11"},
    "ended_citations_of": {"id": "file:ke-hoach~f20d0340adcc"},
}


def settings(server: BoltServer) -> Neo4jSettings:
    return Neo4jSettings(server.uri, server.user, server.password)


def neo4j_args(server: BoltServer) -> list[str]:
    return ["--neo4j-uri", server.uri, "--neo4j-user", server.user, "--neo4j-password", server.password]


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("embedded") / "store"
    assert luocdo("ingest", str(SAMPLES), "--store", str(path)).returncode == 0
    return path


def canonical(rows: list[dict[str, Any]]) -> list[str]:
    """Rows as sorted JSON, lists inside sorted too: the order of collect() is the engine's own."""
    def norm(value: Any) -> Any:
        if isinstance(value, list):
            return sorted((norm(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        if isinstance(value, dict):
            return {k: norm(v) for k, v in value.items()}
        return value
    return sorted(json.dumps(norm(r), sort_keys=True, ensure_ascii=False) for r in rows)


def test_push_gives_the_same_graph_and_answers(bolt: BoltServer, embedded: Path, stores: Stores) -> None:
    result = luocdo("push", "--to", bolt.uri, "--neo4j-user", bolt.user, "--neo4j-password", bolt.password,
                    "--store", str(embedded))
    assert result.returncode == 0, result.stderr
    source = stores.open(embedded, read_only=True)
    target = stores.keep(bolt_store(settings(bolt)))
    assert target.stats() == source.stats()
    assert set(PARAMS) == set(named_queries())
    for name, params in PARAMS.items():
        theirs, ours = run_named(target, name, params), run_named(source, name, params)
        assert ours, name
        assert canonical(theirs) == canonical(ours), name
    assert audits.citation_conflicts(target) == audits.citation_conflicts(source)
    ids = {i for r in audits.citation_conflicts(source) for i in (r["cited"], *r["citing"])} | {"no/such-id"}
    assert labels_of(target, ids) == labels_of(source, ids) and len(labels_of(source, ids)) == len(ids) - 1
    again = luocdo("push", "--to", bolt.uri, *neo4j_args(bolt)[2:], "--store", str(embedded), "--batch-size", "3")
    assert again.returncode == 0, again.stderr
    assert target.stats() == source.stats()  # pushing twice changes nothing


def test_a_cut_off_push_resumes_without_duplicates(bolt: BoltServer, tmp_path: Path, stores: Stores) -> None:
    source = stores.open(tmp_path / "s")
    source.ingest(synthetic_graphs(300))
    target = stores.keep(bolt_store(settings(bolt)))

    def cut(stage: str, n: int) -> None:
        if stage == "citations":
            raise ConnectionAbortedError("cut off after the first page of citations")

    with pytest.raises(ConnectionAbortedError):
        push(source, target, page=50, on_progress=cut)
    partial = target.stats()
    assert partial["documents"] == source.stats()["documents"]
    assert 0 < partial["edges"]["CITES"] < source.stats()["edges"]["CITES"]
    push(source, target, page=50)
    assert target.stats() == source.stats()
    dupes = target.read("MATCH (a:Document)-[r:CITES]->(b:Document) WITH a.id AS a, r.start_offset AS s, "
                        "count(r) AS n WHERE n > 1 RETURN count(*) AS dupes")
    assert dupes == [{"dupes": 0}]


def test_server_killed_mid_push_then_a_second_push_completes(bolt: BoltServer, tmp_path: Path,
                                                             stores: Stores) -> None:
    if bolt.process is None:
        pytest.skip("a Neo4j named by LUOCDO_TEST_NEO4J_URI is not ours to kill")
    source = stores.open(tmp_path / "s")
    source.ingest(synthetic_graphs(200))
    target = stores.keep(bolt_store(settings(bolt)))

    def kill(stage: str, n: int) -> None:
        if stage == "citations":
            bolt.stop()

    with pytest.raises(StoreError):
        push(source, target, page=50, on_progress=kill)
    target.close()
    bolt.start()
    target = stores.keep(bolt_store(settings(bolt)))
    push(source, target, page=50)
    assert target.stats() == source.stats()


def test_ingest_straight_into_the_server(bolt: BoltServer) -> None:
    result = luocdo("ingest", str(SAMPLES), "--backend", "neo4j", *neo4j_args(bolt))
    assert result.returncode == 0, result.stderr
    stats = json.loads(luocdo("stats", "--backend", "neo4j", *neo4j_args(bolt), "--json").stdout)
    assert stats["in_corpus"] == 5
    rows = json.loads(luocdo("audit", "outdated", "--as-of", "2024-01-01", "--backend", "neo4j",
                             *neo4j_args(bolt), "--json").stdout)
    assert sorted(Path(r["citing_source"]).name[:3] for r in rows if r["cited"] == "34/2007/PL-UBTVQH11") == [
        "000", "002", "003"]
    again = luocdo("ingest", str(SAMPLES), "--backend", "neo4j", *neo4j_args(bolt))
    assert again.returncode == 0
    assert json.loads(luocdo("stats", "--backend", "neo4j", *neo4j_args(bolt), "--json").stdout) == stats


def test_writes_through_the_read_path_are_refused(bolt: BoltServer, stores: Stores) -> None:
    store = stores.keep(bolt_store(settings(bolt)))
    store.ingest([file_graph(extract(next(SAMPLES.glob("001-*"))))])
    before = store.stats()
    for statement in ("CREATE (:Document {id: 'x'})", "MATCH (d:Document) DETACH DELETE d",
                      "MATCH (d:Document) SET d.title = 'x'", "MERGE (d:Document {id: 'y'})",
                      "CALL dbms.security.createUser('x', 'y', false)", "MATCH (d) RETURN d; MATCH (d) DELETE d"):
        with pytest.raises(QueryRejected):
            store.read(statement)
        result = luocdo("cypher", statement, "--backend", "neo4j", *neo4j_args(bolt))
        assert result.returncode == 2 and "error:" in result.stderr
    assert store.stats() == before


def test_batch_size_is_tunable(bolt: BoltServer, stores: Stores) -> None:
    rows = [{"id": f"d{i}", "title": "t"} for i in range(20)]
    store = stores.keep(bolt_store(Neo4jSettings(bolt.uri, bolt.user, bolt.password, batch_rows=3)))
    assert [len(b) for b in store._batches(rows)] == [3] * 6 + [2]
    with pytest.raises(StoreError, match="at least one row"):
        Neo4jSettings(bolt.uri, batch_rows=0)  # NEO4J_BATCH_SIZE from the environment: tests/test_settings.py
    result = luocdo("push", "--to", bolt.uri, *neo4j_args(bolt)[2:], "--batch-size", "0")
    assert result.returncode == 2 and "--batch-size" in result.stderr


def test_unreachable_server_is_one_clear_line() -> None:
    result = luocdo("stats", "--backend", "neo4j", "--neo4j-uri", "bolt://127.0.0.1:9")
    assert result.returncode == 2
    assert "cannot reach the Neo4j server at bolt://127.0.0.1:9" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_validity_facts_read_in_texts_land_the_same_on_the_server(bolt: BoltServer, tmp_path: Path,
                                                                  stores: Stores) -> None:
    """Issue 16: a text's acts (law 47/2024/QH15 amends 10/2022/QH15; decree 02/2021/NĐ-CP repeals
    10/2005/NĐ-CP) written straight into the server, and pushed from the embedded store, answer as
    the embedded store does; a re-read file replaces them there too."""
    from luocdo.graph.build import file_graph
    from luocdo.ingest.pipeline import extract

    from .conftest import CORPUS

    texts = [CORPUS / "johnpa02_tvpl" / "Luat-Quy-hoach-do-thi-va-nong-thon-2024.txt",
             Path(__file__).parent / "gold" / "validity" / "Nghi-dinh-02-2021-ND-CP.txt"]
    graphs = [file_graph(extract(p)) for p in texts]
    embedded = stores.open(tmp_path / "s")
    embedded.ingest(graphs)
    server = stores.keep(bolt_store(settings(bolt)))
    server.ingest([file_graph(extract(p)) for p in texts])
    for doc in ("10/2022/QH15", "10/2005/NĐ-CP"):
        ours = run_named(embedded, "validity_facts", {"id": doc})
        assert ours and canonical(run_named(server, "validity_facts", {"id": doc})) == canonical(ours), doc
        for day in ("2021-02-28", "2021-03-01", "2025-08-01"):
            assert audits.document_status(server, doc, day) == audits.document_status(embedded, doc, day)
    server.ingest([file_graph(extract(p)) for p in texts])  # unchanged: nothing doubled
    push(embedded, server)  # a push replaces the text facts it carries, not adds to them
    assert len(run_named(server, "validity_facts", {"id": "10/2005/NĐ-CP"})) == 1


def test_a_citation_without_its_year_joins_the_dated_document_on_the_server(bolt: BoltServer, tmp_path: Path,
                                                                              stores: Stores) -> None:
    """As on LadybugDB (test_graph_build.py): "Chỉ thị số 33/CT-TTg" without its date, read after
    the dated citation, points at the one 33/CT-TTg the server holds."""
    dated, undated = tmp_path / "a.txt", tmp_path / "b.txt"
    dated.write_text("KẾ HOẠCH\n\nThực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ;\n",
                     encoding="utf-8")
    undated.write_text("KẾ HOẠCH\n\nThực hiện Chỉ thị số 33/CT-TTg của Thủ tướng Chính phủ;\n", encoding="utf-8")
    store = stores.keep(bolt_store(settings(bolt)))
    store.ingest([file_graph(extract(dated))])
    store.ingest([file_graph(extract(undated))])
    rows = store.read("MATCH (d:Document)-[r:IMPLEMENTS]->(c:Document) WHERE r.origin IS NULL "
                      "RETURN c.id AS id, count(d) AS n")
    assert rows == [{"id": "33/CT-TTg@2021", "n": 2}]


def test_a_renumbered_file_leaves_no_ghost_on_the_server(bolt: BoltServer, tmp_path: Path, stores: Stores) -> None:
    """As on LadybugDB (test_store_integrity.py): a plan edited from 77 to 78 is one document."""
    from luocdo.graph.load import ingest_paths

    from .test_store_integrity import PLAN, implementers

    plan = tmp_path / "ke-hoach.txt"
    store = stores.keep(bolt_store(settings(bolt)))
    for number in (77, 78):
        plan.write_text(PLAN.format(number=number), encoding="utf-8")
        ingest_paths(store, [plan])
    now = implementers(store)
    assert {i for i in now if i.startswith("78/KH-UBND")} and not {i for i in now if i.startswith("77/KH-UBND")}
    assert store.read("MATCH (d:Document) WHERE d.id STARTS WITH '77/KH-UBND' RETURN d.id AS id") == []
