"""Every document each seed cites is found, resolved and classified; none is invented.

The expected citations of each seed are listed explicitly in ``tests/gold/seeds.jsonl``.
"""

from __future__ import annotations

import pytest

from .conftest import sample
from .gold_score import cited_by_extraction, expected, gold_documents

SEEDS = {entry["file"][:3]: entry for entry in gold_documents("seeds.jsonl")}


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_cites_exactly_the_expected_documents(prefix: str) -> None:
    got = cited_by_extraction(sample(prefix))
    want = expected(SEEDS[prefix])
    assert sorted(got.keys() - want.keys()) == [], "invented"
    assert sorted(want.keys() - got.keys()) == [], "missed"


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_relations(prefix: str) -> None:
    got = cited_by_extraction(sample(prefix))
    want = expected(SEEDS[prefix])
    wrong = {n: (got[n], r) for n, r in want.items() if n in got and got[n] != r}
    assert wrong == {}
