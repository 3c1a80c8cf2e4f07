"""Classify: what a citation does — ``implements``, ``based_on`` or ``cites`` — and its governing words.

The opening of a document, before its first numbered section, says what it carries out
("Thực hiện …", "Triển khai …", "Để tiếp tục triển khai …") and on what legal basis ("Căn cứ …").
Every other citation is ``cites``, keeping the words that govern it ("theo", "trọng tâm là").
"""

from __future__ import annotations

import re

from luocdo.ingest.grammar import last_match, type_word
from luocdo.ingest.models import Citation, SourceText

_PREAMBLE_END = re.compile(
    r"(?m)^[ *-]{0,3}(?:[IVX]{1,4} ?[.\-–:] |1\. |Điều 1\b|Chương I\b|Phần I\b|PHẦN I\b"
    r"|(?:QUYẾT ĐỊNH|QUYẾT NGHỊ|CHỈ THỊ|KẾT LUẬN|NGHỊ QUYẾT) ?:)"
)
_OPENER = re.compile(
    r"[ *\-–•]{0,3}(?P<verb>Căn cứ|Để (?:tiếp tục )?(?:triển khai|thực hiện|tổ chức thực hiện|cụ thể hóa)"
    r"(?:,? thực hiện)?|Triển khai thực hiện|Triển khai|Tiếp tục thực hiện|Thực hiện|Thi hành)(?!\w)"
)
_CLAUSE_BREAK = re.compile(r"[;\n]|\. ")
_GOVERNING = re.compile(
    r"(?:tiếp tục thực hiện|triển khai thực hiện|trọng tâm là|căn cứ|theo quy định tại|theo|thực hiện|triển khai"
    r"|quán triệt|hướng dẫn|tại|của)(?!\w)",
    re.IGNORECASE,
)


def classify(text: SourceText, citations: list[Citation]) -> None:
    """Set ``relation``, ``verb`` and ``sentence`` on every citation, in place."""
    t = text.match_text
    end = _PREAMBLE_END.search(t)
    preamble_end = end.start() if end else len(t)
    for c in citations:
        c.sentence = _sentence(t, c.start, c.end)
        line_start = t.rfind("\n", 0, c.start) + 1
        clause_start = _clause_start(t, c.start)
        opener = (_OPENER.match(t, clause_start) or _OPENER.match(t, line_start)
                  or _OPENER.match(t, _paragraph_start(t, line_start)))
        if opener and (c.start < preamble_end or (opener.group("verb") == "Căn cứ" and not _reasoning(t, c))):
            verb = opener.group("verb")
            c.relation = "based_on" if verb == "Căn cứ" else "implements"
            c.verb = text.text[opener.start("verb"):opener.end("verb")]
            continue
        c.relation = "cites"
        c.verb = _governing_words(t, text.text, clause_start, c.start)


def _reasoning(t: str, c: Citation) -> bool:
    """"Căn cứ khoản 1 Điều 162 Luật Doanh nghiệp thì …": an argument in the body, not a legal basis."""
    start, end = c.sentence or (c.start, c.end)
    return " thì " in t[start:end]


def _paragraph_start(t: str, line_start: int) -> int:
    """Where the paragraph holding a line begins: a line that goes on from one not ended by a full
    stop belongs to it ("Căn cứ Nghị định …;" ⏎ "Nghị định số 48/2013/NĐ-CP …")."""
    start = line_start
    if not (type_word().match(t, line_start) or t[line_start:line_start + 1].islower()):
        return start  # a line opening with its own words ("Xét Tờ trình …") starts a paragraph
    for _ in range(6):
        if start == 0 or _OPENER.match(t, start):
            break
        previous_end = start - 1
        previous_start = t.rfind("\n", 0, previous_end) + 1
        if t[previous_start:previous_end].rstrip().endswith((".", ":", "!", "?")):
            break
        start = previous_start
    return start


def _clause_start(t: str, pos: int) -> int:
    last = 0
    for m in _CLAUSE_BREAK.finditer(t, max(0, pos - 600), pos):
        last = m.end()
    return last if last else t.rfind("\n", 0, pos) + 1


def _sentence(t: str, start: int, end: int) -> tuple[int, int]:
    left = max(t.rfind("\n", 0, start), t.rfind(". ", 0, start) + 1, t.rfind(";", 0, start)) + 1
    right_candidates = [i for i in (t.find("\n", end), t.find(". ", end), t.find(";", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(t)
    return left, min(right, len(t))


def _governing_words(t: str, original: str, clause_start: int, pos: int) -> str | None:
    # Only the words just before the citation govern it; a bounded window keeps long lists linear.
    last = last_match(_GOVERNING.finditer(t, max(clause_start, pos - 120), pos))
    if last is None:
        return None
    return original[last.start():last.end()]
