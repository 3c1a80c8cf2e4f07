"""The helpers the benchmarks share with the tests (``tests/support.py``): one copy of each."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout, for ``tests.support``

from tests.support import FalkorServer, LuocdoServer, die_with_parent, free_port, timed

__all__ = ["FalkorServer", "LuocdoServer", "die_with_parent", "free_port", "timed"]
