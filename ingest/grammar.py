"""The citation grammar: regular expressions for document numbers, type words, dates and pinpoints.

Patterns follow the three numbering systems (normative ``04/2015/NĐ-CP``, administrative
``191/KH-UBND``, party ``30-CT/TW``) and run on ``SourceText.match_text`` (NFC, one tone-mark
convention, look-alike letters folded). Every quantifier is bounded or over a single character
class, so matching stays linear on hostile input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

from luocdo.ingest.doctypes import type_names

_UP = "A-ZĐƯƠÂÊÔĂ"
_CODE = rf"[{_UP}][A-Za-zĐđƯưƠơ0-9&]{{0,12}}"
_PARTY_ISSUER = r"(?:T\.Ư|T\.W|TƯ|TW|[A-ZĐ][A-Za-zĐđƯư]{0,10}(?:TW|TU|HU|QU|ĐU|ThU)|TU|HU|QU|ThU|ĐU|CB|BCĐ)"

# A code with dotted parts: "V.I" in "11554/VPCP-V.I", "CCTKV.05" in "4814/CCTKV.05-TTKT3".
_PART = rf"{_CODE}(?:\.[{_UP}0-9][A-Z0-9]{{0,7}}){{0,2}}"
# A code in capitals alone (two at least; "g" of TTg): "UBDNGS15", "BGDĐT", "CTTg"; not "A" or "Ban".
_CAPITALS = rf"[{_UP}][{_UP}0-9&]{{1,12}}g?(?:\.[{_UP}0-9][A-Z0-9]{{0,7}}){{0,2}}"
_NOT_PARTY_BARE = r"(?!(?:TU|TW|T\.Ư|TƯ|ThU|HU|QU|ĐU|CP|TTg)(?![\w.-]))"

# Document numbers are written in ASCII digits (clean-up turns full-width ones into them; digits of
# other scripts number no Vietnamese document): scans for a number open with [0-9], which the engine
# tests faster than \d, the class of every script's digits.
ASCII_DIGIT = "[0-9]"
NUMBER = re.compile(
    r"(?<![\w/.-])(?:"
    # normative: 04/2015/NĐ-CP, 10/2022/QH15, 34/2007/PL-UBTVQH11, 01/2014/NQLT/CP-UBTƯMTTQVN
    # (a joint circular written so too: 88/2016/TTLT/BTC-BTNMT, for 88/2016/TTLT-BTC-BTNMT);
    # with the slash after the year dropped: 49/2025TT-BCT, 10/2022QH15
    # a space or a line break around a slash, as PDF lines and typists leave them: "112 /2024/NĐ-CP",
    # "102 /2025 /QĐ-CTUBND", "409⏎/TTr-SVHTTDL"
    rf"(?P<norm>\d{{1,5}}[ \n]?/(?:19|20)\d{{2}}(?: ?/(?:NQLT/|TTLT/)?{_CODE}(?:- ?{_CODE}){{0,4}}"
    rf"|{_CODE}-{_CODE}(?:-{_CODE}){{0,3}}|(?:UBTV)?QH\d{{2}}))"
    # party: 30-CT/TW, 11-QĐi/TW, 05-KH/ThU, 1231-KL/TU; a unit joined by a hyphen (05-HD/BTGTU-BDVTU);
    # a third part (919-CV/VPTW/nb); the same shape used outside the Party (07-TB/CQTTBCĐ, 89-TC/TCT)
    rf"|(?P<party>\d{{1,5}} ?[-–] ?{_CODE} ?/ ?(?:{_PARTY_ISSUER}(?:-{_PART}){{0,2}}(?:/[A-Za-zĐđ]{{1,8}})?"
    rf"|{_PART}(?:-{_PART}){{0,2}}))"
    # party with swapped separators: 30/CT-TW, 11/QĐi-TW
    rf"|(?P<swap>\d{{1,5}}/{_CODE}-(?:TW|T\.Ư|TƯ))"
    # administrative: 191/KH-UBND, 5451/UBND-CNXD, 33/CT-TTg, 127/TTr - HĐQT, 11554/VPCP-V.I
    rf"|(?P<admin>\d{{1,5}}[ \n]?/{_PART} ?- ?{_PART}(?:- ?{_PART}){{0,3}})"
    # no type code, after "số": "Văn bản số 1691/UBDNGS15", "Công văn số 6006/BGDĐT"
    rf"|(?=\d)(?:(?<=số )|(?<=Số ))(?<!ẫu số )(?<!iểu số )(?P<bare>\d{{1,5}}/{_NOT_PARTY_BARE}{_CAPITALS})"
    # 1990s national numbers: "Nghị định số 169-CP", "Nghị định 101/CP"
    r"|(?P<old>\d{1,4}[-/](?:CP|TTg|HĐBT))"
    r")(?:(?![\w/])|(?=ngày))"  # "381/ĐA-CPngày 09 tháng 5": the space before the date lost
)


# Repairs of a number as written (numbering.md §6). A footnote mark glued to a code that never
# ends in digits: "59/2023/NĐ-CP1"; to a term, a third digit: "13/2008/QH112". Not HĐND/UBND:
# some councils write their term there ("191/2015/NQ-HĐND17", Bắc Ninh).
_FOOTNOTE = re.compile(r"(?<=[-/])(?P<code>CP|TTg|TW|VPCP|B(?!CĐ)[A-ZĐ]{1,6}|QH1\d)\d{1,2}$")
_GLUED_YEAR = re.compile(r"^(\d{1,5}/(?:19|20)\d{2})(?=[A-ZĐ])")
# "27/CTTg": Chỉ thị of the Thủ tướng with the hyphen (and a T) dropped
_GLUED_CODES = re.compile(r"^(\d{1,5}/)(CT|QĐ|NQ|KH|TB|CV|TTr)(T?Tg|CP|UBND)$")
_JOINT_CIRCULAR = re.compile(r"^(\d{1,5}/(?:19|20)\d\d/TTLT)/")  # "88/2016/TTLT/BTC-BTNMT"
_INTERNAL_MARK = re.compile(r"^(\d{1,5}-[^/]{1,12}/[^/]{1,20})/[a-zđ]{1,8}$")  # "…/VPTW/nb": nội bộ


@lru_cache(maxsize=4096)  # a document writes the same few numbers many times
def repaired(number: str) -> str:
    """``number`` with a glued footnote digit, a dropped slash or hyphen, or an internal mark undone."""
    number = _GLUED_YEAR.sub(r"\1/", number)
    number = _INTERNAL_MARK.sub(r"\1", number)
    number = _JOINT_CIRCULAR.sub(r"\1-", number)
    number = _GLUED_CODES.sub(_hyphenated, number)
    return _FOOTNOTE.sub(lambda m: m.group("code"), number)


def _hyphenated(m: re.Match[str]) -> str:
    issuer = "TTg" if m.group(3).endswith("Tg") else m.group(3)
    return f"{m.group(1)}{m.group(2)}-{issuer}"


# "Nghị quyết 02/TU": a short form with the issuer code but no type code (numbering.md §5).
SHORT = re.compile(
    rf"(?P<num>{ASCII_DIGIT}\d{{0,4}})(?:/(?P<iss>TU|TW|ThU|HU|QU|ĐU))?"
    r"(?![\w/-]|[.,]\d| (?:tháng|năm|ngày|tuần|quý|kỳ))"
)

_DAY_MONTH_YEAR = r"(?P<d>\d{1,2}) ?[/.-] ?(?P<m>\d{1,2}) ?[/.-] ?(?P<y>(?:19|20)\d{2})"
_SPELLED = r"(?P<d2>\d{1,2}) tháng (?P<m2>\d{1,2}) năm (?P<y2>(?:19|20)\d{2})"
# Titles write them in capitals too: "NGHỊ ĐỊNH SỐ 08/2015/NĐ-CP NGÀY 21 THÁNG 01 NĂM 2015 CỦA CHÍNH PHỦ".
DATE_AFTER = re.compile(rf"^[ ,]{{0,3}}(?:ban hành |ký )?(?:ngày|ngay) ?(?:{_DAY_MONTH_YEAR}|{_SPELLED})",
                        re.IGNORECASE)
ISSUER_AFTER = re.compile(r"^[ ,]{0,3}(?:của|do) (?P<issuer>[^;:.()\n]{3,90})", re.IGNORECASE)
# What a citation says its document is about, after its date and issuer ("… của Chính phủ quy định chi
# tiết …;"): up to the end of the clause, never into the next citation.
SUBJECT_AFTER = re.compile(
    r"[ ,]{0,3}(?P<subject>(?:về|quy định(?! tại)|hướng dẫn|phê duyệt|ban hành|sửa đổi, bổ sung) [^;:()\n“”]{3,220}?)"
    r"(?=\s*(?:[;:)\n]|\.(?:\s|$)|$|,\s*(?:và\s+)?(?:[A-ZĐ]|số\s)|\s+và\s+(?:[A-ZĐ]|số\s)))"
)
# Where an issuer phrase ends: the subject ("về …", "Về …", "VỀ …": a subject opens in any case) or
# the next clause, in lower case or in a title's capitals (not in title case: "Cục Việc làm" is an organ).
ISSUER_END = re.compile(
    r",|(?i: về | ban hành| quy định| hướng dẫn| phê duyệt| sửa đổi| v/v)"
    r"| triển khai| thực hiện| và | tại | trong | đối với| việc | khóa [IVXL]"
    r"| TRIỂN KHAI| THỰC HIỆN| VÀ | TẠI | TRONG | ĐỐI VỚI"
)
PINPOINT_BEFORE = re.compile(
    r"(?P<pin>(?:điểm [a-zđ]\)?,? )?(?:khoản \d{1,3},? )?(?:Điều|điều) \d{1,3}[a-z]?"
    r"|(?:Chương|chương|Mục|mục|Phần|phần) [IVXLC\d]{1,6}|(?:Phụ lục|phụ lục) [IVXLC\d]{1,6})"
    r"(?: (?:của|tại))? $"
)
# Every pinpoint holds one of these words and a space. Most citations have no pinpoint, so this
# cheap test goes first: PINPOINT_BEFORE is tried at every place of the window.
_PINPOINT_WORD = re.compile(r"(?:Điều|điều|Chương|chương|Mục|mục|Phần|phần|Phụ lục|phụ lục) ")
ALIAS = re.compile(r"\((?:sau đây )?(?:gọi|viết) tắt là:? ?[“\"]?(?P<alias>[^()“”\"\n]{2,60}?)[”\"]?\)")
ENUM_GAP = re.compile(r"^(?:[ ,;]|và|hoặc|cùng|các|số|:){0,8}$")


# Where a document number can start, as every NUMBER alternative says: a run of at most five
# digits with no letter, digit, "/", "." or "-" before it, then a separator and a digit or a
# capital. The engine skips straight to digits here, while NUMBER, which opens with a look-behind,
# is tried at every place of the text.
_NUMBER_START = re.compile(rf"{ASCII_DIGIT}(?<![\w/.-]{ASCII_DIGIT})(?=\d{{0,4}}[ \n]?[-–/] ?[\d{_UP}])")


def find_numbers(t: str) -> Iterator[re.Match[str]]:
    """The matches of ``NUMBER.finditer(t)`` that open with an ASCII digit (:data:`ASCII_DIGIT`),
    found faster: NUMBER is tried only where such a number can start."""
    pos = 0
    for hint in _NUMBER_START.finditer(t):
        if hint.start() >= pos and (m := NUMBER.match(t, hint.start())):
            yield m
            pos = m.end()


@cache
def type_word() -> re.Pattern[str]:
    """Type words as they open a citation ("Nghị định", "Quy định", "văn bản"), any case."""
    return re.compile(rf"(?<!\w)(?P<type>{alternation(type_word_names())})(?!\w)", re.IGNORECASE)


@cache
def type_word_glued() -> re.Pattern[str]:
    """A type word and "số" ending where a number glued to it starts: "Quy định số132". (A number
    glued to the type word itself is most often a footnote mark: "Điều lệ8".)"""
    return re.compile(rf"(?<!\w)(?P<type>{alternation(type_word_names())}) ?số$", re.IGNORECASE)


def type_word_names() -> list[str]:
    """The type words :func:`type_word` reads (in any case), longest first."""
    return sorted({*type_names(), "Văn bản", "Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp", "Nghị định",
                   "Thông tư", "Công điện", "Kết luận", "Thông tri"}, key=len, reverse=True)


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, tried in the order given, grouped by first letter.

    ``"Nghị quyết|Nghị định|Luật"`` becomes ``"N(?:ghị quyết|ghị định)|L(?:uật)"``: the engine
    then tests a dozen first letters at each place instead of every word, which matters most
    under re.IGNORECASE. It matches exactly as the flat alternation does as long as no character
    matches two of the first letters, as holds for the Vietnamese words this module lists.
    """
    by_letter: dict[str, list[str]] = {}
    for word in words:
        by_letter.setdefault(word[:1].lower(), []).append(word)
    return "|".join(
        re.escape(group[0][:1]) + "(?:" + "|".join(re.escape(w[1:]) for w in group) + ")"
        for group in by_letter.values()
    )


def pinpoint_before(t: str, start: int) -> str | None:
    """The pinpoint written just before ``start`` ("khoản 2 Điều 85 của ", "Chương V "), if any."""
    window = t[max(0, start - 60):start]
    if not _PINPOINT_WORD.search(window):
        return None
    m = PINPOINT_BEFORE.search(window)
    return m.group("pin") if m else None


def iso_date(m: re.Match[str]) -> str | None:
    """ISO date from a match of :data:`DATE_AFTER` (None when day or month is out of range)."""
    d, mo, y = (m.group("d"), m.group("m"), m.group("y")) if m.group("y") else (
        m.group("d2"), m.group("m2"), m.group("y2"))
    day, month = int(d), int(mo)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return f"{y}-{month:02d}-{day:02d}"


def family(number: str) -> str:
    """"normative", "party" or "administrative" from the shape of a canonical number."""
    if re.match(r"\d+/(?:19|20)\d{2}/", number):
        return "normative"
    if re.match(r"\d+-[^/]+/", number):  # 30-CT/TW; "61-CP" (1994) is the State's older form
        return "party"
    return "administrative"


def last_match(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    """The last of ``matches`` (the nearest one before a position, when scanning a window)."""
    found = None
    for found in matches:  # noqa: B007 - only the last one is wanted
        pass
    return found
