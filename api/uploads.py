"""Files sent to the API: checked for type and size, then kept where the readers can read them."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from fastapi import UploadFile

from luocdo.api.problems import Problem
from luocdo.ingest.readers import READERS

_CHUNK = 1 << 20
_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


def safe_name(filename: str | None) -> str:
    """The file's own name, with nothing that could reach outside the folder it is saved in."""
    name = _UNSAFE.sub("_", Path(filename or "upload.txt").name).strip("._") or "upload.txt"
    return name[-150:]


def check_type(filename: str | None) -> str:
    """The name, if luocdo reads its type; else a 415 problem."""
    name = safe_name(filename)
    suffix = Path(name).suffix.lower()
    if suffix not in READERS:
        kinds = ", ".join(sorted(READERS))
        raise Problem(415, "Unsupported media type", f"{name}: luocdo reads {kinds} files, not {suffix or 'no suffix'}")
    return name


async def save(upload: UploadFile, folder: Path, max_bytes: int) -> Path:
    """Write an upload into ``folder`` under its safe name; a 413 problem past ``max_bytes`` (nothing kept)."""
    name = check_type(upload.filename)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".part-", delete=False) as part:
        size = 0
        while chunk := await upload.read(_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                part.close()
                Path(part.name).unlink(missing_ok=True)
                raise Problem(413, "Content too large", f"{name}: larger than {max_bytes} bytes")
            part.write(chunk)
    target = folder / name
    Path(part.name).replace(target)
    return target
