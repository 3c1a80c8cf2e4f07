"""``luocdo serve``: the REST API (and, later, the graph browser) over HTTP."""

from __future__ import annotations

from typing import Annotated

import typer

from luocdo.cli.graph_commands import (
    BackendOption,
    DatabaseOption,
    PasswordOption,
    StoreOption,
    UriOption,
    UserOption,
    Where,
)
from luocdo.cli.output import fail
from luocdo.graph.store import StoreError


def serve(
    store: StoreOption = None,
    backend: BackendOption = "embedded",
    neo4j_uri: UriOption = None,
    neo4j_user: UserOption = None,
    neo4j_password: PasswordOption = None,
    neo4j_database: DatabaseOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the REST API (one worker: the embedded store takes one call at a time).

    Writes (POST /documents) need LUOCDO_API_TOKEN set here and sent as a bearer token."""
    import uvicorn

    from luocdo.api.app import create_app

    where = Where(store, backend, neo4j_uri, neo4j_user, neo4j_password, neo4j_database)
    try:
        store_now = where.open()  # fail here, with one line, rather than inside the server
    except StoreError as err:
        fail(str(err))
        raise typer.Exit(code=2) from None
    app = create_app(lambda: store_now)
    uvicorn.run(app, host=host, port=port, workers=1, log_level="info")


def register(app: typer.Typer) -> None:
    app.command()(serve)
