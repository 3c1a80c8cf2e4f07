"""SPARQL over the graph as ELI RDF (:mod:`luocdo.graph.rdf`): the ``.rq`` files in queries/, each
the twin of a Cypher query, and queries a user writes.

A ``.rq`` file's header says what it answers, like a ``.cypher`` one: ``# @param name type
[= default]  description`` and ``# @example …``. Parameters are bound with rdflib's
``initBindings``, never pasted into the text: parameter ``name`` is the variable ``?_name``. SPARQL's
``LIMIT`` takes no variable, so a ``limit`` parameter is applied to the ordered rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query

from luocdo.graph.rdf_terms import PREFIXES
from luocdo.graph.store import Row
from luocdo.queries.named import NamedQuery, Parameter

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


def prepare(text: str) -> Query:
    """A parsed query, with luocdo's prefixes known; refuses what would reach outside the graph
    (``SERVICE``, ``FROM``), which rdflib would fetch over the network."""
    try:
        query = prepareQuery(text, initNs=dict(PREFIXES))
    except Exception as err:  # pyparsing and rdflib raise many kinds; the user needs one line
        raise SparqlError(f"not a SPARQL query: {' '.join(str(err).split())[:300]}") from None
    if query.algebra.get("datasetClause"):
        raise SparqlError("FROM and FROM NAMED are not allowed: queries run over the exported graph only")
    if any(part.name == "ServiceGraphPattern" for part in _parts(query.algebra)):
        raise SparqlError("SERVICE is not allowed: queries run over the exported graph only")
    return query


def _parts(value: Any) -> Iterator[CompValue]:
    if isinstance(value, CompValue):
        yield value
        for child in value.values():
            yield from _parts(child)
    elif isinstance(value, list | tuple):
        for child in value:
            yield from _parts(child)


def run_sparql(graph: Graph, text: str, params: dict[str, Any] | None = None) -> list[Row]:
    """Run one SPARQL query (SELECT or ASK) over ``graph``; each parameter ``k`` binds ``?_k``.
    Rows are dicts of plain values: numbers and booleans as such, other literals as their text,
    IRIs as strings."""
    query = prepare(text)
    bindings = {f"_{key}": Literal(value) for key, value in (params or {}).items()}
    try:
        result = graph.query(query, initBindings=bindings)
    except Exception as err:  # evaluation errors come as many kinds too
        raise SparqlError(f"the query failed: {' '.join(str(err).split())[:300]}") from None
    if result.type == "ASK":
        return [{"ask": bool(result.askAnswer)}]
    if result.type != "SELECT":
        raise SparqlError("only SELECT and ASK queries are answered as rows")
    names = [str(v) for v in result.vars or []]
    return [{name: _plain(row[i]) for i, name in enumerate(names)} for row in result]  # type: ignore[index]


def _plain(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Literal):
        python = value.toPython()
        return python if isinstance(python, _PLAIN_TYPES) else str(value)
    if isinstance(value, BNode):
        return f"_:{value}"
    return str(value) if isinstance(value, URIRef) else value


def run_named_sparql(graph: Graph, name: str, params: dict[str, str | int] | None = None) -> list[Row]:
    """Run a named ``.rq`` query; raises ``KeyError`` or
    :class:`~luocdo.queries.named.QueryParameterError` as :func:`~luocdo.queries.named.run_named` does."""
    query = sparql_query(name)
    bound = query.bind(params or {})
    limit = bound.pop("limit", None)
    rows = run_sparql(graph, query.text, bound)
    return rows if limit is None else rows[:limit]
