"""Titles: which citations are only words of another cited document's title.

"Luật số 97/2025/QH15 ngày 27/6/2025 về sửa đổi, bổ sung một số điều của Luật Mặt trận Tổ quốc
Việt Nam, Luật Công đoàn, …" cites one law; the laws its title names are what that law amends, not
what the citing document rests on. After a numbered citation, the words that describe it ("về …",
"quy định chi tiết …", "hướng dẫn …", "sửa đổi, bổ sung …") up to the end of the list item are its
title; every law named (without a number) inside is marked ``in_title_of`` the index of the one
whose title holds it. Numbered documents in a title keep their relation: plans carry out
"Nghị quyết số 71/NQ-CP … thực hiện Nghị quyết số 57-NQ/TW" and the resolution it carries out.
"""

from __future__ import annotations

import re

from luocdo.ingest.models import Citation

_TITLE_OPENS = re.compile(
    r"[ ,]{0,3}(?:về|quy định(?: chi tiết)?|hướng dẫn|sửa đổi|bổ sung|ban hành|phê duyệt|thi hành"
    r"|lãnh đạo|chỉ đạo|tăng cường|đẩy mạnh|nâng cao)(?!\w)"
    r"| (?:triển khai|thực hiện|tổ chức thực hiện|tiếp tục)(?!\w)",
    re.IGNORECASE,
)
_ITEM_END = re.compile(r"[;\n]|\.(?:\s|$)")
_NEXT_ITEM = re.compile(r"(?:[,;]| và| hoặc)\s*$")  # what separates list items before a numbered one
_LONGEST_TITLE = 500


def mark_titles(t: str, citations: list[Citation]) -> None:
    """Set ``in_title_of`` on every citation that lies in the title of an earlier numbered one."""
    for i, owner in enumerate(citations):
        if owner.form != "full" or not _TITLE_OPENS.match(t, owner.end):
            continue
        end = _title_end(t, owner.end)
        for j in range(i + 1, len(citations)):
            c = citations[j]
            if c.start >= end or (c.form == "full" and _NEXT_ITEM.search(t, max(0, c.start - 6), c.start)):
                break  # a numbered citation after a list separator opens the next item
            if c.form == "name":  # a numbered document in a title is cited for itself as well
                c.in_title_of = i


def _title_end(t: str, start: int) -> int:
    """Where the list item holding a title ends: ";", a line break or a full stop."""
    stop = _ITEM_END.search(t, start, start + _LONGEST_TITLE)
    return stop.start() if stop else min(len(t), start + _LONGEST_TITLE)
