"""Find: every mention of another document in a text, as :class:`Citation` objects.

Four forms, found in this order so that later ones never overlap earlier ones:
full citations around a document number ("Nghị định số 145/2020/NĐ-CP ngày … của …"), laws and
codes named without a number ("Luật Tiếp công dân") and resolutions of Party congresses
("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"), aliases the text defines
("(sau đây viết tắt là Kết luận 1231)") and short back-references ("Nghị định 145").
Find records what the words say; resolve decides which document they mean.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from luocdo.ingest import grammar
from luocdo.ingest.congresses import find_congress_resolutions
from luocdo.ingest.doctypes import type_from_number, without_short_forms
from luocdo.ingest.issuer_phrase import issuer_phrase
from luocdo.ingest.issuers import issuer_code, issuer_from_code
from luocdo.ingest.kinds import NAMED_TYPES
from luocdo.ingest.laws import find_law_names
from luocdo.ingest.models import Citation, SourceText
from luocdo.ingest.near_names import find_near_names
from luocdo.ingest.spans import Spans

_LOOKBACK = 160  # a type word and the name between it and "số" fit in this
_NAME_BEFORE_NUMBER = re.compile(r"^ [^;:.\n]{1,110}? (?i:số) ?:? ?$")
_NUMBER_ONLY_GAP = re.compile(r"^ ?(?:(?:số|so):?)? ?$", re.IGNORECASE)  # "so": "số" typed without its marks
_OWN_NUMBER = re.compile(r"(?:^|\n)[ *]*Số ?:?[ \n]?$")
# "theo mẫu số 01/HĐBC-QH", "Mẫu số 06/BBKP": the number of a form (a template attached to a
# document), not of a document.
_FORM_BEFORE = re.compile(r"(?<!\w)mẫu(?: số)? ?:? ?$", re.IGNORECASE)


def find_citations(text: SourceText) -> list[Citation]:
    """All citations in ``text``, in reading order."""
    t = text.match_text
    found = _full_citations(t)
    found += _named_laws(t, found, text.match_lower)
    found += find_near_names(text.match_lower, found)
    found += _congress_resolutions(t, found)
    aliases = _aliases(t, found)
    owners = [found[a.antecedent] for a in aliases if a.antecedent is not None]
    found += aliases
    found += _short_forms(t, found)
    found.sort(key=lambda c: c.start)
    position = {id(c): i for i, c in enumerate(found)}
    for alias, owner in zip(aliases, owners, strict=True):
        alias.antecedent = position[id(owner)]  # the list was re-ordered: point at the owner again
    for c in found:
        c.text = text.text[c.start:c.end]
        c.pinpoint = grammar.pinpoint_before(t, c.start)
    return found


def _full_citations(t: str) -> list[Citation]:
    out: list[Citation] = []
    for m in grammar.find_numbers(t):
        if m.start() < 3000 and _OWN_NUMBER.search(t, max(0, m.start() - 14), m.start()):
            continue  # the document's own "Số: 191/KH-UBND"
        if _FORM_BEFORE.search(t, max(0, m.start() - 12), m.start()):
            continue
        number = grammar.repaired(m.group(0).replace(" ", "").replace("\n", "").replace("–", "-"))
        start, doc_type, name = _type_before(t, m.start(), out, number=number)
        # No type word before it ("Báo cáo thẩm tra số 111/BC-BPC", "Căn cứ các Nghị định …: số
        # 78/2025/NĐ-CP"): the type its code names, where it names one for sure.
        doc_type = doc_type or _list_head_type(t, m.start(), number) or type_from_number(number)
        c = Citation(start=start, end=m.end(), text="", form="full", doc_type=doc_type, as_cited_number=number,
                     name=name)
        _date_and_issuer_after(t, c)
        out.append(c)
    return out


def _type_before(t: str, number_start: int, previous: list[Citation],
                 number: str = "") -> tuple[int, str | None, str | None]:
    """Where the citation starts, its type word and (for "Luật X số …") the name (``number``: the
    number as written, whose code tells two type words in a row apart)."""
    floor = previous[-1].end if previous else 0
    window_start = max(floor, number_start - _LOOKBACK)
    window = t[window_start:number_start]
    # A type word is read only with the gap after it free of ";", "." and line breaks but a last
    # one (no type word holds them): the scan starts after the last of them.
    after_stop = max(window.rfind(";"), window.rfind("."), window.rfind("\n", 0, len(window) - 1)) + 1
    words = list(grammar.type_word().finditer(window, after_stop))
    if words:
        last = _compound_head(window, words, number)
        gap = window[words[-1].end():]
        doc_type = _canonical_type(last.group("type"), number)
        if _NUMBER_ONLY_GAP.match(gap) and not _in_phap_luat(window, last):
            return window_start + last.start(), doc_type, None
        # "Luật Ban hành văn bản quy phạm pháp luật số …": a type word inside a law's name is not its type
        for word in reversed(words):
            doc_type, gap = _canonical_type(word.group("type"), number), window[word.end():]
            if _in_phap_luat(window, word):
                continue
            if doc_type in NAMED_TYPES and _NAME_BEFORE_NUMBER.match(gap):
                name_end = gap.rfind(" số") if " số" in gap else gap.rfind(" Số")
                return window_start + word.start(), doc_type, doc_type + gap[:name_end].rstrip(" ,")
    if previous and grammar.ENUM_GAP.match(t[floor:number_start].strip()):
        # "Quyết định số 217-QĐ/TW và 218-QĐ/TW"; an item whose code names its type keeps it
        # ("văn bản số 554/TTr-BCA …, 2529/BC-BCA …": a Tờ trình, then a Báo cáo)
        return number_start, type_from_number(number) or previous[-1].doc_type, None
    return number_start, None, None


@cache
def _list_head() -> re.Pattern[str]:
    """"Căn cứ các Nghị quyết của Quốc hội: số 55/2010/QH12 …; số 28/2016/QH14 …": a list head
    whose type the numbers listed under it share."""
    return re.compile(rf"(?<!\w)các (?P<type>{grammar.alternation(grammar.type_word_names())})"
                      r"(?: của [^:;\n]{2,60}?)?: ?", re.IGNORECASE)


_LIST_ITEM_NUMBER = re.compile(r"[:;,] ?[Ss]ố:? ?$")  # a number that opens an item of a list


def _list_head_type(t: str, number_start: int, number: str) -> str | None:
    """The type a list head on the same line gives the number at ``number_start``, an item of it."""
    if not _LIST_ITEM_NUMBER.search(t, max(0, number_start - 8), number_start):
        return None
    line_start = t.rfind("\n", max(0, number_start - _LIST_REACH), number_start) + 1
    head = grammar.last_match(_list_head().finditer(t, max(line_start, number_start - _LIST_REACH), number_start))
    return _canonical_type(head.group("type"), number) if head else None


_LIST_REACH = 600  # a list head and the items before the number


def _coded_type(number: str) -> str | None:
    """The type a number's code names when the code stands before a registered organ's
    ("621/BC-BTC": Báo cáo of the Bộ Tài chính); a letter's "5330/CT-CS" (Cục Thuế, its
    department CS) names none."""
    code = issuer_code(number)
    return type_from_number(number) if code and issuer_from_code(code) else None


def _compound_head(window: str, words: list[re.Match[str]], number: str) -> re.Match[str]:
    """The type word that names the document: the last one, unless another stands right before it
    and the number's code names that one — "Thông báo kết luận số 30-TB/TGV" is a Thông báo (of
    conclusions); "hướng dẫn Nghị định số 77/2025/NĐ-CP" stays a Nghị định."""
    last = words[-1]
    if len(words) > 1:
        head = words[-2]
        if window[head.end():last.start()] == " " and type_from_number(number) == _canonical_type(head.group("type")):
            return head
    return last


def _in_phap_luat(window: str, word: re.Match[str]) -> bool:
    """The type word is the "luật" of "pháp luật" ("… văn bản quy phạm pháp luật số …"): no law's type."""
    return window.endswith("pháp ", 0, word.start())


def _canonical_type(word: str, number: str = "") -> str:
    """"Nghị định" from "nghị định"/"NGHỊ ĐỊNH"; "văn bản" (any document) is the type the code of
    ``number`` names ("văn bản số 621/BC-BTC": a Báo cáo, see :func:`_coded_type`), else a Công văn."""
    word = word[:1].upper() + word[1:].lower()
    return (_coded_type(number) or "Công văn") if word == "Văn bản" else word


def _date_and_issuer_after(t: str, c: Citation) -> None:
    """Extend ``c`` over the date and the issuer phrase that follow its number, in either order."""
    for _ in range(2):
        rest = t[c.end:c.end + 200]
        date = grammar.DATE_AFTER.match(rest)
        if date and c.date is None:
            c.date = grammar.iso_date(date)
            c.end += date.end()
            continue
        issuer = grammar.ISSUER_AFTER.match(rest)
        if issuer and c.issuer is None:
            phrase, length = issuer_phrase(rest, issuer)
            if phrase.strip():
                c.issuer = phrase.strip()
                c.end += issuer.start("issuer") + length
            continue
        break
    subject = grammar.SUBJECT_AFTER.match(t, c.end, min(len(t), c.end + 260))
    if subject:
        words = subject.group("subject").rstrip(" ,")
        c.subject = words[:1].upper() + words[1:]


def _named_laws(t: str, taken: list[Citation], low: str) -> list[Citation]:
    out = []
    spans = Spans(taken)
    starts = [c.start for c in taken]  # numbered citations, in order, none inside another
    for law in find_law_names(t, tones_folded=True, low=low):
        # An amending law's title may hold numbered citations of the laws it lists ("… của Luật Đất
        # đai số 31/2024/QH15, Luật Nhà ở …"): only its opening words must be free.
        opening = law.start + len("Luật sửa đổi") if law.amending_title else law.end
        if spans.overlaps(law.start, opening) or _a_bill(t, law.start, law.end):
            continue
        if law.amending_title:
            _leave_the_title_its_date(taken, starts, law.name_end)
        doc_type = next((ty for ty in (*NAMED_TYPES, "Nghị quyết") if law.name.startswith(ty)), None)
        c = Citation(start=law.start, end=law.end, text="", form="name", doc_type=doc_type, name=law.name,
                     date=law.date, as_cited_number=law.number)
        if law.year and not law.date:
            c.date = str(law.year)
        out.append(c)
        out += _more_years(t, law.end, c)
    return out


def _leave_the_title_its_date(taken: list[Citation], starts: list[int], list_end: int) -> None:
    """The date (and issuer) after an amending law's title are the amending law's: "… và Luật Các
    tổ chức tín dụng số 32/2024/QH15 ngày 29 tháng 6 năm 2024" is the date of the amending law
    43/2024/QH15, not of the last law its title lists, whose number ends at ``list_end``."""
    i = bisect_left(starts, list_end) - 1  # the last numbered citation that starts inside the title
    if i >= 0 and taken[i].end > list_end:
        taken[i].end, taken[i].date, taken[i].issuer = list_end, None, None


# A law still to be passed: "dự án Luật Viên chức", "DỰ THẢO LUẬT …", "Luật Quy hoạch (sửa đổi)" —
# a bill, not a document (and not the law in force of that name).
_BILL_BEFORE = re.compile(r"(?<!\w)(?:dự án|dự thảo) $", re.IGNORECASE)
_REVISED_AFTER = re.compile(r" ?\((?:sửa đổi|thay thế)\)", re.IGNORECASE)


def _a_bill(t: str, start: int, end: int) -> bool:
    """Whether the law named at ``t[start:end]`` is a bill (see above)."""
    return bool(_BILL_BEFORE.search(t, max(0, start - 8), start) or _REVISED_AFTER.match(t, end))


def _congress_resolutions(t: str, taken: list[Citation]) -> list[Citation]:
    spans = Spans(taken)
    return [c for c in find_congress_resolutions(t) if not spans.overlaps(c.start, c.end)]


_MORE_YEARS = re.compile(r"(?:,| và| hoặc) (?:năm )?(?P<y>(?:19|20)\d{2})(?!\d)")


def _more_years(t: str, pos: int, first: Citation) -> list[Citation]:
    """"Luật Doanh nghiệp năm 2000, 2005, 2014": one more law of the same name for each year."""
    out = []
    while m := _MORE_YEARS.match(t, pos):
        out.append(Citation(start=m.start("y"), end=m.end("y"), text="", form="name", doc_type=first.doc_type,
                            name=first.name, date=m.group("y")))
        pos = m.end()
    return out


def _aliases(t: str, taken: list[Citation]) -> list[Citation]:
    """Uses of a name the text defined for an earlier citation."""
    out: list[Citation] = []
    spans = Spans(taken)
    fulls = _FullCitations(taken)
    position = {id(c): i for i, c in enumerate(taken)}
    used: set[int] = set()  # where an alias use already starts (several definitions of one alias)
    # An alias never holds the ")" that ends its definition, so the uses after a later definition
    # of it are among those already collected: defining it again finds nothing new.
    collected: set[str] = set()
    for m in grammar.ALIAS.finditer(t):
        alias = m.group("alias").strip()
        if alias in collected:
            continue
        head = grammar.type_word().match(alias)
        if head is None:
            continue  # "(gọi tắt là tổ chức)" names something that is not a document
        owner = fulls.nearest_before(m.start(), _canonical_type(head.group("type")))
        if owner is None:
            continue
        collected.add(alias)
        for u in _alias_use(alias).finditer(t, m.end()):
            if not spans.overlaps(u.start(), u.end()) and u.start() not in used:
                used.add(u.start())
                out.append(Citation(start=u.start(), end=u.end(), text="", form="alias",
                                    doc_type=owner.doc_type, antecedent=position[id(owner)]))
    return out


def _alias_use(alias: str) -> re.Pattern[str]:
    """A use of ``alias``: the whole words, not followed by a number ("Kế hoạch 5" is another plan).

    The alias comes first and the look-behind after it, spanning it, checks that no word
    character precedes it: the engine can then search for the alias as a literal string.
    """
    return re.compile(rf"{re.escape(alias)}(?<!\w.{{{len(alias)}}})(?![\w/-])(?! ?(?:số|\d))")


@cache
def _bare_number() -> re.Pattern[str]:
    """A bare number that follows the last word of a type word and a space, "số " between them or
    not ("định 145", "Luật số 10"): most bare numbers follow no type word ("ngày 15", "khoản 2"),
    and each is turned away inside the engine: a digit after a space first, then one look-behind
    per word. The pattern opens with an ASCII digit, rarer than spaces, so the engine skips from
    digit to digit. A "số " before the number belongs to the match (:func:`_bare_start`); the type
    word itself is read after."""
    digit = grammar.ASCII_DIGIT
    words = [re.escape(w) for w in sorted(_type_last_words(), key=len, reverse=True)]
    behind = "|".join(rf"(?<=(?i:{w}) {digit})|(?<=(?i:{w} số) {digit})" for w in words)
    opening = rf"(?P<num>{digit}(?<= {digit})(?:{behind})"
    return re.compile(grammar.SHORT.pattern.replace(f"(?P<num>{digit}", opening, 1))


_SO = ("số ", "Số ")


@cache
def _type_word_before() -> re.Pattern[str]:
    """A type word ending right where a bare number starts ("Nghị định " in "Nghị định 145"); "\\Z",
    as "$" would also end before a line break."""
    return re.compile(grammar.type_word().pattern + r" (?:số )?\Z", re.IGNORECASE)


# A short form's number glued to the word before it, as PDF text often is: "Quy định số132".
# It opens with a letter of "số" so that the engine skips straight to that letter.
_GLUED_NUMBER = re.compile(r"ố(?P<bare>" + grammar.SHORT.pattern + ")")
# The next number of a list after a short form: "(Quy định 124, 132 và 11)". Each one ends the
# list or an item of it, so a count ("Kết luận 120, 3 nhiệm vụ") is not taken for a number.
_LIST_MORE = re.compile(r" {0,2}(?:,|;| và|, và) {0,2}(?!(?:19|20)\d\d(?!\d))(?P<num>\d{1,5})"
                        r"(?= {0,2}(?:[,;)]|và ))")


def _short_forms(t: str, taken: list[Citation]) -> list[Citation]:
    """"Nghị định 145", "Kết luận số 120", "Nghị quyết 02/TU": a type word and a bare number.

    Bare numbers are rare next to type words, so the scan looks for numbers first and only then
    for a type word just before each one.
    """
    out: list[Citation] = []
    spans = Spans(taken)
    serials = {serial for c in taken if c.form == "full" and (serial := _serial(c.as_cited_number))}
    bare_number = _bare_number()
    for bare, before in ((bare_number, _type_word_before()), (_GLUED_NUMBER, grammar.type_word_glued())):
        for m in bare.finditer(t):
            number_start = _bare_start(t, m.start()) if bare is bare_number else m.start("bare")
            head = before.search(t, max(0, number_start - 30), number_start)
            if head is None or spans.overlaps(head.start(), m.end()):
                continue
            doc_type = _canonical_type(head.group("type"))
            if _serial(m.group("num")) not in serials and _no_document(t, m, doc_type):
                continue
            out.append(Citation(start=head.start(), end=m.end(), text="", form="short", doc_type=doc_type,
                                as_cited_number=m.group("num") + (f"/{m.group('iss')}" if m.group("iss") else "")))
            out += _listed_after(t, m.end(), doc_type, spans)
    return out


# What a type word and a bare number name when they name no document: a project of a national
# programme ("Tiểu dự án 1 thuộc Dự án 7", "Ban Quản lý Dự án 85": data/doc_types.csv, short_form),
# a year ("Kế hoạch 2026" heading a table's column), the number of the next list item ("bãi bỏ các
# quyết định 1. Quyết định số 43/…", "QUYẾT ĐỊNH 1.⏎Quyết định số …"; a serial is written "06"), a
# count ("thông báo 02 lần", "Quyết định 03 cán bộ").
_A_YEAR = re.compile(r"(?:19[4-9]\d|20\d\d)(?!\d)")
_NEXT_ITEM = re.compile(r"[1-9]\d?[.)][ \t]*(?:\n|[A-ZĐÀ-Ỹ])")
_A_COUNT = re.compile(r" (?:lần|người|cán bộ|đơn vị|trường hợp|hộ|tỷ|triệu|nghìn)(?!\w)")


def _no_document(t: str, m: re.Match[str], doc_type: str) -> bool:
    """Whether the bare number after a type word names something else than a document (see above);
    the caller asks only when no full citation of the text has that serial."""
    if m.group("iss"):
        return False  # "Nghị quyết 02/TU": an issuer's code makes it a document's number
    number = m.group("num")
    return (doc_type in without_short_forms() or bool(_A_YEAR.fullmatch(number))
            or bool(_NEXT_ITEM.match(t, m.start("num"))) or bool(_A_COUNT.match(t, m.end())))


def _serial(number: str | None) -> int | None:
    """The serial a number opens with, as a number ("06" and "6" are one): "10/2022/QH15" → 10."""
    digits = re.match(r"\d{1,5}", number or "")
    return int(digits.group()) if digits else None


@cache
def _type_last_words() -> frozenset[str]:
    """The last word of every type word, lower-case ("định" of "Nghị định")."""
    return frozenset(name.split()[-1].lower() for name in grammar.type_word_names())


def _bare_start(t: str, digits: int) -> int:
    """Where a bare number starting at ``digits`` starts as a short form reads it: at "số " when
    a space or a line break comes before that."""
    if digits >= 4 and t[digits - 3:digits] in _SO and t[digits - 4] in " \n":
        return digits - 3
    return digits


def _listed_after(t: str, pos: int, doc_type: str, spans: Spans) -> list[Citation]:
    """The bare numbers that continue a list opened by a short form."""
    out = []
    while (m := _LIST_MORE.match(t, pos)) and not spans.overlaps(m.start("num"), m.end()):
        out.append(Citation(start=m.start("num"), end=m.end(), text="", form="short", doc_type=doc_type,
                            as_cited_number=m.group("num")))
        pos = m.end()
    return out


class _FullCitations:
    """Full citations by type, to find the nearest one before a place in logarithmic time."""

    def __init__(self, cites: list[Citation]) -> None:
        self.all = sorted((c for c in cites if c.form == "full"), key=lambda c: c.start)
        self.by_type: dict[str | None, list[Citation]] = {}
        for c in self.all:
            self.by_type.setdefault(c.doc_type, []).append(c)

    def nearest_before(self, pos: int, doc_type: str) -> Citation | None:
        """The last one starting before ``pos`` of type ``doc_type`` ("Luật", "Văn bản": any type)."""
        group = self.all if doc_type in ("Luật", "Văn bản") else self.by_type.get(doc_type, [])
        i = bisect_left(group, pos, key=lambda c: c.start)
        return group[i - 1] if i else None
