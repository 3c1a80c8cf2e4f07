"""The ``luocdo`` command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from luocdo.cli.environment import settings
from luocdo.cli.output import console, report_error
from luocdo.ingest.inputs import input_files
from luocdo.ingest.models import Document, ReadError

app = typer.Typer(
    name="luocdo",
    help="luocdo — the legal-citation graph of Vietnamese legal and administrative documents.",
    no_args_is_help=True,
    add_completion=False,
)

INSPECT_KEYS = ("source", "type", "number", "issuer", "branch", "level", "province", "district",
                "commune", "date", "title", "signer")

Paths = Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .docx .pdf .html).")]


def documents_table(docs: list[Document]) -> Table:
    """One row per document: what a reader wants to see first."""
    table = Table("file", "type", "number", "issuer", "level", "province", "date", "title")
    for d in docs:
        table.add_row(*map(Text, (Path(d.source).name, d.type or "—", d.number or "—", d.issuer or "—",
                                  f"{d.level or '?'} ({d.branch or '?'})", d.province or "—", d.date or "—",
                                  (d.title or "")[:60])))
    return table


@app.command()
def inspect(
    paths: Paths,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per file per line.")] = False,
) -> None:
    """Print what each document says about itself: type, number, issuer, level, place, date, title."""
    failed = 0
    rows: list[Document] = []
    from luocdo.ingest.pipeline import read_document

    for path in input_files(paths).files:
        try:
            doc = read_document(path).document
        except ReadError as err:
            report_error(err)
            failed += 1
            continue
        if as_json:
            record = doc.to_json()
            sys.stdout.write(json.dumps({k: record[k] for k in INSPECT_KEYS}
                                        | {"province_now": doc.province_now,
                                           "signer_position": doc.signer_position},
                                        ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            rows.append(doc)
    if rows:
        console.print(documents_table(rows))
    if failed:
        raise typer.Exit(code=1)


@app.command()
def extract(
    paths: Paths,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per file per line.")] = False,
    html: Annotated[Path | None, typer.Option("--html", help="Write the annotated text here (a file for one "
                                                              "input, else a folder).")] = None,
) -> None:
    """Find every citation in each document, resolve it to the document it means and classify it."""
    from luocdo.ingest.annotate import annotate_html
    from luocdo.ingest.budget import BoundedPool
    from luocdo.ingest.pipeline import extract as extract_file

    files = input_files(paths).files
    failed = 0
    with BoundedPool(extract_file, settings().budget()) as pool:  # each file within a time and memory budget
        results = list(pool.map(files))
    for path, result in results:
        if isinstance(result, ReadError):
            report_error(result)
            failed += 1
            continue
        if html is not None:
            out = html / (path.stem + ".html") if len(files) > 1 or html.is_dir() else html
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(annotate_html(result.text, result.citations, title=result.document.title),
                           encoding="utf-8")
        if as_json:
            sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        elif html is None:
            table = Table("relation", "cited as", "number", "target", title=path.name)
            for c in result.citations:
                table.add_row(*map(Text, (c.relation, c.text, c.number or "?", c.target or "unresolved")))
            console.print(table)
    if failed:
        raise typer.Exit(code=1)


from luocdo.cli import export_commands, graph_commands, serve  # noqa: E402  (they register their commands on ``app``)

graph_commands.register(app)
export_commands.register(app)
serve.register(app)


def main() -> None:  # pragma: no cover - console entry point
    app()
