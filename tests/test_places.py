"""Administrative units named in documents (ingest/places.py).

Sentences are quoted from the seed plans (data/samples, named by their original seed file) and
from the corpus texts vendored in tests/corpus/.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from luocdo.ingest.models import Place
from luocdo.ingest.place_mentions import find_places, read_unit
from luocdo.ingest.places import level_of_unit, resolve_place

from .conftest import seed

# seed 001_fdb1fc1fd805fa38.txt (a 2025 plan of UBND xã Hưng Đạo, Bình Gia, Lạng Sơn)
S001_DATE_LINE = "Hung Đạo, ngày tháng 02 năm 2025"
S001_SENTENCE = (
    "Thực hiện Kế hoạch số 49/KH-UBND, ngày 10/02/2025 của Ủy ban nhân dân huyện Bình Gia về thực hiện "
    "dân chủ ở cơ sở trên địa bàn huyện Bình Gia năm 2025, UBND xã Hưng Đạo ban hành Kế hoạch thực hiện "
    "dân chủ ở cơ sở trên địa bàn xã Hưng Đạo năm 2025 như sau:"
)
# seed 000_4cf4f161cf07ae84.txt (a 2022 plan of UBND thị xã Hồng Lĩnh, Hà Tĩnh)
S000_DATE_LINE = "Hồng Lĩnh, ngày tháng 6 năm 2022"
S000_TITLE = (
    "Thực hiện quy chế dân chủ trong hoạt động của cơ quan hành chính nhà nước, đơn vị sự nghiệp công "
    "lập và thực hiện dân chủ ở phường, xã trên địa bàn thị xã Hồng Lĩnh đến hết năm 2023"
)
# seed 002_bac947d54380e2bf.txt (Ban Thường vụ Thị ủy Đức Phổ, Quảng Ngãi)
S002_SENTENCE = (
    "Thực hiện nghiêm túc Quyết định số 866-QĐ/TU ngày 31/12/2021 của Ban Thường vụ Thị ủy về việc ban "
    "hành Quy chế công tác dân vận của hệ thống chính trị thị xã Đức Phổ, trọng tâm là trách nhiệm"
)
S002_FORMER = "giám sát đối với Ban Thường vụ Huyện ủy Đức Phổ (nay là Ban Thường vụ Thị ủy)"
# seed 003_70af00815d51f39d.txt (UBND phường Trương Quang Trọng, thành phố Quảng Ngãi, 2023)
S003_SENTENCE = (
    "Thực hiện Kế hoạch số 52/KH-UBND ngày 14/3/2023 của UBND thành phố Quảng Ngãi về thực hiện Quy chế "
    "dân chủ ở cơ sở năm 2023 và Kế hoạch số 06-KH/BCĐ ngày 17/02/2023 của Ban chỉ đạo về thực hiện quy "
    "chế dân chủ ở cơ sở năm 2023, UBND phường Trương Quang Trọng xây dựng Kế hoạch"
)
# seed 004_e8b12205207f2a6d.txt (UBND tỉnh Khánh Hòa)
S004_SENTENCE = (
    "Thực hiện Nghị quyết số 15/2024/NQ-HĐND ngày 02 tháng 12 năm 2024 của Hội đồng nhân dân tỉnh về quy "
    "định các biện pháp bảo đảm thực hiện dân chủ ở cơ sở trên địa bàn tỉnh Khánh Hòa (gọi tắt là Nghị quyết)"
)


def mentions(text: str) -> list[tuple[str, str]]:
    return [(m.kind, m.name) for m in find_places(text)]


# --- the seeds -----------------------------------------------------------------------------------


def test_seed_001_commune_with_a_typo_resolves_inside_its_district() -> None:
    found = mentions(S001_SENTENCE)
    assert found == [("huyện", "Bình Gia"), ("huyện", "Bình Gia"), ("xã", "Hưng Đạo"), ("xã", "Hưng Đạo")]
    place_name = S001_DATE_LINE.split(",")[0]
    assert place_name == "Hung Đạo"  # the seed's own typo for Hưng Đạo
    expected = Place("Lạng Sơn", "huyện Bình Gia", "xã Hưng Đạo", "Lạng Sơn", "xã Hoa Thám")
    assert resolve_place(place_name, district="huyện Bình Gia") == expected
    assert resolve_place("xã Hưng Đạo", district="huyện Bình Gia", on="2025-02-10") == expected
    assert resolve_place("xã Hưng Đạo", province="Lạng Sơn") == expected  # the only one in Lạng Sơn


def test_seed_001_bare_common_names_are_not_guessed() -> None:
    # Eleven communes called Hưng Đạo in the old register: no hint, no answer.
    assert resolve_place("xã Hưng Đạo") is None
    assert resolve_place("Hung Đạo") is None
    # Cao Bằng has three: keep what is certain (the province and the name as written).
    assert resolve_place("xã Hưng Đạo", province="Cao Bằng", on="2024-05-01") == Place(
        province="Cao Bằng", commune="xã Hưng Đạo", province_now="Cao Bằng")


def test_seed_001_district_alone() -> None:
    assert resolve_place("huyện Bình Gia") == Place(province="Lạng Sơn", district="huyện Bình Gia",
                                                    province_now="Lạng Sơn")


def test_seed_000_date_line_place_is_the_town() -> None:
    name = S000_DATE_LINE.split(",")[0]
    expected = Place(province="Hà Tĩnh", district="thị xã Hồng Lĩnh", province_now="Hà Tĩnh")
    assert resolve_place(name, on="2022-06") == expected
    assert resolve_place("thị xã Hồng Lĩnh") == expected
    assert mentions(S000_TITLE) == [("thị xã", "Hồng Lĩnh")]


def test_seed_002_town_and_its_former_district_name() -> None:
    assert mentions(S002_SENTENCE) == [("thị xã", "Đức Phổ")]
    assert resolve_place("thị xã Đức Phổ") == Place(province="Quảng Ngãi", district="thị xã Đức Phổ",
                                                    province_now="Quảng Ngãi")
    # Đức Phổ was a huyện until 2020; the register (2025) knows only the thị xã.
    assert "Huyện ủy Đức Phổ" in S002_FORMER
    assert resolve_place("huyện Đức Phổ") == Place(province="Quảng Ngãi", district="huyện Đức Phổ",
                                                   province_now="Quảng Ngãi")


def test_seed_003_ward_of_a_provincial_city() -> None:
    assert mentions(S003_SENTENCE) == [("thành phố", "Quảng Ngãi"), ("phường", "Trương Quang Trọng")]
    expected = Place("Quảng Ngãi", "thành phố Quảng Ngãi", "phường Trương Quang Trọng", "Quảng Ngãi",
                     "phường Trương Quang Trọng")
    # vietnamadminunits' own parse_address misses the ward in "phường …, thành phố Quảng Ngãi"
    # without the province; the register itself has it.
    hinted = resolve_place("phường Trương Quang Trọng", district="thành phố Quảng Ngãi", on="2023-03")
    assert hinted == expected
    assert resolve_place("phường Trương Quang Trọng") == expected  # a unique name
    assert resolve_place("thành phố Quảng Ngãi") == Place(
        province="Quảng Ngãi", district="thành phố Quảng Ngãi", province_now="Quảng Ngãi")


def test_seed_004_province() -> None:
    assert mentions(S004_SENTENCE) == [("tỉnh", "Khánh Hòa")]
    assert resolve_place("tỉnh Khánh Hòa") == Place(province="Khánh Hòa", province_now="Khánh Hòa")
    assert resolve_place("tỉnh Khánh Hoà") == Place(province="Khánh Hòa", province_now="Khánh Hòa")
    # Ninh Thuận was merged into Khánh Hòa on 1 July 2025.
    assert resolve_place("tỉnh Ninh Thuận") == Place(province="Ninh Thuận", province_now="Khánh Hòa")


@pytest.mark.parametrize(
    ("seed_name", "quote"),
    [
        ("001_fdb1fc1fd805fa38.txt", S001_DATE_LINE),
        ("001_fdb1fc1fd805fa38.txt", S001_SENTENCE),
        ("000_4cf4f161cf07ae84.txt", S000_DATE_LINE),
        ("000_4cf4f161cf07ae84.txt", S000_TITLE),
        ("002_bac947d54380e2bf.txt", S002_SENTENCE),
        ("002_bac947d54380e2bf.txt", S002_FORMER),
        ("003_70af00815d51f39d.txt", S003_SENTENCE),
        ("004_e8b12205207f2a6d.txt", S004_SENTENCE),
    ],
)
def test_quotes_are_in_the_seeds(seed_name: str, quote: str) -> None:
    text = " ".join(unicodedata.normalize("NFC", seed(seed_name).read_text(encoding="utf-8")).split())
    assert quote in text


# --- post-2025 units from the corpus ---------------------------------------------------------------

def new_unit(province: str, commune: str) -> Place:
    """A commune of the post-2025 register (no district)."""
    return Place(province=province, commune=commune, province_now=province, commune_now=commune)


CORPUS_SENTENCES = [
    # (file under shared/corpus, sentence, date, mentions, the first one resolved with the second as hint)
    ("tnt305_tvpl/3771-QD-UBND__dc1e1584661e6162.txt",
     "(số 16, đường Trường Thi, phường Trường Vinh, tỉnh Nghệ An);", "2025-11",
     [("phường", "Trường Vinh"), ("tỉnh", "Nghệ An")], new_unit("Nghệ An", "phường Trường Vinh")),
    ("tnt305_tvpl/641-TB-VPCP__abca9704d4c889cd.txt",
     "Ủy ban nhân dân phường Hải Châu và làm việc với thành phố Đà Nẵng", "2025-11",
     [("phường", "Hải Châu"), ("thành phố", "Đà Nẵng")], new_unit("Đà Nẵng", "phường Hải Châu")),
    ("tnt305_tvpl/1513-QD-UBND__f411a708bcdcfda7.txt",
     "Kinh Dương Vương, phường Kinh Bắc, tỉnh Bắc Ninh;", "2025-11",
     [("phường", "Kinh Bắc"), ("tỉnh", "Bắc Ninh")], new_unit("Bắc Ninh", "phường Kinh Bắc")),
    ("tnt305_tvpl/1617-QD-UBND__27009faffc98b8aa.txt",
     "Chủ tịch Ủy ban nhân dân các xã, phường và đặc khu Lý Sơn;", "2025-11",
     [("đặc khu", "Lý Sơn")], new_unit("Quảng Ngãi", "đặc khu Lý Sơn")),
]


@pytest.mark.parametrize(("path", "sentence", "on", "found", "place"), CORPUS_SENTENCES)
def test_post_2025_units(path: str, sentence: str, on: str, found: list[tuple[str, str]],
                         place: Place) -> None:
    assert mentions(sentence) == found
    kind, name = found[0]
    hint = found[1][1] if len(found) > 1 else None
    assert resolve_place(f"{kind} {name}", province=hint, on=on) == place


@pytest.mark.parametrize(("path", "sentence"), [(p, s) for p, s, *_ in CORPUS_SENTENCES])
def test_corpus_sentences_are_real(corpus: Path, path: str, sentence: str) -> None:
    text = " ".join(unicodedata.normalize("NFC", (corpus / path).read_text(encoding="utf-8")).split())
    assert sentence in text


def test_date_line_of_a_post_2025_commune() -> None:
    # luongminh_commune/xa-luong-minh__18-11-KH-…: "Lương Minh, ngày 18 tháng 11 năm 2025"
    assert resolve_place("Lương Minh", on="2025-11-18") == new_unit("Quảng Ninh", "xã Lương Minh")
    # The same name in a 2022 text is the old commune of huyện Ba Chẽ.
    assert resolve_place("xã Lương Minh", province="Quảng Ninh", on="2022-12-01") == Place(
        "Quảng Ninh", "huyện Ba Chẽ", "xã Lương Minh", "Quảng Ninh", "xã Lương Minh")


# --- matching rules ----------------------------------------------------------------------------------


def test_fuzzy_match_only_inside_the_hint() -> None:
    hinted = resolve_place("xã Hưng Đọa", district="Bình Gia")
    assert hinted is not None and hinted.commune == "xã Hưng Đạo"
    assert resolve_place("xã Hưng Đọa") is None


def test_upper_case_and_abbreviations() -> None:
    assert resolve_place("TỈNH HÀ TĨNH") == Place(province="Hà Tĩnh", province_now="Hà Tĩnh")
    assert resolve_place("HUYỆN ĐỊNH HÓA") == Place(province="Thái Nguyên", district="huyện Định Hóa",
                                                    province_now="Thái Nguyên")
    assert resolve_place("TP Hồ Chí Minh") == Place(province="Hồ Chí Minh", province_now="Hồ Chí Minh")
    assert resolve_place("Kon Tum") == Place(province="Kon Tum", province_now="Quảng Ngãi")


def test_unknown_unit_keeps_the_hint() -> None:
    assert resolve_place("xã Không Có", province="Hà Tĩnh") == Place(
        province="Hà Tĩnh", commune="xã Không Có", province_now="Hà Tĩnh")
    assert resolve_place("xã Không Có") is None
    # A province under its former name (renamed thành phố Huế on 2025-01-01) is Huế, not the hint's
    # (issue 19, item 6).
    assert resolve_place("tỉnh Thừa Thiên Huế", province="Hà Tĩnh") == Place(province="Huế", province_now="Huế")


@pytest.mark.parametrize(
    ("kind", "name", "on", "level"),
    [
        ("tỉnh", "Hà Tĩnh", "2022-06-03", "province"),
        ("thành phố", "Hà Nội", None, "province"),
        ("Thành phố", "Hồ Chí Minh", "2010-01-01", "province"),
        ("thành phố", "Huế", "2024-12-31", "district"),  # tỉnh Thừa Thiên Huế until then
        ("thành phố", "Huế", "2025-01-01", "province"),
        ("thành phố", "Quảng Ngãi", "2023-03-14", "district"),
        ("thành phố", "Hà Tĩnh", None, "district"),
        ("thị xã", "Hồng Lĩnh", "2022-06-01", "district"),
        ("huyện", "Bình Gia", "2025-02-10", "district"),
        ("quận", "Ba Đình", None, "district"),
        ("xã", "Hưng Đạo", None, "commune"),
        ("phường", "Trương Quang Trọng", None, "commune"),
        ("thị trấn", "Lộc Bình", None, "commune"),
        ("đặc khu", "Lý Sơn", "2025-11-01", "commune"),
    ],
)
def test_level_of_unit(kind: str, name: str, on: str | None, level: str) -> None:
    assert level_of_unit(kind, name, on) == level


def test_level_of_unit_rejects_other_words() -> None:
    with pytest.raises(ValueError):
        level_of_unit("thôn", "Nà Pàn", None)


# --- mentions in running text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", [("tỉnh", "HÀ TĨNH")]),
        ("ĐẢNG BỘ TỈNH THÁI NGUYÊN\nHUYỆN ỦY ĐỊNH HÓA", [("tỉnh", "THÁI NGUYÊN")]),
        ("KẾ HOẠCH THỰC HIỆN DÂN CHỦ Ở CƠ SỞ TRÊN ĐỊA BÀN XÃ HƯNG ĐẠO NĂM 2025", [("xã", "HƯNG ĐẠO")]),
        ("Cộng hòa xã hội chủ nghĩa Việt Nam; Thông tấn xã Việt Nam; hợp tác xã Thành Công", []),
        ("Tỉnh ủy Hà Tĩnh, Huyện Ủy Định Hóa, các huyện, thị xã, thành phố", []),
        ("Quận 1, TP. Hồ Chí Minh", [("quận", "1"), ("thành phố", "Hồ Chí Minh")]),
        ("tỉnh Bà Rịa - Vũng Tàu", [("tỉnh", "Bà Rịa - Vũng Tàu")]),
    ],
)
def test_find_places(text: str, found: list[tuple[str, str]]) -> None:
    assert mentions(text) == found


def test_mention_spans_point_into_the_text() -> None:
    text = "UBND xã Hưng Đạo ban hành"
    (m,) = find_places(text)
    assert text[m.start : m.end] == "xã Hưng Đạo"
    assert (m.kind, m.name) == ("xã", "Hưng Đạo")


def test_read_unit() -> None:
    assert read_unit("tỉnh Hà Tĩnh về việc") == ("tỉnh", "Hà Tĩnh")
    assert read_unit("thị xã") == ("thị xã", None)
    assert read_unit(" Hồng Lĩnh", "thị xã") == ("thị xã", "Hồng Lĩnh")
    assert read_unit("khóa VIII") == (None, None)
