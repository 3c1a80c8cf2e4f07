"""Imported by the fork server that starts extraction workers (``set_forkserver_preload``): the
server dies with the process that started it, and holds the pipeline imported, so each worker
forked from it starts warm. Workers set the same guard for themselves."""

from __future__ import annotations

import luocdo.ingest.pipeline  # noqa: F401  (preloaded for the workers)
from luocdo.ingest.children import die_with_parent

die_with_parent()
