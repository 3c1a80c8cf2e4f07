"""Validity: what a document says about its own force and about other documents' force.

Runs after classify on (text, document, citations). Reads the document's own ``effective_from`` /
``effective_to``, its **acts** on other documents (repeals, replaces, amends, suspends:
:mod:`validity_acts`) and the **stated** facts it reports about others ("X được sửa đổi, bổ sung
bởi Y": :mod:`validity_stated`), sentence by sentence (:mod:`validity_text` joins the lines a
sentence was broken into). ``effective_to`` is the last day in force: "đến (hết) ngày X" → X,
"hết hiệu lực từ ngày X" → X − 1.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from luocdo.ingest.models import Citation, Document, SourceText, lower_same_length
from luocdo.ingest.validity_acts import find_acts
from luocdo.ingest.validity_model import Act, Stated, Validity
from luocdo.ingest.validity_stated import find_stated, stated_in_law_names
from luocdo.ingest.validity_text import SENTENCE_REACH, Sentence, Text

__all__ = ["Act", "Stated", "Validity", "find_validity"]

# Cheap substring checks on the lowered text decide which sentences are read at all.
# ("ngưng hiệu lực" is found by "hiệu lực"). Found as written, lower case or capitalised (a title in
# capitals repeats what the body says), by the word without its first letter, which is checked
# after: one scan of the text finds both forms.
_TRIGGERS = {"hiệu lực": "hiệu lực", "ãi bỏ": "bãi bỏ", "hay thế": "thay thế", "ửa đổi": "sửa đổi"}
# "sửa đổi" is mostly an amending act's own items ("Sửa đổi khoản 2 Điều 4 như sau:") and "thay thế"
# mostly plain words ("thay thế thiết bị"): without a document named near them they state nothing.
_TITLE_TRIGGERS = ("BÃI BỎ", "SỬA ĐỔI", "THAY THẾ")  # looked for in the head only
_NEEDS_A_CITATION = ("sửa đổi", "thay thế")
_ENDED_VERBS = ("hết ", "ngưng ", "Hết ", "Ngưng ")
_WORDING_FOLLOWS = ("như sau:", "như sau:”", "như sau:\"", "như sau")
_IN_FORCE = ("này có ", "này\ncó ")
_CITATION_REACH = 200  # beyond the line, for a sentence broken over lines
_DATE = re.compile(
    r"(?P<d>\d{1,2}) ?(?:tháng (?P<m>\d{1,2}) năm|/(?P<m2>\d{1,2})/) ?(?P<y>(?:19|20)\d{2})"
)
_SELF = (r"(?:văn bản|luật|bộ luật|pháp lệnh|nghị định|nghị quyết|thông tư|quyết định|chỉ thị|kế hoạch"
         r"|quy định|quy chế|thông tư liên tịch|lệnh|hướng dẫn|kết luận|chương trình|đề án)")
_OWN_FROM = re.compile(rf"(?:{_SELF} này|^(?:[\d.\s]|điều \d+\.){{0,12}}{_SELF})"
                       rf" có hiệu lực(?: thi hành| pháp luật)?(?P<rest>.{{0,200}})")
_OWN_TO = re.compile(rf"{_SELF} này hết hiệu lực(?: thi hành)? (?:kể )?từ ngày (?P<rest>.{{0,60}})")
_UNTIL = re.compile(r"đến (?:hết )?ngày (?P<rest>.{0,40})")
# "kể từ thời điểm Nghị định này có hiệu lực … đến hết ngày …": a period of something else
_TIME_REFERENCE = ("thời điểm ", "ngày ", "khi ")
_AFTER_DAYS = re.compile(r"sau (?P<n>\d{1,3}) ngày,? kể từ ngày (?:ký|công bố|ban hành)")
_SIGNED = re.compile(r"^[ ,]{0,3}(?:kể )?từ ngày (?:ký|thông qua|ban hành|công bố)")
_FROM_DATE = re.compile(r"^[ ,]{0,3}(?:kể )?(?:từ )?ngày ")
# The date line of the header ("Số: 87/2025/NĐ-CP Hà Nội ngày 11 tháng 4 năm 2025"), for a
# document whose metadata found no date: before the preamble or the first article.
_HEADER_DATE = re.compile(r"ngày\s{0,2}(?P<d>\d{1,2})\s{0,2}(?:tháng\s{0,2}(?P<m>\d{1,2})\s{0,2}năm"
                          r"|/\s?(?P<m2>\d{1,2})\s?/)\s{0,2}(?P<y>(?:19|20)\d{2})")
_HEADER_END = re.compile(r"căn cứ|\nđiều 1|\nchương i\b")
_HEADER_CHARS = 2000


def find_validity(text: SourceText, document: Document, citations: list[Citation]) -> Validity:
    """Effective dates, acts and stated facts of ``document``."""
    t = text.match_text
    result = Validity()
    head = t[:_HEADER_CHARS]
    if not any(k in t for k in _TRIGGERS) and not any(k in head for k in _TITLE_TRIGGERS):
        return result  # (the first letter is checked on each occurrence)
    doc = Text(t, citations)
    own = _iso_full(document.date) or _header_date(lower_same_length(t[:_HEADER_CHARS]))
    sentences = _trigger_sentences(doc, own, result)
    for s in sentences:
        if not s.quoted:
            _own_dates(s, own, result)
    on = document.date
    for s in sentences:
        if not s.quoted:
            find_acts(doc, s, citations, result, document.type)
        find_stated(doc, s, citations, on, result)
    if any(s.low.find("sửa đổi") >= 0 for s in sentences):
        stated_in_law_names(doc, citations, on, result)
    for act in result.acts:
        act.since = act.since or result.effective_from
    return result


def _trigger_sentences(doc: Text, own: date | None, result: Validity) -> list[Sentence]:
    """The sentences holding a trigger word, in text order. The document's own dates are read on the
    way: once its start is known, later "… có hiệu lực" sentences can add nothing."""
    found: dict[int, Sentence] = {}
    t = doc.t
    for tail, word in _TRIGGERS.items():
        head = len(word) - len(tail)  # letters of the word before the tail searched for
        at = t.find(tail, head)
        while at >= 0:
            start = at - head
            if not (t.startswith(word, start) or t.startswith(word.capitalize(), start)) or not _may_matter(
                    doc, word, start) or (word == "hiệu lực" and result.effective_from and _in_force_at(t, start)):
                at = t.find(tail, at + len(tail))
                continue
            s = doc.sentence_at(start)
            found.setdefault(s.start, s)
            if word == "hiệu lực" and not s.quoted:
                _own_dates(s, own, result)
            at = t.find(tail, max(s.end, at + 1))
    for word in _TITLE_TRIGGERS:  # a title in capitals: "QUYẾT ĐỊNH SỬA ĐỔI, BỔ SUNG QUYẾT ĐỊNH SỐ …"
        at = t.find(word, 0, _HEADER_CHARS)
        if at >= 0:
            s = doc.sentence_at(at)
            found.setdefault(s.start, s)
    return [found[k] for k in sorted(found)]


def _in_force_at(t: str, at: int) -> bool:
    """"có hiệu lực" at ``at``, not "hết/ngưng hiệu lực"."""
    return not t.endswith(_ENDED_VERBS, max(0, at - 7), at)


def _may_matter(doc: Text, word: str, at: int) -> bool:
    """Whether the trigger at ``at`` can state anything: "hiệu lực" as "có/hết/ngưng hiệu lực"
    (not "Điều 3. Hiệu lực thi hành", "nâng cao hiệu lực"); amendment and replacement words near a
    cited document, or "… này thay thế" (a law replacing one it names: "Luật này thay thế Luật đất
    đai …")."""
    if word == "hiệu lực":
        t = doc.t
        if t.endswith(_ENDED_VERBS, max(0, at - 7), at):
            return True
        # "… này có hiệu lực", or "có hiệu lực" near a line start ("2. Thông tư có hiệu lực …"),
        # not "quyết định có hiệu lực pháp luật" in a body
        return t.endswith(_IN_FORCE, max(0, at - 8), at) or (
            t.endswith(("có ", "Có "), max(0, at - 3), at) and at - t.rfind("\n", max(0, at - 60), at) <= 50)
    if word == "thay thế" and doc.t.endswith("này ", max(0, at - 4), at):
        return True
    if word not in _NEEDS_A_CITATION:
        return True
    low, high = max(0, at - SENTENCE_REACH), min(len(doc.t), at + SENTENCE_REACH)  # a sentence's reach
    line_start = doc.t.rfind("\n", low, at) + 1 or low
    line_end = doc.t.find("\n", at, high)
    line_end = high if line_end < 0 else line_end
    if word == "sửa đổi" and not doc.cites_in(line_start, line_end) and doc.t.endswith(
            _WORDING_FOLLOWS, line_start, line_end):
        return False  # "1. Sửa đổi, bổ sung khoản 3 Điều 2 như sau:" names no document
    return bool(doc.cites_in(line_start - _CITATION_REACH, line_end + _CITATION_REACH))


# --- dates -----------------------------------------------------------------------------------

def _iso_full(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso) if iso and len(iso) == 10 else None
    except ValueError:
        return None


def _header_date(low: str) -> date | None:
    head = low[:_HEADER_CHARS]
    end = _HEADER_END.search(head)
    m = _HEADER_DATE.search(head, 0, end.start() if end else len(head))
    return _date_of(m) if m else None


def _date_of(m: re.Match[str]) -> date | None:
    try:
        return date(int(m["y"]), int(m["m"] or m["m2"]), int(m["d"]))
    except ValueError:
        return None


def _date_at(s: str) -> date | None:
    m = _DATE.match(s.lstrip(" ,"))
    return _date_of(m) if m else None


def _own_dates(s: Sentence, own: date | None, result: Validity) -> None:
    if result.effective_from is None and "có hiệu lực" in s.low and (m := _OWN_FROM.search(s.low)) and not (
            s.low.endswith(_TIME_REFERENCE, 0, m.start())):
        rest = m["rest"]
        start: date | None = None
        if (after := _AFTER_DAYS.search(rest)) and own:
            start = own + timedelta(days=int(after["n"]))
        elif _SIGNED.match(rest):
            start = own
        elif from_date := _FROM_DATE.match(rest):
            start = _date_at(rest[from_date.end():])
        if start:
            result.effective_from = start.isoformat()
        if (until := _UNTIL.search(rest)) and (end := _date_at(until["rest"])):
            result.effective_to = end.isoformat()
    if result.effective_to is None and "hết hiệu lực" in s.low and (m := _OWN_TO.search(s.low)) and (
            end := _date_at(m["rest"])):
        result.effective_to = (end - timedelta(days=1)).isoformat()
