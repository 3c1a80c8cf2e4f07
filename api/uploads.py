"""Files sent to the API: checked for type and size, then kept content-addressed where the
readers can read them.

An upload is streamed to a part file in the uploads folder while it is hashed, with the size
limit applied as it arrives, then moved to ``<sha256[:2]>/<sha256>/<name>``: two files of one
name never overwrite each other, and a file's path always holds the bytes that were ingested.
A request that is refused keeps nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from fastapi import UploadFile

from luocdo.api.problems import Problem
from luocdo.ingest.readers import READERS

_CHUNK = 1 << 20
_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)
MAX_NAME_BYTES = 150  # file systems allow 255 bytes a name; Vietnamese letters take 2–3 bytes each


def safe_name(filename: str | None) -> str:
    """The file's own name, with nothing that could reach outside the folder it is saved in, cut
    to :data:`MAX_NAME_BYTES` bytes of UTF-8 with its suffix kept."""
    name = _UNSAFE.sub("_", Path(filename or "upload.txt").name).strip("._") or "upload.txt"
    suffix = Path(name).suffix if len(Path(name).suffix.encode()) <= 16 else ""
    stem = name[:len(name) - len(suffix)] if suffix else name
    room = MAX_NAME_BYTES - len(suffix.encode())
    stem = stem.encode()[:room].decode("utf-8", errors="ignore").rstrip("._") or "upload"
    return stem + suffix


def check_type(filename: str | None) -> str:
    """The name, if luocdo reads its type; else a 415 problem."""
    name = safe_name(filename)
    suffix = Path(name).suffix.lower()
    if suffix not in READERS:
        kinds = ", ".join(sorted(READERS))
        raise Problem(415, "Unsupported media type", f"{name}: luocdo reads {kinds} files, not {suffix or 'no suffix'}")
    return name


async def save(upload: UploadFile, folder: Path, max_bytes: int) -> tuple[Path, bool]:
    """Write an upload into ``folder`` under its content's hash: its path, and whether this call
    created it (the same bytes under the same name may be there already). A 413 problem past
    ``max_bytes``, with nothing kept."""
    name = check_type(upload.filename)
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".part-", delete=False) as part:
        try:
            size = 0
            while chunk := await upload.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise Problem(413, "Content too large", f"{name}: larger than {max_bytes} bytes")
                digest.update(chunk)
                part.write(chunk)
        except BaseException:
            part.close()
            Path(part.name).unlink(missing_ok=True)
            raise
    sha = digest.hexdigest()
    target = folder / sha[:2] / sha / name
    created = not target.exists()
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(part.name, target)
    return target, created


async def save_all(uploads: list[UploadFile], folder: Path, max_bytes: int) -> list[Path]:
    """Every upload of one request saved, or none: the types are checked before anything is
    written, and the files this request created are removed when a later one is refused."""
    for upload in uploads:
        check_type(upload.filename)
    saved: list[Path] = []
    created: list[Path] = []
    try:
        for upload in uploads:
            path, new = await save(upload, folder, max_bytes)
            saved.append(path)
            if new:
                created.append(path)
    except BaseException:
        for path in created:
            _remove(path, folder)
        raise
    return saved


def _remove(path: Path, folder: Path) -> None:
    """Remove a file saved by a refused request, and the hash folders it leaves empty."""
    path.unlink(missing_ok=True)
    for parent in (path.parent, path.parent.parent):
        if parent == folder:
            break
        try:
            parent.rmdir()
        except OSError:
            break
