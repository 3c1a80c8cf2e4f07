"""Resolutions of Party congresses, cited by name: real sentences from the corpus file named beside each."""

from __future__ import annotations

from pathlib import Path

from luocdo.ingest.issuers import parse_issuer
from luocdo.ingest.models import Citation
from luocdo.ingest.pipeline import extract

XIII = "name:Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"


def citations(tmp_path: Path, body: str, header: str = "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 982/KH-UBND\n\n"
              "KẾ HOẠCH\n\n") -> list[Citation]:
    path = tmp_path / "plan.txt"
    path.write_text(header + body, encoding="utf-8")
    return extract(path).citations


def test_the_national_congress_however_it_is_named(tmp_path: Path) -> None:
    # tnt305_tvpl/982-KH-UBND: the opening, and a line of the same list
    cites = citations(tmp_path, "Thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng; Chỉ thị số "
                      "45-CT/TW ngày 14 tháng 4 năm 2025 của Bộ Chính trị về Đại hội đảng bộ các cấp tiến tới Đại hội "
                      "đại biểu toàn quốc lần thứ XIV của Đảng;\nNghị quyết Đại hội lần thứ XIII của Đảng;\n"
                      # tnt305_tvpl/0124-KH-UBND, in lower case
                      "1. Mục đích\nhoàn thành thắng lợi các mục tiêu, nhiệm vụ Nghị quyết đại hội lần thứ XIII "
                      "của Đảng.")
    congress = [c for c in cites if c.target == XIII]
    assert [(c.relation, c.form, c.doc_type) for c in congress] == [
        ("implements", "name", "Nghị quyết"), ("implements", "name", "Nghị quyết"), ("cites", "name", "Nghị quyết")]
    assert congress[0].text == "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"
    assert parse_issuer(congress[0].issuer or "") is not None  # the Party's, national
    assert [c.number for c in cites if c.target != XIII] == ["45-CT/TW"]  # "Đại hội … lần thứ XIV": no resolution


def test_a_local_congress_by_its_party_organisation(tmp_path: Path) -> None:
    # the seed plan of thị xã Hồng Lĩnh (data/samples/000-…)
    (c,) = citations(tmp_path, "gắn thực hiện Quy chế dân chủ ở cơ sở với thực hiện Nghị quyết Đại hội Đảng bộ thị xã "
                     "Hồng Lĩnh, nhiệm kỳ 2020 – 2025.")
    assert c.target == "name:Nghị quyết Đại hội Đảng bộ thị xã Hồng Lĩnh nhiệm kỳ 2020–2025"
    assert c.issuer == "Đại hội Đảng bộ thị xã Hồng Lĩnh nhiệm kỳ 2020–2025"


def test_a_province_named_by_its_kind_only_is_the_citing_documents(tmp_path: Path) -> None:
    (c,) = citations(tmp_path, "Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX;")
    assert c.target == "name:Nghị quyết Đại hội Đảng bộ tỉnh Nghệ An lần thứ XIX"
    (c,) = citations(tmp_path, "Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX;", header="KẾ HOẠCH\n\n")
    assert c.target is None and c.name == "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX"  # which province: unsaid


def test_no_congress_named_no_citation(tmp_path: Path) -> None:
    # "Nghị quyết Đại hội đồng cổ đông" (a shareholders' meeting: corpus 112-2025-TT-BTC); a congress with no ordinal
    assert citations(tmp_path, "theo Nghị quyết Đại hội đồng cổ đông của doanh nghiệp phát hành; "
                     "quán triệt Nghị quyết Đại hội Đảng các cấp.") == []


def test_a_city_within_a_province_is_its_own_party_organisation(tmp_path: Path) -> None:
    header = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ TĨNH\nSố: 15/KH-UBND\nHà Tĩnh, ngày 05 tháng 3 năm 2023\n\nKẾ HOẠCH\n\n"
    (c,) = citations(tmp_path, "Thực hiện Nghị quyết Đại hội Đảng bộ thành phố lần thứ XXI;", header=header)
    assert c.target == "name:Nghị quyết Đại hội Đảng bộ thành phố Hà Tĩnh lần thứ XXI"
