"""Pages of documents for the API and the search page: by id with an id cursor, or best first
for a word search with an offset cursor; each document with its derived status."""

from __future__ import annotations

import base64
import binascii

from luocdo.api.models import Document, DocumentPage
from luocdo.api.problems import Problem
from luocdo.graph.store import GraphStore
from luocdo.queries.documents import DocumentFilter, list_documents, search_documents, with_validity


def document_page(store: GraphStore, wanted: DocumentFilter, limit: int, cursor: str | None) -> DocumentPage:
    """One page of the documents ``wanted`` keeps; ``next_cursor`` asks for the next."""
    if wanted.words:
        return _ranked(store, wanted, limit, cursor)
    nodes = list_documents(store, wanted, limit + 1, _decode(cursor) if cursor else None)
    page, more = nodes[:limit], len(nodes) > limit
    return DocumentPage(items=_documents(store, page), next_cursor=_encode(page[-1]["id"]) if more else None)


def _ranked(store: GraphStore, wanted: DocumentFilter, limit: int, cursor: str | None) -> DocumentPage:
    found = search_documents(store, wanted)
    start = _offset(cursor) if cursor else 0
    more = start + limit < len(found)
    return DocumentPage(items=_documents(store, found[start:start + limit]),
                        next_cursor=_encode(f"rank:{start + limit}") if more else None)


def _documents(store: GraphStore, nodes: list[dict[str, object]]) -> list[Document]:
    return [Document(**n) for n in with_validity(store, nodes)]


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
