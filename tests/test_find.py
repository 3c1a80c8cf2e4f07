"""Real sentences the finder once missed or misread, each from the corpus file named beside it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from luocdo.ingest import grammar
from luocdo.ingest.models import Citation
from luocdo.ingest.pipeline import extract

from .conftest import sample


def extract_text(tmp_path: Path, text: str) -> list[Citation]:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return extract(path).citations


def cited(tmp_path: Path, text: str) -> list[tuple[str | None, str]]:
    return [(c.number, c.relation) for c in extract_text(tmp_path, text)]


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        # tnt305_tvpl/165-KH-UBND: a space after the hyphen
        ("Kế hoạch số 75/KH- UBND ngày 09/7/2018 của UBND tỉnh Sóc Trăng về việc thực hiện", "75/KH-UBND"),
        # tnt305_tvpl/1609-QD-TTPVHCC: a space before the slash, and a hyphen dropped
        ("theo Công văn số 14730 /STC-VP ngày 20/11/2025 của Sở Tài chính", "14730/STC-VP"),
        ("Nghị định số 214/2025/NĐCP ngày 04/8/2025 của Chính phủ", "214/2025/NĐ-CP"),
        # tnt305_tvpl/95-2025-QD-UBND: a joint circular's code written with a slash
        ("Căn cứ Thông tư liên tịch 88/2016/TTLT/BTC-BTNMT ngày 22 tháng 6 năm 2016 của Liên Bộ trưởng Bộ Tài chính",
         "88/2016/TTLT-BTC-BTNMT"),
        # tnt305_tvpl/2579-QD-UBND: "&" inside a unit code
        ("Công văn số 9086/BNV-CTTN&BĐG của Bộ Nội vụ", "9086/BNV-CTTN&BĐG"),
        # johnpa02_tvpl/Chi-thi-299-TTg: a 1990s number
        ("thực hiện Nghị định số 169-CP ngày 25/10/1994 của Chính phủ", "169-CP"),
        # tnt305_tvpl/2641-QD-UBND: a PDF line broken before the slash
        ("Theo đề nghị của Giám đốc Sở tại Tờ trình số 409\n/TTr-SVHTTDL ngày 22 tháng 10 năm 2025.",
         "409/TTr-SVHTTDL"),
        # johnpa02_tvpl/Nghi-dinh-112-2024-ND-CP, tnt305_tvpl/102-2025-QD-UBND: spaces around slashes
        ("theo Nghị định số 112 /2024/NĐ-CP ngày 11 tháng 9 năm 2024 của Chính phủ", "112/2024/NĐ-CP"),
        ("theo Quyết định số 102 /2025 /QĐ-CTUBND của Chủ tịch UBND tỉnh", "102/2025/QĐ-CTUBND"),
    ],
)
def test_number_shapes_seen_in_real_text(tmp_path: Path, sentence: str, number: str) -> None:
    assert number in [n for n, _ in cited(tmp_path, sentence)]


def test_one_law_per_year_in_a_list(tmp_path: Path) -> None:
    # johnpa02_tvpl/Cong-van-2739-VPCP-DMDN (2019): "Trong Luật Doanh nghiệp năm 2000, 2005, 2014, …"
    numbers = [n for n, _ in cited(tmp_path, "Hà Nội, ngày 10 tháng 5 năm 2019\n"
                                             "Trong Luật Doanh nghiệp năm 2000, 2005, 2014, phần quản trị")]
    assert numbers == ["13/1999/QH10", "60/2005/QH11", "68/2014/QH13"]


def test_laws_in_an_amending_laws_title_are_the_ones_it_amended(tmp_path: Path) -> None:
    # tnt305_tvpl/1609-QD-TTPVHCC (2025): the Luật Đấu thầu amended in 2022 is 43/2013, not today's 22/2023.
    text = ("Hà Nội, ngày 24 tháng 11 năm 2025\n- Luật số 03/2022/QH15 sửa đổi, bổ sung một số điều của "
            "Luật Đầu tư công, Luật Nhà ở, Luật Đấu thầu, Luật Điện lực;")
    assert [n for n, _ in cited(tmp_path, text)] == [
        "03/2022/QH15", "39/2019/QH14", "65/2014/QH13", "43/2013/QH13", "28/2004/QH11"]


def test_a_decree_details_the_code_passed_before_it(tmp_path: Path) -> None:
    # seed 003: ND 145/2020 details the 2019 Labour Code, though the 2012 one was still in force then.
    text = ("Nghị định 145/2020/NĐ-CP ngày 14/12/2020 của Chính phủ quy định chi tiết và hướng dẫn thi hành "
            "một số điều của Bộ Luật lao động về điều kiện lao động")
    assert [n for n, _ in cited(tmp_path, text)] == ["145/2020/NĐ-CP", "45/2019/QH14"]


def test_preamble_bases_that_run_over_lines(tmp_path: Path) -> None:
    # tnt305_tvpl/1609-QD-TTPVHCC: the second decree continues the "Căn cứ" line before it.
    text = ("QUYẾT ĐỊNH\nCăn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ về Kiểm soát thủ tục;\n"
            "Nghị định số 48/2013/NĐ-CP ngày 14/5/2013 của Chính phủ về sửa đổi, bổ sung;\n"
            "Xét đề nghị tại Tờ trình số 421/TTr-UBND ngày 01/12/2025;\nQUYẾT ĐỊNH:\nĐiều 1. …")
    assert cited(tmp_path, text) == [("63/2010/NĐ-CP", "based_on"), ("48/2013/NĐ-CP", "based_on"),
                                     ("421/TTr-UBND", "cites")]


def test_reasoning_with_can_cu_is_not_a_legal_basis(tmp_path: Path) -> None:
    # johnpa02_tvpl/Cong-van-3397-BKHDT-QLKTTW (2019)
    text = ("Hà Nội, ngày 23 tháng 5 năm 2019\nKính gửi: Tổng công ty\n1. Nội dung\n"
            "Căn cứ vào khoản 1 Điều 162 Luật Doanh nghiệp thì hợp đồng ký giữa các bên là hợp đồng")
    assert cited(tmp_path, text) == [("68/2014/QH13", "cites")]


def test_placeholders_and_the_documents_own_number_are_not_citations(tmp_path: Path) -> None:
    text = ("Số: 980/KH-UBND\nNghệ An, ngày 18 tháng 11 năm 2025\nKẾ HOẠCH\nThực hiện Chỉ thị số 27/CT-TTg "
            "ngày 15/8/2024 của Thủ tướng Chính phủ\nMẫu: Quyết định số …/QĐ-UBND ngày … tháng … năm …\n"
            "(Kèm theo Kế hoạch số 980/KH-UBND ngày 18 tháng 11 năm 2025 của UBND tỉnh Nghệ An)")
    assert cited(tmp_path, text) == [("27/CT-TTg", "implements")]


# --- fast scans and long inputs ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Nghị định số 04/2015/NĐ-CP, Công văn 5451/UBND-CNXD, Chỉ thị 30-CT/TW, Quy định 11/QĐi-TW",
        "Kế hoạch 191 /KH-UBND; Nghị định 101/CP; Nghị định 169-CP; Chỉ thị 05 - KH/ThU",
        "123456/2020/NĐ-CP x12/2020/NĐ-CP .5/CP 5/CP/ 1 - 2/CP 1/A 1/AB-C số 1/số 1/",
        "١٢/2020/NĐ-CP 12/2020/NĐ-CP1 12/2020/NĐ-CP-",
    ],
)
def test_the_number_scan_finds_what_the_number_pattern_finds(text: str) -> None:
    """What NUMBER finds, but a number written in another script's digits (see below)."""
    assert [(m.span(), m.group()) for m in grammar.find_numbers(text)] == [
        (m.span(), m.group()) for m in grammar.NUMBER.finditer(text) if m.group()[0] in "0123456789"]


def test_a_number_opens_with_an_ascii_digit() -> None:
    """Digits of another script number no Vietnamese document ("١٢" is Arabic-Indic twelve); full-width
    ones are made ASCII by clean-up (tests/test_clean.py), so "Nghị định 145" is still found."""
    assert [m.group() for m in grammar.find_numbers("١٢/2020/NĐ-CP và 12/2020/NĐ-CP")] == ["12/2020/NĐ-CP"]
    assert [m.group("num") for m in grammar.SHORT.finditer("Nghị định ١٤٥ và Nghị định 145")] == ["145"]


def test_the_number_scan_on_a_real_plan() -> None:
    text = sample("000").read_text(encoding="utf-8")
    assert [m.span() for m in grammar.find_numbers(text)] == [m.span() for m in grammar.NUMBER.finditer(text)]


def test_grouped_alternation_matches_as_the_flat_one() -> None:
    words = ["Nghị quyết liên tịch", "Nghị quyết", "Nghị định", "Quyết định", "Quy định", "Luật", "Lệnh", "Bộ luật"]
    text = "nghị quyết LIÊN TỊCH, Nghị quyết liên, QUY ĐỊNH, luật lệnh, Bộ Luật, Quyết địnhx, Lệnhh Luật"
    flat = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.IGNORECASE)
    grouped = re.compile(r"(?<!\w)(?:" + grammar.alternation(words) + r")(?!\w)", re.IGNORECASE)
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in flat.finditer(text)] != []


def test_a_long_list_of_short_forms_on_one_line(tmp_path: Path) -> None:
    cites = extract_text(tmp_path, "Căn cứ Nghị định số 145/2020/NĐ-CP, " + "Nghị định 145, " * 2000)
    assert len(cites) == 2001
    assert all(c.form == "short" and c.number == "145/2020/NĐ-CP" and c.antecedent == 0 for c in cites[1:])
    assert [c.text for c in cites[1:]] == ["Nghị định 145"] * 2000


def test_an_alias_defined_again_and_again(tmp_path: Path) -> None:
    cites = extract_text(tmp_path, "Nghị định số 1/2020/NĐ-CP (sau đây gọi tắt là Nghị định A) " * 300)
    aliases = [c for c in cites if c.form == "alias"]
    assert len(cites) - len(aliases) == 300 and len(aliases) == 299
    assert {(c.antecedent, c.number) for c in aliases} == {(0, "1/2020/NĐ-CP")}


def test_what_a_citation_says_its_document_is_about(tmp_path: Path) -> None:
    """seeds/001: "Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ về quy định chi tiết …;" — the
    words after the date and issuer are the cited document's subject (its title in the graph until its
    own text says), up to the end of the clause; "quy định tại Điều …" is a pointer, not a subject."""
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\nThực hiện dân chủ ở cơ sở\nCăn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 "
                    "của Chính phủ về quy định chi tiết một số điều của Luật thực hiện dân chủ cơ sở; "
                    "Thực hiện Kế hoạch số "
                    "49/KH-UBND, ngày 10/02/2025 của Ủy ban nhân dân huyện Bình Gia về thực hiện dân chủ ở cơ sở "
                    "trên địa bàn huyện Bình Gia năm 2025, UBND xã ban hành Kế hoạch.\nTheo Nghị định số "
                    "05/2025/NĐ-CP quy định tại Điều 39 Luật Bảo vệ môi trường.\n", encoding="utf-8")
    subjects = {c.number: c.subject for c in extract(path).citations}
    assert subjects["59/2023/NĐ-CP"] == "Về quy định chi tiết một số điều của Luật thực hiện dân chủ cơ sở"
    assert subjects["49/KH-UBND"] == "Về thực hiện dân chủ ở cơ sở trên địa bàn huyện Bình Gia năm 2025"
    assert subjects["05/2025/NĐ-CP"] is None


def test_so_typed_without_its_marks_still_joins_the_type_word(tmp_path: Path) -> None:
    # tnt305_tvpl/982-KH-UBND (Nghệ An): "triển khai thực hiện Chỉ thị so 41-CT/TW ngày 26/12/2024 của Bộ Chính trị"
    (c,) = extract_text(tmp_path, "Tổ chức quán triệt, triển khai thực hiện Chỉ thị so 41-CT/TW ngày 26/12/2024 "
                                  "của Bộ Chính trị.")
    assert (c.doc_type, c.number) == ("Chỉ thị", "41-CT/TW")


def test_a_chairmans_number_in_the_committees_series_is_the_document_itself(tmp_path: Path) -> None:
    # tnt305_tvpl/102-2025-QD-UBND (Phú Thọ): "Số: 102/2025/QĐ-UBND", its appendix "(Ban hành kèm theo
    # Quyết định số 102 /2025 /QĐ-CTUBND)": one series, one document.
    text = ("ỦY BAN NHÂN DÂN\nTỈNH PHÚ THỌ\nSố: 102/2025/QĐ-UBND\nPhú Thọ, ngày 20 tháng 11 năm 2025\nQUYẾT ĐỊNH\n"
            "Ban hành Quy chế\nQUY CHẾ\n(Ban hành kèm theo Quyết định số 102 /2025 /QĐ-CTUBND)\n")
    assert extract_text(tmp_path, text) == []


def test_an_issuer_ends_where_its_documents_subject_opens_in_title_case(tmp_path: Path) -> None:
    # tnt305_tvpl/451-QD-UBND (Bắc Ninh): "… của Chính phủ Về kiểm tra, rà soát …"
    (c,) = extract_text(tmp_path, "Căn cứ Nghị định số 79/2025/NĐ-CP ngày 01/4/2025 của Chính phủ Về kiểm tra, "
                                  "rà soát, hệ thống hóa và xử lý văn bản quy phạm pháp luật;")
    assert c.issuer == "Chính phủ"


def test_an_issuer_ends_at_vv_in_any_case_but_not_at_an_organs_title_case_word(tmp_path: Path) -> None:
    # tnt305_tvpl/1521-QD-UBND (Bắc Giang): "… của Chủ tịch UBND tỉnh Bắc Giang v/v công bố TTHC …"
    (c,) = extract_text(tmp_path, "theo Quyết định số 3419/QĐ-UBND ngày 13/12/2022 của Chủ tịch UBND tỉnh Bắc Giang "
                                  "v/v công bố TTHC mới ban hành.")
    assert c.issuer == "Chủ tịch UBND tỉnh Bắc Giang"
    # Made up: "Cục Việc làm" (an organ of the ministry) keeps its "Việc"; the lower-case "việc" ends a phrase.
    (c,) = extract_text(tmp_path, "theo Công văn số 12/VL-BHTN ngày 05/3/2024 của Cục Việc làm; Sở Nội vụ.")
    assert c.issuer == "Cục Việc làm"


@pytest.mark.parametrize(
    "sentence",
    [
        # tnt305_tvpl/153-KH-UBND, 35-2025-NQ-HDND: projects of a national programme
        "c) Chủ trì triển khai, thực hiện các nhiệm vụ được giao tại Tiểu dự án 1 thuộc Dự án 7: “Truyền thông về "
        "phòng, chống ma túy” theo chỉ đạo của Bộ Công an.",
        # tnt305_tvpl/96-CD-BXD: an organ named after one
        "Ban Quản lý Dự án 85 khẩn trương tiếp tục chủ trì, phối hợp với Sở Xây dựng Lâm Đồng.",
        # tnt305_tvpl/2954-QD-UBND: a year heading a table's column
        "TT\nSản phẩm\nKế hoạch 2026\nKế hoạch 2027\nLượng (Tấn)",
        # tnt305_tvpl/76-2025-QD-UBND: the number of the list item that follows
        "Điều 1. Bãi bỏ toàn bộ các quyết định 1. Quyết định số 43/2017/QĐ-UBND ngày 29/9/2017 của UBND tỉnh.",
        # tnt305_tvpl/6225-BVHTTDL-VP: a heading, then the first item
        "Danh mục các văn bản đã ban hành\nI. QUYẾT ĐỊNH 1.\nQuyết định số 1381/QĐ-BVHTTDL ngày 15/5/2025",
        # johnpa02_tvpl/Luat-Xu-ly-vi-pham-hanh-chinh-sua-doi-2020, tnt305_tvpl/5155-SGDDT-GDTXNNDH: counts
        "thì người ra quyết định tạm giữ phải thông báo 02 lần trên phương tiện thông tin đại chúng",
        "Có đủ các Quyết định 03 cán bộ quản lý (01 giám đốc, 02 phó giám đốc);",
    ],
)
def test_a_type_word_and_a_number_that_name_no_document(tmp_path: Path, sentence: str) -> None:
    assert [c.text for c in extract_text(tmp_path, sentence) if c.form == "short"] == []


@pytest.mark.parametrize(
    ("sentence", "short"),
    [
        # tnt305_tvpl/157-KH-UBND: a document's popular name ends the sentence ("06", not an item "6.")
        ("Kết luận của Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06.\n"
         "Thời gian qua hệ thống chính sách an sinh", "Đề án 06"),
        # the same words after the text cited that serial in full: a short form again
        ("Thực hiện Kế hoạch số 2026/KH-UBND ngày 05/3/2025 của UBND tỉnh. Kế hoạch 2026 giao các sở", "Kế hoạch 2026"),
        ("Căn cứ Quyết định số 3/2025/QĐ-UBND. Có đủ các Quyết định 3 lần ban hành", "Quyết định 3"),
    ],
)
def test_a_short_form_that_reads_like_a_year_an_item_or_a_count(tmp_path: Path, sentence: str, short: str) -> None:
    assert [c.text for c in extract_text(tmp_path, sentence) if c.form == "short"] == [short]


@pytest.mark.parametrize(
    "sentence",
    [
        # tnt305_tvpl/393-NQ-CP: a bill, in the title and in the text
        "NGHỊ QUYẾT VỀ DỰ ÁN LUẬT VIÊN CHỨC (SỬA ĐỔI)\nCHÍNH PHỦ",
        "Thông qua Báo cáo tiếp thu, giải trình ý kiến của các vị đại biểu Quốc hội về dự án Luật Viên chức\n",
        # tnt305_tvpl/2820-QD-UBND: the revised law, not passed yet (not the Luật Quy hoạch in force)
        "2 cấp trong thời gian chưa ban hành Luật Quy hoạch (sửa đổi);",
        # tnt305_tvpl/5680-CT-CS
        "Bộ Tài chính đang trình Quốc hội dự thảo Luật thuế TNCN (sửa đổi), dự kiến Quốc hội thông qua",
        # johnpa02_tvpl/Hien-phap-2013
        "Quốc hội thành lập Ủy ban dự thảo Hiến pháp.",
        # tnt305_tvpl/624-TB-VPCP
        "Xây dựng Luật Thuế thu nhập cá nhân (thay thế)\n",
    ],
)
def test_a_bill_is_no_citation(tmp_path: Path, sentence: str) -> None:
    assert extract_text(tmp_path, sentence) == []


def test_a_law_amended_in_part_is_still_cited(tmp_path: Path) -> None:
    # tnt305_tvpl/5529-CT-CS: "(sửa đổi, bổ sung …)" goes on to say how; the law is the one in force
    cites = extract_text(tmp_path, "theo quy định tại Bộ luật Tố tụng hình sự (sửa đổi, bổ sung năm 2021)")
    assert [c.text for c in cites] == ["Bộ luật Tố tụng hình sự"]


@pytest.mark.parametrize(
    ("sentence", "doc_type"),
    [
        # tnt305_tvpl/75-2025-NQ-HDND: words between the type word and "số"
        ("Báo cáo thẩm tra số 111/BC-BPC ngày 22 tháng 11 năm 2025 của Ban Pháp chế Hội đồng nhân dân Thành phố;",
         "Báo cáo"),
        # tnt305_tvpl/145-2025-QD-UBND: the type word heads the list
        ("Căn cứ các Nghị định của Chính phủ: số 78/2025/NĐ-CP ngày 01/4/2025 quy định chi tiết", "Nghị định"),
        # a party code names it too; a party "QĐ" (Quyết định or Quy định) does not
        ("theo tinh thần số 469-KH/TU ngày 16/5/2025 của Tỉnh ủy", "Kế hoạch"),
        ("theo tinh thần số 124-QĐ/TW ngày 16/5/2023", None),
    ],
)
def test_a_number_without_a_type_word_has_the_type_its_code_names(tmp_path: Path, sentence: str,
                                                                   doc_type: str | None) -> None:
    assert [c.doc_type for c in extract_text(tmp_path, sentence)] == [doc_type]


@pytest.mark.parametrize(
    ("sentence", "issuer"),
    [
        # tnt305_tvpl/01779-QD-UBND: "và" inside a ministry's name does not end the issuer
        ("Căn cứ Quyết định số 4831/QĐ-BNNMT ngày 17/11/2025 của Bộ trưởng Bộ Nông nghiệp và Môi trường về việc",
         "Bộ trưởng Bộ Nông nghiệp và Môi trường"),
        # tnt305_tvpl/01763-QD-UBND: nor does a comma
        ("Căn cứ Quyết định số 4347/QĐ-BVHTTDL ngày 14/11/2025 của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch về việc",
         "Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch"),
        # tnt305_tvpl/1660-NQ-UBTVQH15
        ("Báo cáo thẩm tra số 418/BC-UBPLTP15 ngày 03 tháng 6 năm 2025 của Ủy ban Pháp luật và Tư pháp,\n",
         "Ủy ban Pháp luật và Tư pháp"),
        # tnt305_tvpl/6225-BVHTTDL-VP: the organ's name ends it when the next clause follows without a stop
        ("Kế hoạch số 4084/KH-BVHTTDL ngày 13/8/2025 của Bộ Văn hóa, Thể thao và Du lịch Triển khai Nghị quyết số "
         "214/NQ-CP ngày 23/7/2025 của Chính phủ", "Bộ Văn hóa, Thể thao và Du lịch"),
        # tnt305_tvpl/0134-KH-UBND: an abbreviated name
        ("Căn cứ Thông tư số 32/2014/TT-BNNPTNT ngày 10/9/2014 của Bộ Nông nghiệp và PTNT (nay là Bộ Nông nghiệp",
         "Bộ Nông nghiệp và PTNT"),
        # a department and the province it serves (constructed)
        ("theo Kế hoạch số 12/KH-STNMT ngày 05/3/2024 của Sở Tài nguyên và Môi trường tỉnh Quảng Ninh và các sở",
         "Sở Tài nguyên và Môi trường tỉnh Quảng Ninh"),
        # "và" between two organs still ends it
        ("Thông tư liên tịch số 14/2015/TTLT-BTNMT-BTP ngày 04/4/2015 của Bộ Tài nguyên và Môi trường và Bộ Tư pháp",
         "Bộ Tài nguyên và Môi trường"),
    ],
)
def test_an_issuer_whose_name_holds_va_or_a_comma(tmp_path: Path, sentence: str, issuer: str) -> None:
    assert extract_text(tmp_path, sentence)[0].issuer == issuer


@pytest.mark.parametrize(
    ("sentence", "issuer", "date"),
    [
        # tnt305_tvpl/2665-QD-UBND: the issuer ends with its organ when a predicate follows
        ("l) Căn cứ pháp lý của TTHC NB: Nghị định số 255/2025/NĐ-CP ngày 29/9/2025 của Chính phủ xác định các dân "
         "tộc còn gặp nhiều khó khăn", "Chính phủ", "2025-09-29"),
        # tnt305_tvpl/179-KH-UBND: … so the date after the issuer is read
        ("Căn cứ Quyết định số 411/QĐ-TTg của Thủ tướng Chính phủ ngày 31/3/2022 phê duyệt Chiến lược quốc gia",
         "Thủ tướng Chính phủ", "2022-03-31"),
        # tnt305_tvpl/2830-QD-UBND: a quoted title in sentence case after the organ and its province
        ("16. Quyết định số 52/2002/QĐ-UB ngày 27 tháng 9 năm 2002 của Ủy ban nhân dân tỉnh Bình Phước Thành lập "
         "trạm y tế xã Đồng Tiến", "Ủy ban nhân dân tỉnh Bình Phước", "2002-09-27"),
        # tnt305_tvpl/302-2025-ND-CP: its title, in capitals
        ("CHÍNH PHỦ\nSố: 302/2025/NĐ-CP\n\nNGHỊ ĐỊNH\n\nQUY ĐỊNH CHI TIẾT VỀ QUỸ NHÀ Ở QUỐC GIA VÀ BIỆN PHÁP THI\n"
         "HÀNH NGHỊ QUYẾT SỐ 201/2025/QH15 NGÀY 29 THÁNG 5 NĂM 2025 CỦA QUỐC HỘI THÍ ĐIỂM\n", "QUỐC HỘI", "2025-05-29"),
        # tnt305_tvpl/4001-UBND-DT: an abbreviated unit is no predicate
        ("Giấy phép thăm dò số 01/GP-UBND ngày 12/01/2007 của UBND TP, thời hạn", "UBND TP", "2007-01-12"),
        # tnt305_tvpl/c0d7ba6795eecf17: "của" before another organ goes on naming it
        ("Báo cáo thẩm tra số 4846/BC-UBTP15 ngày 05 tháng 02 năm 2025 của Ủy ban Tư pháp của Quốc hội;",
         "Ủy ban Tư pháp của Quốc hội", "2025-02-05"),
        # tnt305_tvpl/5347-CT-CS, 5529-CT-CS, 5662-CT-CS, luongminh_commune: an organ the register does
        # not list still ends with a unit it knows when a predicate follows
        ("Cục Thuế nhận được công văn số 506/NAN-NVDTPC ngày 30/7/2025 của Thuế tỉnh Nghệ An vướng mắc về việc miễn "
         "giảm tiền sử dụng đất", "Thuế tỉnh Nghệ An", "2025-07-30"),
        ("Tại Điều 3 Quyết định số 466/QĐ-CTHADS ngày 04/12/2023 của Cục trưởng Cục Thi hành án dân sự thành phố Hà "
         "Nội có nêu người thi hành án", "Cục trưởng Cục Thi hành án dân sự thành phố Hà Nội", "2023-12-04"),
        ("Theo nội dung nêu tại công văn số 4814/CCTKV.05-TTKT3 ngày 30/06/2025 của Thuế thành phố Hải Phòng thì "
         "trường hợp của Công ty", "Thuế thành phố Hải Phòng", "2025-06-30"),
        ("Theo thông báo số 09/TB-UBBC ngày 15/12/2025 của Ủy ban bầu cử xã Lương Minh Thông báo địa điểm và thời "
         "gian tiếp nhận hồ sơ", "Ủy ban bầu cử xã Lương Minh", "2025-12-15"),
    ],
)
def test_an_issuer_ends_before_what_the_sentence_says_of_it(tmp_path: Path, sentence: str, issuer: str,
                                                             date: str) -> None:
    (c, *_) = extract_text(tmp_path, sentence)
    assert (c.issuer, c.date) == (issuer, date)


def test_an_issuer_in_a_titles_capitals_is_written_as_the_text_runs() -> None:
    # tnt305_tvpl/165-KH-UBND (its first 22 lines): the title's "CỦA THỦ TƯỚNG CHÍNH PHỦ" was given to
    # the later mentions that name no issuer
    cites = extract(Path(__file__).parent / "data" / "metadata" / "165-KH-UBND.head.txt").citations
    assert {c.issuer for c in cites if c.number == "27/CT-TTg"} == {"Thủ tướng Chính phủ"}


@pytest.mark.parametrize(
    ("sentence", "issuer"),
    [
        # tnt305_tvpl/22-2025-NQ-HDND (a Vĩnh Long resolution repealing a Trà Vinh one)
        ("b) Bãi bỏ toàn bộ Nghị quyết số 10/2022/NQ-HĐND ngày 07 tháng 7 năm 2022 của Hội đồng nhân dân tỉnh\n"
         "Trà Vinh quy định nội dung, mức chi", "Hội đồng nhân dân tỉnh Trà Vinh"),
        # tnt305_tvpl/2820-QD-UBND: a unit's name cut in two
        ("Căn cứ Quyết định số 01/2025/QĐ-UBND ngày 01 tháng 7 năm 2025 của Ủy ban nhân dân Thành phố Hồ Chí\n"
         "Minh về Quy chế làm việc", "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
        # tnt305_tvpl/4831-QD-BNNMT, 170-QD-BCDNNDL: an organ's name cut in two
        ("- Thông tư số 10/2024/TT-BTC ngày 05/02/2024 của Bộ trưởng Bộ\nTài chính quy định mức thu, chế độ thu",
         "Bộ trưởng Bộ Tài chính"),
        ("Căn cứ Quyết định số 1532/QĐ-TTg ngày 15 tháng 7 năm 2025 của Thủ tướng\nChính phủ về việc kiện toàn Ban "
         "Chỉ đạo", "Thủ tướng Chính phủ"),
        # tnt305_tvpl/72-2025-NQ-HDND: a unit's kind right after the organ
        ("Báo cáo thẩm tra số 114/BC-BPC ngày 22 tháng 11 năm 2025 của Ban Pháp chế Hội đồng nhân dân\nThành phố;",
         "Ban Pháp chế Hội đồng nhân dân Thành phố"),
        # … and where the next line is another line: another organ, a title, a list item
        ("- Thông tư số 10/2024/TT-BTC của Bộ Tài chính\nSở Tài chính", "Bộ Tài chính"),
        ("Quyết định số 22/2019/QĐ-UBND ngày 13 tháng 9 năm 2019 của Ủy ban nhân dân tỉnh\nQuy định thực hiện nếp "
         "sống văn minh", "Ủy ban nhân dân tỉnh"),
        ("theo Quyết định số 40/2024/QĐ-UBND ngày 04/10/2024 của UBND tỉnh\n1. Bổ sung Điều 5", "UBND tỉnh"),
        # a one-word commune name ("xã Bo") is no unit across a break: a heading, then its paragraph
        # (johnpa02/Nghi-dinh-131-2025-ND-CP: "Thẩm quyền của Hội đồng nhân dân cấp xã⏎Bố trí kinh phí …")
        ("theo Nghị quyết số 12/NQ-HĐND của Hội đồng nhân dân cấp xã\nBố trí kinh phí để thực hiện",
         "Hội đồng nhân dân cấp xã"),
    ],
)
def test_an_issuer_cut_by_a_line_break_goes_on_only_where_the_break_cuts_a_name(tmp_path: Path, sentence: str,
                                                                                  issuer: str) -> None:
    assert extract_text(tmp_path, sentence)[0].issuer == issuer


def test_what_the_preamble_weighs_after_xet_is_no_basis(tmp_path: Path) -> None:
    # tnt305_tvpl/57-2025-NQ-HDND (lines 36-41): the last report of the "Xét" clause is not an item
    # of the "Căn cứ" list before it, however near: the documents the clause cites before it end the list
    text = (
        "Căn cứ Quyết định số 2530/QĐ-TTg ngày 19 tháng 11 năm 2025 của Thủ tướng\n"
        "Chính phủ phê duyệt kế hoạch hành động quốc gia về khắc phục ô nhiễm và quản lý chất lượng môi trường "
        "không khí giai đoạn 2026-2030, tầm nhìn đến năm 2045;\n"
        "Xét Tờ trình số 431/TTr-UBND ngày 21 tháng 11 năm 2025 của Ủy ban nhân dân Thành phố về việc đề nghị ban "
        "hành Nghị quyết thay thế Nghị quyết số 47/2024/NQ-HĐND ngày 12 tháng 12 năm 2024 của Hội đồng nhân dân "
        "Thành phố quy định thực hiện vùng phát thải thấp trên địa bàn thành phố Hà Nội (thực hiện điểm a khoản\n"
        "2 Điều 28 Luật Thủ đô số 39/2024/QH15); Báo cáo thẩm tra số 117/BC-BĐT ngày 24 tháng 11 năm 2025 của Ban "
        "Đô thị Hội đồng nhân dân Thành phố; Văn bản số 6266/UBND-NNMT ngày 25 tháng 11 năm 2025 của Ủy ban nhân "
        "dân Thành phố về việc tiếp thu, giải trình;\n")
    relations = {c.number.split("@")[0]: c.relation for c in extract_text(tmp_path, text) if c.number}
    assert relations["2530/QĐ-TTg"] == "based_on"
    assert relations["431/TTr-UBND"] == relations["117/BC-BĐT"] == relations["6266/UBND-NNMT"] == "cites"


def test_a_numbered_document_cited_between_ends_the_list_of_bases(tmp_path: Path) -> None:
    # tnt305_tvpl/62-2025-QD-UBND (lines 21-22): the circulars that amend a basis are read alike,
    # whether or not a line break cuts the issuer before them
    text = ("Căn cứ Thông tư số 152/2015/TT-BTC của Bộ trưởng\nBộ Tài chính hướng dẫn về thuế tài nguyên được sửa "
            "đổi, bổ sung bởi Thông tư số 12/2016/TT-BTC, Thông tư số 174/2016/TT-BTC, Thông tư số 41/2024/TT-BTC;\n")
    cites = extract_text(tmp_path, text)
    assert [(c.number, c.relation) for c in cites] == [
        ("152/2015/TT-BTC", "based_on"), ("12/2016/TT-BTC", "cites"), ("174/2016/TT-BTC", "cites"),
        ("41/2024/TT-BTC", "cites")]
    assert cites[0].issuer == "Bộ trưởng Bộ Tài chính"
    # tnt305_tvpl/96-2025-QD-UBND (lines 38-40): a proposal and its letter after the bases
    text = ("Căn cứ Thông tư số 16/2025/TT-BNNMT ngày 19 tháng 6 năm 2025 quy định về phân quyền;\n\n"
            "Theo đề nghị của Giám đốc Sở Nông nghiệp và Môi trường tại Tờ trình số 551/TTr-SNNMT ngày 20 tháng 10 "
            "năm 2025; văn bản số 11268/SNNMT-KL ngày 11 tháng 11 năm 2025;\n")
    assert [c.relation for c in extract_text(tmp_path, text)] == ["based_on", "cites", "cites"]


def test_a_sentence_cut_inside_a_name_starts_on_the_line_before(tmp_path: Path) -> None:
    # tnt305_tvpl/02200-QD-UBND: the shown sentence began "Sở Y tế tại Tờ trình …"
    path = tmp_path / "doc.txt"
    path.write_text("Căn cứ Luật Dược;\nTheo đề nghị của Giám đốc\nSở Y tế tại Tờ trình số 0165/TTr-SYT ngày "
                    "28/11/2025.\n", encoding="utf-8")
    extraction = extract(path)
    (c,) = [c for c in extraction.citations if c.number == "0165/TTr-SYT"]
    assert c.sentence is not None
    start, end = c.sentence
    assert " ".join(extraction.text.text[start:end].split()) == (
        "Theo đề nghị của Giám đốc Sở Y tế tại Tờ trình số 0165/TTr-SYT ngày 28/11/2025.")


def test_a_document_called_van_ban_takes_the_type_its_code_names(tmp_path: Path) -> None:
    """"văn bản" is any document: the code of a number before a registered organ says which
    (11298-VPCP-KTTH: "văn bản số 621/BC-BTC" and "Báo cáo số 621/BC-BTC" were a false type
    conflict); a list goes on with each item's own code (389-NQ-CP, line 67); a tax letter's
    "5106/CT-CS" (Cục Thuế, its department CS; 5330-CT-CS, line 22) stays a letter."""
    found = extract_text(tmp_path, (
        "Theo đề nghị của Bộ Tài chính tại văn bản số 621/BC-BTC ngày 11 tháng 11 năm 2025.\n"
        "Xét đề nghị của Bộ trưởng Bộ Công an tại các văn bản số 554/TTr-BCA ngày 12 tháng 9 năm 2025, số 2529/BC-BCA "
        "ngày 03 tháng 10 năm 2025, số 2892/BC-BCA ngày 14 tháng 11 năm 2025;\n"
        "Liên quan đến vướng mắc về mức tiền ăn trưa, Cục Thuế đã có công văn số 5106/CT-CS ngày 20/11/2025.\n"))
    assert [(c.number, c.doc_type) for c in found] == [
        ("621/BC-BTC", "Báo cáo"), ("554/TTr-BCA", "Tờ trình"), ("2529/BC-BCA", "Báo cáo"),
        ("2892/BC-BCA", "Báo cáo"), ("5106/CT-CS", "Công văn")]
