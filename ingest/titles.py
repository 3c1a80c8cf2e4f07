"""Titles: which citations are only words of another cited document's title.

"Luật số 97/2025/QH15 ngày 27/6/2025 về sửa đổi, bổ sung một số điều của Luật Mặt trận Tổ quốc
Việt Nam, Luật Công đoàn, …" cites one law; the laws its title names are what that law amends, not
what the citing document rests on. After a numbered citation, the words that describe it ("về …",
"quy định chi tiết …", "hướng dẫn …", "sửa đổi, bổ sung …") up to the end of the list item are its
title; every law named (without a number) inside is marked ``in_title_of`` the index of the one
whose title holds it; so is every law that an amending law named by its title lists ("Luật sửa
đổi, bổ sung một số điều của Luật X", resolved or not), numbered or not ("… của Luật Đất đai số
31/2024/QH15, …": what it amends, not what the citing document rests on). Numbered documents in
a descriptive title keep their relation: plans carry out "Nghị quyết số 71/NQ-CP … thực hiện
Nghị quyết số 57-NQ/TW" and the resolution it carries out.
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
_AMENDING = re.compile(r"Luật sửa đổi", re.IGNORECASE)  # its title names the laws it amends
_ITEM_END = re.compile(r"[;\n]|\.(?:\s|$)")
_NEXT_ITEM = re.compile(r"(?:[,;]| và| hoặc)\s*$")  # what separates list items before a numbered one
_LONGEST_TITLE = 500


def mark_titles(t: str, citations: list[Citation]) -> None:
    """Set ``in_title_of`` on every citation that lies in the title of an earlier numbered one.

    One pass: a later title owner's item ends no sooner than an earlier one's (both end at the
    first item end after them), so the nearest open title is the only one to check."""
    owner, end = -1, -1  # the numbered citation whose title is open, and where its item ends
    stop, clear_to = -1, -1  # the next item end found; no item end before clear_to (from a search)
    amending, amending_end = -1, -1  # an amending law named by its title, and where the title ends
    for i, c in enumerate(citations):
        if c.start < amending_end and c.form in ("full", "name"):
            c.in_title_of = amending  # "Luật sửa đổi, bổ sung … của Luật Đất đai số 31/2024/QH15, …"
        elif c.form == "full":
            if owner >= 0 and c.start < end and _NEXT_ITEM.search(t, max(0, c.start - 6), c.start):
                owner = -1  # a numbered citation after a list separator opens the next item
            if _TITLE_OPENS.match(t, c.end):
                if stop < c.end:  # search on from where the last search left off
                    stop = _item_end(t, max(c.end, clear_to), c.end + _LONGEST_TITLE)
                    clear_to = c.end + _LONGEST_TITLE if stop < 0 else stop
                limit = min(len(t), c.end + _LONGEST_TITLE)
                owner, end = i, (stop if 0 <= stop < limit else limit)
        elif c.form == "name" and owner >= 0 and c.start < end:
            c.in_title_of = owner  # a numbered document in a title is cited for itself as well
        elif c.form == "name" and _AMENDING.match(c.name or ""):
            amending, amending_end = i, c.end  # an amending law named by its title: the laws it lists


def _item_end(t: str, start: int, end: int) -> int:
    """Where the list item holding a title ends: ";", a line break or a full stop (-1: not
    before ``end``)."""
    stop = _ITEM_END.search(t, start, end)
    return stop.start() if stop else -1
