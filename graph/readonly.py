"""The guard in front of user-written Cypher: one statement that only reads the graph.

It works on tokens (:mod:`luocdo.graph.cypher_tokens`), never on a regex over the text, and it
allow-lists what may be called: functions and procedures by name; ``CALL`` only for a listed
procedure, never ``CALL {…}`` nor ``CALL setting=value``. Clauses that write, reach files or the
engine's settings are refused by name. It is the first of three walls: on LadybugDB the
statement then runs in a worker process on a read-only open of the store, after the engine's own
plan of it was checked (:mod:`luocdo.graph.query_plan`); on Neo4j in a read transaction.
"""

from __future__ import annotations

from importlib.resources import files

from luocdo.graph.cypher_tokens import CypherSyntaxRefused, Token, TokenKind, tokens
from luocdo.graph.errors import QueryRejected

MAX_QUERY_CHARS = 20_000

# Clauses and words that write, touch files, extensions, other databases or settings, in the
# LadybugDB (Kùzu), Neo4j or FalkorDB dialects.
# Reserved words (no query can use them as a variable without backquotes) ...
_RESERVED_REFUSED = frozenset("""
LOAD COPY INSTALL ATTACH DETACH EXPORT IMPORT USE CREATE MERGE SET DELETE REMOVE DROP ALTER FOREACH
CHECKPOINT BEGIN COMMIT ROLLBACK
""".split())
# ... and words that start admin or write commands in some dialect but may name a variable
# ("RETURN d.start_offset AS start … ORDER BY start"): refused unless the query declares them.
_SOFT_REFUSED = frozenset("""
UNINSTALL TRANSACTION PROJECT MACRO COMMENT UPDATE DATABASE EXTENSION TERMINATE SHOW GRANT REVOKE DENY
START STOP ENABLE DISABLE PERIODIC
""".split())

# Words followed by "(" that are syntax, not function calls.
_SYNTAX_BEFORE_PAREN = frozenset("""
MATCH OPTIONAL WHERE RETURN WITH UNWIND AND OR XOR NOT IN IS CASE WHEN THEN ELSE END AS ORDER BY
SKIP LIMIT UNION ALL DISTINCT STARTS ENDS CONTAINS ASC DESC ASCENDING DESCENDING ANY NONE SINGLE
EXISTS COUNT SHORTEST CAST
""".split())


def _allowed_functions() -> frozenset[str]:
    text = (files("luocdo.data") / "cypher_functions.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


ALLOWED_FUNCTIONS = _allowed_functions()
ALLOWED_PROCEDURES = frozenset({"show_tables", "table_info", "db.labels", "db.relationshiptypes",
                                "db.propertykeys", "db.schema.visualization"})


def check_read_only(query: str) -> str:
    """The query, stripped, if it is one read-only statement; else :class:`QueryRejected`."""
    query = query.strip()
    if not query:
        raise QueryRejected("empty query")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryRejected(f"query longer than {MAX_QUERY_CHARS} characters")
    try:
        toks = tokens(query)
    except CypherSyntaxRefused as err:
        raise QueryRejected(str(err)) from None
    while toks and toks[-1].text == ";":
        toks.pop()
    if not toks:
        raise QueryRejected("empty query")
    declared = _declared_names(toks)
    for i, tok in enumerate(toks):
        _check_token(toks, i, tok, declared)
    return query[:toks[-1].start + len(_source_text(query, toks[-1]))].rstrip()


def _source_text(query: str, tok: Token) -> str:
    """The token as written (a backquoted name with its quotes, a parameter with its ``$``)."""
    if tok.kind is TokenKind.QUOTED_NAME:
        return f"`{tok.text}`"
    if tok.kind is TokenKind.PARAMETER:
        return query[tok.start:tok.start + 1 + len(tok.text)]
    return tok.text


def _declared_names(toks: list[Token]) -> set[str]:
    """Variables the query declares: aliases (``AS x``), pattern variables (``(x:Label)``,
    ``[x]``) and paths (``p = (…)``)."""
    declared = set()
    for i, tok in enumerate(toks):
        if tok.kind is not TokenKind.NAME or not i:
            continue
        before = toks[i - 1].text
        after = toks[i + 1].text if i + 1 < len(toks) else ""
        if before.upper() == "AS" or (before in ("(", "[") and after in (":", ")", "]", "{", "*")) or (
                after == "=" and before.upper() in ("MATCH", "OPTIONAL", ",")):
            declared.add(tok.text)
    return declared


def _check_token(toks: list[Token], i: int, tok: Token, declared: set[str]) -> None:
    if tok.kind is TokenKind.SYMBOL and tok.text == ";":
        raise QueryRejected("one statement at a time")
    if tok.kind is not TokenKind.NAME or _is_name_of_something(toks, i):
        return
    if i and toks[i - 1].text.upper() == "CALL":
        return  # a procedure's name: _check_call has judged it
    word = tok.text.upper()
    if word in _RESERVED_REFUSED or (word in _SOFT_REFUSED and tok.text not in declared):
        raise QueryRejected(f"read-only: {word} is not allowed here")
    if word == "CALL":
        _check_call(toks, i)
        return
    dotted, after = _dotted_name(toks, i)
    if after < len(toks) and toks[after].text == "(" and dotted.upper() not in _SYNTAX_BEFORE_PAREN:
        if dotted.lower() not in ALLOWED_FUNCTIONS:
            raise QueryRejected(f"function {dotted}() is not on the read-only list")


def _is_name_of_something(toks: list[Token], i: int) -> bool:
    """A label, relationship type, property, map key, alias or variable: a name, never a keyword."""
    before = toks[i - 1].text if i else ""
    after = toks[i + 1].text if i + 1 < len(toks) else ""
    if before in (".", ":", "::"):
        return True  # n.start, (:Start)
    return after == ":" and before in ("{", ",")


def _dotted_name(toks: list[Token], i: int) -> tuple[str, int]:
    """``db.labels`` from its first token; and the index just after it."""
    parts, j = [toks[i].text], i + 1
    while j + 1 < len(toks) and toks[j].text == "." and toks[j + 1].kind is TokenKind.NAME:
        parts.append(toks[j + 1].text)
        j += 2
    return ".".join(parts), j


def _check_call(toks: list[Token], i: int) -> None:
    if i + 1 >= len(toks) or toks[i + 1].kind is not TokenKind.NAME:
        raise QueryRejected("read-only: CALL takes a listed procedure only (no CALL {…})")
    name, after = _dotted_name(toks, i + 1)
    if after >= len(toks) or toks[after].text != "(":
        raise QueryRejected(f"read-only: {name} is called without arguments: settings cannot be changed here")
    if name.lower() not in ALLOWED_PROCEDURES:
        raise QueryRejected(f"read-only: procedure {name}() is not allowed here")


MAX_PARAMETER_DEPTH = 4
_SCALARS = (str, bool, int, float, type(None))


def check_parameters(params: dict[str, object]) -> dict[str, object]:
    """The parameters, if every engine can bind them: JSON scalars, lists of one kind of value,
    maps with name keys, nested at most :data:`MAX_PARAMETER_DEPTH` deep; else :class:`QueryRejected`."""
    for name, value in params.items():
        if not name.isidentifier():
            raise QueryRejected(f"parameter name {name!r} is not a name")
        _check_value(name, value, 1)
    return params


def _check_value(name: str, value: object, depth: int) -> None:
    if depth > MAX_PARAMETER_DEPTH:
        raise QueryRejected(f"parameter {name!r} is nested deeper than {MAX_PARAMETER_DEPTH} levels")
    if isinstance(value, int) and not isinstance(value, bool) and not -(2**63) <= value < 2**63:
        raise QueryRejected(f"parameter {name!r}: integer out of the 64-bit range")
    if isinstance(value, _SCALARS):
        return
    if isinstance(value, list):
        kinds = {_kind(v) for v in value if v is not None}
        if len(kinds) > 1:
            kinds_seen = ", ".join(sorted(kinds))
            raise QueryRejected(f"parameter {name!r}: a list must hold one kind of value, not {kinds_seen}")
        for v in value:
            _check_value(name, v, depth + 1)
        return
    if isinstance(value, dict):
        for key, v in value.items():
            if not isinstance(key, str) or not key.isidentifier():
                raise QueryRejected(f"parameter {name!r}: map key {key!r} is not a name")
            _check_value(name, v, depth + 1)
        return
    raise QueryRejected(f"parameter {name!r}: {type(value).__name__} values are not accepted")


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    names: dict[type, str] = {str: "string", list: "list", dict: "map"}
    return names.get(type(value), type(value).__name__)
