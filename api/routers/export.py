"""The whole graph, for other tools."""

from __future__ import annotations

import io
import json
from typing import Annotated

import networkx as nx
from fastapi import APIRouter, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from luocdo.api.deps import Store
from luocdo.graph.memory import as_networkx

router = APIRouter(tags=["export"])

MEDIA = {"graphml": "application/graphml+xml", "json": "application/json"}


@router.get("/export", summary="The whole graph as GraphML or node-link JSON",
            responses={200: {"content": {m: {} for m in MEDIA.values()}}})
async def export(store: Store, format: Annotated[str, Query(pattern="^(graphml|json)$")] = "json") -> Response:
    graph = await run_in_threadpool(as_networkx, store)
    if format == "graphml":
        out = io.BytesIO()
        nx.write_graphml(graph, out)
        body = out.getvalue()
    else:
        body = json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, default=str).encode()
    return Response(body, media_type=MEDIA[format],
                    headers={"Content-Disposition": f'attachment; filename="luocdo.{format}"'})
