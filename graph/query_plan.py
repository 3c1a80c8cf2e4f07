"""The engine's own reading of a user query: LadybugDB's ``EXPLAIN`` plan, checked against the
operators that only read the graph.

The token guard (:mod:`luocdo.graph.readonly`) cannot be sure it reads a text as the engine
does; the plan is what the engine will run, so an operator that writes, copies to a file, reads
a file or changes a setting is refused here whatever the text looked like.
"""

from __future__ import annotations

import re

from luocdo.graph.errors import QueryRejected

READ_OPERATORS = frozenset("""
RESULT_COLLECTOR PROJECTION FILTER LIMIT SKIP MULTIPLICITY_REDUCER FLATTEN UNWIND DUMMY_SINK DUMMY_SCAN
EMPTY_RESULT SCAN_NODE_TABLE PRIMARY_KEY_SCAN_NODE_TABLE SCAN_REL_TABLE QUERY_PRIMARY_KEY_LOOKUP INDEX_LOOKUP
RECURSIVE_EXTEND PATH_PROPERTY_PROBE COUNT_EXTEND_CHAIN COUNT_REL_TABLE SEMI_MASKER CROSS_PRODUCT
HASH_JOIN_BUILD HASH_JOIN_PROBE INTERSECT INTERSECT_BUILD AGGREGATE AGGREGATE_FINALIZE AGGREGATE_SCAN
SIMPLE_AGGREGATE SIMPLE_AGGREGATE_FINALIZE HASH_AGGREGATE HASH_AGGREGATE_SCAN ORDER_BY ORDER_BY_MERGE
ORDER_BY_SCAN TOP_K TOP_K_SCAN UNION_ALL_SCAN TABLE_FUNCTION_CALL
""".split())
# Table functions a read may use: READ_FTABLE is the engine's scan of an intermediate result.
READ_TABLE_FUNCTIONS = frozenset({"READ_FTABLE", "SHOW_TABLES", "TABLE_INFO"})

_OPERATOR = re.compile(r"│\s*([A-Z][A-Z0-9_]*)\[\d+\]\s*│")
_FUNCTION = re.compile(r"Function:\s*([A-Za-z0-9_]+)")


def check_plan(plan: str) -> None:
    """Refuse a plan with any operator or table function outside the read-only lists."""
    operators = _OPERATOR.findall(plan)
    if not operators:
        raise QueryRejected("the engine gave no plan for this query")
    for operator in operators:
        if operator not in READ_OPERATORS:
            raise QueryRejected(f"read-only: the engine would run {operator} for this query")
    for function in _FUNCTION.findall(plan):
        if function.upper() not in READ_TABLE_FUNCTIONS:
            raise QueryRejected(f"read-only: the engine would call {function.upper()} for this query")
