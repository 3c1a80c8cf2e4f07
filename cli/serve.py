"""``luocdo serve``: the REST API and the graph browser over HTTP; ``luocdo viz``: one graph view as a file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from luocdo.cli.environment import settings
from luocdo.cli.output import console, fail
from luocdo.cli.store_options import Where, opened, with_store
from luocdo.graph.errors import StoreError


@with_store
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    *,
    where: Where,
) -> None:
    """Serve the REST API (one worker: the embedded store takes one call at a time).

    Writes (POST /documents) need LUOCDO_API_TOKEN set here and sent as a bearer token."""
    import uvicorn

    from luocdo.api.app import create_app
    from luocdo.api.settings import LOOPBACK_HOSTS

    configured = settings()  # a bad variable: one line, and no server
    if configured.allowed_hosts is None and host in LOOPBACK_HOSTS:  # no DNS rebinding onto a local server
        configured = configured.model_copy(update={"allowed_hosts": LOOPBACK_HOSTS})
    try:
        store_now = where.open()  # fail here, with one line, rather than inside the server
    except StoreError as err:
        fail(str(err))
        raise typer.Exit(code=2) from None
    app = create_app(lambda: store_now, configured)
    uvicorn.run(app, host=host, port=port, workers=1, log_level="info")




@with_store
def viz(
    focus: Annotated[str, typer.Option("--focus", help="Id or number of the document at the centre.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="The HTML file to write.")] = Path("graph.html"),
    depth: Annotated[int, typer.Option(min=1, max=3, help="Steps out from the focus (1–3).")] = 1,
    server: Annotated[str, typer.Option(help="A luocdo server's address (http://127.0.0.1:8000): a clicked "
                                             "document opens its page there. Without it, a click shows the "
                                             "document's details beside the drawing.")] = "",
    link_base: Annotated[str, typer.Option(help="Where a clicked node opens, in full (a /doc/ URL); --server "
                                                "sets it.")] = "",
    *,
    where: Where,
) -> None:
    """Write the graph view around a document as one standalone HTML file (no network needed).

    Groups of alike documents open in place on click (their members are in the file)."""
    from luocdo.api.network import standalone_html
    from luocdo.queries.documents import find_document
    from luocdo.queries.named import UnknownDocument
    from luocdo.queries.neighbourhood import neighbourhood

    with opened(where, read_only=True) as graph:
        try:
            doc = find_document(graph, focus)
        except UnknownDocument as err:
            fail(str(err))
            raise typer.Exit(code=2) from None
        hood = neighbourhood(graph, doc, depth=depth)
    if server and not link_base:
        link_base = server.rstrip("/") + "/doc/"
    out.write_text(standalone_html(hood, doc, link_base=link_base), encoding="utf-8")
    grouped = sum(len(g.members) for g in hood.groups.values())
    console.print(f"wrote {out}: {len(hood.nodes)} documents, {len(hood.groups)} groups of {grouped} more, "
                  f"{len(hood.edges)} relations", highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(viz)
