"""SPARQL over the graph as ELI RDF (:mod:`luocdo.graph.rdf`): the ``.rq`` files in queries/, each
the twin of a Cypher query, and queries a user writes.

Queries run on Oxigraph (``pyoxigraph``): an on-disk copy of the export kept per store state
(:mod:`luocdo.graph.rdf_cache`) answers in milliseconds, and an rdflib graph is copied into an
in-memory one. A ``.rq`` file's header says what it answers, like a ``.cypher`` one: ``# @param
name type [= default]  description`` and ``# @example …``. Parameter ``name`` is the variable
``?_name``; its value goes into the query as an RDF term (an escaped literal), never as text.
SPARQL's ``LIMIT`` takes no variable, so a ``limit`` parameter is applied to the ordered rows.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from luocdo.graph.store import Row
from luocdo.queries.named import NamedQuery, Parameter

if TYPE_CHECKING:
    from rdflib import Graph

_PARAM = re.compile(r"#\s*@param\s+(\w+)\s+(string|int)(?:\s*=\s*(\S+))?\s+(.*)")
_EXAMPLE = re.compile(r"#\s*@example\s+(.*)")
_PLAIN_TYPES = (int, float, bool)


class SparqlError(ValueError):
    """A SPARQL query that cannot be run: bad syntax, or it reaches outside the graph."""


def _parse(name: str, text: str) -> NamedQuery:
    params, example, words = [], None, []
    for line in text.splitlines():
        if not line.startswith("#"):
            continue
        if m := _PARAM.match(line):
            params.append(Parameter(m.group(1), m.group(2), m.group(3), m.group(4).strip()))
        elif m := _EXAMPLE.match(line):
            example = m.group(1).strip()
        else:
            words.append(line.lstrip("# ").strip())
    description = " ".join(words).split(" — ", 1)[-1]
    return NamedQuery(name, description, tuple(params), example, text)


@cache
def sparql_queries() -> dict[str, NamedQuery]:
    """Every ``.rq`` query shipped with luocdo, by name."""
    folder = files("luocdo.queries")
    return {f.name[: -len(".rq")]: _parse(f.name[: -len(".rq")], f.read_text(encoding="utf-8"))
            for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.name.endswith(".rq")}


def sparql_query(name: str) -> NamedQuery:
    """A named SPARQL query; raises ``KeyError`` with the list of names."""
    queries = sparql_queries()
    if name not in queries:
        raise KeyError(f"no SPARQL query named {name!r}; there are: {', '.join(queries)}")
    return queries[name]


# What a query's text is made of, in the order SPARQL reads it: the variables to bind are only
# found where they are variables, not inside a string, an IRI or a comment.
_LEXEME = re.compile(
    "(?P<string>'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\\\\n]|\\\\.)*'|\"(?:[^\"\\\\\\n]|\\\\.)*\")"
    "|(?P<iri><[^<>\"{}|^`\\\\\\x00-\\x20]*>)|(?P<comment>#[^\\n]*)"
    "|(?P<variable>[?$][A-Za-z_0-9]+)|(?P<word>[A-Za-z]+)",
    re.DOTALL,
)
_REFUSED = {"SERVICE": "SERVICE is not allowed: queries run over the exported graph only",
            "FROM": "FROM and FROM NAMED are not allowed: queries run over the exported graph only"}
_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {_XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                 "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt",
                                 "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOATS = {_XSD + "double", _XSD + "float"}


def bind(text: str, params: dict[str, Any] | None = None) -> str:
    """The query with each parameter ``k`` put in place of the variable ``?_k`` as an RDF term;
    refuses what would reach outside the graph (``SERVICE``, ``FROM``)."""
    terms = {f"_{key}": str(_term(value)) for key, value in (params or {}).items()}
    out, last = [], 0
    for m in _LEXEME.finditer(text):
        if m.lastgroup == "word" and m.group().upper() in _REFUSED:
            raise SparqlError(_REFUSED[m.group().upper()])
        if m.lastgroup == "variable" and m.group()[1:] in terms:
            out += [text[last:m.start()], terms[m.group()[1:]]]
            last = m.end()
    return "".join(out) + text[last:]


def _term(value: Any) -> ox.Literal:
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(_XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(_XSD + "double"))
    return ox.Literal(str(value))


def sparql_store(graph: Graph) -> ox.Store:
    """An in-memory Oxigraph copy of an rdflib graph (for small graphs; a store's export is kept
    on disk by :class:`luocdo.graph.rdf_cache.RdfCache`)."""
    store = ox.Store()
    store.bulk_load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    return store


def run_sparql(graph: ox.Store | Graph, text: str, params: dict[str, Any] | None = None) -> list[Row]:
    """Run one SPARQL query (SELECT or ASK) over ``graph``; each parameter ``k`` binds ``?_k``.
    Rows are dicts of plain values: numbers and booleans as such, other literals as their text,
    IRIs as strings."""
    from luocdo.graph.rdf_terms import PREFIXES

    store = graph if isinstance(graph, ox.Store) else sparql_store(graph)
    query = bind(text, params)
    try:
        result = store.query(query, prefixes={name: str(iri) for name, iri in PREFIXES.items()})
        if isinstance(result, ox.QueryBoolean):
            return [{"ask": bool(result)}]
        if not isinstance(result, ox.QuerySolutions):
            raise SparqlError("only SELECT and ASK queries are answered as rows")
        names = [v.value for v in result.variables]
        return [{name: _plain(row[name]) for name in names} for row in result]
    except (SyntaxError, ValueError, OSError, RuntimeError) as err:  # Oxigraph's parse and evaluation errors
        if isinstance(err, SparqlError):
            raise
        raise SparqlError(f"not a SPARQL query, or it failed: {' '.join(str(err).split())[:300]}") from None


def _plain(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, ox.Literal):
        datatype = value.datatype.value
        if datatype in _INTEGERS:
            return int(value.value)
        if datatype in _FLOATS:
            return float(value.value)
        if datatype == _XSD + "boolean":
            return value.value in ("true", "1")
        return value.value
    if isinstance(value, ox.BlankNode):
        return f"_:{value.value}"
    return value.value if isinstance(value, ox.NamedNode) else str(value)


def run_named_sparql(graph: ox.Store | Graph, name: str, params: dict[str, str | int] | None = None) -> list[Row]:
    """Run a named ``.rq`` query; raises ``KeyError`` or
    :class:`~luocdo.queries.named.QueryParameterError` as :func:`~luocdo.queries.named.run_named` does."""
    query = sparql_query(name)
    bound = query.bind(params or {})
    limit = bound.pop("limit", None)
    rows = run_sparql(graph, query.text, bound)
    return rows if limit is None else rows[:limit]
