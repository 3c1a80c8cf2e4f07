"""The ``vietnamadminunits`` register as data: its units, and what each old unit became in 2025.

The library's own data files are read directly (``dataset.db``, ``converter_2025.json``): importing
the library loads its address parser (geopy, shapely, numpy: 0.3 s in every extraction worker), and
``convert_address`` re-parses an address it is handed as text (about 4 ms a unit). luocdo already
holds each unit's register keys, so the conversion is the converter's own table lookup: old
province → new province, old commune → new commune (for a commune split in several, the one the
converter names the default, as ``convert_address`` does for an address without a street).
tests/test_admin_register.py checks the lookup against ``convert_address`` itself.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

# Islands that have no commune in the old register: the converter maps the district itself.
_ISLAND_DISTRICTS = frozenset({"huyenbachlongvi", "huyenconco", "huyenhoangsa", "huyenlyson", "huyencondao"})


def _data_dir() -> Path:
    """The library's data folder, found without importing the library."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("vietnamadminunits is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def register_files() -> tuple[Path, Path]:
    """The library's data files luocdo reads: the register and the 2025 converter's table."""
    return _data_dir() / "dataset.db", _data_dir() / "converter_2025.json"


def register_rows(table: str, columns: list[str]) -> list[dict[str, Any]]:
    """Distinct rows of a register table, ``admin_units_legacy`` (63 provinces, three levels) or
    ``admin_units`` (34 provinces, two levels), as ``vietnamadminunits.database.get_data`` gives them."""
    return [dict(zip(columns, r, strict=True)) for r in register_tuples(table, columns)]


def register_tuples(table: str, columns: list[str]) -> list[tuple[Any, ...]]:
    """:func:`register_rows` as tuples of ``columns``: half the time, in every extraction worker."""
    if table not in ("admin_units", "admin_units_legacy"):
        raise ValueError(f"not a register table: {table!r}")
    with sqlite3.connect(f"file:{_data_dir() / 'dataset.db'}?mode=ro", uri=True) as conn:
        names = ", ".join(f'"{c}"' for c in columns)
        return conn.execute(f"SELECT DISTINCT {names} FROM [{table}]").fetchall()


@cache
def _converter() -> dict[str, Any]:
    with open(_data_dir() / "converter_2025.json", encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


@cache
def _new_province_of() -> dict[str, str]:
    return {old: new for new, olds in _converter()["DICT_PROVINCE"].items() for old in olds}


@cache
def _new_ward_of() -> dict[str, str]:
    """Old "province_district_ward" key → new ward key, for the communes not split."""
    return {old: new for wards in _converter()["DICT_PROVINCE_WARD_NO_DIVIDED"].values()
            for new, olds in wards.items() for old in olds}


@cache
def _new_names() -> dict[tuple[str, str | None], tuple[str, str | None]]:
    """(province key, ward key) of the new register → (short province name, "xã Hưng Đạo")."""
    out: dict[tuple[str, str | None], tuple[str, str | None]] = {}
    for r in register_rows("admin_units", ["provinceKey", "wardKey", "provinceShort", "wardType", "wardShort"]):
        out[(r["provinceKey"], r["wardKey"])] = (r["provinceShort"], f"{r['wardType'].lower()} {r['wardShort']}")
        out[(r["provinceKey"], None)] = (r["provinceShort"], None)
    return out


def now_of(province_key: str, district_key: str | None = None,
           ward_key: str | None = None) -> tuple[str | None, str | None]:
    """(province, commune) that an old-register unit belongs to from 2025-07-01, by its register
    keys; the commune only for an old commune (or island district)."""
    new_province = _new_province_of().get(province_key)
    if new_province is None:
        return None, None
    new_ward = None
    if ward_key or district_key in _ISLAND_DISTRICTS:
        old = f"{province_key}_{district_key}_{ward_key or ''}"
        new_ward = _new_ward_of().get(old)
        if new_ward is None:
            split = _converter()["DICT_PROVINCE_WARD_DIVIDED"].get(new_province, {}).get(old, [])
            new_ward = next((w["newWardKey"] for w in split if w["isDefaultNewWard"]), None)
    province, commune = _new_names().get((new_province, new_ward), _new_names().get((new_province, None), (None, None)))
    return province, commune if new_ward else None
