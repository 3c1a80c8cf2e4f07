"""The read-only guard against the engine: text it lets through is what LadybugDB runs as a read.

The oracle is the engine itself: every query the guard accepts is planned by a real LadybugDB
store (``EXPLAIN``), and the plan may hold only read operators; a text the two could read
differently is refused before it gets there.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luocdo.graph.errors import QueryError, QueryRejected
from luocdo.graph.ladybug_store import LadybugStore
from luocdo.graph.query_plan import check_plan
from luocdo.graph.readonly import check_parameters, check_read_only

from .conftest import ingested, sample

# Bypasses found by attacking the old regex guard (issue 15): each ran as code on the engine.
BYPASSES = [
    "/* **/ RETURN '*/ LOAD FROM \"/etc/passwd\" (file_format='csv', delim='|') RETURN * //'",
    "/* **/ RETURN '*/ RETURN 1; COMMIT; MATCH (d:Document {id: \"10/2022/QH15\"}) SET d.title = \"PWNED\" //'",
    "RETURN 1; COMMIT; MATCH (d:Document {id: '10/2022/QH15'}) SET d.title = 'PWNED'",
    "COPY (MATCH (d:Document) RETURN d.id) TO 'x.csv'",
    "EXPORT DATABASE 'dump'",
    "CALL read_csv_serial('x') RETURN *",
    "CALL READ_CSV_PARALLEL('x') RETURN *",
    "CALL read_parquet('x.parquet') RETURN *",
    "CALL read_npy('x.npy') RETURN *",
    "CALL var_length_extend_max_depth=1",
    "CALL threads=1",
    "CALL checkpoint_threshold=1",
    "CALL file_search_path='/etc'",
    "CALL debug_enable_multi_writes=true",
    "LOAD FROM some_python_object RETURN *",
    "RETURN 1 – 1",  # an en dash the openCypher grammar reads as a minus
    "RETURN '\\q'",
]


def test_the_bypasses_are_refused() -> None:
    for query in BYPASSES:
        with pytest.raises(QueryRejected):
            check_read_only(query)


def test_reads_pass_unchanged() -> None:
    assert check_read_only(" MATCH (d) RETURN d.title AS t; ") == "MATCH (d) RETURN d.title AS t"
    for query in ("MATCH (d:Document) WHERE d.title CONTAINS 'LOAD FROM /* x */ ; COMMIT' RETURN d.id",
                  "MATCH p = (a:Document)-[:IMPLEMENTS|BASED_ON*1..3]->(b) RETURN nodes(p), length(p)",
                  "MATCH (d {set: 1}) RETURN d.`load`, label(d)", "CALL show_tables() RETURN *",
                  "MATCH (d:Document) RETURN d.type, count(*) AS n ORDER BY n DESC LIMIT 3 // top three",
                  "RETURN \"it\\'s\", 'say \\\"x\\\"', '\\u00e9'",
                  "MATCH (a)-[r]->(b) RETURN r.start_offset AS start ORDER BY start, a.id",
                  "MATCH (start:Document) RETURN start.id AS show"):
        assert check_read_only(query)
    for query in ("SHOW DATABASES", "MATCH (SET) RETURN SET", "START DATABASE x", "TERMINATE TRANSACTIONS 'x'"):
        with pytest.raises(QueryRejected):
            check_read_only(query)


def test_parameters_every_engine_binds() -> None:
    assert check_parameters({"a": [1, 2.5, None], "m": {"k": ["x"]}, "s": "x"})
    for bad in ({"a": ["a", 1.5]}, {"a": {"1x": 1}}, {"a": 2**70}, {"a": b"\x00"},
                {"deep": [[[[[1]]]]]}, {"bad name": 1}):
        with pytest.raises(QueryRejected):
            check_parameters(bad)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LadybugStore]:
    path = ingested(Path(tmp_path_factory.mktemp("guard")) / "store", sample("000"))
    with closing(LadybugStore(path, read_only=True)) as read_only:
        yield read_only


def test_the_plan_check_refuses_what_the_guard_would_miss(store: LadybugStore) -> None:
    plan = store.query("EXPLAIN COPY (MATCH (d:Document) RETURN d.id) TO '/tmp/never.csv'")
    with pytest.raises(QueryRejected, match="COPY_TO"):
        check_plan(str(next(iter(plan[0].values()))))
    settings_plan = store.query("EXPLAIN CALL threads=1")
    with pytest.raises(QueryRejected):
        check_plan(str(next(iter(settings_plan[0].values()))))


# Pieces that confuse comment and string boundaries; joined at random they form the family of tricks.
_PIECES = ["/*", "*/", "**/", "/**", "*", "//", "\n", "'", '"', "\\", "\\'", "`", ";", " ", "RETURN 1",
           "RETURN '", "LOAD FROM 'x.csv' RETURN *", "COPY (RETURN 1) TO 'x.csv'", "CALL threads=1",
           "COMMIT", "SET d.title = 'x'", "MATCH (d:Document)", "RETURN d.id", "'*/'", "\"//\""]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=9))
def test_accepted_tricks_plan_as_reads_on_the_engine(store: LadybugStore, pieces: list[str]) -> None:
    query = "".join(pieces)
    try:
        accepted = check_read_only(query)
    except QueryRejected:
        return
    try:
        plan = store.query("EXPLAIN " + accepted)
    except QueryError:
        return  # the engine cannot parse it either: nothing runs
    check_plan(str(next(iter(plan[0].values()))))
