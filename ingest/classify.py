"""Classify: what a citation does — ``implements``, ``based_on`` or ``cites`` — and its governing words.

The opening of a document, before its first numbered section, says what it carries out
("Thực hiện …", "Triển khai …", "Để tiếp tục triển khai …") and on what legal basis ("Căn cứ …").
Every other citation is ``cites``, keeping the words that govern it ("theo", "trọng tâm là").
The items of a list after an opener share its verb ("Căn cứ A, B, C"); the list ends at a full
stop, a colon, a blank line or a numbered document cited in between that is none of its items (an
amendment of the item before it; what an HĐND resolution weighs after "Xét": Tờ trình, Báo cáo).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from luocdo.ingest.grammar import alternation, last_match, type_word
from luocdo.ingest.issuer_phrase import across_line_break
from luocdo.ingest.kinds import Relation
from luocdo.ingest.models import Citation, SourceText
from luocdo.ingest.titles import mark_titles

_PREAMBLE_END = re.compile(
    r"(?m)^[ *-]{0,3}(?:[IVX]{1,4} ?[.\-–:] |1\. |Điều 1\b|Chương I\b|Phần I\b|PHẦN I\b"
    r"|(?:QUYẾT ĐỊNH|QUYẾT NGHỊ|CHỈ THỊ|KẾT LUẬN|NGHỊ QUYẾT) ?:)"
)
_OPENER = re.compile(
    r"[ *\-–•]{0,3}(?P<verb>Căn cứ|Để (?:tiếp tục )?(?:triển khai|thực hiện|tổ chức thực hiện|cụ thể hóa)"
    r"(?:,? thực hiện)?|Triển khai thực hiện|Triển khai|Tiếp tục thực hiện|Thực hiện|Thi hành)(?!\w)"
)
# An opening verb right before a citation, where no line break sets the preamble apart
# ("NGHỊ ĐỊNH QUY ĐỊNH … Căn cứ Luật Tổ chức Chính phủ …" on one line).
_OPENER_JUST_BEFORE = re.compile(
    r"(?<!\w)(?P<verb>Căn cứ|Thực hiện|Triển khai thực hiện|Tiếp tục thực hiện|Thi hành)(?: vào)? $")
# Between two items of one list: the first one's own words and title, then a separator and the
# next item right away ("; ⏎ - ", ", ", " và ").
_ITEM_GAP = re.compile(r"(?:[;,]|\bvà)[ \t]*(?:\n[ \t*\-–•+]*)?$|;?[ \t]*\n[ \t*\-–•+]*$")
# … and a list ends at a full stop, a colon, a blank line or "thì" (and at a numbered citation that
# is none of its items: see classify).
_LIST_ENDS = re.compile(r"\.\s|:|\n[ \t]*\n|\bthì\b")
_LONGEST_ITEM = 600
# The plan saying what it carries out: "UBND Thành phố ban hành Kế hoạch triển khai thi hành Luật Việc làm".
_OWN_PURPOSE = re.compile(r"ban hành Kế hoạch (?P<verb>(?:triển khai|tổ chức) thi hành) $")
# … or its title, in capitals, the words often broken over lines: "KẾ HOẠCH ⏎ THỰC HIỆN CHỈ THỊ SỐ
# 27/CT-TTG", "TRIỂN ⏎ KHAI THI HÀNH LUẬT VIỆC LÀM"; only for the first citation of the text (a later
# one in a title is in the title of another: "… CỦA NGHỊ ĐỊNH SỐ 08/2015/NĐ-CP … THI HÀNH LUẬT HẢI QUAN").
_TITLE_PURPOSE = re.compile(
    r"(?<!\w)(?P<verb>(?:TỔ\s+CHỨC\s+)?THỰC\s+HIỆN|TRIỂN\s+KHAI(?:\s+THỰC\s+HIỆN|\s+THI\s+HÀNH)?|THI\s+HÀNH)\s+$")
# … unless the title reports on it: "THÔNG BÁO KẾT LUẬN … VỀ TÌNH HÌNH THỰC HIỆN NGHỊ QUYẾT SỐ 66-NQ/TW".
_REPORTED_ON = re.compile(r"(?:TÌNH\s+HÌNH|KẾT\s+QUẢ|SƠ\s+KẾT|TỔNG\s+KẾT|ĐÁNH\s+GIÁ|KIỂM\s+TRA|GIÁM\s+SÁT"
                          r"|BÁO\s+CÁO)(?:\s+VIỆC)?\s+$")
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
    cut_lines: dict[int, bool] = {}  # by line: a long one may hold many citations
    mark_titles(t, citations)
    item_head: Citation | None = None  # the last citation that took an opening verb: its list goes on
    for c in citations:
        c.sentence = _sentence(t, breaks, c, cut_lines)
        if c.in_title_of is not None:  # words of another document's title: not this one's basis
            c.relation = Relation.CITES
            c.verb = _governing_words(t, text.text, breaks.clause_start(c.start, 0), c.start)
            continue
        line_start = breaks.newlines.rfind(c.start) + 1
        clause_start = breaks.clause_start(c.start, line_start)
        opener = (_OPENER.match(t, clause_start) or _OPENER.match(t, line_start)
                  # a paragraph's opener reaches the first sentence of a line that goes on from it
                  or (breaks.stops.rfind(c.start) < line_start
                      and _OPENER.match(t, _paragraph_start(t, line_start, breaks.newlines)))
                  or (c.start < preamble_end and _OPENER_JUST_BEFORE.search(t, max(0, c.start - 40), c.start)))
        in_preamble = c.start < preamble_end
        if opener and (in_preamble or opener.group("verb") == "Căn cứ") and not _reasoning(t, c, reasoning):
            verb = opener.group("verb")
            c.relation = Relation.BASED_ON if verb == "Căn cứ" else Relation.IMPLEMENTS
            c.verb = text.text[opener.start("verb"):opener.end("verb")]
            item_head = c
            continue
        if c.start < preamble_end and (purpose := _OWN_PURPOSE.search(t, max(0, c.start - 60), c.start)
                                       or (c is citations[0] and _title_purpose(t, c.start))):
            c.relation = Relation.IMPLEMENTS
            c.verb = " ".join(text.text[purpose.start("verb"):purpose.end("verb")].split())
            continue
        if item_head is not None and _next_item(t, item_head, c):  # "Căn cứ A, B, C": all share the verb
            c.relation, c.verb = item_head.relation, item_head.verb
            item_head = c
            continue
        c.relation = Relation.CITES
        c.verb = _governing_words(t, text.text, clause_start, c.start)
        if c.form == "full":
            item_head = None  # a numbered document cited in between: what follows is no item of that list


def _sentence(t: str, breaks: _Breaks, c: Citation, cut_lines: dict[int, bool]) -> tuple[int, int]:
    """The citation's sentence; one cut by a line break in its middle ("Căn cứ chỉ đạo của Tổng ⏎
    Bí thư …", "Căn cứ quy định tại khoản ⏎ 1 Điều 15 …", "Theo đề nghị của Giám đốc Sở⏎Y tế tại
    Tờ trình …": a name cut in two) starts on the line before. ``cut_lines`` keeps, by line start,
    whether the break before a line cuts its first sentence."""
    start, end = breaks.sentence(c.start, c.end)
    line_start = breaks.newlines.rfind(c.start) + 1
    if start != line_start or not line_start:
        return start, end
    if line_start not in cut_lines:
        cut_lines[line_start] = bool(_LINK_CUT.search(t, max(0, line_start - 30), line_start)
                                     or _PINPOINT_CUT.search(t, max(0, line_start - 20), line_start)
                                     or _name_cut(t, line_start))
    if cut_lines[line_start]:
        start = breaks.sentence(line_start - 1, line_start - 1)[0]
    return start, end


def _name_cut(t: str, line_start: int) -> bool:
    """Whether the line break before ``line_start`` cuts an organ's or a unit's name in two."""
    head = t[max(0, line_start - 60):line_start - 1].rstrip()
    line = t[line_start:line_start + 90].split("\n")[0]
    return bool(head) and head[-1] not in ".;:" and across_line_break(head, line)


def _title_purpose(t: str, pos: int) -> re.Match[str] | None:
    """The words of a title in capitals that say the document carries out what is cited at ``pos``."""
    purpose = _TITLE_PURPOSE.search(t, max(0, pos - 40), pos)
    if purpose is None or _REPORTED_ON.search(t, max(0, purpose.start() - 24), purpose.start()):
        return None
    return purpose


def _next_item(t: str, head: Citation, c: Citation) -> bool:
    """Whether ``c`` opens the list item right after the one of ``head`` in one list."""
    if c.start - head.end > _LONGEST_ITEM or c.start < head.end:
        return False
    gap = t[head.end:c.start]
    if _LIST_ENDS.search(gap) or not _ITEM_GAP.search(gap):
        return False
    last_break = max(gap.rfind(";"), gap.rfind("\n"))
    return last_break == -1 or not gap[last_break + 1:].strip(" \t*-–•+")


def _reasoning(t: str, c: Citation, known: dict[tuple[int, int], bool]) -> bool:
    """"Căn cứ khoản 1 Điều 162 Luật Doanh nghiệp thì …", "Thực hiện Nghị quyết số 68-NQ/TW … thì hộ
    kinh doanh …": an argument (if this, then that), not a basis or what the document carries out."""
    sentence = c.sentence or (c.start, c.end)
    if sentence not in known:
        known[sentence] = t.find(" thì ", *sentence) != -1
    return known[sentence]


def _paragraph_start(t: str, line_start: int, newlines: _Marks) -> int:
    """Where the paragraph holding a line begins: a line that goes on from one not ended by a full
    stop belongs to it ("Căn cứ Nghị định …;" ⏎ "Nghị định số 48/2013/NĐ-CP …")."""
    start = line_start
    if line_start and _LINK_CUT.search(t, max(0, line_start - 30), line_start):
        previous_start = newlines.rfind(line_start - 1) + 1
        if _OPENER.match(t, previous_start):  # only the one line cut: "Theo đề nghị của Sở⏎Xây dựng …" is no basis
            return previous_start
    if not (type_word().match(t, line_start) or t[line_start:line_start + 1].islower()
            or _PINPOINT_CUT.search(t, max(0, line_start - 20), line_start)):
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


# A line ending in the middle of a pinpoint ("Căn cứ khoản 25⏎Điều 5 Luật Thuế GTGT …"): the next goes on.
_PINPOINT_CUT = re.compile(r"(?<!\w)(?:khoản|điểm|tiết) [0-9a-zđ]{1,3}[ \t]*\n$")
# A line ending on a word that links to what follows, or on the first word after it: "Căn cứ chỉ
# đạo của Tổng⏎Bí thư Tô Lâm, của Bộ Chính trị tại thông báo số 99-TB/TW …" goes on.
_LINK_CUT = re.compile(r"(?<!\w)(?:của|và|tại|theo|về|với|cho|do|các|những)(?: \w+)?[ \t]*\n$")


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
