"""The whole graph, for other tools."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from luocdo.api.deps import Config, Store
from luocdo.graph.rdf import FORMATS
from luocdo.graph.rdf_cache import RdfCache
from luocdo.graph.rdf_terms import DEFAULT_BASE

router = APIRouter(tags=["export"])

MEDIA = {fmt: media for fmt, (_, media) in FORMATS.items()}


@router.get("/export", summary="The whole graph as ELI RDF (Turtle, JSON-LD, N-Triples), GraphML or node-link JSON",
            responses={200: {"content": {m: {} for m in MEDIA.values()}}})
async def export(store: Store, settings: Config,
                 format: Annotated[str, Query(pattern="^(?:" + "|".join(FORMATS) + ")$")] = "json") -> Response:
    body = await run_in_threadpool(RdfCache.of(store).export, store, format, settings.rdf_base or DEFAULT_BASE)
    return Response(body, media_type=MEDIA[format],
                    headers={"Content-Disposition": f'attachment; filename="luocdo.{format}"'})
