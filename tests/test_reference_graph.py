"""Reference data in the graph: shipped validity facts, and users' own files loaded whole or not at all."""

from __future__ import annotations

import json
from pathlib import Path

from luocdo.graph.errors import QueryRejected
from luocdo.graph.readonly import check_read_only
from luocdo.graph.reference import reference_graph

from .conftest import SAMPLES
from .support import luocdo


def test_shipped_reference_ties_the_ordinance_to_the_law() -> None:
    ref = reference_graph()
    nodes = {n.id: n for n in ref.documents}
    pl34 = nodes["34/2007/PL-UBTVQH11"]
    assert (pl34.status, pl34.effective_to) == ("expired", "2023-07-01")
    assert ("10/2022/QH15", "34/2007/PL-UBTVQH11", "REPLACES", "2023-07-01") in {
        (e.source, e.target, e.relation, e.since) for e in ref.edges}
    assert {"124-QĐ/TW@2018", "124-QĐ/TW@2023"} <= set(nodes)  # one number, two documents
    assert nodes["HP-2013"].type == "Hiến pháp"
    for e in ref.edges:  # every edge names documents the data holds or states by id
        assert e.relation in ("REPLACES", "AMENDS", "REPEALS", "IMPLEMENTS", "BASED_ON")
        assert e.origin


def test_user_reference_file_changes_the_audit(tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    assert luocdo("ingest", str(SAMPLES), "--store", store).returncode == 0
    before = json.loads(luocdo("audit", "outdated", "--as-of", "2024-01-01", "--store", store, "--json").stdout)
    assert not [r for r in before if r["cited"] == "145/2020/NĐ-CP"]
    mine = tmp_path / "mine.csv"
    mine.write_text("number,type,issuer,signed_date,status,replaced_by,replaced_from,source\n"
                    "145/2020/NĐ-CP,Nghị định,Chính phủ,2020-12-14,expired,999/2023/NĐ-CP,2023-12-01,"
                    "a test fact\n", encoding="utf-8")
    result = luocdo("reference", "load", str(mine), "--store", store)
    assert result.returncode == 0, result.stderr
    after = json.loads(luocdo("audit", "outdated", "--as-of", "2024-01-01", "--store", store, "--json").stdout)
    rows = [r for r in after if r["cited"] == "145/2020/NĐ-CP"]
    assert rows and {(r["replaced_by"], r["since"]) for r in rows} == {("999/2023/NĐ-CP", "2023-12-01")}


def test_bad_reference_file_loads_nothing(tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    assert luocdo("ingest", str(SAMPLES), "--store", store).returncode == 0
    stats = luocdo("stats", "--store", store, "--json").stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("number,status,signed_date\n1/2020/NĐ-CP,expired,2020-01-01\n2/2020/NĐ-CP,gone,20/1/2020\n",
                   encoding="utf-8")
    result = luocdo("reference", "load", str(bad), "--store", store)
    assert result.returncode == 1
    assert "line 3" in result.stderr and "status 'gone'" in result.stderr and "ISO date" in result.stderr
    relations = tmp_path / "rel.csv"
    relations.write_text("source,relation,target\n1/2020/NĐ-CP,SUPERSEDES,2/2020/NĐ-CP\n", encoding="utf-8")
    result = luocdo("reference", "load", str(relations), "--store", store)
    assert result.returncode == 1 and "SUPERSEDES" in result.stderr
    assert luocdo("stats", "--store", store, "--json").stdout == stats


def test_read_only_guard() -> None:
    assert check_read_only(" MATCH (d) RETURN d.title AS t; ") == "MATCH (d) RETURN d.title AS t"
    assert check_read_only("MATCH (d) WHERE d.title CONTAINS 'CREATE; DELETE' RETURN d") .endswith("RETURN d")
    for bad in ("", "MATCH (d) DELETE d", "match (d) set d.x = 1", "CALL { MATCH (d) RETURN d } RETURN 1",
                "MATCH (d) RETURN d; MATCH (e) RETURN e", "LOAD FROM 'x.csv' RETURN *",
                "CALL dbms.components()", "INSTALL httpfs", "MATCH (d) RETURN d // ok\n; DROP TABLE Document",
                "COPY (MATCH (d) RETURN d) TO '/tmp/out.csv'", "LOAD EXTENSION '/tmp/x.so'", "LOAD httpfs",
                "ATTACH '/tmp/other' AS o (dbtype lbug)", "CALL apoc.export.csv.all('/tmp/x.csv', {})",
                "CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value",
                "MATCH (d) FOREACH (x IN [1] | SET d.t = 1) RETURN d", "EXPORT DATABASE '/tmp/x'",
                "match (d) remove d.title return d", "MATCH (d) CALL db.createLabel('x') RETURN d"):
        try:
            check_read_only(bad)
        except QueryRejected:
            continue
        raise AssertionError(f"accepted: {bad!r}")
