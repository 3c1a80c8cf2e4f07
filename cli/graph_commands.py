"""The commands that write or read the graph: ingest, query, cypher, audit, stats, reference."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from luocdo.cli.environment import settings
from luocdo.cli.output import JsonOption, Shown, console, errors, fail, print_json, print_rows, report_error, with_rows
from luocdo.cli.query_options import with_query_options
from luocdo.cli.store_options import (
    DatabaseOption,
    PasswordOption,
    StoreOption,
    UserOption,
    Where,
    opened,
    with_store,
)
from luocdo.ingest.inputs import input_files
from luocdo.queries.named import QueryParameterError, named_queries, named_query, run_named

audit_app = typer.Typer(help="Audits: outdated citations, conflicting citations, units that never implemented.",
                        no_args_is_help=True)
reference_app = typer.Typer(help="The reference data: validity and replacement facts.", no_args_is_help=True)


@with_store
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .docx .pdf .html).")],
    follow_links: Annotated[bool, typer.Option("--follow-links", help="Read links that lead out of the folders "
                                                                       "given.")] = False,
    exclude: Annotated[list[str] | None, typer.Option("--exclude", help="Skip files whose name or path matches "
                                                                         "this pattern (repeatable).")] = None,
    *,
    where: Where,
) -> None:
    """Read documents, extract their citations and write them into the graph, one file whole at a time.

    Inside folders only regular document files are read; each entry passed over (a pipe, a
    device, a dangling link, a link out of the folder, a README or SOURCES file …) gets one line."""
    from luocdo.graph.load import ingest_paths  # extraction's imports only when ingesting

    found = input_files(paths, follow_links=follow_links, exclude=exclude or ())
    for skipped in found.skipped:
        errors.print(f"skipped {skipped.path}: {skipped.reason}", highlight=False, markup=False, soft_wrap=True)
    files = found.files
    with opened(where) as graph:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=errors, transient=True) as progress:
            task = progress.add_task("ingesting", total=len(files))
            summary = ingest_paths(graph, files, on_file=lambda _: progress.advance(task),
                                   batch_files=settings().batch_files, budget=settings().budget())
        stats = graph.stats()
    for err in summary.errors:
        report_error(err)
    for skipped, kept in summary.duplicates:
        errors.print(f"note: {skipped} is the same document as {kept}; kept {kept}", highlight=False)
    table = Table("files", "written", "unchanged", "documents", "citations", "unresolved", "errors",
                  title=f"ingest → {where}")
    table.add_row(*map(str, (summary.files, len(summary.written), len(summary.unchanged), stats["in_corpus"],
                             summary.citations, summary.unresolved, len(summary.errors))))
    console.print(table)
    if summary.errors:
        raise typer.Exit(code=1)


@with_store
@with_rows
@with_query_options(named_queries)
def query(
    name: Annotated[str, typer.Argument(help="A named query (`luocdo query --list`).")] = "",
    *,
    given: dict[str, str],
    shown: Shown,
    where: Where,
) -> None:
    """Run a named query from queries/ (read-only)."""
    try:
        named_query(name).bind(given)
    except QueryParameterError as err:
        fail(str(err).strip("'\""))
        raise typer.Exit(code=2) from None
    with opened(where, read_only=True) as graph:
        rows = run_named(graph, name, given)
    shown.rows(rows, title=name)


@with_store
@with_rows
def cypher(
    text: Annotated[str, typer.Argument(help='One read-only statement: "MATCH (d:Document) RETURN d.id LIMIT 5".')],
    *,
    shown: Shown,
    where: Where,
) -> None:
    """Run a Cypher statement, read-only: writes, file access and extensions are refused."""
    with opened(where, read_only=True) as graph:
        rows = graph.read(text)
    shown.rows(rows, default=list(rows[0]) if rows else None)  # a statement's columns are the ones asked for


@with_store
def stats(as_json: JsonOption = False, *, where: Where) -> None:
    """How many documents and edges the graph holds; the share of citations of known validity."""
    from luocdo.queries.audits import validity_share

    with opened(where, read_only=True) as graph:
        counts = graph.stats()
        counts["validity"] = validity_share(graph)
    if as_json:
        print_json(counts)
        return
    print_rows([{"documents": counts["documents"], "in_corpus": counts["in_corpus"], **counts["edges"]}],
               title=str(where))
    v = counts["validity"]
    console.print(f"validity known for {v['known_citations']} of {v['citations']} citations "
                  f"({v['known_share']:.0%}); {v['known_documents']} of {v['cited_documents']} cited documents",
                  highlight=False)


LevelOption = Annotated[str | None, typer.Option("--level", help="Citing documents of this level: national, "
                                                                   "province, district, commune.")]
ProvinceOption = Annotated[str | None, typer.Option("--province", help="Citing documents of this province: "
                                                                         "'Hà Tĩnh'.")]
TypeOption = Annotated[str | None, typer.Option("--type", help="Citing documents of this type: 'Quyết định'.")]
BranchOption = Annotated[str | None, typer.Option("--branch", help="Citing documents of this branch: state, party.")]
PlansOption = Annotated[bool, typer.Option("--plans-only", help="Only plans (Kế hoạch) citing.")]
RelationOption = Annotated[str | None, typer.Option("--relation", help="Only citations of this kind: IMPLEMENTS, "
                                                                         "BASED_ON, CITES.")]
LimitOption = Annotated[int, typer.Option("--limit", min=1, help="How many rows.")]


@audit_app.command("outdated")
@with_store
@with_rows
def audit_outdated(
    as_of: Annotated[str | None, typer.Option("--as-of", help="ISO date (default today), or 'issue': "
                                                             "each citing document's own date.")] = None,
    level: LevelOption = None,
    province: ProvinceOption = None,
    doc_type: TypeOption = None,
    branch: BranchOption = None,
    plans_only: PlansOption = False,
    relation: RelationOption = None,
    *,
    shown: Shown,
    where: Where,
) -> None:
    """Citations of documents no longer in force, with what ended them, since when, and where that
    fact comes from (the reference data, or a text). A citing document of partial or no date
    under --as-of issue is listed as undetermined."""
    from luocdo.queries import audits

    with opened(where, read_only=True) as graph:
        citing = audits.Citing(level, province, doc_type, branch, plans_only, relation)
        rows = audits.outdated_citations(graph, as_of, citing)
    if shown.as_json:
        shown.rows(rows)
        return
    shown.rows([outdated_for_people(r) for r in rows], title=f"outdated citations as of {as_of or 'today'}",
               default=_OUTDATED_COLUMNS)


# What an auditor reads first: who cites what, its status and what ended it (the rest where the width holds them).
_OUTDATED_COLUMNS = ("citing", "cited", "status", "by", "since", "date", "fact from", "outdated")


def outdated_for_people(r: dict[str, Any]) -> dict[str, Any]:
    """An outdated-citation row as a person reads it: documents by type and number (never a
    file), and where the validity fact comes from."""
    source = {"text": f"text of {r['said_by']}", "own text": "its own text"}.get(r["evidence"], "reference data")
    if r["evidence"] == "reference" and r["verified"] is False:
        source += " (unverified)"
    cited = " ".join(v for v in (r["cited_type"], r["cited"]) if v) or r["cited_id"]
    return {"citing": r["citing_document"], "date": r["citing_date"], "cited": cited, "status": r["status"],
            "since": r["since"], "by": r["by"], "fact from": source, "outdated": r["outdated"],
            "citing title": r["citing_title"], "sentence": r["sentence"]}


def _ranked_list(name: str, audit: str, title: str, columns: list[str], summary: str) -> None:
    """Register ``luocdo audit NAME``: the rows of ``queries.audits.AUDIT(store, limit)``, most
    cited first, as a table of ``columns``, as CSV (every column) or as JSON."""

    @with_store
    @with_rows
    def command(limit: LimitOption = 100, *, shown: Shown, where: Where) -> None:
        from luocdo.queries import audits

        with opened(where, read_only=True) as graph:
            rows = getattr(audits, audit)(graph, limit)
        shown.rows(rows, title=title, default=columns)

    command.__doc__ = summary
    audit_app.command(name)(command)


_ranked_list("unknown", "unknown_validity", "cited documents of unknown validity",
             ["number", "type", "title", "citing_documents", "plans", "citations"],
             "Cited documents whose validity is unknown, most cited (by documents, then by plans) first: "
             "the validity facts to look up next.")
_ranked_list("unresolved", "unresolved_citations", "cited documents not read from any file",
             ["number", "type", "issuer", "date", "citing_documents", "citations"],
             "Cited documents whose text the graph does not hold, most cited first: what to fetch next.")


@audit_app.command("conflicts")
@with_store
@with_rows
def audit_conflicts(*, shown: Shown, where: Where) -> None:
    """Documents cited with disagreeing dates, types or numbers, and who said what."""
    from luocdo.queries import audits

    with opened(where, read_only=True) as graph:
        rows = audits.citation_conflicts(graph)
    # Each value a document was cited with, beside the one the graph holds: ``agrees`` tells them apart.
    shown.rows(rows, title="citation conflicts", default=["number", "field", "said", "known", "agrees", "citing"])


@audit_app.command("coverage")
@with_store
def audit_coverage(
    number: Annotated[str, typer.Option("--number", help="The implemented document: 10/2022/QH15.")],
    province: Annotated[str, typer.Option("--province", help="Province: 'Hà Tĩnh'.")],
    level: Annotated[str, typer.Option("--level", help="district or commune.")] = "district",
    on: Annotated[str | None, typer.Option("--as-of", help="Register date (ISO); communes default to today's, "
                                                           "districts to the pre-2025 register.")] = None,
    as_json: JsonOption = False,
    *,
    where: Where,
) -> None:
    """Units of a province with no document implementing a given document."""
    from luocdo.queries import audits

    with opened(where, read_only=True) as graph:
        result = audits.coverage(graph, number, province, level=level, on=on)
    if as_json:
        print_json(result)
        return
    print_rows(result["missing"], title=f"{len(result['missing'])} of {result['units']} {level} units of "
                                        f"{result['province']} have nothing implementing {number}")


@reference_app.command("load")
@with_store
def reference_load(
    path: Annotated[Path, typer.Argument(help="CSV with the columns of data/reference/documents.csv, "
                                              "or of relations.csv.")],
    *,
    where: Where,
) -> None:
    """Add your own validity and replacement facts; the file loads whole or not at all."""
    from luocdo.graph.reference import ReferenceDataError, read_reference_csv

    try:
        ref = read_reference_csv(path)
    except ReferenceDataError as err:
        for problem in err.problems:
            fail(f"{err.source}: {problem}")
        raise typer.Exit(code=1) from None
    with opened(where) as graph:
        graph.load_reference(ref.documents, ref.edges)
    console.print(f"loaded {len(ref.documents)} documents and {len(ref.edges)} relations from {path}",
                  highlight=False)


def push(
    to: Annotated[str | None, typer.Option("--to", show_default="$NEO4J_URI",
                                           help="The server: bolt://HOST:7687.")] = None,
    store: StoreOption = None,
    neo4j_user: UserOption = None,
    neo4j_password: PasswordOption = None,
    neo4j_database: DatabaseOption = None,
    batch_size: Annotated[int | None, typer.Option("--batch-size", min=1,
                                                   show_default="$NEO4J_BATCH_SIZE, else 5000; at most 50 on "
                                                                "FalkorDB",
                                                   help="Rows per write statement.")] = None,
) -> None:
    """Copy the embedded store into a Neo4j server; running it again changes nothing."""
    settings()
    from luocdo.graph.neo4j_store import Neo4jStore
    from luocdo.graph.push import push as push_graph

    server = Where.of(backend="neo4j", neo4j_uri=to, neo4j_user=neo4j_user, neo4j_password=neo4j_password,
                      neo4j_database=neo4j_database, neo4j_batch_size=batch_size)
    with opened(Where.of(store=store, backend="embedded"), read_only=True) as source, opened(server) as target:
        assert isinstance(target, Neo4jStore)
        total = sum(source.stats()["edges"].values()) + source.stats()["documents"]
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=errors, transient=True) as progress:
            task = progress.add_task("pushing", total=total)
            report = push_graph(source, target, on_progress=lambda stage, n: progress.update(
                task, advance=n, description=f"pushing {stage}"))
        counts = target.stats()
    console.print(f"pushed {report.nodes} documents, {report.citations} citations and {report.reference_edges} "
                  f"reference facts to {server}; the server holds {counts['documents']} documents", highlight=False)


def register(app: typer.Typer) -> None:
    """Add these commands to the ``luocdo`` app."""
    for command in (ingest, query, cypher, stats, push):
        app.command()(command)
    app.add_typer(audit_app, name="audit")
    app.add_typer(reference_app, name="reference")
