"""What the API server is configured with: the environment, read once at start."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from luocdo.ingest.readers import MAX_FILE_BYTES


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def _float(name: str, default: float) -> float:
    return float(os.environ.get(name) or default)


@dataclass(frozen=True)
class Settings:
    """``LUOCDO_API_TOKEN`` enables writes; the limits keep one request from taking the server."""

    token: str | None = field(default_factory=lambda: os.environ.get("LUOCDO_API_TOKEN") or None)
    cypher_timeout_s: float = field(default_factory=lambda: _float("LUOCDO_CYPHER_TIMEOUT_S", 10.0))
    cypher_max_rows: int = field(default_factory=lambda: _int("LUOCDO_CYPHER_MAX_ROWS", 1000))
    # User Cypher: worker processes at once, queries waiting beyond them, memory one may take.
    cypher_workers: int = field(default_factory=lambda: _int("LUOCDO_CYPHER_WORKERS", 2))
    cypher_queue: int = field(default_factory=lambda: _int("LUOCDO_CYPHER_QUEUE", 8))
    cypher_max_mb: int = field(default_factory=lambda: _int("LUOCDO_CYPHER_MAX_MB", 512))
    upload_max_bytes: int = field(default_factory=lambda: _int("LUOCDO_UPLOAD_MAX_BYTES", MAX_FILE_BYTES))
    upload_max_files: int = field(default_factory=lambda: _int("LUOCDO_UPLOAD_MAX_FILES", 200))
    # Whole request bodies: an upload request, and every other (JSON) request.
    upload_max_request_bytes: int = field(default_factory=lambda: _int("LUOCDO_UPLOAD_MAX_REQUEST_BYTES", 256 << 20))
    body_max_bytes: int = field(default_factory=lambda: _int("LUOCDO_BODY_MAX_BYTES", 1 << 20))
    # Reading one file for /extract: seconds and megabytes of its worker process.
    extract_seconds: float = field(default_factory=lambda: _float("LUOCDO_EXTRACT_SECONDS", 60.0))
    extract_max_mb: int = field(default_factory=lambda: _int("LUOCDO_EXTRACT_MAX_MB", 2048))
    page_max: int = 200
    uploads: Path = field(default_factory=lambda: Path(os.environ.get("LUOCDO_UPLOADS") or "luocdo-uploads"))
    # Host names the server answers to (DNS rebinding): LUOCDO_ALLOWED_HOSTS, comma-separated;
    # unset, `luocdo serve` on a loopback address allows only loopback names, else any.
    allowed_hosts: tuple[str, ...] | None = field(
        default_factory=lambda: _hosts(os.environ.get("LUOCDO_ALLOWED_HOSTS")))


def _hosts(value: str | None) -> tuple[str, ...] | None:
    hosts = tuple(h.strip() for h in (value or "").split(",") if h.strip())
    return hosts or None


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
