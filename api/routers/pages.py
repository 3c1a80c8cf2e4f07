"""The graph browser: search, document pages, graph views, implementation trees, audits — as HTML.

Pages are rendered on the server with Jinja2 (autoescaping everything a document says); the only
scripts are luocdo's own and vis-network, served from this server.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date
from importlib.resources import files
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from luocdo.api.audit_filters import PAGE_ROWS, citing_filter, filter_query
from luocdo.api.deps import Store
from luocdo.api.document_search import document_page as documents_found
from luocdo.api.document_text import ingested_text
from luocdo.api.network import focus_name, group_payload, legend, payload, script_json
from luocdo.api.problems import Problem
from luocdo.api.vocabulary import vi
from luocdo.graph.model import CITATION_RELATIONS
from luocdo.graph.search import query_words
from luocdo.ingest.kinds import Level
from luocdo.queries import audits
from luocdo.queries.documents import (
    VALIDITY,
    DocumentFilter,
    acts_of,
    conflicts_about,
    find_document,
    labels_of,
    validity,
    validity_rows,
)
from luocdo.queries.implementation_tree import implementation_tree
from luocdo.queries.named import run_named
from luocdo.queries.neighbourhood import neighbourhood
from luocdo.queries.validity import Fact

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(files("luocdo.api") / "templates"))
templates.env.filters["vi"] = vi
LEVELS = tuple(Level)


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, store: Store, q: Annotated[str | None, Query(max_length=200)] = None,
                cursor: Annotated[str | None, Query(max_length=1000)] = None) -> HTMLResponse:
    context: dict[str, Any] = {"q": q}
    if q:
        page = documents_found(store, DocumentFilter(words=tuple(query_words(q))), 50, cursor)
        context |= {"results": page.items, "next_cursor": page.next_cursor}
    else:
        stats = store.stats()
        citations = sum(stats["edges"][r] for r in ("IMPLEMENTS", "BASED_ON", "CITES"))
        context |= {"stats": stats | {"citations": citations},
                    "most_cited": run_named(store, "most_cited", {"limit": 15})}
    return templates.TemplateResponse(request, "search.html", context)


@router.get("/doc/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, store: Store) -> HTMLResponse:
    """A document: its status with the facts behind it, what it does to others, its outdated
    citations, conflicts, citations both ways, and its text as ingested (never extracted again)."""
    doc = find_document(store, doc_id)
    rows = validity_rows(store, doc["id"])
    facts = [Fact.from_row(r) for r in rows]
    citations = run_named(store, "citations_of", {"id": doc["id"]})
    text, changed = ingested_text(doc, citations)
    return templates.TemplateResponse(request, "document.html", {
        "doc": doc, "status": validity(doc, facts), "facts": _by_relation(rows), "acts": _by_relation(
            acts_of(store, doc["id"])), **_outdated(store, doc["id"]),
        "conflicts": conflicts_about(store, doc, facts), "outgoing": _grouped(citations),
        "incoming": _grouped(run_named(store, "cited_by", {"id": doc["id"]})), "text": text, "file_changed": changed})


@router.get("/graph/{doc_id:path}", response_class=HTMLResponse)
def graph_page(request: Request, doc_id: str, store: Store,
               depth: Annotated[int, Query(ge=1, le=3)] = 1) -> HTMLResponse:
    doc = find_document(store, doc_id)
    hood = neighbourhood(store, doc, depth=depth)
    return templates.TemplateResponse(request, "graph.html", {
        "focus_label": focus_name(doc), "depth": depth,
        "data_json": script_json(payload(hood)), "link_base": "/doc/", "legend": legend(),
        "group_url": f"/graph-group/{quote(doc['id'], safe='')}?depth={depth}&key="})


@router.get("/graph-group/{doc_id:path}")
def graph_group(doc_id: str, store: Store, key: Annotated[str, Query(max_length=1000)],
                depth: Annotated[int, Query(ge=1, le=3)] = 1) -> JSONResponse:
    """The members of one group of the graph view (what a click on it adds to the drawing)."""
    doc = find_document(store, doc_id)
    hood = neighbourhood(store, doc, depth=depth)
    if key not in hood.groups:
        raise Problem(404, "Không có nhóm này", f"no group {key!r} in this view")
    return JSONResponse(group_payload(hood, key))


@router.get("/tree/{doc_id:path}", response_class=HTMLResponse)
def tree_page(request: Request, doc_id: str, store: Store) -> HTMLResponse:
    doc = find_document(store, doc_id)
    rows = run_named(store, "implementers_of", {"number": doc["id"], "depth": 6})
    return templates.TemplateResponse(request, "tree.html", {
        "doc": doc, "total": len(rows), "tree": implementation_tree(store, rows)})


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, store: Store, citing: Annotated[audits.Citing, Depends(citing_filter)],
               as_of: Annotated[str | None, Query(max_length=10)] = None,
               page: Annotated[int, Query(ge=1, le=100_000)] = 1,
               per_page: Annotated[int, Query(ge=1, le=1000)] = PAGE_ROWS,
               agreeing: Annotated[bool, Query(description="Also the values written as known")] = False,
               conflicts_page: Annotated[int, Query(ge=1, le=100_000)] = 1,
               ) -> HTMLResponse:
    as_of = as_of or date.today().isoformat()
    rows = audits.outdated_citations(store, as_of, citing)
    query = filter_query(as_of, citing) + (f"&per_page={per_page}" if per_page != PAGE_ROWS else "")
    # Each conflict's wrong values, beside the known one; the rows of those who wrote it right on demand.
    conflicts = [r for r in audits.citation_conflicts(store) if agreeing or not r["agrees"]]
    shown = conflicts[(conflicts_page - 1) * per_page:conflicts_page * per_page]
    return templates.TemplateResponse(request, "audit.html", {
        "as_of": as_of, "citing": citing, "query": query, "total": len(rows), "page": page,
        "pages": _pages(len(rows), per_page), "outdated": rows[(page - 1) * per_page:page * per_page],
        "conflicts": shown, "agreeing": agreeing, "wrong": sum(not r["agrees"] for r in conflicts),
        "conflicts_page": conflicts_page, "conflicts_pages": _pages(len(conflicts), per_page),
        # Citing plans by type and number (or title), not by id: "Kế hoạch 191/KH-UBND".
        "labels": labels_of(store, {i for r in shown for i in (r["cited"], *r["citing"])})})


def _pages(rows: int, per_page: int) -> int:
    return max(1, -(-rows // per_page))


@router.get("/audit/outdated.csv")
def outdated_csv(store: Store, citing: Annotated[audits.Citing, Depends(citing_filter)],
                 as_of: Annotated[str | None, Query(max_length=10)] = None) -> Response:
    rows = [r | {"relations": " ; ".join(r["relations"])}
            for r in audits.outdated_citations(store, as_of or date.today().isoformat(), citing)]
    return _csv(rows, "outdated-citations.csv")


@router.get("/audit/conflicts.csv")
def conflicts_csv(store: Store) -> Response:
    rows = [r | {"citing": " ; ".join(r["citing"])} for r in audits.citation_conflicts(store)]
    return _csv(rows, "citation-conflicts.csv")


def _csv(rows: list[dict[str, Any]], name: str) -> Response:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _grouped(rows: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Citations by relation. Validity facts have their own sections, which say who states each:
    one another document states is never listed as this document's citation."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[r["relation"]].append(r)
    return [(rel, groups[rel]) for rel in CITATION_RELATIONS if groups.get(rel)]


def _outdated(store: Store, doc_id: str) -> dict[str, Any]:
    """The document's citations of documents no longer in force on its own date, and those that
    are no longer in force today (and were then)."""
    then = audits.outdated_citations_of(store, doc_id)
    seen = {r["cited_id"] for r in then}
    now = [r for r in audits.outdated_citations_of(store, doc_id, None) if r["cited_id"] not in seen]
    return {"outdated": then, "outdated_now": now, "today": date.today().isoformat()}


def _by_relation(rows: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Validity facts or acts by relation: amends, repeals, replaces, suspends."""
    return [(rel, [r for r in rows if r["relation"] == rel]) for rel in VALIDITY
            if any(r["relation"] == rel for r in rows)]
