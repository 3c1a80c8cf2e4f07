"""The register read as data (ingest/admin_register.py) against the library's own functions.

luocdo reads ``vietnamadminunits``' data files without importing the library (its address
parser costs every extraction worker 0.3 s); these tests hold that reading to what the library
itself answers: the same rows as ``get_data``, the same 2025 units as ``convert_address``.
"""

from __future__ import annotations

import sys

import pytest
from vietnamadminunits import convert_address
from vietnamadminunits.database import get_data

from luocdo.ingest.admin_register import now_of, register_rows

LEGACY = ["province", "district", "ward", "provinceKey", "districtKey", "wardKey"]


def _old_units() -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Every unit of the old register once: (full names, smallest first; register keys)."""
    units: dict[tuple[str, ...], tuple[str, ...]] = {}
    for r in register_rows("admin_units_legacy", LEGACY):
        units.setdefault((r["province"],), (r["provinceKey"],))
        units.setdefault((r["district"], r["province"]), (r["provinceKey"], r["districtKey"]))
        if r["ward"]:
            units.setdefault((r["ward"], r["district"], r["province"]),
                             (r["provinceKey"], r["districtKey"], r["wardKey"]))
    return list(units.items())


def test_rows_are_the_librarys() -> None:
    for table, columns in (("admin_units_legacy", LEGACY), ("admin_units", ["province", "ward", "wardKey"])):
        assert register_rows(table, columns) == get_data(columns, table)


def test_a_table_outside_the_register_is_refused() -> None:
    with pytest.raises(ValueError):
        register_rows("sqlite_master", ["name"])


@pytest.mark.parametrize("every", [37])
def test_2025_units_are_convert_addresss(every: int) -> None:
    """Every province and island district, and one old unit in ``every`` (10,794 in all; the
    whole register agreed when this was written), as ``convert_address`` converts them."""
    units = _old_units()
    sample = [u for i, u in enumerate(units) if i % every == 0 or len(u[0]) == 1 or u[1][-1].startswith("huyencon")]
    assert len(sample) > 300
    for full, keys in sample:
        unit = convert_address(", ".join(full))
        expected = (unit.short_province, f"{unit.ward_type.lower()} {unit.short_ward}" if unit.ward else None)
        assert now_of(*keys) == expected, full


def test_known_conversions() -> None:
    # Ninh Thuận joined Khánh Hòa; Bà Rịa - Vũng Tàu joined Hồ Chí Minh, its island district a special zone.
    assert now_of("tinhninhthuan") == ("Khánh Hòa", None)
    assert now_of("tinhbariavungtau", "huyencondao") == ("Hồ Chí Minh", "đặc khu Côn Đảo")
    assert now_of("no-such-province") == (None, None)


def test_extraction_does_not_load_the_library() -> None:
    """The whole point of reading the data: a worker resolving places imports no parser."""
    import subprocess

    code = ("import sys; from luocdo.ingest.places import resolve_place; "
            "p = resolve_place('xã Hưng Đạo', province='Cao Bằng'); "
            "q = resolve_place('phường Bắc Hồng', province='Hà Tĩnh'); "
            "assert p is not None and q is not None and q.province_now; "
            "print(sorted(m for m in sys.modules if m.startswith(('vietnamadminunits', 'geopy', 'shapely'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
