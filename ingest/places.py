"""Administrative units named in documents, resolved against the ``vietnamadminunits`` register.

The register has two snapshots: the 63-province, 3-level one in force until 30/6/2025 (called
*old* here) and the 34-province, 2-level one from 1/7/2025 (*new*). A name is matched exactly,
then without diacritics, then (within the hinted province or district only) by fuzzy ratio; a
stage that finds two units stops the search, so nothing ambiguous is ever guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import Literal, NamedTuple

from rapidfuzz import fuzz, process

from luocdo.ingest.admin_register import now_of, register_tuples
from luocdo.ingest.clean import fold_tones
from luocdo.ingest.models import Place

REFORM_DATE = "2025-07-01"  # two-level local government (Luật 72/2025/QH15); admin_reform.md §1
HUE_CITY_FROM = "2025-01-01"  # Huế centrally run from this day (NQ 175/2024/QH15); admin_reform.md §1

LEVEL_KINDS = {
    "province": ("tỉnh", "thành phố"),
    "district": ("huyện", "quận", "thị xã", "thành phố"),
    "commune": ("xã", "phường", "thị trấn", "đặc khu"),
}
KINDS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường")
# "(?<!\w)(thành phố|thị trấn|…|tp\.?)(?!\w)", each word's lookbehind after its first letter: the
# engine then jumps from one of those letters to the next instead of trying every character.
KIND_RE = re.compile(r"(t(?<!\wt)(?:hành phố|hị trấn|hị xã|ỉnh|p\.?)|h(?<!\wh)uyện|q(?<!\wq)uận|x(?<!\wx)ã"
                      r"|p(?<!\wp)hường|đ(?<!\wđ)ặc khu)(?!\w)")
_FUZZY_CUTOFF = 85.0
_FUZZY_MARGIN = 6.0


class _Unit(NamedTuple):
    """One unit of the register (a tuple: the register holds 14,000, made in every worker)."""

    level: str  # "province" | "district" | "commune"
    kind: str  # lower case: "tỉnh", "thị xã", "xã" …
    name: str  # "Hưng Đạo"
    province: str  # short name: "Lạng Sơn"
    district: str | None  # "huyện Bình Gia" (communes of the old register)
    new: bool  # True: the post-2025 register
    keys: tuple[str, ...]  # the register's keys: province, district, ward (as far as the unit goes)
    forms: tuple[str, str, str]  # _fold, _loose and _key of the name, for matching: see _unit


def _unit(level: str, kind: str, name: str, province: str, district: str | None, new: bool,
          keys: tuple[str, ...]) -> _Unit:
    return _Unit(level, kind, name, province, district, new, keys, _name_forms(name))


@cache
def _name_forms(name: str) -> tuple[str, str, str]:
    """``_fold``, ``_loose`` and ``_key`` of a name (the register repeats names: "Tân An" ×40)."""
    folded = _fold(name)
    loose = _strip_marks(folded)
    return folded, loose, "".join(c for c in loose if c.isalnum())


@lru_cache(maxsize=65536)  # the same few names come back in every document
def _fold(text: str) -> str:
    """NFC, one tone convention, lower case, single spaces: the form names are compared in."""
    text = fold_tones(unicodedata.normalize("NFC", text)).lower()
    return " ".join(text.replace("-", " - ").split())


def _loose(text: str) -> str:
    """``_fold`` without diacritics: "Hưng Đạo" and "Hung Dao" → "hung dao"."""
    return _strip_marks(_fold(text))


def _strip_marks(folded: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))
    return bare.replace("đ", "d")


@lru_cache(maxsize=65536)  # names are looked up again and again, at each of their mentions
def name_key(text: str) -> str:
    return "".join(c for c in _loose(text) if c.isalnum())


@lru_cache(maxsize=256)  # a few spellings of nine words
def kind_of(raw: str) -> str:
    kind = _fold(raw).rstrip(".")
    return "thành phố" if kind == "tp" else kind


# Provinces under a former name the register no longer holds: "tỉnh Thừa Thiên Huế" is the
# province the register calls Huế (centrally-run city from 2025-01-01, NQ 175/2024/QH15).
_FORMER_PROVINCE_NAMES = {"thuathienhue": "Huế"}


def _split_kind(name: str) -> tuple[str | None, str]:
    """"xã Hưng Đạo" → ("xã", "Hưng Đạo"); "Hồng Lĩnh" → (None, "Hồng Lĩnh")."""
    name = " ".join(unicodedata.normalize("NFC", name).split())
    m = KIND_RE.match(_fold(name))
    if m and m.end() < len(name):
        kind, bare = kind_of(m.group(1)), name[m.end() :].strip(" .")
    else:
        kind, bare = None, name.strip()
    bare = province_cut_at_line_break(kind, bare)
    if name_key(bare) in _FORMER_PROVINCE_NAMES:  # the register files it under another kind too
        return None, _FORMER_PROVINCE_NAMES[name_key(bare)]
    return kind, bare


def is_former_province_name(name: str | None) -> bool:
    """"Thừa Thiên Huế": a province name the register now files under another (shown as written)."""
    return bool(name) and name_key(name or "") in _FORMER_PROVINCE_NAMES


def province_cut_at_line_break(kind: str | None, bare: str) -> str:
    """"Hồ Chí Minh" for "thành phố Hồ Chí", "Thừa Thiên Huế" for "tỉnh Thừa Thiên": a province
    name of two or more syllables cut where the text broke the line ("UBND thành phố Hồ Chí⏎Minh")
    is completed when exactly one province name starts with it."""
    folded = _fold(bare)
    if kind not in ("tỉnh", "thành phố") or len(folded.split()) < 2:
        return bare
    names = _folded_province_names()
    longer = [n for n, folded_name in names if folded_name.startswith(folded + " ")]
    return longer[0] if len(longer) == 1 and not any(f == folded for _, f in names) else bare


@cache
def _folded_province_names() -> tuple[tuple[str, str], ...]:
    """Every province name, old, new and former, with its ``_fold``."""
    names = {u.name for u in _register()["province"]} | set(_FORMER_PROVINCE_NAMES.values()) | {"Thừa Thiên Huế"}
    return tuple((n, _fold(n)) for n in sorted(names))


# --- the register -------------------------------------------------------------------------------


@cache
def _register() -> dict[str, tuple[_Unit, ...]]:
    """All units by level ("province", "district", "commune"), old register first."""
    units: dict[str, dict[tuple[str, ...], _Unit]] = {"province": {}, "district": {}, "commune": {}}
    for (p_key, d_key, w_key, p_full, w_full, p_name, d_name, w_name, d_type, w_type) in register_tuples(
            "admin_units_legacy", ["provinceKey", "districtKey", "wardKey", "province", "ward", "provinceShort",
                                   "districtShort", "wardShort", "districtType", "wardType"]):
        p = (p_key,)
        d = (*p, d_key)
        p_kind = "thành phố" if p_full.startswith("Thành phố") else "tỉnh"
        d_kind = d_type.lower()
        # Each row repeats its province and district: their units are made once, the first time.
        if p not in units["province"]:
            units["province"][p] = _unit("province", p_kind, p_name, p_name, None, False, p)
        if d not in units["district"]:
            units["district"][d] = _unit("district", d_kind, d_name, p_name, None, False, d)
        if w_full:  # island districts have no communes
            units["commune"][(*d, w_key)] = _unit("commune", w_type.lower(), w_name, p_name, f"{d_kind} {d_name}",
                                                 False, (*d, w_key))
    for p_key, w_key, p_name, w_name, w_type in register_tuples(
            "admin_units", ["provinceKey", "wardKey", "provinceShort", "wardShort", "wardType"]):
        units["commune"][("new", p_key, w_key)] = _unit("commune", w_type.lower(), w_name, p_name, None, True,
                                                        (p_key, w_key))
    return {level: tuple(by_full.values()) for level, by_full in units.items()}


# A scope: (level, new register?, province, district label); None is "any".
Scope = tuple[str, bool | None, str | None, str | None]


@cache
def _units(scope: Scope) -> tuple[_Unit, ...]:
    level, new, province, district = scope
    pool = _register()[level] if province is None else _by_province(level).get(province, ())
    return tuple(u for u in pool if (new is None or u.new is new) and district in (None, u.district))


@cache
def _by_province(level: str) -> dict[str, tuple[_Unit, ...]]:
    """The units of a level by province, in register order."""
    out: dict[str, list[_Unit]] = {}
    for u in _register()[level]:
        out.setdefault(u.province, []).append(u)
    return {province: tuple(units) for province, units in out.items()}


@cache
def _index(scope: Scope) -> dict[str, tuple[_Unit, ...]]:
    """The units of a scope by the exact (folded) and the diacritic-free form of their name."""
    out: dict[str, list[_Unit]] = {}
    for u in _units(scope):
        for form in {u.forms[0], u.forms[2]}:
            out.setdefault(form, []).append(u)
    return {form: tuple(units) for form, units in out.items()}


@cache
def known_keys(kind_or_level: str) -> frozenset[str]:
    """Diacritic-free names of every unit of a level, or of the level(s) a kind word can name."""
    levels = [lv for lv, kinds in LEVEL_KINDS.items() if kind_or_level in (lv, *kinds)]
    return frozenset(u.forms[2] for lv in levels for u in _register()[lv])


@lru_cache(maxsize=65536)
def _now(keys: tuple[str, ...]) -> tuple[str | None, str | None]:
    """(province_now, commune_now) of an old-register unit."""
    return now_of(*keys)


# --- matching -----------------------------------------------------------------------------------


def _match(scope: Scope, kinds: Iterable[str] | None, name: str, fuzzy: bool) -> list[_Unit]:
    """Units of ``kinds`` named ``name``: the first stage (exact, no diacritics, fuzzy) that hits."""
    index = _index(scope)
    for form in (_fold(name), name_key(name)):
        hits = [u for u in index.get(form, ()) if kinds is None or u.kind in kinds]
        if hits:
            return hits
    # Fuzzy only for a name the register does not know at all, against names of as many syllables:
    # "Hưng Đọa" finds Hưng Đạo, but a real "Hưng Đạo" elsewhere never becomes the local Hương Đô.
    loose = _loose(name)
    if not fuzzy or name_key(name) in known_keys(scope[0]):
        return []
    pool = [u for u in _units(scope) if (kinds is None or u.kind in kinds)
            and u.forms[1].count(" ") == loose.count(" ")]
    names = sorted({u.forms[1] for u in pool})
    best = process.extract(loose, names, scorer=fuzz.ratio, limit=2, score_cutoff=_FUZZY_CUTOFF)
    if not best or (len(best) > 1 and best[1][1] > best[0][1] - _FUZZY_MARGIN):
        return []
    return [u for u in pool if u.forms[1] == best[0][0]]


def _find(level: str, kind: str | None, name: str, scopes: Sequence[Scope],
          fuzzy_scopes: int) -> _Unit | Literal[False] | None:
    """Search narrow to wide; a unique hit wins, two with the written kind stop (``False``).

    Then any kind of the same level: a "huyện" may have become a "thị xã" (Đức Phổ, 2020) since.
    """
    passes: tuple[tuple[str, ...] | None, ...] = (None,)
    if kind:
        passes = ((kind,), tuple(k for k in LEVEL_KINDS[level] if level != "province" or k == kind))
    for i, scope in enumerate(scopes):
        for strict, kinds in zip((True, False), passes, strict=False):
            hits = _match(scope, kinds, name, fuzzy=False)
            if not hits and i < fuzzy_scopes:
                hits = _match(scope, kinds, name, fuzzy=True)
            if len(hits) == 1:
                return hits[0]
            if hits and strict:
                return False
    return None


def _scopes(level: str, p_name: str | None, d_label: str | None, era: str | None) -> tuple[list[Scope], int]:
    """Where to look, narrow to wide, and how many of those scopes allow a fuzzy match.

    Communes: district, then province, per register (old first unless the text is post-reform);
    the whole country only without hints, and never fuzzily."""
    if level == "province":
        return [(level, None, None, None)], 1
    if level == "district":
        scopes: list[Scope] = [(level, None, p_name, None), (level, None, None, None)]
        return scopes[0 if p_name else 1 :], 2
    registers = {"old": (False,), "new": (True, False), None: (False, True)}[era]
    scopes = []
    for new in registers:
        if d_label and not new:
            scopes.append((level, new, p_name, d_label))
        scopes.append((level, new, p_name, None))
    return scopes, len(scopes) if p_name else 0


def _era(on: str | None) -> str | None:
    if not on or (len(on) < 7 and on[:4] == REFORM_DATE[:4]):
        return None
    return "new" if on >= REFORM_DATE[: len(on)] else "old"


def _place(u: _Unit, kind: str | None) -> Place:
    label = f"{kind or u.kind} {u.name}"
    if u.new:
        return Place(province=u.province, commune=label, province_now=u.province, commune_now=label)
    province_now, commune_now = _now(u.keys)
    district = label if u.level == "district" else u.district
    commune = label if u.level == "commune" else None
    return Place(u.province, district, commune, province_now, commune_now)


def resolve_place(name: str, *, province: str | None = None, district: str | None = None,
                  on: str | None = None) -> Place | None:
    """Resolve a unit as a document writes it ("xã Hưng Đạo", "TỈNH HÀ TĨNH", "Hồng Lĩnh").

    ``province`` and ``district`` are hints from the rest of the document; ``on`` (ISO date) picks
    the register: new units from 2025-07-01, old ones before, both (old first) when ``None``.
    When the unit itself cannot be pinned down the result keeps what the hints establish, with
    the unit as written ("xã Hưng Đạo" in Cao Bằng, which has three), or is ``None`` without hints.
    """
    return _resolve(*_split_kind(name), province, district, _era(on))


@lru_cache(maxsize=65536)
def _resolve(kind: str | None, bare: str, province: str | None, district: str | None,
             era: str | None) -> Place | None:
    if not bare:
        return None
    p_unit = _hint("province", province, None)
    d_unit = _hint("district", district, p_unit.name if p_unit else None)
    if d_unit:
        p_unit = _hint("province", d_unit.province, None)
    p_name = p_unit.name if p_unit else None
    d_label = f"{d_unit.kind} {d_unit.name}" if d_unit else None
    levels = [lv for lv, kinds in LEVEL_KINDS.items() if kind is None or kind in kinds]
    if kind is None and era == "new":
        levels.remove("district")  # a bare name in a post-reform text is not a district
    plan = [(level, *_scopes(level, p_name, d_label, era)) for level in levels]
    for fuzzy in (False, True):  # every exact match in scope beats every fuzzy one
        for level, scopes, n_fuzzy in plan:
            hit = _find(level, kind, bare, scopes, n_fuzzy if fuzzy else 0)
            if hit is not None:  # False: ambiguous, nothing is guessed
                return _place(hit, kind) if hit else _partial(kind, bare, p_unit, d_label)
    return _partial(kind, bare, p_unit, d_label)


def _partial(kind: str | None, bare: str, p_unit: _Unit | None, d_label: str | None) -> Place | None:
    """An unresolved unit below the hinted ones: the hints, plus the unit as written."""
    below = kind in LEVEL_KINDS["commune"] or (kind in LEVEL_KINDS["district"] and kind != "thành phố")
    if p_unit is None or not below:
        return None
    written = f"{kind} {bare}"
    is_commune = kind in LEVEL_KINDS["commune"]
    return Place(province=p_unit.name, district=d_label or (None if is_commune else written),
                 commune=written if is_commune else None, province_now=_now(p_unit.keys)[0])


@lru_cache(maxsize=4096)
def _hint(level: str, hint: str | None, p_name: str | None) -> _Unit | None:
    """The province or district a hint names ("tỉnh Hà Tĩnh", "Bình Gia"), if unambiguous."""
    if not hint:
        return None
    kind, bare = _split_kind(hint)
    scopes, n_fuzzy = _scopes(level, p_name, None, None)
    return _find(level, kind if kind in LEVEL_KINDS[level] else None, bare, scopes, n_fuzzy) or None


# --- levels and mentions ------------------------------------------------------------------------


def level_of_unit(kind: str, name: str, on: str | None) -> str:
    """"province", "district" or "commune" for a unit kind and name (admin_reform.md §4.3).

    "thành phố X" is a province for the centrally-run cities (Huế from 2025-01-01), otherwise a
    district-level city. ``on`` is the ISO date of the text, or ``None`` for "now".
    """
    k = kind_of(kind)
    if k == "thành phố":
        key = name_key(name)
        # The register's old snapshot already counts Huế among the centrally-run cities.
        if key in _central_cities() and not (key == name_key("Huế") and on and on < HUE_CITY_FROM):
            return "province"
        return "district"
    for level, kinds in LEVEL_KINDS.items():
        if k in kinds:
            return level
    raise ValueError(f"not an administrative unit kind: {kind!r}")


@cache
def _central_cities() -> frozenset[str]:
    """Diacritic-free names of the centrally-run cities (the register's "thành phố" provinces)."""
    return frozenset(u.forms[2] for u in _units(("province", None, None, None)) if u.kind == "thành phố")


def province_names() -> list[str]:
    """Every province of the register, old and new, by its short name ("Hà Tĩnh"), once each."""
    return list(dict.fromkeys(u.province for u in _register()["province"]))


def unit_labels(province: str, level: str, *, new: bool) -> list[tuple[str | None, str]]:
    """The districts or communes of a province as labels, ``(district label, "xã Hưng Đạo")``,
    from the old register or the new one: cheap (no conversion between the registers)."""
    key = name_key(province)
    return [(u.district, f"{u.kind} {u.name}") for u in _by_province_key(level).get(key, ()) if u.new is new]


@cache
def _by_province_key(level: str) -> dict[str, tuple[_Unit, ...]]:
    return {name_key(province): units for province, units in _by_province(level).items()}


def units_of(province: str, level: str, *, on: str | None = None) -> list[Place]:
    """The districts or communes of a province, in the register in force ``on`` (ISO; ``None``: now).

    Labels are as documents give them ("thị xã Hồng Lĩnh", "xã Hưng Đạo"). Districts exist only
    before 2025-07-01; asking for them later reads the old register.
    """
    if level not in ("district", "commune"):
        raise ValueError(f"level must be 'district' or 'commune', not {level!r}")
    new = level == "commune" and (on is None or on >= REFORM_DATE)
    key = name_key(province)
    return [_place(u, None) for u in _register()[level] if u.new is new and name_key(u.province) == key]


def province_kind(province: str, on: str | None = None) -> str:
    """"thành phố" for a centrally-run city on that date, else "tỉnh"."""
    return "thành phố" if level_of_unit("thành phố", province, on) == "province" else "tỉnh"
