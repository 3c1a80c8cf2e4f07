"""The named queries: one ``.cypher`` file each, its header saying what it answers and what it takes.

A header line ``// @param name type [= default]  description`` declares a parameter (types:
``string``, ``int``); ``// @example …`` shows a call. ``// @document name`` says that the string
parameter ``name`` names a document by its id or by its number, and that the query matches it by id
(``{id: $name}``, a primary-key lookup, where ``id = $x OR number = $x`` is a scan): luocdo runs the
query for the document with that id, else once for each document with that number, in id order.
A file ``NAME.DIALECT.cypher`` beside ``NAME.cypher`` replaces it on that backend (``neo4j``,
``falkordb``). Where dialects differ only in a function's name, the text says it once:
``relation_type(r)`` is ``label(r)`` on LadybugDB and ``type(r)`` on Neo4j and FalkorDB.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from luocdo.graph.store import GraphStore, Row

_PARAM = re.compile(r"//\s*@param\s+(\w+)\s+(string|int)(?:\s*=\s*(\S+))?\s+(.*)")
_EXAMPLE = re.compile(r"//\s*@example\s+(.*)")
_DOCUMENT = re.compile(r"//\s*@document\s+(\w+)\s*$")
_FOLLOWS = {"falkordb": ("falkordb", "neo4j")}
# Dialect placeholders: one name in the query files, each backend's own function in the text run.
_RELATION_TYPE = re.compile(r"\brelation_type\(")
_RELATION_TYPE_FUNCTION = {"ladybug": "label(", "neo4j": "type(", "falkordb": "type("}


class QueryParameterError(ValueError):
    """A named query called with a missing, unknown or ill-typed parameter."""


class UnknownQuery(QueryParameterError):
    """No named query has this name; the message lists those there are."""


class UnknownDocument(QueryParameterError):
    """A document parameter that names no document: the message names it, with the closest ids."""

    def __init__(self, wanted: str, suggestions: list[str]) -> None:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no document {wanted}{hint}")
        self.wanted = wanted
        self.suggestions = suggestions


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str  # "string" | "int"
    default: str | None
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    parameters: tuple[Parameter, ...]
    example: str | None
    text: str  # the default dialect's text
    variants: tuple[tuple[str, str], ...] = ()  # (dialect, text)
    document: str | None = None  # the parameter that names a document by id or number

    def text_for(self, dialect: str) -> str:
        """The query text to run on a backend: its own variant, a variant of the dialect it
        follows (FalkorDB follows Neo4j), else the common text."""
        variants = dict(self.variants)
        text = next((variants[n] for n in _FOLLOWS.get(dialect, (dialect,)) if n in variants), self.text)
        return _RELATION_TYPE.sub(_RELATION_TYPE_FUNCTION.get(dialect, "type("), text)

    def bind(self, given: dict[str, str | int]) -> dict[str, Any]:
        """Parameters with defaults filled and values typed; raises :class:`QueryParameterError`."""
        known = {p.name for p in self.parameters}
        if unknown := sorted(set(given) - known):
            raise QueryParameterError(f"{self.name}: unknown parameter {', '.join(unknown)} "
                                      f"(takes: {', '.join(sorted(known)) or 'none'})")
        bound: dict[str, Any] = {}
        for p in self.parameters:
            value = given.get(p.name, p.default)
            if value is None:
                raise QueryParameterError(f"{self.name}: missing parameter {p.name} ({p.description})")
            bound[p.name] = _typed(self.name, p, value)
        return bound


def _typed(query: str, p: Parameter, value: str | int) -> Any:
    if p.type == "string":
        return str(value)
    try:
        number = int(value)
    except ValueError:
        raise QueryParameterError(f"{query}: parameter {p.name} must be a whole number, not {value!r}") from None
    if number < 0:
        raise QueryParameterError(f"{query}: parameter {p.name} must not be negative")
    return number


def _parse(name: str, text: str) -> NamedQuery:
    header = [line for line in text.splitlines() if line.startswith("//")]
    params, example, words, document = [], None, [], None
    for line in header:
        if m := _PARAM.match(line):
            params.append(Parameter(m.group(1), m.group(2), m.group(3), m.group(4).strip()))
        elif m := _EXAMPLE.match(line):
            example = m.group(1).strip()
        elif m := _DOCUMENT.match(line):
            document = m.group(1)
        else:
            words.append(line.lstrip("/ ").strip())
    if document is not None and document not in {p.name for p in params if p.type == "string"}:
        raise ValueError(f"{name}.cypher: @document {document} names no string parameter")
    description = " ".join(words).split(" — ", 1)[-1]
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//")).strip()
    return NamedQuery(name, description, tuple(params), example, body, document=document)


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every named query shipped with luocdo, by name."""
    folder = files("luocdo.queries")
    texts = {f.name[:-len(".cypher")]: f.read_text(encoding="utf-8")
             for f in folder.iterdir() if f.name.endswith(".cypher")}
    queries = {}
    for stem, text in sorted(texts.items()):
        if "." in stem:
            continue
        variants = tuple((other.split(".", 1)[1], _parse(stem, t).text)
                         for other, t in sorted(texts.items()) if other.startswith(stem + "."))
        q = _parse(stem, text)
        queries[stem] = NamedQuery(q.name, q.description, q.parameters, q.example, q.text, variants, q.document)
    return queries


def named_query(name: str) -> NamedQuery:
    """A named query; raises :class:`UnknownQuery` with the list of names."""
    queries = named_queries()
    if name not in queries:
        raise UnknownQuery(f"no query named {name!r}; there are: {', '.join(queries)}")
    return queries[name]


def run_named(store: GraphStore, name: str, params: dict[str, str | int] | None = None, *,
              timeout_s: float | None = None, max_rows: int | None = None) -> list[Row]:
    """Run a named query on a store, read-only (``timeout_s`` and ``max_rows`` as for ``store.query``)."""
    query = named_query(name)
    text, bound = query.text_for(store.dialect), query.bind(params or {})
    if query.document is None:
        return store.query(text, bound, timeout_s=timeout_s, max_rows=max_rows)
    ids = documents_named(store, bound[query.document])
    if not ids:
        from luocdo.queries.suggest import closest_ids

        raise UnknownDocument(bound[query.document], closest_ids(store, bound[query.document]))
    rows: list[Row] = []
    for doc_id in ids:
        rows += store.query(text, {**bound, query.document: doc_id}, timeout_s=timeout_s, max_rows=max_rows)
    return rows[:max_rows] if max_rows is not None else rows


def documents_named(store: GraphStore, id_or_number: str) -> list[str]:
    """The id ``id_or_number`` if a document has it, else the ids of the documents with that number."""
    if store.query("MATCH (d:Document {id: $v}) RETURN d.id AS id", {"v": id_or_number}):
        return [id_or_number]
    rows = store.query("MATCH (d:Document) WHERE d.number = $v RETURN d.id AS id ORDER BY id", {"v": id_or_number})
    return [r["id"] for r in rows]
