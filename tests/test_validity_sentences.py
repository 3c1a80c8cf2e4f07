"""Validity (issue 16): each rule, on the real sentence it was written for.

Every text below is copied from a file of the validity gold (``tests/gold/validity/``, sources in
its README), named above it with its line numbers (two leave lines out, as they say); none is
constructed. Each test failed on the line-by-line reader this module replaced (commit 95046da),
except those marked as guards: they hold rules of the new reading that the old one did not need.
"""

from __future__ import annotations

from luocdo.ingest.models import Document, SourceText
from luocdo.ingest.pipeline import extract_from
from luocdo.ingest.validity import Validity, find_validity


def _read(text: str, *, type_: str = "Quyết định", number: str = "1/2025/QĐ-UBND",
          date: str | None = "2025-11-20") -> Validity:
    source = SourceText("t.txt", text, text, text, tuple(range(len(text) + 1)), "txt", "utf-8")
    doc = Document("t.txt", type=type_, number=number, date=date)
    e = extract_from(source, doc)
    return find_validity(e.text, doc, e.citations)


def _acts(v: Validity) -> set[tuple[str, str | None]]:
    return {(a.relation, a.number or a.target) for a in v.acts}


def _stated(v: Validity) -> set[tuple[str, str | None, str | None]]:
    return {(f.relation, f.source_number or f.source, f.target_number or f.target) for f in v.stated}


# --- sentences broken over lines, lists inside a sentence ----------------------------------------

def test_a_sentence_broken_over_lines_keeps_its_second_target() -> None:
    # 2890-QD-UBND__ad3df698d54f5b1d.txt:32-34
    v = _read("Điều 3. Quyết định này có hiệu lực kể từ ngày ban hành và bãi bỏ Danh mục TTHC có số thứ tự "
              "2,3,4 Phần\nI ban hành kèm theo Quyết định 1037/QĐ- UBND ngày 14/5/2025 và Quy trình nội bộ\nTTHC "
              "tại số thứ tự 2, 3, 4 Mục A, Phần II ban hành kèm theo Quyết định số 1416/QĐ-UBND ngày 20/6/2025 "
              "của Chủ tịch UBND tỉnh.\n")
    assert _acts(v) == {("repeals", "1037/QĐ-UBND"), ("repeals", "1416/QĐ-UBND")}
    assert {a.scope for a in v.acts} == {"part"}


def test_a_second_part_and_its_document_after_va() -> None:
    # 2609-QD-UBND__3c5c52374e60b28b.txt:31-32
    v = _read("Bãi bỏ thủ tục hành chính có số thứ tự 8, 9, 10 tại Quyết định số 1127/QĐ- UBND ngày 06 tháng 5 "
              "năm 2025 của Chủ tịch Ủy ban nhân dân thành phố Cần Thơ và thủ tục hành chính có số thứ tự 01 tại "
              "Quyết định số 2159/QĐ-UBND ngày 01 tháng 10 năm 2024 của Chủ tịch\nỦy ban nhân dân thành phố Cần "
              "Thơ về việc công bố thủ tục hành chính nội bộ trong hệ thống hành chính nhà nước thuộc phạm vi "
              "chức năng quản lý của Ủy ban nhân dân thành phố Cần Thơ.\n")
    assert _acts(v) == {("repeals", "1127/QĐ-UBND"), ("repeals", "2159/QĐ-UBND")}


def test_an_inline_list_runs_on_after_a_semicolon() -> None:
    # 1486-QD-UBND__43ce594e2a648040.txt:37-40
    v = _read("Sửa đổi, bổ sung TTHC tương ứng đã được công bố tại các Quyết định của Chủ tịch\nUBND tỉnh về "
              "việc công bố danh mục TTHC thuộc phạm vi, chức năng quản lý của Sở\nTài chính: số 761/QĐ-UBND "
              "ngày 05/5/2025 của Chủ tịch UBND tỉnh Bắc Ninh (cũ);\nsố 810/QĐ-UBND ngày 06/6/2025 của Chủ "
              "tịch UBND tỉnh Bắc Giang.\n")
    assert _acts(v) == {("amends", "761/QĐ-UBND"), ("amends", "810/QĐ-UBND")}


def test_a_list_item_broken_before_dieu_of() -> None:
    # Luat-sua-doi-cac-Luat-ve-thue-2014.txt:112-118 ("Khoản 3 ⏎ Điều 7 của Luật …" is one item)
    v = _read("2. Bãi bỏ các nội dung quy định về tỷ giá khi xác định doanh thu, chi phí, giá tính thuế, thu "
              "nhập tính thuế, thu nhập chịu thuế và thuế nộp ngân sách nhà nước tại:\na) Điều 8 và khoản 3 Điều "
              "9 của Luật thuế thu nhập doanh nghiệp số 14/2008/QH12 đã được sửa đổi, bổ sung một số điều theo "
              "Luật số 32/2013/QH13;\nb) Khoản 1\nĐiều 6 của Luật thuế thu nhập cá nhân số 04/2007/QH11 đã được "
              "sửa đổi, bổ sung một số điều theo Luật số 26/2012/QH13;\nc) Khoản 3\nĐiều 7 của Luật thuế giá trị "
              "gia tăng số 13/2008/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số 31/2013/QH13;\nd) Điều "
              "6 của Luật thuế tiêu thụ đặc biệt số 27/2008/QH12;\n", type_="Luật", number="71/2014/QH13",
              date="2014-11-26")
    # "04/2007/QH11" as written: the law's name corrects the term (XII) and marks the number doubted
    assert {n for r, n in _acts(v) if r == "repeals"} == {"14/2008/QH12", "04/2007/QH12", "13/2008/QH12",
                                                          "27/2008/QH12"}


def test_an_article_glued_to_the_closing_quote_is_read() -> None:
    # Nghi-dinh-102-2021-ND-CP.txt:40-41 and :57 (the quoted article it closes; the lines between left out)
    v = _read("6. Sửa đổi, bổ sung Điều 43 như sau:\n“Điều 43. Miễn, giảm tiền phạt vi phạm hành chính về thuế, "
              "hóa đơn\nNgày bắt đầu tính tiền chậm nộp tiền phạt được miễn, giảm không "
              "đúng là ngày tổ chức, cá nhân bị xử phạt nộp đầy đủ hồ sơ đề nghị miễn, giảm tiền phạt.\"Điều 2. "
              "Sửa đổi, bổ sung một số điều của Nghị định số 128/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính "
              "phủ quy định xử phạt vi phạm hành chính trong lĩnh vực hải quan\n", type_="Nghị định",
              number="102/2021/NĐ-CP", date="2021-11-16")
    assert _acts(v) == {("amends", "128/2020/NĐ-CP")}


def test_the_amending_laws_own_list_passes_over_the_laws_that_amended_them() -> None:
    # Luat-sua-doi-cac-Luat-ve-thue-2014.txt:6
    v = _read("Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật thuế thu nhập doanh nghiệp số "
              "14/2008/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số 32/2013/QH13, Luật thuế thu nhập cá "
              "nhân số 04/2007/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số 26/2012/QH13, Luật thuế giá "
              "trị gia tăng số 13/2008/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số 31/2013/QH13, Luật "
              "thuế tiêu thụ đặc biệt số 27/2008/QH12, Luật thuế tài nguyên số 45/2009/QH12, Luật quản lý thuế số "
              "78/2006/QH11 đã được sửa đổi, bổ sung một số điều theo Luật số 21/2012/QH13, Luật thuế xuất khẩu, "
              "thuế nhập khẩu số 45/2005/QH11, Luật hải quan số 54/2013/QH13.\n", type_="Luật",
              number="71/2014/QH13", date="2014-11-26")
    assert {n for r, n in _acts(v)} == {"14/2008/QH12", "04/2007/QH12", "13/2008/QH12", "27/2008/QH12",
                                        "45/2009/QH12", "78/2006/QH11", "45/2005/QH11", "54/2014/QH13"}
    assert _stated(v) == {("amends", "32/2013/QH13", "14/2008/QH12"), ("amends", "26/2012/QH13", "04/2007/QH12"),
                          ("amends", "31/2013/QH13", "13/2008/QH12"), ("amends", "21/2012/QH13", "78/2006/QH11")}


# --- verbs ---------------------------------------------------------------------------------------

def test_every_verb_of_a_cluster_acts() -> None:
    # 24-2025-TT-BTP__68c706de4d068f13.txt:40
    v = _read("Bãi bỏ, sửa đổi, thay thế một số điều, phụ lục của Thông tư số 02/2023/TT-BTP ngày 29 tháng 6 "
              "năm 2023 của Bộ trưởng Bộ Tư pháp quy định vị trí việc làm công chức nghiệp vụ chuyên ngành Tư "
              "pháp\n", type_="Thông tư", number="24/2025/TT-BTP")
    assert _acts(v) == {("repeals", "02/2023/TT-BTP"), ("amends", "02/2023/TT-BTP"),
                        ("replaces", "02/2023/TT-BTP")}


def test_replacing_words_amends() -> None:
    # 34-2025-NQ-HDND__592501a25aaf5012.txt:433
    v = _read("Thay thế, bãi bỏ một số từ, cụm từ, quy định tại Nghị quyết và Quy định kèm theo Nghị quyết số "
              "10/2022/NQ-HĐND ngày 14 tháng 7 năm 2022 của Hội đồng nhân dân tỉnh (nay là thành phố Huế) về quy "
              "định nguyên tắc, tiêu chí, định mức phân bổ vốn đầu tư phát triển từ ngân sách nhà nước thực hiện "
              "chương trình mục tiêu quốc gia xây dựng nông thôn mới tỉnh Thừa Thiên Huế giai đoạn 2021 - 2025\n",
              type_="Nghị quyết", number="34/2025/NQ-HĐND")
    assert _acts(v) == {("amends", "10/2022/NQ-HĐND"), ("repeals", "10/2022/NQ-HĐND")}


def test_replaces_and_repeals_is_one_replacement() -> None:
    """A guard for the verb clusters (the old reader read the first verb only)."""
    # Nghi-dinh-47-2021-ND-CP.txt:259-263
    v = _read("2. Nghị định này thay thế và bãi bỏ các văn bản sau:\na) Nghị định số 81/2015/NĐ-CP ngày 18 tháng "
              "9 năm 2015 của Chính phủ về công bố thông tin doanh nghiệp nhà nước.\nb) Nghị định số 93/2015/NĐ-CP "
              "ngày 15 tháng 10 năm 2015 của Chính phủ về tổ chức, quản lý và hoạt động của doanh nghiệp quốc "
              "phòng, an ninh.\nc) Nghị định số 96/2015/NĐ-CP ngày 19 tháng 10 năm 2015 của Chính phủ quy định chi "
              "tiết một số điều của Luật Doanh nghiệp.\nd) Quyết định số 35/2013/QĐ-TTg ngày 07 tháng 06 năm 2013 "
              "của Thủ tướng Chính phủ ban hành Quy chế hoạt động của Kiểm soát viên công ty trách nhiệm hữu hạn "
              "một thành viên do Nhà nước nắm giữ 100% vốn điều lệ.\n", type_="Nghị định", number="47/2021/NĐ-CP",
              date="2021-04-01")
    assert _acts(v) == {("replaces", n) for n in ("81/2015/NĐ-CP", "93/2015/NĐ-CP", "96/2015/NĐ-CP",
                                                   "35/2013/QĐ-TTg")}


def test_passive_and_nominal_verbs_are_no_acts() -> None:
    """A guard for sentences and verb clusters: a head ending without a stop hands its act to the
    lines below, so a passive or nominal verb must not act at all."""
    # 2828-QD-UBND__c0a2deaf27ce8fea.txt:47-54: a table heading, then the legal bases of a procedure
    v = _read("Tên VBQPPL quy định việc bãi bỏ, hủy bỏ\n\n1\n\nĐiều chỉnh danh mục, tổ chức, cá nhân chủ trì nhiệm "
              "vụ khoa học và công nghệ cấp tỉnh\n\n- Thông tư số 09/2024/TT-BKHCN ngày 27 tháng 12 năm 2024 của "
              "Bộ trưởng Bộ Khoa học và Công nghệ quy định quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh, cấp cơ "
              "sở sử dụng ngân sách nhà nước;\n- Quyết định số 45/QĐ-BKHCN ngày 15/01/2025 về việc công bố thủ tục "
              "hành chính mới ban hành trong lĩnh vực hoạt động Khoa học và Công nghệ thuộc phạm vi chức năng quản "
              "lý của Bộ Khoa học và Công nghệ;\n")
    assert v.acts == []
    # 2609-QD-UBND__3c5c52374e60b28b.txt:18-23
    v = _read("QUYẾT ĐỊNH VỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH NỘI BỘ BỊ BÃI BỎ TRONG\nLĨNH VỰC CHUYỂN ĐỔI SỐ QUỐC "
              "GIA VÀ HOẠT ĐỘNG KHOA HỌC VÀ CÔNG NGHỆ THUỘC THẨM\nQUYỀN GIẢI QUYẾT CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ "
              "CẦN THƠ\nCHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ\nCăn cứ Luật Tổ chức\nChính quyền địa phương "
              "ngày 16 tháng 6 năm 2025;\n")
    assert v.acts == []


def test_a_word_of_a_quoted_procedure_name_is_no_act() -> None:
    # 4014-QD-BTC__551c9da04f57dc24.txt:26 and :69
    v = _read("Bãi bỏ TTHC: “Đăng ký sửa đổi chế độ Kế toán theo Thông tư số 200/2014/TT-BTC hướng dẫn Chế độ "
              "kế toán doanh nghiệp” tại Quyết định số 2083/QĐ-BTC ngày 29/09/2016 của Bộ trưởng Bộ Tài chính về "
              "công bố thủ tục hành chính chuẩn hóa trong lĩnh vực kế toán, kiểm toán thuộc thẩm quyền giải quyết "
              "của Bộ Tài chính.\nThủ tục Đăng ký sửa đổi chế độ Kế toán theo Thông tư số 200/2014/TT-BTC hướng "
              "dẫn Chế độ kế toán doanh nghiệp\n", number="4014/QĐ-BTC")
    assert _acts(v) == {("repeals", "2083/QĐ-BTC")}


def test_the_title_of_a_second_target_does_not_act() -> None:
    # 122-2025-QD-UBND__606d5f203dec293b.txt:32
    v = _read("Huế ban hành Quyết định bãi bỏ Quyết định số 42/2018/QĐ-UBND ngày 08/8/2018 của Ủy ban nhân dân "
              "tỉnh Thừa Thiên Huế về việc ban hành quy định về phân cấp quản lý tài sản công tại cơ quan, tổ "
              "chức, đơn vị thuộc phạm vi quản lý của địa phương trên địa bàn tỉnh Thừa Thiên Huế và Quyết định số "
              "07/2022/QĐ-UBND ngày 17/2/2022 của Ủy ban nhân dân tỉnh Thừa Thiên Huế sửa đổi, bổ sung một số "
              "điều của Quy định ban hành kèm theo Quyết định số 42/2018/QĐ-UBND ngày 08 tháng 8 năm 2018 của Ủy "
              "ban nhân dân tỉnh về việc ban hành Quy định về phân cấp quản lý tài sản công tại cơ quan, tổ chức "
              "đơn vị thuộc phạm vi quản lý của địa phương trên địa bàn tỉnh Thừa Thiên Huế.\n",
              number="122/2025/QĐ-UBND")
    assert _acts(v) == {("repeals", "42/2018/QĐ-UBND"), ("repeals", "07/2022/QĐ-UBND")}
    assert _stated(v) == {("amends", "07/2022/QĐ-UBND", "42/2018/QĐ-UBND")}


def test_a_whole_repeal_stays_whole_and_a_heading_is_no_target() -> None:
    # 81-2025-QD-UBND__5545b1799f2968c0.txt:34-36
    v = _read("Điều 1. Bãi bỏ toàn bộ các Quyết định 1. Bãi bỏ toàn bộ Quyết định số 55/2014/QĐ-UBND ngày "
              "31/12/2014 của UBND thành phố Đà Nẵng Quy định về quản lý và sử dụng tạm thời vỉa hè ngoài mục đích "
              "giao thông trên các tuyến đường thuộc địa bàn thành phố Đà Nẵng.\n2. Bãi bỏ toàn bộ Quyết định số "
              "24/2019/QĐ-UBND ngày 02/5/2019 của UBND thành phố Đà Nẵng Sửa đổi, bổ sung một số điều của Quy "
              "định về quản lý và sử dụng tạm thời vỉa hè ngoài mục đích giao thông trên các tuyến đường thuộc địa "
              "bàn thành phố Đà Nẵng ban hành kèm theo Quyết định số 55/2014/QĐ-UBND ngày 31/12/2014 của UBND "
              "thành phố Đà Nẵng\n", number="81/2025/QĐ-UBND")
    assert {(a.relation, a.scope, a.number) for a in v.acts} == {("repeals", "whole", "55/2014/QĐ-UBND"),
                                                                 ("repeals", "whole", "24/2019/QĐ-UBND")}


# --- documents written by name -------------------------------------------------------------------

def test_a_law_replaces_one_it_names_by_its_passing_date() -> None:
    # Luat-Dat-dai-1993.txt:273
    v = _read("Điều 88 Luật này thay thế Luật đất đai đã được Quốc hội nước Cộng hoà xã hội chủ nghĩa Việt Nam "
              "khoá VIII thông qua ngày 29 tháng 12 năm 1987.\n", type_="Luật", number="24-L/CTN", date="1993-07-14")
    assert _acts(v) == {("replaces", "name:Luật đất đai 1987")}


def test_ordinances_named_in_a_list_and_before_het_hieu_luc() -> None:
    # Luat-thue-su-dung-dat-phi-nong-nghiep-2010.txt:114-117
    v = _read("1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2012.\n2. Các văn bản quy phạm pháp luật "
              "sau đây hết hiệu lực thi hành kể từ ngày Luật này có hiệu lực:\na) Pháp lệnh thuế nhà, đất năm "
              "1992;\nb) Pháp lệnh sửa đổi, bổ sung một số điều của Pháp lệnh thuế nhà, đất năm 1994.\n",
              type_="Luật", number="48/2010/QH12", date="2010-06-17")
    assert _acts(v) == {("repeals", "name:Pháp lệnh thuế nhà, đất năm 1992"),
                        ("repeals", "name:Pháp lệnh sửa đổi, bổ sung một số điều của Pháp lệnh thuế nhà, đất năm 1994")}
    # Luat-Hai-quan-2001.txt:447-449
    v = _read("Luật này có hiệu lực từ ngày 01 tháng 01 năm 2002.\nPháp lệnh Hải quan được Hội đồng Nhà nước ban "
              "hành ngày 20 tháng 2 năm 1990 hết hiệu lực kể từ ngày Luật này có hiệu lực.\nCác quy định trước đây "
              "trái với Luật này đều bãi bỏ.\n", type_="Luật", number="29/2001/QH10", date="2001-06-29")
    assert [(a.relation, a.target, a.since) for a in v.acts] == [("repeals", "name:Pháp lệnh Hải quan 1990",
                                                                  "2002-01-01")]


# --- stated facts --------------------------------------------------------------------------------

def test_an_amending_law_named_before_its_number() -> None:
    # 102-2025-QD-UBND__1a3950726cd8511f.txt:24
    v = _read("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15; Luật Sửa đổi, bổ sung một số "
              "điều của Luật Ban hành văn bản quy phạm pháp luật số 87/2025/QH15;\n")
    assert _stated(v) == {("amends", "87/2025/QH15", "64/2025/QH15")}
    # Luat-Doanh-nghiep-sua-doi-2025.txt:6: there the number is the amended law's
    v = _read("Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Doanh nghiệp số 59/2020/QH14 đã được "
              "sửa đổi, bổ sung một số điều theo Luật số 03/2022/QH15.\n", type_="Luật", number="76/2025/QH15",
              date="2025-06-17")
    assert _stated(v) == {("amends", "03/2022/QH15", "59/2020/QH14")}


def test_the_laws_an_amending_law_names() -> None:
    # Nghi-dinh-47-2021-ND-CP.txt:6 (the amending law is cited by its name)
    v = _read("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015 và Luật sửa đổi, bổ sung một số điều của "
              "Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;\n",
              type_="Nghị định", number="47/2021/NĐ-CP", date="2021-04-01")
    assert _stated(v) == {("amends", "47/2019/QH14", "76/2015/QH13"), ("amends", "47/2019/QH14", "77/2015/QH13")}
    # Nghi-dinh-102-2021-ND-CP.txt:17 (written with "và", the law table with a comma: found by date)
    v = _read("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Kinh doanh bảo hiểm và Luật Sở hữu trí tuệ ngày "
              "14 tháng 6 năm 2019;\n", type_="Nghị định", number="102/2021/NĐ-CP", date="2021-11-16")
    assert _stated(v) == {("amends", "42/2019/QH14", "24/2000/QH10"), ("amends", "42/2019/QH14", "50/2005/QH11")}
    # 1486-QD-UBND__43ce594e2a648040.txt:100-101 (numbered, the laws of its title cited by name)
    v = _read("Luật số 90/2025/QH15 sửa đổi, bổ sung một số điều của Luật Đấu thầu, Luật Đầu tư theo phương thức "
              "đối tác công tư, Luật Hải quan, Luật Thuế giá trị gia tăng, Luật Thuế xuất khẩu, thuế nhập khẩu, "
              "Luật Đầu tư, Luật Đầu tư công,\nLuật Quản lý, sử dụng tài sản công;\n", number="1486/QĐ-UBND",
              date="2025-11-17")
    assert {t for _, s, t in _stated(v) if s == "90/2025/QH15"} == {
        "22/2023/QH15", "64/2020/QH14", "54/2014/QH13", "48/2024/QH15", "107/2016/QH13", "61/2020/QH14",
        "58/2024/QH15", "15/2017/QH14"}


def test_amends_reaches_past_a_title_and_across_a_line_break() -> None:
    # 2744-QD-UBND__dd33e8dabf213add.txt:20
    v = _read("Căn cứ Nghị định số 78/2025/NĐ-CP ngày 01 tháng 4 năm 2025 của Chính phủ Quy định chi tiết một số "
              "điều và biện pháp để tổ chức, hướng dẫn thi hành Luật Ban hành văn bản quy phạm pháp luật; Nghị "
              "định số 187/2025/NĐ-CP của Chính phủ ngày 01 tháng 7 năm 2025 sửa đổi, bổ sung một số điều của "
              "Nghị định số 78/2025/NĐ-CP ngày 01 tháng 4 năm 2025 của Chính phủ quy định chi tiết một số điều và "
              "biện pháp để tổ chức, hướng dẫn thi hành Luật Ban hành văn bản quy phạm pháp luật và Nghị định số "
              "79/2025/NĐ-CP ngày 01 tháng 4 năm 2025 của Chính phủ về kiểm tra, rà soát, hệ thống hóa và xử lý "
              "văn bản quy phạm pháp luật;\n")
    assert _stated(v) == {("amends", "187/2025/NĐ-CP", "78/2025/NĐ-CP"), ("amends", "187/2025/NĐ-CP", "79/2025/NĐ-CP")}
    # 2848-QD-UBND__4bda44e45e4f1633.txt:87-88
    v = _read("- Quyết định số 3659/QĐ- BKHCN ngày 13 tháng 11 năm 2025 của Bộ trưởng Bộ Khoa học và Công nghệ "
              "về việc sửa đổi, bổ sung\nQuyết định số 3212/QĐ-BKHCN ngày 17 tháng 10 năm 2025 của Bộ trưởng Bộ "
              "Khoa học và Công nghệ về việc công bố thủ tục hành chính mới ban hành và bị bãi bỏ lĩnh vực hoạt "
              "động khoa học và công nghệ.\n", number="2848/QĐ-UBND")
    assert _stated(v) == {("amends", "3659/QĐ-BKHCN", "3212/QĐ-BKHCN")}
    # 55-2025-TT-BCT__f9ddad1ecbde3ea2.txt:35-36 (the subject on the line before the parenthesis)
    v = _read("“Hàng dệt may nằm ngoài hạn ngạch thuế quan tại số thứ tự 01, 02, 03 quy định tại Phụ lục I của "
              "Thông tư này đáp ứng quy tắc xuất xứ hàng hóa quy định tại Hiệp định CPTTP và Thông tư số "
              "03/2019/TT-BCT ngày 22 tháng 01 năm 2019 của Bộ trưởng Bộ Công Thương quy định Quy tắc xuất xứ "
              "hàng hóa trong Hiệp định Đối tác Toàn diện và Tiến bộ xuyên Thái\nBình Dương (được sửa đổi, bổ sung "
              "bởi Thông tư số 06/2020/TT-BCT ngày 24 tháng 3 năm 2020 của Bộ trưởng Bộ Công Thương) được hưởng "
              "thuế suất thuế nhập khẩu của Mê-hi-cô theo CPTPP”.\n", type_="Thông tư", number="55/2025/TT-BCT")
    assert _stated(v) == {("amends", "06/2020/TT-BCT", "03/2019/TT-BCT")}


def test_amends_without_a_comma_or_by_kem_theo() -> None:
    # 105-2025-QD-UBND__d851211c9f1b590e.txt:77
    v = _read("- Quyết định số 10/2024/QĐ-UBND ngày 24 tháng 4 năm 2024 về việc sửa đổi bổ sung phụ lục II, phụ "
              "lục IV ban hành kèm theo Quyết định số 08/2021/QĐ- UBND ngày 20 tháng 5 năm 2021 của Uỷ ban nhân "
              "dân tỉnh Phú Thọ quy định tiêu chuẩn, định mức sử dụng máy móc chuyên dùng tại các cơ quan, tổ "
              "chức, đơn vị thuộc phạm vi cấp tỉnh quản lý trên địa bàn tỉnh Phú Thọ;\n", number="105/2025/QĐ-UBND")
    assert _stated(v) == {("amends", "10/2024/QĐ-UBND", "08/2021/QĐ-UBND")}
    # 84-2025-QD-UBND__020bddd030400bd2.txt:29 (and both are repealed)
    v = _read("Điều 1. Bãi bỏ toàn bộ các quyết định Bãi bỏ toàn bộ Quyết định số 10/2016/QĐ-UBND ngày 21/3/2016 "
              "của Ủy ban nhân dân tỉnh ban hành Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở "
              "Ngoại vụ và Quyết định số 14/2022/QĐ-UBND ngày 15/6/2022 của Ủy ban nhân dân tỉnh về sửa đổi, bổ "
              "sung Quyết định số 10/2016/QĐ-UBND ngày 21/3/2016 của Ủy ban nhân dân tỉnh.\n",
              number="84/2025/QĐ-UBND")
    assert _stated(v) == {("amends", "14/2022/QĐ-UBND", "10/2016/QĐ-UBND")}
    assert _acts(v) == {("repeals", "10/2016/QĐ-UBND"), ("repeals", "14/2022/QĐ-UBND")}


def test_no_fact_without_a_named_target_or_from_a_proposal() -> None:
    # 56-2025-QD-UBND__46482d81ac8c4f96.txt:24 ("các nghị định": none named)
    v = _read("Căn cứ Nghị định số 226/2025/NĐ-CP ngày 15 tháng 8 năm 2025 của Chính phủ Sửa đổi, bổ sung một số "
              "điều của các nghị định quy định chi tiết thi hành Luật Đất đai;\n")
    assert v.stated == []
    # 34-2025-NQ-HDND__592501a25aaf5012.txt:25 (the Tờ trình proposes this very resolution)
    v = _read("Theo đề nghị của Ủy ban nhân dân thành phố tại Tờ trình số 16487/TTr-UBND ngày 14 tháng 11 năm 2025 "
              "về việc đề nghị ban hành Nghị quyết sửa đổi, bổ sung một số điều của Quy định kèm theo Nghị quyết "
              "số 10/2022/NQ-HĐND ngày 14 tháng 7 năm 2022 của Hội đồng nhân dân tỉnh\n", type_="Nghị quyết",
              number="34/2025/NQ-HĐND")
    assert v.stated == []


def test_the_next_item_of_an_outer_list_is_not_amended() -> None:
    # 81-2025-QD-UBND__5545b1799f2968c0.txt:33
    v = _read("UBND thành phố Đà Nẵng ban hành Quyết định bãi bỏ Quyết định số 55/2014/QĐ-UBND ngày 31/12/2014 "
              "ngày 31/12/2014 của UBND thành phố Đà Nẵng Quy định về quản lý và sử dụng tạm thời vỉa hè ngoài mục "
              "đích giao thông trên các tuyến đường thuộc địa bàn thành phố Đà Nẵng, Quyết định số 24/2019/QĐ-UBND "
              "ngày 02/5/2019 của UBND thành phố Đà Nẵng Sửa đổi, bổ sung một số điều của Quy định về quản lý và "
              "sử dụng tạm thời vỉa hè ngoài mục đích giao thông trên các tuyến đường thuộc địa bàn thành phố Đà "
              "Nẵng ban hành kèm theo Quyết định số 55/2014/QĐ-UBND ngày 31/12/2014 của UBND thành phố Đà Nẵng và "
              "Quyết định số 08/2023/QĐ-UBND ngày 23/02/2023 của UBND thành phố Đà Nẵng Sửa đổi, bổ sung một số "
              "điều của Quy định ban hành kèm theo Quyết định số 55/2014/QĐ-UBND quy định về quản lý và sử dụng "
              "tạm thời vỉa hè ngoài mục đích giao thông trên các tuyến đường thuộc địa bàn thành phố Đà Nẵng.\n",
              number="81/2025/QĐ-UBND")
    assert _stated(v) == {("amends", "24/2019/QĐ-UBND", "55/2014/QĐ-UBND"),
                          ("amends", "08/2023/QĐ-UBND", "55/2014/QĐ-UBND")}
    assert {n for _, n in _acts(v)} == {"55/2014/QĐ-UBND", "24/2019/QĐ-UBND", "08/2023/QĐ-UBND"}


# --- dates ---------------------------------------------------------------------------------------

def test_signed_date_from_the_header_when_the_metadata_has_none() -> None:
    # Nghi-dinh-87-2025-ND-CP.txt:3-4 (no comma before "ngày") and :29
    v = _read("Số: 87/2025/NĐ-CP Hà Nội ngày 11 tháng 4 năm 2025\nNGHỊ ĐỊNH QUY ĐỊNH VIỆC GIẢM TIỀN THUÊ ĐẤT NĂM "
              "2024\n1. Nghị định này có hiệu lực thi hành kể từ ngày ký ban hành.\n", type_="Nghị định",
              number="87/2025/NĐ-CP", date=None)
    assert v.effective_from == "2025-04-11"


def test_den_ngay_ends_on_that_day() -> None:
    # 37-2025-NQ-HDND__0abcf1a5292b31ec.txt:190
    v = _read("Nghị quyết này có hiệu lực thi hành kể từ ngày 18 tháng 11 năm 2025 đến ngày 31 tháng 12 năm "
              "2025.\n", type_="Nghị quyết", number="37/2025/NQ-HĐND")
    assert (v.effective_from, v.effective_to) == ("2025-11-18", "2025-12-31")


def test_an_article_heading_stands_alone() -> None:
    """A guard for sentences: a heading without a stop does not run on into its article."""
    # 39-2025-TT-BXD__d6ce705de2ab11e6.txt:46-48, the blank line between them left out (as other files write it)
    v = _read("Điều 3. Hiệu lực thi hành\nThông tư có hiệu lực kể từ ngày 15 tháng 01 năm 2026./.\n",
              type_="Thông tư", number="39/2025/TT-BXD")
    assert v.effective_from == "2026-01-15"


# --- checked on the corpus outside the gold (shared corpus, SOURCES.md; path and line above each) ---

def test_proposals_drafts_and_recommendations_do_not_act() -> None:
    # tnt305_tvpl/624-TB-VPCP__74e2ddc7b11340da.txt:150
    v = _read("Xây dựng Luật sửa đổi, bổ sung 07 Luật (Luật Đấu thầu; Luật Đầu tư theo phương thức đối tác công "
              "tư; Luật Hải quan; Luật Thuế xuất khẩu, thuế nhập khẩu; Luật Đầu tư; Luật Đầu tư công; Luật Quản "
              "lý, sử dụng tài sản công).\n", type_="Thông báo", number="624/TB-VPCP")
    assert v.acts == []
    # tnt305_tvpl/980-KH-UBND__c5d930a5fc8373cd.txt:128-129
    v = _read("Triển khai thực hiện khi có Thông tư mới thay thế\nThông tư số 92/2009/TT- BTC ngày 12/5/2009 và "
              "Thông tư số 85/2020/TT-BTC ngày 01/10/2020 của Bộ Tài chính\n", type_="Kế hoạch", number="980/KH-UBND")
    assert v.acts == []
    # tnt305_tvpl/1521-QD-UBND__ea34a356cafcb1aa.txt:1386-1387 ("mới ban hành, bãi bỏ": an adjective)
    v = _read("Quyết định số 930e/QĐ- UBND ngày 28/7/2025 của Chủ tịch UBND tỉnh Bắc Ninh về việc công bố thủ tục "
              "hành chính mới ban hành, bãi bỏ thuộc phạm vi chức năng quản lý của Sở GĐ ĐT tỉnh Bắc\nNinh\nTTHC "
              "được công bố dựa trên các văn bản: Nghị định số 24/2021/NĐ-CP ngày 23/3/2021 của Chính phủ\n")
    assert v.acts == []


def test_a_title_in_capitals_is_this_documents() -> None:
    """A guard: the sentence reader looks for capitals in the head only."""
    # tnt305_tvpl/3565-QD-UBND__0beedb7bdb363a85.txt:15 (the body never names 3470/QĐ-UBND as amended)
    v = _read("QUYẾT ĐỊNH SỬA ĐỔI, BỔ SUNG QUYẾT ĐỊNH SỐ 3470/QĐ-UBND NGÀY 10 THÁNG 11 NĂM 2025 CỦA CHỦ TỊCH UBND "
              "THÀNH PHỐ VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN\n", number="3565/QĐ-UBND")
    assert _acts(v) == {("amends", "3470/QĐ-UBND")}


def test_an_ended_law_and_not_the_laws_that_amended_it() -> None:
    # johnpa02_tvpl/Luat-Dien-anh-2022.txt:406
    v = _read("2. Luật Điện ảnh số 62/2006/QH11 đã được sửa đổi, bổ sung một số điều theo Luật số 31/2009/QH12, "
              "Luật số 35/2018/QH14 và Luật số 61/2020/QH14 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.\n",
              type_="Luật", number="05/2022/QH15", date="2022-06-15")
    assert _acts(v) == {("repeals", "62/2006/QH11")}
    assert {s for _, s, _ in _stated(v)} == {"31/2009/QH12", "35/2018/QH14", "61/2020/QH14"}


def test_a_head_verb_acts_on_provisions_not_on_things() -> None:
    """A guard for the head verbs ("Bổ sung khoản …", "Bỏ cụm từ …") the old reader did not read."""
    # tnt305_tvpl/3891-QD-BTC__f8fd04822ed1cb70.txt:22 ("Bổ sung cửa khẩu …" adds border gates)
    v = _read("Điều 1. Bổ sung cửa khẩu áp dụng tờ khai hải quan dùng cho người xuất cảnh, nhập cảnh theo mẫu ban "
              "hành kèm theo Thông tư số 120/2015/TT-BTC ngày 14/8/2015 được sửa đổi, bổ sung tại Thông tư số "
              "52/2017/TT-BTC ngày 19/5/2017 của Bộ Tài chính quy định về mẫu, chế độ in, phát hành, quản lý và sử "
              "dụng tờ khai hải quan dùng cho người xuất cảnh, nhập cảnh, cụ thể:\n", number="3891/QĐ-BTC")
    assert v.acts == []
    assert _stated(v) == {("amends", "52/2017/TT-BTC", "120/2015/TT-BTC")}


def test_words_replaced_in_the_documents_listed_below() -> None:
    # johnpa02_tvpl/Luat-Cong-nghiep-cong-nghe-so-2025.txt:441-445
    v = _read("5.\nThay thế cụm từ “khu công nghệ thông tin tập trung” bằng cụm từ “khu công nghệ số tập trung” tại "
              "các luật, nghị quyết sau đây:\na) Khoản 22 Điều 79 và khoản 1 Điều 202 của Luật Đất đai số "
              "31/2024/QH15 đã được sửa đổi, bổ sung theo Luật số 43/2024/QH15, Luật số 47/2024/QH15 và Luật số "
              "58/2024/QH15;\nb) Khoản 1\nĐiều 24 của Luật Thủ đô số 39/2024/QH15 đã được sửa đổi, bổ sung theo "
              "Luật số 47/2024/QH15, Luật số 55/2024/QH15, Luật số 57/2024/QH15, Luật số 58/2024/QH15 và Luật số "
              "65/2025/QH15;\n", type_="Luật", number="71/2025/QH15", date="2025-06-14")
    assert _acts(v) == {("amends", "31/2024/QH15"), ("amends", "39/2024/QH15")}


def test_a_capitalised_act_opens_a_sentence() -> None:
    """A guard for sentences: a heading does not swallow the act on the line after it."""
    # tnt305_tvpl/51-2024-QH15__4c21d5c3a31dc7a2.txt:627-629 (the cleaned text has no blank line between)
    v = _read("Điều 2. Sửa đổi, bổ sung Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở số 30/2023/QH15\n"
              "Bãi bỏ khoản 2 Điều 32 của Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở số 30/2023/QH15.\n",
              type_="Luật", number="51/2024/QH15", date="2024-11-27")
    assert _acts(v) == {("amends", "30/2023/QH15"), ("repeals", "30/2023/QH15")}


def test_a_period_counted_from_the_effective_date_is_not_its_end() -> None:
    """A guard for sentences: joined, "… năm ⏎ 2025" is a date the line reader never saw whole."""
    # johnpa02_tvpl/Nghi-dinh-230-2025-ND-CP.txt:110-111 (a filing window; the decree states no end)
    v = _read("a) Người sử dụng đất nộp 01 Giấy đề nghị giảm tiền thuê đất theo quy định tại khoản 4 Điều này cho "
              "cơ quan thuế kể từ thời điểm Nghị định này có hiệu lực thi hành đến hết ngày 30 tháng 11 năm\n2025. "
              "Không áp dụng giảm tiền thuê đất của năm 2025 theo quy định tại Nghị định này đối với trường hợp "
              "người sử dụng đất nộp hồ sơ sau ngày 30 tháng 11 năm 2025.\n", type_="Nghị định",
              number="230/2025/NĐ-CP", date="2025-08-19")
    assert (v.effective_from, v.effective_to) == (None, None)


def test_an_amending_law_title_naming_two_laws_and_a_title_inside_a_title() -> None:
    # tnt305_tvpl/212-2025-QD-UBND__548693349b18e8cf.txt:30
    v = _read("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức số "
              "52/2019/QH14;\n", number="212/2025/QĐ-UBND")
    assert _stated(v) == {("amends", "52/2019/QH14", "22/2008/QH12"), ("amends", "52/2019/QH14", "58/2010/QH12")}
    # tnt305_tvpl/2610-QD-UBND__ce4ad96dbd9a518d.txt:36 (71/NQ-CP amends an action programme, not 57-NQ/TW)
    v = _read("Căn cứ Kế hoạch số 46/KH-UBND ngày 25 tháng 8 năm 2025 của Ủy ban nhân dân thành phố Cần Thơ thực "
              "hiện Nghị quyết số 71/NQ-CP ngày 01 tháng 4 năm 2025 của Chính phủ sửa đổi, bổ sung, cập nhật Chương "
              "trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính "
              "trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;\n",
              number="2610/QĐ-UBND")
    assert v.stated == []


def test_removing_words_amends_and_repealing_an_article_repeals() -> None:
    # johnpa02_tvpl/Luat-Thanh-tra-2025.txt:557 (each verb by its own object)
    v = _read("t) Bãi bỏ cụm từ “thanh tra,” tại điểm i khoản 2 Điều 90; bãi bỏ Điều 92 của Luật Di sản văn hóa số "
              "45/2024/QH15;\n", type_="Luật", number="84/2025/QH15", date="2025-06-25")
    assert _acts(v) == {("amends", "45/2024/QH15"), ("repeals", "45/2024/QH15")}


def test_things_replaced_are_counted_or_listed() -> None:
    # tnt305_tvpl/2020-QD-UBND__856f6487c18d75d0.txt:28
    v = _read("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành và thay thế ba (03) thủ tục hành "
              "chính (TTHC số thứ tự 03, 04, 05) được công bố tại Quyết định số 1533/QĐ-UBND ngày 22 tháng 10 năm "
              "2025 của Chủ tịch Ủy ban nhân dân tỉnh Lào\n", number="2020/QĐ-UBND")
    assert _acts(v) == {("replaces", "1533/QĐ-UBND")}
    # tnt305_tvpl/74-2025-QD-UBND__8d9779edcdd6c422.txt:83-85 (the sentence after the colon lists them)
    v = _read("Quyết định này có hiệu lực từ ngày 04/12/2025 và thay thế:\nĐiều 14, 18 Quyết định số 15/2022/QĐ-UBND "
              "ngày 30/3/2022 của UBND thành phố Hà Nội ban hành Quy định một số nội dung về quản lý đầu tư các "
              "chương trình, dự án đầu tư công của thành phố Hà Nội; Điều 3\nQuyết định số 07/2022/QĐ- UBND ngày "
              "13/01/2022 của Ủy ban nhân dân thành phố\n", number="74/2025/QĐ-UBND")
    assert _acts(v) == {("replaces", "15/2022/QĐ-UBND"), ("replaces", "07/2022/QĐ-UBND")}
    assert {a.scope for a in v.acts} == {"part"}


def test_suspending_words_are_read_and_never_break_the_file() -> None:
    # Made up on the shape of a suspension ("tạm ngưng hiệu lực"): the verb _VERB finds must open a
    # cluster too (it raised AttributeError, and the whole file was lost as an internal error).
    for verb in ("Tạm ngưng hiệu lực", "Ngưng hiệu lực"):
        v = _read(f"Điều 1. {verb} Quyết định số 12/2024/QĐ-UBND ngày 01/3/2024 của UBND tỉnh Hà Tĩnh.\n")
        assert _acts(v) == {("suspends", "12/2024/QĐ-UBND")}, verb
    # Consolidated texts' notes (tnt305_tvpl VBHN): "[Khoản này bị ngưng hiệu lực bởi Khoản 2 Điều 3
    # Nghị định 08/2023/NĐ-CP …]": passive, no act of this document.
    v = _read("2. [Khoản này bị ngưng hiệu lực bởi Khoản 2 Điều 3 Nghị định 08/2023/NĐ-CP có hiệu lực kể từ ngày "
              "05/03/2023] Nội dung.\n", type_="Văn bản hợp nhất", number="10/VBHN-BTC")
    assert _acts(v) == set()
