"""Shared fixtures: where the sample plans and the read-only shared material live."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def sample(prefix: str) -> Path:
    """The sample plan whose file name starts with ``prefix`` ("000" … "004")."""
    (path,) = SAMPLES.glob(f"{prefix}-*.txt")
    return path


@pytest.fixture
def corpus() -> Path:
    """The real-document corpus beside the repository (skips where it is absent)."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    return CORPUS
