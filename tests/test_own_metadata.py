"""A document's own metadata read right (issue 19, items 2 and 3): laws in the "Luật số: N/…/QHnn"
header layout typed Luật with their title, and the document's own title never cited by itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from luocdo.ingest.issuers import parse_issuer
from luocdo.ingest.pipeline import extract, extract_from, read_document

from .conftest import CORPUS

DATA = Path(__file__).parent / "data" / "metadata"
LAW_HEAD = DATA / "Luat-Giao-dich-dien-tu-2023.head.txt"  # johnpa02_tvpl/Luat-Giao-dich-dien-tu-2023.txt


def test_law_header_on_the_date_line_gives_type_luat_and_title() -> None:
    # "Hà Nội, ngày 22 tháng 6 năm 2023 LUẬT GIAO DỊCH ĐIỆN TỬ": was typed Công văn, no title.
    d = read_document(LAW_HEAD).document
    assert (d.type, d.number, d.title, d.date) == ("Luật", "20/2023/QH15", "GIAO DỊCH ĐIỆN TỬ", "2023-06-22")
    assert d.issuer == "Quốc hội"


def test_law_own_title_is_not_a_citation() -> None:
    # The heading and "Quốc hội ban hành Luật Giao dịch điện tử." were cites of 51/2005/QH11.
    read = read_document(LAW_HEAD)
    citations = extract_from(read.text, read.document).citations
    names = ["".join(c.text.split()).casefold() for c in citations]
    assert "luậtgiaodịchđiệntử" not in names
    assert [c.doc_type for c in citations] == ["Hiến pháp"]  # "Căn cứ Hiến pháp …" stays


# 2820-QD-UBND__001c610b2efdcf0c.txt (tnt305_tvpl), lines 65-66: "… của Ủy ban nhân dân Thành phố Hồ Chí⏎Minh
# về Quy chế làm việc …"; the citation finder stops the issuer at the line break.
HCM_CUT = "Ủy ban nhân dân Thành phố Hồ Chí"


def test_province_name_cut_at_a_line_break_is_completed() -> None:
    # Was "UBND" at district level: the 7 "UBND thành phố Hồ Chí" nodes of issue 19.
    issuer = parse_issuer(HCM_CUT, on="2025-07-01")
    assert issuer is not None
    assert (issuer.name, issuer.level, issuer.place and issuer.place.province) == (
        "UBND thành phố Hồ Chí Minh", "province", "Hồ Chí Minh")


def test_thua_thien_hue_is_the_province_hue() -> None:
    # 122-2025-QD-UBND (tnt305_tvpl): "… của Ủy ban nhân dân tỉnh Thừa Thiên⏎Huế"; two of the six
    # citations of 42/2018/QĐ-UBND and 07/2022/QĐ-UBND lost their province (no "@hue").
    read = read_document(CORPUS / "tnt305_tvpl" / "122-2025-QD-UBND__606d5f203dec293b.txt")
    targets = {c.target for c in extract_from(read.text, read.document).citations
               if c.number in ("42/2018/QĐ-UBND", "07/2022/QĐ-UBND")}
    assert targets == {"42/2018/QĐ-UBND@hue", "07/2022/QĐ-UBND@hue"}
    issuer = parse_issuer("Hội đồng nhân dân tỉnh Thừa Thiên Huế", on="2022-07-14")
    assert issuer is not None and issuer.place is not None and issuer.place.province == "Huế"


def test_type_name_then_so_colon_header_gives_the_own_number_never_cited() -> None:
    # luongminh_commune/tvpl-htm__101-2025-UBTVQH15: "Nghị quyết số: 101/2025/UBTVQH15" had no number,
    # and the resolution's four mentions of itself were citations.
    read = read_document(CORPUS / "luongminh_commune" / "tvpl-htm__101-2025-UBTVQH15-678562.txt")
    assert (read.document.type, read.document.number) == ("Nghị quyết", "101/2025/UBTVQH15")
    numbers = [c.number for c in extract_from(read.text, read.document).citations]
    assert "101/2025/UBTVQH15" not in numbers
    assert "85/2015/QH13" in numbers


def test_own_number_with_a_space_by_the_slash() -> None:
    d = read_document(DATA / "9476-BNNMT-CNTY__edfc0349ad13b2bf.txt").document  # "Số: 9476 /BNNMT-CNTY"
    assert (d.number, d.type) == ("9476/BNNMT-CNTY", "Công văn")


def test_a_consolidated_text_is_typed_by_its_symbol() -> None:
    """Issue 19, item 2: "Số: 57/VBHN-BCT" over the heading "THÔNG TƯ" (corpus
    tnt305_tvpl/57-VBHN-BCT): a Văn bản hợp nhất of a Thông tư, not a Thông tư numbered VBHN;
    its own number is never one of its citations."""
    read = read_document(DATA / "57-VBHN-BCT.head.txt")
    assert (read.document.number, read.document.type) == ("57/VBHN-BCT", "Văn bản hợp nhất")
    assert (read.document.title or "").startswith("Thông tư QUY ĐỊNH HỒ SƠ")
    assert all(c.number != "57/VBHN-BCT" for c in extract(DATA / "57-VBHN-BCT.head.txt").citations)


def test_an_official_letter_is_a_cong_van_whatever_its_code() -> None:
    """A letter has no type heading, only "V/v …" under its number (ND 30/2020 Phụ lục I): the Tax
    Department's "5330/CT-CS" was typed Chỉ thị (CT is also Chỉ thị's code; 30 corpus letters), the
    customs "778/TCHQ-GSQL" had no type (15 corpus letters)."""
    tax = read_document(DATA / "5330-CT-CS.head.txt").document
    assert (tax.type, tax.number, tax.title) == ("Công văn", "5330/CT-CS", "Chính sách thuế TNCN")
    customs = read_document(DATA / "Cong-van-778-TCHQ-GSQL.head.txt").document
    assert (customs.type, customs.number) == ("Công văn", "778/TCHQ-GSQL")
    assert read_document(LAW_HEAD).document.type == "Luật"  # a heading still decides


def test_a_heading_glued_to_its_title_is_read() -> None:
    """"NGHỊ ĐỊNHVề hợp đồng thực hiện nhiệm vụ của công chức": the decree was typed Quy định, titled
    "CHUNG", from its chapter heading "QUY ĐỊNH CHUNG" further down."""
    d = read_document(DATA / "173-2025-ND-CP.head.txt").document
    assert (d.type, d.number) == ("Nghị định", "173/2025/NĐ-CP")
    assert d.title == "Về hợp đồng thực hiện nhiệm vụ của công chức"


def test_the_organ_that_enacts_names_the_issuer_when_the_header_lost_it(tmp_path: Path) -> None:
    """A resolution whose header block was lost still says who enacts it, on its own line before
    "Căn cứ" (tnt305_tvpl/24e28a864a1fdc36.txt, a Quốc hội resolution; 0faec1aabf388eca.txt, one of
    the Ủy ban Thường vụ Quốc hội). The last line of a title in capitals is no such line
    (53a2def6c64d24fe.txt, a Government resolution: "… ĐÃ ĐƯỢC ⏎ QUỐC HỘI QUYẾT ĐỊNH CHỦ TRƯƠNG …")."""
    def issuer(text: str) -> tuple[str | None, str | None]:
        path = tmp_path / "nq.txt"
        path.write_text(text, encoding="utf-8")
        d = read_document(path).document
        return d.issuer, d.level

    assert issuer("NGHỊ QUYẾT\nVề một số cơ chế, chính sách đặc biệt tạo đột phá trong xây dựng và tổ chức thi hành "
                  "pháp luật\nQUỐC HỘI\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n") == \
        ("Quốc hội", "national")
    assert issuer("NGHỊ QUYẾT\nSửa đổi, bổ sung một số nội dung của Nghị quyết số 730/2004/NQ-UBTVQH11\n"
                  "ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n") == \
        ("Ủy ban Thường vụ Quốc hội", "national")
    assert issuer("NGHỊ QUYẾT\nVỀ TÁCH NỘI DUNG BỒI THƯỜNG, HỖ TRỢ, TÁI ĐỊNH CƯ THUỘC DỰ ÁN ĐIỆN HẠT NHÂN ĐÃ ĐƯỢC\n"
                  "QUỐC HỘI QUYẾT ĐỊNH CHỦ TRƯƠNG ĐẦU TƯ THÀNH DỰ ÁN ĐỘC LẬP\n"
                  "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\n")[0] != "Quốc hội"


def test_who_enacts_is_not_part_of_the_title(tmp_path: Path) -> None:
    """tnt305_tvpl/2848-QD-UBND (Hồ Chí Minh): the line "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ
    MINH" between the title in capitals and "Căn cứ" says who enacts; it was read as the title's end.
    53a2def6c64d24fe: "… ĐÃ ĐƯỢC ⏎ QUỐC HỘI QUYẾT ĐỊNH CHỦ TRƯƠNG …" is the title going on."""
    path = tmp_path / "qd.txt"
    path.write_text(
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\n-------\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\nSố: 2848/QĐ-UBND\nThành phố Hồ Chí\n"
        "Minh, ngày 21 tháng 11 năm 2025\nQUYẾT ĐỊNH VỀ VIỆC CÔNG BỐ DANH\nMỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ "
        "SUNG LĨNH VỰC HOẠT ĐỘNG KHOA HỌC VÀ CÔNG NGHỆ THUỘC PHẠM VI CHỨC NĂNG QUẢN LÝ CỦA SỞ KHOA HỌC VÀ CÔNG NGHỆ\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH\n"
        "Căn cứ Luật Tổ chức Chính quyền địa phương ngày 16 tháng 6 năm 2025;\n", encoding="utf-8")
    title = read_document(path).document.title or ""
    assert title.endswith("CỦA SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    path.write_text(
        "NGHỊ QUYẾT\nVỀ TÁCH NỘI DUNG BỒI THƯỜNG, HỖ TRỢ, TÁI ĐỊNH CƯ THUỘC DỰ ÁN ĐIỆN HẠT NHÂN ĐÃ ĐƯỢC\n"
        "QUỐC HỘI QUYẾT ĐỊNH CHỦ TRƯƠNG ĐẦU TƯ THÀNH DỰ ÁN ĐỘC LẬP\nCăn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\n",
        encoding="utf-8")
    assert (read_document(path).document.title or "").endswith("THÀNH DỰ ÁN ĐỘC LẬP")


# The lines between "QUYẾT ĐỊNH"/"THÔNG BÁO" and the first "Căn cứ" in tnt305_tvpl files (as read):
# who enacts wrapped over two lines, flattened onto the title, or both; and titles whose own words
# name a position ("ỦY QUYỀN CHO GIÁM ĐỐC SỞ …", "… CỦA THỦ TƯỚNG CHÍNH PHỦ").
TITLE_THEN_ENACTING = [
    ("1594-QD-TTPVHCC", "QUYẾT ĐỊNH\nVỀ VIỆC PHÊ DUYỆT QUY TRÌNH NỘI BỘ, QUY TRÌNH ĐIỆN TỬ MỚI\nBAN HÀNH, ĐƯỢC SỬA "
     "ĐỔI, BỔ SUNG GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH LĨNH VỰC TÍN NGƯỠNG,\nTÔN GIÁO THUỘC PHẠM VI CHỨC NĂNG QUẢN LÝ NHÀ "
     "NƯỚC CỦA SỞ DÂN TỘC VÀ TÔN GIÁO\nTHÀNH PHỐ HÀ NỘI\nGIÁM ĐỐC TRUNG TÂM PHỤC VỤ HÀNH CHÍNH "
     "CÔNG THÀNH PHỐ\nHÀ NỘI\n",
     "CỦA SỞ DÂN TỘC VÀ TÔN GIÁO THÀNH PHỐ HÀ NỘI"),
    ("3361-QD-BCT", "QUYẾT ĐỊNH\nVỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH SỬA ĐỔI, BỔ\nSUNG BAN HÀNH TRONG LĨNH VỰC XUẤT "
     "NHẬP KHẨU THUỘC PHẠM VI CHỨC NĂNG QUẢN LÝ CỦA BỘ CÔNG THƯƠNG\nBỘ\nTRƯỞNG BỘ CÔNG THƯƠNG\n",
     "THUỘC PHẠM VI CHỨC NĂNG QUẢN LÝ CỦA BỘ CÔNG THƯƠNG"),
    ("2629-QD-TTg", "QUYẾT ĐỊNH VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN CHÍNH PHỦ SỐ THỦ TƯỚNG CHÍNH PHỦ\n",
     "VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN CHÍNH PHỦ SỐ"),
    ("37691-TB-CHQ", "THÔNG BÁO\nVỀ KẾT QUẢ XÁC ĐỊNH TRƯỚC MÃ SỐ CỤC TRƯỞNG CỤC\nHẢI QUAN\n",
     "VỀ KẾT QUẢ XÁC ĐỊNH TRƯỚC MÃ SỐ"),
    # an organ's line of the title, then who enacts: the fewest lines that name who enacts go
    ("1951-QD-UBND", "QUYẾT ĐỊNH VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ TRONG LĨNH VỰC KINH DOANH\nBẢO "
     "HIỂM THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG, SỞ TÀI CHÍNH,\nỦY BAN NHÂN DÂN CẤP XÃ TỈNH "
     "CAO BẰNG\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CAO BẰNG\n", "SỞ TÀI CHÍNH, ỦY BAN NHÂN DÂN CẤP XÃ TỈNH CAO BẰNG"),
    ("1617-QD-UBND", "QUYẾT ĐỊNH\nVỀ VIỆC ỦY QUYỀN CHO GIÁM ĐỐC SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG THỰC HIỆN NHIỆM VỤ TRONG "
     "LĨNH VỰC QUẢN LÝ CHẤT LƯỢNG NÔNG LÂM SẢN VÀ THỦY SẢN\n",
     "VỀ VIỆC ỦY QUYỀN CHO GIÁM ĐỐC SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG THỰC HIỆN NHIỆM VỤ TRONG LĨNH VỰC QUẢN LÝ CHẤT "
     "LƯỢNG NÔNG LÂM SẢN VÀ THỦY SẢN"),
    ("44-2025-QD-TTg", "QUYẾT ĐỊNH\nBÃI BỎ MỘT SỐ VĂN BẢN QUY PHẠM PHÁP LUẬT CỦA THỦ TƯỚNG CHÍNH PHỦ\n",
     "BÃI BỎ MỘT SỐ VĂN BẢN QUY PHẠM PHÁP LUẬT CỦA THỦ TƯỚNG CHÍNH PHỦ"),
]


@pytest.mark.parametrize(("source", "head", "title"), TITLE_THEN_ENACTING, ids=[t[0] for t in TITLE_THEN_ENACTING])
def test_who_enacts_wrapped_or_flattened_is_not_part_of_the_title(tmp_path: Path, source: str, head: str,
                                                                   title: str) -> None:
    """Who enacts, on two lines or at the end of the title's line, was read as the title's end in
    31 corpus titles ("… CỦA SỞ DÂN TỘC VÀ TÔN GIÁO THÀNH PHỐ HÀ NỘI GIÁM ĐỐC TRUNG TÂM PHỤC VỤ …")."""
    path = tmp_path / f"{source}.txt"
    path.write_text(f"Số: 1/QĐ-UBND\n{head}Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;\n",
                    encoding="utf-8")
    assert (read_document(path).document.title or "").endswith(title)
    assert len(read_document(path).document.title or "") <= len(head)


def test_a_centre_under_the_city_issues_its_own_decisions(tmp_path: Path) -> None:
    """tnt305_tvpl/1610-QD-TTPVHCC (its head, and line 39): the header names the city's people's
    committee, then the centre that issues the decision; the decision was filed under the
    committee, and the centre's earlier decision it cites under an unknown issuer ("@?")."""
    path = tmp_path / "1610.txt"
    path.write_text(
        "UBND THÀNH PHỐ HÀ NỘI\nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n\nSố: 1610/QĐ-TTPVHCC\n\nHà Nội, ngày 25 tháng 11 năm 2025\n\n"
        "QUYẾT ĐỊNH\n\nVỀ VIỆC CÔNG BỐ QUY TRÌNH\n\n"
        "Trên cơ sở kết quả thực hiện thí điểm theo Quyết định số 1234/QĐ-TTPVHCC ngày 29/8/2025 của Giám đốc Trung "
        "tâm\nPhục vụ hành chính công Thành phố.\n", encoding="utf-8")
    extraction = extract(path)
    assert (extraction.document.issuer, extraction.document.level, extraction.document.province) == (
        "Trung tâm Phục vụ hành chính công thành phố Hà Nội", "province", "Hà Nội")
    assert [c.target for c in extraction.citations] == ["1234/QĐ-TTPVHCC@ttpvhcc-ha-noi@2025"]


def test_an_older_state_number_without_a_slash_is_the_documents_own() -> None:
    # johnpa02_tvpl/Nghi-dinh-61-CP.txt (its first lines): "Số:⏎61-CP Hà Nội, ngày 05 tháng 7 năm 1994" — the
    # number was not read, so its title "NGHỊ ĐỊNH CỦA CHÍNH PHỦ SỐ 61-CP NGÀY …" was a citation of itself.
    read = read_document(DATA / "Nghi-dinh-61-CP.head.txt")
    assert (read.document.type, read.document.number, read.document.date) == ("Nghị định", "61-CP", "1994-07-05")
    # the laws it is based on, not itself: Luật Tổ chức Chính phủ 1992 (not in the table), Luật Đất đai 1993
    assert [c.number for c in extract_from(read.text, read.document).citations] == [None, "24-L/CTN"]
