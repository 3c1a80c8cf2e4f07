"""Implementation chains up to every root, unknown ids answered with suggestions, and search that
matches whole words and ranks (issue 19, items 7 and 8), on the seed plans in data/samples."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from luocdo.graph.ladybug_store import LadybugStore
from luocdo.graph.search import fold, has_words
from luocdo.queries.named import UnknownDocument, run_named

from .api_server import in_process, ladybug
from .conftest import SAMPLES, ingested
from .support import luocdo


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested(Path(tmp_path_factory.mktemp("chains")) / "store", SAMPLES)


@pytest.fixture(scope="module")
def store(store_path: Path) -> Iterator[LadybugStore]:
    with closing(LadybugStore(store_path, read_only=True)) as opened:
        yield opened


def seed(store: LadybugStore, prefix: str) -> str:
    rows = store.query("MATCH (d:Document) WHERE d.source CONTAINS $p RETURN d.id AS id", {"p": f"/{prefix}-"})
    (row,) = rows
    return str(row["id"])


def chains(store: LadybugStore, doc_id: str) -> list[list[str]]:
    rows = run_named(store, "implementation_chain", {"id": doc_id})
    return [[d["id"] for d in r["documents"]] for r in rows]


def test_local_plans_have_chains_up_to_their_local_roots(store: LadybugStore) -> None:
    # Seed 000 (thị xã Hồng Lĩnh) carries out the province plan 191/KH-UBND of UBND tỉnh Hà Tĩnh;
    # seed 003 (phường Trương Quang Trọng) the city plan 52/KH-UBND: neither reaches a law in the
    # graph, and both were "no rows" when only paths ending at a national document counted.
    assert ["191/KH-UBND@ubnd-ha-tinh@2022"] in [p[1:] for p in chains(store, seed(store, "000"))]
    assert ["52/KH-UBND@ubnd-thanh-pho-quang-ngai@2023"] in [p[1:] for p in chains(store, seed(store, "003"))]


def test_the_commune_to_district_step_is_kept(store: LadybugStore) -> None:
    # Seed 001: "Thực hiện Kế hoạch số 49/KH-UBND … của UBND huyện Bình Gia" beside Law 10/2022/QH15.
    paths = chains(store, seed(store, "001"))
    assert any(p[1] == "49/KH-UBND@ubnd-huyen-binh-gia@2025" for p in paths)
    assert any(p[-1] == "10/2022/QH15" for p in paths)
    tops = {p[-1] for p in paths}
    for top in tops:  # every path ends at a root: nothing above it in the graph
        assert not store.query("MATCH (:Document {id: $id})-[:IMPLEMENTS|BASED_ON]->(u:Document) RETURN u.id",
                               {"id": top})


@pytest.mark.parametrize(("wanted", "closest"), [("10/2022", "10/2022/QH15"), ("10/2022/qh15", "10/2022/QH15"),
                                                 ("34/2007/PL-UBTVQH", "34/2007/PL-UBTVQH11")])
def test_a_near_miss_is_an_error_with_the_closest_ids(store: LadybugStore, wanted: str, closest: str) -> None:
    with pytest.raises(UnknownDocument) as err:
        run_named(store, "implementation_chain", {"id": wanted})
    assert err.value.suggestions[0] == closest and wanted in str(err.value)


def test_unknown_ids_through_cli_and_api(store_path: Path) -> None:
    result = luocdo("query", "implementation_chain", "--param", "id=10/2022", "--store", str(store_path))
    assert result.returncode == 2 and "no document 10/2022" in result.stderr and "10/2022/QH15" in result.stderr
    with in_process(ladybug(store_path, read_only=True)) as client:
        missing = client.get("/documents/10/2022/qh15")
        assert missing.status_code == 404 and missing.json()["suggestions"][0] == "10/2022/QH15"
        named = client.post("/queries/implementation_chain", json={"parameters": {"id": "10/2022"}})
        assert named.status_code == 404 and "10/2022/QH15" in named.json()["suggestions"]


def test_search_matches_whole_words_and_ranks_the_law_first(store_path: Path) -> None:
    with in_process(ladybug(store_path, read_only=True)) as client:
        items = client.get("/documents", params={"q": "dan chu co so", "limit": 200}).json()["items"]
        assert items[0]["id"] == "10/2022/QH15"
        for item in items:
            text = fold(" ".join(str(item.get(k) or "") for k in ("id", "number", "type", "title", "issuer")))
            assert has_words(text, ["dan", "chu", "co", "so"]), item["id"]
        by_number = client.get("/documents", params={"q": "34/2007/PL-UBTVQH11"}).json()["items"]
        assert by_number[0]["id"] == "34/2007/PL-UBTVQH11"
        first = client.get("/documents", params={"q": "ke hoach", "limit": 2}).json()
        second = client.get("/documents", params={"q": "ke hoach", "limit": 2, "cursor": first["next_cursor"]}).json()
        assert not {d["id"] for d in first["items"]} & {d["id"] for d in second["items"]}


def test_whole_words_only() -> None:
    assert has_words(fold("Quy chế dân chủ ở cơ sở"), ["dan", "chu"])
    assert not has_words(fold("danh mục thủ tục hành chính"), ["dan"])


def test_a_local_number_resolves_to_what_the_graph_holds(store: LadybugStore) -> None:
    """Issue 19, item 6: "Kế hoạch 49/KH-UBND" read in the Hưng Đạo plan (seed 001, which names
    huyện Bình Gia) is the district's plan in the graph, not an invented id at confidence 1.0."""
    from luocdo.queries.lookup import resolve_citation

    context = store.query("MATCH (d:Document {id: $id}) RETURN d AS node", {"id": seed(store, "001")})[0]["node"]
    in_context = resolve_citation(store, "Kế hoạch 49/KH-UBND", context)
    assert in_context[0].id == "49/KH-UBND@ubnd-huyen-binh-gia@2025" and in_context[0].in_graph
    assert all(c.confidence < 0.5 for c in in_context if not c.in_graph)
    alone = resolve_citation(store, "Kế hoạch 49/KH-UBND")
    assert alone[0].in_graph and alone[0].confidence <= 0.5
    assert all(c.confidence <= 0.3 for c in alone if not c.in_graph)
