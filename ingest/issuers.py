"""Who issued a document: issuer phrases and the issuer codes inside document symbols.

The organs, their codes, branch and level are domain facts in ``data/issuers.csv``. This module
only reads phrases: "UBND tỉnh Hà Tĩnh", "Ban Thường vụ Thị ủy" (+ the place of the document),
two-line headers "ĐẢNG BỘ TỈNH THÁI NGUYÊN / HUYỆN ỦY ĐỊNH HÓA" (the first line is the parent).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from luocdo.ingest.clean import fold_tones
from luocdo.ingest.grammar import family
from luocdo.ingest.models import Place
from luocdo.ingest.place_mentions import find_places, read_unit
from luocdo.ingest.places import (
    KINDS,
    LEVEL_KINDS,
    is_former_province_name,
    level_of_unit,
    province_kind,
    resolve_place,
)


@dataclass(frozen=True)
class IssuerCode:
    """What an issuer code in a symbol ("TTg", "QH15", "ThU") says about the issuer."""

    code: str  # canonical: "UBTVQH", "ĐU"
    name: str  # "Ủy ban Thường vụ Quốc hội"
    names: tuple[str, ...]  # every organ the code stands for: TW → BCH TW, Bộ Chính trị, Ban Bí thư
    branch: str  # "state" | "party" | "mass"
    level: str  # "national" | "province" | "district" | "commune" | "context" (UBND, HĐND, BCĐ …)
    valid_from: str | None
    valid_to: str | None
    source: str
    term: int | None = None  # the National Assembly term of "QH15", "UBTVQH11"


@dataclass(frozen=True)
class Issuer:
    """The body that issued a document."""

    name: str  # canonical display: "UBND tỉnh Hà Tĩnh", "Ban Thường vụ Thị ủy Đức Phổ"
    organ: str  # code: "UBND", "ThU", "TW", "BNV" …
    branch: str  # "state" | "party" | "mass"
    level: str | None  # "national" | "province" | "district" | "commune"; None when unknown
    place: Place | None = None


@dataclass(frozen=True)
class _Row:
    code: str
    name: str
    display: str
    code_aliases: tuple[str, ...]
    name_aliases: tuple[str, ...]
    branch: str
    level: str
    valid_from: str | None
    valid_to: str | None
    series: str | None  # the code whose numbering this organ's documents share ("CTUBND": "UBND")
    termed: bool  # its symbols carry the National Assembly's term: "QH15", "UBPLTP15"
    source: str


# Committee words and the unit kind they imply ("Thị ủy" is the committee of a "thị xã").
_COMMITTEE_KIND = {"tỉnh ủy": "tỉnh", "thành ủy": "thành phố", "huyện ủy": "huyện", "quận ủy": "quận",
                   "thị ủy": "thị xã", "đảng ủy": None}
_KIND_COMMITTEE = {"tỉnh": "tỉnh ủy", "thành phố": "thành ủy", "huyện": "huyện ủy", "quận": "quận ủy",
                   "thị xã": "thị ủy", **{k: "đảng ủy" for k in LEVEL_KINDS["commune"]}}
_MODIFIERS = {"ban thường vụ": "Ban Thường vụ", "btv": "Ban Thường vụ", "thường trực": "Thường trực",
              "ban chấp hành": "Ban Chấp hành", "bch": "Ban Chấp hành"}


@cache
def _rows() -> tuple[_Row, ...]:
    """All rows of ``data/issuers.csv``."""
    def split(cell: str) -> tuple[str, ...]:
        return tuple(x.strip() for x in cell.split("|") if x.strip())

    with (files("luocdo.data") / "issuers.csv").open(encoding="utf-8") as fh:
        return tuple(
            _Row(r["code"], r["name"], r["display"] or r["name"], split(r["code_aliases"]),
                 split(r["name_aliases"]), r["branch"], r["level"], r["valid_from"] or None,
                 r["valid_to"] or None, r["series"] or None, r["termed"] == "yes", r["source"])
            for r in csv.DictReader(fh)
        )


def _norm(text: str) -> str:
    """NFC, one tone convention, hyphens spaced, one space between words."""
    text = fold_tones(unicodedata.normalize("NFC", text))
    return " ".join(re.sub(r"\s*[-–]\s*", " - ", text).split())


@cache
def _by_phrase() -> dict[str, tuple[_Row, ...]]:
    """Rows by the lower-case organ names and aliases that can appear in a phrase."""
    out: dict[str, list[_Row]] = {}
    for row in _rows():
        for phrase in (row.name, *row.name_aliases):
            if " hoặc " in phrase:  # "Trung ương Đảng hoặc một Tỉnh ủy" (TƯ) names no one body
                continue
            out.setdefault(_norm(phrase).lower(), []).append(row)
    return {k: tuple(v) for k, v in out.items()}


@cache
def _organ_re() -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in sorted(_by_phrase(), key=len, reverse=True))
    mods = "|".join(sorted(_MODIFIERS, key=len, reverse=True))
    kinds = "|".join(KINDS)
    return re.compile(rf"(?<!\w)(?:(?P<mod>{mods}) )?(?:(?P<organ>{names})|đảng bộ (?P<kind>{kinds}))(?!\w)")


@cache
def _term() -> re.Pattern[str]:
    """A code and the National Assembly's term after it: "QH15", "UBTVQH11", "UBPLTP15"."""
    codes = sorted({c.upper() for r in _rows() if r.termed for c in (r.code, *r.code_aliases)}, key=len, reverse=True)
    return re.compile(rf"({'|'.join(map(re.escape, codes))})(\d{{1,2}})")


# Organs whose name goes on with what they do or where they sit ("Ban Chỉ đạo phát triển khoa học …",
# "Chi bộ thôn …"): a lower-case word after them is still their name.
_NAMED_ON = frozenset({"BCĐ", "CB", "TƯ"})


@cache
def organ_names() -> re.Pattern[str]:
    """The register's organ names, to search in :func:`organ_text`: lower case, words apart by any
    run of spaces (hyphens and commas are spaces there: "Bộ Lao động- Thương binh và Xã hội").
    Grouped by first letter, longest name first in each group, the engine tests one letter at a
    place instead of every name."""
    by_letter: dict[str, set[str]] = {}
    for name in {_words(n) for r in _rows() for n in (r.name, *r.name_aliases)} - {""}:
        by_letter.setdefault(name[0], set()).add(r" +".join(map(re.escape, name.split())))
    groups = [re.escape(letter) + "(?:" + "|".join(p[len(re.escape(letter)):] for p in sorted(
        names, key=len, reverse=True)) + ")" for letter, names in sorted(by_letter.items())]
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)")


def organ_text(phrase: str) -> str:
    """``phrase`` as :func:`organ_names` is searched in: one tone convention, lower case, hyphens and
    commas as spaces; the same length, so a match's offsets are the phrase's."""
    folded = fold_tones(phrase).lower()
    return folded.translate(_AS_SPACE) if len(folded) == len(phrase) else phrase.lower().translate(_AS_SPACE)


_AS_SPACE = str.maketrans({",": " ", "-": " ", "–": " "})


@cache
def _named_on() -> frozenset[str]:
    return frozenset(_words(n) for r in _rows() if r.code in _NAMED_ON for n in (r.name, *r.name_aliases))


def named_on(organ: str) -> bool:
    """Whether an organ's name (as :func:`organ_names` matched it) goes on after it (see above)."""
    return _words(organ) in _named_on()


def name_words(name: str) -> tuple[str, ...]:
    """A name's words, as names are compared: NFC, one tone convention, lower case, no punctuation."""
    return tuple(re.findall(r"\w+", fold_tones(unicodedata.normalize("NFC", name)).lower()))


def _words(name: str) -> str:
    return " ".join(name_words(name))


@cache
def same_series() -> dict[str, str]:
    """Organ codes whose documents are numbered in another organ's series: a chairman's decisions
    in the People's Committee's ("…/QĐ-CTUBND" is "…/QĐ-UBND"); ``data/issuers.csv``, column series."""
    return {r.code: r.series for r in _rows() if r.series}


def issuer_code(number: str) -> str | None:
    """The issuer's code in a document number: after the last slash in a party one ("05-KH/ThU");
    else the last part of the symbol that names an organ, a unit of the organ written after it
    ("…/TTr-SXD-BTKT", "…/KH-MTTQ-BTT", a letter's "…/STP-VB"), or failing that the last part; a
    symbol of one part when it is an organ's ("…/2024/QH15")."""
    symbol = number.rsplit("/", 1)[-1]
    if family(number) == "party":  # 30-CT/TW
        return symbol
    if "-" not in symbol:  # "…/2024/QH15"
        return symbol if issuer_from_code(symbol) else None
    parts = symbol.split("-")
    return next((p for p in reversed(parts) if issuer_from_code(p)), parts[-1])


def issuer_from_code(code: str) -> IssuerCode | None:
    """The issuer an issuer code stands for: "TTg" → Thủ tướng Chính phủ; "QH15" → Quốc hội, term 15."""
    code = unicodedata.normalize("NFC", code.strip())
    return _from_code(code) or (_from_code(code.split("-")[0]) if "-" in code else None)


@lru_cache(maxsize=1024)
def _from_code(code: str) -> IssuerCode | None:
    term = None
    if m := _term().fullmatch(code.upper()):
        code, term = m.group(1), int(m.group(2))
    for fold in (str, str.casefold):
        first = next((r for r in _rows() if fold(code) in {fold(c) for c in (r.code, *r.code_aliases)}), None)
        if first:
            names = tuple(r.name for r in _rows() if r.code == first.code)
            return IssuerCode(first.code, first.name, names, first.branch, first.level,
                              first.valid_from, first.valid_to, first.source, term)
    return None


@lru_cache(maxsize=65536)  # the same phrases recur across thousands of documents
def parse_issuer(phrase: str, *, context: Place | None = None, on: str | None = None) -> Issuer | None:
    """The issuer a phrase names: "Ủy ban nhân dân huyện Bình Gia", "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU".

    A phrase without a place name ("UBND tỉnh", "Ban Thường vụ Thị ủy") takes the unit from
    ``context``, the place of the document; so does a phrase with no unit at all ("Ban chỉ đạo",
    or a bare symbol code such as "ThU"), at the level of that place. ``on`` is the document date
    (ISO), for the level of "thành phố X" and the register to read names in.
    """
    return _parse(_norm(phrase), context, on)


@lru_cache(maxsize=16384)
def _parse(text: str, context: Place | None, on: str | None) -> Issuer | None:
    low = text.lower()
    if len(low) != len(text):
        return None
    found = list(_organ_re().finditer(low))
    if not found:  # a bare code from a symbol: "ThU", "HĐND", "QH15"
        code = issuer_from_code(text) if " " not in text else None
        if code and _norm(code.name).lower() in _by_phrase():
            return _parse(_norm(code.name), context, on)
        return None
    # In a two-line header the parent comes first: "ĐẢNG BỘ TỈNH X / HUYỆN ỦY Y" (admin_reform §4.3.6).
    for parent in found[:-1]:
        kind, name = _unit_after(text, parent)
        if kind and name:
            place = resolve_place(f"{kind} {name}", on=on)
            if place and (context is None or context.province != place.province):
                context = Place(province=place.province, province_now=place.province_now)
    m = found[-1]
    organ = m.group("organ")
    rows = _by_phrase()[organ] if organ else _by_phrase()[_KIND_COMMITTEE[m.group("kind")]]
    if rows[0].level == "national":
        return Issuer(rows[0].name, rows[0].code, rows[0].branch, "national")
    return _local(text, m, rows, context, on)


def _unit_after(text: str, m: re.Match[str]) -> tuple[str | None, str | None]:
    """Kind and name of the unit right after an organ match ("tỉnh", "Hà Tĩnh")."""
    if m.group("kind"):
        return read_unit(text[m.start("kind") :])
    implied = _COMMITTEE_KIND.get(" ".join(m.group("organ").split()[-2:]))
    kind, name = read_unit(text[m.end() :], implied)
    if kind is None:  # "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh Hà Tĩnh"
        later = find_places(text[m.end() :])
        if later:
            return later[0].kind, later[0].name
    return kind, name


def _local(text: str, m: re.Match[str], rows: tuple[_Row, ...], context: Place | None,
           on: str | None) -> Issuer | None:
    """A province, district or commune organ: find its unit, level, place and display name."""
    if re.match(r" (các|những) ", text[m.end() :].lower()):
        return None  # "UBND các huyện, thị xã": many bodies, not an issuer
    kind, name = _unit_after(text, m)
    ctx = context or Place()
    place = None
    if kind and name:
        place = resolve_place(f"{kind} {name}", province=ctx.province, district=ctx.district, on=on)
    level = _level(kind, name, ctx, on, rows)
    if place is None and level and not name:
        place = _from_context(kind, level, ctx)
    if place and level:
        place = _trim(place, level)
    row = next((r for r in rows if r.level == level), rows[0])
    mod = _MODIFIERS.get(m.group("mod") or "", "")
    return Issuer(_display(row, m, kind, name, place, level, mod, on), row.code, row.branch, level, place)


def _level(kind: str | None, name: str | None, ctx: Place, on: str | None,
           rows: tuple[_Row, ...]) -> str | None:
    if kind == "thành phố" and not name:
        # "UBND thành phố" in a city's own document: the context says which city.
        if ctx.district and ctx.district.startswith("thành phố"):
            return "district"
        return "province" if ctx.province and province_kind(ctx.province, on) == "thành phố" else None
    if kind:
        return level_of_unit(kind, name or "", on)
    fixed = {r.level for r in rows} - {"context"}
    if len(fixed) == 1:  # "Tỉnh ủy", "Sở Nội vụ"
        return fixed.pop()
    # "UBND", "Ban chỉ đạo" with no unit (or a bare symbol code): the level of the document's place.
    return "commune" if ctx.commune else "district" if ctx.district else "province" if ctx.province else None


def _from_context(kind: str | None, level: str, ctx: Place) -> Place | None:
    """The context's unit at ``level``, if its kind agrees with the phrase ("thị xã" ≠ "huyện")."""
    label = {"province": ctx.province, "district": ctx.district, "commune": ctx.commune}[level]
    if not label:
        return None
    if level != "province" and kind and not label.startswith(kind + " "):
        return None
    return ctx


def _trim(place: Place, level: str) -> Place:
    if level == "province":
        return Place(province=place.province, province_now=place.province_now)
    if level == "district":
        return Place(province=place.province, district=place.district, province_now=place.province_now)
    return place


def _display(row: _Row, m: re.Match[str], kind: str | None, name: str | None, place: Place | None,
             level: str | None, mod: str, on: str | None) -> str:
    """ "UBND tỉnh Hà Tĩnh", "Thị ủy Hồng Lĩnh", "Ban Chấp hành Đảng bộ tỉnh Hà Tĩnh" …"""
    unit_kind, unit_name = kind, _title(name) or None
    if place and level == "province" and place.province and not is_former_province_name(name):
        unit_kind, unit_name = province_kind(place.province, on), place.province
    elif place and level in ("district", "commune"):
        label = (place.district if level == "district" else place.commune) or ""
        unit_kind = next((k for k in KINDS if label.startswith(k + " ")), None)
        unit_name = label[len(unit_kind) + 1 :] if unit_kind else label
    if m.group("kind"):  # "Đảng bộ tỉnh X", alone or after "Ban Chấp hành"
        head, unit = "Đảng bộ", " ".join(filter(None, (unit_kind, unit_name)))
    elif row.name.endswith(" ủy") and row.name != "Đảng ủy":  # "Thị ủy Hồng Lĩnh": the kind is implied
        head, unit = row.display, unit_name or ""
    else:
        head, unit = row.display, " ".join(filter(None, (unit_kind, unit_name)))
    return " ".join(filter(None, (mod, head, unit)))


def _title(name: str | None) -> str:
    """Names from ALL-CAPS headers that the register does not know: "ĐỊNH HÓA" → "Định Hóa"."""
    return (name or "").title() if (name or "").isupper() else name or ""
