"""What a query command is asked besides its query: ``--param k=v`` values and ``--list``,
declared once for ``luocdo query`` (named Cypher) and ``luocdo sparql``."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

import typer

from luocdo.cli.options import grouped
from luocdo.cli.output import console, fail
from luocdo.queries.named import NamedQuery

ParamOption = Annotated[list[str] | None, typer.Option("--param", "-p", help="k=v, repeatable (in SPARQL it binds "
                                                                            "?_k).")]
ListOption = Annotated[bool, typer.Option("--list", help="List the named queries.")]


@dataclass(frozen=True)
class Asked:
    """A query command's ``--param`` values (``k=v``) and whether ``--list`` was given."""

    param: list[str] | None = None
    list_queries: bool = False

    def lists(self, query: str, catalogue: Iterable[NamedQuery]) -> bool:
        """Print the catalogue when asked (``--list``, or no query given); say whether it did."""
        if self.list_queries or not query:
            print_query_list(catalogue)
            return True
        return False

    def params(self) -> dict[str, str]:
        """The ``--param`` values as a dict; a malformed one ends the command with one clear line."""
        given = {}
        for text in self.param or []:
            key, sep, value = text.partition("=")
            if not sep or not key:
                fail(f"--param takes key=value, not {text!r}")
                raise typer.Exit(code=2)
            given[key.strip()] = value
        return given


def print_query_list(queries: Iterable[NamedQuery]) -> None:
    """Each query's name, parameters (with defaults) and what it answers, for ``--list``."""
    for q in queries:
        params = " ".join(f"{p.name}={p.default or '…'}" for p in q.parameters)
        console.print(f"[bold]{q.name}[/bold] {params}\n  {q.description}", highlight=False)


_QUERY_OPTIONS = (("param", ParamOption, None), ("list_queries", ListOption, False))


def with_query_options(catalogue: Callable[[], Mapping[str, NamedQuery]]) -> Callable[[Callable[..., None]],
                                                                                       Callable[..., None]]:
    """Give a query command (its first parameter the query) ``--param`` and ``--list``, right
    after the query: asked for the list (``--list``, or no query given) it prints ``catalogue``
    instead of running, else it receives the parameters as ``given: dict[str, str]``."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command)
        first = next(iter(signature.parameters))  # the query

        @functools.wraps(command)  # its signature, less ``given``, is what typer is shown
        def run(*args: Any, given: Asked, **kwargs: Any) -> None:
            query = signature.bind_partial(*args, **kwargs).arguments.get(first, "")
            if given.lists(query, catalogue().values()):
                return
            command(*args, given=given.params(), **kwargs)

        return grouped("given", _QUERY_OPTIONS, Asked, at=1)(run)

    return decorate
