"""Documents: one found by id or number, lists and word searches, the count, and what a page
shows of one — its status with the facts behind it, the facts it states on other documents, the
citations in it that were outdated on its date, and the conflicts about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from luocdo.graph.search import has_words, rank, search_text
from luocdo.graph.store import GraphStore, Row
from luocdo.queries.named import UnknownDocument, documents_named, run_named
from luocdo.queries.validity import Fact, Own, Status, ending_conflicts, status_as_of

BY_ID = "MATCH (d:Document {id: $id}) RETURN d AS node"
# What a link to a document shows: its type and number, else its title, else its issuer and date.
LABELS = ("UNWIND $ids AS id MATCH (d:Document {id: id}) "
          "RETURN d.id AS id, d.type AS type, d.number AS number, d.title AS title, d.issuer AS issuer, "
          "d.date AS date")
COUNT = "MATCH (d:Document) RETURN count(d) AS n"
RANKED_CANDIDATES = 5000  # matches ranked in one search; the words narrow them first
VALIDITY = ("AMENDS", "REPEALS", "REPLACES", "SUSPENDS")


class AmbiguousDocument(UnknownDocument):
    """A number that names several documents: the message and ``suggestions`` list them all."""

    def __init__(self, wanted: str, ids: list[str]) -> None:
        super().__init__(wanted, ids)
        self.args = (f"{wanted} names {len(ids)} documents: {', '.join(ids)}",)


def find_document(store: GraphStore, id_or_number: str, *, first: bool = False) -> Row:
    """The node with this id, else the one node with this number (the first by id with ``first``);
    raises :class:`UnknownDocument` (with the closest ids) or :class:`AmbiguousDocument`."""
    ids = documents_named(store, id_or_number)
    if not ids:
        from luocdo.queries.suggest import closest_ids

        raise UnknownDocument(id_or_number, closest_ids(store, id_or_number))
    if len(ids) > 1 and not first:
        raise AmbiguousDocument(id_or_number, ids)
    node: Row = store.query(BY_ID, {"id": ids[0]})[0]["node"]
    return node


def labels_of(store: GraphStore, ids: set[str]) -> dict[str, Row]:
    """Type, number, title, issuer and date of each document of ``ids`` the store holds, by id
    (what a link shows)."""
    return {r["id"]: r for r in store.query(LABELS, {"ids": sorted(ids)})} if ids else {}


def document_count(store: GraphStore) -> int:
    return int(store.query(COUNT)[0]["n"])


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents a list keeps; ``None`` is any. ``words`` are folded words of a search."""

    type: str | None = None
    issuer: str | None = None
    level: str | None = None
    province: str | None = None
    year: int | None = None
    status: str | None = None  # the reference data's status
    in_corpus: bool | None = None
    words: tuple[str, ...] = field(default=())

    def where(self) -> tuple[list[str], dict[str, Any]]:
        """The WHERE conditions and their parameters (values are always parameters)."""
        where, params = [], {}
        for name in ("type", "level", "province", "status", "in_corpus"):
            if getattr(self, name) is not None:
                where.append(f"d.{name} = ${name}")
                params[name] = getattr(self, name)
        if self.issuer:
            where.append("d.issuer CONTAINS $issuer")
            params["issuer"] = self.issuer
        if self.year is not None:
            where.append("d.date STARTS WITH $year")
            params["year"] = str(self.year)
        for i, word in enumerate(self.words):
            where.append(f"d.search CONTAINS $w{i}")
            params[f"w{i}"] = word
        return where, params


def list_documents(store: GraphStore, wanted: DocumentFilter, limit: int, after: str | None = None) -> list[Row]:
    """Up to ``limit`` nodes matching ``wanted``, by id, after the id ``after``."""
    where, params = wanted.where()
    if after is not None:
        where.append("d.id > $after")
        params["after"] = after
    query = ("MATCH (d:Document)" + (" WHERE " + " AND ".join(where) if where else "")
             + " RETURN d AS node ORDER BY d.id LIMIT $limit")
    return [r["node"] for r in store.query(query, {**params, "limit": limit})]


def search_documents(store: GraphStore, wanted: DocumentFilter) -> list[Row]:
    """Nodes having every word of ``wanted.words``, best first (:func:`luocdo.graph.search.rank`)."""
    where, params = wanted.where()
    query = ("MATCH (d:Document)" + (" WHERE " + " AND ".join(where) if where else "")
             + " OPTIONAL MATCH (d)<-[r:IMPLEMENTS|BASED_ON|CITES]-(:Document)"
             + " RETURN d AS node, count(r) AS cited LIMIT $candidates")
    rows = store.query(query, {**params, "candidates": RANKED_CANDIDATES})
    words = list(wanted.words)
    found = [r for r in rows if has_words(_searchable(r["node"]), words)]
    return [r["node"] for r in sorted(found, key=lambda r: rank(r["node"], words, r["cited"]))]


def _searchable(node: Row) -> str:
    return str(node.get("search") or search_text(node.get("id"), node.get("number"), node.get("type"),
                                                 node.get("title"), node.get("issuer")))


# --- validity: a document's status with its evidence ----------------------------------------------


def validity_rows(store: GraphStore, doc_id: str) -> list[Row]:
    """The ``validity_facts`` rows about the document: what amends, repeals, replaces or suspends it."""
    return [r for r in run_named(store, "validity_facts", {"id": doc_id}) if r["document"] == doc_id]


def facts_about(store: GraphStore, doc_id: str) -> list[Fact]:
    """Every validity fact about the document, as :mod:`luocdo.queries.validity` reads them."""
    return [Fact.from_row(r) for r in validity_rows(store, doc_id)]


def status_of(node: Row, facts: list[Fact], on: str | None = None) -> Status:
    """The document's status on ``on`` (default today), derived as the audits derive it."""
    return status_as_of(Own.from_row(node), facts, on or date.today().isoformat())


def validity(node: Row, facts: list[Fact], on: str | None = None) -> dict[str, Any]:
    """The status as the API gives it: the label (an unverified reference fact says so), its code,
    and the fact behind it (``by``, ``since``, ``evidence``, ``said_by``, ``verified``, ``sentence``)."""
    status = status_of(node, facts, on)
    return {**status.evidence(), "relation": status.fact.relation if status.fact else None,
            "as_of": on or date.today().isoformat(), "undetermined": status.undetermined,
            "amended_by": list(status.amended_by)}


def with_validity(store: GraphStore, nodes: list[Row]) -> list[Row]:
    """The nodes with their derived ``status`` (the label), ``status_code`` and ``validity``."""
    return [_with(node, facts_about(store, node["id"])) for node in nodes]


def _with(node: Row, facts: list[Fact]) -> Row:
    found = validity(node, facts)
    return {**node, "status": found["status"], "status_code": found["status_code"], "validity": found}


def acts_of(store: GraphStore, doc_id: str) -> list[Row]:
    """What the document does to others: the documents it amends, repeals, replaces or suspends."""
    return run_named(store, "validity_acts", {"id": doc_id})


def said_agrees(field: str, said: Any, known: Any) -> bool:
    """Whether a value a citation said agrees with the one the graph knows. A number's letter case
    tells nothing: a title in capitals writes "SỐ 06/QĐ-TTG" for 06/QĐ-TTg."""
    if field == "number" and isinstance(said, str) and isinstance(known, str):
        return said.upper() == known.upper()
    return bool(said == known)


def conflicts_about(store: GraphStore, node: Row, facts: list[Fact]) -> list[Row]:
    """Where citations of this document disagree with each other or with what the graph knows of
    it, and where facts about its validity disagree; only the disagreeing values."""
    rows = []
    for r in run_named(store, "document_conflicts", {"id": node["id"]}):
        for said, citing in zip(r["said"], r["citing"], strict=True):
            if not said_agrees(r["field"], said, r["known"]):
                rows.append({"cited": node["id"], "field": r["field"], "known": r["known"], "said": said,
                             "agrees": False, "citing": sorted(citing)})
    rows += [r for r in ending_conflicts(node["id"], node.get("number"), facts) if not r["agrees"]]
    said = node.get("text_effective_from")
    if said and node.get("effective_from") and said != node["effective_from"]:
        rows.append({"cited": node["id"], "field": "effective_from", "known": node["effective_from"],
                     "said": said, "agrees": False, "citing": [node["id"]]})
    return rows
