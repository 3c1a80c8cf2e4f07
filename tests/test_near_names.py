"""Long law names written with one slip, read as the law they name: real sentences from the corpus
files named beside each."""

from __future__ import annotations

from pathlib import Path

import pytest

from luocdo.ingest.clean import fold_tones
from luocdo.ingest.models import lower_same_length
from luocdo.ingest.near_names import find_near_names
from luocdo.ingest.pipeline import extract


def numbers(tmp_path: Path, sentence: str) -> list[str | None]:
    path = tmp_path / "doc.txt"
    path.write_text(sentence, encoding="utf-8")
    return [c.number for c in extract(path).citations]


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        # johnpa02_tvpl/Cong-van-3397-BKHDT-QLKTTW: "và" for "vào" (the gold set's one miss of a name)
        ("quy định tại các Điều 16 Luật Doanh nghiệp; khoản 4 và 5 Điều 3, Điều 49 và 50 Luật quản lý, sử dụng vốn "
         "nhà nước đầu tư và sản xuất, kinh doanh tại doanh nghiệp.", "69/2014/QH13"),
        # tnt305_tvpl/98-2025-QD-UBND: a word written twice
        ("Căn cứ Nghị định số 78/2025/NĐ-CP ngày 01 tháng 4 năm 2025 quy định chi tiết một số điều và biện pháp để tổ "
         "chức, hướng dẫn thi hành Luật ban Ban hành văn bản quy phạm pháp luật;", "64/2025/QH15"),
    ],
)
def test_a_long_name_with_one_slip(tmp_path: Path, sentence: str, number: str) -> None:
    assert number in numbers(tmp_path, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # tnt305_tvpl/5721-QD-UBND: one word less is another law (1993), not "… đất phi nông nghiệp" (2010)
        "Căn cứ Luật Thuế sử dụng đất nông nghiệp ngày 10/7/1993;",
        # tnt305_tvpl/624-TB-VPCP: a word dropped ("thuế"), in a bill's title
        "Xây dựng Luật sửa đổi, bổ sung một số điều Luật Thuế xuất khẩu, nhập khẩu để thúc đẩy doanh nghiệp",
        # an amending law one word away from another amending law's title (constructed)
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Giá;",
        # the last word changed: another name (constructed)
        "Căn cứ Luật Đầu tư theo phương thức đối tác công nghệ;",
    ],
)
def test_other_laws_are_no_slips(sentence: str) -> None:
    assert find_near_names(lower_same_length(fold_tones(sentence)), []) == []
