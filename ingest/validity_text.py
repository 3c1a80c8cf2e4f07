"""Sentences for the validity step: hard line breaks inside a sentence joined, list items apart.

Real texts break lines inside sentences ("… tại Quyết định số 1127/QĐ- UBND ⏎ và thủ tục …", "BÃI
⏎ BỎ QUYẾT ĐỊNH SỐ …"). A line runs on into the next unless it ends a sentence (". ; : ! ?"), the
next is blank, or the next opens a list item, an article, a quotation or a preamble line. An
article glued to the closing quote of the wording before it ('…”Điều 2. Sửa đổi …') starts anew.
Offsets are those of ``SourceText.text``; a sentence's ``low`` is its text lowered with line
breaks as spaces, of the same length.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from luocdo.ingest.models import Citation, lower_same_length

MAX_LINES = 12  # a sentence spans at most this many lines each way (hostile input: no stops)
SENTENCE_REACH = 3_000  # … and at most this many characters each way from the word it was found at
_HARD_END = ".;:!?…"
_STARTS_ANEW = re.compile(
    r"[\s*_]{0,4}(?:[a-zđ]\)|\d{1,2}(?:\.\d{1,2}){0,2}[.)](?:\s|$)|[-–+•]|[“\"”]|chương "
    r"|căn cứ|xét |theo đề nghị|nơi nhận|mục \d|phần [ivx\d]|phụ lục)", re.IGNORECASE)
# A line opening with a capitalised act or with this document as subject starts a sentence ("Điều 2.
# Sửa đổi, bổ sung Luật … ⏎ Bãi bỏ khoản 2 Điều 32 …", "… ⏎ Quyết định này có hiệu lực …").
_OPENS_WITH_AN_ACT = re.compile(r"[\s*_]{0,4}(?:Bãi bỏ|Sửa đổi|Thay thế|Bổ sung|Bỏ cụm từ|(?:Luật|Bộ luật|Pháp lệnh"
                                r"|Nghị định|Nghị quyết|Quyết định|Thông tư|Chỉ thị|Kế hoạch) này )")
_BLANK_LINE = re.compile(r"[ \t\r*]*(?:\n|$)")
_HEADING = re.compile(r"[\s*_]{0,4}điều \d{1,3}[a-z]?[.:]", re.IGNORECASE)  # "Điều 3. Hiệu lực thi hành" stands alone
_HEADING_CHARS = 80
_GLUED_ARTICLE = re.compile(r"[”\"](?=\s{0,2}điều \d{1,3}[.:] )", re.IGNORECASE)
_QUOTE_REACH = 20_000  # a quotation longer than this is not looked back into
_ARTICLE_AT_LINE = re.compile(r"\n[\s*_]{0,4}(?:điều \d|chương [ivxlc\d])", re.IGNORECASE)
_ARTICLE = re.compile(r"[\s*_]{0,4}(?:Điều \d{1,3}[a-z]?(?:[.:]|\s+(?=[^\W\d_])(?!của|và|này|khoản|điểm)"
                      r"|$)|[Cc]hương [IVXLCivxlc\d]|CHƯƠNG|Nơi nhận|NƠI NHẬN|Mục \d)")
_QUOTE_MARK = re.compile(r"[“”]")
_LINE_QUOTE = re.compile(r"\n[“\"]")
_CLOSE_QUOTE = re.compile(r"”")
_STRAIGHT_QUOTE = re.compile(r'"')
_LIST_ITEM = re.compile(r"^[\s*_]{0,4}(?:[a-zđ]\)|\d{1,2}[.)]|[-–+•])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    low: str
    quoted: bool = False  # new wording an amending act quotes: facts, not this document's acts


class Text:
    """One document's text for the validity step: sentences around positions, citations by span.
    Only the sentences are lowered: lowering whole documents cost more than the step's reading."""

    def __init__(self, t: str, citations: list[Citation]) -> None:
        self.t = t
        self.has_quotes = "“" in t or '"' in t
        self._opens: list[int] | None = None  # of "\n“" and '\n"'
        self._marks: _QuoteMarks | None = None
        starts = [c.start for c in citations]
        if all(a <= b for a, b in itertools.pairwise(starts)):  # as the finder gives them
            self.order, self.starts = list(range(len(citations))), starts
        else:
            self.order = sorted(range(len(citations)), key=starts.__getitem__)
            self.starts = [starts[i] for i in self.order]

    def cites_in(self, start: int, end: int) -> list[int]:
        """Indices of the citations that begin in ``[start, end)``, in text order."""
        return self.order[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    def sentence_at(self, pos: int) -> Sentence:
        """The sentence holding position ``pos``, marked when it lies in a quotation."""
        t = self.t
        floor = max(0, pos - SENTENCE_REACH)
        start = self._line_start(pos, floor)
        for _ in range(MAX_LINES):
            if start <= floor or not self._runs_on(self._line_start(start - 1, floor), start - 1):
                break
            start = self._line_start(start - 1, floor)
        end = self._end_from(pos)
        cut = [m.end() for m in _GLUED_ARTICLE.finditer(t, start, pos)]
        start = cut[-1] if cut else start
        glued = _GLUED_ARTICLE.search(t, pos, end)
        end = glued.end() if glued else end
        return Sentence(start, end, self._low(start, end), self.has_quotes and self._quoted(start))

    def sentence_from(self, start: int) -> Sentence:
        """The sentence that begins at line start ``start`` (not extended backwards)."""
        end = self._end_from(start)
        glued = _GLUED_ARTICLE.search(self.t, start + 1, end)
        return self._sentence(start, glued.end() if glued else end)

    def following(self, pos: int, limit: int = 80) -> Iterator[Sentence]:
        """The non-empty sentences from line start ``pos`` up to the next article (at most ``limit``)."""
        n = 0
        while pos < len(self.t) and n < limit:
            line_end = self._line_end(pos)
            if not self.t[pos:line_end].strip():
                pos = line_end + 1
                continue
            if _ARTICLE.match(self.t, pos):
                return
            s = self.sentence_from(pos)
            yield s
            n += 1
            pos = s.end if 0 < s.end < len(self.t) and self.t[s.end] != "\n" else s.end + 1

    def _line_start(self, pos: int, floor: int) -> int:
        """Where the line holding ``pos`` starts, or ``floor`` when it starts before it."""
        at = self.t.rfind("\n", floor, pos)
        return at + 1 if at >= 0 else floor

    def _line_end(self, pos: int) -> int:
        """Where the line holding ``pos`` ends (a "\\n" or the end), at most ``SENTENCE_REACH`` on."""
        ceiling = min(len(self.t), pos + SENTENCE_REACH)
        end = self.t.find("\n", pos, ceiling)
        return ceiling if end < 0 else end

    def _end_from(self, pos: int) -> int:
        floor, ceiling = max(0, pos - SENTENCE_REACH), min(len(self.t), pos + SENTENCE_REACH)
        end = self._line_end(pos)
        for _ in range(MAX_LINES):
            if end >= ceiling or self.t[end] != "\n" or not self._runs_on(self._line_start(end, floor), end):
                break
            end = min(self._line_end(end + 1), ceiling)
        return end

    def _runs_on(self, line_start: int, line_end: int) -> bool:
        """The line ``[line_start, line_end)`` runs on into the line after ``line_end`` (a "\\n")."""
        low = self.t
        last = line_end - 1
        while last >= line_start and low[last] in " *\t\r":
            last -= 1
        nxt = line_end + 1
        if last < line_start or nxt >= len(low) or _BLANK_LINE.match(low, nxt):
            return False
        if low[last] == ";":  # an inline list runs on in lower case ("… (cũ); ⏎ số 810/QĐ-UBND …")
            first = self.t[nxt]
            return first.isalpha() and first.islower() and not _STARTS_ANEW.match(low, nxt)
        if low[last] in _HARD_END or (last - line_start < _HEADING_CHARS and _HEADING.match(low, line_start)):
            return False
        t = self.t
        return not (_STARTS_ANEW.match(low, nxt) or _ARTICLE.match(t, nxt) or _OPENS_WITH_AN_ACT.match(t, nxt))

    def _sentence(self, start: int, end: int) -> Sentence:
        """A sentence below a head: whether it is quoted is not asked."""
        return Sentence(start, end, self._low(start, end))

    def _low(self, start: int, end: int) -> str:
        return lower_same_length(self.t[start:end]).replace("\n", " ")

    def _quoted(self, start: int) -> bool:
        """Position ``start`` is inside a quotation: after a line opening with “ that no ” has
        closed yet, and no article has begun since (an unclosed quote ends there)."""
        t = self.t
        if t.startswith(("“", '"'), start):
            return True
        if self._opens is None:  # marks found once per document, then bisected
            self._opens = [m.start() for m in _LINE_QUOTE.finditer(t)]
        i = bisect_left(self._opens, start) - 1
        opened = self._opens[i] if i >= 0 else -1
        if opened < max(0, start - _QUOTE_REACH):
            return False
        if self._marks is None:
            self._marks = _QuoteMarks([m.start() for m in _CLOSE_QUOTE.finditer(t)],
                                      [m.start() for m in _STRAIGHT_QUOTE.finditer(t)],
                                      [m.start() for m in _ARTICLE_AT_LINE.finditer(t)])
        marks = self._marks
        return (_between(marks.closes, opened + 2, start) == 0
                and _between(marks.straight, opened + 2, start) % 2 == 0
                and _between(marks.articles, opened + 1, start) == 0)


@dataclass(frozen=True)
class _QuoteMarks:
    closes: list[int]  # of ”
    straight: list[int]  # of "
    articles: list[int]  # of a line opening an article or chapter


def _between(positions: list[int], start: int, end: int) -> int:
    """How many of the sorted ``positions`` lie in ``[start, end)``."""
    return bisect_left(positions, end) - bisect_left(positions, start)


def marker_kind(low: str) -> str | None:
    """The kind of list marker a sentence opens with: "digit" (1.), "letter" (a)), "dash" (-)."""
    m = _LIST_ITEM.match(low)
    if not m:
        return None
    mark = m.group().strip(" *_")
    return "digit" if mark[0].isdigit() else "letter" if mark[0].isalpha() else "dash"


def in_quotes(low: str, at: int) -> bool:
    """Position ``at`` of a sentence lies between “ and ” (a quoted name: "Bãi bỏ TTHC “… Thông tư …”")."""
    return low.count("“", 0, at) > low.count("”", 0, at)


def quoted_at(low: str) -> Callable[[int], bool]:
    """:func:`in_quotes` for many positions of one sentence, each in log time."""
    marks = [(m.start(), m.group() == "“") for m in _QUOTE_MARK.finditer(low)]
    depth, starts, depths = 0, [], []
    for at, opens in marks:
        depth += 1 if opens else -1
        starts.append(at)
        depths.append(depth)

    def inside(at: int) -> bool:
        i = bisect_left(starts, at)
        return i > 0 and depths[i - 1] > 0
    return inside


_SINCE = re.compile(r"(?:kể )?từ ngày (?P<rest>.{0,30})")
_SINCE_DATE = re.compile(r"(?P<d>\d{1,2}) ?(?:tháng (?P<m>\d{1,2}) năm|/(?P<m2>\d{1,2})/) ?(?P<y>(?:19|20)\d{2})")


def stated_since(low: str) -> str | None:
    """The date an act says it runs from ("… hết hiệu lực kể từ ngày 01 tháng 01 năm 2026"), ISO."""
    m = _SINCE.search(low)
    d = _SINCE_DATE.match(m["rest"].lstrip(" ,")) if m else None
    if not d:
        return None
    try:
        return f"{int(d['y']):04d}-{int(d['m'] or d['m2']):02d}-{int(d['d']):02d}"
    except ValueError:
        return None
