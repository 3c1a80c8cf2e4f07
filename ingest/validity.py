"""Validity: what a document says about its own force and about other documents' force.

Runs after classify on (text, document, citations). Reads the document's own ``effective_from`` /
``effective_to``, its **acts** on other documents (repeals, replaces, amends, suspends) and the
**stated** facts it reports about others ("X được sửa đổi, bổ sung bởi Y"). Targets are the
citations found in the same line; a line that ends with ":" hands its act to the list items below.
``effective_to`` is the last day in force: "đến hết ngày X" → X, "hết hiệu lực từ ngày X" → X − 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from luocdo.ingest.models import Citation, Document, SourceText

# Cheap substring checks on the lowered text decide which regexes run at all.
_TRIGGERS = ("hiệu lực", "bãi bỏ", "thay thế", "sửa đổi", "ngưng")
_DATE = re.compile(
    r"(?P<d>\d{1,2}) ?(?:tháng (?P<m>\d{1,2}) năm|/(?P<m2>\d{1,2})/) ?(?P<y>(?:19|20)\d{2})"
)
_SELF = (r"(?:văn bản|luật|bộ luật|pháp lệnh|nghị định|nghị quyết|thông tư|quyết định|chỉ thị|kế hoạch"
         r"|quy định|quy chế|thông tư liên tịch|lệnh|hướng dẫn|kết luận|chương trình|đề án)")
_OWN_FROM = re.compile(rf"(?:{_SELF} này|^(?:[\d.\s]|điều \d+\.){{0,12}}{_SELF})"
                       rf" có hiệu lực(?: thi hành| pháp luật)?(?P<rest>[^\n]{{0,200}})")
_OWN_TO = re.compile(rf"{_SELF} này hết hiệu lực(?: thi hành)? (?:kể )?từ ngày (?P<rest>[^\n]{{0,60}})")
_UNTIL = re.compile(r"đến hết ngày (?P<rest>[^\n]{0,40})")
_AFTER_DAYS = re.compile(r"sau (?P<n>\d{1,3}) ngày,? kể từ ngày (?:ký|công bố|ban hành)")
_SIGNED = re.compile(r"^[ ,]{0,3}(?:kể )?từ ngày (?:ký|thông qua|ban hành|công bố)")
_FROM_DATE = re.compile(r"^[ ,]{0,3}(?:kể )?(?:từ )?ngày ")
_NOT_OPERATIVE = re.compile(r"^[\s*_-]{0,4}(?:căn cứ|xét|theo đề nghị|thực hiện|theo|trên cơ sở)\b")
_ACT = re.compile(
    r"(?P<repeals>bãi bỏ|hết hiệu lực)|(?P<suspends>ngưng hiệu lực|tạm ngưng)"
    r"|(?P<replaces>thay thế)|(?P<amends>sửa đổi, bổ sung|sửa đổi)"
)
_AMENDED_BY = re.compile(r"(?:đã )?được sửa đổi,? bổ sung(?: một số điều)?,? (?:bởi|tại|theo)")
_REPLACED_BY = re.compile(r"(?:đã )?được thay thế (?:bởi|bằng)")
_AMENDS_OF = re.compile(r"(?<!được )sửa đổi, bổ sung (?:một số điều |một số nội dung |[^;\n]{0,40}?)(?:của|tại)")
_ARTICLE = re.compile(r"[\s*_]{0,4}(?:điều \d|chương [ivxlc\d]|nơi nhận|mục \d)")
_PART_WORDS = ("một số điều", "số thứ tự", "phụ lục", "khoản ", "điểm ", "mục ")
_ENUM_GAP = re.compile(r"[\s,;]{0,4}(?:và|hoặc|cùng)?[\s,]{0,3}(?:các |toàn bộ )?")
_JOIN_GAP = re.compile(r"[\s,]{0,3}|[^;()]{0,160}? và (?:tại |bởi |theo )?")
_QUOTE_REACH = 20_000  # a quotation longer than this is not looked back into
_ARTICLE_AT_LINE = re.compile(r"\n[\s*_]{0,4}(?:điều \d|chương [ivxlc\d])")
_LIST_ITEM = re.compile(r"^[\s*_]{0,4}(?:[a-zđ]\)|\d{1,2}[.)]|[-–+•])")


@dataclass
class Act:
    """This document acting on another: ``relation`` ∈ repeals, replaces, amends, suspends."""

    relation: str
    scope: str  # "whole" | "part"
    target: str | None
    number: str | None
    pinpoint: str | None
    since: str | None
    start: int  # of the sentence, in SourceText.text
    end: int


@dataclass
class Stated:
    """A fact the document reports: ``source`` amends/replaces ``target``."""

    relation: str
    source: str | None
    source_number: str | None
    target: str | None
    target_number: str | None
    start: int
    end: int


@dataclass
class Validity:
    effective_from: str | None = None
    effective_to: str | None = None
    acts: list[Act] = field(default_factory=list)
    stated: list[Stated] = field(default_factory=list)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    low: str
    quoted: bool = False  # new wording an amending act quotes: facts, not this document's acts


def find_validity(text: SourceText, document: Document, citations: list[Citation]) -> Validity:
    """Effective dates, acts and stated facts of ``document``."""
    t = text.match_text
    low_all = t.lower()
    result = Validity()
    if not any(k in low_all for k in _TRIGGERS):
        return result
    lines = _trigger_lines(t, low_all)
    own = _iso_full(document.date)
    for ln in lines:
        if not ln.quoted:
            _own_dates(ln, own, result)
    by_line = _citations_by_line(t, citations)
    for ln in lines:
        if not ln.quoted:
            _acts(ln, t, low_all, by_line, citations, result)
        _stated(ln, by_line.get(ln.start, []), citations, result)
    for act in result.acts:
        act.since = act.since or result.effective_from
    return result


def _trigger_lines(t: str, low: str) -> list[_Line]:
    """The lines holding a trigger word, those of quoted new wording ("“2. Bãi bỏ …”") marked: an
    amending act quotes the text it puts into another document; that text's acts are not its own."""
    starts = sorted({low.rfind("\n", 0, at) + 1 for k in _TRIGGERS for at in _finds(low, k)})
    quotes = "\n“" in t or '\n"' in t
    out: list[_Line] = []
    for start in starts:
        end = low.find("\n", start)
        end = len(low) if end < 0 else end
        out.append(_Line(start, end, low[start:end], quotes and _quoted(t, low, start)))
    return out


def _finds(s: str, word: str) -> Iterator[int]:
    """Where ``word`` occurs in ``s``, once per line."""
    at = s.find(word)
    while at >= 0:
        yield at
        line_end = s.find("\n", at)
        if line_end < 0:
            return
        at = s.find(word, line_end + 1)


def _quoted(t: str, low: str, start: int) -> bool:
    """Line ``start`` is inside a quotation: after a line opening with “ that no ” has closed yet,
    and no article has begun since (an unclosed quote ends there)."""
    if t.startswith(("“", '"'), start):
        return True
    floor = max(0, start - _QUOTE_REACH)
    opened = max(t.rfind("\n“", floor, start), t.rfind('\n"', floor, start))
    if opened < 0:
        return False
    between = t[opened + 2:start]
    return "”" not in between and between.count('"') % 2 == 0 and not _ARTICLE_AT_LINE.search(low, opened, start)


def _citations_by_line(t: str, citations: list[Citation]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for i, c in enumerate(citations):
        out.setdefault(t.rfind("\n", 0, c.start) + 1, []).append(i)
    return out


# --- dates -----------------------------------------------------------------------------------

def _iso_full(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso) if iso and len(iso) == 10 else None
    except ValueError:
        return None


def _date_at(s: str) -> date | None:
    m = _DATE.match(s.lstrip(" ,"))
    if not m:
        return None
    try:
        return date(int(m["y"]), int(m["m"] or m["m2"]), int(m["d"]))
    except ValueError:
        return None


def _own_dates(ln: _Line, own: date | None, result: Validity) -> None:
    if result.effective_from is None and "có hiệu lực" in ln.low and (m := _OWN_FROM.search(ln.low)):
        rest = m["rest"]
        start: date | None = None
        if (after := _AFTER_DAYS.search(rest)) and own:
            start = own + timedelta(days=int(after["n"]))
        elif _SIGNED.match(rest):
            start = own
        elif _FROM_DATE.match(rest):
            start = _date_at(rest[_FROM_DATE.match(rest).end():])  # type: ignore[union-attr]
        if start:
            result.effective_from = start.isoformat()
        if (until := _UNTIL.search(rest)) and (end := _date_at(until["rest"].removeprefix("ngày "))):
            result.effective_to = end.isoformat()
    if result.effective_to is None and "hết hiệu lực" in ln.low and (m := _OWN_TO.search(ln.low)) and (
            end := _date_at(m["rest"])):
        result.effective_to = (end - timedelta(days=1)).isoformat()


# --- acts ------------------------------------------------------------------------------------

def _acts(ln: _Line, t: str, low: str, by_line: dict[int, list[int]], citations: list[Citation],
          result: Validity) -> None:
    if _NOT_OPERATIVE.match(ln.low) or (
            "này hết hiệu lực" in ln.low and _OWN_TO.search(ln.low) and "bãi bỏ" not in ln.low):
        return
    m = _ACT.search(ln.low)
    if not m or _stated_only(ln.low, m.start()):
        return
    relation = m.lastgroup or "repeals"
    if relation == "replaces" and (ln.low[:m.start()].rstrip().endswith(("”", '"'))
                                   or ln.low.startswith("cụm từ", m.end() + 1)
                                   or ln.low.startswith("một số cụm từ", m.end() + 1)):
        relation = "amends"  # "“Đặc khu” thay thế “huyện đảo” tại Nghị định …": words replaced
    here = [i for i in by_line.get(ln.start, []) if citations[i].in_title_of is None
            and not _in_quotes(ln.low, citations[i].start - ln.start)]
    if relation == "repeals" and m.group() == "hết hiệu lực":
        targets = [i for i in here if citations[i].start < ln.start + m.start()]
    elif _titled(ln, m.start(), here, citations):
        return
    else:
        cut = _stated_cut(ln.low, m.end())
        after = [i for i in here if ln.start + m.start() < citations[i].start < ln.start + cut]
        targets = _enumerated(citations, after, ln)
    spans = [(i, ln) for i in targets]
    if not targets and relation != "amends" and not ln.low.rstrip().endswith((".", ";", "như sau:")):
        spans = _list_below(ln, t, low, by_line, citations)
    since = _stated_since(ln.low)
    for i, span in spans:
        _add_act(result, relation, citations, i, span, since, ln.low)


def _enumerated(citations: list[Citation], after: list[int], ln: _Line) -> list[int]:
    """The first target and those listed right after it ("… số 1/2020/QĐ-UBND, số 2/2021/QĐ-UBND và …"):
    a document named later in a target's title is not a target."""
    out = after[:1]
    for i in after[1:]:
        gap = ln.low[max(0, citations[out[-1]].end - ln.start):citations[i].start - ln.start]
        if not _ENUM_GAP.fullmatch(gap):
            break
        out.append(i)
    return out


def _in_quotes(low: str, at: int) -> bool:
    """Position ``at`` of a line lies between “ and ” (a quoted name: "Bãi bỏ TTHC “… Thông tư …” tại …")."""
    return low.count("“", 0, at) > low.count("”", 0, at)


def _stated_cut(low: str, pos: int) -> int:
    """Where the act's targets end: at a fact stated about them ("… đã được sửa đổi, bổ sung theo …")."""
    m = _AMENDED_BY.search(low, pos) or _REPLACED_BY.search(low, pos)
    return m.start() if m else len(low)


def _titled(ln: _Line, at: int, here: list[int], citations: list[Citation]) -> bool:
    """The act words follow a cited document in the same clause: they are its title's words."""
    before = [i for i in here if citations[i].start < ln.start + at]
    if not before:
        return False
    gap = ln.low[max(0, citations[before[-1]].end - ln.start):at]
    return not any(ch in gap for ch in ";:") and ". " not in gap


def _stated_only(low: str, at: int) -> bool:
    """The act words belong to a stated fact ("được sửa đổi, bổ sung bởi") or to a condition."""
    head = low[max(0, at - 6):at]
    return "được" in head or "đã" in head or "nếu" in low[:at] or "trường hợp" in low[:at]


def _following(t: str, low: str, pos: int) -> list[_Line]:
    """The non-empty lines after ``pos`` up to the next article (at most 80)."""
    out: list[_Line] = []
    while pos < len(t) and len(out) < 80:
        end = t.find("\n", pos)
        end = len(t) if end < 0 else end
        if low[pos:end].strip():
            if _ARTICLE.match(low, pos):
                break
            out.append(_Line(pos, end, low[pos:end]))
        pos = end + 1
    return out


def _list_below(ln: _Line, t: str, low: str, by_line: dict[int, list[int]],
                citations: list[Citation]) -> list[tuple[int, _Line]]:
    """Targets of an unfinished head line: one per list item below it ("…sau đây: a) … b) …"), or
    the first document of the next line when the sentence runs on ("Bãi bỏ toàn bộ\nQuyết định …")."""
    below = _following(t, low, ln.end + 1)
    if not below:
        return []

    def first(item: _Line) -> list[tuple[int, _Line]]:
        return [(i, item) for i in by_line.get(item.start, []) if citations[i].in_title_of is None][:1]

    head_kind = _marker_kind(ln.low)
    if _marker_kind(below[0].low) in (None, head_kind):
        return first(below[0])
    out: list[tuple[int, _Line]] = []
    for item in below:
        kind = _marker_kind(item.low)
        if kind is not None and kind == head_kind:
            break
        if kind is not None:
            out += first(item)
    return out


def _marker_kind(low: str) -> str | None:
    m = _LIST_ITEM.match(low)
    if not m:
        return None
    mark = m.group().strip(" *_")
    return "digit" if mark[0].isdigit() else "letter" if mark[0].isalpha() else "dash"


def _stated_since(low: str) -> str | None:
    m = re.search(r"(?:kể )?từ ngày (?P<rest>[^\n]{0,30})", low)
    d = _date_at(m["rest"]) if m else None
    return d.isoformat() if d else None


def _add_act(result: Validity, relation: str, citations: list[Citation], i: int, ln: _Line,
             since: str | None, low: str) -> None:
    c = _resolved(citations, i)
    partial = bool(citations[i].pinpoint) or any(w in low for w in _PART_WORDS)
    scope = "part" if partial else "whole"
    if relation in ("amends", "suspends") and not citations[i].pinpoint:
        scope = "part" if relation == "amends" else "whole"
    key = (relation, c.target or c.number, citations[i].pinpoint)
    if any((a.relation, a.target or a.number, a.pinpoint) == key for a in result.acts):
        return
    result.acts.append(Act(relation, scope, c.target, c.number, citations[i].pinpoint, since,
                           ln.start, ln.end))


def _resolved(citations: list[Citation], i: int) -> Citation:
    c = citations[i]
    if c.target is None and c.antecedent is not None:
        return citations[c.antecedent]
    return c


# --- stated facts ----------------------------------------------------------------------------

def _stated(ln: _Line, here: list[int], citations: list[Citation], result: Validity) -> None:
    if not here:
        return
    if "được" not in ln.low and "sửa đổi, bổ sung" not in ln.low:
        return
    for rx, relation, passive in ((_AMENDED_BY, "amends", True), (_REPLACED_BY, "replaces", True),
                                  (_AMENDS_OF, "amends", False)):
        for m in rx.finditer(ln.low):
            at, after = ln.start + m.start(), ln.start + m.end()
            before = [i for i in here if citations[i].start < at]
            later = [i for i in here if citations[i].start >= after]
            if not later or (not before and passive):
                continue
            if not passive and not before and not ln.low[max(0, m.start() - 5):m.start()].endswith("luật "):
                continue
            if passive:
                target = _owner(citations, before[-1])
                sources = _joined(citations, later, ln)
            elif ln.low[max(0, m.start() - 5):m.start()].endswith("luật ") and (
                    _NOT_OPERATIVE.match(ln.low) or _inside_stated(ln.low, m.start())):
                named = _same_name(citations, later[0])
                if named is None:
                    continue
                target, sources = named, [later[0]]
            else:
                if not before or not _in_title(citations, before[-1], at) or _inside_stated(ln.low, m.start()):
                    continue
                targets, sources = _joined(citations, later, ln), [_owner(citations, before[-1])]
                for t in targets:
                    _add_stated(result, relation, citations, sources[0], t, ln)
                continue
            for s in sources:
                _add_stated(result, relation, citations, s, target, ln)


def _same_name(citations: list[Citation], i: int) -> int | None:
    """Another citation of the law ``citations[i]`` names, under a different number."""
    c = citations[i]
    if not c.name:
        return None
    for j, other in enumerate(citations):
        if other.name == c.name and other.number and other.number != c.number:
            return j
    return None


def _inside_stated(low: str, at: int) -> bool:
    """The words sit inside a stated fact ("được sửa đổi, bổ sung tại Luật sửa đổi, bổ sung …")."""
    return "được sửa đổi" in low[max(0, at - 40):at]


def _owner(citations: list[Citation], i: int) -> int:
    owner = citations[i].in_title_of
    return owner if owner is not None else i


def _in_title(citations: list[Citation], i: int, at: int) -> bool:
    """The amend words follow citation ``i`` closely: they are its title, not this document's act."""
    return at - citations[i].end < 200


def _joined(citations: list[Citation], later: list[int], ln: _Line) -> list[int]:
    """The first citation after the words, and those joined to it by "và"."""
    out = [later[0]]
    for i in later[1:]:
        prev = citations[out[-1]]
        gap = ln.low[prev.end - ln.start:citations[i].start - ln.start]
        if citations[i].in_title_of is None and _JOIN_GAP.fullmatch(gap):
            out.append(i)
        else:
            break
    return out


def _add_stated(result: Validity, relation: str, citations: list[Citation], s: int, t: int,
                ln: _Line) -> None:
    src, tgt = _resolved(citations, s), _resolved(citations, t)
    if (src.target or src.number) == (tgt.target or tgt.number):
        return
    fact = Stated(relation, src.target, src.number, tgt.target, tgt.number, ln.start, ln.end)
    key = (relation, src.target or src.number, tgt.target or tgt.number)
    if any((f.relation, f.source or f.source_number, f.target or f.target_number) == key
           for f in result.stated):
        return
    result.stated.append(fact)
