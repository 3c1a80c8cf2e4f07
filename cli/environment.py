"""The command line's settings: built once, on first use, from the environment (``luocdo.api.settings``).

A bad value ends the command with one line naming the variable (exit 2). Commands that read no
setting (``--help``, ``inspect``) never build them, so they load no pydantic either.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import typer

from luocdo.cli.output import fail

if TYPE_CHECKING:
    from luocdo.api.settings import Settings


@cache
def settings() -> Settings:
    """The validated settings, or exit 2 with the reason."""
    from luocdo.api.settings import SettingsError, load_settings

    try:
        return load_settings()
    except SettingsError as err:
        fail(str(err))
        raise typer.Exit(code=2) from None
