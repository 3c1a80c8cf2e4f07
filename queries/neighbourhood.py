"""The documents around one, a few steps out, capped so that a hub stays readable.

What the graph view draws: each step asks every document on the edge of what is known for its
neighbours (``neighbours.cypher``), at most ``per_node`` each way; what was left out is counted
(``degree.cypher``) and shown as "+N more". Edges to documents no longer in force on ``as_of``
carry what replaced them and since when.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from luocdo.graph.model import CITATION_RELATIONS
from luocdo.graph.store import GraphStore
from luocdo.queries.named import run_named

_REPLACED = ("UNWIND $rows AS row MATCH (n:Document)-[x:REPLACES]->(c:Document {id: row.id}) "
             "RETURN c.id AS id, n.number AS number, n.id AS by, x.since AS since")


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: str
    mentions: int
    outdated: bool = False
    replaced_by: str | None = None
    since: str | None = None


@dataclass
class Neighbourhood:
    focus: str
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → node properties
    edges: list[Edge] = field(default_factory=list)
    more: dict[str, int] = field(default_factory=dict)  # id → neighbours not shown
    distance: dict[str, int] = field(default_factory=dict)  # id → steps from the focus


def neighbourhood(store: GraphStore, focus: dict[str, Any], *, depth: int = 1, per_node: int = 60,
                  max_nodes: int = 400, as_of: str | None = None) -> Neighbourhood:
    """Documents within ``depth`` steps of ``focus`` (a node), either direction."""
    hood = Neighbourhood(focus["id"], {focus["id"]: focus}, distance={focus["id"]: 0})
    seen: set[tuple[str, str, str]] = set()
    frontier = [focus["id"]]
    for step in range(1, depth + 1):
        nxt: list[str] = []
        for doc_id in frontier:
            rows = run_named(store, "neighbours", {"id": doc_id, "limit": per_node})
            _count_left_out(store, hood, doc_id, rows, per_node)
            for row in rows:
                other = row["node"]
                if other["id"] not in hood.nodes:
                    if len(hood.nodes) >= max_nodes:
                        hood.more[doc_id] = hood.more.get(doc_id, 0) + 1
                        continue
                    hood.nodes[other["id"]] = other
                    hood.distance[other["id"]] = step
                    nxt.append(other["id"])
                source, target = (doc_id, other["id"]) if row["direction"] == "out" else (other["id"], doc_id)
                if (source, target, row["relation"]) not in seen:
                    seen.add((source, target, row["relation"]))
                    hood.edges.append(Edge(source, target, row["relation"], row["mentions"]))
        frontier = nxt
    hood.edges = _mark_outdated(store, hood, as_of or date.today().isoformat())
    return hood


def _count_left_out(store: GraphStore, hood: Neighbourhood, doc_id: str, rows: list[dict[str, Any]],
                    per_node: int) -> None:
    shown = {d: len({r["node"]["id"] for r in rows if r["direction"] == d}) for d in ("out", "in")}
    if max(shown.values()) < per_node:
        return  # neither direction was cut
    (degree,) = run_named(store, "degree", {"id": doc_id})
    left = degree["outgoing"] - shown["out"] + degree["incoming"] - shown["in"]
    if left > 0:
        hood.more[doc_id] = hood.more.get(doc_id, 0) + left


def _mark_outdated(store: GraphStore, hood: Neighbourhood, as_of: str) -> list[Edge]:
    """Citation edges to documents that stopped being in force by ``as_of``, with their successor."""
    ended = {i for i, n in hood.nodes.items() if n.get("effective_to") and n["effective_to"] <= as_of}
    if not ended:
        return hood.edges
    successors = {r["id"]: r for r in store.query(_REPLACED, {"rows": [{"id": i} for i in sorted(ended)]})}
    marked = []
    for e in hood.edges:
        if e.relation in CITATION_RELATIONS and e.target in ended:
            successor = successors.get(e.target, {})
            since = successor.get("since") or hood.nodes[e.target]["effective_to"]
            e = Edge(e.source, e.target, e.relation, e.mentions, True, successor.get("number"), since)
        marked.append(e)
    return marked
