"""Documents the reference data knows (ingest/reference.py, data/reference/documents.csv)."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pytest

from luocdo.ingest.reference import known_documents, lookup, normalise_number, type_mismatch
from tests.conftest import ROOT, sample

REFERENCE = ROOT / "data" / "reference"
ISO = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")
STATUSES = {"in force", "expired", "partly expired", "superseded de facto", "unknown"}


def _sentence(path: Path, sentence: str) -> str:
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    assert sentence in text, f"{path.name} no longer contains {sentence!r}"
    return sentence


# --- the data file -------------------------------------------------------------------------------


def test_documents_csv_is_clean() -> None:
    with (REFERENCE / "documents.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {r["number"] for r in rows} >= {"34/2007/PL-UBTVQH11", "11-QĐi/TW", "124-QĐ/TW"}
    for r in rows:
        for column in ("signed_date", "effective_date", "replaced_from"):
            assert r[column] == "" or ISO.match(r[column]), (r["number"], column, r[column])
        assert r["status"] in STATUSES, r
        assert r["verified"] in {"yes", "no"}
        assert "unverified" not in r["replaced_by"] + r["issuer"] + r["type"]
        assert r["branch"] in {"state", "party"}


def test_laws_are_known_documents_too() -> None:
    numbers = {d.number for d in known_documents()}
    assert {"45/2019/QH14", "HP-2013", "77/2015/QH13", "11-QĐi/TW"} <= numbers
    (law,) = lookup("42/2013/QH13")
    assert (law.type, law.issuer, law.term) == ("Luật", "Quốc hội", "XIII")
    (ordinance,) = lookup("34/2007/PL-UBTVQH11")
    assert ordinance.issuer == "Ủy ban Thường vụ Quốc hội"
    # a law in both files keeps the documents.csv facts, gaps filled from laws.csv
    (lgov,) = lookup("77/2015/QH13")
    assert lgov.replaced_by == "65/2025/QH15" and lgov.replaced_from == "2025-03-01"


# --- normalise_number ----------------------------------------------------------------------------


def test_seed_003_ordinance_without_term() -> None:
    _sentence(sample("003"), "Pháp lệnh số 34/2007/PL-UBTVQH ngày 06/4/2007")
    assert normalise_number("34/2007/PL-UBTVQH", doc_type="Pháp lệnh", date="2007-04-06") == "34/2007/PL-UBTVQH11"
    (doc,) = lookup("34/2007/PL-UBTVQH", date="2007-04-06", doc_type="Pháp lệnh")
    assert doc.signed_date == "2007-04-20"  # the seed's date is wrong (laws.md); the document is still found


def test_seed_002_party_quy_dinh_written_qd() -> None:
    _sentence(sample("002"), "Quy định số 11-QĐ/TW ngày 18/02/2019")
    assert normalise_number("11-QĐ/TW", doc_type="Quy định", date="2019-02-18") == "11-QĐi/TW"
    assert normalise_number("11-QĐ/TW", doc_type="Quy định") == "11-QĐi/TW"
    # a Quyết định 11-QĐ/TW would be another document
    assert normalise_number("11-QĐ/TW", doc_type="Quyết định") == "11-QĐ/TW"
    assert lookup("11-QĐ/TW", doc_type="Quy định")[0].number == "11-QĐi/TW"


@pytest.mark.parametrize(
    ("as_cited", "expected"),
    [
        ("30/CT-TW", "30-CT/TW"),  # numbering.md §6 (123docz)
        ("11/QĐi-TW", "11-QĐi/TW"),  # luatvietnam
        ("30-CT/T.Ư", "30-CT/TW"),  # baomoi
        ("30-CT/T.W", "30-CT/TW"),
        ("445-KL/TƯ", "445-KL/TƯ"),  # a provincial committee: TƯ alone is not mapped
        ("04/2015/NĐ - CP", "04/2015/NĐ-CP"),
        ("159/2016/ND-CP", "159/2016/NĐ-CP"),
        ("22/2018/QD-TTg", "22/2018/QĐ-TTg"),
        ("No. 159/2016/ND-CP", "159/2016/NĐ-CP"),
        ("Số: 16/CT-TTG", "16/CT-TTg"),
        ("04/2015/NÐ-CP", "04/2015/NĐ-CP"),  # Icelandic Ð
        ("04/2015/NĐ–CP", "04/2015/NĐ-CP"),  # en dash
        (unicodedata.normalize("NFD", "04/2015/NĐ-CP"), "04/2015/NĐ-CP"),
        ("55/NQ-UBTVQH10", "55/1998/NQ-UBTVQH10"),  # year missing in 1990s symbols (ND 04/2015 preamble)
        ("10/2022/QH", "10/2022/QH15"),
        ("191/KH-UBND", "191/KH-UBND"),
        ("01/2014/NQLT/CP-UBTƯMTTQVN", "01/2014/NQLT/CP-UBTƯMTTQVN"),
    ],
)
def test_normalise_number(as_cited: str, expected: str) -> None:
    assert normalise_number(as_cited) == expected


def test_term_boundary_years() -> None:
    # 2007 is the last year of term XI and the first of XII: the known ordinance decides, else the older term
    assert normalise_number("34/2007/PL-UBTVQH") == "34/2007/PL-UBTVQH11"
    assert normalise_number("08/2008/PL-UBTVQH") == "08/2008/PL-UBTVQH12"
    assert normalise_number("99/2016/QH") == "99/2016/QH13"
    assert normalise_number("12/2017/UBTVQH") == "12/2017/UBTVQH14"


def test_party_code_filled_from_the_type() -> None:
    assert normalise_number("02/TU", doc_type="Nghị quyết") == "02-NQ/TU"  # numbering.md §5
    assert normalise_number("02/TU") == "02/TU"


# --- lookup by date ------------------------------------------------------------------------------


def test_two_124_qd_tw_told_apart_by_date() -> None:
    _sentence(sample("000"), "Quy định số 124-QĐ/TW ngày 02/2/2018 của Ban Bí thư")
    _sentence(sample("002"), "Quy định số 124-QĐ/TW ngày 02/02/2018 của Ban Bí thư")
    assert lookup("124-QĐ/TW", date="2018-02-02")[0].issuer == "Ban Bí thư"
    assert lookup("124-QĐ/TW", date="2023-10-04")[0].issuer == "Bộ Chính trị"
    assert lookup("124-QĐ/TW", date="2025-01")[0].signed_date == "2023-10-04"  # nearest not after
    assert lookup("124-QĐ/TW", date="2020")[0].signed_date == "2018-02-02"
    assert lookup("124-QĐ/TW", date="2018")[0].signed_date == "2018-02-02"  # partial date
    assert [d.signed_date for d in lookup("124-QĐ/TW")] == ["2023-10-04", "2018-02-02"]  # latest first


def test_two_16_ct_ttg_told_apart_by_date() -> None:
    assert lookup("16/CT-TTg", date="2016-05-16")[0].signed_date == "2016-05-16"
    assert lookup("16/CT-TTg", date="2022-09-20")[0].signed_date == "2022-09-20"
    assert lookup("16/CT-TTg", date="2019")[0].signed_date == "2016-05-16"


def test_lookup_unknown_and_loose() -> None:
    assert lookup("999/KH-UBND") == []
    assert lookup("4/2015/NĐ-CP")[0].number == "04/2015/NĐ-CP"  # leading zero dropped by the writer


# --- type_mismatch -------------------------------------------------------------------------------


def test_217_is_a_quyet_dinh() -> None:
    """217-QĐ/TW (12/12/2013) is a Quyết định of the Bộ Chính trị issuing a Quy chế (documents.csv note)."""
    _sentence(sample("002"), "Quyết định số 217-QĐ/TW")
    _sentence(sample("000"), "Quy định số 217-QĐ/TW ngày 12/12/2013")
    assert type_mismatch("217-QĐ/TW", "Quyết định") is None
    assert type_mismatch("217-QĐ/TW", "Quy định", date="2013-12-12") == "Quyết định"
    assert type_mismatch("218-QĐ/TW", "Quy định") == "Quyết định"


def test_type_mismatch_other_cases() -> None:
    assert type_mismatch("11-QĐi/TW", "Quyết định") == "Quy định"
    assert type_mismatch("45/2019/QH14", "Luật") == "Bộ luật"
    assert type_mismatch("124-QĐ/TW", "Quy định") is None
    assert type_mismatch("999/KH-UBND", "Kế hoạch") is None


# --- real corpus strings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "as_cited", "expected"),
    [
        ("tnt305_tvpl/4422-QD-BVHTTDL__9aeb199f5e0aa225.txt", "137/2020/NĐ-СР", "137/2020/NĐ-CP"),  # Cyrillic С, Р
        ("johnpa02_tvpl/Nghi-dinh-131-2025-ND-CP.txt", "190/2025/QH 15", "190/2025/QH15"),
        ("johnpa02_tvpl/Luat-trach-nhiem-boi-thuong-cua-Nha-nuoc-2009.txt", "388/2003/NQ - UBTVQH11",
         "388/2003/NQ-UBTVQH11"),
        ("johnpa02_tvpl/Luat-hien-lay-ghep-mo-bo-phan-co-the-nguoi-va-hien-lay-xac-2006.txt", "75/2006/QH 11",
         "75/2006/QH11"),
    ],
)
def test_corpus_symbols(corpus: Path, path: str, as_cited: str, expected: str) -> None:
    _sentence(corpus / path, as_cited)
    assert normalise_number(as_cited) == expected
