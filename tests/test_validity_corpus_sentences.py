"""Validity read from real corpus sentences that an ingest of the whole corpus got wrong: verbs used
for things that are not documents, acts a document only reports or proposes, the words of a target's
title taken for a pinpoint, and dates of something other than the document's force.

Each sentence is quoted from the file named beside it (../shared/corpus, public administrative
texts); the header around it is the document's own, shortened.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from luocdo.ingest.pipeline import extract

HEADERS = {
    "luật": ("QUỐC HỘI\nLuật số: 84/2025/QH15\nLUẬT\nTHANH TRA\n"
             "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"),
    "nghị định": "CHÍNH PHỦ\nSố: {number}\nHà Nội, ngày 20 tháng 11 năm 2025\nNGHỊ ĐỊNH\nQuy định chi tiết\n",
    "nghị quyết": ("HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 48/2025/NQ-HĐND\nHà Nội, ngày 10 tháng 11 năm 2025\n"
                   "NGHỊ QUYẾT\nQuy định phân cấp nguồn thu, nhiệm vụ chi\n"),
    "công văn": ("BỘ TÀI CHÍNH\nTỔNG CỤC HẢI QUAN\nSố: 19046/BTC-TCHQ\nHà Nội, ngày 26 tháng 12 năm 2014\n"
                 "V/v triển khai Luật Hải quan số 54/2014/QH13\nKính gửi: Cục Hải quan các tỉnh, thành phố\n"),
    "kế hoạch": ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\nSố: 165/KH-UBND\nCần Thơ, ngày 20 tháng 11 năm 2025\n"
                 "KẾ HOẠCH\nThực hiện công tác dân số năm 2026\n"),
    "quyết định": ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 145/2025/QĐ-UBND\nBắc Ninh, ngày 20 tháng 11 năm 2025\n"
                   "QUYẾT ĐỊNH\nỦy quyền cho Sở Tài chính\n"),
}


def validity_of(tmp_path: Path, kind: str, body: str, number: str = "308/2025/NĐ-CP") -> dict:
    path = tmp_path / "text.txt"
    path.write_text(HEADERS[kind].format(number=number) + "I. TỔ CHỨC THỰC HIỆN\n" + body + "\n", encoding="utf-8")
    v = extract(path).validity
    return {"from": v.effective_from, "to": v.effective_to,
            "acts": {(a.number or a.target, a.relation, a.scope) for a in v.acts}}


def acts_on(result: dict, number: str) -> set[tuple[str, str]]:
    return {(relation, scope) for n, relation, scope in result["acts"] if n == number}


NOT_ACTS = [
    # Luat-Thanh-tra-2025.txt (84/2025/QH15): a power of the inspectorate, not a repeal of the Constitution
    ("luật", "l) Kiến nghị Thủ tướng Chính phủ yêu cầu Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, Ủy ban nhân dân cấp "
             "tỉnh, Chủ tịch Ủy ban nhân dân cấp tỉnh đình chỉ việc thi hành hoặc bãi bỏ văn bản quy phạm pháp luật do "
             "Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, Ủy ban nhân dân cấp tỉnh, Chủ tịch Ủy ban nhân dân cấp tỉnh ban "
             "hành trái với Hiến pháp, luật, văn bản quy phạm pháp luật của cơ quan nhà nước cấp trên được phát hiện "
             "qua thanh tra;", "HP-2013"),
    # 48-2025-NQ-HDND (Hà Nội): computers are replaced, not a decision
    ("nghị quyết", "- Định mức phân bổ đã bao gồm kinh phí mua sắm, thay thế trang bị máy vi tính để bàn, máy vi tính "
                   "xách tay/máy tính bảng hoặc thiết bị công nghệ thông tin tương đương theo Quyết định số "
                   "15/2025/QĐ-TTg ngày 14/6/2025 của Thủ tướng Chính phủ.", "15/2025/QĐ-TTg"),
    # Nghi-dinh-21-2021-ND-CP.txt: pledged assets are replaced
    ("nghị định", "Trường hợp bên nhận cầm cố đồng ý hoặc luật khác liên quan có quy định về việc bên cầm cố được bán, "
                  "được thay thế, được trao đổi hoặc được tặng cho tài sản cầm cố thì biện pháp cầm cố chấm dứt kể từ "
                  "thời điểm bên mua tài sản, bên nhận thay thế tài sản, bên nhận tặng cho tài sản xác lập quyền sở "
                  "hữu đối với tài sản cầm cố theo quy định tại Điều 161 của Bộ luật Dân sự số 91/2015/QH13.",
     "91/2015/QH13"),
    # Cong-van-19046-BTC-TCHQ.txt: a letter reports what the Customs Law does; "Luật này" is not the letter
    ("công văn", "Luật hải quan được Quốc hội khóa XIII kỳ họp thứ 7 thông qua ngày 23/6/2014 và có hiệu lực thi hành "
                 "từ ngày 01/01/2015. Luật này thay thế Luật Hải quan số 29/2001/QH10 năm 2001 và Luật sửa đổi, bổ "
                 "sung một số điều của Luật Hải quan số 42/2005/QH11 năm 2005.", "29/2001/QH10"),
    # 174-CV-BCD: a proposal for a decree still to be made
    ("công văn", "Đề nghị ban hành Nghị định xử phạt vi phạm hành chính trong lĩnh vực tín ngưỡng, tôn giáo, nhằm tăng "
                 "cường hiệu lực quản lý nhà nước trong lĩnh vực này và Nghị định thay thế Nghị định số "
                 "24/2018/NĐ-CP ngày 27/02/2018 của Chính phủ", "24/2018/NĐ-CP"),
    # seeds/000_4cf4f161cf07ae84.txt: a task in a plan (village rules are amended), not an amendment of the decision
    ("kế hoạch", "Chủ trì, phối hợp với các cơ quan, đơn vị có liên quan hướng dẫn, theo dõi, kiểm tra việc rà soát, "
                 "sửa đổi, bổ sung hương ước, quy ước theo quy định tại Quyết định số 22/2018/QĐ-TTg ngày 08/5/2018 "
                 "của Thủ tướng Chính phủ về xây dựng, thực hiện hương ước, quy ước.", "22/2018/QĐ-TTg"),
    # 220-CD-TTg: what ministries must amend is a task ("phải sửa đổi, bổ sung")
    ("công văn", "Tuy nhiên, để hoàn thành cắt giảm, đơn giản hóa TTHC, ĐKKD, số lượng văn bản quy phạm pháp luật "
                 "(VBQPPL) mà các bộ, ngành phải sửa đổi, bổ sung để ban hành theo Nghị quyết số 66/NQ-CP là rất "
                 "lớn.", "66/NQ-CP"),
    # ae8d299abf846604.txt: a plan lists a resolution still to be made, "(thay thế Nghị quyết số …)"
    ("nghị quyết", "Nghị quyết ban hành Quy chế hoạt động đối ngoại của Quốc hội (thay thế Nghị quyết số "
                   "1170/2016/NQ-UBTVQH13 ngày 17/3/2016 của Ủy ban Thường vụ Quốc hội ban hành Quy chế hoạt động "
                   "đối ngoại của Quốc hội)", "1170/2016/NQ-UBTVQH13"),
    # 2842-QD-UBND: a repealed dossier item, the reason on the next line
    ("quyết định", "Bãi bỏ thành phần hồ sơ: “Tài liệu khác liên quan đến nhiệm vụ (nếu có)”\nLý do: Thực hiện Nghị "
                   "quyết số 66/NQ-CP ngày 26/3/2025 của Chính phủ về Chương trình cắt giảm, đơn giản hóa TTHC.",
     "66/NQ-CP"),
    # 2842-QD-UBND: the reason given for a repealed procedure names a government resolution
    # 158-2025-ND-CP: the base salary may be abolished one day; the law on social insurance stays
    ("nghị định", "2. Khi chưa bãi bỏ mức lương cơ sở thì mức tham chiếu quy định tại Luật Bảo hiểm xã hội bằng mức "
                  "lương cơ sở. Tại thời điểm mức lương cơ sở bị bãi bỏ thì mức tham chiếu không thấp hơn mức lương "
                  "cơ sở đó.", "41/2024/QH15"),
    ("quyết định", "Điều 1. Bãi bỏ các thủ tục hành chính sau đây:\n- Thủ tục cấp giấy phép kinh doanh.\n"
                   "- Lý do: Thực hiện Nghị quyết số 66/NQ-CP ngày 26/3/2025 của Chính phủ về Chương trình cắt giảm, "
                   "đơn giản hóa TTHC liên quan đến hoạt động sản xuất, kinh doanh năm 2025 và 2026.", "66/NQ-CP"),
]


@pytest.mark.parametrize(("kind", "body", "number"), NOT_ACTS, ids=[c[2] for c in NOT_ACTS])
def test_words_that_are_not_this_documents_act(tmp_path: Path, kind: str, body: str, number: str) -> None:
    assert acts_on(validity_of(tmp_path, kind, body), number) == set()


def test_a_title_saying_some_articles_does_not_make_a_replacement_partial(tmp_path: Path) -> None:
    """308-2025-ND-CP: the replaced decree "quy định chi tiết thi hành một số điều của Luật …" is
    replaced whole; "một số điều" belongs to its title."""
    body = ("3. Nghị định này thay thế Nghị định số 98/2010/NĐ-CP ngày 21 tháng 9 năm 2010 của Chính phủ quy định "
            "chi tiết thi hành một số điều của Luật Di sản văn hóa và Luật sửa đổi, bổ sung một số điều của Luật Di "
            "sản văn hóa.")
    assert acts_on(validity_of(tmp_path, "nghị định", body), "98/2010/NĐ-CP") == {("replaces", "whole")}


def test_a_pinpoint_before_the_target_keeps_the_act_partial(tmp_path: Path) -> None:
    body = "2. Bãi bỏ khoản 3 Điều 8 Nghị định số 125/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ."
    assert acts_on(validity_of(tmp_path, "nghị định", body), "125/2020/NĐ-CP") == {("repeals", "part")}


DISCIPLINE = ("2. Bãi bỏ các quy định về xử lý kỷ luật cán bộ, công chức tại Nghị định số 112/2020/NĐ-CP ngày 18 "
              "tháng 9 năm 2020 của Chính phủ về xử lý kỷ luật cán bộ, công chức, viên chức và Nghị định số "
              "71/2023/NĐ-CP ngày 20 tháng 9 năm 2023 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số "
              "112/2020/NĐ-CP ngày 18 tháng 9 năm 2020 về xử lý kỷ luật cán bộ, công chức, viên chức.")
PROVISIONS_REPEALED = [
    # 60-2024-QH15 (Luật Dữ liệu): 25 decisions of 2025 resting on this law were listed as citing
    # an expired law
    ("luật", "2. Sửa đổi, bổ sung, bãi bỏ một số điểm, khoản, điều của Luật Giao dịch điện tử số 20/2023/QH15 như "
             "sau:", "20/2023/QH15"),
    # 172-2025-ND-CP: the decrees also hold the rules for public employees, which stay; the
    # provisions are those of each decree the sentence lists
    ("nghị định", DISCIPLINE, "112/2020/NĐ-CP"),
    ("nghị định", DISCIPLINE, "71/2023/NĐ-CP"),
    # Nghi-dinh-102-2021-ND-CP: a clause, its number given further on
    ("nghị định", "1. Bổ sung cụm từ, bãi bỏ khoản tại Nghị định số 125/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của "
                  "Chính phủ quy định xử phạt vi phạm hành chính về thuế, hóa đơn như sau:", "125/2020/NĐ-CP"),
]


@pytest.mark.parametrize(("kind", "body", "number"), PROVISIONS_REPEALED, ids=[c[2] for c in PROVISIONS_REPEALED])
def test_repealing_provisions_of_a_document_is_a_partial_repeal(tmp_path: Path, kind: str, body: str,
                                                                number: str) -> None:
    """Provisions named between the verb and the document ("một số điểm, khoản, điều của", "các quy
    định về … tại", "khoản tại") make the repeal partial: the document stays in force."""
    assert ("repeals", "part") in acts_on(validity_of(tmp_path, kind, body), number)
    assert ("repeals", "whole") not in acts_on(validity_of(tmp_path, kind, body), number)


def test_replacing_and_repealing_words_is_an_amendment(tmp_path: Path) -> None:
    """Nghi-dinh-291-2025-ND-CP.txt: "22. Bổ sung, thay thế, bãi bỏ một số cụm từ tại Nghị định số
    103/2024/NĐ-CP như sau:" changes words; the decree stays in force."""
    body = "22. Bổ sung, thay thế, bãi bỏ một số cụm từ tại Nghị định số 103/2024/NĐ-CP như sau:"
    assert acts_on(validity_of(tmp_path, "nghị định", body, "291/2025/NĐ-CP"), "103/2024/NĐ-CP") == {
        ("amends", "part")}


def test_quoted_new_words_replacing_old_ones_amend(tmp_path: Path) -> None:
    """Nghi-dinh-131-2025-ND-CP.txt: "3. “Đặc khu” thay thế “huyện đảo” tại Nghị định số 11/2021/NĐ-CP …"."""
    body = ("3. “Đặc khu” thay thế “huyện đảo” tại Nghị định số 11/2021/NĐ-CP ngày 10 tháng 02 năm 2021 của Chính "
            "phủ quy định việc giao các khu vực biển nhất định cho tổ chức, cá nhân.")
    assert acts_on(validity_of(tmp_path, "nghị định", body, "131/2025/NĐ-CP"), "11/2021/NĐ-CP") == {
        ("amends", "part")}


def test_a_period_counted_from_the_documents_force_is_not_its_end(tmp_path: Path) -> None:
    """Nghi-dinh-87-2025-ND-CP.txt: applications are taken "kể từ thời điểm Nghị định này có hiệu lực
    thi hành đến hết ngày 31 tháng 7 năm 2025"; the decree itself takes effect on signing."""
    body = ("1. Người sử dụng đất nộp 01 Giấy đề nghị giảm tiền thuê đất cho cơ quan thuế kể từ thời điểm Nghị định "
            "này có hiệu lực thi hành đến hết ngày 31 tháng 7 năm 2025.\n"
            "Điều 5. Hiệu lực thi hành\n1. Nghị định này có hiệu lực thi hành kể từ ngày ký ban hành.")
    result = validity_of(tmp_path, "nghị định", body, "87/2025/NĐ-CP")
    assert (result["from"], result["to"]) == ("2025-11-20", None)


def test_a_delegation_period_is_not_the_decisions_end(tmp_path: Path) -> None:
    """145-2025-QD-UBND: "Điều 3. Thời gian ủy quyền từ ngày Quyết định này có hiệu lực thi hành đến
    hết ngày 28/02/2027." bounds the delegation, not the decision."""
    body = ("Điều 3. Thời gian ủy quyền từ ngày Quyết định này có hiệu lực thi hành đến hết ngày 28/02/2027.\n"
            "Điều 5. Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành.")
    result = validity_of(tmp_path, "quyết định", body)
    assert (result["from"], result["to"]) == ("2025-11-20", None)
