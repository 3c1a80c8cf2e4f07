"""Resolutions of Party congresses: documents cited by name, never by number.

"Thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng", "Nghị quyết Đại hội lần
thứ XIII của Đảng", "Nghị quyết Đại hội Đảng bộ thị xã Hồng Lĩnh, nhiệm kỳ 2020 – 2025": what a
plan most often carries out after the laws. Each congress passes one resolution, so the congress
names it: the national one by its ordinal, a local one by its Party organisation and its ordinal
or term. Find reads the words (:func:`find_congress_resolutions`); resolve gives the id
(:func:`congress_id`), qualifying "Đảng bộ tỉnh" with the citing document's place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from luocdo.ingest.models import Citation, Place
from luocdo.ingest.places import KINDS, LEVEL_KINDS

_UP = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# The level a unit's kind names, the highest when two do ("thành phố": a province; see congress_id).
_LEVEL_OF_KIND = {kind: level for level, kinds in reversed(LEVEL_KINDS.items()) for kind in kinds}
_KINDS = KINDS
# Where one can start: the engine finds a pattern that opens with a literal fast (an alternation
# first is tried at every place), and most texts name no congress.
_HINTS = (re.compile(r"uyết [Đđ]ại "), re.compile(r"UYẾT ĐẠI "))
_HINT_OFFSET = len("Nghị q")
_CONGRESS = re.compile(
    r"(?:[Nn]ghị quyết|NGHỊ QUYẾT) (?:Đại hội|đại hội)"
    r"(?: (?P<national>(?:đại biểu )?toàn quốc)"
    rf"| (?:đại biểu )?Đảng bộ (?P<kind>{'|'.join(_KINDS)})(?P<place>(?: [{_UP}][^\s,;.()]*){{0,4}}))?"
    r"(?: lần thứ (?P<nth>[IVXL]{1,6})| (?P<bare_nth>[IVXL]{1,6}))?(?![\w])"
    r"(?P<party> của Đảng)?"
    r"(?:,? nhiệm kỳ (?P<from>(?:19|20)\d\d) ?[-–] ?(?P<to>(?:19|20)\d\d))?"
)


def find_congress_resolutions(t: str) -> Iterator[Citation]:
    """Citations of congress resolutions in ``t`` (form "name"; the place of "Đảng bộ tỉnh" said
    by nothing but the citing document is left to :func:`congress_id`)."""
    for start in sorted(h.start() - _HINT_OFFSET for hint in _HINTS for h in hint.finditer(t)):
        m = _CONGRESS.match(t, start) if start >= 0 else None
        if m is None or (start and (t[start - 1].isalnum() or t[start - 1] == "_")):
            continue
        nth = m.group("nth") or m.group("bare_nth")
        if m.group("kind") is None:
            if not nth or not (m.group("national") or m.group("party") or m.group("bare_nth")):
                continue  # "Nghị quyết đại hội" of a congress the words do not name
            congress = f"Đại hội đại biểu toàn quốc lần thứ {nth} của Đảng"
        elif nth or m.group("from"):
            congress = f"Đại hội Đảng bộ {m.group('kind')}{m.group('place')}" + (f" lần thứ {nth}" if nth else "") \
                + (f" nhiệm kỳ {m.group('from')}–{m.group('to')}" if m.group("from") else "")
        else:
            continue
        yield Citation(start=m.start(), end=m.end(), text="", form="name", doc_type="Nghị quyết",
                       name="Nghị quyết " + congress, issuer=congress)


def congress_id(c: Citation, context: Place) -> str | None:
    """The id of a congress resolution :func:`find_congress_resolutions` read, or ``None`` when
    its Party organisation is named by its kind only and the citing document's place does not
    say which one it is."""
    name = c.name or ""
    kind = next((k for k in _KINDS if re.search(rf"Đảng bộ {k}(?: lần thứ| nhiệm kỳ|$)", name)), None)
    if kind is not None:  # "Đảng bộ tỉnh": the citing document's
        level = _LEVEL_OF_KIND[kind]
        if kind == "thành phố" and (context.district or "").startswith("thành phố"):
            level = "district"  # a city within a province: its own Party organisation
        unit = getattr(context, level)
        if not unit:
            return None
        unit = unit.removeprefix(f"{kind} ")  # the register writes districts and communes with their kind
        name = name.replace(f"Đảng bộ {kind}", f"Đảng bộ {kind} {unit}", 1)
    return "name:" + name


def is_congress_resolution(c: Citation) -> bool:
    return c.form == "name" and (c.name or "").startswith("Nghị quyết Đại hội")
