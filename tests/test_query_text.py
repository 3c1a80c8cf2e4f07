"""No user input is ever pasted into a query's text: every value travels as a parameter.

The test reads luocdo's own code: every f-string that builds Cypher may interpolate only names
reviewed here, each of which holds text luocdo itself wrote (a relationship type from
``graph.model.RELATIONS``, a column name from a dataclass, a temporary file's path).
"""

from __future__ import annotations

import ast
import re

import pytest

from luocdo.graph import writes

from .conftest import ROOT

CYPHER = re.compile(r"\b(?:MATCH|MERGE|CREATE|UNWIND|RETURN|COPY|DELETE|SET|WHERE|CALL)\b")
REVIEWED = {
    "relation",  # one of RELATIONS (checked by graph.writes._check, or iterating the constant)
    "r",  # iterating CITATION_RELATIONS / REFERENCE_RELATIONS in the schema
    "label", "key",  # ("Document", "id"), ("Meta", "key") in FalkorDBStore._create_schema
    "table", "f.name",  # COPY into a table named by luocdo, from a temporary file luocdo made
    "column_list",  # that COPY's columns: writes.NODE_COLUMNS, EDGE_COLUMNS, VALIDITY_COLUMNS
    "props", "self._set(columns, True)", "self._set(columns, False)", "_CORPUS_FLAGS",  # column names
    "_ALL_RELATIONS",  # RELATIONS joined, in graph/memory.py
    "own_dates",  # the effective_* / text_effective_* columns in WriteStatements.upsert_file_nodes
}


def interpolations() -> list[tuple[str, int, str]]:
    found = []
    for folder in ("ingest", "graph", "queries", "api", "cli"):
        for path in (ROOT / folder).glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.JoinedStr):
                    text = "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
                    if CYPHER.search(text):
                        found += [(path.name, node.lineno, ast.unparse(v.value))
                                  for v in node.values if isinstance(v, ast.FormattedValue)]
    return found


def test_query_builders_interpolate_only_reviewed_names() -> None:
    found = interpolations()
    assert found, "the scan found no query builder at all"
    unreviewed = [f"{path}:{line} {{{expr}}}" for path, line, expr in found if expr not in REVIEWED]
    assert not unreviewed, unreviewed


def test_a_relation_from_outside_cannot_reach_a_statement() -> None:
    for bad in ("CITES]->() DETACH DELETE (x) //", "cites", ""):
        with pytest.raises(ValueError):
            writes.WriteStatements().create_citations(bad)
        with pytest.raises(ValueError):
            writes.WriteStatements.merge_reference_edges(bad)


def test_user_values_are_parameters_in_the_api() -> None:
    """The document search builds its WHERE from fixed clauses; values go in ``params``."""
    source = (ROOT / "queries" / "documents.py").read_text(encoding="utf-8")
    assert 'where.append(f"d.{name} = ${name}")' in source  # name from a fixed tuple, value a parameter
    assert "params[" in source and "+ q" not in source and "{q}" not in source
