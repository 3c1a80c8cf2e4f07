"""Linked data as a user reaches it: ``luocdo export`` and ``luocdo sparql`` on the ingested samples,
and ``GET /export`` on a real server."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, Graph

from luocdo.graph.rdf_terms import ELI, LUOCDO

from .api_server import serving
from .conftest import SAMPLES
from .support import luocdo

PARSERS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rdf-cli") / "store"
    result = luocdo("ingest", str(SAMPLES), "--store", str(path))
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def stats(store: Path) -> dict[str, object]:
    result = luocdo("stats", "--store", str(store), "--json")
    assert result.returncode == 0, result.stderr
    counts: dict[str, object] = json.loads(result.stdout)
    return counts


def counts(body: bytes, fmt: str) -> tuple[int, int]:
    """Documents and relations in an export, read back with rdflib (RDF) or networkx."""
    if fmt in PARSERS:
        graph = Graph().parse(data=body, format=PARSERS[fmt])
        links = [s for cls in (LUOCDO.Citation, LUOCDO.ReferenceFact) for s in graph.subjects(RDF.type, cls)]
        return len(set(graph.subjects(RDF.type, ELI.LegalResource))), len(links)
    parsed = nx.read_graphml(io.BytesIO(body)) if fmt == "graphml" else \
        nx.node_link_graph(json.loads(body), edges="edges", multigraph=True, directed=True)
    return parsed.number_of_nodes(), parsed.number_of_edges()


def canonical(row: dict[str, object]) -> str:
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def expected(stats: dict[str, object]) -> tuple[int, int]:
    edges = stats["edges"]
    assert isinstance(edges, dict)
    return int(stats["documents"]), sum(edges.values())  # type: ignore[call-overload]


@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "nt", "graphml", "json"])
def test_export_every_format_to_a_file(fmt: str, store: Path, stats: dict[str, object], tmp_path: Path) -> None:
    out = tmp_path / f"graph.{fmt}"
    result = luocdo("export", "--format", fmt, "-o", str(out), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert counts(out.read_bytes(), fmt) == expected(stats)
    assert f"as {fmt} to" in result.stderr


def test_export_to_stdout_is_the_same_each_time_and_checks_with_shacl(store: Path) -> None:
    first = luocdo("export", "--store", str(store))  # Turtle by default
    second = luocdo("export", "--format", "ttl", "--shacl", "--store", str(store))
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert first.stdout == second.stdout and "eli:LegalResource" in first.stdout


def test_export_refuses_what_it_cannot_do(store: Path) -> None:
    for args, words in ((["--format", "pdf"], "unknown format"), (["--format", "json", "--shacl"], "RDF exports only"),
                        (["--base", "not-an-iri"], "absolute http(s) IRI")):
        result = luocdo("export", *args, "--store", str(store))
        assert result.returncode == 2 and words in result.stderr, result.stderr


def test_export_base_is_configurable(store: Path) -> None:
    result = luocdo("export", "--format", "nt", "--base", "https://laws.example.org/eli/", "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert "<https://laws.example.org/eli/luat/quoc-hoi/2022/10_2022_qh15>" in result.stdout


def test_sparql_named_query_answers_as_its_cypher_twin(store: Path) -> None:
    args = ["--param", "number=10/2022/QH15", "--store", str(store), "--json"]
    sparql = luocdo("sparql", "implementers_of", *args)
    cypher = luocdo("query", "implementers_of", *args)
    assert sparql.returncode == 0 and cypher.returncode == 0, sparql.stderr + cypher.stderr
    rows = json.loads(sparql.stdout)
    assert len(rows) >= 4
    assert sorted(map(canonical, rows)) == sorted(map(canonical, json.loads(cypher.stdout)))


def test_sparql_text_query_list_and_errors(store: Path) -> None:
    text = 'SELECT ?id WHERE { ?d eli:number ?_n ; eli:id_local ?id }'
    result = luocdo("sparql", text, "--param", "n=34/2007/PL-UBTVQH11", "--store", str(store), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"id": "34/2007/PL-UBTVQH11"}]
    listed = luocdo("sparql", "--list")
    assert all(name in listed.stdout for name in ("implementers_of", "outdated_citations", "most_cited"))
    for bad, words in (("SELECT * WHERE { SERVICE <http://x.example/> { ?s ?p ?o } }", "SERVICE is not allowed"),
                       ("DELETE WHERE { ?s ?p ?o }", "not a SPARQL query")):
        refused = luocdo("sparql", bad, "--store", str(store))
        assert refused.returncode == 2 and words in refused.stderr, refused.stderr
    missing = luocdo("sparql", "implementers_of", "--store", str(store))
    assert missing.returncode == 2 and "missing parameter number" in missing.stderr


def test_api_export_formats_and_media_types(store: Path, stats: dict[str, object], tmp_path: Path) -> None:
    media = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples",
             "graphml": "application/graphml+xml", "json": "application/json"}
    with serving("--store", str(store), log=tmp_path / "server.log") as api:
        for fmt, kind in media.items():
            response = api.get("/export", params={"format": fmt})
            assert response.status_code == 200, response.text
            assert response.headers["content-type"].startswith(kind)
            assert f'filename="luocdo.{fmt}"' in response.headers["content-disposition"]
            assert counts(response.content, fmt) == expected(stats), fmt
        assert api.get("/export", params={"format": "rdfxml"}).status_code == 422
