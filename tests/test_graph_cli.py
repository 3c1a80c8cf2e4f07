"""The graph as a user reaches it: ``luocdo ingest`` the samples, then query and audit them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import SAMPLES
from .support import luocdo


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "store"
    result = luocdo("ingest", str(SAMPLES), "--store", str(path))
    assert result.returncode == 0, result.stderr
    assert "5" in result.stdout  # the closing table
    return path


def run_json(*args: str) -> object:
    result = luocdo(*args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def seed_id(store: Path, prefix: str) -> str:
    rows = run_json("cypher", "MATCH (d:Document) WHERE d.in_corpus RETURN d.id AS id, d.source AS source",
                    "--store", str(store), "--json")
    assert isinstance(rows, list)
    (found,) = [r["id"] for r in rows if Path(r["source"]).name.startswith(prefix)]
    return str(found)


def test_stats_counts_the_samples(store: Path) -> None:
    stats = run_json("stats", "--store", str(store), "--json")
    assert isinstance(stats, dict)
    assert stats["in_corpus"] == 5
    assert stats["documents"] > 5
    assert set(stats["edges"]) == {"IMPLEMENTS", "BASED_ON", "CITES", "REPLACES", "AMENDS", "REPEALS", "SUSPENDS"}
    assert stats["edges"]["IMPLEMENTS"] >= 5 and stats["edges"]["CITES"] > 50


def test_chain_of_seed_001_reaches_the_law(store: Path) -> None:
    rows = run_json("query", "implementation_chain", "--param", f"id={seed_id(store, '001')}",
                    "--store", str(store), "--json")
    assert isinstance(rows, list) and rows
    paths = [[d["id"] for d in r["documents"]] for r in rows]
    assert any(p[-1] == "10/2022/QH15" for p in paths), paths
    assert len(paths) == len({tuple(p) for p in paths}), paths  # "Thực hiện" and "Căn cứ" of one law: one path
    # Local roots count too: the commune plan carries out the district's 49/KH-UBND (issue 19, item 7).
    assert any(p[1].startswith("49/KH-UBND@") for p in paths), paths


def test_implementers_of_a_number_that_is_no_id(store: Path) -> None:
    """A local number means the documents that carry it: 15/2024/NQ-HĐND is 15/2024/NQ-HĐND@khanh-hoa."""
    rows = run_json("query", "implementers_of", "--param", "number=15/2024/NQ-HĐND", "--store", str(store), "--json")
    assert isinstance(rows, list)
    assert {r["implements"] for r in rows} == {"15/2024/NQ-HĐND@khanh-hoa"}
    assert {r["id"]: r["distance"] for r in rows}[seed_id(store, "004")] == 1
    by_id = run_json("query", "implementers_of", "--param", "number=15/2024/NQ-HĐND@khanh-hoa", "--store", str(store),
                     "--json")
    assert by_id == rows
    unknown = luocdo("query", "implementers_of", "--param", "number=999/2099/NĐ-CP", "--store", str(store), "--json")
    assert unknown.returncode == 2 and "no document 999/2099/NĐ-CP" in unknown.stderr  # an error, not "no rows"


def test_implementers_of_the_law_include_001_and_004(store: Path) -> None:
    rows = run_json("query", "implementers_of", "--param", "number=10/2022/QH15", "--store", str(store), "--json")
    assert isinstance(rows, list)
    by_id = {r["id"]: r for r in rows}
    assert by_id[seed_id(store, "001")]["distance"] == 1  # "Thực hiện Luật thực hiện dân chủ cơ sở"
    assert by_id[seed_id(store, "004")]["distance"] == 2  # through Nghị quyết 15/2024/NQ-HĐND of Khánh Hòa
    assert by_id["15/2024/NQ-HĐND@khanh-hoa"]["distance"] == 1
    shallow = run_json("query", "implementers_of", "--param", "number=10/2022/QH15", "--param", "depth=1",
                       "--store", str(store), "--json")
    assert isinstance(shallow, list)
    assert seed_id(store, "004") not in {r["id"] for r in shallow}


def test_outdated_as_of_2024(store: Path) -> None:
    rows = run_json("audit", "outdated", "--as-of", "2024-01-01", "--store", str(store), "--json")
    assert isinstance(rows, list)
    pl34 = [r for r in rows if r["cited"] == "34/2007/PL-UBTVQH11"]
    assert sorted(Path(r["citing_source"]).name[:3] for r in pl34) == ["000", "002", "003"]
    assert {(r["replaced_by"], r["since"]) for r in pl34} == {("10/2022/QH15", "2023-07-01")}
    for r in rows:  # nothing still in force on that day
        assert r["since"] <= "2024-01-01" and r["status"] != "in force"
    assert {"citing", "citing_source", "cited", "replaced_by", "since"} <= set(rows[0])


def test_outdated_at_issue_date_spares_plans_written_before(store: Path) -> None:
    rows = run_json("audit", "outdated", "--as-of", "issue", "--store", str(store), "--json")
    assert isinstance(rows, list)
    assert not [r for r in rows if r["cited"] == "34/2007/PL-UBTVQH11" and r["citing_date"]
                and r["citing_date"] < "2023-07-01" and r["outdated"] != "undetermined"]  # "2023": undetermined


def test_conflicts_list_both_dates_and_both_types(store: Path) -> None:
    rows = run_json("audit", "conflicts", "--store", str(store), "--json")
    assert isinstance(rows, list)
    dates = {r["said"] for r in rows if r["number"] == "34/2007/PL-UBTVQH11" and r["field"] == "date"}
    assert dates == {"2007-04-20", "2007-04-06"}
    types = {r["said"] for r in rows if r["number"] == "217-QĐ/TW" and r["field"] == "type"}
    assert types == {"Quy định", "Quyết định"}
    wrong = [r for r in rows if r["number"] == "34/2007/PL-UBTVQH11" and r["said"] == "2007-04-06"]
    assert [c for r in wrong for c in r["citing"]] == [seed_id(store, "003")]


def test_coverage_lists_units_without_an_implementer(store: Path) -> None:
    result = run_json("audit", "coverage", "--number", "10/2022/QH15", "--province", "Lạng Sơn",
                      "--level", "commune", "--as-of", "2025-02-01", "--store", str(store), "--json")
    assert isinstance(result, dict)
    missing = {(m["district"], m["commune"]) for m in result["missing"]}
    assert ("huyện Bình Gia", "xã Hưng Đạo") not in missing
    assert len(missing) == result["units"] - 1 and result["units"] > 100


def test_every_named_query_runs(store: Path) -> None:
    params = {"implementers_of": ["number=10/2022/QH15"], "implementation_chain": ["id=15/2024/NQ-HĐND@khanh-hoa"],
              "citations_of": [f"id={seed_id(store, '000')}"], "cited_by": ["id=34/2007/PL-UBTVQH11"],
              "outdated_citations": ["as_of=2024-01-01"], "citation_conflicts": [],
              "coverage": ["number=10/2022/QH15", "province=Lạng Sơn", "level=commune"],
              "most_cited": ["limit=3"], "unresolved": ["limit=3"]}
    listing = luocdo("query", "--list")
    for name, given in params.items():
        assert name in listing.stdout
        args = [a for p in given for a in ("--param", p)]
        rows = run_json("query", name, *args, "--store", str(store), "--json")
        assert isinstance(rows, list) and rows, name
    most = run_json("query", "most_cited", "--param", "limit=3", "--store", str(store), "--json")
    assert isinstance(most, list) and len(most) == 3
    assert most[0]["citing_documents"] >= most[-1]["citing_documents"]


def test_cypher_is_read_only(store: Path) -> None:
    before = run_json("stats", "--store", str(store), "--json")
    for statement in ("MATCH (d:Document) DETACH DELETE d", "CREATE (:Document {id: 'x'})",
                      "MATCH (d:Document) SET d.title = 'x'", "LOAD FROM '/etc/passwd' (file_format='csv') RETURN *",
                      "MATCH (d:Document) RETURN d.id; MATCH (d) DELETE d", "COPY Document FROM '/tmp/x.csv'"):
        result = luocdo("cypher", statement, "--store", str(store))
        assert result.returncode == 2, statement
        assert "error:" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert run_json("stats", "--store", str(store), "--json") == before


def test_bad_queries_say_why(store: Path) -> None:
    for args, words in ((["cypher", "MATCH (d:Document RETURN d"], "Parser"),
                        (["query", "nope"], "no query named"),
                        (["query", "implementers_of"], "missing parameter number"),
                        (["query", "most_cited", "--param", "limit=many"], "whole number"),
                        (["audit", "outdated", "--as-of", "last year"], "ISO date")):
        result = luocdo(*args, "--store", str(store))
        assert result.returncode == 2, args
        assert words in result.stderr, result.stderr


def test_reading_a_missing_store_is_an_error(tmp_path: Path) -> None:
    result = luocdo("stats", "--store", str(tmp_path / "none"))
    assert result.returncode == 2
    assert "no luocdo store" in result.stderr
    assert not (tmp_path / "none").exists()


def test_a_document_parameter_must_be_a_declared_string() -> None:
    from luocdo.queries.named import _parse

    text = "// q — x\n// @param depth int = 1  How deep.\n// @document depth\nMATCH (d) RETURN d"
    with pytest.raises(ValueError, match="@document depth"):
        _parse("q", text)


def test_a_column_with_one_value_is_said_once_above_the_table(store: Path) -> None:
    """``cypher`` RETURNing the cited document on every row: its id heads the table once, whole
    (not folded to a narrow table's width), and leaves no column of dashes behind."""
    cited = "10/2022/QH15"
    result = luocdo("cypher", f"MATCH (a:Document)-[c:IMPLEMENTS]->(b:Document {{id: '{cited}'}}) "
                    "RETURN b.id AS cited, label(c) AS relation, a.title AS title", "--store", str(store),
                    env={"COLUMNS": "60"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].strip() == f"cited: {cited}"
    header = next(line for line in lines if "relation" in line)
    assert "cited" not in header and "title" in header
    assert not any(line.startswith("│ — ") for line in lines)
