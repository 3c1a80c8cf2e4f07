"""The commands that hand the graph to other tools: export (ELI RDF, GraphML, JSON) and sparql."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from luocdo.cli.environment import settings
from luocdo.cli.output import Shown, errors, fail, with_rows
from luocdo.cli.query_options import with_query_options
from luocdo.cli.store_options import Where, opened, with_store
from luocdo.queries.named import NamedQuery, QueryParameterError

# networkx and rdflib load inside the commands that use them: `luocdo --help` stays quick.

FormatOption = Annotated[str, typer.Option("--format", "-f", help="ttl, jsonld or nt (ELI RDF); graphml or json.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write here (default: standard output).")]
BaseOption = Annotated[str | None, typer.Option("--base", show_default="$LUOCDO_RDF_BASE, else "
                                                                  "https://luocdo.example/eli/",
                                                help="Base IRI of documents, issuers and units in RDF.")]


@with_store
def export(
    fmt: FormatOption = "ttl",
    output: OutputOption = None,
    base: BaseOption = None,
    shacl: Annotated[bool, typer.Option("--shacl", help="Check the RDF against data/shapes.ttl first; "
                                                        "write nothing if it fails.")] = False,
    *,
    where: Where,
) -> None:
    """Write the whole graph for other tools: ELI RDF (Turtle, JSON-LD, N-Triples), GraphML or JSON."""
    from luocdo.graph.memory import as_networkx
    from luocdo.graph.rdf import FORMATS, RDF_FORMATS, serialize, to_rdf, validate
    from luocdo.graph.rdf_cache import RdfCache

    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}: {', '.join(FORMATS)}")
        raise typer.Exit(code=2)
    if shacl and fmt not in RDF_FORMATS:
        fail("--shacl checks RDF exports only (ttl, jsonld, nt)")
        raise typer.Exit(code=2)
    base = _check(base)
    with opened(where, read_only=True) as graph:
        counts = graph.stats()
        if shacl:
            rdf = to_rdf(as_networkx(graph), base)
        else:
            body = RdfCache.of(graph).export(graph, fmt, base)  # made once per state of the graph
    if shacl:
        conforms, report = validate(rdf)
        if not conforms:
            errors.print(report, highlight=False, markup=False)
            fail("the export does not satisfy data/shapes.ttl; nothing written")
            raise typer.Exit(code=1)
        body = serialize(rdf, fmt)
    if output is None:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
        return
    output.write_bytes(body)
    relations = sum(counts.get("edges", {}).values())
    errors.print(f"wrote {counts.get('documents', 0)} documents and {relations} relations as {fmt} to {output}",
                 highlight=False)


def _sparql_queries() -> dict[str, NamedQuery]:
    from luocdo.queries.sparql import sparql_queries  # pyoxigraph loads only for SPARQL

    return sparql_queries()


@with_store
@with_rows
@with_query_options(_sparql_queries)
def sparql(
    text: Annotated[str, typer.Argument(help="A SELECT or ASK query, or the name of one in queries/ "
                                             "(`luocdo sparql --list`).")] = "",
    *,
    base: BaseOption = None,
    given: dict[str, str],
    shown: Shown,
    where: Where,
) -> None:
    """Run SPARQL over the graph as ELI RDF (the prefixes eli:, luocdo:, skos:, rdf:, xsd: are known)."""
    from luocdo.graph.rdf_cache import RdfCache
    from luocdo.queries.sparql import SparqlError, run_named_sparql, run_sparql

    base = _check(base)
    with opened(where, read_only=True) as graph:
        rdf = RdfCache.of(graph).sparql_store(graph, base)  # built once per state of the graph
    try:
        named = text in _sparql_queries()
        rows = run_named_sparql(rdf, text, given) if named else run_sparql(rdf, text, given)
    except (SparqlError, QueryParameterError) as err:
        fail(str(err))
        raise typer.Exit(code=2) from None
    shown.rows(rows, title=text if named else None)


def _check(base: str | None) -> str:
    """The base IRI to use: the one given, checked, else the configured one, else the default."""
    from luocdo.graph.rdf_terms import DEFAULT_BASE, check_base

    if base is None:
        return settings().rdf_base or DEFAULT_BASE
    try:
        check_base(base)
    except ValueError as err:
        fail(str(err))
        raise typer.Exit(code=2) from None
    return base


def register(app: typer.Typer) -> None:
    """Add these commands to the ``luocdo`` app."""
    app.command()(export)
    app.command()(sparql)
