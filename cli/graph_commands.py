"""The commands that write or read the graph: ingest, query, cypher, audit, stats, reference."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from luocdo.cli.environment import settings
from luocdo.cli.options import Option, grouped
from luocdo.cli.output import JsonOption, Shown, console, errors, fail, print_json, print_rows, report_error, with_rows
from luocdo.graph.errors import QueryRejected, StoreError
from luocdo.graph.store import GraphStore, open_store
from luocdo.ingest.inputs import input_files
from luocdo.queries.named import NamedQuery, QueryParameterError, named_queries, named_query, run_named

if TYPE_CHECKING:
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
ParamOption = Annotated[list[str] | None, typer.Option("--param", "-p", help="k=v, repeatable (in SPARQL it binds "
                                                                            "?_k).")]
ListOption = Annotated[bool, typer.Option("--list", help="List the named queries.")]

audit_app = typer.Typer(help="Audits: outdated citations, conflicting citations, units that never implemented.",
                        no_args_is_help=True)
reference_app = typer.Typer(help="The reference data: validity and replacement facts.", no_args_is_help=True)


@dataclass(frozen=True)
class Where:
    """Which store a command works on: its options; those left out come from the settings."""

    store: Path | None = None
    backend: str | None = None
    uri: str | None = None
    user: str | None = None
    password: str | None = None
    database: str | None = None
    batch_rows: int | None = None

    def open(self, *, read_only: bool = False) -> GraphStore:
        neo4j = self.neo4j() if self.resolved_backend == "neo4j" else None
        return open_store(self.path, read_only=read_only, backend=self.resolved_backend, neo4j=neo4j)

    def neo4j(self) -> Neo4jSettings:
        """The Neo4j server: these options, else the ``NEO4J_*`` settings."""
        from luocdo.graph.neo4j_store import Neo4jSettings  # the driver loads only for Neo4j

        given = settings()
        return Neo4jSettings(self.uri or given.neo4j_uri or "", self.user or given.neo4j_user,
                             given.neo4j_password if self.password is None else self.password,
                             self.database or given.neo4j_database, self.batch_rows or given.neo4j_batch_size)

    @property
    def resolved_backend(self) -> str:
        return self.backend or settings().backend

    @property
    def path(self) -> Path:
        return self.store or settings().store

    def __str__(self) -> str:
        if self.resolved_backend == "neo4j":
            return self.uri or settings().neo4j_uri or "neo4j"
        return str(self.path)


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


# The six options that say which store a command works on, declared once (see :func:`with_store`).
_STORE_OPTIONS: tuple[Option, ...] = (
    ("store", StoreOption, None), ("backend", BackendOption, None), ("neo4j_uri", UriOption, None),
    ("neo4j_user", UserOption, None), ("neo4j_password", PasswordOption, None),
    ("neo4j_database", DatabaseOption, None),
)


with_store: Callable[[Callable[..., None]], Callable[..., None]] = grouped(
    "where", _STORE_OPTIONS, Where, before=settings)  # every setting checked before the command starts
"""Give a command the store options (``--store``, ``--backend``, ``--neo4j-*``); it receives them as
one ``where: Where``."""


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
def query(
    name: Annotated[str, typer.Argument(help="A named query (`luocdo query --list`).")] = "",
    param: ParamOption = None,
    list_queries: ListOption = False,
    *,
    shown: Shown,
    where: Where,
) -> None:
    """Run a named query from queries/ (read-only)."""
    if listed(list_queries or not name, named_queries().values()):
        return
    given = given_params(param)
    try:
        named_query(name).bind(given)
    except QueryParameterError as err:
        fail(str(err).strip("'\""))
        raise typer.Exit(code=2) from None
    with opened(where, read_only=True) as graph:
        rows = run_named(graph, name, given)
    shown.rows(rows, title=name)


def listed(asked: bool, queries: Iterable[NamedQuery]) -> bool:
    """Print the query list when ``asked`` (``--list``, or no query named); say whether it did."""
    if asked:
        print_query_list(queries)
    return asked


def print_query_list(queries: Iterable[NamedQuery]) -> None:
    """Each query's name, parameters (with defaults) and what it answers, for ``--list``."""
    for q in queries:
        params = " ".join(f"{p.name}={p.default or '…'}" for p in q.parameters)
        console.print(f"[bold]{q.name}[/bold] {params}\n  {q.description}", highlight=False)


def given_params(param: list[str] | None) -> dict[str, str]:
    """``--param k=v`` options as a dict; a malformed one ends the command with one clear line."""
    given = {}
    for text in param or []:
        key, sep, value = text.partition("=")
        if not sep or not key:
            fail(f"--param takes key=value, not {text!r}")
            raise typer.Exit(code=2)
        given[key.strip()] = value
    return given


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


_OUTDATED_COLUMNS = ("citing", "date", "cited", "status", "since", "by", "fact from", "outdated")


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
    shown.rows(rows, title="citation conflicts")


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

    server = Where(None, "neo4j", to, neo4j_user, neo4j_password, neo4j_database, batch_size)
    with opened(Where(store, "embedded"), read_only=True) as source, opened(server) as target:
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
