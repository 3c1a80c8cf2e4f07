"""Copy one store into another (``luocdo push``): the embedded store into a Neo4j server.

Nodes are upserted as they are; each citing document's citations are replaced in one transaction
with it (so a push that was cut off and runs again leaves no duplicates); reference facts are
merged. Running it twice changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, fields

from luocdo.graph import writes
from luocdo.graph.cypher_store import CypherStore
from luocdo.graph.model import CITATION_RELATIONS, REFERENCE_RELATIONS, DocumentNode, ReferenceEdge
from luocdo.graph.store import GraphStore, Row

PAGE = 2000  # nodes read per page, and citing documents per write


@dataclass
class PushReport:
    nodes: int = 0
    citations: int = 0
    reference_edges: int = 0


def push(source: GraphStore, target: CypherStore, *, page: int = PAGE,
         on_progress: Callable[[str, int], None] | None = None) -> PushReport:
    """Copy every node and edge of ``source`` into ``target``; ``on_progress(stage, n)`` after each page.

    The source is read in one pass per kind (a lookup per page was 15× slower on LadybugDB); the
    graph is held in memory meanwhile, about 1.5 GB per million citations."""
    report = PushReport()
    nodes = [_node_row(r["node"]) for r in source.query("MATCH (d:Document) RETURN d AS node")]
    for i in range(0, len(nodes), page):
        target.copy_nodes(nodes[i:i + page])
        report.nodes += len(nodes[i:i + page])
        if on_progress:
            on_progress("documents", len(nodes[i:i + page]))
    by_citing: dict[str, list[Row]] = defaultdict(list)
    for relation in CITATION_RELATIONS:
        for row in _citations(source, relation):
            by_citing[row["citing"]].append(row)
    citing = sorted(n["id"] for n in nodes if n.get("in_corpus"))  # also those citing nothing: their edges go
    for i in range(0, len(citing), page):
        batch = citing[i:i + page]
        edges = [row for doc_id in batch for row in by_citing.get(doc_id, [])]
        target.copy_citations(batch, edges)
        report.citations += len(edges)
        if on_progress:
            on_progress("citations", len(edges))
    relations = (*REFERENCE_RELATIONS, *CITATION_RELATIONS)  # the data may tie acts by IMPLEMENTS too
    reference = [edge for relation in relations for edge in _reference(source, relation)]
    target.load_reference([], reference)
    report.reference_edges = len(reference)
    if on_progress:
        on_progress("reference", len(reference))
    return report


def _node_row(node: Row) -> Row:
    return DocumentNode.from_row(node).to_row()  # with its search text, which reads leave out


def _citations(source: GraphStore, relation: str) -> list[Row]:
    rows = source.query(f"MATCH (a:Document)-[r:{relation}]->(b:Document) WHERE r.origin IS NULL "
                        "RETURN a.id AS citing, b.id AS cited, r AS edge")
    return [{"citing": r["citing"], "cited": r["cited"], "relation": relation,
             **{c: r["edge"].get(c) for c in writes.EDGE_COLUMNS}} for r in rows]


def _reference(source: GraphStore, relation: str) -> list[ReferenceEdge]:
    """Reference facts and facts read in texts (scope, span, sentence … with them)."""
    rows = source.query(f"MATCH (a:Document)-[r:{relation}]->(b:Document) WHERE r.origin IS NOT NULL "
                        "RETURN a.id AS source, b.id AS target, r AS edge")
    names = [f.name for f in fields(ReferenceEdge) if f.name not in ("source", "target", "relation")]
    return [ReferenceEdge(r["source"], r["target"], relation, **{k: r["edge"].get(k) for k in names}) for r in rows]
