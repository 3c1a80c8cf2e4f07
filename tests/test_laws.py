"""Laws cited by name: finding them in text (ingest/laws.py) and choosing the act meant."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from luocdo.ingest.clean import fold_tones
from luocdo.ingest.laws import LawMention, find_law_names, law_by_name, law_by_number
from tests.conftest import sample


def _sentence(path: Path, sentence: str) -> str:
    """``sentence``, after checking that the file really contains it."""
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    assert sentence in text, f"{path.name} no longer contains {sentence!r}"
    return sentence


def _number(name: str, **hints: str | int | None) -> str | None:
    rec = law_by_name(name, **hints)
    return rec.number if rec else None


def _resolve(text: str, on: str) -> list[str]:
    """The numbers of the laws named in ``text``, as cited in a document dated ``on``."""
    out = []
    for m in find_law_names(text):
        rec = law_by_name(m.name, on=on, year=m.year, date=m.date)
        assert rec is not None, m
        out.append(rec.number)
    return out


# --- seeds ---------------------------------------------------------------------------------------


def test_seed_000_three_laws_in_a_list() -> None:
    text = _sentence(sample("000"), "(Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo,...)")
    mentions = find_law_names(text)
    assert [text[m.start:m.end] for m in mentions] == ["Luật Tiếp công dân", "Luật Khiếu nại", "Luật Tố cáo"]
    assert _resolve(text, "2022-06") == ["42/2013/QH13", "02/2011/QH13", "25/2018/QH14"]


def test_seed_001_name_without_o_and_a_date() -> None:
    text = _sentence(sample("001"), "Thực hiện Luật thực hiện dân chủ cơ sở ngày 10/11/2022.")
    (m,) = find_law_names(text)
    assert m.name == "Luật Thực hiện dân chủ ở cơ sở"
    assert m.date == "2022-11-10"
    assert text[m.start:m.end] == "Luật thực hiện dân chủ cơ sở ngày 10/11/2022"
    assert text[m.start:m.name_end] == "Luật thực hiện dân chủ cơ sở"
    assert _resolve(text, "2025-02") == ["10/2022/QH15"]


def test_seed_001_name_number_and_date() -> None:
    text = _sentence(sample("001"), "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10/11/2022")
    (m,) = find_law_names(text)
    assert (m.number, m.date, m.end) == ("10/2022/QH15", "2022-11-10", len(text))


def test_seed_003_labour_code_in_a_2023_plan() -> None:
    text = _sentence(sample("003"), "Bộ Luật lao động về điều kiện lao động và quan hệ lao động")
    (m,) = find_law_names(text)
    assert (m.name, text[m.start:m.end]) == ("Bộ luật Lao động", "Bộ Luật lao động")
    assert _resolve(text, "2023") == ["45/2019/QH14"]


def test_seed_004_constitution_and_law_is_a_set_phrase() -> None:
    assert find_law_names(_sentence(sample("004"), "Hiến pháp và pháp luật")) == []
    assert find_law_names("tuân thủ Hiến pháp, pháp luật") == []


def test_bare_constitution() -> None:
    text = "Căn cứ Hiến pháp;"
    (m,) = find_law_names(text)
    assert m.name == "Hiến pháp"
    assert _resolve(text, "2024") == ["HP-2013"]


def test_seeds_find_no_generic_law_words() -> None:
    """"pháp luật", "luật hiện hành", "các luật" recur in every seed; none of them is an act."""
    for prefix in ("000", "001", "002", "003", "004"):
        text = unicodedata.normalize("NFC", sample(prefix).read_text(encoding="utf-8"))
        for m in find_law_names(text):
            assert text[m.start:m.name_end].lower() not in {"luật", "pháp luật", "luật hiện hành"}
            assert text[max(0, m.start - 6):m.start].lower().strip() not in {"pháp", "kỷ"}


# --- the brief's sentences ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "on", "expected"),
    [
        ("Luật Tố cáo", "2017-05-10", "03/2011/QH13"),
        ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", "2016", "77/2015/QH13"),
        ("Căn cứ Luật Hải quan ngày 23/6/2014;", "2020", "54/2014/QH13"),
        ("Hiến pháp năm 2013", "2024", "HP-2013"),
        ("Hiến pháp", "2000", "HP-1992"),
        ("LUẬT ĐẤT ĐAI", "2020-01-01", "45/2013/QH13"),
        ("Luật Đất đai (năm 2003)", "2020", "13/2003/QH11"),
        ("Luật Thực hiện dân chủ ở cơ sở", "2023-08", "10/2022/QH15"),
        ("Luật Hoà giải ở cơ sở", "2020", "35/2013/QH13"),  # old tone placement
        ("Luật Phòng chống tham nhũng 2018", "2020", "36/2018/QH14"),  # comma left out
    ],
)
def test_name_to_law(text: str, on: str, expected: str) -> None:
    assert _resolve(text, on) == [expected]


def test_longest_name_wins_and_a_line_break_inside_a_name() -> None:
    text = "theo Luật Tổ chức chính quyền\nđịa phương và Luật Tổ chức Chính phủ"
    assert [m.name for m in find_law_names(text)] == [
        "Luật Tổ chức chính quyền địa phương", "Luật Tổ chức Chính phủ"]


@pytest.mark.parametrize(
    "text",
    ["Luật", "Luật hiện hành", "các Luật có liên quan", "vi phạm pháp luật đất đai",
     "quyết định kỷ luật cán bộ, công chức", "dự luật đất đai", "Luật Đất đaix", "Luật sư"],
)
def test_not_a_mention(text: str) -> None:
    assert find_law_names(text) == []


def test_amending_law_in_the_table_is_one_mention() -> None:
    text = ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền "
            "địa phương ngày 22 tháng 11 năm 2019;")
    (m,) = find_law_names(text)
    assert m.date == "2019-11-22" and not m.in_amendment
    assert _number(m.name, date=m.date) == "47/2019/QH14"


def test_amending_law_not_in_the_table_flags_the_amended_laws() -> None:
    text = "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tố cáo và Luật Khiếu nại ngày 01/01/2020; Luật Đất đai"
    mentions = find_law_names(text)
    # the amending law is a mention of its own, with the date written after its title; the laws it
    # lists are flagged inside it
    assert [(m.name, m.in_amendment, m.date) for m in mentions] == [
        ("Luật sửa đổi, bổ sung một số điều của Luật Tố cáo và Luật Khiếu nại", False, "2020-01-01"),
        ("Luật Tố cáo", True, None), ("Luật Khiếu nại", True, None), ("Luật Đất đai", False, None)]
    assert mentions[0].start < mentions[1].start < mentions[2].end <= mentions[0].end


# --- law_by_name / law_by_number ----------------------------------------------------------------


def test_law_by_name_order_of_evidence() -> None:
    assert _number("Luật Đất đai", date="2013-11-29") == "45/2013/QH13"
    assert _number("Luật Đất đai", year=2003, on="2024-09") == "13/2003/QH11"
    assert _number("Luật Đất đai", on="2010-06") == "13/2003/QH11"
    assert _number("Luật Đất đai") == "31/2024/QH15"
    assert _number("Luật Đất đai năm 2013") == "45/2013/QH13"
    # a wrong day still names the year: Pháp lệnh 34 "ngày 06/4/2007" (seed 003) was passed on 20/4/2007
    assert _number("Pháp lệnh thực hiện dân chủ cơ sở", date="2007-04-06") == "34/2007/PL-UBTVQH11"
    assert law_by_name("Luật không có") is None


def test_law_by_number() -> None:
    rec = law_by_number("45/2019/QH14")
    assert rec is not None and rec.name == "Bộ luật Lao động" and rec.effective_date == "2021-01-01"
    assert law_by_number("99/1999/QH99") is None


# --- real corpus sentences ----------------------------------------------------------------------

CORPUS_CASES = [
    ("johnpa02_tvpl/Nghi-dinh-122-2021-ND-CP.txt", "Căn cứ Luật Đấu thầu ngày 26 tháng 11 năm 2013;", "2021",
     "43/2013/QH13"),
    ("johnpa02_tvpl/Nghi-dinh-47-2021-ND-CP.txt", "Căn cứ Luật Công nghệ thông tin ngày 29 tháng 6 năm 2006;",
     "2021", "67/2006/QH11"),
    ("johnpa02_tvpl/Nghi-dinh-36-2015-ND-CP.txt", "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;",
     "2015", "32/2001/QH10"),
    ("johnpa02_tvpl/Nghi-dinh-12-2018-ND-CP.txt", "Căn cứ Luật hải quan ngày 23 tháng 6 năm 2014;", "2018",
     "54/2014/QH13"),
    ("tnt305_tvpl/02200-QD-UBND__b1a5a41518097e3e.txt",
     "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;", "2025", "72/2025/QH15"),
    ("tnt305_tvpl/0134-KH-UBND__d5ffa6afac124d52.txt", "Căn cứ Luật Bảo vệ môi trường năm 2020;", "2025",
     "72/2020/QH14"),
    ("tnt305_tvpl/1513-QD-UBND__f411a708bcdcfda7.txt",
     "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025;", "2025", "72/2025/QH15"),
    ("johnpa02_tvpl/Nghi-dinh-247-2025-ND-CP-sua-doi-Nghi-dinh-171-2016-ND-CP.txt",
     "Căn cứ Bộ luật Hàng hải Việt Nam số 95/2015/QH13;", "2025", "95/2015/QH13"),
    ("luongminh_commune/tvpl-htm__83-2025-QH15-663780.txt",
     "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam đã được sửa đổi, bổ sung một số điều theo "
     "Nghị quyết số 203/2025/QH15 ;", "2025-06", "HP-2013"),
    ("tnt305_tvpl/2929-QD-UBND__ad52bc0b105a20cd.txt",
     "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", "2025", "72/2025/QH15"),
]


@pytest.mark.parametrize(("path", "sentence", "on", "expected"), CORPUS_CASES)
def test_corpus_sentence(corpus: Path, path: str, sentence: str, on: str, expected: str) -> None:
    text = _sentence(corpus / path, sentence)
    assert _resolve(text, on)[0] == expected
    number = find_law_names(text)[0].number
    assert number is None or number == expected


def test_corpus_discipline_is_not_the_civil_servants_law(corpus: Path) -> None:
    text = _sentence(corpus / "johnpa02_tvpl/Luat-khieu-nai-2011.txt", "quyết định kỷ luật cán bộ, công chức")
    assert find_law_names(text) == []


def test_corpus_amending_law_of_many_laws(corpus: Path) -> None:
    text = _sentence(corpus / "johnpa02_tvpl/Nghi-dinh-87-2025-ND-CP.txt",
                     "Luật sửa đổi, bổ sung Luật Chứng khoán, Luật Kế toán, Luật Kiểm toán độc lập")
    mentions = find_law_names(text)  # a part of the title only: the amending law is not the table's
    assert mentions[0].name.startswith("Luật sửa đổi, bổ sung Luật Chứng khoán") and not mentions[0].in_amendment
    assert len(mentions) == 4 and all(m.in_amendment for m in mentions[1:])


# --- scale ---------------------------------------------------------------------------------------


def test_five_megabytes() -> None:
    """Correct counts and offsets on a 5 MB text (finishing at all is the speed check)."""
    paragraph = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; các quy định của pháp luật "
                 "và Bộ Luật lao động; (Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo,...) theo Hiến pháp năm 2013 "
                 "và luật hiện hành, kỷ luật cán bộ, công chức.\n")
    reps = 5_000_000 // len(paragraph) + 1
    mentions = find_law_names(paragraph * reps)
    assert len(mentions) == 6 * reps
    last: LawMention = mentions[-1]
    assert last.start == (reps - 1) * len(paragraph) + paragraph.index("Hiến pháp năm 2013")
    assert last.year == 2013


def test_anchor_words_inside_other_words() -> None:
    assert find_law_names("xluật Tố cáo") == find_law_names("luậtx Tố cáo") == []
    # "hiến pháp" does not stand as a word here, but the "pháp lệnh" overlapping it does.
    (m,) = find_law_names("xhiến pháp lệnh Dân số")
    assert (m.start, m.end, m.name) == (6, 22, "Pháp lệnh Dân số")
    # A name ending in "bộ" keeps it, though "bộ luật" would open a code.
    (m,) = find_law_names("Luật Giao thông đường bộ luật")
    assert (m.start, m.end, m.name) == (0, 24, "Luật Giao thông đường bộ")


def test_text_already_tone_folded() -> None:
    text = fold_tones(sample("000").read_text(encoding="utf-8"))
    mentions = find_law_names(text, tones_folded=True)
    assert mentions == find_law_names(text) != []


def test_many_law_words_in_a_row() -> None:
    assert find_law_names("Luật " * 50_000) == []
    mentions = find_law_names("Luật Tố cáo, " * 10_000)
    assert len(mentions) == 10_000 and {m.name for m in mentions} == {"Luật Tố cáo"}
    assert mentions[-1].start == 13 * 9_999


def _as_resolved(text: str, on: str) -> list[str | None]:
    """The number each law named in ``text`` resolves to (``None``: no act of the table), cited on ``on``."""
    return [None if (rec := law_by_name(m.name, on=on, year=m.year, date=m.date)) is None else rec.number
            for m in find_law_names(text)]


def test_a_passing_date_with_its_year_mistyped_still_names_the_law(corpus: Path) -> None:
    # 82/2025/QĐ-UBND: Luật Thương mại was passed on 14/6/2005, not 2025.
    text = _sentence(corpus / "tnt305_tvpl/82-2025-QD-UBND__77de0148105d5008.txt",
                     "Căn cứ Luật Thương mại ngày 14/6/2025;")
    assert _as_resolved(text, "2025-11") == ["36/2005/QH11"]


def test_a_year_no_act_of_the_name_was_passed_or_took_effect_in_names_none(corpus: Path) -> None:
    # 11299/VPCP-KGVX: the atomic energy law of 2025 is not in the table; it is not the 2008 law it replaces.
    text = _sentence(corpus / "tnt305_tvpl/11299-VPCP-KGVX__06690fd4027d01c8.txt",
                     "quy định của Luật Năng lượng nguyên tử 2025")
    assert _as_resolved(text, "2025-11-18") == [None]
    # A year it took effect still names it: Luật Doanh nghiệp 13/1999/QH10 took effect in 2000.
    assert _as_resolved("theo Luật Doanh nghiệp năm 2000", "2004-01-01") == ["13/1999/QH10"]


def test_a_date_that_names_no_act_reads_the_law_as_of_that_date() -> None:
    # 92/VBHN-BQP: "Luật Ban hành văn bản quy phạm pháp luật ngày 12 tháng 11 năm 1996": not the 2025 law in force
    # when the text was consolidated (the table starts with the 2008 law).
    assert _as_resolved("Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 12 tháng 11 năm 1996;", "2025-12") \
        == [None]
