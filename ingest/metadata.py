"""Document metadata from cleaned text: type, number, issuer, place, date, title, signer, recipients.

Real headers come in two columns flattened into lines, often broken mid-word
("ỦY BAN NHÂN ⏎ DÂN ⏎ TỈNH BẮC NINH"); many plans have no issuer header at all and name their
issuer only in the body ("UBND xã Hưng Đạo ban hành Kế hoạch …"). Each field is read by its own
small function, from the most reliable place first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import chain

from luocdo.ingest.doctypes import heading_pattern, type_for_code
from luocdo.ingest.enacting import enacting_block, without_enacting
from luocdo.ingest.issuers import Issuer, issuer_code, issuer_from_code, parse_issuer
from luocdo.ingest.models import Document, Place, SourceText
from luocdo.ingest.place_mentions import find_places
from luocdo.ingest.places import level_of_unit, resolve_place

_HEAD_CHARS = 3000  # the header block of every real document fits in this
_NATIONAL_MOTTO = re.compile(r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA|ĐẢNG CỘNG SẢN VIỆT NAM|Độc lập ?- ?Tự do")
# The document's own "Số: 191/KH-UBND" ("Luật số: 50/2019/QH14" on a law) — capital S: "số" in
# running text belongs to a citation.
# Also "Nghị quyết số: 101/2025/UBTVQH15" (a type name, then "số:" at a line start) and numbers
# with a space by the slash ("Số: 9476 /BNNMT-CNTY").
_NUMBER = re.compile(
    r"(?<![\w])(?:(?:Số|SỐ)\s*:?|(?:Luật|LUẬT) (?:số|SỐ)\s*:|(?m:^)[A-ZĐÀ-Ỹ][^\W\d]*(?: [^\W\d]+){0,3} (?:số|SỐ)\s*:)"
    # the State's older numbers have no slash: "Số: 61-CP" (1994)
    r"[ \n]*(?P<token>[\w.\-]* ?/ ?[\w.\-/]*|\d{1,4}-(?:CP|TTg|HĐBT)(?!\w))"
)
_DAY = (r"(?:(?P<d>\d{1,2})[ .…]*tháng[ .…]*(?P<m>\d{1,2})?[ .…]*năm[ .…]*(?P<y>(?:19|20)\d{2})"
        r"|(?P<d2>\d{1,2})[/.-](?P<m2>\d{1,2})[/.-](?P<y2>(?:19|20)\d{2})"
        r"|[ .…]*tháng[ .…]*(?P<m3>\d{1,2})?[ .…]*năm[ .…]*(?P<y3>(?:19|20)\d{2}))")
_DATE_LINE = re.compile(r"(?m)(?:^|(?<= ))(?P<place>[^\n,]{2,40}),\s*ngày\s*" + _DAY)
# Its part from the comma on: a match's place ends at the first comma after its start, so every
# match ends in one of these, and the scan jumps from comma to comma.
_DATE_TAIL = re.compile(r",\s*ngày\s*" + _DAY)
# Without its comma only right after the number line ("Số: 87/2025/NĐ-CP Hà Nội ngày 11 tháng 4 năm
# 2025"): in a body "… tỉnh Hà Tĩnh ngày …" is a cited document's date.
_DATE_AFTER_NUMBER = re.compile(r"(?m)^[ *]*Số\s*:?[^\n]{0,40}?\s"
                                r"(?P<place>[A-ZĐÀ-Ỹ][^\W\d]*(?: [A-ZĐÀ-Ỹ][^\W\d]*){0,3})\s+ngày\s*" + _DAY)
# "… năm 2023" in a title, but not the year of a cited document's date ("tháng 12 năm 2024").
_TITLE_YEAR = re.compile(r"(?<!tháng \d )(?<!tháng \d\d )\bnăm (?P<y>(?:19|20)\d{2})\b")
_ISSUING_VERB = (
    r"\s+(?:ban hành|xây dựng|triển khai|đề ra|thông báo|báo cáo)\s+"
    r"(?:[Kk]ế hoạch|[Qq]uyết định|[Cc]hỉ thị|[Nn]ghị quyết|[Hh]ướng dẫn|[Cc]hương trình|[Tt]hông báo|[Bb]áo cáo)"
)
_BODY_ISSUER = re.compile(
    r"(?P<issuer>(?:Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND|Ban Thường vụ|Ban Chấp hành|BCH|Thường trực"
    r"|Ban [Cc]hỉ đạo|Đảng ủy|Tỉnh ủy|Thành ủy|Huyện ủy|Thị ủy|Quận ủy|Chủ tịch|Sở|Bộ|Chính phủ"
    r"|Thủ tướng)[^,;.()\n]{0,60}?)" + _ISSUING_VERB
)
_SIGNING_ORGAN = re.compile(r"^(?:TM|T/M)\.?\s+(?P<organ>.+)$")
_SIGN_PREFIX = re.compile(r"^(?:TM|T/M|KT|TL|TUQ|Q|QUYỀN)\.?\s+")
_PERSON = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?: [A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,5}$")
# "(?m)^Nơi nhận\s*:?\s*$|^Nơi nhận\s*:", opening with the words and looking behind them for the
# line start: the engine skips to "Nơi nhận" instead of trying "^" at every character.
_RECIPIENTS = re.compile(r"(?m)Nơi nhận(?<=^Nơi nhận)(?:\s*:?\s*$|\s*:)")


def read_metadata(text: SourceText, sha256: str | None = None) -> Document:
    """Everything luocdo can tell about the document ``text`` holds."""
    t = text.match_text  # one tone-mark convention, same offsets as text.text
    head = t[:_HEAD_CHARS]
    number, symbol = _number(head)
    date, place_name = _date_line(head)
    doc_type, title = _type_and_title(text.text[:_HEAD_CHARS], t[:_HEAD_CHARS])
    if doc_type is None and _LETTER_SUBJECT.search(head):
        doc_type = "Công văn"
    elif doc_type is None and symbol:
        doc_type = _type_from_symbol(symbol, head)
    elif symbol and symbol.startswith("VBHN") and doc_type != _CONSOLIDATED:
        # A consolidated text repeats the heading of the act it consolidates ("THÔNG TƯ …"): its
        # symbol says what it is; the act's type stays at the head of its title.
        doc_type, title = _CONSOLIDATED, " ".join(w for w in (doc_type, title) if w)
    if date is None and title:
        m = _TITLE_YEAR.search(title)
        date = m.group("y") if m else None
    context = _context_place(t, text.match_lower, place_name)
    issuer = _issuer(t, number, context, date)
    signer, position = _signature(text.text)
    place = issuer.place if issuer and issuer.place else None
    return Document(
        source=text.source,
        type=doc_type,
        number=number,
        symbol=symbol,
        issuer=issuer.name if issuer else None,
        branch=issuer.branch if issuer else _branch_from_symbol(symbol),
        level=issuer.level if issuer else None,
        province=place.province if place else None,
        district=place.district if place else None,
        commune=place.commune if place else None,
        province_now=place.province_now if place else None,
        commune_now=place.commune_now if place else None,
        date=date,
        place_name=place_name,
        title=title,
        signer=signer,
        signer_position=position,
        recipients=_recipients(text.text),
        sha256=sha256,
    )


def _number(head: str) -> tuple[str | None, str | None]:
    """("191/KH-UBND", "KH-UBND") from "Số: 191/KH-UBND"; (None, "KH-UBND") from "Số: /KH-UBND"."""
    m = _NUMBER.search(head)
    if not m or not m.group("token").strip("/-."):
        return None, None
    token = m.group("token").rstrip(".").replace(" ", "")
    digits = re.match(r"\d+", token)
    if digits is None:
        return None, token.lstrip("/-") or None
    rest = token[digits.end():]
    if not rest:
        return None, None
    symbol = rest.lstrip("/-")
    if re.match(r"(?:19|20)\d{2}/", symbol):  # normative: the year is part of the number
        symbol = symbol[5:]
    return token, symbol or None


def _date_line(head: str) -> tuple[str | None, str | None]:
    """ISO date (partial when the text leaves day or month blank) and the place of the date line."""
    for m in chain(_date_lines(head), _DATE_AFTER_NUMBER.finditer(head)):
        place = _trailing_proper_name(m.group("place"))
        if not place:
            continue
        if m.group("y"):
            return _iso(m.group("y"), m.group("m"), m.group("d")), place
        if m.group("y2"):
            return _iso(m.group("y2"), m.group("m2"), m.group("d2")), place
        return _iso(m.group("y3"), m.group("m3"), None), place
    return None, None


def _date_lines(head: str) -> Iterator[re.Match[str]]:
    """``_DATE_LINE.finditer(head)``, found from the tails: trying the pattern at every line start
    and space costs more than the rest of the metadata."""
    pos = 0  # where finditer would search from
    for tail in _DATE_TAIL.finditer(head):
        start = _place_start(head, pos, tail.start())
        if start is not None:
            m = _DATE_LINE.match(head, start)  # matches: the place runs from start to the comma
            if m is not None:
                yield m
                pos = m.end()


def _place_start(head: str, pos: int, comma: int) -> int | None:
    """The first start from ``pos`` on whose place ends at ``comma``: at a line start or after a
    space, 2 to 40 characters before it, with no line break or comma between."""
    lo = max(pos, comma - 40)
    lo = max(lo, head.rfind("\n", lo, comma) + 1, head.rfind(",", lo, comma) + 1)
    for start in range(lo, comma - 1):
        if start == 0 or head[start - 1] in " \n":
            return start
    return None


def _trailing_proper_name(words: str) -> str | None:
    """"Hồng Lĩnh" from "Số: /KH-UBND Hồng Lĩnh" (a two-column header flattened onto one line)."""
    kept: list[str] = []
    for word in reversed(words.strip(" *-").split()):
        if not word[:1].isupper() or "/" in word or len(kept) == 5:
            break
        kept.insert(0, word)
    return " ".join(kept) or None


def _iso(year: str, month: str | None, day: str | None) -> str:
    if not month or not 1 <= int(month) <= 12:
        return year
    if not day or not 1 <= int(day) <= 31:
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _type_and_title(head: str, folded_head: str) -> tuple[str | None, str | None]:
    """The capitalised type heading ("KẾ HOẠCH") and the title lines under it."""
    m = heading_pattern().search(folded_head)
    if m is None:
        vv = re.search(r"(?m)(?:^|\s)(?:V/v|v/v|Về việc)\s+(?P<subject>.+)$", head)
        return None, vv.group("subject").strip() if vv else None
    doc_type = m.group("type").capitalize()
    lines = [head[m.start("rest"):m.end("rest")].strip()]
    rest = head[m.end():].split("\n")[1:]
    if not lines[0] and rest:
        lines = [rest.pop(0).strip()]
    lines[0] = _capital_title(lines[0])
    if lines[0].isupper():  # capitalised titles run over several lines
        while rest and rest[0].strip().isupper() and not _NATIONAL_MOTTO.search(rest[0]):
            lines.append(rest.pop(0).strip())
        if next((r.strip() for r in rest if r.strip()), "").startswith(("Căn cứ", "CĂN CỨ")):
            lines = without_enacting(lines)
    title = " ".join(line for line in lines if line)
    return _type_name(doc_type), title or None


_FIRST_BASIS = re.compile(r"(?m)^[ *\-–•]*Căn cứ ")


# The old law heading "LUẬT CỦA QUỐC HỘI NƯỚC CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM SỐ 28/2001/QH10 VỀ …"
_OLD_LAW_HEADING = re.compile(r"^CỦA [^\n]{2,80}? SỐ:? ?\S+"
                              r"(?: NGÀY (?:\d{1,2} THÁNG \d{1,2} NĂM \d{4}|\d{1,2}/\d{1,2}/\d{4}))?\s+(?=\S)")


def _capital_title(line: str) -> str:
    """A capitalised title without the old law heading's "CỦA … SỐ N/…", cut where a body flattened
    onto its line begins ("… VỀ DI SẢN VĂN HOÁ Di sản văn hoá Việt Nam là …")."""
    line = _OLD_LAW_HEADING.sub("", line)
    words = line.split(" ")
    if not words or not words[0].isupper():
        return line
    upper = 0
    while upper < len(words) and not any(ch.islower() for ch in words[upper]):
        upper += 1
    return " ".join(words[:upper]) if 1 < upper < len(words) else line


def _type_name(heading: str) -> str:
    """"Kế hoạch" from "Kế hoạch"/"KẾ HOẠCH" (str.capitalize lowercases the rest already)."""
    return heading[:1].upper() + heading[1:].lower()


_CONSOLIDATED = "Văn bản hợp nhất"  # doc_types.csv: VBHN
# An official letter has no type heading; its subject stands under its number as "V/v …" (ND 30/2020
# Phụ lục I): "Số: 5330/CT-CS ⏎ V/v Chính sách thuế TNCN" is a letter of the Tax Department (Cục
# Thuế, CT), not a Chỉ thị (whose code CT it shares).
_LETTER_SUBJECT = re.compile(r"(?m)(?:^|\s)[Vv]/v\b")

# Acts of the National Assembly are numbered N/YYYY/QHnn whatever their type; the type is the one
# the text names (numbering.md §2.1).
_QH_SYMBOL = re.compile(r"QH\d*$")
_QH_TYPES = (("HIẾN PHÁP", "Hiến pháp"), ("BỘ LUẬT", "Bộ luật"), ("NGHỊ QUYẾT", "Nghị quyết"))


def _type_from_symbol(symbol: str, head: str = "") -> str | None:
    if _QH_SYMBOL.match(symbol):
        return next((name for word, name in _QH_TYPES if word in head), "Luật")
    code = re.split(r"[-/]", symbol)[0]  # "KH" of "KH-UBND" and of the party "KH/ThU"
    name = type_for_code(code)
    if name is None and issuer_from_code(code) is not None:
        return "Công văn"  # state letters: ISSUER-UNIT with no type code
    return name


def _branch_from_symbol(symbol: str | None) -> str | None:
    if not symbol or "/" not in symbol:
        return None
    code = issuer_from_code(symbol.rsplit("/", 1)[1])
    return code.branch if code else None


def _issuer(t: str, number: str | None, context: Place | None, date: str | None) -> Issuer | None:
    """The issuer from the header, else from the body's "X ban hành Kế hoạch", else the number's symbol."""
    for phrase in (_issuer_header(t), _enacting_organ(t), _body_issuer(t), _signature_organ(t)):
        if phrase:
            issuer = parse_issuer(phrase, context=context, on=date)
            if issuer is not None:
                return issuer
    code = issuer_code(number) if number else None
    return parse_issuer(code, context=context, on=date) if code else None


def _issuer_header(t: str) -> str | None:
    """Upper-case lines before the national motto, joined: "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"."""
    m = _NATIONAL_MOTTO.search(t[:_HEAD_CHARS])
    if m is None:
        return None
    lines = [ln.strip(" -*_") for ln in t[:m.start()].split("\n")]
    words = " ".join(ln for ln in lines if ln and ln.isupper() and not ln.startswith("SỐ"))
    return words or None


def _enacting_organ(t: str) -> str | None:
    """The line that names who enacts, right before the first "Căn cứ": "QUỐC HỘI", "CHÍNH PHỦ",
    "BỘ TRƯỞNG BỘ TÀI CHÍNH" (a resolution whose header lost its issuer block still has it)."""
    m = _FIRST_BASIS.search(t, 0, _HEAD_CHARS * 2)
    lines = [ln.strip(" -*_") for ln in t[:m.start()].split("\n") if ln.strip(" -*_")] if m else []
    block = enacting_block(["", *lines])  # the text's first line has nothing before it to go on from
    return " ".join(lines[-block:]) if block else None


def _body_issuer(t: str) -> str | None:
    m = _BODY_ISSUER.search(t[: _HEAD_CHARS * 2])
    return m.group("issuer").strip() if m else None


def _signature_organ(t: str) -> str | None:
    """"ỦY BAN NHÂN DÂN" from a closing "TM. ỦY BAN NHÂN DÂN" line."""
    for line in reversed(t[-1500:].split("\n")):
        m = _SIGNING_ORGAN.match(line.strip())
        if m:
            return m.group("organ")
    return None


def _signature(text: str) -> tuple[str | None, str | None]:
    """The signer's name and position from the closing block."""
    lines = [ln.strip() for ln in text[-1500:].split("\n") if ln.strip()]
    for i in range(len(lines) - 1, 0, -1):
        if _PERSON.match(lines[i]) and lines[i - 1].isupper():
            position = _SIGN_PREFIX.sub("", lines[i - 1]).strip()
            return lines[i], position or None
    return None, None


def _recipients(text: str) -> list[str]:
    m = _RECIPIENTS.search(text)
    if m is None:
        return []
    out: list[str] = []
    for line in _lines_from(text, m.end()):
        line = line.strip()
        if not line:
            continue
        if not line.startswith(("-", "+", "•")):
            if out:
                break
            continue
        item = line.lstrip("-+• ").rstrip(" ;,.")
        if item:
            out.append(item)
    return out


def _lines_from(text: str, start: int) -> Iterator[str]:
    """``text[start:].split("\\n")``, a line at a time: the recipients end long before the text."""
    while (end := text.find("\n", start)) != -1:
        yield text[start:end]
        start = end + 1
    yield text[start:]


# The place a document is about shows in its first pages (the issuer's header, the units it
# addresses); counting mentions beyond them costs time per MB and changes no answer on the corpus
# and seeds: 574 texts, 319 of them longer than this, read the same with any window down to 4,000
# characters (first change at 2,000).
_PLACE_WINDOW = 10_000


def _context_place(t: str, low: str, place_name: str | None) -> Place | None:
    """The unit the document is most about: the most-mentioned province, district and commune
    in its first :data:`_PLACE_WINDOW` characters (``low``: ``t`` in lower case)."""
    by_level: dict[str, Counter[str]] = {"province": Counter(), "district": Counter(), "commune": Counter()}
    for mention in find_places(t[:_PLACE_WINDOW], low[:_PLACE_WINDOW]):
        level = level_of_unit(mention.kind, mention.name, None)
        by_level[level][f"{mention.kind} {mention.name}"] += 1
    district = _top(by_level["district"])
    commune = _top(by_level["commune"])
    province = _top_province(by_level["province"], commune or district)
    province_hint = province.split(" ", 1)[1] if province and province.startswith("tỉnh ") else province
    for name in (commune, district, province):
        if name:
            place = resolve_place(name, province=province_hint, district=district)
            if place is not None:
                return place
    if place_name:
        return resolve_place(place_name, province=province_hint, district=district)
    return None


def _top(counter: Counter[str]) -> str | None:
    return counter.most_common(1)[0][0] if counter else None


def _top_province(counter: Counter[str], unit: str | None) -> str | None:
    """The most-mentioned province; of several mentioned as often, the one that holds ``unit``
    (the most-mentioned commune or district), when the register places it in one of them: a
    guide of xã Lương Minh (Quảng Ninh) names "tỉnh Thanh Hóa" once, in an example, and "tỉnh
    Quảng Ninh" once."""
    ranked = counter.most_common()
    tied = [name for name, n in ranked if n == ranked[0][1]] if ranked else []
    if len(tied) > 1 and unit and (place := resolve_place(unit)) is not None and place.province:
        for name in tied:
            if name.removeprefix("tỉnh ").removeprefix("thành phố ") == place.province:
                return name
    return tied[0] if tied else None
