"""Classify: what a citation does — ``implements``, ``based_on`` or ``cites`` — and its governing words.

The opening of a document, before its first numbered section, says what it carries out
("Thực hiện …", "Triển khai …", "Để tiếp tục triển khai …") and on what legal basis ("Căn cứ …").
Every other citation is ``cites``, keeping the words that govern it ("theo", "trọng tâm là").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from luocdo.ingest.grammar import alternation, last_match, type_word
from luocdo.ingest.models import Citation, SourceText

_PREAMBLE_END = re.compile(
    r"(?m)^[ *-]{0,3}(?:[IVX]{1,4} ?[.\-–:] |1\. |Điều 1\b|Chương I\b|Phần I\b|PHẦN I\b"
    r"|(?:QUYẾT ĐỊNH|QUYẾT NGHỊ|CHỈ THỊ|KẾT LUẬN|NGHỊ QUYẾT) ?:)"
)
_OPENER = re.compile(
    r"[ *\-–•]{0,3}(?P<verb>Căn cứ|Để (?:tiếp tục )?(?:triển khai|thực hiện|tổ chức thực hiện|cụ thể hóa)"
    r"(?:,? thực hiện)?|Triển khai thực hiện|Triển khai|Tiếp tục thực hiện|Thực hiện|Thi hành)(?!\w)"
)
_GOVERNING = re.compile(
    "(?:" + alternation(("tiếp tục thực hiện", "triển khai thực hiện", "trọng tâm là", "căn cứ", "theo quy định tại",
                         "theo", "thực hiện", "triển khai", "quán triệt", "hướng dẫn", "tại", "của")) + r")(?!\w)",
    re.IGNORECASE,
)


def classify(text: SourceText, citations: list[Citation]) -> None:
    """Set ``relation``, ``verb`` and ``sentence`` on every citation, in place."""
    t = text.match_text
    end = _PREAMBLE_END.search(t)
    preamble_end = end.start() if end else len(t)
    breaks = _Breaks(t)
    reasoning: dict[tuple[int, int], bool] = {}  # by sentence: a long one may hold many citations
    for c in citations:
        c.sentence = breaks.sentence(c.start, c.end)
        line_start = breaks.newlines.rfind(c.start) + 1
        clause_start = breaks.clause_start(c.start, line_start)
        opener = (_OPENER.match(t, clause_start) or _OPENER.match(t, line_start)
                  or _OPENER.match(t, _paragraph_start(t, line_start, breaks.newlines)))
        in_preamble = c.start < preamble_end
        if opener and (in_preamble or (opener.group("verb") == "Căn cứ" and not _reasoning(t, c, reasoning))):
            verb = opener.group("verb")
            c.relation = "based_on" if verb == "Căn cứ" else "implements"
            c.verb = text.text[opener.start("verb"):opener.end("verb")]
            continue
        c.relation = "cites"
        c.verb = _governing_words(t, text.text, clause_start, c.start)


def _reasoning(t: str, c: Citation, known: dict[tuple[int, int], bool]) -> bool:
    """"Căn cứ khoản 1 Điều 162 Luật Doanh nghiệp thì …": an argument in the body, not a legal basis."""
    sentence = c.sentence or (c.start, c.end)
    if sentence not in known:
        known[sentence] = t.find(" thì ", *sentence) != -1
    return known[sentence]


def _paragraph_start(t: str, line_start: int, newlines: _Marks) -> int:
    """Where the paragraph holding a line begins: a line that goes on from one not ended by a full
    stop belongs to it ("Căn cứ Nghị định …;" ⏎ "Nghị định số 48/2013/NĐ-CP …")."""
    start = line_start
    if not (type_word().match(t, line_start) or t[line_start:line_start + 1].islower()):
        return start  # a line opening with its own words ("Xét Tờ trình …") starts a paragraph
    for _ in range(6):
        if start == 0 or _OPENER.match(t, start):
            break
        previous_end = start - 1
        previous_start = newlines.rfind(previous_end) + 1
        if _ends_sentence(t, previous_start, previous_end):
            break
        start = previous_start
    return start


def _ends_sentence(t: str, start: int, end: int) -> bool:
    """Whether ``t[start:end]`` ends with a full stop, colon, "!" or "?" before any trailing spaces."""
    while end > start and t[end - 1].isspace():
        end -= 1
    return end > start and t[end - 1] in ".:!?"


class _Marks:
    """The places of one separator in a text, sorted, for ``find``/``rfind`` by bisection: searching
    the text itself from each citation would be quadratic on a long line full of citations."""

    def __init__(self, t: str, sep: str) -> None:
        self.at = [m.start() for m in re.finditer(re.escape(sep), t)]
        self.width = len(sep)

    def rfind(self, end: int) -> int:
        """As ``t.rfind(sep, 0, end)``."""
        i = bisect_right(self.at, end - self.width)
        return self.at[i - 1] if i else -1

    def find(self, start: int) -> int:
        """As ``t.find(sep, start)``."""
        i = bisect_left(self.at, start)
        return self.at[i] if i < len(self.at) else -1


class _Breaks:
    """Where sentences and clauses break: line breaks, ". " and ";"."""

    def __init__(self, t: str) -> None:
        self.length = len(t)
        self.newlines, self.stops, self.semicolons = _Marks(t, "\n"), _Marks(t, ". "), _Marks(t, ";")

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The span of the sentence holding ``[start, end)``."""
        left = max(self.newlines.rfind(start), self.stops.rfind(start) + 1, self.semicolons.rfind(start)) + 1
        right_candidates = [i for i in (self.newlines.find(end), self.stops.find(end), self.semicolons.find(end))
                            if i != -1]
        right = min(right_candidates) + 1 if right_candidates else self.length
        return left, min(right, self.length)

    def clause_start(self, pos: int, line_start: int) -> int:
        """Just after the last break of the 600 characters before ``pos``, else the start of its line."""
        window_start = max(0, pos - 600)
        ends = [i + marks.width for marks in (self.newlines, self.stops, self.semicolons)
                if (i := marks.rfind(pos)) >= window_start]
        return max(ends) if ends else line_start


def _governing_words(t: str, original: str, clause_start: int, pos: int) -> str | None:
    # Only the words just before the citation govern it; a bounded window keeps long lists linear.
    last = last_match(_GOVERNING.finditer(t, max(clause_start, pos - 120), pos))
    if last is None:
        return None
    return original[last.start():last.end()]
