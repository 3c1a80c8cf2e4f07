"""Documents: find them, read one, and walk its citations and implementers."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any

from fastapi import APIRouter, Query

from luocdo.api.deps import Config, Store
from luocdo.api.models import Document, DocumentPage, Rows
from luocdo.api.problems import Problem
from luocdo.graph.search import has_words, query_words, rank, search_text
from luocdo.graph.store import GraphStore
from luocdo.queries.named import run_named
from luocdo.queries.suggest import closest_ids

router = APIRouter(prefix="/documents", tags=["documents"])

Id = Annotated[str, "canonical id, slashes and all: /documents/10/2022/QH15"]


@router.get("", response_model=DocumentPage, summary="Find documents")
def list_documents(
    store: Store,
    settings: Config,
    type: Annotated[str | None, Query(max_length=100, description="'Kế hoạch', 'Luật' …")] = None,
    issuer: Annotated[str | None, Query(max_length=200, description="Part of the issuer's name")] = None,
    level: Annotated[str | None, Query(pattern="^(national|province|district|commune)$")] = None,
    province: Annotated[str | None, Query(max_length=100)] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    status: Annotated[str | None, Query(pattern="^(in force|expired|partly expired|unknown)$")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Number or words of the title, accents optional: "
                                                               "'phap lenh 34'")] = None,
    in_corpus: Annotated[bool | None, Query(description="Only documents read from files (true) or only cited")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
) -> DocumentPage:
    """Documents matching every filter given, by id; page with ``cursor``."""
    where, params = [], {"limit": min(limit, settings.page_max) + 1}
    for name, value in (("type", type), ("level", level), ("province", province), ("status", status)):
        if value is not None:
            where.append(f"d.{name} = ${name}")
            params[name] = value
    if issuer:
        where.append("d.issuer CONTAINS $issuer")
        params["issuer"] = issuer
    if year is not None:
        where.append("d.date STARTS WITH $year")
        params["year"] = str(year)
    if in_corpus is not None:
        where.append("d.in_corpus = $in_corpus")
        params["in_corpus"] = in_corpus
    words = query_words(q or "")
    for i, word in enumerate(words):
        where.append(f"d.search CONTAINS $w{i}")
        params[f"w{i}"] = word
    if words:
        return _ranked(store, where, params, words, params["limit"] - 1, cursor)
    if cursor:
        where.append("d.id > $after")
        params["after"] = _decode(cursor)
    query = ("MATCH (d:Document)" + (" WHERE " + " AND ".join(where) if where else "")
             + " RETURN d AS node ORDER BY d.id LIMIT $limit")
    nodes = [r["node"] for r in store.query(query, params)]
    page, more = nodes[:params["limit"] - 1], len(nodes) >= params["limit"]
    return DocumentPage(items=[Document(**n) for n in page], next_cursor=_encode(page[-1]["id"]) if more else None)


@router.get("/{doc_id:path}/citations", response_model=Rows, summary="What a document cites")
def citations(doc_id: Id, store: Store) -> Rows:
    """One row per citation, in text order, with its span, sentence, pinpoint and the document it means."""
    return Rows(items=run_named(store, "citations_of", {"id": find(store, doc_id)["id"]}))


@router.get("/{doc_id:path}/cited-by", response_model=Rows, summary="Who cites a document")
def cited_by(doc_id: Id, store: Store) -> Rows:
    return Rows(items=run_named(store, "cited_by", {"id": find(store, doc_id)["id"]}))


@router.get("/{doc_id:path}/implementers", response_model=Rows, summary="Who implements a document, every level down")
def implementers(doc_id: Id, store: Store, depth: Annotated[int, Query(ge=1, le=6)] = 6) -> Rows:
    return Rows(items=run_named(store, "implementers_of", {"number": find(store, doc_id)["id"], "depth": depth}))


@router.get("/{doc_id:path}/chain", response_model=Rows,
            summary="The implementation paths from a document up to every root the graph has")
def chain(doc_id: Id, store: Store, limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Rows:
    return Rows(items=run_named(store, "implementation_chain", {"id": find(store, doc_id)["id"], "limit": limit}))


@router.get("/{doc_id:path}", response_model=Document, summary="One document")
def get_document(doc_id: Id, store: Store) -> Document:
    """By canonical id; a canonical number that names one document works too ("34/2007/PL-UBTVQH11")."""
    return Document(**find(store, doc_id))


def find(store: GraphStore, doc_id: str) -> dict[str, Any]:
    """The node with this id, or the one node with this number; else a 404 naming the candidates."""
    rows = store.query("MATCH (d:Document {id: $id}) RETURN d AS node", {"id": doc_id})
    if not rows:
        rows = store.query("MATCH (d:Document {number: $id}) RETURN d AS node ORDER BY d.id LIMIT 20", {"id": doc_id})
    if len(rows) == 1:
        node: dict[str, Any] = rows[0]["node"]
        return node
    if rows:
        ids = [r["node"]["id"] for r in rows]
        raise Problem(404, "Ambiguous number", f"{doc_id} names {len(ids)} documents: {', '.join(ids)}",
                      candidates=ids)
    suggestions = closest_ids(store, doc_id)
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
    raise Problem(404, "Not found", f"no document {doc_id!r} in the graph{hint}", suggestions=suggestions)


RANKED_CANDIDATES = 5000  # matches ranked in one search; the words narrow them first


def _ranked(store: GraphStore, where: list[str], params: dict[str, Any], words: list[str], limit: int,
            cursor: str | None) -> DocumentPage:
    """A word search, best first (see :func:`luocdo.graph.search.rank`); the cursor is an offset."""
    query = ("MATCH (d:Document) WHERE " + " AND ".join(where)
             + " OPTIONAL MATCH (d)<-[r:IMPLEMENTS|BASED_ON|CITES]-(:Document)"
             + " RETURN d AS node, count(r) AS cited LIMIT $candidates")
    rows = store.query(query, {**params, "candidates": RANKED_CANDIDATES})
    found = sorted((r for r in rows if has_words(r["node"].get("search") or search_text(
        r["node"].get("id"), r["node"].get("number"), r["node"].get("type"), r["node"].get("title"),
        r["node"].get("issuer")), words)), key=lambda r: rank(r["node"], words, r["cited"]))
    start = _offset(cursor) if cursor else 0
    page = found[start:start + limit]
    more = start + limit < len(found)
    return DocumentPage(items=[Document(**r["node"]) for r in page],
                        next_cursor=_encode(f"rank:{start + limit}") if more else None)


def _offset(cursor: str) -> int:
    decoded = _decode(cursor)
    if not decoded.startswith("rank:") or not decoded[5:].isdigit():
        raise Problem(400, "Bad cursor", "cursor is not one this API gave out")
    return int(decoded[5:])


def _encode(doc_id: str) -> str:
    return base64.urlsafe_b64encode(doc_id.encode()).decode().rstrip("=")


def _decode(cursor: str) -> str:
    try:
        return base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise Problem(400, "Bad cursor", "cursor is not one this API gave out") from None
