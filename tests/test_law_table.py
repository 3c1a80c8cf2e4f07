"""Checks on data/reference/laws.csv, the table that resolves law names to numbers.

The conventions tested here are described in data/reference/laws.md.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections import defaultdict
from datetime import date

import pytest

from tests.conftest import CORPUS, ROOT, large_corpus, seed

TABLE = ROOT / "data" / "reference" / "laws.csv"
COLUMNS = [
    "number",
    "type",
    "name",
    "aliases",
    "signed_date",
    "effective_date",
    "end_date",
    "replaced_by",
    "status",
    "source",
]
TYPES = {"Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh", "Nghị quyết"}
STATUSES = {"in force", "expired", "partly expired", "unverified"}
# Status is stated as of this date (laws.md).
STATUS_DATE = "2026-01-01"

# N/YYYY/QHnn (laws, codes, NA resolutions), N/YYYY/PL-UBTVQHnn (ordinances to 2011),
# N/YYYY/UBTVQHnn (ordinances from 2012).
NUMBER_RE = re.compile(r"^\d{1,3}/(19|20)\d{2}/(QH\d{1,2}|PL-UBTVQH\d{1,2}|UBTVQH\d{1,2})$")
# Constitutions carry no number: HP-<year adopted>.
CONSTITUTION_RE = re.compile(r"^HP-(19|20)\d{2}$")
# Laws of 1992-1996 carry the number of the President's promulgation order, without a year.
PRESIDENTIAL_ORDER_RE = re.compile(r"^\d{1,3}-L/CTN$")
ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == COLUMNS
        return list(reader)


ROWS = _rows()
BY_NUMBER = {row["number"]: row for row in ROWS}


def _is_amendment(row: dict[str, str]) -> bool:
    """Amending acts: several of them share one name and stay in force side by side."""
    return bool(re.match(r"^(Luật|Pháp lệnh|Nghị quyết) sửa đổi", row["name"])) or row["type"] == "Nghị quyết"


def resolve(name: str, on: str) -> str | None:
    """Number of the act cited as ``name`` (its name or an alias) that was in force on ``on``."""
    hits = []
    for row in ROWS:
        names = {row["name"], *filter(None, row["aliases"].split("|"))}
        if name not in names:
            continue
        if row["effective_date"] <= on and (not row["end_date"] or on < row["end_date"]):
            hits.append(row["number"])
    assert len(hits) <= 1, (name, on, hits)
    return hits[0] if hits else None


def test_table_size() -> None:
    assert len(ROWS) >= 350


def test_numbers_follow_the_conventions() -> None:
    bad = [
        row["number"]
        for row in ROWS
        if not (
            NUMBER_RE.match(row["number"])
            or CONSTITUTION_RE.match(row["number"])
            or PRESIDENTIAL_ORDER_RE.match(row["number"])
        )
    ]
    assert bad == []
    assert all(CONSTITUTION_RE.match(r["number"]) for r in ROWS if r["type"] == "Hiến pháp")


def test_numbers_are_unique() -> None:
    assert len(BY_NUMBER) == len(ROWS)


def test_dates_are_iso_and_ordered() -> None:
    for row in ROWS:
        for col in ("signed_date", "effective_date", "end_date"):
            value = row[col]
            if value:
                assert ISO_RE.match(value), (row["number"], col, value)
                date.fromisoformat(value)
        assert row["signed_date"] and row["effective_date"], row["number"]
        assert row["effective_date"] >= row["signed_date"], row["number"]
        if row["end_date"]:
            assert row["end_date"] > row["effective_date"], row["number"]


def test_year_in_number_is_the_signed_year() -> None:
    for row in ROWS:
        m = re.match(r"^(?:\d{1,3}/|HP-)(\d{4})", row["number"])
        if m:  # L/CTN numbers carry no year
            assert m.group(1) == row["signed_date"][:4], row["number"]


def test_type_and_name() -> None:
    for row in ROWS:
        assert row["type"] in TYPES, row["number"]
        assert row["name"].startswith(row["type"]), row["number"]
        if row["type"] == "Luật":
            assert not row["name"].startswith("Luật sửa đổi") or "của" in row["name"], row["number"]
        assert row["name"] == row["name"].strip() and "  " not in row["name"]
        aliases = row["aliases"].split("|") if row["aliases"] else []
        assert all(a.strip() == a and a for a in aliases), row["number"]
        assert row["name"] not in aliases, row["number"]


def test_modern_tone_marks() -> None:
    # "Uỷ"/"Hoà" style (old tone placement) should not appear in names; the modern forms are "Ủy", "Hòa".
    old = re.compile(r"\b(uỷ|hoà|thuỷ|khoá|hoá)\b", re.IGNORECASE)
    for row in ROWS:
        assert not old.search(row["name"]), row["number"]


def test_replacements_point_inside_the_table() -> None:
    for row in ROWS:
        successor = row["replaced_by"]
        if not successor:
            continue
        assert successor in BY_NUMBER, (row["number"], successor)
        assert successor != row["number"]
        # the old act stops on the day its successor starts
        assert row["end_date"] == BY_NUMBER[successor]["effective_date"], row["number"]


def test_status_and_source() -> None:
    for row in ROWS:
        assert row["status"] in STATUSES, row["number"]
        if not row["source"]:
            assert row["status"] == "unverified", row["number"]
            continue
        for part in row["source"].split(" ; "):
            assert part.startswith(("corpus:", "seeds:", "http://", "https://")), (row["number"], part)
        if row["status"] == "expired":
            assert row["end_date"] and row["end_date"] <= STATUS_DATE, row["number"]
        if row["status"] == "in force":
            assert not row["end_date"] or row["end_date"] > STATUS_DATE, row["number"]


def _corpus_files() -> set[str]:
    """Every corpus file's path, from the corpus index vendored in tests/corpus/ (the texts
    themselves are vendored only where a test reads them), checked on disk where the whole corpus is."""
    lines = (CORPUS / "index.jsonl").read_text(encoding="utf-8").splitlines()
    names = {json.loads(line)["file"] for line in lines if line.strip()}
    whole = large_corpus()
    if whole is not None:
        assert all((whole / name).is_file() for name in names), whole
    return names


def test_corpus_sources_exist() -> None:
    corpus_files = _corpus_files()
    for row in ROWS:
        for part in row["source"].split(" ; "):
            if part.startswith("corpus:"):
                path = part.removeprefix("corpus:").split(" (")[0]
                assert path in corpus_files, (row["number"], path)
            elif part.startswith("seeds:"):
                path = part.removeprefix("seeds:").split(" (")[0]
                assert seed(path).is_file(), (row["number"], path)


def test_same_name_intervals_do_not_overlap() -> None:
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in ROWS:
        if not _is_amendment(row):
            groups[row["name"]].append(row)
    for name, rows in groups.items():
        rows.sort(key=lambda r: r["effective_date"])
        for older, newer in itertools.pairwise(rows):
            assert older["end_date"], (name, older["number"], newer["number"])
            assert older["end_date"] <= newer["effective_date"], (name, older["number"], newer["number"])


def test_grassroots_family_facts() -> None:
    assert resolve("Luật Tiếp công dân", "2024-01-01") == "42/2013/QH13"
    assert resolve("Luật Khiếu nại", "2024-01-01") == "02/2011/QH13"
    assert {r["number"] for r in ROWS if r["name"] == "Luật Tố cáo"} >= {"03/2011/QH13", "25/2018/QH14"}
    assert {r["number"] for r in ROWS if r["name"] == "Bộ luật Lao động"} >= {"10/2012/QH13", "45/2019/QH14"}
    assert resolve("Luật Thực hiện dân chủ ở cơ sở", "2024-01-01") == "10/2022/QH15"
    assert resolve("Luật Dân chủ cơ sở", "2024-01-01") == "10/2022/QH15"
    hq = BY_NUMBER["54/2014/QH13"]
    assert (hq["name"], hq["signed_date"]) == ("Luật Hải quan", "2014-06-23")
    assert BY_NUMBER["03/2011/QH13"]["replaced_by"] == "25/2018/QH14"
    assert BY_NUMBER["10/2012/QH13"]["replaced_by"] == "45/2019/QH14"
    assert BY_NUMBER["34/2007/PL-UBTVQH11"]["replaced_by"] == "10/2022/QH15"
    assert BY_NUMBER["56/2010/QH12"]["replaced_by"] == "11/2022/QH15"
    assert BY_NUMBER["11/2022/QH15"]["replaced_by"] == "84/2025/QH15"
    assert BY_NUMBER["80/2015/QH13"]["replaced_by"] == "64/2025/QH15"
    assert BY_NUMBER["77/2015/QH13"]["replaced_by"] == "65/2025/QH15"
    assert BY_NUMBER["65/2025/QH15"]["replaced_by"] == "72/2025/QH15"


@pytest.mark.parametrize(
    ("name", "on", "number"),
    [
        ("Luật Đất đai", "2010-05-01", "13/2003/QH11"),
        ("Luật Đất đai", "2020-05-01", "45/2013/QH13"),
        ("Luật Đất đai", "2025-05-01", "31/2024/QH15"),
        ("Luật Tố cáo", "2015-01-01", "03/2011/QH13"),
        ("Luật Tố cáo", "2022-01-01", "25/2018/QH14"),
        ("Bộ luật Lao động", "2019-06-01", "10/2012/QH13"),
        ("Bộ luật Lao động", "2022-06-01", "45/2019/QH14"),
        ("Luật Thanh tra", "2024-01-01", "11/2022/QH15"),
        ("Luật Thanh tra", "2025-09-01", "84/2025/QH15"),
        ("Luật Tổ chức chính quyền địa phương", "2019-01-01", "77/2015/QH13"),
        ("Luật Tổ chức chính quyền địa phương", "2025-05-01", "65/2025/QH15"),
        ("Luật Tổ chức chính quyền địa phương", "2025-10-01", "72/2025/QH15"),
        ("Luật Ban hành văn bản quy phạm pháp luật", "2020-01-01", "80/2015/QH13"),
        ("Luật Ban hành văn bản quy phạm pháp luật", "2025-05-01", "64/2025/QH15"),
        ("Hiến pháp năm 1992", "2000-01-01", "HP-1992"),
        ("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", "2020-01-01", "HP-2013"),
        ("Pháp lệnh thực hiện dân chủ ở xã, phường, thị trấn", "2020-01-01", "34/2007/PL-UBTVQH11"),
        ("Pháp lệnh thực hiện dân chủ ở xã, phường, thị trấn", "2023-08-01", None),
    ],
)
def test_resolution_by_date(name: str, on: str, number: str | None) -> None:
    assert resolve(name, on) == number


def test_every_name_resolves_to_at_most_one_act_at_a_time() -> None:
    names = {
        n for row in ROWS if not _is_amendment(row) for n in [row["name"], *row["aliases"].split("|")] if n
    }
    for name in names:
        for on in ("1999-01-01", "2010-01-01", "2016-07-01", "2020-01-01", "2024-08-01", "2025-07-01"):
            resolve(name, on)  # raises when two acts share a name over the same day
