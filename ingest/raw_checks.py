"""What every reader checks of what it read: a format's signature, the share of unreadable
characters, the most text one file may give."""

from __future__ import annotations

import unicodedata

MAX_TEXT_CHARS = 20_000_000

# Signatures of formats that end up with the wrong extension, for a useful error message.
_MAGIC = (
    (b"PK\x03\x04", "a zip package (.docx, .xlsx, .zip …)"),
    (b"%PDF-", "a PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (.doc, .xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)


def one_line(text: object) -> str:
    """``text`` on one line, its runs of white space as one space (for error messages)."""
    return " ".join(str(text).split())


def sniff(data: bytes) -> str | None:
    """What ``data`` is when its signature says so: "a PDF", "a zip package …"."""
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)


def control_ratio(text: str) -> float:
    """The share of control, private-use and replacement characters in ``text`` (not white space)."""
    controls = sum(1 for ch in text
                   if (unicodedata.category(ch) in ("Cc", "Co", "Cs") and ch not in "\t\n\r\f\v")
                   or ch == "\ufffd")
    return controls / max(len(text), 1)
