"""Number forms the extractor used to miss or cut (issue 19, item 4).

Every sentence is quoted from the corpus file named beside it (``tnt305_tvpl/…`` under the
shared corpus); the few classes the corpus holds no instance of use a sentence written in the
same style, marked *constructed*.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from luocdo.ingest.models import Citation
from luocdo.ingest.number_doubts import TERM_CONTRADICTS_YEAR, YEAR_CONTRADICTS_DATE
from luocdo.ingest.pipeline import extract

HEADER = "Hà Tĩnh, ngày 05 tháng 3 năm 2026\n"  # the citing document's date, where resolution needs one


def citations(tmp_path: Path, sentence: str, header: str = HEADER) -> list[Citation]:
    path = tmp_path / "doc.txt"
    path.write_text(header + sentence, encoding="utf-8")
    return extract(path).citations


def numbers(tmp_path: Path, sentence: str) -> list[str | None]:
    return [c.number for c in citations(tmp_path, sentence)]


# --- symbols with no type code, or with dots inside the organ code -----------------------------

@pytest.mark.parametrize(("sentence", "number"), [
    # 9476-BNNMT-CNTY: a National Assembly committee's letter, no type code
    ("Văn bản số 1691/UBDNGS15 ngày 28 tháng 10 năm 2025", "1691/UBDNGS15"),
    # 624-TB-VPCP: a ministry's letter, no unit code either
    ("Bộ GDĐT đã ban hành Công văn số 6006/BGDĐT ngày 29/9/2025 hướng dẫn triển khai", "6006/BGDĐT"),
    # 11554-VPCP-V-I: a dotted unit code (it was cut to "6721/VPCP-V")
    ("tại Văn bản số 6721/VPCP-V.I ngày 19 tháng 7 năm 2025", "6721/VPCP-V.I"),
    # 5662-CT-CS and 5642-CT-CS: dots inside the organ code
    ("Cục Thuế nhận được công văn số 4814/CCTKV.05-TTKT3 ngày 30/06/2025 của", "4814/CCTKV.05-TTKT3"),
    ("công văn số 838/CCTKV.XII-NVDTPC.HUE ngày 15/05/2025 của", "838/CCTKV.XII-NVDTPC.HUE"),
])
def test_symbols_without_type_code_or_with_dots(tmp_path: Path, sentence: str, number: str) -> None:
    assert numbers(tmp_path, sentence) == [number]


@pytest.mark.parametrize("sentence", [
    "lập theo Mẫu số 05/TKN gửi về",  # constructed: "Mẫu số" names a form of the same text
    "tại căn hộ số 12/A đường Lê Lợi",  # constructed: an address
    "do Quyết định số 12/Ban Chỉ đạo giao",  # constructed: a slash that opens a name
])
def test_a_bare_number_that_is_no_letter(tmp_path: Path, sentence: str) -> None:
    assert [c.form for c in citations(tmp_path, sentence) if c.form == "full"] == []


# --- party-style hyphens used by bodies outside the Party ---------------------------------------

@pytest.mark.parametrize(("sentence", "number"), [
    # 624-TB-VPCP: the standing office of a steering committee
    ("nhiệm vụ được giao tại Thông báo số 07-TB/CQTTBCĐ ngày 15/10/2025, gửi về", "07-TB/CQTTBCĐ"),
    # 5721-QD-UBND: a 1993 Ministry of Finance circular
    ("Căn cứ Thông tư số 89-TC/TCT ngày 09/11/1993 của Bộ Tài chính hướng dẫn", "89-TC/TCT"),
    # constructed: a bar association and a trade union
    ("Thực hiện Kế hoạch số 05-KH/ĐLS ngày 10/01/2024 của Đoàn Luật sư tỉnh Hà Tĩnh", "05-KH/ĐLS"),
    ("Căn cứ Công văn số 112-CV/LĐLĐ ngày 02/02/2024 của Liên đoàn Lao động tỉnh", "112-CV/LĐLĐ"),
])
def test_party_style_numbers_of_other_bodies(tmp_path: Path, sentence: str, number: str) -> None:
    assert numbers(tmp_path, sentence) == [number]


# --- spaced hyphens -----------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "number"), [
    # 2553-QD-TTg
    ("của Ngân hàng Chính sách xã hội tại Tờ trình số 127/TTr - HĐQT ngày 30 tháng 9 năm 2025", "127/TTr-HĐQT"),
    # 2979-QD-UBND
    ("theo đề nghị của Giám đốc Sở Tư pháp tại Văn bản số 3169/TTr -STP ngày 31/10/2025", "3169/TTr-STP"),
    # 5470-CT-CS
    ("Cục Thống kê đã có công văn số 2273/CTK - CSCL ngày 15/10/2025 phúc đáp", "2273/CTK-CSCL"),
    # 310-KH-UBND
    ("về thực hiện Nghị quyết số 71/NQ -CP ngày 01/4/2025 của Chính phủ", "71/NQ-CP"),
    # constructed: the party-style form of a youth union
    ("Căn cứ Kế hoạch số 01 - KH/ĐTN ngày 05/01/2024 của Ban Thường vụ Đoàn xã", "01-KH/ĐTN"),
])
def test_spaced_hyphens(tmp_path: Path, sentence: str, number: str) -> None:
    assert numbers(tmp_path, sentence) == [number]


# --- three-part party symbols, compound organ codes --------------------------------------------

def test_three_part_party_symbol(tmp_path: Path) -> None:
    # 55-2025-NQ-HDND: "/nb" (nội bộ) marks internal circulation, not the issuer
    found = citations(tmp_path, "đảng viên; Văn bản số 919-CV/VPTW/nb ngày 21/11/2016 quy định mức chi")
    assert [(c.number, c.date) for c in found] == [("919-CV/VPTW", "2016-11-21")]
    assert found[0].text.endswith("ngày 21/11/2016")


def test_compound_organ_code_after_the_slash(tmp_path: Path) -> None:
    # constructed: a joint guidance of two provincial boards (it was cut to "05-HD/BTGTU")
    sentence = "Thực hiện Hướng dẫn số 05-HD/BTGTU-BDVTU ngày 12/3/2024 của Ban Tuyên giáo và Ban Dân vận Tỉnh ủy"
    assert numbers(tmp_path, sentence) == ["05-HD/BTGTU-BDVTU"]


# --- glued characters: a footnote digit, a lost slash or space ---------------------------------

def test_footnote_digit_glued_to_a_term(tmp_path: Path) -> None:
    # 5649-CT-CS: footnote 2 glued to "QH11", itself a slip for the XII legislature of 2008
    found = citations(tmp_path, "Luật Thuế giá trị gia tăng số 13/2008/QH112 ngày 03/06/2008 quy định thuế")
    assert [c.number for c in found] == ["13/2008/QH12"]
    assert found[0].doubt == TERM_CONTRADICTS_YEAR


def test_footnote_digit_glued_to_a_code(tmp_path: Path) -> None:
    # constructed, in the style of 5649-CT-CS
    assert numbers(tmp_path, "Căn cứ Nghị định số 59/2023/NĐ-CP1 ngày 14/8/2023 của Chính phủ") == ["59/2023/NĐ-CP"]


def test_a_council_term_is_not_a_footnote(tmp_path: Path) -> None:
    # 1521-QD-UBND: Bắc Ninh's council writes its term after HĐND
    sentence = "Nghị quyết số 191/2015/NQ-HĐND17 ngày 29/7/2015 của Hội đồng nhân dân tỉnh Bắc Ninh"
    assert numbers(tmp_path, sentence) == ["191/2015/NQ-HĐND17"]


@pytest.mark.parametrize(("sentence", "number"), [
    # 3361-QD-BCT: no slash between year and code
    ("- Thông tư số 49/2025TT-BCT ngày 09 tháng 9 năm 2025 của Bộ trưởng Bộ Công Thương", "49/2025/TT-BCT"),
    # constructed, in the same style
    ("Căn cứ Nghị định số 59/2023NĐ-CP ngày 14/8/2023 của Chính phủ", "59/2023/NĐ-CP"),
    # 165-KH-UBND, footnote [2]: the hyphen and a T lost
    ("[2] Chỉ thị số 27/CTTg ngày 15/7/2024 của Thủ tướng Chính phủ về tăng cường", "27/CT-TTg"),
    # 1669-NQ-UBTVQH15: the space before the date lost
    ("Tờ trình số 380/TTr-CP và Đề án số 381/ĐA-CPngày 09 tháng 5 năm 2025", "381/ĐA-CP"),
])
def test_missing_slash_hyphen_or_space(tmp_path: Path, sentence: str, number: str) -> None:
    assert numbers(tmp_path, sentence)[-1] == number


# --- a year (or term) the date beside it contradicts -------------------------------------------

def test_year_contradicting_the_date_resolves_to_the_number_the_date_supports(tmp_path: Path) -> None:
    # 223-2025-QD-UBND: the Environmental Protection Law of 17/11/2020 is 72/2020/QH14
    found = citations(tmp_path, "Căn cứ Luật Bảo vệ môi trường số 72/2022/QH14 ngày 17 tháng 11 năm 2020;")
    assert [(c.number, c.target, c.doubt) for c in found] == [("72/2020/QH14", "72/2020/QH14", YEAR_CONTRADICTS_DATE)]
    assert found[0].as_cited_number == "72/2022/QH14"


def test_the_doubt_is_in_the_json_output(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    # 223-2025-QD-UBND
    sentence = "Căn cứ Luật Bảo vệ môi trường số 72/2022/QH14 ngày 17 tháng 11 năm 2020;"
    path.write_text(HEADER + sentence, encoding="utf-8")
    [cited] = extract(path).to_json()["citations"]
    assert (cited["number"], cited["as_cited_number"], cited["doubt"]) == (
        "72/2020/QH14", "72/2022/QH14", YEAR_CONTRADICTS_DATE)


def test_year_contradicting_the_date_is_flagged_when_the_number_is_right(tmp_path: Path) -> None:
    # 153-KH-UBND: the resolution is 163/2024/QH15 (27/11/2024); the year of the date is the slip
    found = citations(tmp_path, "hiệu quả Nghị quyết số 163/2024/QH15 ngày 27 tháng 11 năm 2025 phê duyệt")
    assert [(c.number, c.doubt) for c in found] == [("163/2024/QH15", YEAR_CONTRADICTS_DATE)]


def test_the_same_text_decides_by_the_same_date(tmp_path: Path) -> None:
    # constructed: the year of the first mention is a slip, the second mention (same date) is right
    text = ("Căn cứ Nghị định số 12/2024/NĐ-CP ngày 05/02/2025 của Chính phủ; "
            "thực hiện Nghị định số 12/2025/NĐ-CP ngày 05/02/2025 của Chính phủ.")
    assert numbers(tmp_path, text) == ["12/2025/NĐ-CP", "12/2025/NĐ-CP"]


def test_another_document_of_the_supported_number_is_not_taken(tmp_path: Path) -> None:
    # 2873-QD-UBND: "23/2015/NĐ-CP ngày 16/02/2025" is 23/2015/NĐ-CP of 16/02/2015, whatever
    # 23/2025/NĐ-CP (of another date) the same text cites
    text = ("Căn cứ Nghị định số 23/2015/NĐ-CP ngày 16/02/2025 của Chính phủ; "
            "Nghị định số 23/2025/NĐ-CP ngày 21/02/2025 của Chính phủ.")
    found = citations(tmp_path, text)
    assert [(c.number, c.doubt) for c in found] == [("23/2015/NĐ-CP", YEAR_CONTRADICTS_DATE), ("23/2025/NĐ-CP", None)]


@pytest.mark.parametrize(("sentence", "number"), [
    # 77-2025-NQ-HDND: the fees law is 97/2015/QH13 (97/2025/QH15 is another law)
    ("Căn cứ Luật Phí và lệ phí số 97/2025/QH13;", "97/2015/QH13"),
    # 223-2025-QD-UBND: 2017 lies in the XIV legislature
    ("Căn cứ Luật Quy hoạch số 21/2017/QH12 ngày 24 tháng 11 năm 2017;", "21/2017/QH14"),
])
def test_a_term_contradicting_the_year(tmp_path: Path, sentence: str, number: str) -> None:
    found = citations(tmp_path, sentence)
    assert [(c.number, c.doubt) for c in found] == [(number, TERM_CONTRADICTS_YEAR)]


def test_agreeing_year_and_date_raise_no_doubt(tmp_path: Path) -> None:
    # 223-2025-QD-UBND
    found = citations(tmp_path, "Căn cứ Luật Bảo vệ môi trường số 72/2020/QH14 ngày 17 tháng 11 năm 2020;")
    assert [(c.number, c.doubt) for c in found] == [("72/2020/QH14", None)]


# --- comma lists of short forms -----------------------------------------------------------------
# The corpus holds no such list: the sentences are constructed, in the style of the Party plans.

PARTY_BASIS = ("Căn cứ Quy định số 124-QĐ/TW ngày 04/10/2023 của Bộ Chính trị; "
               "Quy định số 132-QĐ/TW ngày 27/10/2023 của Bộ Chính trị.\n")


def test_a_list_of_short_forms_resolves_each_to_its_full_citation_or_the_register(tmp_path: Path) -> None:
    found = citations(tmp_path, PARTY_BASIS + "Thực hiện nghiêm các quy định của Đảng "
                                              "(Quy định 124 ,Quy định 132,  Quy định 11) về kiểm điểm.")
    short = [(c.number, c.target, c.confidence) for c in found if c.form == "short"]
    assert short == [("124-QĐ/TW", "124-QĐ/TW@2023", 1.0), ("132-QĐ/TW", "132-QĐ/TW@2023", 1.0),
                     ("11-QĐi/TW", "11-QĐi/TW@2019", 0.7)]


def test_bare_numbers_continue_a_list(tmp_path: Path) -> None:
    found = citations(tmp_path, PARTY_BASIS + "các quy định (Quy định 124,  132 và 11) về kiểm điểm.")
    assert [c.number for c in found if c.form == "short"] == ["124-QĐ/TW", "132-QĐ/TW", "11-QĐi/TW"]


def test_a_number_glued_to_so_in_a_list(tmp_path: Path) -> None:
    found = citations(tmp_path, PARTY_BASIS + "các quy định (Quy định số 124,Quy định số132) về kiểm điểm.")
    assert [c.number for c in found if c.form == "short"] == ["124-QĐ/TW", "132-QĐ/TW"]


def test_the_register_gives_the_latest_document_signed_by_the_citing_date(tmp_path: Path) -> None:
    # 124-QĐ/TW was issued in 2018 and again in 2023: a 2021 plan means the first
    found = citations(tmp_path, "thực hiện (Quy định 124, Quy định 11) về",
                      header="Hà Tĩnh, ngày 05 tháng 3 năm 2021\n")
    assert [c.target for c in found] == ["124-QĐ/TW@2018", "11-QĐi/TW@2019"]


def test_a_count_after_a_short_form_is_no_number(tmp_path: Path) -> None:
    # constructed: "3 nhiệm vụ" is a count, and a year never continues a list
    found = citations(tmp_path, "theo Kết luận 120, 3 nhiệm vụ trọng tâm; Nghị định 145, 2020 và")
    assert [c.as_cited_number for c in found] == ["120", "145"]


# --- a law's name and a number one slip away from its own ---------------------------------------

@pytest.mark.parametrize(("sentence", "written", "law"), [
    # Luat-sua-doi-cac-Luat-ve-thue-2014.txt (johnpa02_tvpl): the Customs Law is 54/2014/QH13
    ("Luật thuế xuất khẩu, thuế nhập khẩu số 45/2005/QH11, Luật hải quan số 54/2013/QH13.", "54/2013/QH13",
     "54/2014/QH13"),
    # the same law: the Personal Income Tax Law was passed by the XII legislature
    ("sửa đổi, bổ sung một số điều của Luật thuế thu nhập cá nhân số 04/2007/QH11 đã được sửa đổi", "04/2007/QH11",
     "04/2007/QH12"),
    # 127-2025-TT-BQP: 63/2025/QH15 is the Government Organisation Law; the name says 64/2025/QH15
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 63/2025/QH15, được sửa đổi, bổ sung bởi", "63/2025/QH15",
     "64/2025/QH15"),
])
def test_a_laws_name_corrects_a_number_one_slip_away(tmp_path: Path, sentence: str, written: str, law: str) -> None:
    (found,) = [c for c in citations(tmp_path, sentence) if c.as_cited_number == written]
    assert (found.number, found.doc_type) == (law, "Luật")
    assert found.doubt and written in found.doubt and found.text.startswith("Luật")


def test_a_number_that_is_the_named_laws_own_is_kept(tmp_path: Path) -> None:
    found = citations(tmp_path, "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15; Luật Hải quan số 29/2001/QH10;")
    assert [(c.number, c.doubt) for c in found] == [("63/2025/QH15", None), ("29/2001/QH10", None)]


def test_pháp_luật_before_a_listed_number_is_not_a_law(tmp_path: Path) -> None:
    # 75-2025-QD-UBND (tnt305_tvpl): the decree ending a list after "… văn bản quy phạm pháp luật" was typed Luật
    sentence = ("Căn cứ các Nghị định của Chính phủ: số 79/2025/NĐ-CP ngày 01/4/2025 về kiểm tra, rà soát, hệ thống "
                "hóa và xử lý văn bản quy phạm pháp luật và số 150/2025/NĐ-CP ngày 12/6/2025 quy định tổ chức các cơ "
                "quan chuyên môn;")
    found = {c.number: c for c in citations(tmp_path, sentence)}
    assert found["150/2025/NĐ-CP"].doc_type != "Luật" and found["150/2025/NĐ-CP"].name is None
