"""Audits: outdated citations, conflicting citations, units that never implemented a document."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from luocdo.api.deps import Store
from luocdo.api.models import Rows
from luocdo.queries import audits

router = APIRouter(prefix="/audit", tags=["audit"])


@router.get("/outdated", response_model=Rows, summary="Citations of documents no longer in force")
def outdated(store: Store, as_of: Annotated[str | None, Query(
        max_length=10, description="ISO date (default today), or 'issue': each citing document's own date")] = None,
             ) -> Rows:
    return Rows(items=audits.outdated_citations(store, as_of))


@router.get("/conflicts", response_model=Rows, summary="Documents cited with disagreeing dates, types or numbers")
def conflicts(store: Store) -> Rows:
    return Rows(items=audits.citation_conflicts(store))


@router.get("/coverage", summary="Units of a province with no document implementing a document")
def coverage(
    store: Store,
    number: Annotated[str, Query(min_length=1, max_length=100, description="'10/2022/QH15'")],
    province: Annotated[str, Query(min_length=1, max_length=100, description="'Hà Tĩnh'")],
    level: Annotated[str, Query(pattern="^(district|commune)$")] = "district",
    as_of: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="Register date")] = None,
) -> dict[str, Any]:
    return audits.coverage(store, number, province, level=level, on=as_of)
