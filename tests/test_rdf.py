"""The graph as ELI RDF: the sample plans ingested into a real store, exported with rdflib, parsed back,
queried with SPARQL against the Cypher twins, and checked with pyshacl against data/shapes.ttl."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit

import networkx as nx
import pytest
from rdflib import RDF, SKOS, Graph, Literal, URIRef, namespace

from luocdo.graph.load import ingest_paths
from luocdo.graph.memory import as_networkx
from luocdo.graph.model import DocumentNode
from luocdo.graph.rdf import RDF_FORMATS, ExportError, export_graph, serialize, to_rdf, validate
from luocdo.graph.rdf_terms import ELI, LUOCDO, VIETNAM, document_iris, vocabulary
from luocdo.graph.store import GraphStore, open_store
from luocdo.queries.named import UnknownDocument, run_named
from luocdo.queries.sparql import SparqlError, run_named_sparql, run_sparql

from .conftest import ROOT, SAMPLES, Stores, sample

DATE, YEAR_MONTH, YEAR = namespace.XSD.date, namespace.XSD.gYearMonth, namespace.XSD.gYear
PARSERS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}
LAW = "10/2022/QH15"
ORDINANCE = "34/2007/PL-UBTVQH11"


def with_samples(store: GraphStore) -> GraphStore:
    """``store`` with the five sample plans ingested."""
    summary = ingest_paths(store, [SAMPLES])
    assert not summary.errors and len(summary.written) == 5
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    with closing(open_store(tmp_path_factory.mktemp("rdf") / "store")) as graph:
        yield with_samples(graph)


@pytest.fixture(scope="module")
def memory(store: GraphStore) -> nx.MultiDiGraph:
    return as_networkx(store)


@pytest.fixture(scope="module")
def rdf(memory: nx.MultiDiGraph) -> Graph:
    return to_rdf(memory)


def doc(graph: Graph, canonical_id: str) -> URIRef:
    (iri,) = graph.subjects(ELI.id_local, Literal(canonical_id))
    assert isinstance(iri, URIRef)
    return iri


def seed_id(memory: nx.MultiDiGraph, prefix: str) -> str:
    (found,) = [n for n, d in memory.nodes(data=True) if Path(d.get("source", "")).name.startswith(prefix)]
    return str(found)


def links(graph: Graph) -> list[URIRef]:
    return [s for cls in (LUOCDO.Citation, LUOCDO.ReferenceFact) for s in graph.subjects(RDF.type, cls)
            if isinstance(s, URIRef)]


# --- export → parse: the same documents and relations as the store ---------------------------------


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_every_rdf_format_parses_back_to_the_stores_documents_and_relations(
        fmt: str, store: GraphStore, rdf: Graph, memory: nx.MultiDiGraph) -> None:
    stats = store.stats()
    parsed = Graph().parse(data=serialize(rdf, fmt), format=PARSERS[fmt])
    assert set(parsed) == set(rdf)
    assert len(set(parsed.subjects(RDF.type, ELI.LegalResource))) == stats["documents"]
    assert len(links(parsed)) == sum(stats["edges"].values())
    by_relation = Counter(str(parsed.value(link, LUOCDO.relation)) for link in links(parsed))
    assert by_relation == Counter({k: v for k, v in stats["edges"].items() if v})
    pairs = {(s, t, r) for s, t, r in memory.edges(data="relation")}
    for relation, prop in (("IMPLEMENTS", ELI.ensures_implementation_of), ("BASED_ON", ELI.based_on),
                           ("CITES", ELI.cites), ("REPLACES", LUOCDO.replaces), ("AMENDS", ELI.amends)):
        assert len(set(parsed.subject_objects(prop))) == len({p for p in pairs if p[2] == relation}), relation


@pytest.mark.parametrize("fmt", ["graphml", "json"])
def test_graphml_and_json_hold_the_same_counts(fmt: str, store: GraphStore, memory: nx.MultiDiGraph) -> None:
    stats = store.stats()
    body = export_graph(memory, fmt)
    if fmt == "graphml":
        parsed = nx.read_graphml(io.BytesIO(body))
    else:
        parsed = nx.node_link_graph(json.loads(body), edges="edges", multigraph=True, directed=True)
    assert parsed.number_of_nodes() == stats["documents"]
    assert parsed.number_of_edges() == sum(stats["edges"].values())


def test_two_exports_of_the_same_input_are_identical(tmp_path: Path, rdf: Graph, stores: Stores) -> None:
    other = to_rdf(as_networkx(with_samples(stores.open(tmp_path / "again"))))
    iris = {t for triple in rdf for t in triple if isinstance(t, URIRef)}
    assert iris == {t for triple in other for t in triple if isinstance(t, URIRef)}
    for fmt in RDF_FORMATS:
        assert serialize(rdf, fmt) == serialize(other, fmt), fmt


def test_iris_are_valid_ascii_and_readable(rdf: Graph, memory: nx.MultiDiGraph) -> None:
    allowed = re.compile(r"[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+")
    for term in {t for triple in rdf for t in triple if isinstance(t, URIRef)}:
        assert allowed.fullmatch(str(term)), term
        assert urlsplit(str(term)).scheme in ("http", "https"), term
    assert doc(rdf, LAW) == URIRef("https://luocdo.example/eli/luat/quoc-hoi/2022/10_2022_qh15")
    local = doc(rdf, "15/2024/NQ-HĐND@khanh-hoa")
    assert str(local).startswith("https://luocdo.example/eli/nghi-quyet/hdnd-tinh-khanh-hoa/2024/15_2024_nq-hdnd")
    unnumbered = seed_id(memory, "000")  # "file:000-…~hash": named by its canonical id
    assert doc(rdf, unnumbered) == URIRef("https://luocdo.example/eli/file/" + unnumbered.removeprefix("file:"))


def test_documents_whose_readable_iris_coincide_are_told_apart() -> None:
    twins = [DocumentNode(id=f"5/KH-UBND@{place}@?", number="5/KH-UBND", type="Kế hoạch") for place in ("a", "b")]
    alone = DocumentNode(id="6/KH-UBND@a@?", number="6/KH-UBND", type="Kế hoạch")
    iris = document_iris([*twins, alone], "https://x.example/")
    assert iris["5/KH-UBND@a@?"] != iris["5/KH-UBND@b@?"]
    assert all(re.search(r"/5_kh-ubnd~[0-9a-f]{8}$", str(iris[t.id])) for t in twins)
    assert str(iris[alone.id]) == "https://x.example/ke-hoach/unknown/undated/6_kh-ubnd"
    assert document_iris(list(reversed([*twins, alone])), "https://x.example/") == iris


def test_base_is_configurable(memory: nx.MultiDiGraph) -> None:
    graph = to_rdf(memory, "https://laws.example.org/vn/eli")
    documents = set(graph.subjects(RDF.type, ELI.LegalResource))
    assert documents and all(str(d).startswith("https://laws.example.org/vn/eli/") for d in documents)
    for bad in ("not an iri", "ftp://x", "https://x/<y>"):
        with pytest.raises(ExportError):
            to_rdf(memory, bad)


# --- the mapping -----------------------------------------------------------------------------------------


def test_a_law_in_force(rdf: Graph) -> None:
    law = doc(rdf, LAW)
    assert rdf.value(law, ELI.number) == Literal(LAW)
    assert rdf.value(law, ELI.title) == Literal("Luật Thực hiện dân chủ ở cơ sở", lang="vi")
    assert rdf.value(law, ELI.type_document) == LUOCDO["DocumentType-luat"]
    assert rdf.value(law, ELI.date_document) == Literal("2022-11-10", datatype=DATE)
    assert rdf.value(law, ELI.first_date_entry_in_force) == Literal("2023-07-01", datatype=DATE)
    assert rdf.value(law, ELI.in_force) == ELI["InForce-inForce"]
    assert (law, ELI.date_no_longer_in_force, None) not in rdf
    issuer = rdf.value(law, ELI.passed_by)
    assert (issuer, RDF.type, ELI.Organization) in rdf
    assert rdf.value(issuer, SKOS.prefLabel) == Literal("Quốc hội", lang="vi")
    assert rdf.value(issuer, LUOCDO.level) == LUOCDO["Level-national"]
    assert rdf.value(law, ELI.jurisdiction) == VIETNAM == rdf.value(law, ELI.relevant_for)
    # The concepts it uses are described in the export itself, in Vietnamese and English.
    labels = set(rdf.objects(LUOCDO["DocumentType-luat"], SKOS.prefLabel))
    assert labels == {Literal("Luật", lang="vi"), Literal("Law", lang="en")}


def test_a_replaced_ordinance(rdf: Graph) -> None:
    ordinance, law = doc(rdf, ORDINANCE), doc(rdf, LAW)
    assert rdf.value(ordinance, ELI.in_force) == ELI["InForce-notInForce"]
    assert rdf.value(ordinance, ELI.date_no_longer_in_force) == Literal("2023-07-01", datatype=DATE)
    for prop in (LUOCDO.replaces, ELI.repeals, ELI.changes):
        assert (law, prop, ordinance) in rdf
    (fact,) = [f for f in rdf.subjects(RDF.object, ordinance)
               if (f, RDF.type, LUOCDO.ReferenceFact) in rdf and rdf.value(f, RDF.subject) == law]
    assert rdf.value(fact, LUOCDO.relation) == Literal("REPLACES")
    assert rdf.value(fact, LUOCDO.since) == Literal("2023-07-01", datatype=DATE)
    assert rdf.value(fact, LUOCDO.origin) is not None


def test_statuses_map_to_eli_in_force(rdf: Graph, memory: nx.MultiDiGraph) -> None:
    expected = {"in force": ELI["InForce-inForce"], "expired": ELI["InForce-notInForce"],
                "partly expired": ELI["InForce-partiallyInForce"], "unknown": None, None: None}
    seen = set()
    for node, status in memory.nodes(data="status"):
        assert rdf.value(doc(rdf, node), ELI.in_force) == expected[status], node
        seen.add(status)
    assert {"in force", "expired", "partly expired", "unknown"} <= seen
    assert (None, ELI.implements, None) not in rdf  # deprecated in ELI: ensures_implementation_of instead


def test_an_unnumbered_plan_with_a_partial_date_in_its_unit(rdf: Graph, memory: nx.MultiDiGraph) -> None:
    plan = doc(rdf, seed_id(memory, "000"))
    assert (plan, RDF.type, LUOCDO.Unnumbered) in rdf and (plan, ELI.number, None) not in rdf
    assert str(rdf.value(plan, LUOCDO.source_file)).endswith(sample("000").name)
    assert rdf.value(plan, LUOCDO.date_document_partial) == Literal("2022-06", datatype=YEAR_MONTH)
    assert (plan, ELI.date_document, None) not in rdf
    town = rdf.value(plan, ELI.jurisdiction)
    assert rdf.value(town, SKOS.prefLabel) == Literal("thị xã Hồng Lĩnh", lang="vi")
    assert rdf.value(town, LUOCDO.level) == LUOCDO["Level-district"]
    province = rdf.value(town, SKOS.broader)
    assert rdf.value(province, SKOS.prefLabel) == Literal("Hà Tĩnh", lang="vi")
    assert rdf.value(province, SKOS.broader) == VIETNAM
    year_only = doc(rdf, seed_id(memory, "003"))
    assert rdf.value(year_only, LUOCDO.date_document_partial) == Literal("2023", datatype=YEAR)
    assert rdf.value(year_only, LUOCDO.level) == LUOCDO["Level-commune"]


def test_every_citation_keeps_its_provenance(rdf: Graph, memory: nx.MultiDiGraph) -> None:
    def iri(node: str) -> URIRef:
        return doc(rdf, node)

    want = Counter((iri(s), iri(t), d["relation"], d["start_offset"], d["end_offset"], d["text"], d.get("sentence"))
                   for s, t, d in memory.edges(data=True) if "start_offset" in d and d.get("origin") is None)
    got: Counter[tuple[object, ...]] = Counter()
    for link in rdf.subjects(RDF.type, LUOCDO.Citation):
        sentence = rdf.value(link, LUOCDO.sentence)
        got[(rdf.value(link, RDF.subject), rdf.value(link, RDF.object), str(rdf.value(link, LUOCDO.relation)),
             int(rdf.value(link, LUOCDO.start_offset)), int(rdf.value(link, LUOCDO.end_offset)),
             str(rdf.value(link, LUOCDO.text)), None if sentence is None else str(sentence))] += 1
    assert got == want and len(want) > 100
    implements = [c for c in rdf.subjects(RDF.type, LUOCDO.Citation)
                  if rdf.value(c, RDF.subject) == iri(seed_id(memory, "001")) and rdf.value(c, RDF.object) == iri(LAW)
                  and rdf.value(c, LUOCDO.relation) == Literal("IMPLEMENTS")]
    assert implements and rdf.value(implements[0], RDF.predicate) == ELI.ensures_implementation_of


def test_the_vocabulary_defines_every_luocdo_term(rdf: Graph) -> None:
    vocab = vocabulary()
    defined = set(vocab.subjects())
    used = {t for triple in rdf for t in triple if isinstance(t, URIRef) and str(t).startswith(str(LUOCDO))}
    assert used and used <= defined, used - defined
    with open(ROOT / "data" / "doc_types.csv", encoding="utf-8") as f:
        names = {row["name"] for row in csv.DictReader(f)}
    for concept in vocab.subjects(RDF.type, LUOCDO.DocumentType):
        languages = {label.language for label in vocab.objects(concept, SKOS.prefLabel)}
        assert languages == {"vi", "en"}, concept
    vietnamese = {str(label) for c in vocab.subjects(RDF.type, LUOCDO.DocumentType)
                  for label in vocab.objects(c, SKOS.prefLabel) if label.language == "vi"}
    assert names == vietnamese


# --- SPARQL twins of the Cypher queries ------------------------------------------------------------------

TWINS = [
    ("implementers_of", {"number": LAW}),
    ("implementers_of", {"number": LAW, "depth": 1}),
    ("implementers_of", {"number": LAW, "depth": 2}),
    ("implementers_of", {"number": "15/2024/NQ-HĐND@khanh-hoa"}),
    ("implementers_of", {"number": "30-CT/TW@1998"}),
    ("implementers_of", {"number": "no/such/number"}),
    ("outdated_citations", {"as_of": "2024-01-01"}),
    ("outdated_citations", {"as_of": "issue"}),
    ("outdated_citations", {"as_of": "2019-06-01"}),
    ("outdated_citations", {"as_of": "2030-01-01"}),
    ("most_cited", {}),
    ("most_cited", {"limit": 5}),
    ("most_cited", {"limit": 1000}),
]


def _canonical(rows: list[dict[str, object]]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows)


@pytest.mark.parametrize(("name", "params"), TWINS, ids=[f"{n}-{p}" for n, p in TWINS])
def test_sparql_twin_answers_as_the_cypher_query(name: str, params: dict[str, str | int], store: GraphStore,
                                                 rdf: Graph) -> None:
    sparql = run_named_sparql(rdf, name, params)
    if params.get("number") == "no/such/number":  # no rows in SPARQL; an error naming it in Cypher
        with pytest.raises(UnknownDocument):
            run_named(store, name, params)
        assert sparql == []
        return
    cypher = run_named(store, name, params)
    assert _canonical(sparql) == _canonical(cypher)
    if sparql:
        assert list(sparql[0]) == list(cypher[0])  # same columns, same order
    if name == "most_cited":  # a total order: the rows come in the same order
        assert sparql == cypher


def test_the_twins_are_not_vacuous(rdf: Graph) -> None:
    assert len(run_named_sparql(rdf, "implementers_of", {"number": LAW})) >= 4
    outdated = run_named_sparql(rdf, "outdated_citations", {"as_of": "2024-01-01"})
    assert {(r["cited"], r["replaced_by"], r["since"]) for r in outdated if r["cited"] == ORDINANCE} == \
        {(ORDINANCE, LAW, "2023-07-01")}
    assert run_named_sparql(rdf, "most_cited", {"limit": 1})[0]["id"] == LAW


def test_parameters_are_bound_not_pasted(rdf: Graph) -> None:
    sneaky = LAW + '" } UNION { ?t ?p ?o } #'
    assert run_named_sparql(rdf, "implementers_of", {"number": sneaky}) == []
    rows = run_sparql(rdf, "SELECT ?id WHERE { ?d eli:number ?_n ; eli:id_local ?id }", {"n": LAW})
    assert rows == [{"id": LAW}]
    assert run_sparql(rdf, "ASK { ?d eli:number ?_n }", {"n": sneaky}) == [{"ask": False}]


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "SELEKT nothing",
])
def test_queries_that_reach_outside_or_write_are_refused(text: str, rdf: Graph) -> None:
    size = len(rdf)
    with pytest.raises(SparqlError):
        run_sparql(rdf, text)
    assert len(rdf) == size


# --- SHACL ----------------------------------------------------------------------------------------------------


def test_the_sample_export_satisfies_the_shapes(rdf: Graph) -> None:
    conforms, report = validate(rdf)
    assert conforms, report


def _copy(graph: Graph) -> Graph:
    out = Graph()
    for triple in graph:
        out.add(triple)
    return out


def test_a_document_with_no_number_is_reported(rdf: Graph) -> None:
    broken = _copy(rdf)
    law = doc(broken, LAW)
    broken.remove((law, ELI.number, None))
    conforms, report = validate(broken)
    assert not conforms
    assert str(law) in report and "eli:number" in report
    assert report.count("Focus Node:") == 1  # the unnumbered plans are not reported


def test_other_breakages_are_reported(rdf: Graph, memory: nx.MultiDiGraph) -> None:
    broken = _copy(rdf)
    ordinance, plan = doc(broken, ORDINANCE), doc(broken, seed_id(memory, "001"))
    broken.set((ordinance, ELI.date_document, Literal("20/4/2007")))  # not an xsd:date
    broken.set((plan, ELI.in_force, URIRef("https://example.org/maybe")))
    citation = next(iter(broken.subjects(RDF.type, LUOCDO.Citation)))
    broken.remove((citation, LUOCDO.text, None))
    fact = next(iter(broken.subjects(RDF.type, LUOCDO.ReferenceFact)))
    broken.remove((broken.value(fact, RDF.subject), broken.value(fact, RDF.predicate), broken.value(fact, RDF.object)))
    conforms, report = validate(broken)
    assert not conforms
    for focus in (ordinance, plan, citation, fact):
        assert str(focus) in report, focus


def test_validity_read_in_a_text_is_exported_with_its_provenance(tmp_path: Path, stores: Stores) -> None:
    """Issue 16, item 5: law 47/2024/QH15 (tests/corpus) amends 10/2022/QH15 in its own words:
    eli:amends with a ReferenceFact naming the law as where it is stated, the span and the
    sentence; the law's own entry into force as eli:first_date_entry_in_force; SHACL holds."""
    from .conftest import CORPUS

    store = stores.open(tmp_path / "store")
    ingest_paths(store, [CORPUS / "johnpa02_tvpl" / "Luat-Quy-hoach-do-thi-va-nong-thon-2024.txt", sample("003")])
    graph = to_rdf(as_networkx(store))
    amending, amended = doc(graph, "47/2024/QH15"), doc(graph, LAW)
    assert (amending, ELI.amends, amended) in graph
    (fact,) = [f for f in graph.subjects(RDF.subject, amending)
               if (f, RDF.type, LUOCDO.ReferenceFact) in graph and graph.value(f, RDF.object) == amended]
    assert graph.value(fact, LUOCDO.stated_in) == amending
    assert graph.value(fact, LUOCDO.origin) is None  # a document's words, not a reference row
    start, end = (int(graph.value(fact, LUOCDO[k])) for k in ("start_offset", "end_offset"))
    assert 0 <= start < end
    assert "10/2022/QH15" in str(graph.value(fact, LUOCDO.sentence))
    assert graph.value(amending, ELI.first_date_entry_in_force) == Literal("2025-07-01", datatype=DATE)
    conforms, report = validate(graph)
    assert conforms, report
