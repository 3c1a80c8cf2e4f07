"""Documents: find them, read one, and walk its citations and implementers. The Cypher is in
luocdo.queries; a document's status is the derived one, with the fact behind it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from luocdo.api.deps import Config, Store
from luocdo.api.document_search import document_page
from luocdo.api.models import Document, DocumentPage, Rows
from luocdo.graph.search import query_words
from luocdo.graph.store import GraphStore
from luocdo.ingest.kinds import Level, Status, pattern
from luocdo.queries.documents import DocumentFilter, find_document, with_validity
from luocdo.queries.named import run_named

router = APIRouter(prefix="/documents", tags=["documents"])

Id = Annotated[str, "canonical id, slashes and all: /documents/10/2022/QH15"]


@router.get("", response_model=DocumentPage, summary="Find documents")
def list_documents(
    store: Store,
    settings: Config,
    type: Annotated[str | None, Query(max_length=100, description="'Kế hoạch', 'Luật' …")] = None,
    issuer: Annotated[str | None, Query(max_length=200, description="Part of the issuer's name")] = None,
    level: Annotated[str | None, Query(pattern=pattern(Level))] = None,
    province: Annotated[str | None, Query(max_length=100)] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    status: Annotated[str | None, Query(pattern=pattern(Status))] = None,
    q: Annotated[str | None, Query(max_length=200, description="Number or words of the title, accents optional: "
                                                               "'phap lenh 34'")] = None,
    in_corpus: Annotated[bool | None, Query(description="Only documents read from files (true) or only cited")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
) -> DocumentPage:
    """Documents matching every filter given, by id (best first for words ``q``); page with ``cursor``.
    ``status`` filters on the reference data's status; each document shows its derived one."""
    wanted = DocumentFilter(type, issuer, level, province, year, status, in_corpus, tuple(query_words(q or "")))
    return document_page(store, wanted, min(limit, settings.page_max), cursor)


@router.get("/{doc_id:path}/citations", response_model=Rows, summary="What a document cites")
def citations(doc_id: Id, store: Store) -> Rows:
    """One row per citation, in text order, with its span, sentence, pinpoint and the document it means."""
    return Rows(items=run_named(store, "citations_of", {"id": _id(store, doc_id)}))


@router.get("/{doc_id:path}/cited-by", response_model=Rows, summary="Who cites a document")
def cited_by(doc_id: Id, store: Store) -> Rows:
    return Rows(items=run_named(store, "cited_by", {"id": _id(store, doc_id)}))


@router.get("/{doc_id:path}/implementers", response_model=Rows, summary="Who implements a document, every level down")
def implementers(doc_id: Id, store: Store, depth: Annotated[int, Query(ge=1, le=6)] = 6) -> Rows:
    return Rows(items=run_named(store, "implementers_of", {"number": _id(store, doc_id), "depth": depth}))


@router.get("/{doc_id:path}/chain", response_model=Rows,
            summary="The implementation paths from a document up to every root the graph has")
def chain(doc_id: Id, store: Store, limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Rows:
    return Rows(items=run_named(store, "implementation_chain", {"id": _id(store, doc_id), "limit": limit}))


@router.get("/{doc_id:path}", response_model=Document, summary="One document")
def get_document(doc_id: Id, store: Store) -> Document:
    """By canonical id; a canonical number that names one document works too ("34/2007/PL-UBTVQH11");
    its status derived from every validity fact, with the fact behind it (``validity``)."""
    (node,) = with_validity(store, [find_document(store, doc_id)])
    return Document(**node)


def _id(store: GraphStore, doc_id: str) -> str:
    """The id of the document ``doc_id`` names (an id, or a number naming one document)."""
    return str(find_document(store, doc_id)["id"])
