"""Resolve: one canonical id per real document, however and wherever it is cited."""

from __future__ import annotations

from pathlib import Path

from luocdo.ingest.models import Citation
from luocdo.ingest.pipeline import Extraction, extract

from .conftest import sample


def citations_of(prefix: str) -> list[Citation]:
    return extract(sample(prefix)).citations


def target_of(citations: list[Citation], number: str) -> set[str | None]:
    return {c.target for c in citations if c.number == number}


def test_local_numbers_take_the_issuer_of_the_citing_place() -> None:
    # 000 (thị xã Hồng Lĩnh, Hà Tĩnh): "Chỉ thị số 16/CT-UBND ngày 17/7/2015 của UBND tỉnh" and,
    # later, "Chỉ thị số 16/CT-UBND của UBND tỉnh" with no date: one document of UBND tỉnh Hà Tĩnh.
    assert target_of(citations_of("000"), "16/CT-UBND") == {"16/CT-UBND@ubnd-ha-tinh@2015"}
    # 002 (Đức Phổ, Quảng Ngãi): "Kết luận số 1231-KL/TU … của Ban Thường vụ Tỉnh ủy" and the alias.
    assert target_of(citations_of("002"), "1231-KL/TU") == {"1231-KL/TU@tu-quang-ngai@2019"}


def test_one_committee_however_named() -> None:
    # 000: "Ban Chấp hành Đảng bộ tỉnh" (02-NQ/TU) and "Ban Thường vụ Tỉnh ủy" (29-KL/TU) are one Tỉnh ủy.
    cites = citations_of("000")
    assert target_of(cites, "02-NQ/TU") == {"02-NQ/TU@tu-ha-tinh@2017"}
    assert target_of(cites, "29-KL/TU") == {"29-KL/TU@tu-ha-tinh@2021"}


def test_the_two_124_qd_tw_are_told_apart_by_date(tmp_path: Path) -> None:
    text = ("Thực hiện Quy định số 124-QĐ/TW ngày 02/2/2018 của Ban Bí thư về giám sát của Mặt trận; "
            "Quy định số 124-QĐ/TW ngày 04/10/2023 của Bộ Chính trị về kiểm điểm và đánh giá, xếp loại.")
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    targets = [c.target for c in extract(path).citations if c.number == "124-QĐ/TW"]
    assert targets == ["124-QĐ/TW@2018", "124-QĐ/TW@2023"]


def test_mis_citations_are_normalised_and_keep_what_they_said() -> None:
    # 003: "Pháp lệnh số 34/2007/PL-UBTVQH ngày 06/4/2007" — no term, wrong day.
    (pl,) = [c for c in citations_of("003") if c.number == "34/2007/PL-UBTVQH11"]
    assert (pl.as_cited_number, pl.date, pl.target) == ("34/2007/PL-UBTVQH", "2007-04-06", "34/2007/PL-UBTVQH11")
    # 002: "Quy định số 11-QĐ/TW ngày 18/02/2019 của Bộ Chính trị" is Quy định 11-QĐi/TW.
    (qd,) = [c for c in citations_of("002") if c.as_cited_number == "11-QĐ/TW"]
    assert (qd.number, qd.doc_type) == ("11-QĐi/TW", "Quy định")


def test_short_forms_and_aliases_point_back() -> None:
    cites = citations_of("002")
    full = next(c for c in cites if c.form == "full" and c.number == "1231-KL/TU")
    later = [c for c in cites if c.form in ("short", "alias") and c.text == "Kết luận 1231"]
    assert later and all(c.target == full.target for c in later)
    # 000: "Nghị quyết 02/TU" (type code dropped) is Nghị quyết 02-NQ/TU of the Tỉnh ủy.
    hybrid = [c for c in citations_of("000") if c.text == "Nghị quyết 02/TU"]
    assert hybrid and all(c.number == "02-NQ/TU" and c.target == "02-NQ/TU@tu-ha-tinh@2017" for c in hybrid)


def test_laws_named_without_number_take_the_law_in_force(tmp_path: Path) -> None:
    cites = citations_of("000")  # a 2022 plan: "(Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo,...)"
    names = {c.name: c.number for c in cites if c.form == "name"}
    assert names["Luật Tiếp công dân"] == "42/2013/QH13"
    assert names["Luật Khiếu nại"] == "02/2011/QH13"
    assert names["Luật Tố cáo"] == "25/2018/QH14"
    path = tmp_path / "old.txt"
    path.write_text("Hà Nội, ngày 10 tháng 5 năm 2017\nTriển khai Luật Tố cáo trên địa bàn.", encoding="utf-8")
    result: Extraction = extract(path)
    assert [c.number for c in result.citations if c.form == "name"] == ["03/2011/QH13"]


def test_short_forms_take_the_nearest_full_citation_of_their_type(tmp_path: Path) -> None:
    text = ("Thông tư số 145/2020/TT-BTC; Nghị định số 145/2020/NĐ-CP; Thông tư số 145/2021/TT-BYT; "
            + "Nghị định 145, " * 300 + "Thông tư 145, Chỉ thị 145")
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    cites = extract(path).citations
    shorts = cites[3:]
    assert [(c.form, c.number, c.antecedent) for c in shorts[:-2]] == [("short", "145/2020/NĐ-CP", 1)] * 300
    assert (shorts[-2].number, shorts[-2].antecedent) == ("145/2021/TT-BYT", 2)
    assert (shorts[-1].number, shorts[-1].antecedent, shorts[-1].confidence) == (None, None, 0.0)


def test_a_bare_provincial_body_takes_the_province_its_item_names() -> None:
    """Issue 19, item 6: a Bắc Ninh decision (corpus tnt305_tvpl/1521-QD-UBND, 2025) lists the
    former Bắc Giang's resolutions "của Hội đồng nhân dân tỉnh … trên địa bàn tỉnh Bắc ⏎ Giang":
    the province the item names wins over the citing document's own; without one, it stays."""
    path = Path(__file__).parent / "data" / "semantics" / "1521-QD-UBND-bac-ninh-bac-giang.txt"
    citations = extract(path).citations
    assert target_of(citations, "17/2019/NQ-HĐND") == {"17/2019/NQ-HĐND@bac-giang"}
    assert target_of(citations, "61/2021/NQ-HĐND") == {"61/2021/NQ-HĐND@bac-giang"}
    khanh_hoa = citations_of("004")  # "… của Hội đồng nhân dân tỉnh về … trên địa bàn tỉnh Khánh Hòa"
    assert target_of(khanh_hoa, "15/2024/NQ-HĐND") == {"15/2024/NQ-HĐND@khanh-hoa"}


# --- laws named the way real texts name them (the sentences are quoted from the vendored corpus) ---


def _numbers_in(corpus: Path, path: str, sentence: str, *, on: str) -> list[tuple[str | None, str]]:
    """(number, relation) of each citation of ``sentence``, a line of ``path``, read in a
    document dated ``on``."""
    text = (corpus / path).read_text(encoding="utf-8")
    assert sentence in text, f"{path} no longer holds {sentence!r}"
    day, month, year = int(on[8:10]), int(on[5:7]), on[:4]
    citations = extract_text(f"Số: 1/KH-UBND\nHà Nội, ngày {day} tháng {month} năm {year}\n\nKẾ HOẠCH\n{sentence}\n")
    return [(c.number, c.relation) for c in citations]


def extract_text(text: str) -> list[Citation]:
    from luocdo.ingest.clean import clean
    from luocdo.ingest.metadata import read_metadata
    from luocdo.ingest.models import RawText
    from luocdo.ingest.pipeline import extract_from

    source = clean(RawText(source="plan.txt", text=text, format="txt", encoding="utf-8"))
    return extract_from(source, read_metadata(source)).citations


def test_an_amending_law_whose_title_carries_the_amended_laws_numbers(corpus: Path) -> None:
    # Nghị định 87/2025: the title of 43/2024/QH15 with each amended law's number in it, and
    # 56/2024/QH15 without "một số điều của"; each amended law is cited too (cites, inside the title:
    # what it amends, not a basis of the decree), as the law then in force (Luật Chứng khoán
    # 54/2019/QH14, not 70/2006/QH11, which the law before it in the list does not amend).
    sentence = ("Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024; Luật sửa đổi, bổ sung một số điều của Luật Đất đai "
                "số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15, Luật Kinh doanh bất động sản số 29/2023/QH15 và Luật "
                "Các tổ chức tín dụng số 32/2024/QH15 ngày 29 tháng 6 năm 2024;")
    found = _numbers_in(corpus, "johnpa02_tvpl/Nghi-dinh-87-2025-ND-CP.txt", sentence, on="2025-04-11")
    assert [n for n, _ in found] == ["31/2024/QH15", "43/2024/QH15", "31/2024/QH15", "27/2023/QH15",
                                     "29/2023/QH15", "32/2024/QH15"]
    assert [r for _, r in found] == ["based_on"] * 2 + ["cites"] * 4
    sentence = ("Căn cứ Luật Quản lý thuế ngày 13 tháng 6 năm 2019; Luật sửa đổi, bổ sung Luật Chứng khoán, Luật Kế "
                "toán, Luật Kiểm toán độc lập, Luật Ngân sách nhà nước, Luật Quản lý, sử dụng tài sản công, Luật Quản "
                "lý thuế, Luật Thuế thu nhập cá nhân, Luật Dự trữ quốc gia, Luật Xử lý vi phạm hành chính ngày 29 "
                "tháng 11 năm 2024;")
    found = _numbers_in(corpus, "johnpa02_tvpl/Nghi-dinh-87-2025-ND-CP.txt", sentence, on="2025-04-11")
    assert [n for n, _ in found][:3] == ["38/2019/QH14", "56/2024/QH15", "54/2019/QH14"]


def test_a_law_amended_by_the_act_named_after_it_does_not_date_that_act(corpus: Path) -> None:
    # 2820/QĐ-UBND: "được sửa đổi, bổ sung một số điều tại Luật sửa đổi, …": the second act amends the
    # first, so it is not read as of the first one's date (when it did not exist yet).
    sentence = ("Căn cứ Luật Đất đai số 31/2024/QH15 ngày 18 tháng 01 năm 2024, được sửa đổi, bổ sung một số điều tại "
                "Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15, Luật "
                "Kinh doanh bất động sản số 29/2023/QH15 và Luật Các tổ chức tín dụng số 32/2024/QH15;")
    found = _numbers_in(corpus, "tnt305_tvpl/2820-QD-UBND__001c610b2efdcf0c.txt", sentence, on="2025-11-26")
    assert [n for n, _ in found][:2] == ["31/2024/QH15", "43/2024/QH15"]


def test_an_amending_title_is_one_law_only_when_the_table_knows_one_of_that_date() -> None:
    # Made up: the laws' list of 43/2024/QH15 with another date is no law the table holds.
    found = extract_text("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, Luật Nhà ở "
                         "số 27/2023/QH15, Luật Kinh doanh bất động sản số 29/2023/QH15 và Luật Các tổ chức tín dụng "
                         "số 32/2024/QH15 ngày 01 tháng 3 năm 2024;")
    assert "43/2024/QH15" not in {c.number for c in found}


def test_a_plan_for_a_law_not_yet_in_force_means_it_by_its_bare_name(corpus: Path) -> None:
    # 172/KH-UBND (Hồ Chí Minh City, 18/11/2025) puts Luật Việc làm 74/2025/QH15 (in force from
    # 2026-01-01) into effect; "Luật Việc làm" alone, later, is that law, not 38/2013/QH13.
    path = corpus / "tnt305_tvpl/172-KH-UBND__2f6f80b9918e52de.txt"
    citations = extract(path).citations
    laws = {c.number for c in citations if c.name == "Luật Việc làm"}
    assert laws == {"74/2025/QH15"}
    # Made up: a plan of the same day that names no law not yet in force means the one in force.
    plan = "Số: 1/KH-UBND\nHà Nội, ngày 18 tháng 11 năm 2025\nKẾ HOẠCH\nTổ chức phổ biến Luật Việc làm.\n"
    assert [c.number for c in extract_text(plan)] == ["38/2013/QH13"]
    # … and one that names the old law by its year is about no law to come.
    plan = plan.replace("Tổ chức", "Tổng kết Luật Việc làm năm 2013. Tổ chức")
    assert [c.number for c in extract_text(plan)] == ["38/2013/QH13", "38/2013/QH13"]


def test_a_number_written_with_its_symbols_parts_swapped_is_the_document_cited_before(corpus: Path) -> None:
    # Xã Lương Minh's plan: "Kế hoạch số 16/KH-MTTQ-BTT ngày 23/12/2025 của Ban Thường trực Ủy ban MTTQ
    # Việt Nam tỉnh Quảng Ninh", later "Mục II Kế hoạch số 16/KH-BTT-MTTQ của Tỉnh".
    path = corpus / ("luongminh_commune/xa-luong-minh__Ke-hoach-tiep-cong-dan-xu-ly-don-thu-phuc-vu-bau-cu-cua-"
                     "Ban-Thuong-truc-Uy-ban-M.txt")
    sixteen = [c for c in extract(path).citations if (c.as_cited_number or "").startswith("16/KH-")]
    assert [c.as_cited_number for c in sixteen] == ["16/KH-MTTQ-BTT", "16/KH-BTT-MTTQ"]
    assert len({c.target for c in sixteen}) == 1
    assert sixteen[1].doubt and "16/KH-MTTQ-BTT" in sixteen[1].doubt


def test_an_issuer_ends_where_the_title_opens_in_capitals(corpus: Path) -> None:
    # 179/KH-UBND (Đồng Nai): "Kế hoạch số 92/KH-UBND ngày 15/9/2025 của UBND tỉnh Sửa đổi, bổ sung
    # cập nhật Kế hoạch …" and, later, "Kế hoạch số 92/KH-UBND ngày 15/9/2025 của UBND tỉnh": one
    # plan of UBND tỉnh Đồng Nai ("tỉnh Sửa đổi" is no province).
    path = corpus / "tnt305_tvpl/179-KH-UBND__f004d93b21e7fc5f.txt"
    assert target_of(extract(path).citations, "92/KH-UBND") == {"92/KH-UBND@ubnd-dong-nai@2025"}


def test_an_issuer_written_short_takes_the_longer_one_of_the_same_number(corpus: Path) -> None:
    # 165/KH-UBND (Cần Thơ): "Chương trình số 27-CTr/TU ngày 12/3/2018 của Ban Chấp hành Đảng bộ tỉnh
    # Sóc Trăng", later "… của Ban Chấp hành Đảng bộ tỉnh thực hiện …": one programme of Sóc Trăng
    # (merged into Cần Thơ in 2025), not a Cần Thơ one.
    path = corpus / "tnt305_tvpl/165-KH-UBND__a83fffe08d7aeed7.txt"
    assert target_of(extract(path).citations, "27-CTr/TU") == {"27-CTr/TU@tu-soc-trang@2018"}
    # Made up on the shape of 2638/QĐ-UBND's title, whose line ends after "CỦA UBND".
    found = _numbers_and_targets("QUYẾT ĐỊNH BÃI BỎ QUYẾT ĐỊNH SỐ 636/QĐ-UBND NGÀY 17/3/2025 CỦA UBND\nTỈNH QUẢNG NAM\n"
                                 "Điều 1. Bãi bỏ Quyết định số 636/QĐ-UBND ngày 17/3/2025 của UBND tỉnh Quảng Nam.")
    assert found == [("636/QĐ-UBND", "636/QĐ-UBND@ubnd-quang-nam@2025")] * 2


def _numbers_and_targets(body: str) -> list[tuple[str | None, str | None]]:
    plan = f"ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÀ NẴNG\nSố: 2638/QĐ-UBND\nĐà Nẵng, ngày 18 tháng 11 năm 2025\n{body}\n"
    return [(c.number, c.target) for c in extract_text(plan)]
