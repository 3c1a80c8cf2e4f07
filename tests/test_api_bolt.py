"""The API's read endpoints on the Neo4j backend, over a real Bolt server (FalkorDB); the
application in this process."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from luocdo.graph.load import ingest_paths
from luocdo.graph.neo4j_store import Neo4jSettings, Neo4jStore, bolt_store

from .api_server import in_process
from .conftest import SAMPLES, BoltServer


def test_read_endpoints_on_bolt(bolt: BoltServer) -> None:
    def server() -> Neo4jStore:
        return bolt_store(Neo4jSettings(bolt.uri, bolt.user, bolt.password))

    with closing(server()) as writer:
        assert not ingest_paths(writer, [SAMPLES], workers=1).errors
    with in_process(server) as api:
        health = api.get("/healthz").json()
        assert health["backend"] in ("falkordb", "neo4j") and health["documents"] > 5
        found = api.get("/documents", params={"q": "phap lenh 34"}).json()["items"]
        assert "34/2007/PL-UBTVQH11" in [d["id"] for d in found]
        law = api.get("/documents/10/2022/QH15").json()
        assert law["status"] == "in force"
        citing = api.get("/documents/34/2007/PL-UBTVQH11/cited-by").json()["items"]
        assert {Path(c["source"]).name[:3] for c in citing if c.get("source")} == {"000", "002", "003"}
        implementers = {r["id"] for r in api.get("/documents/10/2022/QH15/implementers").json()["items"]}
        assert "15/2024/NQ-HĐND@khanh-hoa" in implementers
        outdated = api.get("/audit/outdated", params={"as_of": "2024-01-01"}).json()["items"]
        assert {r["replaced_by"] for r in outdated if r["cited"] == "34/2007/PL-UBTVQH11"} == {"10/2022/QH15"}
        conflicts = api.get("/audit/conflicts").json()["items"]
        assert {r["said"] for r in conflicts if r["number"] == "217-QĐ/TW"} == {"Quy định", "Quyết định"}
        rows = api.post("/cypher", json={"query": "MATCH (d:Document) WHERE d.in_corpus = true RETURN d.id AS id"})
        assert len(rows.json()["rows"]) == 5
        for statement in ("CREATE (:Document {id: 'x'})", "MATCH (d:Document) DETACH DELETE d",
                          "MERGE (d:Document {id: 'y'})", "MATCH (d:Document) SET d.title = 'x'"):
            assert 400 <= api.post("/cypher", json={"query": statement}).status_code < 500
        assert api.get("/healthz").json() == health
