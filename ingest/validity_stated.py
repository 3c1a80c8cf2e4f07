"""Stated facts: what a document reports of other documents' amendments and replacements.

"X (đã) được sửa đổi, bổ sung bởi/tại/theo Y [và Z]", "X đã được thay thế bởi Y", "Y … sửa đổi,
bổ sung một số điều của X [và W]", and the laws an amending law's name lists ("Luật sửa đổi, bổ
sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương", "Luật Sửa
đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật số 87/2025/QH15"): those
are looked up by name in the law table: the newest of each name passed by the day the amending
law was, in force yet or not (Luật 43/2024/QH15 of 2024-06-29 amends Luật Đất đai 31/2024/QH15,
in force from 2024-08-01).
"""

from __future__ import annotations

import re

from luocdo.ingest.laws import as_day, law_by_name, law_by_number, law_passed_by
from luocdo.ingest.models import Citation
from luocdo.ingest.validity_acts import resolved
from luocdo.ingest.validity_model import Stated, Validity
from luocdo.ingest.validity_text import Sentence, Text

_REPLACED_BY = re.compile(r"(?:đã )?được thay thế (?:bởi|bằng)")
_AMENDS_OF = re.compile(r"(?<!được )(?<!đã )sửa đổi,? bổ sung")
_AMENDS = re.compile(r"sửa đổi,? bổ sung")
_BY = re.compile(r"(?: một số điều)?,? (?:bởi|tại|theo)")
_GENERIC = re.compile(r"(?<!\w)các (?:nghị định|luật|thông tư|quyết định|nghị quyết|văn bản|pháp lệnh|quy định)")
# "… sửa đổi, bổ sung, cập nhật Chương trình hành động … thực hiện Nghị quyết số 57-NQ/TW": the
# document named is inside the title of what is amended
_NESTED = re.compile(r"(?<!\w)(?:thực hiện|triển khai|quy định chi tiết|hướng dẫn thi hành)(?!\w)")
_DOC_WORDS = re.compile(r"(?<!\w)(?:luật|nghị định|nghị quyết|quyết định|thông tư|chỉ thị|pháp lệnh|kế hoạch"
                        r"|công văn|tờ trình)(?!\w)")
_JOIN_GAP = re.compile(r"[\s,]{0,3}|[^;()]{0,300}? và (?:tại |bởi |theo )?")
_SOURCE_REACH = 60  # "được sửa đổi, bổ sung bởi" and its first source: at most this far apart
_TITLE_REACH = 200  # an amending document and its "sửa đổi, bổ sung" words
_TARGET_REACH = 220  # the words and the first document they amend
_OF_NAME = re.compile(r"(?: một số điều)?(?: của)? (?P<name>(?:bộ luật|luật) [^;]{2,150}?)\s+số\b")
_NAMES_DATED = re.compile(
    r"(?P<of> một số điều của | một số điều | của )(?P<names>(?:bộ luật|luật|pháp lệnh) [^;]{2,300}?)"
    r"\s(?:ngày (?P<d>\d{1,2})(?: tháng (?P<m>\d{1,2}) năm |/(?P<m2>\d{1,2})/)|năm )(?P<y>(?:19|20)\d{2})")
_LAW_TITLE = re.compile(r"(?:bộ luật|luật|pháp lệnh) sửa đổi,? bổ sung(?: một số điều)?(?: của)?(?: các)? ")
_NAME_SPLIT = re.compile(r",\s*(?=(?:bộ luật|luật|pháp lệnh) )|\s+và\s+(?=(?:bộ luật|luật|pháp lệnh) )", re.I)


def find_stated(doc: Text, s: Sentence, citations: list[Citation], on: str | None, result: Validity) -> None:
    """The amendment and replacement facts sentence ``s`` reports, added to ``result``."""
    if "bổ sung" not in s.low and "được thay thế" not in s.low:
        return
    here = doc.cites_in(s.start, s.end)
    if not here:
        return
    for m in _AMENDS.finditer(s.low):  # a literal head: the regex engine skips to it
        head = s.low[max(0, m.start() - 8):m.start()]
        if not head.endswith(("được ", "đã ")):
            _active(s, m, here, citations, on, result)
        elif (by := _BY.match(s.low, m.end())) and head.endswith("được "):
            _passive(s, m.start() - (8 if head.endswith("đã được ") else 5), by.end(), here, citations,
                     "amends", result)
    if "được thay thế" in s.low:
        for m in _REPLACED_BY.finditer(s.low):
            _passive(s, m.start(), m.end(), here, citations, "replaces", result)


def stated_in_law_names(doc: Text, citations: list[Citation], on: str | None, result: Validity) -> None:
    """The laws an amending law cited by its name amends ("Luật sửa đổi, bổ sung một số điều của
    Luật A và Luật B ngày …"), each the newest passed by the day that law was (:func:`law_passed_by`)."""
    for c in citations:
        if not c.name or not c.number or "sửa đổi" not in c.name[:25].lower() or not (
                m := _LAW_TITLE.match(c.name.lower())):
            continue
        record = law_by_number(c.number)
        when = record.signed_date if record else c.date or on
        if not when:
            continue
        s = doc.sentence_at(c.start)
        for name in _NAME_SPLIT.split(c.name[m.end():]):
            amended = law_passed_by(name.strip(" ,"), as_day(when))
            if amended:
                _add(result, "amends", (c.target, c.number), (amended.number, amended.number), s)


def _passive(s: Sentence, start: int, end: int, here: list[int], citations: list[Citation], relation: str,
             result: Validity) -> None:
    """"X (đã) được sửa đổi, bổ sung bởi Y" with the words at ``[start, end)`` of the sentence."""
    at, after = s.start + start, s.start + end
    before = [i for i in here if citations[i].start < at]
    later = [i for i in here if citations[i].start >= after]
    if not before or not later or citations[later[0]].start - after > _SOURCE_REACH:
        return
    target = _owner(citations, before[-1])
    for source in _joined_sources(citations, later, s):
        _add_cited(result, relation, citations, source, target, s)


def _joined_sources(citations: list[Citation], later: list[int], s: Sentence) -> list[int]:
    """The first document after the words and those of its shape joined to it ("bởi Thông tư số
    12/2016/TT-BTC, Thông tư số 174/2016/TT-BTC"); a named law after a bare one ("theo Luật số
    32/2013/QH13, Luật thuế thu nhập cá nhân số …") is the next item of an outer list."""
    out = [later[0]]
    for i in later[1:]:
        prev = citations[out[-1]]
        gap = s.low[prev.end - s.start:citations[i].start - s.start]
        same = (citations[i].name is None) == (prev.name is None)
        if not (same and citations[i].in_title_of is None and _JOIN_GAP.fullmatch(gap)):
            break
        out.append(i)
    return out


def _active(s: Sentence, m: re.Match[str], here: list[int], citations: list[Citation], on: str | None,
            result: Validity) -> None:
    at, after = s.start + m.start(), s.start + m.end()
    if any(citations[i].start <= at < citations[i].end and citations[i].name for i in here):
        return  # the words of an amending law's name: stated_in_law_names reads it
    later = [i for i in here if citations[i].start >= after]
    if s.low[max(0, m.start() - 5):m.start()] == "luật ":
        _named_law_amended(s, m, later, citations, on, result)
        return
    before = [i for i in here if citations[i].start < at]
    if not before or not later or not _amends_own_title(s, citations[before[-1]], m.start()):
        return
    first = later[0]
    mid = s.low[m.end():citations[first].start - s.start]
    if citations[first].start - after > _TARGET_REACH or ";" in mid or _GENERIC.search(mid) or _NESTED.search(mid):
        return
    source = _owner(citations, before[-1])
    for target in _joined_targets(citations, later, s):
        _add_cited(result, "amends", citations, source, target, s)


def _amends_own_title(s: Sentence, c: Citation, at: int) -> bool:
    """The words follow document ``c`` closely, with no other document named between: they are
    its title ("Nghị định số 187/2025/NĐ-CP … sửa đổi, bổ sung …"), not a Tờ trình's subject."""
    gap = s.low[max(0, c.end - s.start):at]
    return (len(gap) < _TITLE_REACH and ";" not in gap and not _DOC_WORDS.search(gap)
            and "được sửa đổi" not in s.low[max(0, at - 40):at])


def _joined_targets(citations: list[Citation], later: list[int], s: Sentence) -> list[int]:
    """The first document the words amend and those joined to it by "và"; a name inside a target's
    title is passed over; a document followed by its own "sửa đổi, bổ sung" title is an amending
    act of an outer list, not a target."""
    out = [later[0]]
    anchor = later[0]
    for i in later[1:]:
        c = citations[i]
        if c.in_title_of is not None and c.in_title_of == out[-1]:
            anchor = i
            continue
        gap = s.low[citations[anchor].end - s.start:c.start - s.start]
        if not _JOIN_GAP.fullmatch(gap) or _AMENDS_OF.search(s.low, c.start - s.start, c.end - s.start + 150):
            break
        out.append(i)
        anchor = i
    return out


def _named_law_amended(s: Sentence, m: re.Match[str], later: list[int], citations: list[Citation],
                       on: str | None, result: Validity) -> None:
    """"Luật Sửa đổi, bổ sung một số điều của Luật X số N": N amends the law named X. Without a
    number, the amending law is looked up by its name and date ("Luật sửa đổi, bổ sung một số điều
    của Luật Kinh doanh bảo hiểm và Luật Sở hữu trí tuệ ngày 14 tháng 6 năm 2019")."""
    c = citations[later[0]] if later else None
    found = _OF_NAME.match(s.low, m.end(), c.end - s.start) if c else None
    if not found or not c or not c.number:
        _unnumbered_law_amended(s, m, result)
        return
    record = law_by_number(c.number)
    if record and law_by_name(found["name"], date=record.signed_date) == record:
        return  # "Luật sửa đổi … của Luật Doanh nghiệp số 59/2020/QH14": the number is the amended law's
    for name in _NAME_SPLIT.split(found["name"]):  # "… của Luật Cán bộ, công chức và Luật Viên chức số …"
        amended = law_by_name(name.strip(" ,"), on=record.signed_date if record else on)
        if amended and amended.number != c.number:
            _add(result, "amends", (c.target, c.number), (amended.number, amended.number), s)


def _unnumbered_law_amended(s: Sentence, m: re.Match[str], result: Validity) -> None:
    named = _NAMES_DATED.match(s.low, m.end())
    if not named:
        return
    names = _NAME_SPLIT.split(named["names"])
    signed = _iso(named)
    title = s.low[m.start() - 5:m.end()] + (named["of"] or " ") + ", ".join(names)
    amending = law_by_name(title, date=signed) if signed else law_by_name(title, year=int(named["y"]))
    if not amending:
        return
    for name in names:
        amended = law_by_name(name.strip(" ,"), on=amending.signed_date)
        if amended and amended.number != amending.number:
            _add(result, "amends", (amending.number, amending.number), (amended.number, amended.number), s)


def _iso(m: re.Match[str]) -> str | None:
    if not m["d"]:
        return None
    return f"{int(m['y']):04d}-{int(m['m'] or m['m2']):02d}-{int(m['d']):02d}"


def _owner(citations: list[Citation], i: int) -> int:
    owner = citations[i].in_title_of
    return owner if owner is not None else i


def _add_cited(result: Validity, relation: str, citations: list[Citation], s: int, t: int,
               sentence: Sentence) -> None:
    src, tgt = resolved(citations, s), resolved(citations, t)
    _add(result, relation, (src.target, src.number), (tgt.target, tgt.number), sentence)


def _add(result: Validity, relation: str, source: tuple[str | None, str | None],
         target: tuple[str | None, str | None], s: Sentence) -> None:
    src, tgt = source[0] or source[1], target[0] or target[1]
    if src is None or tgt is None or src == tgt:
        return
    key = ("stated", relation, src, tgt)
    if key in result.seen:
        return
    result.seen.add(key)
    result.stated.append(Stated(relation, source[0], source[1], target[0], target[1], s.start, s.end))
