"""The user-query workers themselves (graph/query_sandbox.py), without HTTP: a query that fails in
Python leaves its worker up, and a worker that stopped while idle is replaced, not reported as the
next user's error (seen as a 500 during the flood test: BrokenPipeError on send)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from luocdo.graph.errors import QueryError
from luocdo.graph.query_sandbox import QuerySandbox, SandboxLimits

from .conftest import SAMPLES, ingested


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QuerySandbox]:
    store = ingested(tmp_path_factory.mktemp("workers") / "store", SAMPLES)
    box = QuerySandbox(store, SandboxLimits(workers=1))
    try:
        yield box
    finally:
        box.close()


def idle_worker(box: QuerySandbox) -> object:
    assert box.read("RETURN 1 AS one", timeout_s=20) == [{"one": 1}]
    (worker,) = box._idle  # the one worker, back in the pool
    return worker


def test_a_map_with_number_keys_is_a_clean_error_and_the_worker_stays(sandbox: QuerySandbox) -> None:
    before = idle_worker(sandbox)
    with pytest.raises(QueryError, match="keys are not text"):
        sandbox.read("RETURN map([1,2],['a','b']) AS m", timeout_s=20)
    assert idle_worker(sandbox) is before and before.alive()  # type: ignore[attr-defined]


def test_a_worker_gone_while_idle_is_replaced(sandbox: QuerySandbox) -> None:
    worker = idle_worker(sandbox)
    worker._requests.close()  # type: ignore[attr-defined]  # its pipe closed under it, as when it died idle
    assert sandbox.read("MATCH (d:Document) RETURN count(d) > 0 AS some", timeout_s=20) == [{"some": True}]
    assert idle_worker(sandbox) is not worker
