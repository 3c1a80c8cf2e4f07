"""Which corpus a benchmark measures on: ``$LUOCDO_CORPUS``, else ``../shared/corpus`` beside the
checkout when it is there, else the texts vendored in ``tests/corpus`` (so a fresh clone runs
every benchmark, on less text)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def default_corpus() -> Path:
    named = os.environ.get("LUOCDO_CORPUS")
    if named:
        return Path(named)
    beside = ROOT.parent / "shared" / "corpus"
    return beside if beside.is_dir() else ROOT / "tests" / "corpus"
