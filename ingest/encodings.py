"""Decoding of text files (placeholder: UTF-8 only, replaced by the full detector)."""

from __future__ import annotations

from luocdo.ingest.models import ReadError


def decode_text_bytes(data: bytes, source: str, html: bool = False) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding name)`` or raises ReadError."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        raise ReadError(source, "unknown text encoding") from exc
