"""Citation lookup: a citation as written → the documents it may mean, with a confidence.

A full citation or a law's name resolves as in any document (``ingest`` does it), read in the
place and at the date of the ``context`` document when one is given. A short form ("Nghị định
145", "Kết luận 1231") names no year: it means what the context document cites by that number
and type, else the documents of the graph with that number and type, each as likely as the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from luocdo.graph.store import GraphStore
from luocdo.ingest.clean import clean
from luocdo.ingest.find import find_citations
from luocdo.ingest.models import Citation, Document, RawText
from luocdo.ingest.resolve import resolve

MAX_CANDIDATES = 20


@dataclass(frozen=True)
class Candidate:
    id: str
    number: str | None
    type: str | None
    title: str | None
    in_graph: bool
    confidence: float
    reason: str


def resolve_citation(store: GraphStore, q: str, context: dict[str, Any] | None = None) -> list[Candidate]:
    """What ``q`` cites; ``context`` is the node of the document it is read in, if any."""
    text = clean(RawText(source="query", text=q, format="txt", encoding="utf-8"))
    where = Document(source="query", province=(context or {}).get("province"), district=(context or {}).get(
        "district"), commune=(context or {}).get("commune"), date=(context or {}).get("date"))
    citations = find_citations(text)
    resolve(text, where, citations)
    found: dict[str, Candidate] = {}
    for c in citations:
        for candidate in (_resolved(store, c, context) if c.target else _short_form(store, c, context)):
            if candidate.id not in found or found[candidate.id].confidence < candidate.confidence:
                found[candidate.id] = candidate
    return sorted(found.values(), key=lambda c: (-c.confidence, c.id))[:MAX_CANDIDATES]


def _resolved(store: GraphStore, c: Citation, context: dict[str, Any] | None) -> list[Candidate]:
    """The id the citation resolves to when the graph has it; else the graph's documents of that
    number (those the context document cites first), and the id read from the citation last, each
    with the confidence it deserves: an id the graph does not hold is a guess, not a fact."""
    node = _node(store, c.target or "")
    reason = "law named" if c.form == "name" else "full citation"
    if node is not None:
        return [_candidate(node, c.confidence, reason)]
    found = _same_number(store, c, context)
    guess = Candidate(c.target or "", c.number, c.doc_type, None, False, round(min(c.confidence, 0.3), 2),
                      f"{reason}; no such document in the graph")
    return [*found, guess]


def _same_number(store: GraphStore, c: Citation, context: dict[str, Any] | None) -> list[Candidate]:
    if not c.number:
        return []
    if context:
        rows = store.query("MATCH (:Document {id: $id})-[:IMPLEMENTS|BASED_ON|CITES]->(n:Document) "
                           "WHERE n.number = $number RETURN DISTINCT n AS node",
                           {"id": context["id"], "number": c.number})
        nodes = [r["node"] for r in rows if _same_type(r["node"].get("type"), c.doc_type)]
        if nodes:
            return [_candidate(n, 0.95 / len(nodes), "cited so by the context document") for n in nodes]
    rows = store.query("MATCH (n:Document) WHERE n.number = $number RETURN n AS node ORDER BY n.id LIMIT 200",
                       {"number": c.number})
    nodes = [r["node"] for r in rows if _same_type(r["node"].get("type"), c.doc_type)]
    near = [n for n in nodes if context and context.get("province") and n.get("province") == context.get("province")]
    if near:
        return [_candidate(n, 0.8 / len(near), "same number, same province") for n in near]
    return [_candidate(n, min(0.5, 1 / len(nodes)), "same number and type in the graph") for n in nodes]


def _short_form(store: GraphStore, c: Citation, context: dict[str, Any] | None) -> list[Candidate]:
    if not c.as_cited_number or not c.as_cited_number[:1].isdigit():
        return []
    digits = c.as_cited_number.split("/")[0].split("-")[0]
    prefixes = {"slash": f"{digits}/", "dash": f"{digits}-"}
    if context:
        rows = store.query("MATCH (d:Document {id: $id})-[r:IMPLEMENTS|BASED_ON|CITES]->(n:Document) "
                          "WHERE n.number STARTS WITH $slash OR n.number STARTS WITH $dash RETURN DISTINCT n AS node",
                          {"id": context["id"], **prefixes})
        nodes = [r["node"] for r in rows if _same_type(r["node"].get("type"), c.doc_type)]
        if nodes:
            return [_candidate(n, 0.95 / len(nodes), "cited so by the context document") for n in nodes]
    rows = store.query("MATCH (n:Document) WHERE n.number STARTS WITH $slash OR n.number STARTS WITH $dash "
                      "RETURN n AS node ORDER BY n.id LIMIT 200", prefixes)
    nodes = [r["node"] for r in rows if _same_type(r["node"].get("type"), c.doc_type)]
    return [_candidate(n, min(0.5, 1 / len(nodes)), "same number and type in the graph") for n in nodes]


def _candidate(node: dict[str, Any], confidence: float, reason: str) -> Candidate:
    return Candidate(node["id"], node.get("number"), node.get("type"), node.get("title"), True,
                     round(confidence, 2), reason)


def _node(store: GraphStore, doc_id: str) -> dict[str, Any] | None:
    rows = store.query("MATCH (d:Document {id: $id}) RETURN d AS node", {"id": doc_id})
    return rows[0]["node"] if rows else None


def _same_type(a: str | None, b: str | None) -> bool:
    decisions = {"Quyết định", "Quy định"}
    return not a or not b or a == b or {a, b} <= decisions
