"""Who enacts a document: the line in capitals between its title and its first "Căn cứ"
("CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "CỤC TRƯỞNG CỤC THUẾ", "QUỐC HỘI"), which is
not part of the title. It may be wrapped over two or three lines ("BỘ⏎TRƯỞNG BỘ CÔNG THƯƠNG"),
or flattened onto the title's last line ("… XÁC ĐỊNH TRƯỚC MÃ SỐ CỤC TRƯỞNG CỤC HẢI QUAN")."""

from __future__ import annotations

import re

# A position that enacts; before an organ's name that does, it is its head ("BỘ TRƯỞNG BỘ Y TẾ").
_POSITIONS = (r"CHỦ TỊCH|BỘ TRƯỞNG|CỤC TRƯỞNG|TỔNG CỤC TRƯỞNG|GIÁM ĐỐC|TỔNG GIÁM ĐỐC|THỦ TƯỚNG|THỐNG ĐỐC"
              r"|TRƯỞNG BAN|CHỦ NHIỆM|TỔNG KIỂM TOÁN|VIỆN TRƯỞNG|CHÁNH ÁN")
_ENACTING = re.compile(rf"(?:{_POSITIONS}|ỦY BAN|UỶ BAN|HỘI ĐỒNG|QUỐC HỘI|CHÍNH PHỦ|BAN CHẤP HÀNH|BAN THƯỜNG VỤ)(?!\w)")
_POSITION = re.compile(rf"(?:{_POSITIONS})(?!\w)")
# A position and the organ it heads at the end of a title line: who enacts, flattened onto it.
_POSITION_AT_END = re.compile(
    rf"(?<!\w)(?:{_POSITIONS}) (?:ỦY BAN|UỶ BAN|UBND|BỘ|CỤC|TỔNG CỤC|SỞ|CHÍNH PHỦ|TRUNG TÂM|BAN|HỘI ĐỒNG|VIỆN"
    rf"|TÒA ÁN|TOÀ ÁN|KIỂM TOÁN NHÀ NƯỚC|NGÂN HÀNG|VĂN PHÒNG)(?!\w)[^\n]{{0,80}}$")
# A title line ending on a word that links to the next goes on into it ("… ĐÃ ĐƯỢC ⏎ QUỐC HỘI
# QUYẾT ĐỊNH CHỦ TRƯƠNG …"); "PHÓ" makes a deputy of the position after it.
_TITLE_LINKS = re.compile(r"(?<!\w)(?:CỦA|VÀ|ĐƯỢC|CHO|TẠI|VỀ|VỚI|THEO|DO|CÁC|NHỮNG|TRÊN|TRONG|THUỘC|PHÓ)$")
_MOST_LINES = 3  # an enacting line wraps over at most this many


def enacting(line: str, previous: str) -> bool:
    """Whether ``line``, the last before the first "Căn cứ", names who enacts the document
    (``previous``: the line before it, which must not go on into it)."""
    return line.isupper() and len(line) <= 120 and bool(_ENACTING.match(line)) and not _TITLE_LINKS.search(previous)


def enacting_block(lines: list[str]) -> int:
    """How many of the last ``lines`` (the first "Căn cứ" right after them) name who enacts, 0 if
    none: the fewest that do, a position first ("HỘI ĐỒNG THẨM ĐỊNH GIÁ ĐẤT ⏎ CHỦ TỊCH UBND TỈNH":
    the council is the title's)."""
    blocks = [k for k in range(1, min(_MOST_LINES, len(lines) - 1) + 1)
              if enacting(" ".join(lines[-k:]), lines[-k - 1])]
    headed = [k for k in blocks if _POSITION.match(lines[-k])]
    return min(headed or blocks or [0])


def without_enacting(lines: list[str]) -> list[str]:
    """The title lines (in capitals, the first "Căn cứ" right after the last) without who enacts:
    its own lines (:func:`enacting_block`), else the position and organ that end the title ("… MÃ
    SỐ CỤC TRƯỞNG CỤC⏎HẢI QUAN")."""
    if block := enacting_block(lines):
        return lines[:-block]
    title = " ".join(line for line in lines if line)
    flattened = _POSITION_AT_END.search(title)
    if flattened is None or not flattened.start() or _TITLE_LINKS.search(title[:flattened.start()].rstrip()):
        return lines
    return [title[:flattened.start()].rstrip()]
