"""Citation semantics (issue 19, items 1 and 5), on real sentences (tests/data/semantics/SOURCES.md).

A law named only inside another cited act's title is ``cites`` with ``in_title_of``; a law still
to be made, or passed after the citing document, resolves to none; every item of one "Căn cứ"
list shares the opening verb.
"""

from __future__ import annotations

from pathlib import Path

from luocdo.graph.build import file_graph
from luocdo.ingest.laws import law_by_name, law_by_number
from luocdo.ingest.models import Citation
from luocdo.ingest.pipeline import extract

from .conftest import sample

DATA = Path(__file__).parent / "data" / "semantics"


def citations(name: str) -> list[Citation]:
    return extract(DATA / name).citations


def relations(found: list[Citation]) -> dict[str | None, set[str]]:
    out: dict[str | None, set[str]] = {}
    for c in found:
        out.setdefault(c.target, set()).add(c.relation)
    return out


def test_laws_in_an_amending_laws_title_are_cites_of_the_plan() -> None:
    # Lương Minh election plan: "Luật số 97/2025/QH15, ngày 27/6/2025 về sửa đổi, bổ sung một số
    # điều của Luật Mặt trận Tổ quốc Việt Nam, Luật Công đoàn, Luật Thanh niên, Luật Thực hiện dân chủ ở cơ sở"
    found = citations("luong-minh-bau-cu.txt")
    amending = next(i for i, c in enumerate(found) if c.target == "97/2025/QH15")
    assert found[amending].relation == "based_on"
    named = {c.name: c for c in found if c.form == "name"}
    assert set(named) == {"Luật Mặt trận Tổ quốc Việt Nam", "Luật Công đoàn", "Luật Thanh niên",
                          "Luật Thực hiện dân chủ ở cơ sở"}
    for c in named.values():
        assert (c.relation, c.in_title_of) == ("cites", amending), c.name
    by_target = relations(found)
    assert by_target["10/2022/QH15"] == {"cites"}  # no longer an implementer of 10/2022/QH15
    assert by_target["75/2015/QH13"] == {"based_on", "cites"}  # cited with its number too: still a basis


def test_a_law_in_a_decrees_title_is_cites() -> None:
    # Seed 001: "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ về quy định chi tiết
    # một số điều của Luật thực hiện dân chủ cơ sở;"
    found = extract(sample("001")).citations
    decree = next(i for i, c in enumerate(found) if c.target == "59/2023/NĐ-CP")
    assert found[decree].relation == "based_on"
    in_title = [c for c in found if c.in_title_of == decree]
    assert [(c.target, c.relation) for c in in_title] == [("10/2022/QH15", "cites")]


def test_numbered_documents_in_a_title_keep_their_own_relation() -> None:
    # "Kế hoạch số 21-KH/ĐU … về triển khai thực hiện Chỉ thị số 46-CT/TW …": the directive is also a basis.
    found = citations("luong-minh-bau-cu.txt")
    assert all(c.in_title_of is None for c in found if c.form == "full")
    assert relations(found)["46-CT/TW@2025"] == {"based_on"}


def test_every_item_of_a_can_cu_list_shares_the_opening_verb() -> None:
    # 2634/QĐ-TTg: "Căn cứ Luật Tổ chức ⏎ Chính phủ ngày 18 tháng 02 năm 2025; Luật Tổ chức chính
    # quyền địa phương ngày 16 tháng 6 năm 2025;"
    by_target = relations(citations("2634-QD-TTg-can-cu.txt"))
    assert by_target["63/2025/QH15"] == by_target["72/2025/QH15"] == {"based_on"}
    # 1622/QĐ-UBND: "Căn cứ Quyết định số 44/2022/QĐ-UBND … ban hành Quy chế … trên địa bàn tỉnh ⏎
    # Quảng Ngãi; Quyết định số 34/2023/QĐ-UBND …": the item after the line break in a title
    by_target = relations(citations("1622-QD-UBND-can-cu.txt"))
    assert by_target["34/2023/QĐ-UBND@quang-ngai"] == {"based_on"}
    assert by_target["67/TTr-STC@stc-quang-ngai@2025"] == {"cites"}  # "Theo đề nghị … tại Tờ trình": the list has ended


def test_a_preamble_run_into_one_line_opens_with_its_verb() -> None:
    # Nghị định 21/2021/NĐ-CP as one line: "NGHỊ ĐỊNH QUY ĐỊNH … Căn cứ Luật Tổ chức Chính phủ ngày
    # 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và …"
    by_target = relations(citations("nghi-dinh-21-2021-one-line.txt"))
    assert by_target["76/2015/QH13"] == {"based_on"}
    assert by_target["47/2019/QH14"] == {"based_on"}


def test_a_law_still_to_be_made_is_no_citation() -> None:
    # 393/NQ-CP: "… về dự án Luật Viên chức (sửa đổi);" — 5664/CT-CS: "Bộ Tài chính đang xây dựng ⏎
    # Luật Quản lý thuế (sửa đổi) …": a bill, not the law in force of that name (tests/gold/README.md:
    # drafts are no entries)
    assert [c.text for c in citations("393-NQ-CP-du-an-luat.txt") if c.name == "Luật Viên chức"] == []
    assert [c.text for c in citations("5664-CT-CS-luat-sua-doi.txt") if c.name == "Luật Quản lý thuế"] == []
    assert [c.number for c in citations("393-NQ-CP-du-an-luat.txt")] != []  # its other citations stay


def test_a_name_never_resolves_to_a_law_passed_after_the_citing_document() -> None:
    # Nghị định 61-CP (1994): "Căn cứ Luật Tổ chức Chính phủ ngày 30 tháng 9 năm 1992;" — the 1992
    # law is not in the table; the 2015 and 2025 laws of that name came later.
    found = [c for c in citations("nghi-dinh-61-CP-1994.txt") if c.name == "Luật Tổ chức Chính phủ"]
    assert [c.target for c in found] == [None]
    assert law_by_name("Luật Thực hiện dân chủ ở cơ sở", on="2020-05-01") is None
    found_law = law_by_name("Luật Thực hiện dân chủ ở cơ sở", on="2023-01-01")
    assert found_law is not None and found_law.number == "10/2022/QH15"


def test_of_two_laws_of_one_name_and_year_a_name_means_the_one_passed_by_then() -> None:
    """Nghị định 131/2025/NĐ-CP of 12/6/2025: "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;"
    is 65/2025/QH15 (February); 72/2025/QH15 of that name was passed on 16/6/2025, after it."""
    (local,) = [c for c in citations("nghi-dinh-131-2025-can-cu.txt")
                if c.name == "Luật Tổ chức chính quyền địa phương"]
    assert local.target == "65/2025/QH15"
    later = law_by_name("Luật Tổ chức chính quyền địa phương năm 2025", on="2025-07-01")
    assert later is not None and later.number == "72/2025/QH15"


def test_implementers_of_10_2022_are_those_that_cite_it_themselves() -> None:
    """Acceptance (issue 19): on the vendored corpus and the seeds, the documents resting on or carrying
    out Luật Thực hiện dân chủ ở cơ sở are exactly those that cite it themselves, not those that name
    it only inside another act's title (the Lương Minh plans, through Luật số 97/2025/QH15)."""
    tests = Path(__file__).parent
    files = sorted((tests / "corpus").rglob("*.txt")) + sorted(sample(p) for p in ("000", "001", "002", "003", "004"))
    implementers = {p.name for p in files
                    if any(c.target == "10/2022/QH15" and c.relation != "cites" for c in extract(p).citations)}
    # "Căn cứ … Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022"; "Thực hiện Luật thực hiện dân chủ cơ sở"
    assert implementers == {"2579-QD-UBND__1a434d0a7e14dc93.txt",
                            "001-ke-hoach-ubnd-xa-hung-dao-binh-gia-lang-son-2025.txt"}
    title_only = "xa-luong-minh__18-11-KH-thuc-hien-cong-tac-bau-cu-Luong-Minh.txt"
    assert title_only in {p.name for p in files}  # the plan is there, and not an implementer


def test_a_forms_number_is_no_document() -> None:
    """"Đơn ứng cử … (theo mẫu số 01/HĐBC-QH ); … (theo mẫu số 05/HĐBC-HĐND )" and the form's own
    heading "Mẫu số 01/HĐBC-QH": templates of the election council's resolution 40/NQ-HĐBCQG, not
    documents; the acts of its "Căn cứ" lines still are."""
    found = citations("40-NQ-HDBCQG-mau-so.txt")
    numbers = {c.number for c in found if c.number}
    assert not {n for n in numbers if "HĐBC" in n}
    assert {"203/2025/QH15", "85/2015/QH13", "83/2025/QH15"} <= numbers


def test_two_type_words_in_a_row_are_told_apart_by_the_numbers_code() -> None:
    """Real sentences: "… nhiệm vụ được giao tại Thông báo kết luận số 30-TB/TGV ngày 13/6/2025"
    (Văn phòng Chính phủ 624/TB-VPCP) is a Thông báo, as its code TB says; "… theo pháp luật có liên
    quan và hướng dẫn Nghị định số 77/2025/NĐ-CP của Chính phủ." (Hà Nội 123/2025/QĐ-CTUBND) stays
    a Nghị định: "hướng dẫn" is a verb there, and the code says NĐ."""
    from luocdo.ingest.clean import clean
    from luocdo.ingest.find import find_citations
    from luocdo.ingest.models import RawText

    def types(sentence: str) -> list[tuple[str | None, str | None]]:
        text = clean(RawText(source="t", text=sentence, format="txt", encoding="utf-8"))
        return [(c.doc_type, c.as_cited_number) for c in find_citations(text)]

    assert types("Công nghệ cao Hoà Lạc, bảo đảm khởi công dự án trong Quý III/2025 theo nhiệm vụ được giao tại "
                 "Thông báo kết luận số 30-TB/TGV ngày 13/6/2025") == [("Thông báo", "30-TB/TGV")]
    assert types("hàng hóa, vật phẩm dễ bị hư hỏng theo pháp luật có liên quan và hướng dẫn Nghị định số "
                 "77/2025/NĐ-CP của Chính phủ.") == [("Nghị định", "77/2025/NĐ-CP")]
    assert types("Thực hiện Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị") == [("Kết luận", "120-KL/TW")]


def test_a_pinpoint_cut_by_a_line_break_keeps_its_opening_verb_and_an_argument_is_no_basis(corpus: Path) -> None:
    # 5664/CT-CS (Cục Thuế): "Căn cứ khoản 25 ⏎ Điều 5 Luật Thuế GTGT số 48/2024/QH15 …;" is a basis
    # (the line break falls inside the pinpoint); "Thực hiện Nghị quyết số 68-NQ/TW … và Nghị quyết
    # số 198/2025/QH15 … thì hộ kinh doanh …" argues (if this, then that): the letter carries neither out.
    by_target = relations(extract(corpus / "tnt305_tvpl/5664-CT-CS__3eb6b0065020aac4.txt").citations)
    assert by_target["48/2024/QH15"] == by_target["40/2021/TT-BTC"] == {"based_on"}
    assert by_target["68-NQ/TW@2025"] == by_target["198/2025/QH15"] == {"cites"}


def test_a_line_cut_after_a_linking_word_keeps_its_opening_verb(corpus: Path) -> None:
    # 234/CĐ-TTg: "Căn cứ chỉ đạo của Tổng ⏎ Bí thư Tô Lâm, của Bộ Chính trị tại thông báo số
    # 99-TB/TW …, của Ban Bí thư tại văn bản số 213-KL/TW …, Nghị quyết 380/NQ-CP …": all three are its basis.
    extraction = extract(corpus / "tnt305_tvpl/234-CD-TTg__692e12b0ab77712a.txt")
    by_target = relations(extraction.citations)
    assert by_target["99-TB/TW@2025"] == by_target["213-KL/TW@2025"] == by_target["380/NQ-CP@2025"] == {"based_on"}
    # … and the sentence a reader is shown starts where the sentence does, with its verb
    from luocdo.graph.build import file_graph

    sentences = {e.cited: e.sentence or "" for e in file_graph(extraction).citations}
    assert sentences["99-TB/TW@2025"].startswith("Căn cứ chỉ đạo của Tổng\nBí thư Tô Lâm")


def test_only_a_cut_line_that_opens_with_the_verb_lends_it(tmp_path: Path) -> None:
    # 5489/CT-CS (Cục Thuế): "Căn cứ quy định tại khoản ⏎ 1 Điều 15 Luật Thuế giá trị gia tăng số
    # 48/2024/QH15 …" is a basis. 2828/QĐ-UBND: "Theo đề nghị của Sở ⏎ Xây dựng tại Tờ trình số
    # 14634/TTr-SXD-BTKT …" is not, though the "Căn cứ …;" line before it opens with the verb; and
    # 40088/CHQ-GSQL: a later sentence of a cut line ("… thì … . Theo đó, … theo quy định tại … Nghị
    # định số 111/2021/NĐ-CP.") is no longer the basis's.
    path = tmp_path / "cut.txt"
    path.write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 5/QĐ-UBND\nHà Tĩnh, ngày 05 tháng 12 năm 2025\n\nQUYẾT ĐỊNH\n"
        "Căn cứ quy định tại khoản\n1 Điều 15 Luật Thuế giá trị gia tăng số 48/2024/QH15 về Hoàn thuế giá trị gia "
        "tăng đối với xuất khẩu.\n"
        "Căn cứ Nghị định số 165/2024/NĐ-CP ngày 26 tháng 12 năm 2024 của Chính phủ quy định chi tiết;\n"
        "Theo đề nghị của Sở\nXây dựng tại Tờ trình số 14634/TTr-SXD-BTKT ngày 04 tháng 11 năm 2025.\n"
        "Căn cứ Điều 10 Nghị định số 43/2017/NĐ-CP ngày 14/4/2017 của Chính phủ, được sửa đổi, bổ sung tại khoản\n"
        "5 Điều 1 Nghị định số 120/2021/NĐ-CP ngày 09/12/2021 thì khi làm thủ tục thông quan. Theo đó, cơ quan hải "
        "quan chỉ kiểm tra theo quy định tại khoản 5 Điều 1 Nghị định số 111/2021/NĐ-CP.\n",
        encoding="utf-8")
    by_number = {c.number: c.relation for c in extract(path).citations}
    assert by_number["48/2024/QH15"] == by_number["165/2024/NĐ-CP"] == "based_on"
    assert by_number["14634/TTr-SXD-BTKT"] == "cites"
    assert by_number["111/2021/NĐ-CP"] == "cites"


def test_a_plans_title_says_what_it_carries_out(corpus: Path) -> None:
    # 165/KH-UBND (Cần Thơ): "KẾ HOẠCH ⏎ THỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG": the title's citation is the
    # Chỉ thị the plan carries out, dated as the text dates it later (15/8/2024), not a document of
    # unknown year.
    found = extract(corpus / "tnt305_tvpl/165-KH-UBND__a83fffe08d7aeed7.txt").citations
    title = found[0]
    assert (title.doc_type, title.number, title.relation) == ("Chỉ thị", "27/CT-TTg", "implements")
    assert title.target == "27/CT-TTg@2024"
    # 980/KH-UBND (Nghệ An): "… THỰC ⏎ HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG"
    title = extract(corpus / "tnt305_tvpl/980-KH-UBND__c5d930a5fc8373cd.txt").citations[0]
    assert (title.number, title.relation, title.verb) == ("1899/QĐ-TTg", "implements", "THỰC HIỆN")
    # 659/TB-VPCP: "THÔNG BÁO KẾT LUẬN … VỀ TÌNH ⏎ HÌNH THỰC HIỆN NGHỊ QUYẾT SỐ 66-NQ/TW": it reports on it.
    title = extract(corpus / "tnt305_tvpl/659-TB-VPCP__405a6cabda393030.txt").citations[0]
    assert (title.number, title.relation) == ("66-NQ/TW", "cites")


def test_a_resolution_of_the_assembly_numbered_as_a_law_is_another_document(tmp_path: Path) -> None:
    """The Assembly has numbered its resolutions apart from its laws: "Nghị quyết số
    55/2010/QH12" is not Luật An toàn thực phẩm 55/2010/QH12. They were one node: the resolution's
    citers counted as citing the law, and the audit listed a false type and date conflict."""
    path = tmp_path / "nq.txt"
    path.write_text(
        "CHÍNH PHỦ\nSố: 12/2025/NQ-CP\nHà Nội, ngày 05 tháng 3 năm 2025\n\nNGHỊ QUYẾT\n\n"
        # tnt305_tvpl/53a2def6c64d24fe.txt, line 12
        "Căn cứ Nghị quyết số 41/2009/QH12 của Quốc hội về chủ trương đầu tư dự án điện hạt nhân Ninh Thuận;\n"
        # tnt305_tvpl/5721-QD-UBND (Hà Nội), line 20
        "Căn cứ Nghị quyết số 55/2010/QH12 ngày 24/11/2010 của Quốc hội về miễn, giảm thuế sử dụng đất nông "
        "nghiệp;\n"
        # johnpa02_tvpl/Luat-Thi-hanh-an-dan-su-sua-doi-2014, line 400
        "điểm đ khoản 2 Điều 1 Nghị quyết số 33/2009/QH12 của Quốc hội thì được miễn;\n"
        "Căn cứ Luật Viễn thông số 41/2009/QH12 và Luật An toàn thực phẩm số 55/2010/QH12;\n"
        # 5721-QD-UBND, the same line: the list's head gives its numbers their type
        "Căn cứ các Nghị quyết của Quốc hội: số 55/2010/QH12 ngày 24/11/2010 về miễn, giảm thuế sử dụng đất nông "
        "nghiệp; số 28/2016/QH14 ngày 11/11/2016 về sửa đổi, bổ sung một số điều của Nghị quyết số 55/2010/QH12;\n",
        encoding="utf-8")
    graph = file_graph(extract(path))
    targets = [(e.cited_number, e.cited) for e in graph.citations]
    assert targets == [("41/2009/QH12", "41/2009/QH12@nghi-quyet"), ("55/2010/QH12", "55/2010/QH12@nghi-quyet"),
                       ("33/2009/QH12", "33/2009/QH12@nghi-quyet"), ("41/2009/QH12", "41/2009/QH12"),
                       ("55/2010/QH12", "55/2010/QH12"), ("55/2010/QH12", "55/2010/QH12@nghi-quyet"),
                       ("28/2016/QH14", "28/2016/QH14"), ("55/2010/QH12", "55/2010/QH12@nghi-quyet")]
    assert graph.citations[-2].cited_type == "Nghị quyết"
    nodes = {n.id: n for n in graph.cited}
    resolution = nodes["55/2010/QH12@nghi-quyet"]
    assert (resolution.type, resolution.date) == ("Nghị quyết", "2010-11-24")
    assert (nodes["55/2010/QH12"].type, nodes["55/2010/QH12"].date) == ("Luật", "2010-06-17")
    assert (law := law_by_number("55/2010/QH12")) and law.name == "Luật An toàn thực phẩm"


def test_a_law_in_the_title_of_the_act_a_decree_amends_is_not_carried_out_by_it(tmp_path: Path) -> None:
    # Nghị định 59/2018/NĐ-CP: "NGHỊ ĐỊNH SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 08/2015/NĐ-CP …
    # QUY ĐỊNH CHI TIẾT VÀ BIỆN PHÁP THI HÀNH LUẬT HẢI QUAN": the decree amends 08/2015; the law is
    # what 08/2015 carries out.
    text = ("CHÍNH PHỦ\nSố: 59/2018/NĐ-CP\nHà Nội, ngày 20 tháng 04 năm 2018\nNGHỊ ĐỊNH SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU "
            "CỦA NGHỊ ĐỊNH SỐ 08/2015/NĐ-CP NGÀY 21 THÁNG 01 NĂM 2015 CỦA CHÍNH PHỦ QUY ĐỊNH CHI TIẾT VÀ BIỆN PHÁP THI "
            "HÀNH LUẬT HẢI QUAN VỀ THỦ TỤC HẢI QUAN\nCăn cứ Luật hải quan ngày 23 tháng 6 năm 2014;\n")
    path = tmp_path / "nd59.txt"
    path.write_text(text, encoding="utf-8")
    found = extract(path).citations
    assert [(c.number, c.relation) for c in found] == [
        ("08/2015/NĐ-CP", "cites"), ("54/2014/QH13", "cites"), ("54/2014/QH13", "based_on")]


def _cited(tmp_path: Path, text: str) -> list[Citation]:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return extract(path).citations


def test_laws_in_an_amending_laws_title_written_as_its_own_are_cites(tmp_path: Path) -> None:
    # johnpa02_tvpl/Nghi-dinh-102-2021-ND-CP: the amending law (42/2019/QH14) written otherwise than
    # the table's title; the laws it lists were based_on, the first resolved at today's date
    found = _cited(tmp_path, "CHÍNH PHỦ\nSố: 102/2021/NĐ-CP\n\nNGHỊ ĐỊNH\n\nCăn cứ Luật sửa đổi, bổ sung một số điều "
                   "của Luật Kinh doanh bảo hiểm và Luật Sở hữu trí tuệ ngày 14 tháng 6 năm 2019;\n")
    assert [(c.number, c.relation) for c in found] == [
        ("42/2019/QH14", "based_on"), ("24/2000/QH10", "cites"), ("50/2005/QH11", "cites")]
    assert found[0].text.endswith("ngày 14 tháng 6 năm 2019")  # the title and its date, as written


def test_numbered_laws_in_an_amending_laws_title_are_cites_and_leave_it_its_date(tmp_path: Path) -> None:
    # johnpa02_tvpl/Nghi-dinh-87-2025-ND-CP, line 6: the decree rests on Luật Đất đai and on the
    # amending law 43/2024/QH15; the laws its title lists with their numbers were based_on, and the
    # last took the amending law's date (a false "two dates" conflict: 32/2024/QH15 passed on 18/01/2024)
    found = _cited(tmp_path, "CHÍNH PHỦ\nSố: 87/2025/NĐ-CP\n\nNGHỊ ĐỊNH\n\nCăn cứ Luật Đất đai ngày 18 tháng 01 năm "
                   "2024; Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số "
                   "27/2023/QH15, Luật Kinh doanh bất động sản số 29/2023/QH15 và Luật Các tổ chức tín dụng số "
                   "32/2024/QH15 ngày 29 tháng 6 năm 2024;\n")
    assert [(c.number, c.relation, c.date if c.date_written else None) for c in found] == [
        ("31/2024/QH15", "based_on", "2024-01-18"), ("43/2024/QH15", "based_on", "2024-06-29"),
        ("31/2024/QH15", "cites", None), ("27/2023/QH15", "cites", None), ("29/2023/QH15", "cites", None),
        ("32/2024/QH15", "cites", None)]
    assert found[-1].text == "Luật Các tổ chức tín dụng số 32/2024/QH15"
    # tnt305_tvpl/2820-QD-UBND, line 31: the laws listed beside Luật Đất đai were read as amending it,
    # and the laws of the title as those in force on the day 43/2024/QH15 was signed (45/2013/QH13 …),
    # not those it amends: passed by then, in force from 2024-08-01
    path = tmp_path / "2820.txt"
    path.write_text("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSố: 2820/QĐ-UBND\nThành phố Hồ Chí Minh, ngày 19 tháng 11 "
                    "năm 2025\n\nQUYẾT ĐỊNH\n\nCăn cứ Luật Đất đai "
                    "số 31/2024/QH15 ngày 18 tháng 01 năm 2024, được sửa đổi, bổ sung một số điều tại Luật sửa đổi, bổ "
                    "sung một số điều của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15, Luật Kinh doanh "
                    "bất động sản số 29/2023/QH15 và Luật Các tổ chức tín dụng số 32/2024/QH15;\n", encoding="utf-8")
    validity = extract(path).validity
    assert validity is not None
    assert {(f.source, f.relation, f.target) for f in validity.stated} == {
        ("43/2024/QH15", "amends", law) for law in ("31/2024/QH15", "27/2023/QH15", "29/2023/QH15", "32/2024/QH15")}


def test_an_amending_law_the_table_lacks_is_cited_by_its_title(tmp_path: Path) -> None:
    # tnt305_tvpl/7360-KH-UBND: the plan carries out the amending law (2025, not in the table), not
    # Luật Tiêu chuẩn và quy chuẩn kỹ thuật (2006), which its title names
    title = "Luật sửa đổi, bổ sung một số điều của Luật Tiêu chuẩn và quy chuẩn kỹ thuật"
    found = _cited(tmp_path, "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\nSố: 7360/KH-UBND\n\nKẾ HOẠCH\n\nThực hiện Quyết định "
                   "số 2138/QĐ-TTg ngày 27 tháng 9 năm 2025 của Thủ tướng Chính phủ ban hành Kế hoạch triển khai thi "
                   f"hành {title}. Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thi hành\n{title}\n"
                   "(sau đây gọi tắt là Kế hoạch) với các nội dung sau:\n")
    base = [c for c in found if c.number == "68/2006/QH11"]
    amending = [c for c in found if (c.name or "").startswith("Luật sửa đổi")]
    assert base and {c.relation for c in base} == {"cites"}
    assert amending and all(c.target is None for c in amending) and "implements" in {c.relation for c in amending}
    # johnpa02_tvpl/Nghi-dinh-102-2021-ND-CP: a law named in such a title is read at the title's date
    (law,) = [c for c in _cited(tmp_path, "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Kinh doanh bảo hiểm "
                                          "ngày 24 tháng 11 năm 2010;") if c.name == "Luật Kinh doanh bảo hiểm"]
    assert (law.number, law.relation) == ("24/2000/QH10", "cites")  # not 08/2022/QH15, passed later
