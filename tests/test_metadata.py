"""Document metadata read from the sample plans and from real corpus headers."""

from __future__ import annotations

from pathlib import Path

import pytest

from luocdo.ingest.models import Document
from luocdo.ingest.pipeline import read_document

from .conftest import sample


def meta(prefix: str) -> Document:
    return read_document(sample(prefix)).document


def test_seed_000_district_plan_of_hong_linh() -> None:
    d = meta("000")
    assert (d.type, d.number, d.symbol) == ("Kế hoạch", None, "KH-UBND")  # "Số: /KH-UBND": blank number
    assert (d.level, d.branch, d.province) == ("district", "state", "Hà Tĩnh")
    assert d.district == "thị xã Hồng Lĩnh"
    assert d.issuer == "UBND thị xã Hồng Lĩnh"
    assert d.date == "2022-06"  # "Hồng Lĩnh, ngày tháng 6 năm 2022": the day is blank
    assert d.place_name == "Hồng Lĩnh"
    assert d.title is not None and d.title.startswith("Thực hiện quy chế dân chủ trong hoạt động")
    assert d.title.endswith("đến hết năm 2023")
    assert (d.signer, d.signer_position) == ("Đình Văn Hồng", "PHÓ CHỦ TỊCH")
    assert d.recipients[0] == "Sở Nội vụ tỉnh Hà Tĩnh"
    assert d.recipients[-1] == "Lưu: VT, NV"
    assert len(d.recipients) == 10
    assert d.sha256 is not None and len(d.sha256) == 64


def test_seed_001_commune_plan_with_misspelt_place() -> None:
    d = meta("001")
    assert (d.level, d.branch, d.province) == ("commune", "state", "Lạng Sơn")
    assert (d.district, d.commune) == ("huyện Bình Gia", "xã Hưng Đạo")
    assert d.issuer == "UBND xã Hưng Đạo"
    assert d.place_name == "Hung Đạo"  # the typo stays as written; the unit resolves anyway
    assert d.date == "2025-02"
    assert d.title == "Thực hiện dân chủ ở cơ sở trên địa bàn xã Hưng Đạo năm 2025"
    assert (d.signer, d.signer_position) == ("Trần Thanh Đoàn", "CHỦ TỊCH")
    assert d.province_now == "Lạng Sơn"
    assert d.commune_now is not None  # the post-2025 commune that took Hưng Đạo's territory


def test_seed_002_party_plan_of_a_town_committee() -> None:
    d = meta("002")
    assert (d.level, d.branch, d.province) == ("district", "party", "Quảng Ngãi")
    assert d.issuer is not None and "Thị ủy" in d.issuer
    assert d.type == "Kế hoạch"
    assert d.title is not None and d.title.startswith("tăng cường thực hiện công tác dân vận")
    assert d.date is None  # the text states no date of its own
    assert (d.signer, d.signer_position) == ("Bùi Văn Lý", "PHÓ BÍ THƯ")


def test_seed_003_ward_plan() -> None:
    d = meta("003")
    assert (d.level, d.branch, d.province) == ("commune", "state", "Quảng Ngãi")
    assert d.commune == "phường Trương Quang Trọng"
    assert d.date == "2023"  # from the title "… năm 2023"
    assert d.title == "Thực hiện Quy chế dân chủ ở cơ sở năm 2023 trên địa bàn phường Trương Quang Trọng"
    assert (d.signer, d.signer_position) == ("Trương Thanh Thảo", "CHỦ TỊCH")


def test_seed_004_province_plan() -> None:
    d = meta("004")
    assert (d.level, d.branch, d.province) == ("province", "state", "Khánh Hòa")
    assert d.issuer == "UBND tỉnh Khánh Hòa"
    assert d.title is not None and d.title.startswith("Triển khai thực hiện Nghị quyết số 15/2024/NQ-HĐND")
    assert d.date is None  # "năm 2024" in the title is the resolution's date, not the plan's
    assert (d.signer, d.signer_position) == ("Nguyễn Tấn Tuân", "CHỦ TỊCH")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("tnt305_tvpl/209-2025-QD-UBND__cf3a66c2c23062db.txt",
         {"type": "Quyết định", "number": "209/2025/QĐ-UBND", "date": "2025-11-17",
          "level": "province", "province": "Hải Phòng", "branch": "state"}),
        ("tnt305_tvpl/79-2025-QD-UBND__abc00053e9811268.txt",
         {"type": "Quyết định", "number": "79/2025/QĐ-UBND", "date": "2025-11-21",
          "level": "province", "province": "Bắc Ninh"}),
        ("tnt305_tvpl/144-2025-QD-CTUBND__55d7a47de4f0ccee.txt",
         {"type": "Quyết định", "number": "144/2025/QĐ-CTUBND", "date": "2025-12-02",
          "level": "province", "province": "Đồng Tháp"}),
        ("tnt305_tvpl/5387-CT-CS__ad7a1b2470f2fff7.txt",
         {"number": "5387/CT-CS", "date": "2025-11-20", "level": "national",
          "title": "trả lời phản ánh kiến nghị"}),
    ],
)
def test_corpus_headers_broken_over_lines(corpus, name: str, expected: dict[str, str]) -> None:
    d = read_document(corpus / name).document.to_json()
    assert {k: d[k] for k in expected} == expected


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_docx_pdf_and_html_give_the_same_metadata_as_the_txt(tmp_path, prefix: str) -> None:
    from . import docgen

    font = docgen.find_unicode_font()
    if font is None:
        pytest.skip("no Unicode TTF font on this machine for the generated PDF")
    text = sample(prefix).read_text(encoding="utf-8")
    expected = meta(prefix).to_json()
    made = [docgen.make_docx(text, tmp_path / "plan.docx"), docgen.make_pdf(text, tmp_path / "plan.pdf", font),
            docgen.make_html(text, tmp_path / "plan.html")]
    for path in made:
        got = read_document(path).document.to_json()
        for key in ("source", "sha256"):
            got.pop(key), expected.pop(key, None)
        assert got == expected, path.suffix


def test_a_long_annex_naming_other_units_does_not_move_the_document(tmp_path) -> None:
    """Issue 17, item 8: the place is read from a document's first pages (bounded work on long
    texts); an annex that names another commune thousands of times leaves seed 001 in Hưng Đạo."""
    annex = "\nPHỤ LỤC\n" + "Tổ dân vận xã Hồng Phong, huyện Bình Gia, tỉnh Lạng Sơn; " * 3000
    path = tmp_path / "001-with-annex.txt"
    path.write_text(sample("001").read_text(encoding="utf-8") + annex, encoding="utf-8")
    d = read_document(path).document
    assert (d.district, d.commune) == ("huyện Bình Gia", "xã Hưng Đạo")


def test_a_date_line_without_its_comma_after_the_number(tmp_path: Path) -> None:
    """Nghi-dinh-87-2025-ND-CP.txt (johnpa02_tvpl) writes "Số: 87/2025/NĐ-CP Hà Nội ngày 11 tháng 4 năm
    2025", no comma after the place; a body's "… tỉnh Hà Tĩnh ngày …" stays a citation's date."""
    path = tmp_path / "nd.txt"
    path.write_text("CHÍNH PHỦ\nSố: 87/2025/NĐ-CP Hà Nội ngày 11 tháng 4 năm 2025\nNGHỊ ĐỊNH\n"
                    "Quy định giảm tiền thuê đất\n"
                    "Căn cứ Quyết định số 5/QĐ-UBND của Ủy ban nhân dân tỉnh Hà Tĩnh ngày 03 tháng 02 năm 2024;\n",
                    encoding="utf-8")
    assert read_document(path).document.date == "2025-04-11"
    body_only = tmp_path / "body.txt"
    body_only.write_text("NGHỊ ĐỊNH\nQuy định giảm tiền thuê đất\nCăn cứ Quyết định số 5/QĐ-UBND của Ủy ban nhân dân "
                         "tỉnh Hà Tĩnh ngày 03 tháng 02 năm 2024;\n", encoding="utf-8")
    assert read_document(body_only).document.date is None


@pytest.mark.parametrize(("heading", "title"), [
    # Luat-di-san-van-hoa-2001.txt (johnpa02_tvpl): the old law heading, the body flattened onto its line
    ("LUẬT CỦA QUỐC HỘI NƯỚC CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM SỐ 28/2001/QH10 VỀ DI SẢN VĂN HOÁ Di sản văn hoá "
     "Việt Nam là tài sản quý giá", "VỀ DI SẢN VĂN HOÁ"),
    # Nghi-dinh-61-CP.txt: the same heading with its date
    ("NGHỊ ĐỊNH CỦA CHÍNH PHỦ SỐ 61-CP NGÀY 05 THÁNG 7 NĂM 1994 VỀ MUA BÁN VÀ KINH DOANH NHÀ Ở",
     "VỀ MUA BÁN VÀ KINH DOANH NHÀ Ở"),
    # Nghi-dinh-21-2021-ND-CP.txt: the preamble flattened after the title
    ("NGHỊ ĐỊNH QUY ĐỊNH THI HÀNH BỘ LUẬT DÂN SỰ VỀ BẢO ĐẢM THỰC HIỆN NGHĨA VỤ Căn cứ Luật Tổ chức Chính phủ",
     "QUY ĐỊNH THI HÀNH BỘ LUẬT DÂN SỰ VỀ BẢO ĐẢM THỰC HIỆN NGHĨA VỤ"),
])
def test_a_capital_title_ends_where_the_body_begins(tmp_path: Path, heading: str, title: str) -> None:
    path = tmp_path / "law.txt"
    path.write_text(f"QUỐC HỘI\nHà Nội, ngày 29 tháng 6 năm 2001\n{heading}\n", encoding="utf-8")
    assert read_document(path).document.title == title


def test_of_two_provinces_named_as_often_the_one_holding_the_commune_wins(corpus) -> None:
    # A guide of xã Lương Minh (Quảng Ninh) names "tỉnh Thanh Hóa" once (an example: "xã Nga Sơn,
    # tỉnh Thanh Hóa") and "tỉnh Quảng Ninh" once; "xã Lương Minh", 40 times, is in Quảng Ninh.
    name = "xa-luong-minh__chuan-Huong-dan-noi-dung-trinh-tu-thu-tuc-GT-ngui-ung-cu-DB-HDND-xa-29-12.txt"
    d = read_document(corpus / "luongminh_commune" / name).document
    assert (d.province, d.commune, d.level) == ("Quảng Ninh", "xã Lương Minh", "commune")
