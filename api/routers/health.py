"""Is the server up, and on what."""

from __future__ import annotations

from fastapi import APIRouter

from luocdo.api.deps import Store
from luocdo.api.models import Health
from luocdo.queries.documents import document_count

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="Liveness and what the server holds")
def healthz(store: Store) -> Health:
    return Health(status="ok", backend=store.dialect, documents=document_count(store))
