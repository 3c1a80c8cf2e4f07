"""Which files an ingest reads: the files named, and the documents found under the folders named.

Inside a folder only regular files are read. Pipes, devices, sockets, dangling links, link loops
and links that leave the folder are skipped, each with its reason (links are followed out of
the folder only when asked: ``follow_links``), and so are files that are no documents
(README, SOURCES, index …) and names matching an ``exclude`` pattern. A path named on the
command line is passed on as it is: reading it reports what is wrong with it.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from luocdo.ingest.readers import READERS, kind_of

# Files that travel with a collection of documents but are none: its notes and indexes.
NOT_DOCUMENTS = re.compile(r"^(?:readme|sources|index|license|licence|changelog|contents)(?:\.[^.]*)?$", re.I)


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


@dataclass
class InputFiles:
    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def input_files(paths: Iterable[str | Path], *, follow_links: bool = False,
                exclude: Sequence[str] = ()) -> InputFiles:
    """The files to read, in a stable order, and the entries passed over with their reasons."""
    found = InputFiles()
    for p in map(Path, paths):
        if p.is_dir():
            _walk(p, found, follow_links, exclude)
        else:
            found.files.append(p)
    return found


def _walk(root: Path, found: InputFiles, follow_links: bool, exclude: Sequence[str]) -> None:
    real_root = os.path.realpath(root)
    seen_dirs = {real_root}
    for folder, dirs, names in os.walk(root, followlinks=follow_links):
        dirs.sort()
        for d in list(dirs):  # with follow_links, a link back up would walk forever
            real = os.path.realpath(os.path.join(folder, d))
            if real in seen_dirs or d.startswith("."):
                dirs.remove(d)
            else:
                seen_dirs.add(real)
        for name in sorted(names):
            path = Path(folder) / name
            if name.startswith(".") or path.suffix.lower() not in READERS:
                continue
            reason = _why_skip(path, real_root, follow_links, exclude)
            if reason is None:
                found.files.append(path)
            else:
                found.skipped.append(Skipped(path, reason))


def _why_skip(path: Path, real_root: str, follow_links: bool, exclude: Sequence[str]) -> str | None:
    if NOT_DOCUMENTS.match(path.name):
        return "not a document (a collection's notes or index)"
    if any(fnmatch.fnmatch(path.name, pattern) or fnmatch.fnmatch(str(path), pattern) for pattern in exclude):
        return "excluded"
    if path.is_symlink():
        try:
            os.path.realpath(path, strict=True)
        except FileNotFoundError:
            return "dangling link"
        except OSError:
            return "link loop"
    try:
        mode = os.stat(path).st_mode
    except OSError as err:
        return f"cannot be read ({err.strerror})"
    if not stat.S_ISREG(mode):
        return f"not a regular file ({kind_of(mode)})"
    if path.is_symlink() and not follow_links:
        target = os.path.realpath(path)
        if os.path.commonpath([real_root, target]) != real_root:
            return f"link to {target}, outside the folder (--follow-links reads it)"
    return None
