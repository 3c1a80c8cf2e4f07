"""Document types and the codes used for them in document symbols (``data/doc_types.csv``)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class DocType:
    code: str  # "KH"; empty for types with no code (state Công văn)
    name: str  # "Kế hoạch"
    branch: str  # "state" | "party" | "both"
    normative: str  # "yes" | "no" | "either"
    short_form: bool = True  # a bare number after its name ("Nghị định 145") is a document's


@cache
def doc_types() -> tuple[DocType, ...]:
    """All rows of ``data/doc_types.csv``."""
    with (files("luocdo.data") / "doc_types.csv").open(encoding="utf-8") as fh:
        return tuple(
            DocType(r["code"], r["name"], r["branch"], r["normative"], r["short_form"] == "yes")
            for r in csv.DictReader(fh)
        )


@cache
def type_names() -> tuple[str, ...]:
    """Type names, longest first so "Nghị quyết liên tịch" wins over "Nghị quyết"."""
    return tuple(sorted({t.name for t in doc_types()}, key=len, reverse=True))


@cache
def without_short_forms() -> frozenset[str]:
    """Type names a bare number after which names no document ("Dự án 7" of a programme)."""
    return frozenset(t.name for t in doc_types() if not t.short_form)


def type_for_code(code: str) -> str | None:
    """The type name for a symbol code: "KH" → "Kế hoạch", "QĐi" → "Quy định"."""
    for t in doc_types():
        if t.code and t.code.casefold() == code.casefold():
            return t.name
    return None


# The type code of a number's symbol: state "79/2025/NĐ-CP", "191/KH-UBND" (code before the
# issuer); party "30-CT/TW" (code after the number). numbering.md §2.1, §3.4.
_STATE_CODE = re.compile(r"/(?P<code>[^/\s-]+)-[^/\s]+$")
_PARTY_CODE = re.compile(r"^\d+-(?P<code>[^/\s-]+)/[^/\s]+$")


def type_from_number(number: str) -> str | None:
    """The type a document number's code names, where it names one for sure: "79/2025/NĐ-CP" →
    "Nghị định", "30-CT/TW" → "Chỉ thị". A party "QĐ" is a Quyết định or a Quy định (both are
    written "124-QĐ/TW"), and a law's "10/2022/QH15" carries no code: neither names a type."""
    if state := _STATE_CODE.search(number):
        return type_for_code(state["code"])
    if (party := _PARTY_CODE.match(number)) and party["code"].casefold() != "qđ":
        return type_for_code(party["code"])
    return None


@cache
def heading_pattern() -> re.Pattern[str]:
    """A line that opens with a type name in capitals: "KẾ HOẠCH", "QUYẾT ĐỊNH PHÂN …" — or that
    follows the date line's year on the same line, as in the law headers flattened onto one line
    ("Hà Nội, ngày 22 tháng 6 năm 2023 LUẬT GIAO DỊCH ĐIỆN TỬ", johnpa02_tvpl). The title may be
    glued to it ("NGHỊ ĐỊNHVề hợp đồng …", tnt305_tvpl 173/2025/NĐ-CP): a capital may follow the
    name when a lower-case letter follows that capital."""
    names = "|".join(re.escape(n.upper()) for n in type_names())
    return re.compile(
        rf"(?:^|(?<=năm \d{{4}} ))(?P<type>{names})(?![A-ZÀ-ỸĐ](?![a-zà-ỹđ]))[ :]*(?P<rest>.*)$", re.MULTILINE
    )
