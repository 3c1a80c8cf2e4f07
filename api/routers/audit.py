"""Audits: outdated citations, conflicting citations and validity facts, documents of unknown
validity, unresolved citations, units that never implemented a document."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from luocdo.api.audit_filters import citing_filter
from luocdo.api.deps import Store
from luocdo.api.models import Rows
from luocdo.ingest.kinds import Level
from luocdo.queries import audits

router = APIRouter(prefix="/audit", tags=["audit"])


@router.get("/outdated", response_model=Rows, summary="Citations of documents no longer in force")
def outdated(store: Store, citing: Annotated[audits.Citing, Depends(citing_filter)],
             as_of: Annotated[str | None, Query(
                 max_length=10, description="ISO date (default today), or 'issue': each citing document's own "
                                            "date; a citing document of partial or no date is 'undetermined'")] = None,
             ) -> Rows:
    return Rows(items=audits.outdated_citations(store, as_of, citing))


@router.get("/conflicts", response_model=Rows,
            summary="Documents cited with disagreeing dates, types or numbers; validity facts that disagree")
def conflicts(store: Store) -> Rows:
    return Rows(items=audits.citation_conflicts(store))


@router.get("/unknown", response_model=Rows, summary="Cited documents of unknown validity, most cited first")
def unknown(store: Store, limit: Annotated[int, Query(ge=1, le=10_000)] = 100) -> Rows:
    return Rows(items=audits.unknown_validity(store, limit))


@router.get("/unresolved", response_model=Rows, summary="Cited documents not read from any file, most cited first")
def unresolved(store: Store, limit: Annotated[int, Query(ge=1, le=10_000)] = 100) -> Rows:
    return Rows(items=audits.unresolved_citations(store, limit))


@router.get("/status", summary="A document's status on a date, with the fact that decided it")
def status(store: Store, id: Annotated[str, Query(min_length=1, max_length=200, description="'10/2022/QH15'")],
           as_of: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="ISO date (default "
                                                                                            "today)")] = None,
           ) -> dict[str, Any]:
    return audits.document_status(store, id, as_of)


@router.get("/coverage", summary="Units of a province with no document implementing a document")
def coverage(
    store: Store,
    number: Annotated[str, Query(min_length=1, max_length=100, description="'10/2022/QH15'")],
    province: Annotated[str, Query(min_length=1, max_length=100, description="'Hà Tĩnh'")],
    level: Annotated[str, Query(pattern=f"^(?:{Level.DISTRICT}|{Level.COMMUNE})$")] = "district",
    as_of: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="Register date")] = None,
) -> dict[str, Any]:
    return audits.coverage(store, number, province, level=level, on=as_of)
