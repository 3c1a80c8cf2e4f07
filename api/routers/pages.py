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
from markupsafe import Markup

from luocdo.api.deps import Store
from luocdo.api.network import group_payload, legend, payload, script_json
from luocdo.api.problems import Problem
from luocdo.api.routers.audit import PAGE_ROWS, citing_filter, filter_query
from luocdo.api.routers.documents import find, list_documents
from luocdo.api.vocabulary import vi
from luocdo.ingest.annotate import annotated_text
from luocdo.ingest.clean import clean
from luocdo.ingest.metadata import read_metadata
from luocdo.ingest.models import ReadError
from luocdo.ingest.pipeline import extract_from
from luocdo.ingest.readers import read_file
from luocdo.queries import audits
from luocdo.queries.implementation_tree import implementation_tree
from luocdo.queries.named import run_named
from luocdo.queries.neighbourhood import neighbourhood

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(files("luocdo.api") / "templates"))
templates.env.filters["vi"] = vi
LEVELS = ("national", "province", "district", "commune")


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, store: Store, q: Annotated[str | None, Query(max_length=200)] = None,
                cursor: Annotated[str | None, Query(max_length=1000)] = None) -> HTMLResponse:
    context: dict[str, Any] = {"q": q}
    if q:
        page = list_documents(store, request.app.state.settings, q=q, cursor=cursor, limit=50, type=None,
                              issuer=None, level=None, province=None, year=None, status=None, in_corpus=None)
        context |= {"results": page.items, "next_cursor": page.next_cursor}
    else:
        stats = store.stats()
        citations = sum(stats["edges"][r] for r in ("IMPLEMENTS", "BASED_ON", "CITES"))
        context |= {"stats": stats | {"citations": citations},
                    "most_cited": run_named(store, "most_cited", {"limit": 15})}
    return templates.TemplateResponse(request, "search.html", context)


@router.get("/doc/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, store: Store) -> HTMLResponse:
    doc = find(store, doc_id)
    outgoing = _grouped(run_named(store, "citations_of", {"id": doc["id"]}))
    incoming = _grouped(run_named(store, "cited_by", {"id": doc["id"]}))
    replacers = dict(incoming).get("REPLACES", [])
    replaced = ({"id": replacers[0]["citing"], "type": replacers[0]["type"], "number": replacers[0]["citing"],
                 "since": doc.get("effective_to")} if replacers else None)
    conflicts = [c for c in audits.citation_conflicts(store) if c["cited"] == doc["id"] and not c["agrees"]]
    text, changed = _annotated(doc)
    return templates.TemplateResponse(request, "document.html", {
        "doc": doc, "outgoing": outgoing, "incoming": incoming, "replaced": replaced, "conflicts": conflicts,
        "text": text, "file_changed": changed})


@router.get("/graph/{doc_id:path}", response_class=HTMLResponse)
def graph_page(request: Request, doc_id: str, store: Store,
               depth: Annotated[int, Query(ge=1, le=3)] = 1) -> HTMLResponse:
    doc = find(store, doc_id)
    hood = neighbourhood(store, doc, depth=depth)
    return templates.TemplateResponse(request, "graph.html", {
        "focus_label": f"{doc.get('type') or ''} {doc.get('number') or doc['id']}".strip(), "depth": depth,
        "data_json": script_json(payload(hood)), "link_base": "/doc/", "legend": legend(),
        "group_url": f"/graph-group/{quote(doc['id'], safe='')}?depth={depth}&key="})


@router.get("/graph-group/{doc_id:path}")
def graph_group(doc_id: str, store: Store, key: Annotated[str, Query(max_length=1000)],
                depth: Annotated[int, Query(ge=1, le=3)] = 1) -> JSONResponse:
    """The members of one group of the graph view (what a click on it adds to the drawing)."""
    doc = find(store, doc_id)
    hood = neighbourhood(store, doc, depth=depth)
    if key not in hood.groups:
        raise Problem(404, "Không có nhóm này", f"no group {key!r} in this view")
    return JSONResponse(group_payload(hood, key))


@router.get("/tree/{doc_id:path}", response_class=HTMLResponse)
def tree_page(request: Request, doc_id: str, store: Store) -> HTMLResponse:
    doc = find(store, doc_id)
    rows = run_named(store, "implementers_of", {"number": doc["id"], "depth": 6})
    return templates.TemplateResponse(request, "tree.html", {
        "doc": doc, "total": len(rows), "tree": implementation_tree(store, rows)})


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, store: Store, citing: Annotated[audits.Citing, Depends(citing_filter)],
               as_of: Annotated[str | None, Query(max_length=10)] = None,
               page: Annotated[int, Query(ge=1, le=100_000)] = 1,
               per_page: Annotated[int, Query(ge=1, le=1000)] = PAGE_ROWS) -> HTMLResponse:
    as_of = as_of or date.today().isoformat()
    rows = audits.outdated_citations(store, as_of, citing)
    query = filter_query(as_of, citing) + (f"&per_page={per_page}" if per_page != PAGE_ROWS else "")
    return templates.TemplateResponse(request, "audit.html", {
        "as_of": as_of, "citing": citing, "query": query, "total": len(rows), "page": page,
        "pages": max(1, -(-len(rows) // per_page)), "outdated": rows[(page - 1) * per_page:page * per_page],
        "conflicts": audits.citation_conflicts(store)})


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
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[r["relation"]].append(r)
    order = ("IMPLEMENTS", "BASED_ON", "CITES", "REPLACES", "AMENDS", "REPEALS")
    return [(rel, groups[rel]) for rel in order if groups.get(rel)]


def _annotated(doc: dict[str, Any]) -> tuple[Markup | None, bool]:
    """The document's text with its citations linked, and whether its file changed since it was
    ingested (then nothing of it is shown: the page shows only what the graph was built from)."""
    source = doc.get("source")
    if not doc.get("in_corpus") or not source:
        return None, False
    try:
        raw = read_file(source)  # a regular file only, size-limited: never a link to a device
    except ReadError:
        return None, True
    if not doc.get("sha256") or raw.sha256 != doc["sha256"]:
        return None, True
    text = clean(raw)
    result = extract_from(text, read_metadata(text, sha256=raw.sha256))
    return Markup(annotated_text(result.text, result.citations, link_base="/doc/")), False  # escaped there

