"""The REST API on a real store, the application in this process (what is about HTTP itself runs
against a real ``luocdo serve``: tests/test_api_http_limits.py, tests/test_api_safety.py)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest

from .api_server import in_process, ladybug
from .conftest import SAMPLES, ingested, sample

TOKEN = "test-token-0123456789"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    folder = tmp_path_factory.mktemp("api")
    store = ingested(folder / "store", SAMPLES)
    with in_process(ladybug(store), token=TOKEN, uploads=folder / "uploads", upload_max_bytes=200_000,
                    cypher_timeout_s=1, cypher_max_rows=50) as client:
        yield client


def seed_id(api: httpx.Client, prefix: str) -> str:
    items = api.get("/documents", params={"in_corpus": True, "limit": 200}).json()["items"]
    (found,) = [d["id"] for d in items if Path(d["source"]).name.startswith(prefix)]
    return str(found)


def is_problem(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, object] = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def test_health_and_docs(api: httpx.Client) -> None:
    health = api.get("/healthz").json()
    assert health["status"] == "ok" and health["backend"] == "ladybug" and health["documents"] > 5
    assert api.get("/openapi.json").json()["info"]["title"] == "luocdo"
    assert "swagger" in api.get("/docs").text.lower()


def test_search_is_accent_insensitive_and_filters(api: httpx.Client) -> None:
    found = api.get("/documents", params={"q": "phap lenh 34"}).json()["items"]
    assert "34/2007/PL-UBTVQH11" in [d["id"] for d in found]
    assert all("34" in d["id"] for d in found)
    communes = api.get("/documents", params={"level": "commune", "in_corpus": True}).json()["items"]
    assert sorted(Path(d["source"]).name[:3] for d in communes) == ["001", "003"]
    laws_2022 = api.get("/documents", params={"type": "Luật", "year": 2022, "limit": 200}).json()["items"]
    assert "10/2022/QH15" in [d["id"] for d in laws_2022] and all(d["date"].startswith("2022") for d in laws_2022)
    expired = api.get("/documents", params={"status": "expired", "q": "34/2007"}).json()["items"]
    assert [d["id"] for d in expired] == ["34/2007/PL-UBTVQH11"]


def test_pages_cover_everything_once(api: httpx.Client) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, str | int | bool] = {"limit": 7, "in_corpus": False, "type": "Luật"}
        if cursor:
            params["cursor"] = cursor
        page = api.get("/documents", params=params).json()
        seen += [d["id"] for d in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    everything = api.get("/documents", params={"limit": 200, "in_corpus": False, "type": "Luật"}).json()["items"]
    assert len(seen) == len(set(seen)) > 7
    assert seen == [d["id"] for d in everything][:len(seen)] or len(everything) == 200
    is_problem(api.get("/documents", params={"cursor": "!!!"}), 400)


def test_one_document_and_its_neighbours(api: httpx.Client) -> None:
    law = api.get("/documents/10/2022/QH15").json()
    assert (law["type"], law["status"], law["effective_from"]) == ("Luật", "in force", "2023-07-01")
    assert api.get("/documents/15/2024/NQ-HĐND@khanh-hoa").json()["province"] == "Khánh Hòa"
    is_problem(api.get("/documents/124-QĐ/TW"), 404)  # two documents have that number
    is_problem(api.get("/documents/99999/2099/NĐ-CP"), 404)

    plan = seed_id(api, "000")
    cites = api.get(f"/documents/{plan}/citations").json()["items"]
    original = next(SAMPLES.glob("000-*")).read_text(encoding="utf-8")
    first = cites[0]
    assert first["relation"] == "IMPLEMENTS" and original[first["start_offset"]:first["end_offset"]] == first["text"]
    assert {c["cited"] for c in cites} >= {"34/2007/PL-UBTVQH11", "191/KH-UBND@ubnd-ha-tinh@2022"}
    citing = api.get("/documents/34/2007/PL-UBTVQH11/cited-by").json()["items"]
    assert {Path(c["source"]).name[:3] for c in citing if c["source"]} == {"000", "002", "003"}

    implementers = {r["id"]: r["distance"] for r in api.get("/documents/10/2022/QH15/implementers").json()["items"]}
    assert implementers[seed_id(api, "001")] == 1 and implementers[seed_id(api, "004")] == 2
    assert seed_id(api, "004") not in {r["id"] for r in api.get("/documents/10/2022/QH15/implementers",
                                                                 params={"depth": 1}).json()["items"]}
    chain = api.get(f"/documents/{seed_id(api, '004')}/chain").json()["items"]
    assert any([d["id"] for d in r["documents"]][-1] == "10/2022/QH15" for r in chain)


def test_resolve_citations_as_written(api: httpx.Client) -> None:
    in_context = api.get("/resolve", params={"q": "Nghị định 145", "context": seed_id(api, "000")}).json()
    best = in_context["candidates"][0]
    assert (best["id"], best["reason"]) == ("145/2020/NĐ-CP", "cited so by the context document")
    assert best["confidence"] >= 0.9
    law = api.get("/resolve", params={"q": "Luật Tiếp công dân"}).json()["candidates"][0]
    assert (law["id"], law["in_graph"]) == ("42/2013/QH13", True)
    full = api.get("/resolve", params={"q": "Pháp lệnh số 34/2007/PL-UBTVQH"}).json()["candidates"]
    assert [c["id"] for c in full] == ["34/2007/PL-UBTVQH11"] and full[0]["confidence"] == 1.0
    assert api.get("/resolve", params={"q": "không có gì"}).json()["candidates"] == []


def test_extract_a_text_and_a_file(api: httpx.Client) -> None:
    text = "Căn cứ Luật Tiếp công dân; Thực hiện Kế hoạch số 191/KH-UBND ngày 03/6/2022 của UBND tỉnh Hà Tĩnh."
    out = api.post("/extract", data={"text": text}).json()
    assert {(c["number"], c["relation"]) for c in out["citations"]} == {("42/2013/QH13", "based_on"),
                                                                         ("191/KH-UBND", "implements")}
    with sample("003").open("rb") as f:
        from_file = api.post("/extract", files={"file": (sample("003").name, f, "text/plain")}).json()
    assert from_file["source"] == sample("003").name
    assert "34/2007/PL-UBTVQH11" in {c["number"] for c in from_file["citations"]}
    is_problem(api.post("/extract", files={"file": ("plan.exe", b"MZ", "application/octet-stream")}), 415)
    is_problem(api.post("/extract", files={"file": ("big.txt", b"a" * 300_000, "text/plain")}), 413)
    is_problem(api.post("/extract", files={"file": ("empty.txt", b"", "text/plain")}), 422)
    is_problem(api.post("/extract"), 422)


def test_uploads_need_the_token(api: httpx.Client, tmp_path: Path) -> None:
    before = api.get("/healthz").json()["documents"]
    body = sample("001").read_bytes().replace("Số: /KH-UBND".encode(), "Số: 77/KH-UBND".encode())
    files = [("files", ("plan-77.txt", body, "text/plain"))]
    is_problem(api.post("/documents", files=files), 401)
    is_problem(api.post("/documents", files=files, headers={"Authorization": "Bearer wrong"}), 401)
    is_problem(api.post("/documents", files=files, headers={"Authorization": TOKEN}), 401)
    assert api.get("/healthz").json()["documents"] == before
    auth = {"Authorization": f"Bearer {TOKEN}"}
    bad = ("files", ("broken.docx", b"PK\x03\x04 not really a docx", "application/octet-stream"))
    result = api.post("/documents", files=[*files, bad], headers=auth).json()
    assert [(f["file"], f["status"]) for f in result["files"]] == [("plan-77.txt", "ingested"),
                                                                   ("broken.docx", "failed")]
    assert result["files"][1]["reason"]
    node = api.get("/documents/77/KH-UBND@ubnd-xa-hung-dao@2025").json()
    assert node["in_corpus"] and node["source"].endswith("plan-77.txt")
    again = api.post("/documents", files=files, headers=auth).json()
    assert again["files"] == [{"file": "plan-77.txt", "status": "unchanged", "reason": None}]
    is_problem(api.post("/documents", files=[("files", ("x.exe", b"MZ", "application/octet-stream"))],
                        headers=auth), 415)


def test_cypher_is_read_only_capped_and_timed(api: httpx.Client) -> None:
    stats = api.get("/healthz").json()
    ok = api.post("/cypher", json={"query": "MATCH (d:Document) WHERE d.level = $level RETURN d.id AS id",
                                   "parameters": {"level": "national"}}).json()
    assert ok["columns"] == ["id"] and len(ok["rows"]) == 50 and ok["truncated"] is True
    for statement in ("CREATE (:Document {id: 'x'})", "MERGE (d:Document {id: 'x'})",
                      "MATCH (d:Document) SET d.title = 'x'", "MATCH (d:Document) DETACH DELETE d",
                      "DROP TABLE Document", "COPY Document FROM '/tmp/x.csv'",
                      "LOAD FROM '/etc/passwd' (file_format='csv') RETURN *", "ATTACH '/tmp/x' AS other",
                      "INSTALL httpfs", "CALL dbms.security.createUser('a', 'b', false)",
                      "MATCH (d) RETURN d; MATCH (d) DELETE d"):
        response = api.post("/cypher", json={"query": statement})
        assert 400 <= response.status_code < 500, statement
    slow = api.post("/cypher", json={"query": "MATCH p=(a:Document)-[*1..12]-(b:Document) RETURN count(*) AS n"})
    is_problem(slow, 408)
    assert api.get("/healthz").json() == stats  # unchanged, and still answering
    is_problem(api.post("/cypher", json={"query": "MATCH (d:Document RETURN d"}), 400)


def test_named_queries_and_audits(api: httpx.Client) -> None:
    names = {q["name"] for q in api.get("/queries").json()}
    assert {"implementers_of", "outdated_citations", "citation_conflicts", "coverage"} <= names
    rows = api.post("/queries/most_cited", json={"parameters": {"limit": 3}}).json()["items"]
    assert len(rows) == 3
    is_problem(api.post("/queries/nope", json={}), 404)
    is_problem(api.post("/queries/implementers_of", json={"parameters": {}}), 400)
    local = api.post("/queries/implementers_of", json={"parameters": {"number": "15/2024/NQ-HĐND"}}).json()["items"]
    assert {r["implements"] for r in local} == {"15/2024/NQ-HĐND@khanh-hoa"} and local
    outdated = api.get("/audit/outdated", params={"as_of": "2024-01-01"}).json()["items"]
    pl34 = {Path(r["citing_source"]).name[:3] for r in outdated if r["cited"] == "34/2007/PL-UBTVQH11"}
    assert {"000", "002", "003"} <= pl34
    conflicts = api.get("/audit/conflicts").json()["items"]
    assert {r["said"] for r in conflicts if r["number"] == "217-QĐ/TW"} == {"Quy định", "Quyết định"}
    coverage = api.get("/audit/coverage", params={"number": "10/2022/QH15", "province": "Hà Tĩnh"}).json()
    assert coverage["units"] == len(coverage["missing"]) == 12
    is_problem(api.get("/audit/outdated", params={"as_of": "yesterday"}), 400)


def test_export(api: httpx.Client) -> None:
    health = api.get("/healthz").json()
    graph = api.get("/export", params={"format": "json"}).json()
    assert len(graph["nodes"]) == health["documents"]
    assert {e["relation"] for e in graph["edges"]} >= {"IMPLEMENTS", "CITES", "REPLACES"}
    graphml = api.get("/export", params={"format": "graphml"})
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    root = ElementTree.parse(io.BytesIO(graphml.content)).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall(".//g:node", ns)) == health["documents"]
    assert len(root.findall(".//g:edge", ns)) == len(graph["edges"])
    is_problem(api.get("/export", params={"format": "pdf"}), 422)
