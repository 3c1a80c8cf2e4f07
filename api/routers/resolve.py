"""Citation lookup: what a citation as written means."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query

from luocdo.api.deps import Store
from luocdo.api.models import Resolution, ResolveCandidate
from luocdo.queries.documents import find_document
from luocdo.queries.lookup import resolve_citation

router = APIRouter(tags=["resolve"])


@router.get("/resolve", response_model=Resolution, summary="A citation as written → the documents it means")
def resolve(
    store: Store,
    q: Annotated[str, Query(min_length=1, max_length=1000, description="'Nghị định 145', 'Luật Tiếp công dân'")],
    context: Annotated[str | None, Query(max_length=300, description="Id of the document the citation is in")] = None,
) -> Resolution:
    node = find_document(store, context) if context else None
    return Resolution(q=q, candidates=[ResolveCandidate(**asdict(c)) for c in resolve_citation(store, q, node)])
