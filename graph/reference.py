"""The reference data as graph: validity of known documents, and what replaces, amends or implements what.

Nodes come from ``data/reference/documents.csv`` and ``laws.csv`` (through
:func:`luocdo.ingest.reference.known_documents`), edges from their ``replaced_by`` columns and from
``relations.csv``. Users add their own files of either shape (:func:`read_reference_csv`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from importlib.resources import files
from pathlib import Path

from luocdo.graph.model import CITATION_RELATIONS, REFERENCE_RELATIONS, STATUSES, DocumentNode, ReferenceEdge
from luocdo.ingest.issuers import parse_issuer
from luocdo.ingest.reference import KnownDocument, known_documents, lookup
from luocdo.ingest.resolve import document_id

_ISO = re.compile(r"(?:19|20)\d\d(?:-[01]\d(?:-[0-3]\d)?)?")
_STATUS = {"superseded de facto": "expired"}  # replaced in practice: for an audit, no longer in force
_EDGE_RELATIONS = REFERENCE_RELATIONS + CITATION_RELATIONS[:2]  # IMPLEMENTS and BASED_ON may be stated too


class ReferenceDataError(ValueError):
    """A reference file that cannot be loaded; ``problems`` lists each bad line."""

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source}: " + "; ".join(problems[:10]) + (" …" if len(problems) > 10 else ""))
        self.source = source
        self.problems = problems


@dataclass(frozen=True)
class ReferenceGraph:
    documents: list[DocumentNode]
    edges: list[ReferenceEdge]


def reference_graph() -> ReferenceGraph:
    """The reference data shipped with luocdo."""
    text = (files("luocdo.data") / "reference" / "relations.csv").read_text(encoding="utf-8")
    return build_reference(known_documents(), _relations(csv.DictReader(io.StringIO(text, newline="")),
                                                         "relations.csv"))


def build_reference(docs: Iterable[KnownDocument], relations: Iterable[ReferenceEdge] = ()) -> ReferenceGraph:
    """Nodes for ``docs`` and edges: successor REPLACES predecessor, plus ``relations``."""
    docs = list(docs)
    nodes = {}
    edges: list[ReferenceEdge] = []
    for doc in docs:
        node = reference_node(doc)
        nodes[node.id] = node
    for doc in docs:
        if not doc.replaced_by:
            continue
        old = nodes[known_id(doc)]
        for number in re.split(r"\s*[;|]\s*", doc.replaced_by):
            successor = successor_node(number, after=doc.signed_date, nodes=nodes)
            nodes.setdefault(successor.id, successor)
            since = doc.replaced_from or successor.effective_from or successor.date
            old.effective_to = old.effective_to or since or None
            edges.append(ReferenceEdge(successor.id, old.id, "REPLACES", since or None, doc.source or "data/reference",
                                       scope="whole", verified=doc.verified == "yes"))
    edges.extend(relations)
    return ReferenceGraph(list(nodes.values()), edges)


def known_id(doc: KnownDocument) -> str:
    """The canonical id of a document the reference data describes."""
    issuer = parse_issuer(doc.issuer) if doc.issuer else None
    return document_id(doc.number, issuer, doc.signed_date or None)


def reference_node(doc: KnownDocument) -> DocumentNode:
    """The node of a known document, with its validity."""
    issuer = parse_issuer(doc.issuer) if doc.issuer else None
    place = issuer.place if issuer and issuer.place else None
    return DocumentNode(
        id=known_id(doc), type=doc.type or None, number=doc.number, issuer=doc.issuer or None,
        branch=doc.branch or None, level=doc.level or (issuer.level if issuer else None),
        province=place.province if place else None, date=doc.signed_date or None, title=doc.title or None,
        status=_STATUS.get(doc.status, doc.status) or None, effective_from=doc.effective_date or None,
        effective_to=doc.replaced_from or None, verified=doc.verified == "yes",
    )


def successor_node(number: str, *, after: str, nodes: dict[str, DocumentNode]) -> DocumentNode:
    """The node of the document that replaced another signed on ``after``: the earliest known
    document of that number signed since, else a bare node for the number."""
    known = lookup(number)
    later = [d for d in known if (d.signed_date or "9999") >= (after or "")[:4]] or known
    if not later:
        return DocumentNode(id=document_id(number, None, None), number=number)
    successor = min(later, key=lambda d: d.signed_date or "9999")
    return nodes.get(known_id(successor)) or reference_node(successor)


def read_reference_csv(path: str | Path) -> ReferenceGraph:
    """A user's reference file: relations when it has a ``relation`` column, else documents
    (the columns of ``documents.csv``; ``number`` required). Raises :class:`ReferenceDataError`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ReferenceDataError(str(path), [f"cannot read: {err}"]) from err
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if "relation" in header:
        return ReferenceGraph([], list(_relations(reader, str(path))))
    return build_reference(_documents(reader, str(path)))


def _documents(reader: csv.DictReader[str], source: str) -> list[KnownDocument]:
    names = [f.name for f in fields(KnownDocument)]
    if "number" not in (reader.fieldnames or []):
        raise ReferenceDataError(source, ["no 'number' column (expected the columns of documents.csv)"])
    docs, problems = [], []
    for line, row in enumerate(reader, start=2):
        values = {k: (row.get(k) or "").strip() for k in names}
        values["source"] = values["source"] or source
        values["verified"] = values["verified"] or "no"
        problems += [f"line {line}: {p}" for p in _check_document(values)]
        docs.append(KnownDocument(**values))
    if problems:
        raise ReferenceDataError(source, problems)
    return docs


def _check_document(row: dict[str, str]) -> list[str]:
    problems = []
    if not row["number"]:
        problems.append("empty number")
    for key in ("signed_date", "effective_date", "replaced_from"):
        if row[key] and not _ISO.fullmatch(row[key]):
            problems.append(f"{key} {row[key]!r} is not an ISO date (YYYY-MM-DD)")
    if row["status"] and _STATUS.get(row["status"], row["status"]) not in STATUSES:
        problems.append(f"status {row['status']!r} is not one of {', '.join(STATUSES)}")
    return problems


def _relations(reader: csv.DictReader[str], source: str) -> Iterable[ReferenceEdge]:
    edges, problems = [], []
    for line, row in enumerate(reader, start=2):
        values = {k: (row.get(k) or "").strip() for k in ("source", "relation", "target", "since", "origin",
                                                          "verified")}
        if not values["source"] or not values["target"]:
            problems.append(f"line {line}: source and target are required")
        if values["relation"] not in _EDGE_RELATIONS:
            problems.append(f"line {line}: relation {values['relation']!r} is not one of {', '.join(_EDGE_RELATIONS)}")
        if values["since"] and not _ISO.fullmatch(values["since"]):
            problems.append(f"line {line}: since {values['since']!r} is not an ISO date")
        edges.append(ReferenceEdge(values["source"], values["target"], values["relation"],
                                   values["since"] or None, values["origin"] or source,
                                   verified=values["verified"] == "yes"))
    if problems:
        raise ReferenceDataError(source, problems)
    return edges
