"""Issuers: phrases in documents and codes in document symbols (ingest/issuers.py, data/issuers.csv).

Phrases are quoted from the seed plans (data/samples) and headers from the corpus texts vendored
in tests/corpus/, each with its file.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from importlib.resources import files
from pathlib import Path

import pytest

from luocdo.ingest.issuers import Issuer, issuer_from_code, parse_issuer
from luocdo.ingest.models import Place
from luocdo.ingest.places import resolve_place

HA_TINH = Place(province="Hà Tĩnh", province_now="Hà Tĩnh")
HONG_LINH = Place(province="Hà Tĩnh", district="thị xã Hồng Lĩnh", province_now="Hà Tĩnh")
DUC_PHO = Place(province="Quảng Ngãi", district="thị xã Đức Phổ", province_now="Quảng Ngãi")
KHANH_HOA = Place(province="Khánh Hòa", province_now="Khánh Hòa")
HUNG_DAO = Place("Lạng Sơn", "huyện Bình Gia", "xã Hưng Đạo", "Lạng Sơn", "xã Hoa Thám")
TRUONG_QUANG_TRONG = Place("Quảng Ngãi", "thành phố Quảng Ngãi", "phường Trương Quang Trọng", "Quảng Ngãi",
                           "phường Trương Quang Trọng")


# --- the seeds: the document's own place comes from its date line or title ----------------------------


def test_seed_001_commune_issuer_and_the_district_it_cites() -> None:
    # 001_fdb1fc1fd805fa38.txt: "Hung Đạo, ngày tháng 02 năm 2025" … "của Ủy ban nhân dân huyện Bình Gia
    # về thực hiện …, UBND xã Hưng Đạo ban hành Kế hoạch"
    context = resolve_place("Hung Đạo", district="huyện Bình Gia", on="2025-02")
    assert context == HUNG_DAO
    assert parse_issuer("UBND xã Hưng Đạo", context=context, on="2025-02") == Issuer(
        "UBND xã Hưng Đạo", "UBND", "state", "commune", HUNG_DAO)
    assert parse_issuer("Ủy ban nhân dân huyện Bình Gia", context=context, on="2025-02-10") == Issuer(
        "UBND huyện Bình Gia", "UBND", "state", "district",
        Place(province="Lạng Sơn", district="huyện Bình Gia", province_now="Lạng Sơn"))


def test_seed_000_town_issuer_from_context() -> None:
    # 000_4cf4f161cf07ae84.txt: "Hồng Lĩnh, ngày tháng 6 năm 2022" …
    # "Ủy ban nhân dân thị xã ban hành Kế hoạch"
    context = resolve_place("Hồng Lĩnh", on="2022-06")
    assert parse_issuer("Ủy ban nhân dân thị xã", context=context, on="2022-06") == Issuer(
        "UBND thị xã Hồng Lĩnh", "UBND", "state", "district", HONG_LINH)
    # "Kế hoạch số 191/KH-UBND ngày 03/6/2022 của UBND tỉnh Hà Tĩnh"
    assert parse_issuer("UBND tỉnh Hà Tĩnh", on="2022-06-03") == Issuer(
        "UBND tỉnh Hà Tĩnh", "UBND", "state", "province", HA_TINH)
    # "Chỉ thị số 16/CT-UBND ngày 17/7/2015 của UBND tỉnh": the province of the town
    assert parse_issuer("UBND tỉnh", context=context) == Issuer("UBND tỉnh Hà Tĩnh", "UBND", "state",
                                                                "province", HA_TINH)
    # "Quyết định số 232-QĐ/ThU ngày 23/3/2022 của Thị ủy Hồng Lĩnh"
    assert parse_issuer("Thị ủy Hồng Lĩnh", on="2022-03-23") == Issuer(
        "Thị ủy Hồng Lĩnh", "ThU", "party", "district", HONG_LINH)
    # "Nghị quyết số 02-NQ/TU ngày 12/5/2017 của Ban Chấp hành Đảng bộ tỉnh"
    assert parse_issuer("Ban Chấp hành Đảng bộ tỉnh", context=context) == Issuer(
        "Ban Chấp hành Đảng bộ tỉnh Hà Tĩnh", "TU", "party", "province", HA_TINH)
    # "Kết luận số 29-KL/TU ngày 22/7/2021 của Ban Thường vụ Tỉnh ủy"
    assert parse_issuer("Ban Thường vụ Tỉnh ủy", context=context) == Issuer(
        "Ban Thường vụ Tỉnh ủy Hà Tĩnh", "TU", "party", "province", HA_TINH)
    assert parse_issuer("BCH Đảng bộ thị xã", context=context) == Issuer(
        "Ban Chấp hành Đảng bộ thị xã Hồng Lĩnh", "ThU", "party", "district", HONG_LINH)


@pytest.mark.parametrize(
    ("phrase", "name", "organ"),
    [
        # 000_4cf4f161cf07ae84.txt, the list of documents it implements
        ("Bộ Chính trị khóa VIII", "Bộ Chính trị", "TW"),
        ("Ban Chấp hành Trung ương Đảng (khóa XI)", "Ban Chấp hành Trung ương Đảng", "TW"),
        ("Thủ tướng Chính phủ", "Thủ tướng Chính phủ", "TTg"),
        ("Chính phủ", "Chính phủ", "CP"),
        ("Bộ trưởng Bộ Nội vụ", "Bộ Nội vụ", "BNV"),
        ("Ủy ban Thường vụ Quốc hội", "Ủy ban Thường vụ Quốc hội", "UBTVQH"),
        # 002_bac947d54380e2bf.txt: "Kết luận số 43-KL/TW ngày 07/01/2019 của Ban Bí thư"
        ("Ban Bí thư", "Ban Bí thư", "TW"),
        # 003_70af00815d51f39d.txt: "của Ủy ban thường vụ Quốc hội" (lower-case t)
        ("Ủy ban thường vụ Quốc hội", "Ủy ban Thường vụ Quốc hội", "UBTVQH"),
        ("Uỷ ban Thường vụ Quốc hội khóa XI", "Ủy ban Thường vụ Quốc hội", "UBTVQH"),
    ],
)
def test_national_issuers(phrase: str, name: str, organ: str) -> None:
    issuer = parse_issuer(phrase)
    assert issuer is not None
    assert (issuer.name, issuer.organ, issuer.level, issuer.place) == (name, organ, "national", None)


def test_seed_002_party_committee_of_the_town() -> None:
    # 002_bac947d54380e2bf.txt: "Ban Thường vụ Thị ủy ban hành kế hoạch …" and
    # "hệ thống chính trị thị xã Đức Phổ"
    context = resolve_place("thị xã Đức Phổ")
    assert parse_issuer("Ban Thường vụ Thị ủy", context=context, on="2020-06") == Issuer(
        "Ban Thường vụ Thị ủy Đức Phổ", "ThU", "party", "district", DUC_PHO)
    # A Thị ủy is not the committee of a huyện: the context does not apply.
    binh_gia = resolve_place("huyện Bình Gia")
    assert parse_issuer("Thị ủy", context=binh_gia) == Issuer("Thị ủy", "ThU", "party", "district", None)


def test_seed_003_ward_and_its_province() -> None:
    # 003_70af00815d51f39d.txt: "UBND phường Trương Quang Trọng xây dựng Kế hoạch", and "Công văn số
    # 5451/UBND-CNXD, ngày 10/9/2018 của Chủ tịch Ủy ban nhân dân tỉnh"
    context = resolve_place("phường Trương Quang Trọng", on="2023")
    assert parse_issuer("UBND phường Trương Quang Trọng", context=context, on="2023-03") == Issuer(
        "UBND phường Trương Quang Trọng", "UBND", "state", "commune", TRUONG_QUANG_TRONG)
    quang_ngai = Place(province="Quảng Ngãi", province_now="Quảng Ngãi")
    assert parse_issuer("Chủ tịch Ủy ban nhân dân tỉnh", context=context) == Issuer(
        "Chủ tịch UBND tỉnh Quảng Ngãi", "CTUBND", "state", "province", quang_ngai)
    assert parse_issuer("UBND thành phố Quảng Ngãi", context=context, on="2023-03-14") == Issuer(
        "UBND thành phố Quảng Ngãi", "UBND", "state", "district",
        Place(province="Quảng Ngãi", district="thành phố Quảng Ngãi", province_now="Quảng Ngãi"))
    # "Kế hoạch số 06-KH/BCĐ … của Ban chỉ đạo": no unit named, so the level "from context" (the
    # document's own unit; a guess when the citing plan implements a superior's).
    assert parse_issuer("Ban chỉ đạo", context=context) == Issuer(
        "Ban Chỉ đạo phường Trương Quang Trọng", "BCĐ", "party", "commune", TRUONG_QUANG_TRONG)
    assert parse_issuer("Ban chỉ đạo") == Issuer("Ban Chỉ đạo", "BCĐ", "party", None, None)
    # A bare symbol code, as in "Số: /KH-UBND", works the same way.
    assert parse_issuer("UBND", context=context) == Issuer(
        "UBND phường Trương Quang Trọng", "UBND", "state", "commune", TRUONG_QUANG_TRONG)


def test_seed_004_province_from_the_title() -> None:
    # 004_e8b12205207f2a6d.txt: "… trên địa bàn tỉnh Khánh Hòa …; Ủy ban nhân dân tỉnh ban hành Kế hoạch"
    context = resolve_place("tỉnh Khánh Hòa")
    assert parse_issuer("Ủy ban nhân dân tỉnh", context=context) == Issuer(
        "UBND tỉnh Khánh Hòa", "UBND", "state", "province", KHANH_HOA)
    assert parse_issuer("Hội đồng nhân dân tỉnh", context=context) == Issuer(
        "HĐND tỉnh Khánh Hòa", "HĐND", "state", "province", KHANH_HOA)


def test_bare_symbol_codes_with_the_document_place() -> None:
    # "Kế hoạch số 05-KH/ThU" in the Hồng Lĩnh plan (000_4cf4f161cf07ae84.txt)
    thu = Issuer("Thị ủy Hồng Lĩnh", "ThU", "party", "district", HONG_LINH)
    assert parse_issuer("ThU", context=HONG_LINH) == thu
    hdnd = Issuer("HĐND tỉnh Khánh Hòa", "HĐND", "state", "province", KHANH_HOA)
    assert parse_issuer("HDND", context=KHANH_HOA) == hdnd
    qh = parse_issuer("QH15")
    assert qh is not None and (qh.name, qh.level) == ("Quốc hội", "national")
    assert parse_issuer("TƯ", context=HA_TINH) is None  # central or provincial: only the header can tell


def test_a_symbol_names_its_organ_before_the_unit_that_wrote_it() -> None:
    """The issuer code of a symbol is its last part that names an organ: "TTr-SXD-BTKT" is Sở Xây
    dựng's (its unit BTKT after it), "STP-VB" a letter of Sở Tư pháp, "BTC-TCCB" the Ministry of
    Finance's, cited with or without the words that name it (one id either way)."""
    from luocdo.ingest.resolve import document_id, issuer_key

    ho_chi_minh = Place(province="Hồ Chí Minh", province_now="Hồ Chí Minh")

    def id_of(number: str, phrase: str | None, on: str) -> str:
        from luocdo.ingest.issuers import issuer_code  # the code a citation without words falls back to

        issuer = parse_issuer(phrase or issuer_code(number) or "", context=ho_chi_minh, on=on)
        return document_id(number, issuer, on)

    # 2828/QĐ-UBND (Hồ Chí Minh): "Theo đề nghị của Sở ⏎ Xây dựng tại Tờ trình số 14634/TTr-SXD-BTKT
    # ngày 04 tháng 11 năm 2025 và ý kiến của Sở Tư pháp tại Công văn số 4297/STP-VB ngày 29 tháng 9 năm 2025."
    assert id_of("14634/TTr-SXD-BTKT", None, "2025-11-04") == "14634/TTr-SXD-BTKT@sxd-ho-chi-minh@2025"
    assert id_of("4297/STP-VB", None, "2025-09-29") == "4297/STP-VB@stp-ho-chi-minh@2025"
    # a ministry's letter, "Công văn số 17899/BTC-TCCB ngày … của Bộ Tài chính" or without "của …"
    assert id_of("17899/BTC-TCCB", "Bộ Tài chính", "2025-11-20") == id_of("17899/BTC-TCCB", None, "2025-11-20") \
        == "17899/BTC-TCCB@2025"
    assert issuer_key(parse_issuer("SNNMT", context=ho_chi_minh)) == "snnmt-ho-chi-minh"
    # an old symbol of one part, with or without "của Chính phủ" (158/2025/NĐ-CP: "Nghị định số 12/CP
    # ngày 26 tháng 01 năm 1995")
    assert id_of("12/CP", "Chính phủ", "1995-01-26") == id_of("12/CP", None, "1995-01-26") == "12/CP@1995"
    # … and the State's older form, a hyphen and no slash (johnpa02_tvpl/Nghi-dinh-61-CP: its title "NGHỊ
    # ĐỊNH CỦA CHÍNH PHỦ SỐ 61-CP NGÀY 05 THÁNG 7 NĂM 1994"; Chi-thi-299-TTg: "Quyết định số 169-CP")
    assert id_of("61-CP", "Chính phủ", "1994-07-05") == id_of("61-CP", None, "1994-07-05") == "61-CP@1994"
    assert id_of("30-CT/TW", None, "2024-01-01") == "30-CT/TW@2024"  # a party number keeps its form
    # a committee of the National Assembly, its code and the term (1660/NQ-UBTVQH15: "Báo cáo thẩm tra số
    # 418/BC-UBPLTP15 ngày 03 tháng 6 năm 2025 của Ủy ban Pháp luật và Tư pháp")
    assert id_of("418/BC-UBPLTP15", "Ủy ban Pháp luật và Tư pháp", "2025-06-03") \
        == id_of("418/BC-UBPLTP15", None, "2025-06-03") == "418/BC-UBPLTP15@2025"
    committee = issuer_from_code("UBPLTP15")
    assert committee is not None and (committee.name, committee.term) == ("Ủy ban Pháp luật và Tư pháp", 15)


def test_a_named_unit_is_never_replaced_by_the_context() -> None:
    assert parse_issuer("UBND tỉnh Thừa Thiên Huế", context=HA_TINH, on="2020-01-01") == Issuer(
        "UBND tỉnh Thừa Thiên Huế", "UBND", "state", "province",
        Place(province="Huế", province_now="Huế"))  # the register's name for it (issue 19, item 6)
    assert parse_issuer("UBND xã Hưng Đạo", context=HONG_LINH) == Issuer(
        "UBND xã Hưng Đạo", "UBND", "state", "commune",
        Place(province="Hà Tĩnh", district="thị xã Hồng Lĩnh", commune="xã Hưng Đạo", province_now="Hà Tĩnh"))


def test_plural_bodies_are_not_an_issuer() -> None:
    assert parse_issuer("UBND các huyện, thị xã, thành phố") is None
    assert parse_issuer("về việc ban hành kế hoạch") is None


# --- headers, upper case, line breaks ---------------------------------------------------------------


def test_two_line_party_header_takes_the_province_from_line_one() -> None:
    # admin_reform.md §4.3 rule 6
    assert parse_issuer("ĐẢNG BỘ TỈNH THÁI NGUYÊN\nHUYỆN ỦY ĐỊNH HÓA") == Issuer(
        "Huyện ủy Định Hóa", "HU", "party", "district",
        Place(province="Thái Nguyên", district="huyện Định Hóa", province_now="Thái Nguyên"))
    assert parse_issuer("ĐẢNG BỘ TỈNH THÁI NGUYÊN") == Issuer(
        "Đảng bộ tỉnh Thái Nguyên", "TU", "party", "province",
        Place(province="Thái Nguyên", province_now="Thái Nguyên"))
    assert parse_issuer("UBND TỈNH QUẢNG BÌNH\nSỞ NỘI VỤ") == Issuer(
        "Sở Nội vụ tỉnh Quảng Bình", "SNV", "state", "province",
        Place(province="Quảng Bình", province_now="Quảng Trị"))


def test_city_party_committees_by_level() -> None:
    hanoi = parse_issuer("Thành ủy Hà Nội")
    vinh = parse_issuer("Thành ủy Vinh", on="2020-01-01")
    assert hanoi is not None and (hanoi.organ, hanoi.level) == ("TU", "province")
    assert vinh is not None and (vinh.organ, vinh.level) == ("ThU", "district")
    assert vinh.place == Place(province="Nghệ An", district="thành phố Vinh", province_now="Nghệ An")


CORPUS_HEADERS = [
    # (file under shared/corpus, header block as printed, date of the document, name, organ, level, province)
    ("tnt305_tvpl/01763-QD-UBND__b1bac569be973504.txt", "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU", "2025-11-18",
     "UBND tỉnh Cà Mau", "UBND", "province", "Cà Mau"),
    ("tnt305_tvpl/1490-QD-UBND__80bb1f677e7d4d75.txt", "ỦY BAN NHÂN\nDÂN\nTỈNH BẮC NINH", "2025-11-18",
     "UBND tỉnh Bắc Ninh", "UBND", "province", "Bắc Ninh"),
    ("tnt305_tvpl/72-2025-NQ-HDND__8983091b5c6598d8.txt", "HỘI ĐỒNG NHÂN\nDÂN\nTHÀNH PHỐ HÀ NỘI",
     "2025-11-27", "HĐND thành phố Hà Nội", "HĐND", "province", "Hà Nội"),
    ("tnt305_tvpl/82-2025-QD-UBND__77de0148105d5008.txt", "ỦY BAN NHÂN DÂN\n\nTHÀNH PHỐ ĐÀ NẴNG",
     "2025-11-21", "UBND thành phố Đà Nẵng", "UBND", "province", "Đà Nẵng"),
    ("tnt305_tvpl/122-2025-QD-UBND__606d5f203dec293b.txt", "ỦY BAN NHÂN DÂN\n\nTHÀNH PHỐ HUẾ", "2025-11-24",
     "UBND thành phố Huế", "UBND", "province", "Huế"),
    ("tnt305_tvpl/145-2025-QD-UBND__5c600e2251eec56f.txt", "ỦY BAN NHÂN DÂN\n\nTỈNH THANH HOÁ", "2025-11-20",
     "UBND tỉnh Thanh Hóa", "UBND", "province", "Thanh Hóa"),
    ("tnt305_tvpl/2926-QD-UBND__e7792cccbca70a64.txt", "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU", "2025-11-19",
     "UBND tỉnh Lai Châu", "UBND", "province", "Lai Châu"),
    ("tnt305_tvpl/2873-QD-UBND__e7cd8d423108e103.txt", "ỦY BAN NHÂN DÂN\n\nTỈNH HÀ TĨNH", "2025-11-19",
     "UBND tỉnh Hà Tĩnh", "UBND", "province", "Hà Tĩnh"),
    ("tnt305_tvpl/144-2025-QD-CTUBND__55d7a47de4f0ccee.txt", "CHỦ TỊCH ỦY\nBAN NHÂN DÂN\nTỈNH ĐỒNG THÁP",
     "2025-12-02", "Chủ tịch UBND tỉnh Đồng Tháp", "CTUBND", "province", "Đồng Tháp"),
    ("tnt305_tvpl/212-KL-TW__53b3997d70905b16.txt", "BAN\nCHẤP HÀNH TRUNG ƯƠNG", "2025-11-18",
     "Ban Chấp hành Trung ương Đảng", "TW", "national", None),
    ("tnt305_tvpl/432-TB-VPTW__b3f47f1508761da8.txt", "BAN CHẤP HÀNH\nTRUNG ƯƠNG\nVĂN PHÒNG", "2025-11-26",
     "Văn phòng Trung ương Đảng", "VPTW", "national", None),
    ("tnt305_tvpl/4831-QD-BNNMT__fcf5e41bf354281b.txt", "BỘ NÔNG NGHIỆP\nVÀ MÔI TRƯỜNG", "2025-11-17",
     "Bộ Nông nghiệp và Môi trường", "BNNMT", "national", None),
    ("tnt305_tvpl/4385-QD-BVHTTDL__448306af3d3a91f7.txt", "BỘ VĂN HÓA, THỂ\nTHAO\nVÀ DU LỊCH", "2025-11-18",
     "Bộ Văn hóa, Thể thao và Du lịch", "BVHTTDL", "national", None),
    ("tnt305_tvpl/220-CD-TTg__344b9eec106a648a.txt", "THỦ\nTƯỚNG CHÍNH PHỦ", "2025-11-18",
     "Thủ tướng Chính phủ", "TTg", "national", None),
    ("luongminh_commune/tvpl-htm__101-2025-UBTVQH15-678562.txt", "ỦY BAN THƯỜNG VỤ\nQUỐC HỘI", "2025-09-26",
     "Ủy ban Thường vụ Quốc hội", "UBTVQH", "national", None),
    ("luongminh_commune/tvpl-htm__99-2025-NQ-HDND-685704.txt", "HỘI ĐỒNG NHÂN DÂN\nTỈNH QUẢNG NINH",
     "2025-12-16", "HĐND tỉnh Quảng Ninh", "HĐND", "province", "Quảng Ninh"),
    # A post-2025 commune (the file itself is in decomposed Unicode).
    ("luongminh_commune/xa-luong-minh__18-11-KH-thuc-hien-cong-tac-bau-cu-Luong-Minh.txt",
     "ỦY BAN MTTQ VIỆT NAM\n\nXÃ LƯƠNG MINH\n\nBAN THƯỜNG TRỰC", "2025-11-18",
     "Ủy ban MTTQ Việt Nam xã Lương Minh", "MTTQ", "commune", "Quảng Ninh"),
]


@pytest.mark.parametrize(("path", "header", "on", "name", "organ", "level", "province"), CORPUS_HEADERS)
def test_corpus_headers(path: str, header: str, on: str, name: str, organ: str, level: str,
                        province: str | None) -> None:
    issuer = parse_issuer(header, on=on)
    assert issuer is not None
    assert (issuer.name, issuer.organ, issuer.level) == (name, organ, level)
    assert (issuer.place.province if issuer.place else None) == province
    if level == "province":
        assert issuer.place == Place(province=province, province_now=province)  # post-2025 names


def _header_block(text: str) -> str:
    """The issuer block of a header: the lines before the first rule, "*", "Số" or "CỘNG HÒA"."""
    lines = []
    for line in unicodedata.normalize("NFC", text).splitlines():
        s = line.strip()
        if re.fullmatch(r"[-*_]+", s) or s.startswith("Số") or s.upper().startswith("CỘNG"):
            break
        lines.append(s)
    return " ".join(" ".join(lines).split())


@pytest.mark.parametrize(("path", "header"), [(p, h) for p, h, *_ in CORPUS_HEADERS])
def test_corpus_headers_are_real(corpus: Path, path: str, header: str) -> None:
    assert _header_block((corpus / path).read_text(encoding="utf-8")) == " ".join(header.split())


# --- codes in symbols -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "canonical", "branch", "level", "term"),
    [
        ("UBND", "UBND", "state", "context", None),  # 191/KH-UBND
        ("HĐND", "HĐND", "state", "context", None),  # 15/2024/NQ-HĐND
        ("HDND", "HĐND", "state", "context", None),  # ASCII spelling in file names
        ("BCĐ", "BCĐ", "party", "context", None),  # 06-KH/BCĐ
        ("TTg", "TTg", "state", "national", None),  # 33/CT-TTg
        ("CP", "CP", "state", "national", None),  # 04/2015/NĐ-CP
        ("BNV", "BNV", "state", "national", None),  # 01/2016/TT-BNV
        ("QH15", "QH", "state", "national", 15),  # 10/2022/QH15
        ("UBTVQH11", "UBTVQH", "state", "national", 11),  # 34/2007/PL-UBTVQH11
        ("TW", "TW", "party", "national", None),  # 30-CT/TW
        ("T.Ư", "TW", "party", "national", None),  # "Chỉ thị 30-CT/T.Ư"
        ("TƯ", "TƯ", "party", "context", None),  # 445-KL/TƯ is provincial: read the header
        ("TU", "TU", "party", "province", None),  # 1231-KL/TU
        ("ThU", "ThU", "party", "district", None),  # 05-KH/ThU
        ("HU", "HU", "party", "district", None),
        ("ĐU", "ĐU", "party", "commune", None),
        ("VPTW", "VPTW", "party", "national", None),  # 36-HD/VPTW
        ("BTCTW", "BTCTW", "party", "national", None),  # 31-HD/BTCTW
        ("UBND-NC", "UBND", "state", "context", None),  # công văn 1467/UBND-NC
    ],
)
def test_issuer_from_code(code: str, canonical: str, branch: str, level: str, term: int | None) -> None:
    found = issuer_from_code(code)
    assert found is not None
    assert (found.code, found.branch, found.level, found.term) == (canonical, branch, level, term)
    assert found.source


def test_codes_name_their_organs_and_validity() -> None:
    tw = issuer_from_code("TW")
    thu = issuer_from_code("ThU")
    assert tw is not None and tw.names == ("Ban Chấp hành Trung ương Đảng", "Bộ Chính trị", "Ban Bí thư",
                                           "Đại hội đại biểu toàn quốc")
    assert thu is not None and thu.valid_to == "2025-06-30" and "Thị ủy" in thu.names
    assert issuer_from_code("XYZ") is None


def test_issuers_csv_is_well_formed() -> None:
    with (files("luocdo.data") / "issuers.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 40
    assert len({(r["code"], r["name"]) for r in rows}) == len(rows)
    for r in rows:
        assert r["branch"] in {"state", "party", "mass"}, r
        assert r["level"] in {"national", "province", "district", "commune", "context"}, r
        assert r["source"].strip(), r
        for date in (r["valid_from"], r["valid_to"]):
            assert not date or re.fullmatch(r"\d{4}-\d{2}-\d{2}", date), r
        assert not r["series"] or r["series"] in {row["code"] for row in rows}, r  # a series is an organ's code


# The header of tnt305_tvpl/77-2025-NQ-HDND (a resolution of Hà Nội's council), then its sentence
# naming two reports of the council's legal committee, one with the issuer, one without.
_HA_NOI_RESOLUTION = (
    "HỘI ĐỒNG NHÂN\nDÂN\nTHÀNH PHỐ HÀ NỘI\n-------\n\nSố: 77/2025/NQ-HĐND\n\nHà Nội, ngày 27 tháng 11 năm 2025\n\n"
    "NGHỊ QUYẾT\n\nXét Tờ trình số 443/TTr-UBND ngày 24 tháng 11 năm 2025 của UBND Thành phố; Báo cáo thẩm tra số "
    "116/BC-BPC ngày 22 tháng 11 năm 2025 và Báo cáo thẩm tra số 122/BC-BPC ngày 25 tháng 11 năm 2025 của Ban Pháp "
    "chế Hội đồng nhân dân Thành phố; Báo cáo thẩm tra số 97/BC-BVHXH ngày 23 tháng 11 năm 2025 của Ban\nVăn hóa - "
    "Xã hội Hội đồng nhân dân Thành phố;\n")


@pytest.mark.parametrize(
    ("phrase", "organ"),
    [("Ban Pháp chế Hội đồng nhân dân Thành phố", "BPC"), ("Ban Kinh tế ngân sách", "KTNS"),
     ("Ban Kinh tế - Ngân sách Hội đồng nhân dân Thành phố", "KTNS"), ("Ban Văn hóa - Xã hội HĐND Thành phố", "BVHXH"),
     ("Ban Đô thị Hội đồng nhân dân Thành phố", "BĐT"), ("BPC", "BPC"), ("Hội đồng nhân dân Thành phố", "HĐND")],
)
def test_a_councils_committee_is_its_own_issuer_at_the_councils_place(phrase: str, organ: str) -> None:
    # tnt305_tvpl 48-, 54-, 57-, 58-, 64-, 72-2025-NQ-HDND (Hà Nội): committees named before their council
    issuer = parse_issuer(phrase, context=Place(province="Hà Nội"), on="2025-11-25")
    assert issuer is not None and (issuer.organ, issuer.level, issuer.place) == (organ, "province",
                                                                                Place(province="Hà Nội"))


def test_a_committees_reports_have_one_id_with_or_without_the_issuer(tmp_path: Path) -> None:
    from luocdo.ingest.pipeline import extract

    path = tmp_path / "77-2025-NQ-HDND.txt"
    path.write_text(_HA_NOI_RESOLUTION, encoding="utf-8")
    targets = {c.number: c.target for c in extract(path).citations if c.number and "/BC-" in c.number}
    assert targets == {"116/BC-BPC": "116/BC-BPC@bpc-ha-noi@2025", "122/BC-BPC": "122/BC-BPC@bpc-ha-noi@2025",
                       "97/BC-BVHXH": "97/BC-BVHXH@bvhxh-ha-noi@2025"}


def test_a_committees_report_in_the_councils_series_keeps_the_councils_id(tmp_path: Path) -> None:
    # tvpl-htm 99-2025-NQ-HDND (Quảng Ninh): the committee numbers its report in the council's series
    from luocdo.ingest.pipeline import extract

    path = tmp_path / "99-2025-NQ-HDND.txt"
    path.write_text("HỘI ĐỒNG NHÂN DÂN\nTỈNH QUẢNG NINH\n\nSố: 99/2025/NQ-HĐND\n\nNGHỊ QUYẾT\n\nXét Tờ trình số "
                    "1/TTr-UBND ngày 01 tháng 12 năm 2025 của Ủy ban nhân dân tỉnh; Báo cáo thẩm tra số 292/BC-HĐND "
                    "ngày 08 tháng 12 năm 2025 của Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh;\n", encoding="utf-8")
    (report,) = [c for c in extract(path).citations if c.number == "292/BC-HĐND"]
    assert report.target == "292/BC-HĐND@hdnd-quang-ninh@2025"
