"""How the command line shows things: rows as a table or JSON, errors as one line on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from luocdo.ingest.models import ReadError

console = Console()
errors = Console(stderr=True)
MAX_CELL = 80


def report_error(err: ReadError) -> None:
    """One line per bad file, on stderr: the file and the reason."""
    errors.print(Text.assemble(("error", "red"), f": {err.source}: {' '.join(err.reason.split())}"),
                 highlight=False, soft_wrap=True)


def fail(message: str) -> None:
    """One line on stderr, for a problem that is not about a file."""
    line = " ".join(message.split())
    errors.print(Text.assemble(("error", "red"), f": {line}"), highlight=False, soft_wrap=True)


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def print_rows(rows: Sequence[dict[str, Any]], *, title: str | None = None) -> None:
    """Rows as a table; nested values (lists, documents) shown as short JSON."""
    if not rows:
        console.print(f"{title + ': ' if title else ''}no rows", highlight=False)
        return
    table = Table(*rows[0].keys(), title=title)
    for row in rows:
        table.add_row(*(_cell(v) for v in row.values()))
    console.print(table)


def _cell(value: Any) -> Text:
    """A table cell as plain text: nothing a document says is read as console markup."""
    if value is None:
        return Text("—")
    if isinstance(value, list) and all(isinstance(v, dict) and "id" in v for v in value):
        value = " → ".join(str(v["id"]) for v in value)  # a path of documents
    elif isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False, default=str)
    text = str(value)
    return Text(text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…")
