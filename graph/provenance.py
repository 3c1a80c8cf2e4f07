"""Which rules read a file: a digest of the code and data that turn a file into its graph.

A store keeps it on each file's document (``extracted_by``). A file is skipped as unchanged only
when it was read by the same rules: after an upgrade of luocdo (a rule fixed, a law added to the
reference data) the next ingest reads every file again, so no answer rests on rules that are gone.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from luocdo.ingest.admin_register import register_files

_DATA_SUFFIXES = (".csv", ".json", ".txt")
_NOT_RULES = ("__pycache__", "samples")  # folders of the packages that no extraction reads


@cache
def rules_digest() -> str:
    """16 hex digits over the extraction's code (``luocdo.ingest``, graph/build.py), the data it
    reads (``luocdo.data``) and the administrative register's data files (by size: hashing them
    would cost every extraction worker more than its whole start)."""
    digest = hashlib.sha256()
    for item in (*_files(files("luocdo.ingest"), (".py",)), files("luocdo.graph") / "build.py",
                 *_files(files("luocdo.data"), _DATA_SUFFIXES)):
        digest.update(item.name.encode() + b"\0" + item.read_bytes() + b"\0")
    for path in register_files():
        digest.update(f"{path.name}:{path.stat().st_size}".encode())
    return digest.hexdigest()[:16]


def _files(folder: Traversable, suffixes: tuple[str, ...]) -> list[Traversable]:
    """The files under ``folder`` ending in one of ``suffixes``, in a stable order."""
    out: list[Traversable] = []
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if item.is_dir() and item.name not in _NOT_RULES:
            out += _files(item, suffixes)
        elif item.is_file() and item.name.endswith(suffixes):
            out.append(item)
    return out
