"""Options that come as a group: declared once, added to each command that takes them, and handed
to it as one object (the store a command works on, how it shows its rows)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from typing import Any

Option = tuple[str, Any, Any]  # parameter name, its Annotated typer option, its default


def grouped(parameter: str, options: Sequence[Option], build: Callable[..., Any],
            before: Callable[[], object] | None = None,
            at: int | None = None) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A decorator giving a command ``options`` (keyword-only; after its own parameters, or before
    the one at index ``at``) and calling it with ``parameter=build(**their values)``; ``before``
    runs first (a check every command needs)."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command, eval_str=True)
        own = [p for p in signature.parameters.values() if p.name != parameter]
        added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=hint)
                 for name, hint, default in options]

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> None:
            if before is not None:
                before()
            value = build(**{name: kwargs.pop(name) for name, _, _ in options})
            command(*args, **{parameter: value}, **kwargs)

        cut = len(own) if at is None else at
        params = [*own[:cut], *added, *own[cut:]]
        run.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in params} | {"return": None}
        return run

    return decorate
