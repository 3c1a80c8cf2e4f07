"""The graph as linked data: ELI RDF built with rdflib, serialised as Turtle, JSON-LD or N-Triples,
and checked against the SHACL shapes in data/shapes.ttl.

Each document is an ``eli:LegalResource``; each edge becomes both a direct ELI triple
(``eli:cites``, ``eli:based_on`` …) and a reified :data:`LUOCDO.Citation` or
:data:`LUOCDO.ReferenceFact` node carrying its provenance. docs/linked-data.md has the mapping.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import Any

import networkx as nx
from rdflib import RDF, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from luocdo.graph import rdf_terms as terms
from luocdo.graph.memory import as_networkx
from luocdo.graph.model import CITATION_RELATIONS, DocumentNode
from luocdo.graph.rdf_terms import DEFAULT_BASE, ELI, IN_FORCE, LUOCDO, PREFIXES, VIETNAM
from luocdo.graph.store import GraphStore

# format → (rdflib serialiser, media type); graphml and json are networkx's.
FORMATS = {
    "ttl": ("turtle", "text/turtle"),
    "jsonld": ("json-ld", "application/ld+json"),
    "nt": ("nt", "application/n-triples"),
    "graphml": (None, "application/graphml+xml"),
    "json": (None, "application/json"),
}
RDF_FORMATS = tuple(f for f, (serialiser, _) in FORMATS.items() if serialiser)

# The ELI properties that state each relation directly, most specific first. ELI's own
# ``eli:implements`` is deprecated in favour of ``eli:ensures_implementation_of``.
RELATION_PROPERTIES: dict[str, tuple[URIRef, ...]] = {
    "IMPLEMENTS": (ELI.ensures_implementation_of,),
    "BASED_ON": (ELI.based_on,),
    "CITES": (ELI.cites,),
    "REPLACES": (LUOCDO.replaces, ELI.repeals, ELI.changes),
    "REPEALS": (ELI.repeals, ELI.changes),
    "AMENDS": (ELI.amends, ELI.changes),
    "SUSPENDS": (LUOCDO.suspends, ELI.changes),
}
_DATES = (("date", ELI.date_document, LUOCDO.date_document_partial),
          ("effective_from", ELI.first_date_entry_in_force, LUOCDO.first_date_entry_in_force_partial),
          ("effective_to", ELI.date_no_longer_in_force, LUOCDO.date_no_longer_in_force_partial))
_CITATION_TEXT = ("text", "sentence", "pinpoint", "form", "verb", "cited_number", "cited_date", "cited_type",
                  "cited_issuer")
_UNITS = ("province", "district", "commune")


class ExportError(ValueError):
    """An export asked for in a format luocdo does not write."""


def to_rdf(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> Graph:
    """The graph (as :func:`~luocdo.graph.memory.as_networkx` gives it) as ELI RDF under ``base``."""
    try:
        base = terms.check_base(base)
    except ValueError as err:
        raise ExportError(str(err)) from None
    nodes = [DocumentNode.from_row({**data, "id": key}) for key, data in sorted(graph.nodes(data=True))]
    out = _empty()
    builder = _Builder(out, base, nodes)
    for node in nodes:
        builder.document(node)
    builder.links(graph.edges(data=True))
    builder.concepts()
    return out


def store_to_rdf(store: GraphStore, base: str = DEFAULT_BASE) -> Graph:
    """The whole stored graph as ELI RDF."""
    return to_rdf(as_networkx(store), base)


def _empty() -> Graph:
    out = Graph()
    for prefix, namespace in PREFIXES.items():
        out.bind(prefix, namespace)
    return out


class _Builder:
    """Adds documents, issuers, units and links to one RDF graph."""

    def __init__(self, out: Graph, base: str, nodes: list[DocumentNode]) -> None:
        self.out, self.base = out, base
        self.iris = terms.document_iris(nodes, base)
        self.agents = terms.named_iris((n.issuer for n in nodes if n.issuer), "agent", base)
        self.places = _place_iris(nodes, base)
        self.used: set[URIRef] = set()
        self.country()

    def add(self, subject: Node, predicate: URIRef, value: Node | None) -> None:
        if value is not None:
            self.out.add((subject, predicate, value))

    def document(self, node: DocumentNode) -> None:
        iri = self.iris[node.id]
        self.add(iri, RDF.type, ELI.LegalResource)
        if not node.number:  # a file's number left blank, or a document cited by its name alone
            self.add(iri, RDF.type, LUOCDO.Named if node.id.startswith("name:") else LUOCDO.Unnumbered)
        self.add(iri, ELI.id_local, Literal(node.id))
        self.add(iri, ELI.number, _text(node.number))
        self.add(iri, ELI.title, Literal(node.title, lang="vi") if node.title else None)
        if node.type:
            self.add(iri, ELI.type_document, self.document_type(node.type))
        self.validity(iri, node)
        self.context(iri, node)
        self.file(iri, node)

    def validity(self, iri: URIRef, node: DocumentNode) -> None:
        """Dates (full ones as ``xsd:date``, partial ones apart) and whether it is in force."""
        for field, full, partial in _DATES:
            if typed := terms.date_literal(getattr(node, field)):
                self.add(iri, full if typed[1] else partial, typed[0])
        self.add(iri, ELI.in_force, IN_FORCE.get(node.status or ""))
        self.add(iri, LUOCDO.status, _text(node.status))

    def context(self, iri: URIRef, node: DocumentNode) -> None:
        """Who issued it, at what level, in which branch and unit."""
        self.add(iri, LUOCDO.level, self.concept(terms.level(node.level or "")))
        self.add(iri, LUOCDO.branch, self.concept(terms.branch(node.branch or "")))
        if node.issuer:
            self.add(iri, ELI.passed_by, self.agent(node.issuer, node.level))
        area = self.place(node)
        self.add(iri, ELI.jurisdiction, area)
        self.add(iri, ELI.relevant_for, area)

    def file(self, iri: URIRef, node: DocumentNode) -> None:
        """Whether its text was read, from which file, and how the reference data knows it."""
        self.add(iri, LUOCDO.in_corpus, Literal(bool(node.in_corpus)))
        self.add(iri, LUOCDO.source_file, _text(node.source))
        self.add(iri, LUOCDO.sha256, _text(node.sha256))
        if node.in_corpus:
            self.add(iri, LUOCDO.citation_count, Literal(int(node.citation_count or 0)))
        self.add(iri, LUOCDO.verified, None if node.verified is None else Literal(bool(node.verified)))

    def concept(self, concept: URIRef | None) -> URIRef | None:
        if concept is not None:
            self.used.add(concept)
        return concept

    def document_type(self, name: str) -> URIRef:
        concept, known = terms.document_type(name, self.base)
        if known:
            return self.concept(concept) or concept
        for kind in (ELI.ResourceType, SKOS.Concept):
            self.add(concept, RDF.type, kind)
        self.add(concept, SKOS.prefLabel, Literal(name, lang="vi"))
        return concept

    def agent(self, name: str, level: str | None) -> URIRef:
        """The issuer: an ``eli:Organization`` with its name and level."""
        iri = self.agents[name]
        self.add(iri, RDF.type, ELI.Organization)
        self.add(iri, SKOS.prefLabel, Literal(name, lang="vi"))
        self.add(iri, LUOCDO.level, self.concept(terms.level(level or "")))
        return iri

    def place(self, node: DocumentNode) -> URIRef:
        """The most specific administrative unit the document belongs to, each unit under the one it
        belongs to, up to Việt Nam; Việt Nam itself for a document of no unit."""
        parent, parts = VIETNAM, (node.province, node.district, node.commune)
        for depth, kind in enumerate(_UNITS):
            if not parts[depth]:
                continue
            iri = self.places[_place_key(parts[: depth + 1])]
            for cls in (ELI.AdministrativeArea, SKOS.Concept):
                self.add(iri, RDF.type, cls)
            self.add(iri, SKOS.prefLabel, Literal(parts[depth], lang="vi"))
            self.add(iri, LUOCDO.level, self.concept(terms.level(kind)))
            self.add(iri, SKOS.broader, parent)
            parent = iri
        return parent

    def country(self) -> None:
        for cls in (ELI.AdministrativeArea, SKOS.Concept):
            self.add(VIETNAM, RDF.type, cls)
        self.add(VIETNAM, SKOS.prefLabel, Literal("Việt Nam", lang="vi"))
        self.add(VIETNAM, SKOS.prefLabel, Literal("Viet Nam", lang="en"))
        self.add(VIETNAM, LUOCDO.level, self.concept(terms.level("national")))

    def links(self, edges: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
        """Each edge: its direct ELI triples and a reified node with its provenance."""
        ordered = sorted(((s, t, d) for s, t, d in edges), key=_edge_key)
        citations = [_is_citation(d) for _, _, d in ordered]
        keys = [_edge_key(e) for e in ordered]
        names = iter(terms.link_iris([k for k, c in zip(keys, citations, strict=True) if c], "citation", self.base))
        facts = iter(terms.link_iris([k for k, c in zip(keys, citations, strict=True) if not c], "fact", self.base))
        for (source, target, data), citation in zip(ordered, citations, strict=True):
            self.link(next(names) if citation else next(facts), source, target, data, citation)

    def link(self, iri: URIRef, source: str, target: str, data: dict[str, Any], citation: bool) -> None:
        relation = data["relation"]
        properties = RELATION_PROPERTIES[relation]
        subject, obj = self.iris[source], self.iris[target]
        for prop in properties:
            self.add(subject, prop, obj)
        self.add(iri, RDF.type, LUOCDO.Citation if citation else LUOCDO.ReferenceFact)
        self.add(iri, RDF.subject, subject)
        self.add(iri, RDF.predicate, properties[0])
        self.add(iri, RDF.object, obj)
        self.add(iri, LUOCDO.relation, Literal(relation))
        if citation:
            for field in ("start_offset", "end_offset"):
                self.add(iri, LUOCDO[field], None if data.get(field) is None else Literal(int(data[field])))
            for field in _CITATION_TEXT:
                self.add(iri, LUOCDO[field], _text(data.get(field)))
        else:
            self.fact_provenance(iri, data)

    def fact_provenance(self, iri: URIRef, data: dict[str, Any]) -> None:
        """Where a validity fact comes from: the reference data (``origin`` a URL or file, and
        whether it was checked) or a document's own words (the document, the span, the sentence)."""
        since = terms.date_literal(data.get("since"))
        self.add(iri, LUOCDO.since, since[0] if since else None)
        origin = data.get("origin")
        stated_in = self.iris.get(origin) if origin and data.get("start_offset") is not None else None
        self.add(iri, LUOCDO.stated_in, stated_in)
        self.add(iri, LUOCDO.origin, None if stated_in else _text(origin))
        self.add(iri, LUOCDO.verified, None if data.get("verified") is None else Literal(bool(data["verified"])))
        for field in ("scope", "pinpoint", "sentence"):
            self.add(iri, LUOCDO[field], _text(data.get(field)))
        if stated_in is not None:
            for field in ("start_offset", "end_offset"):
                self.add(iri, LUOCDO[field], Literal(int(data[field])))

    def concepts(self) -> None:
        """The vocabulary's description of every concept used, so the export stands on its own."""
        vocab = terms.vocabulary()
        for concept in self.used:
            for triple in vocab.triples((concept, None, None)):
                self.out.add(triple)


def _text(value: Any) -> Literal | None:
    return None if value is None or value == "" else Literal(str(value))


def _is_citation(data: dict[str, Any]) -> bool:
    """A citation from a document's text; else a fact of the reference data (it has an origin)."""
    return data.get("origin") is None and data["relation"] in CITATION_RELATIONS


def _edge_key(edge: tuple[str, str, dict[str, Any]]) -> str:
    source, target, data = edge
    return json.dumps([source, target, data], sort_keys=True, ensure_ascii=False, default=str)


def _place_key(parts: tuple[str | None, ...]) -> str:
    return "\x1f".join(p or "" for p in parts)


def _place_iris(nodes: list[DocumentNode], base: str) -> dict[str, URIRef]:
    """IRIs for every unit the documents name, and the units above them."""
    paths = {}
    for node in nodes:
        parts = (node.province, node.district, node.commune)
        for depth in range(len(parts)):
            if parts[depth]:
                prefix = parts[: depth + 1]
                paths[_place_key(prefix)] = "place/" + "/".join(terms.fold(p) or "unknown" if p else "-"
                                                               for p in prefix)
    return terms.mint(sorted(paths), paths, base)


def serialize(graph: Graph, fmt: str) -> bytes:
    """An RDF graph in one of :data:`RDF_FORMATS`, as UTF-8; the same graph always gives the same bytes."""
    if fmt not in RDF_FORMATS:
        raise ExportError(f"unknown RDF format {fmt!r}: {', '.join(RDF_FORMATS)}")
    if fmt == "jsonld":
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        text = graph.serialize(format="json-ld", context=context, auto_compact=True)
        return json.dumps(_sorted_json(json.loads(text)), ensure_ascii=False, indent=1).encode()
    body = graph.serialize(format="nt" if fmt == "nt" else "turtle", encoding="utf-8")
    if fmt == "nt":  # rdflib writes triples in no fixed order
        return b"".join(sorted(body.splitlines(keepends=True)))
    return body


def _sorted_json(value: Any) -> Any:
    """JSON-LD with keys and value arrays in a fixed order (the export holds no ordered lists)."""
    if isinstance(value, dict):
        return {key: _sorted_json(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def export_graph(graph: nx.MultiDiGraph, fmt: str, base: str = DEFAULT_BASE) -> bytes:
    """A graph (as :func:`~luocdo.graph.memory.as_networkx` gives it) in ``fmt``, a key of :data:`FORMATS`."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: {', '.join(FORMATS)}")
    if fmt == "graphml":
        out = io.BytesIO()
        nx.write_graphml(graph, out)
        return out.getvalue()
    if fmt == "json":
        return json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, default=str).encode()
    return serialize(to_rdf(graph, base), fmt)


def export_bytes(store: GraphStore, fmt: str, base: str = DEFAULT_BASE) -> bytes:
    """The whole stored graph in ``fmt``, a key of :data:`FORMATS`."""
    return export_graph(as_networkx(store), fmt, base)


@cache
def shapes() -> Graph:
    """data/shapes.ttl: the SHACL shapes an export satisfies."""
    graph = Graph()
    graph.parse(data=files("luocdo.data").joinpath("shapes.ttl").read_text(encoding="utf-8"), format="turtle")
    return graph


def validate(graph: Graph) -> tuple[bool, str]:
    """Check an export against the shapes with pyshacl: (conforms, the report as text)."""
    from pyshacl import validate as shacl_validate

    conforms, _, report = shacl_validate(graph, shacl_graph=shapes(), inference="none")
    return bool(conforms), str(report)
