"""How the command line shows things: rows as a table or JSON, errors as one line on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from luocdo.cli.options import grouped
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


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (a list of row objects).")]
ColumnsOption = Annotated[str | None, typer.Option("--columns", help="Comma-separated columns to show (default: the "
                                                                     "few a person needs).")]
CsvOption = Annotated[bool, typer.Option("--csv", help="Every column (or --columns) as CSV.")]


@dataclass(frozen=True)
class Shown:
    """How a command shows its rows: ``--json``, ``--csv`` (every column) or a table of ``--columns``
    (else the few a person needs)."""

    as_json: bool = False
    as_csv: bool = False
    columns: str | None = None

    def rows(self, rows: Sequence[dict[str, Any]], *, title: str | None = None,
             default: Sequence[str] | None = None) -> None:
        """Print ``rows``; ``default`` columns for the table when none are asked for."""
        if self.as_json:
            print_json(rows)
            return
        if self.columns or self.as_csv:
            print_rows(rows, title=title, columns=self.columns.split(",") if self.columns else None,
                       as_csv=self.as_csv)
        else:
            print_rows(rows, title=title, default=default)


with_rows: Callable[[Callable[..., None]], Callable[..., None]] = grouped(
    "shown", (("as_json", JsonOption, False), ("as_csv", CsvOption, False), ("columns", ColumnsOption, None)), Shown)
"""Give a command ``--json``, ``--csv`` and ``--columns``; it receives them as one ``shown: Shown``."""


# Columns a person reads first, in this order; the rest are there with --columns or --json.
PREFERRED = ("document", "id", "citing", "cited", "implements", "number", "type", "title", "issuer", "date", "relation",
             "distance", "steps", "reaches", "status", "replaced_by", "since", "mentions", "n", "citations")
MAX_COLUMNS = 6
TITLE_CHARS = 48
TEXT_COLUMNS = ("title", "citing", "citing title")  # cut at a word after TITLE_CHARS
WRAPPED_WIDTH = 16  # a column of longer texts is given this much and wraps them


def print_rows(rows: Sequence[dict[str, Any]], *, title: str | None = None, columns: Sequence[str] | None = None,
               as_csv: bool = False, default: Sequence[str] | None = None) -> None:
    """Rows as a table a person can read at 80 columns: the few columns that matter (all of
    ``columns`` when given; else as many of ``default`` as the terminal's width holds), titles cut
    at a word, file ids and paths shown by their names; ``as_csv`` writes every column (or
    ``columns``) as CSV instead."""
    if as_csv:
        _print_csv(rows, columns)
        return
    if not rows:
        console.print(f"{title + ': ' if title else ''}no rows", highlight=False)
        return
    if not columns or "document" in columns:
        keys = set(rows[0])
        rows, title = _for_people(rows, title)
        if default and "document" in rows[0]:  # the number asked for is now the document column
            default = ["document" if c == "number" else c for c in default if c != "id"]
        if default:  # a column with one value in every row went to the title
            default = [c for c in default if c in rows[0] or c not in keys]
    shown = list(columns) if columns else _fitting(list(default) if default else _default_columns(list(rows[0])),
                                                   rows, console.width)
    hidden = [c for c in (*(default or ()), *rows[0]) if c not in shown]
    hidden = list(dict.fromkeys(hidden))  # the default columns left out first
    caption = f"{len(hidden)} more columns: --columns {','.join(hidden[:4])}… or --json" if hidden else None
    table = Table(title=title, caption=caption)
    for c in shown:
        table.add_column(c, no_wrap=c in ("distance", "steps"), ratio=3 if c == "title" else 1,
                         min_width=15 if c == "document" else None, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c), c) for c in shown))
    if title and len(title) > console.measure(table).maximum:  # a narrow table would fold its title
        table.title = None
        console.print(title, highlight=False)
    console.print(table)


def _for_people(rows: Sequence[dict[str, Any]], title: str | None) -> tuple[list[dict[str, Any]], str | None]:
    """Rows as a person reads them: an id column with one value in every row goes to the title,
    and a document's id and number become one ``document`` column (its number, else its id)."""
    keys = list(rows[0])
    same = [k for k in keys if len(rows) > 1 and k in ("id", "citing", "cited", "implements")
            and len({str(r.get(k)) for r in rows}) == 1]
    if same:
        named = ", ".join(f"{k}: {readable_id(str(rows[0][k]))}" for k in same)
        title = f"{title} — {named}" if title else named
    ids = [k for k in ("id", "citing", "cited") if k in keys and k not in same]
    out = []
    for row in rows:
        kept = {k: v for k, v in row.items() if k not in same}
        if "number" in kept and len(ids) == 1:
            doc = kept.pop(ids[0])
            kept = {"document": kept.pop("number") or readable_id(str(doc)), **kept}
        out.append(kept)
    return out, title


def _default_columns(keys: list[str]) -> list[str]:
    if len(keys) <= MAX_COLUMNS:
        return keys
    first = [k for k in PREFERRED if k in keys][:MAX_COLUMNS]
    return first + [k for k in keys if k not in first][:MAX_COLUMNS - len(first)]


def _fitting(columns: list[str], rows: Sequence[dict[str, Any]], width: int) -> list[str]:
    """The first of ``columns`` that fit ``width`` characters side by side: each takes its header,
    or its widest cell up to :data:`WRAPPED_WIDTH` (longer texts wrap), and 3 for its border and
    padding. The others are named under the table."""
    kept: list[str] = []
    used = 1
    for c in columns:
        widest = max((len(_cell(r.get(c), c).plain) for r in rows[:100]), default=0)
        need = max(len(c), min(widest, WRAPPED_WIDTH)) + 3
        if kept and used + need > width:
            break
        kept.append(c)
        used += need
    return kept


def _print_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None) -> None:
    import csv

    names = list(columns) if columns else (list(rows[0]) if rows else [])
    writer = csv.writer(sys.stdout)
    writer.writerow(names)
    for row in rows:
        writer.writerow([_plain(row.get(c)) for c in names])
    sys.stdout.flush()


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def readable_id(value: str) -> str:
    """A document id as a person reads it: an unnumbered document as such (never its internal
    ``file:NAME~HASH`` id), one known by its name by that name; a path by its file name."""
    if value.startswith("file:"):
        return "(không số)"  # its type, issuer, date and title are in their own columns
    if value.startswith("name:"):
        return value.removeprefix("name:")
    if "/" in value and value.startswith("/"):
        return value.rsplit("/", 1)[-1]
    return value


def _listed(doc_ids: list[str]) -> str:
    """Documents of a list as a person reads them: how many, then their numbers without the issuer
    and year that disambiguate an id ("191/KH-UBND@ubnd-ha-tinh@2022" → "191/KH-UBND"), the
    unnumbered ones counted ("2 không số")."""
    numbers = [readable_id(d).split("@", 1)[0] for d in doc_ids if not d.startswith("file:")]
    unnumbered = len(doc_ids) - len(numbers)
    named = ", ".join(numbers + ([f"{unnumbered} không số"] if unnumbered else []))
    return f"{len(doc_ids)}: {named}" if len(numbers) > 1 else named


def _cell(value: Any, column: str = "") -> Text:
    """A table cell as plain text: nothing a document says is read as console markup."""
    if value is None:
        return Text("—")
    if isinstance(value, list) and all(isinstance(v, dict) and "id" in v for v in value):
        value = " → ".join(readable_id(str(v["id"])) for v in value)  # a path of documents
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = _listed(value)
    elif isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False, default=str)
    text = str(value)
    if isinstance(value, str):
        text = readable_id(text)
    if column in TEXT_COLUMNS and len(text) > TITLE_CHARS:
        cut = text[:TITLE_CHARS].rsplit(" ", 1)[0]
        text = cut + " …"
    return Text(text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…")
