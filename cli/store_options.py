"""Which store a command works on: the store options (``--store``, ``--backend``, ``--neo4j-*``),
declared once and given to a command as one :class:`Where`."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from luocdo.cli.environment import settings
from luocdo.cli.options import Option, grouped
from luocdo.cli.output import fail
from luocdo.graph.errors import QueryRejected, StoreError
from luocdo.graph.store import GraphStore, open_store
from luocdo.queries.named import QueryParameterError

if TYPE_CHECKING:
    from luocdo.api.settings import Settings
    from luocdo.graph.neo4j_store import Neo4jSettings

# Typer is given no environment variable: an option left out takes its value from the settings
# (luocdo.api.settings), the one place the environment is read and validated.
StoreOption = Annotated[Path | None, typer.Option("--store", show_default="$LUOCDO_STORE, else luocdo-data",
                                                  help="Store directory.")]
BackendOption = Annotated[str | None, typer.Option("--backend", show_default="$LUOCDO_BACKEND, else embedded",
                                                   help="embedded (LadybugDB in --store) or neo4j.")]
UriOption = Annotated[str | None, typer.Option("--neo4j-uri", show_default="$NEO4J_URI",
                                               help="bolt://HOST:7687, neo4j+s://…")]
UserOption = Annotated[str | None, typer.Option("--neo4j-user", show_default="$NEO4J_USER, else neo4j",
                                                help="Neo4j user.")]
PasswordOption = Annotated[str | None, typer.Option("--neo4j-password", show_default="$NEO4J_PASSWORD",
                                                    help="Neo4j password.")]
DatabaseOption = Annotated[str | None, typer.Option("--neo4j-database", show_default="$NEO4J_DATABASE, else the "
                                                    "server's", help="Neo4j database.")]


@dataclass(frozen=True)
class Where:
    """Which store a command works on: the settings, with the store options its command line gave
    in ``given`` (named as the settings' fields: ``store``, ``backend``, ``neo4j_uri`` …)."""

    given: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, **options: Any) -> Where:
        """The options a command line gave; one left out (``None``) or empty, like an empty
        variable, leaves the setting as it is."""
        return cls({name: value for name, value in options.items() if value not in (None, "")})

    @property
    def resolved(self) -> Settings:
        """The settings, with the given options in place of theirs."""
        return settings().model_copy(update=self.given)

    def open(self, *, read_only: bool = False) -> GraphStore:
        chosen = self.resolved
        neo4j = self.neo4j() if chosen.backend == "neo4j" else None
        return open_store(chosen.store, read_only=read_only, backend=chosen.backend, neo4j=neo4j)

    def neo4j(self) -> Neo4jSettings:
        """The Neo4j server these options and the ``NEO4J_*`` settings name."""
        from luocdo.graph.neo4j_store import Neo4jSettings  # the driver loads only for Neo4j

        chosen = self.resolved
        return Neo4jSettings(chosen.neo4j_uri or "", chosen.neo4j_user, chosen.neo4j_password,
                             chosen.neo4j_database, chosen.neo4j_batch_size)

    def __str__(self) -> str:
        chosen = self.resolved
        return (chosen.neo4j_uri or "neo4j") if chosen.backend == "neo4j" else str(chosen.store)


@contextmanager
def opened(where: Where, *, read_only: bool = False) -> Iterator[GraphStore]:
    """A store, closed afterwards; a store or query problem ends the command with one clear line."""
    try:
        graph = where.open(read_only=read_only)
    except StoreError as err:
        fail(str(err))
        raise typer.Exit(code=2) from None
    try:
        yield graph
    except (StoreError, QueryRejected, QueryParameterError) as err:
        fail(str(err).strip("'\""))
        raise typer.Exit(code=2) from None
    finally:
        graph.close()


# The six options that say which store a command works on, named as the settings they override.
_STORE_OPTIONS: tuple[Option, ...] = (
    ("store", StoreOption, None), ("backend", BackendOption, None), ("neo4j_uri", UriOption, None),
    ("neo4j_user", UserOption, None), ("neo4j_password", PasswordOption, None),
    ("neo4j_database", DatabaseOption, None),
)


with_store: Callable[[Callable[..., None]], Callable[..., None]] = grouped(
    "where", _STORE_OPTIONS, Where.of, before=settings)  # every setting checked before the command starts
"""Give a command the store options (``--store``, ``--backend``, ``--neo4j-*``); it receives them as
one ``where: Where``."""
