"""The graph in memory, as a networkx ``MultiDiGraph``: for analytics and views.

Nodes are keyed by canonical id and carry the :class:`~luocdo.graph.model.DocumentNode` fields;
each edge carries ``relation`` and its properties. The store stays the source of truth.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from luocdo.graph.model import RELATIONS, DocumentNode
from luocdo.graph.store import GraphStore, Row

_NODES = "MATCH (d:Document) RETURN d AS node"
_ALL_RELATIONS = "|".join(RELATIONS)  # luocdo's own relation names
_EDGES = (f"MATCH (a:Document)-[r:{_ALL_RELATIONS}]->(b:Document) "
          "RETURN a.id AS source, b.id AS target, r AS edge")


def as_networkx(store: GraphStore) -> nx.MultiDiGraph:
    """The whole stored graph in memory."""
    graph = build_networkx((DocumentNode.from_row(r["node"]) for r in store.query(_NODES)), ())
    for row in store.query(_EDGES):
        props = {k: v for k, v in row["edge"].items() if v is not None and k != "type"}
        graph.add_edge(row["source"], row["target"], relation=row["edge"]["type"], **props)
    return graph


def build_networkx(nodes: Iterable[DocumentNode], edges: Iterable[Row]) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` from nodes and edge rows (``source``, ``target``, ``relation``, properties)."""
    graph = nx.MultiDiGraph()
    for node in nodes:
        graph.add_node(node.id, **{k: v for k, v in node.to_row().items() if v is not None and k != "id"})
    for edge in edges:
        props = {k: v for k, v in edge.items() if k not in ("source", "target")}
        graph.add_edge(edge["source"], edge["target"], **props)
    return graph


def implementers_of(graph: nx.MultiDiGraph, target: str, depth: int = 6) -> dict[str, int]:
    """Documents that implement ``target`` (an id) within ``depth`` steps, with their distance:
    the in-memory twin of the ``implementers_of`` named query."""
    follow = {"IMPLEMENTS", "BASED_ON"}
    distance = {target: 0}
    frontier = [target]
    for step in range(1, depth + 1):
        nxt = []
        for node in frontier:
            for source, _, relation in graph.in_edges(node, data="relation"):
                if relation in follow and source not in distance:
                    distance[source] = step
                    nxt.append(source)
        frontier = nxt
    del distance[target]
    return distance
