"""The RDF of a store is made once per state of the graph (issue 17, item 9): SPARQL and exports
read it back until the graph is written again. Times are in bench/sparql_bench.py."""

from __future__ import annotations

from pathlib import Path

from luocdo.graph.load import ingest_paths
from luocdo.graph.rdf import export_bytes
from luocdo.graph.rdf_cache import RdfCache
from luocdo.graph.rdf_terms import DEFAULT_BASE
from luocdo.queries.sparql import run_named_sparql

from .conftest import Stores, sample

COUNT = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <http://data.europa.eu/eli/ontology#LegalResource> }"


def entries(store_dir: Path) -> list[Path]:
    return sorted((store_dir / "cache" / "rdf").iterdir())


def test_sparql_and_exports_are_made_once_per_state(tmp_path: Path, stores: Stores) -> None:
    store = stores.open(tmp_path / "s")
    ingest_paths(store, [sample("000")])
    cache = RdfCache.of(store)
    first = cache.sparql_store(store, DEFAULT_BASE)
    implementers = run_named_sparql(first, "implementers_of", {"number": "10/2022/QH15"})
    (entry,) = entries(tmp_path / "s")
    built = (entry / "sparql").stat().st_mtime_ns
    del first
    again = cache.sparql_store(store, DEFAULT_BASE)  # the same state: read back, not rebuilt
    assert (entry / "sparql").stat().st_mtime_ns == built
    assert run_named_sparql(again, "implementers_of", {"number": "10/2022/QH15"}) == implementers
    turtle = cache.export(store, "ttl", DEFAULT_BASE)
    assert turtle == export_bytes(store, "ttl", DEFAULT_BASE) == (entry / "graph.ttl").read_bytes()
    documents = run_named_sparql(again, "most_cited", {"limit": 1000})
    del again

    ingest_paths(store, [sample("001")])  # a write: a new state, a new entry, the old one gone
    fresh = cache.sparql_store(store, DEFAULT_BASE)
    (newer,) = entries(tmp_path / "s")
    assert newer != entry
    assert len(run_named_sparql(fresh, "most_cited", {"limit": 1000})) > len(documents)
    assert cache.export(store, "ttl", DEFAULT_BASE) == export_bytes(store, "ttl", DEFAULT_BASE) != turtle


def test_a_store_without_a_cache_folder_builds_every_time(tmp_path: Path, stores: Stores) -> None:
    store = stores.open(tmp_path / "s")
    ingest_paths(store, [sample("000")])
    rows = RdfCache(None).sparql_store(store, DEFAULT_BASE).query(COUNT)
    assert int(next(iter(rows))[0].value) >= 1
    assert not (tmp_path / "s" / "cache").exists()
