"""Resolve: which one document each citation means, as a canonical number and a canonical id.

Normative numbers of national bodies are unique as printed. Everything else needs more: local
normative acts (``15/2024/NQ-HĐND``) the issuer's province; administrative numbers
(``191/KH-UBND``) the issuer and the year; party numbers (``124-QĐ/TW``) the year, since series
restart every term. Missing parts come from the citation's own words ("của UBND tỉnh"), then
from other citations of the same number in the document, then from the reference data, then
from the citing document's own place.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache

from luocdo.ingest import grammar
from luocdo.ingest.congresses import congress_id, is_congress_resolution
from luocdo.ingest.issuers import Issuer, issuer_code, issuer_from_code, parse_issuer, same_series
from luocdo.ingest.laws import LawRecord, as_day, law_by_name, law_by_number, law_passed_by, laws_named
from luocdo.ingest.models import Citation, Document, Place, SourceText
from luocdo.ingest.number_doubts import check_number_years, from_party_register
from luocdo.ingest.reference import lookup, normalise_number
from luocdo.ingest.same_number import fill_from_same_number


def resolve(text: SourceText, document: Document, citations: list[Citation]) -> None:
    """Fill ``number``, ``issuer``, ``date`` and ``target`` of every citation, in place."""
    context = Place(province=document.province, district=document.district, commune=document.commune)
    amended_on: str | None = None  # inside "Luật số … sửa đổi, bổ sung một số điều của Luật X, Luật Y"
    previous: Citation | None = None
    in_titles: set[int] = set()  # the indexes of laws named in another act's title
    for i, c in enumerate(citations):
        amended_on = _amendment_date(text.match_text, previous, c, amended_on)
        if amended_on:
            in_titles.add(i)
        if c.form == "full" and c.as_cited_number:
            c.number = normalise_number(c.as_cited_number, doc_type=c.doc_type, date=c.date)
        elif c.form == "name" and c.name:
            law = _law_named(text.match_text, c, amended_on or document.date, in_title=amended_on is not None)
            c.number = law.number if law else None
            c.confidence = 0.9 if law else 0.0
        previous = c
    _one_law_per_name(text.match_text, [c for i, c in enumerate(citations) if i not in in_titles],
                      document.date)
    check_number_years(citations)
    for c in citations:
        if c.form == "full":
            _correct_by_name(c)
    fill_from_same_number(citations)
    for i, c in enumerate(citations):
        if c.issuer and _BARE_PROVINCE_BODY.search(c.issuer):
            next_start = citations[i + 1].start if i + 1 < len(citations) else len(text.match_text)
            c.issuer = _province_named_after(text.match_text, c, next_start) or c.issuer
    for c in citations:
        if c.form in ("full", "name") and c.number:
            issuer = _issuer_of(c, context, document.date)
            c.target = document_id(c.number, issuer, c.date or _reference_date(c), c.doc_type)
        elif is_congress_resolution(c):
            c.target = congress_id(c, context)
    by_digits = _by_leading_digits(citations)
    for i, c in enumerate(citations):
        if c.form in ("short", "alias"):
            _point_back(i, c, citations, by_digits)
            if c.form == "short" and c.number is None:
                _from_party_register(c, context, document.date)


def _correct_by_name(c: Citation) -> None:
    """"Luật hải quan số 54/2013/QH13", "Luật Ban hành văn bản quy phạm pháp luật số 63/2025/QH15":
    when the law the name means has a number one slip away from the one written (a year, a term, a
    sequence number off by one or two) and the written number is not that law's, the name wins and
    the number is marked as doubted."""
    if not c.name or not c.number or c.number.count("/") != 2:
        return
    seq, year, _ = c.number.split("/")
    if not (seq.isdigit() and year.isdigit()):
        return
    written = law_by_number(c.number)
    if written is not None and law_by_name(c.name, date=written.signed_date) == written:
        return
    for named in laws_named(c.name):
        if _one_slip_away(c.number, named.number):
            c.doubt = f"written {c.number}; the law named is {named.number}"
            c.number, c.confidence = named.number, 0.9
            return


def _one_slip_away(written: str, number: str) -> bool:
    """Whether a law's ``number`` is ``written`` with one slip: a year or term off by one, or a
    sequence number off by one or two ("54/2013/QH13" for 54/2014/QH13)."""
    if number.count("/") != 2:
        return False
    seq, year, code = written.split("/")
    n_seq, n_year, n_code = number.split("/")
    if not (n_seq.isdigit() and n_year.isdigit()):
        return False
    same_body = n_code.rstrip("0123456789") == code.rstrip("0123456789")
    slip = (n_seq == seq and abs(int(n_year) - int(year)) <= 1) or (
        n_year == year and n_code == code and abs(int(n_seq) - int(seq)) <= 2)
    return same_body and slip


# Words by which a cited act names the law it amends, details or guides, within its title.
_ACTS_ON_LAW = re.compile(r"sửa đổi, bổ sung|quy định chi tiết|hướng dẫn|thi hành")
_TO_BE_MADE = re.compile(r"(?:(?:sớm|chưa|sẽ|trình) ban hành|xây dựng|soạn thảo|dự án|dự thảo) $", re.IGNORECASE)
_TO_BE_REVISED = re.compile(r" ?\((?:sửa đổi|sửa đổi, bổ sung|thay thế)\)")
_PUT_INTO_EFFECT = re.compile(r"(?:triển khai|tổ chức) thi hành")


def _put_into_effect(t: str, c: Citation) -> bool:
    """"triển khai thi hành Luật Việc làm": the law is being put into effect (the newest passed)."""
    return _PUT_INTO_EFFECT.search(t, max(0, c.start - 40), c.start) is not None


def _one_law_per_name(t: str, citations: list[Citation], on: str | None) -> None:
    """A document that names a law passed but not yet in force on its date ``on`` is about that law:
    its bare mentions of the name mean it too. "Kế hoạch triển khai thi hành Luật Việc làm"
    (74/2025/QH15, in force from 2026) goes on "tổ chức phổ biến Luật Việc làm", which alone would
    read as the law in force then (38/2013/QH13). A bare mention: a name without date, year or
    number (``citations``: those outside another act's title)."""
    if not on:
        return
    day = as_day(on)
    coming: dict[str, set[str]] = {}
    for c in citations:
        if c.form == "name" and c.name and c.number and (c.date or c.as_cited_number or _put_into_effect(t, c)):
            law = law_by_number(c.number)
            if law and law.signed_date <= day < law.effective_date:
                coming.setdefault(c.name, set()).add(law.number)
    for c in citations:
        law_to_come = coming.get(c.name or "", set())
        if c.form == "name" and c.number and not (c.date or c.as_cited_number) and len(law_to_come) == 1:
            c.number = next(iter(law_to_come))


def _amendment_date(t: str, previous: Citation | None, c: Citation, current: str | None) -> str | None:
    """The date a law named in another act's title is read at: that act's own date.

    "Luật số 03/2022/QH15 sửa đổi, bổ sung một số điều của Luật Đầu tư công, …, Luật Đấu thầu"
    names the Luật Đấu thầu in force in 2022 (43/2013/QH13), not today's.
    """
    if previous is None or c.form != "name":
        return None
    gap = t[previous.end:c.start]
    if current and len(gap) <= 4:  # ", " or " và ": the list of amended laws goes on
        return current
    # The words that say what the act does to the law: between them ("Luật số 03/2022/QH15 sửa đổi,
    # bổ sung … của Luật X"), or the act's own when it is named by them ("Luật sửa đổi, bổ sung một
    # số điều của Luật X"); a law named by its name acts on none ("Luật Việc làm và các văn bản
    # hướng dẫn thi hành Luật Việc làm"). Not across another item of a list ("Luật Quản lý thuế
    # ngày 13/6/2019; Luật sửa đổi, bổ sung Luật Chứng khoán": another act than the one before).
    # "Luật Đất đai số 31/2024/QH15, được sửa đổi, bổ sung tại Luật sửa đổi, bổ sung …": the law after
    # amends the one before, not the other way round.
    words = t[previous.start:previous.end] if previous.form == "name" else gap
    # (An amending law the table lacks has no number: its title's date is its own.)
    if len(gap) <= 90 and not _OTHER_ITEM.search(gap) and _ACTS_ON_LAW.search(words) \
            and (previous.number or previous.date) and "được" not in gap:
        law = law_by_number(previous.number) if previous.number else None
        return law.signed_date if law else previous.date
    return None


_OTHER_ITEM = re.compile(r"[\n;]|(?<!\w)[Ll]uật(?!\w)")


def _law_named(t: str, c: Citation, on: str | None, *, in_title: bool = False) -> LawRecord | None:
    """The law a name means: its number if given, its date or year, else the one in force ``on``.

    An act that amends or details a law, and a plan that puts a law "into effect" ("triển khai thi
    hành Luật Việc làm"), mean the newest law of that name passed by ``on``, even before it takes
    effect.
    """
    if c.as_cited_number and (law := law_by_number(c.as_cited_number)):
        return law
    if _TO_BE_MADE.search(t, max(0, c.start - 30), c.start) or _TO_BE_REVISED.match(t, c.end):
        return None  # a law still to be made is none of those already passed
    if c.date and len(c.date) == 10:
        return law_by_name(c.name or "", on=on, date=c.date, year=int(c.date[:4]))
    if c.date:  # "Luật Doanh nghiệp năm 2000": passed that year, else the one that took effect then
        year_end = f"{c.date[:4]}-12-31"  # … and never one passed after the citing document
        return law_by_name(c.name or "", on=min(year_end, on) if on else year_end, year=int(c.date[:4]))
    if on and (in_title or _put_into_effect(t, c)) and (passed := law_passed_by(c.name or "", on)):
        return passed
    return law_by_name(c.name or "", on=on)


# "của HĐND tỉnh" with no name: the province may be named later in the same item, as the place
# the act governs ("… quy định chính sách hỗ trợ … trên địa bàn tỉnh Bắc Giang").
_BARE_PROVINCE_BODY = re.compile(r"(?:^|\s)(?:tỉnh|thành phố|TP\.?)$", re.IGNORECASE)
_NAME_WORD = r"[A-ZĐÀ-Ỹ][^\s,;.()“”\"’]*"  # a closing quote ends a name: "… trên địa bàn thành phố Hà Nội”"
_GOVERNED_PLACE = re.compile(rf"trên địa bàn (?:tỉnh|thành phố)\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})")
_ITEM_STOP = re.compile(r";|\.\s|\n\s*\n|\n\s*[-+•*]")


def _province_named_after(t: str, c: Citation, next_start: int) -> str | None:
    """The issuer completed with the province the rest of the citation's item governs, if the
    register knows it (the citing document's own province is only a guess for "của HĐND tỉnh")."""
    end = min(next_start, c.end + 300)
    stop = _ITEM_STOP.search(t, c.end, end)
    found = _GOVERNED_PLACE.search(t, c.end, stop.start() if stop else end)
    if not found:
        return None
    words = found.group("name").split()
    for n in range(len(words), 0, -1):
        candidate = f"{c.issuer} {' '.join(words[:n])}"
        issuer = parse_issuer(candidate)
        if issuer and issuer.place and issuer.place.province:
            return candidate
    return None


def _reference_date(c: Citation) -> str | None:
    return _signed_date(c.number, c.date) if c.number else None


@lru_cache(maxsize=4096)
def _signed_date(number: str, date: str | None) -> str | None:
    known = lookup(number, date=date)
    return known[0].signed_date if len(known) == 1 else None


def _issuer_of(c: Citation, context: Place, on: str | None) -> Issuer | None:
    code = issuer_code(c.number or "")
    if c.issuer:
        found = parse_issuer(c.issuer, context=context, on=on)
        if found:
            return _in_symbols_series(found, code)
    return parse_issuer(code, context=context, on=on) if code else None


def _in_symbols_series(issuer: Issuer, code: str | None) -> Issuer:
    """The issuer the phrase names, numbered in the series of the organ its symbol names when that
    organ is the one the phrase's organ belongs to: "292/BC-HĐND … của Ban Kinh tế - Ngân sách Hội
    đồng nhân dân tỉnh" is in the council's series (where "114/BC-BPC" is the committee's own)."""
    known = issuer_from_code(code) if code else None
    own = issuer_from_code(issuer.organ)
    if known is None or own is None or known.code == own.code or known.level == "national":
        return issuer
    if known.name.lower() not in own.name.lower():  # "Ban Pháp chế Hội đồng nhân dân" holds "Hội đồng nhân dân"
        return issuer
    return Issuer(issuer.name, known.code, known.branch, issuer.level, issuer.place)


@lru_cache(maxsize=4096)
def document_id(number: str, issuer: Issuer | None, date: str | None, doc_type: str | None = None) -> str:
    """The canonical id: the number, qualified where the number alone is not unique (``doc_type``:
    the type the document is given, which tells two acts of the Assembly of one number apart)."""
    if law := law_by_number(number):  # laws, codes, constitutions: "HP-2013", "24-L/CTN" are unique as they stand
        return f"{number}@{slug(doc_type)}" if another_act(law, doc_type) else number
    year = date[:4] if date else None
    fam = grammar.family(number)
    code = issuer_code(number)
    known = issuer_from_code(code) if code else None
    national = known is not None and known.level == "national"
    if fam == "normative":
        if national or code is None:
            return number
        return f"{number}@{slug(issuer.place.province)}" if issuer and issuer.place and issuer.place.province \
            else number
    parts = [number]
    if not national:
        parts.append(issuer_key(issuer))
    parts.append(year or "?")
    return "@".join(parts)


def another_act(law: LawRecord, doc_type: str | None) -> bool:
    """Whether a document of ``doc_type`` numbered as ``law`` is another act: the Assembly has
    numbered its resolutions apart from its laws ("Nghị quyết số 55/2010/QH12 ngày 24/11/2010 … về
    miễn, giảm thuế sử dụng đất nông nghiệp" is not Luật An toàn thực phẩm 55/2010/QH12; so with
    41/2009 and 33/2009 in the corpus), so a resolution and a law of one number are two documents."""
    return doc_type is not None and (doc_type == "Nghị quyết") != (law.type == "Nghị quyết")


def issuer_key(issuer: Issuer | None) -> str:
    """The issuing organ and its unit, however the citation named it: "Ban Thường vụ Tỉnh ủy" and
    "Ban Chấp hành Đảng bộ tỉnh" of Hà Tĩnh are both ``tu-ha-tinh``."""
    if issuer is None:
        return "?"
    place = issuer.place
    unit = None
    if place is not None:
        unit = {"province": place.province, "district": place.district,
                "commune": place.commune}.get(issuer.level or "") or place.province
    organ = same_series().get(issuer.organ, issuer.organ)
    return slug(f"{organ} {unit}") if unit else slug(issuer.name)


def in_series(number: str) -> str:
    """``number`` as its series runs: "102/2025/QĐ-CTUBND" is 102/2025/QĐ-UBND (see :func:`same_series`)."""
    for code, series in same_series().items():
        number = number.replace(f"-{code}", f"-{series}")
    return number


def slug(text: str | None) -> str:
    """ASCII, lower case, hyphens: "UBND tỉnh Hà Tĩnh" → "ubnd-tinh-ha-tinh"."""
    if not text:
        return "?"
    folded = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    ascii_text = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


_LEADING_DIGITS = re.compile(r"([^/-]+)[/-]")


def _by_leading_digits(citations: list[Citation]) -> dict[str, list[int]]:
    """Indexes of the resolved full and named citations, by what their number opens with: "145"
    for "145/2020/NĐ-CP", so a short form finds its candidates without scanning every citation."""
    index: dict[str, list[int]] = {}
    for i, c in enumerate(citations):
        if c.form in ("full", "name") and c.number and (m := _LEADING_DIGITS.match(c.number)):
            index.setdefault(m.group(1), []).append(i)
    return index


def _point_back(i: int, c: Citation, citations: list[Citation], by_digits: dict[str, list[int]]) -> None:
    """A short form or alias takes the resolution of the full citation it refers to: for a short
    form, the nearest one before it with the same number and a compatible type."""
    at = c.antecedent if c.form == "alias" else None
    if at is None and c.as_cited_number:
        digits, _, code = c.as_cited_number.partition("/")
        candidates = by_digits.get(digits, [])
        for k in range(bisect_left(candidates, i) - 1, -1, -1):  # the nearest first
            earlier = citations[candidates[k]]
            if _same_type(earlier.doc_type, c.doc_type) and (not code or (earlier.number or "").endswith("/" + code)):
                at = candidates[k]
                break
    if at is None:
        c.confidence = 0.0
        return
    antecedent = citations[at]
    c.antecedent = at
    c.number, c.target, c.date, c.issuer = antecedent.number, antecedent.target, antecedent.date, antecedent.issuer


def _from_party_register(c: Citation, context: Place, on: str | None) -> None:
    """A short form no earlier citation explains, resolved from the Party register, with less
    confidence than one the text itself spells out."""
    known = from_party_register(c, on)
    if known is None:
        return
    c.number, c.date, c.issuer, c.confidence = known.number, known.signed_date, known.issuer, 0.7
    c.target = document_id(known.number, _issuer_of(c, context, on), known.signed_date)


def _same_type(a: str | None, b: str | None) -> bool:
    decisions = {"Quyết định", "Quy định"}
    return a == b or {a, b} <= decisions or b is None
