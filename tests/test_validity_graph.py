"""Validity facts in the graph (issue 16, item 3): what a text says of validity becomes edges and
node dates in a real LadybugDB store; a document's status as of a date comes from them, reference
data first; a re-read file replaces what its text said, never the reference data.

Texts: ``tests/corpus/johnpa02_tvpl/Luat-Quy-hoach-do-thi-va-nong-thon-2024.txt`` (law 47/2024/QH15,
copied from the shared corpus) and ``tests/gold/validity/Nghi-dinh-02-2021-ND-CP.txt`` (decree
02/2021/NĐ-CP, which repeals 10/2005/NĐ-CP from 2021-03-01); the sample plans (the seeds).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import ladybug
import pytest

from luocdo.graph import writes
from luocdo.graph.build import file_graph
from luocdo.graph.ladybug_store import SCHEMA_VERSION, LadybugStore
from luocdo.graph.reference import read_reference_csv
from luocdo.ingest.pipeline import extract
from luocdo.queries.audits import document_status, validity_conflicts

from .conftest import CORPUS, SAMPLES

HERE = Path(__file__).resolve().parent
LAW = CORPUS / "johnpa02_tvpl" / "Luat-Quy-hoach-do-thi-va-nong-thon-2024.txt"
DECREE = HERE / "gold" / "validity" / "Nghi-dinh-02-2021-ND-CP.txt"
FACT = ("MATCH (a:Document)-[r:{rel}]->(b:Document {{id: $target}}) RETURN a.id AS source, r.origin AS origin, "
        "r.since AS since, r.scope AS scope, r.pinpoint AS pinpoint, r.start_offset AS start_at, "
        "r.end_offset AS end_at, r.sentence AS sentence, r.verified AS verified")
REFERENCE_FACTS = ("MATCH (:Document)-[r:REPLACES|AMENDS|REPEALS|SUSPENDS]->(:Document) "
                   "WHERE r.start_offset IS NULL RETURN count(r) AS n")


def ingest(store: LadybugStore, *paths: Path) -> None:
    store.ingest([file_graph(extract(p)) for p in paths])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LadybugStore]:
    s = LadybugStore(tmp_path / "store")
    try:
        yield s
    finally:
        s.close()


@pytest.mark.parametrize("copy_min_rows", [1, 100_000], ids=["copy", "unwind"])
def test_the_amending_law_has_amends_edges_from_its_text(tmp_path: Path, copy_min_rows: int) -> None:
    store = LadybugStore(tmp_path / "store", copy_min_rows=copy_min_rows)
    try:
        ingest(store, LAW)
        (edge,) = store.query(FACT.format(rel="AMENDS"), {"target": "10/2022/QH15"})
        assert edge["source"] == edge["origin"] == "47/2024/QH15"
        assert (edge["since"], edge["scope"], edge["verified"]) == ("2025-07-01", "part", None)
        original = LAW.read_text(encoding="utf-8")
        assert "10/2022/QH15" in original[edge["start_at"]:edge["end_at"]]
        assert "Sửa đổi, bổ sung một số điều của Luật Thực hiện dân chủ ở cơ sở" in edge["sentence"]
        (node,) = store.query("MATCH (d:Document {id: '47/2024/QH15'}) RETURN d.effective_from AS f, "
                              "d.text_effective_from AS t")
        assert node == {"f": "2025-07-01", "t": "2025-07-01"}
        status = document_status(store, "10/2022/QH15", "2025-08-01")
        assert status["status"] == "in force" and "47/2024/QH15" in status["amended_by"]
    finally:
        store.close()


def test_a_repeal_in_a_text_ends_the_document_from_its_date(store: LadybugStore) -> None:
    ingest(store, DECREE)
    assert document_status(store, "10/2005/NĐ-CP", "2021-02-28")["status"] != "expired"
    ended = document_status(store, "10/2005/NĐ-CP", "2021-03-01")
    assert (ended["status"], ended["since"], ended["by"]) == ("expired", "2021-03-01", "02/2021/NĐ-CP")
    assert (ended["evidence"], ended["said_by"]) == ("text", "Nghị định 02/2021/NĐ-CP")
    assert "10/2005/NĐ-CP" in ended["sentence"] and "hết hiệu lực" in ended["sentence"]


def test_a_reread_file_replaces_its_text_facts_and_keeps_the_reference_data(store: LadybugStore,
                                                                            tmp_path: Path) -> None:
    copy = tmp_path / "decree.txt"
    shutil.copy(DECREE, copy)
    reference = store.query(REFERENCE_FACTS)[0]["n"]
    ingest(store, copy)
    assert len(store.query(FACT.format(rel="REPEALS"), {"target": "10/2005/NĐ-CP"})) == 1
    ingest(store, copy)  # unchanged: skipped, nothing doubled
    assert len(store.query(FACT.format(rel="REPEALS"), {"target": "10/2005/NĐ-CP"})) == 1
    copy.write_text(DECREE.read_text(encoding="utf-8").replace("hết hiệu lực thi hành kể từ ngày Nghị định này",
                                                               "vẫn áp dụng sau ngày Nghị định này"),
                    encoding="utf-8")
    ingest(store, copy)
    assert store.query(FACT.format(rel="REPEALS"), {"target": "10/2005/NĐ-CP"}) == []
    assert store.query(REFERENCE_FACTS)[0]["n"] == reference > 0
    assert store.query(FACT.format(rel="REPLACES"), {"target": "34/2007/PL-UBTVQH11"})  # the seeds' fact stays


def test_the_reference_data_comes_first_and_disagreeing_texts_are_listed(store: LadybugStore,
                                                                        tmp_path: Path) -> None:
    documents = tmp_path / "documents.csv"
    documents.write_text("number,type,issuer,signed_date,effective_date,status,verified\n"
                         "02/2021/NĐ-CP,Nghị định,Chính phủ,2021-01-07,2021-02-15,in force,yes\n", encoding="utf-8")
    relations = tmp_path / "relations.csv"
    relations.write_text("source,relation,target,since,verified,origin\n"
                         "02/2021/NĐ-CP,REPEALS,10/2005/NĐ-CP,2021-04-01,no,a test\n", encoding="utf-8")
    for path in (documents, relations):
        ref = read_reference_csv(path)
        store.load_reference(ref.documents, ref.edges)
    ingest(store, DECREE)
    (node,) = store.query("MATCH (d:Document {id: '02/2021/NĐ-CP'}) RETURN d.effective_from AS f, "
                          "d.text_effective_from AS t")
    assert node == {"f": "2021-02-15", "t": "2021-03-01"}
    assert document_status(store, "10/2005/NĐ-CP", "2021-03-15")["status"] != "expired"  # the text's date loses
    ended = document_status(store, "10/2005/NĐ-CP", "2021-04-01")
    assert (ended["status"], ended["evidence"], ended["verified"]) == ("expired (unverified)", "reference", False)
    conflicts = {(c["cited"], c["field"]): c for c in validity_conflicts(store)}
    ended_row = conflicts[("10/2005/NĐ-CP", "ended")]
    assert (ended_row["known"], ended_row["said"], ended_row["citing"]) == ("2021-04-01", "2021-03-01",
                                                                            ["02/2021/NĐ-CP"])
    own = conflicts[("02/2021/NĐ-CP", "effective_from")]
    assert (own["known"], own["said"]) == ("2021-02-15", "2021-03-01")


def test_unverified_reference_facts_say_so(store: LadybugStore) -> None:
    ingest(store, *sorted(SAMPLES.glob("*.txt")))
    for number, by in (("04/2015/NĐ-CP", "10/2022/QH15"), ("159/2016/NĐ-CP", "59/2023/NĐ-CP")):
        status = document_status(store, number, "2024-01-01")
        assert (status["status"], status["verified"], status["by"]) == ("expired (unverified)", False, by)
    verified = document_status(store, "34/2007/PL-UBTVQH11", "2024-01-01")
    assert (verified["status"], verified["verified"]) == ("expired", True)
    assert document_status(store, "34/2007/PL-UBTVQH11", "2023-06-30")["status"] != "expired"


def test_a_schema_2_store_is_migrated_and_rereads_its_files(tmp_path: Path) -> None:
    path = tmp_path / "store"
    path.mkdir()
    _schema_2_store(path / "graph.lbug")
    store = LadybugStore(path)
    try:
        assert store.query("MATCH (d:Document {id: 'x'}) RETURN d.sha256 AS sha")[0]["sha"] is None
        assert store.query("MATCH (m:Meta {key: 'schema_version'}) RETURN m.value AS v")[0]["v"] == SCHEMA_VERSION
        ingest(store, DECREE)
        assert len(store.query(FACT.format(rel="REPEALS"), {"target": "10/2005/NĐ-CP"})) == 1
        assert store.stats()["edges"]["SUSPENDS"] == 0
    finally:
        store.close()
    LadybugStore(path).close()  # opens again as it is


def test_a_migrated_store_takes_a_bulk_write_column_by_column(tmp_path: Path) -> None:
    """COPY FROM names its columns: a migrated table holds its added columns last (the text's own
    dates, a fact's evidence), which a positional COPY filled with the wrong values ("2021-03-01
    is not a valid boolean"; a large folder could not be ingested into an upgraded store)."""
    path = tmp_path / "store"
    path.mkdir()
    _schema_2_store(path / "graph.lbug")
    store = LadybugStore(path, copy_min_rows=1)  # every batch goes in with COPY FROM
    try:
        graph = file_graph(extract(DECREE))
        store.ingest([graph])
        row = store.query("MATCH (d:Document {id: $id}) RETURN d.effective_from AS f, d.text_effective_from AS t, "
                          "d.in_corpus AS c, d.citation_count AS n", {"id": graph.document.id})[0]
        assert row == {"f": "2021-03-01", "t": "2021-03-01", "c": True, "n": len(graph.citations)}
        facts = store.query(FACT.format(rel="REPEALS"), {"target": "10/2005/NĐ-CP"})
        assert [(f["source"], f["origin"]) for f in facts] == [("02/2021/NĐ-CP", "02/2021/NĐ-CP")]
    finally:
        store.close()


def _schema_2_store(file: Path) -> None:
    """A store as luocdo wrote it before validity facts (schema 2), with one file's document."""
    node_columns = [c for c in writes.NODE_COLUMNS if not c.startswith("text_")]
    kind = {c: "INT64" if c in writes.INT_COLUMNS else "BOOLEAN" if c in writes.BOOL_COLUMNS else "STRING"
            for c in (*node_columns, *writes.EDGE_COLUMNS)}
    db = ladybug.Database(str(file))
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE Meta(key STRING PRIMARY KEY, value STRING)")
    conn.execute("CREATE NODE TABLE Document(" + ", ".join(
        f"{c} {kind[c]}" + (" PRIMARY KEY" if c == "id" else "") for c in node_columns) + ")")
    for r in ("IMPLEMENTS", "BASED_ON", "CITES"):
        conn.execute(f"CREATE REL TABLE {r}(FROM Document TO Document, "
                     + ", ".join(f"{c} {kind[c]}" for c in writes.EDGE_COLUMNS) + ", since STRING, origin STRING)")
    for r in ("REPLACES", "AMENDS", "REPEALS"):
        conn.execute(f"CREATE REL TABLE {r}(FROM Document TO Document, since STRING, origin STRING)")
    conn.execute("CREATE (:Meta {key: 'schema_version', value: '2'})")
    conn.execute("CREATE (:Document {id: 'x', in_corpus: true, sha256: 'abc', citation_count: 0})")
    conn.close()
    db.close()


def test_a_renumbered_file_takes_its_text_facts_to_its_new_document(store: LadybugStore, tmp_path: Path) -> None:
    copy = tmp_path / "decree.txt"
    text = DECREE.read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    ingest(store, copy)
    copy.write_text(text.replace("Số: 02/2021/NĐ-CP", "Số: 03/2021/NĐ-CP"), encoding="utf-8")
    ingest(store, copy)
    facts = store.query(FACT.format(rel="REPEALS"), {"target": "10/2005/NĐ-CP"})
    assert [(f["source"], f["origin"]) for f in facts] == [("03/2021/NĐ-CP", "03/2021/NĐ-CP")]


def test_a_partial_end_date_is_undetermined_within_its_period() -> None:
    from luocdo.queries.validity import Fact, Own, outdated_on, status_as_of

    repealed_in_2023 = [Fact("REPEALS", "2023", source_number="1/2023/NĐ-CP", scope="whole", from_text=True)]
    assert status_as_of(Own(), repealed_in_2023, "2022-12-31").status == "unknown"
    during = status_as_of(Own(), repealed_in_2023, "2023-03-01")
    assert (during.status, during.undetermined) == ("expired", True)
    after = status_as_of(Own(), repealed_in_2023, "2024-01-01")
    assert (after.status, after.undetermined) == ("expired", False)
    cited_in_june = outdated_on(Own(), repealed_in_2023, "2023-06")
    assert cited_in_june is not None and cited_in_june.undetermined
    assert outdated_on(Own(), repealed_in_2023, "2022") is None


def test_a_document_named_without_a_number_is_a_node_without_one(store: LadybugStore) -> None:
    """Luật đất đai 1993 replaces "Luật đất đai … năm 1987", written by name only: its node has the
    name as title and type, and no number (not "name:…" shown as a number)."""
    ingest(store, HERE / "gold" / "validity" / "Luat-Dat-dai-1993.txt")
    rows = store.query("MATCH (a:Document)-[:REPLACES]->(b:Document) WHERE b.id STARTS WITH 'name:' "
                       "RETURN b.id AS id, b.number AS number, b.type AS type, b.title AS title")
    assert rows, "the replaced 1987 law is a node"
    for row in rows:
        assert row["number"] is None and row["type"] == "Luật"
        assert row["title"] == row["id"].removeprefix("name:")
