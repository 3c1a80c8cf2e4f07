"""The guard in front of user-written Cypher: one statement, reading only.

Every backend also runs user queries in a read-only transaction, which is what actually stops
writes. This guard adds what a read-only transaction does not stop: reading files from the server
(``LOAD FROM``), loading extensions, attaching other databases, and several statements at once.
"""

from __future__ import annotations

import re

# Clauses that reach outside the graph, or write, in LadybugDB, Neo4j or FalkorDB dialects.
_FORBIDDEN = re.compile(
    r"\b(?:LOAD|COPY|INSTALL|ATTACH|DETACH|DETACH\s+DELETE|EXPORT|IMPORT|USE|CREATE|MERGE|SET|DELETE|REMOVE|DROP"
    r"|ALTER|FOREACH|CHECKPOINT|BEGIN|COMMIT|ROLLBACK)\b"
    r"|\bCALL\s+(?:db\.(?!labels|relationshipTypes|propertyKeys|schema)|dbms\.|apoc\.|gds\.|falkordb\.|sys\.)"
    r"|\bCALL\s*\{",
    re.IGNORECASE,
)
_STRINGS_AND_COMMENTS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.DOTALL)
MAX_QUERY_CHARS = 20_000


class QueryRejected(ValueError):
    """A query the read-only endpoint will not run; the message says why."""


def check_read_only(query: str) -> str:
    """The query, stripped, if it is one read-only statement; else :class:`QueryRejected`."""
    query = query.strip()
    if not query:
        raise QueryRejected("empty query")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryRejected(f"query longer than {MAX_QUERY_CHARS} characters")
    bare = _STRINGS_AND_COMMENTS.sub(" ", query)
    if ";" in bare.rstrip().rstrip(";"):
        raise QueryRejected("one statement at a time")
    if m := _FORBIDDEN.search(bare):
        raise QueryRejected(f"read-only: {m.group(0).strip().upper()} is not allowed here")
    return query.rstrip().rstrip(";").rstrip()
