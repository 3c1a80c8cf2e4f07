"""Accent-insensitive search over documents: "phap lenh 34" finds Pháp lệnh 34/2007/PL-UBTVQH11.

Each node carries a ``search`` text: its id, number, type, title and issuer folded to lower-case
ASCII. A query is folded the same way and split into words; a document matches when its search
text contains every word.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9][a-z0-9/\-.@]*")


def fold(text: str) -> str:
    """Lower-case ASCII: "Pháp lệnh số 34/2007/PL-UBTVQH11" → "phap lenh so 34/2007/pl-ubtvqh11"."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def search_text(*parts: str | None) -> str:
    """The folded text a document is found by."""
    return " ".join(fold(p) for p in parts if p)


def query_words(q: str, limit: int = 8) -> list[str]:
    """The words of a search, folded; at most ``limit``."""
    return _WORD.findall(fold(q))[:limit]
