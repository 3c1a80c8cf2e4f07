"""The documents around one, a few steps out, bounded so that a hub stays readable.

What the graph view draws: each step asks every document on the edge of what is known for its
neighbours (``neighbours.cypher``), at most ``per_node`` each way. The documents first met at one
step that share a direction, level, province and type are drawn as one *group* ("37 kế hoạch cấp
xã ở Hà Tĩnh") once there are ``min_group`` of them; past the first step, where hubs multiply,
local documents are grouped by level and province alone, from ``min_group_far``. A group is not
stepped through; it is joined to each document that led to it, and its members are sent only when
someone opens it (``api.network.group_payload``). What the caps left out is counted
(``degree.cypher``) and shown as "+N". Edges to documents no longer in force on ``as_of`` carry
what replaced them and since when.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from luocdo.graph.model import CITATION_RELATIONS
from luocdo.graph.store import GraphStore
from luocdo.queries.named import run_named

_REPLACED = ("UNWIND $rows AS row MATCH (n:Document)-[x:REPLACES]->(c:Document {id: row.id}) "
             "RETURN c.id AS id, n.number AS number, n.id AS by, x.since AS since")
_KINDS = ("MATCH (d:Document {id: $id})<-[:IMPLEMENTS|BASED_ON|CITES|REPLACES|AMENDS|REPEALS]-(n:Document) "
          "RETURN 'in' AS direction, n.level AS level, n.province AS province, n.type AS type, "
          "count(DISTINCT n) AS count "
          "UNION ALL MATCH (d:Document {id: $id})-[:IMPLEMENTS|BASED_ON|CITES|REPLACES|AMENDS|REPEALS]->(n:Document) "
          "RETURN 'out' AS direction, n.level AS level, n.province AS province, n.type AS type, "
          "count(DISTINCT n) AS count")
GROUP_PREFIX = "group:"
ACROSS = "*"  # a group's province when it gathers documents of several provinces
MAX_SINGLES = 24  # documents drawn one by one at a step before the rest are grouped across provinces
Rows = list[dict[str, Any]]


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
class Group:
    """Documents met at one step, alike in direction, level, province and type, drawn as one node."""

    key: str
    step: int
    direction: str  # "in": the members cite the documents that led to them; "out": they are cited
    level: str | None
    province: str | None
    type: str | None
    members: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → node properties
    edges: list[Edge] = field(default_factory=list)  # between a drawn document and a member
    total: int = 0  # how many documents the group stands for: more than its members when a cap cut them

    @property
    def provinces(self) -> set[str]:
        return {m["province"] for m in self.members.values() if m.get("province")}

    @property
    def size(self) -> int:
        return max(self.total, len(self.members))

    def links(self) -> list[tuple[str, Counter[str], int]]:
        """Per drawn document joined to the group: its relations to the members, and how many members."""
        out: dict[str, tuple[Counter[str], set[str]]] = {}
        for e in self.edges:
            drawn, member = (e.source, e.target) if e.target in self.members else (e.target, e.source)
            relations, members = out.setdefault(drawn, (Counter(), set()))
            relations[e.relation] += 1
            members.add(member)
        return [(drawn, relations, len(members)) for drawn, (relations, members) in out.items()]


@dataclass
class Neighbourhood:
    focus: str
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → node properties
    edges: list[Edge] = field(default_factory=list)
    more: dict[str, int] = field(default_factory=dict)  # id → neighbours not shown
    distance: dict[str, int] = field(default_factory=dict)  # id → steps from the focus
    groups: dict[str, Group] = field(default_factory=dict)  # key → group drawn as one node
    member_of: dict[str, str] = field(default_factory=dict)  # document id → group key


def neighbourhood(store: GraphStore, focus: dict[str, Any], *, depth: int = 1, per_node: int = 200,
                  max_nodes: int = 60, min_group: int = 5, min_group_far: int = 2,
                  as_of: str | None = None) -> Neighbourhood:
    """Documents within ``depth`` steps of ``focus`` (a node), either direction; at most ``max_nodes``
    drawn (documents and groups), whatever the degree of the documents on the way."""
    hood = Neighbourhood(focus["id"], {focus["id"]: focus}, distance={focus["id"]: 0})
    seen: set[tuple[str, str, str]] = set()
    frontier = [focus["id"]]
    for step in range(1, depth + 1):
        fetched = [(doc_id, run_named(store, "neighbours", {"id": doc_id, "limit": per_node})) for doc_id in frontier]
        cut = [doc_id for doc_id, rows in fetched if _count_left_out(store, hood, doc_id, rows, per_node)]
        fresh = _group_fresh(hood, step, fetched, min_group if step == 1 else min_group_far)
        frontier = []
        for doc_id, rows in fetched:
            for row in rows:
                frontier += _take(hood, seen, step, doc_id, row, fresh, max_nodes)
        if step == 1 and cut:
            _count_whole_groups(store, hood)
    _mark_outdated(store, hood, as_of or date.today().isoformat())
    return hood


def group_key(step: int, direction: str, node: dict[str, Any], *, across: bool = False) -> str:
    """Past the first step, local documents are grouped by level and province whatever their type;
    ``across`` provinces (ACROSS in the key), by level and type."""
    level, province = node.get("level") or "", node.get("province") or ""
    if across and province:
        province = ACROSS
    by_type = step == 1 or not province or province == ACROSS
    return f"{GROUP_PREFIX}{step}|{direction}|{level}|{province}|{node.get('type') or '' if by_type else ''}"


def drawn(hood: Neighbourhood) -> int:
    """Nodes on the drawing: documents and groups."""
    return len(hood.nodes) + len(hood.groups)


def _take(hood: Neighbourhood, seen: set[tuple[str, str, str]], step: int, doc_id: str, row: dict[str, Any],
          fresh: dict[str, str], max_nodes: int) -> list[str]:
    """One neighbour row: into its group, onto the drawing, or counted as left out. Returns the
    document to step through next, if it is a new one on the drawing."""
    other = row["node"]["id"]
    key = fresh.get(other) or hood.member_of.get(other)
    if key and (key in hood.groups or drawn(hood) < max_nodes):
        _add_to_group(hood, key, step, doc_id, row)
        return []
    if key or (other not in hood.nodes and drawn(hood) >= max_nodes):
        hood.more[doc_id] = hood.more.get(doc_id, 0) + 1
        return []
    new = other not in hood.nodes
    if new:
        hood.nodes[other] = row["node"]
        hood.distance[other] = step
    source, target = (doc_id, other) if row["direction"] == "out" else (other, doc_id)
    if (source, target, row["relation"]) not in seen:
        seen.add((source, target, row["relation"]))
        hood.edges.append(Edge(source, target, row["relation"], row["mentions"]))
    return [other] if new else []


def _group_fresh(hood: Neighbourhood, step: int, fetched: list[tuple[str, Rows]], min_group: int,
                 max_singles: int = MAX_SINGLES) -> dict[str, str]:
    """Documents first met at this step that fall in a group of ``min_group`` or more: id → group key.
    When more than ``max_singles`` would still be drawn one by one, those of a level and type are
    grouped across provinces ("23 quyết định cấp tỉnh ở 18 tỉnh"). The focus is never put in a group."""
    keys: dict[str, str] = {}
    rows_of: dict[str, dict[str, Any]] = {}
    for _, rows in fetched:
        for row in rows:
            other = row["node"]
            if other["id"] not in hood.nodes and other["id"] not in hood.member_of and other["id"] not in keys:
                keys[other["id"]] = group_key(step, row["direction"], other)
                rows_of[other["id"]] = row
    sizes = Counter(keys.values())
    grouped = {i: k for i, k in keys.items() if sizes[k] >= min_group}
    singles = [i for i in keys if i not in grouped]
    if len(singles) > max_singles:
        across = {i: group_key(step, rows_of[i]["direction"], rows_of[i]["node"], across=True) for i in singles}
        sizes = Counter(across.values())
        grouped |= {i: k for i, k in across.items() if sizes[k] >= 2}
    return grouped


def _add_to_group(hood: Neighbourhood, key: str, step: int, doc_id: str, row: dict[str, Any]) -> None:
    node = row["node"]
    group = hood.groups.get(key)
    if group is None:
        _, direction, _, province, doc_type = key[len(GROUP_PREFIX):].split("|")
        group = hood.groups[key] = Group(key, step, direction, node.get("level"), province or None, doc_type or None)
    group.members.setdefault(node["id"], node)
    hood.member_of[node["id"]] = key
    source, target = (doc_id, node["id"]) if row["direction"] == "out" else (node["id"], doc_id)
    group.edges.append(Edge(source, target, row["relation"], row["mentions"]))


def _count_left_out(store: GraphStore, hood: Neighbourhood, doc_id: str, rows: list[dict[str, Any]],
                    per_node: int) -> bool:
    """Count what the cap left out of ``doc_id``'s neighbours; whether it left anything out."""
    shown = {d: len({r["node"]["id"] for r in rows if r["direction"] == d}) for d in ("out", "in")}
    if max(shown.values()) < per_node:
        return False  # neither direction was cut
    (degree,) = run_named(store, "degree", {"id": doc_id})
    left = degree["outgoing"] - shown["out"] + degree["incoming"] - shown["in"]
    if left > 0:
        hood.more[doc_id] = hood.more.get(doc_id, 0) + left
    return left > 0


def _count_whole_groups(store: GraphStore, hood: Neighbourhood) -> None:
    """The focus's groups when its neighbours were cut: how many documents each stands for, in all
    ("1,000 kế hoạch cấp xã ở Hà Tĩnh", not the 100 fetched); they leave the "+N" count."""
    for row in store.query(_KINDS, {"id": hood.focus}):
        group = hood.groups.get(group_key(1, row["direction"], row))
        if group is not None and row["count"] > len(group.members):
            group.total = row["count"]
            hood.more[hood.focus] -= row["count"] - len(group.members)
    if hood.more.get(hood.focus, 1) <= 0:
        del hood.more[hood.focus]


def _mark_outdated(store: GraphStore, hood: Neighbourhood, as_of: str) -> None:
    """Citation edges to documents that stopped being in force by ``as_of``, with their successor."""
    every = {**hood.nodes, **{i: n for g in hood.groups.values() for i, n in g.members.items()}}
    ended = {i for i, n in every.items() if n.get("effective_to") and n["effective_to"] <= as_of}
    if not ended:
        return
    successors = {r["id"]: r for r in store.query(_REPLACED, {"rows": [{"id": i} for i in sorted(ended)]})}

    def marked(edges: list[Edge]) -> list[Edge]:
        out = []
        for e in edges:
            if e.relation in CITATION_RELATIONS and e.target in ended:
                successor = successors.get(e.target, {})
                since = successor.get("since") or every[e.target]["effective_to"]
                e = replace(e, outdated=True, replaced_by=successor.get("number"), since=since)
            out.append(e)
        return out

    hood.edges = marked(hood.edges)
    for g in hood.groups.values():
        g.edges = marked(g.edges)
