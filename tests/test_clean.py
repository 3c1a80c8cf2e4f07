"""The clean-up rules, on sentences quoted from the seed plans, and the offset map back to them."""

from __future__ import annotations

import unicodedata
from itertools import pairwise
from pathlib import Path

import pytest

from luocdo.ingest.clean import _LOOKALIKES, clean  # the table clean() itself folds look-alikes with
from luocdo.ingest.models import RawText, SourceText
from luocdo.ingest.readers import read_file

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = next(d for d in (ROOT.parent / "shared" / "seeds", ROOT / "data" / "samples") if d.is_dir())
SEEDS = {seed.name[:3]: seed for seed in sorted(SEED_DIR.glob("0*.txt"))}


def cleaned(text: str) -> SourceText:
    return clean(RawText("test", text, "txt", "utf-8"))


def seed_text(seed: str) -> str:
    return SEEDS[seed].read_text(encoding="utf-8")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- markdown, footnote markers -------------------------------------------------------------

@pytest.mark.parametrize(("written", "expected"), [
    ("**TM. ỦY BAN NHÂN DÂN**", "TM. ỦY BAN NHÂN DÂN"),
    ("**TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH**", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"),  # seed 001's signature
    ("“*Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng*”",
     "“Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng”"),
    ("### **5. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - xã hội phường**",
     "5. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - xã hội phường"),
    ("***Nơi nhận:***", "Nơi nhận:"),
    ("định kỳ báo cáo 06 tháng đầu năm gửi **trước ngày 01/6/2023**, báo cáo năm gửi",
     "định kỳ báo cáo 06 tháng đầu năm gửi trước ngày 01/6/2023, báo cáo năm gửi"),
    ("**KẾ HOẠCH**  \n**Thực hiện Quy chế dân chủ ở cơ sở**  ",
     "KẾ HOẠCH\nThực hiện Quy chế dân chủ ở cơ sở"),
])
def test_markdown_emphasis_and_headings_removed(written: str, expected: str) -> None:
    assert cleaned(written).text == expected


def test_no_markdown_left_in_the_markdown_seed() -> None:
    text = clean(read_file(SEEDS["003"])).text
    assert "*" not in text and "#" not in text
    lines = text.splitlines()
    assert "III. TỔ CHỨC THỰC HIỆN" in lines and "Trương Thanh Thảo" in lines


def test_footnote_marker_removed() -> None:
    written = ("a) Tăng cường công tác tuyên truyền, phổ biến, quán triệt và tổ chức triển khai thực hiện "
               "đồng bộ các chủ trương của Đảng, chính sách, pháp luật của Nhà nước, của cấp trên về thực "
               "hiện chủ ở cơ sở¹ gắn với cụ thể hóa nhiệm vụ của cơ quan, đơn vị.")
    assert written in seed_text("001")
    text = cleaned(written).text
    assert "về thực hiện chủ ở cơ sở gắn với cụ thể hóa" in text and "¹" not in text
    note = cleaned("¹ Trọng tâm là: Luật Thực hiện dân chủ ở cơ sở;").text
    assert note == "Trọng tâm là: Luật Thực hiện dân chủ ở cơ sở;"


# --- broken lines -------------------------------------------------------------------------------

def test_sentence_broken_by_a_page_break_in_seed_000_is_rejoined() -> None:
    assert "xây dựng kế\n\nhoạch hoạt động" in seed_text("000")
    text = clean(read_file(SEEDS["000"])).text
    lines = text.splitlines()
    assert "- Ban Thanh tra nhân dân, Ban Giám sát đầu tư cộng đồng xây dựng kế hoạch hoạt động trong năm, " \
           "xác định rõ nhiệm vụ trọng tâm" in text
    assert not any(line.endswith("xây dựng kế") for line in lines)


def test_code_split_across_lines_is_rejoined() -> None:
    written = "Quyết định số 22/2018/QĐ-\nTTg ngày 08/5/2018 của Thủ tướng Chính phủ"
    assert "Quyết định số 22/2018/QĐ-TTg ngày 08/5" in seed_text("000")
    assert cleaned(written).text == "Quyết định số 22/2018/QĐ-TTg ngày 08/5/2018 của Thủ tướng Chính phủ"
    spaced = cleaned("Nghị định số 59/2023/NĐ- \n CP ngày 14/8/2023").text
    assert spaced == "Nghị định số 59/2023/NĐ-CP ngày 14/8/2023"


def test_code_split_across_windows_lines_is_rejoined(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("Quyết định số 22/2018/QĐ-\r\nTTg ngày 08/5/2018\r\n".encode())
    assert clean(read_file(path)).text == "Quyết định số 22/2018/QĐ-TTg ngày 08/5/2018"


def test_list_items_are_not_joined_to_the_line_before() -> None:
    text = clean(read_file(SEEDS["001"])).text
    lines = text.splitlines()
    # "2.1. Nội dung" ⏎⏎ "a) Về công khai …": a line ending in a word, then a lower-case item.
    at = lines.index("2.1. Nội dung")
    assert lines[at + 1] == "a) Về công khai thông tin ở xã"
    written = ("d) Đẩy mạnh thực hiện có hiệu quả việc tiếp xúc, đối thoại giữa người đứng đầu cấp ủy, chính "
               "quyền với Nhân dân trên địa bàn\n\nđ) Tăng cường công tác cải cách hành chính tại cơ sở")
    assert cleaned(written).text.splitlines()[1] == "đ) Tăng cường công tác cải cách hành chính tại cơ sở"
    # …while a sentence that goes on in lower case is joined.
    assert cleaned("theo quy định của\n\npháp luật; tuân thủ").text == "theo quy định của pháp luật; tuân thủ"


def test_page_number_lines_removed() -> None:
    original = seed_text("000")
    paginated = (original
                 .replace("\n\n2. Yêu cầu\n", "\n\n- 2 -\n\n2. Yêu cầu\n", 1)
                 .replace("\n\nII. NỘI DUNG", "\n\nTrang 3/9\n\nII. NỘI DUNG", 1)
                 .replace("xây dựng kế\n\nhoạch", "xây dựng kế\n\n  4  \n\nhoạch", 1))
    assert paginated.count("\n") == original.count("\n") + 6
    text = cleaned(paginated).text
    assert text == cleaned(original).text
    assert "2. Yêu cầu" in text.splitlines()  # a numbered heading is not a page number


# --- characters --------------------------------------------------------------------------------

def test_cyrillic_lookalikes_in_a_code() -> None:
    line = ("Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ về quy định chi tiết một số điều "
            "của Luật thực hiện dân chủ cơ sở;")
    assert line in seed_text("001")
    source = cleaned(line.replace("NĐ-CP", "NĐ-\u0421\u0420"))  # Cyrillic Es, Er
    assert source.text == line
    start = source.text.index("NĐ-CP")
    a, b = source.original_span(start, start + 5)
    assert source.original[a:b] == "NĐ-СР"


def test_full_width_digits_are_read_as_digits() -> None:
    """A PDF font's full-width digits ("１４５/２０２０") are the document number's digits: the
    citation is found and resolved, its span still on the full-width original."""
    from luocdo.ingest.metadata import read_metadata
    from luocdo.ingest.pipeline import extract_from

    line = "KẾ HOẠCH\nVề việc thứ nhất\nCăn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ;"
    wide = line.translate({ord(str(d)): chr(0xFF10 + d) for d in range(10)})
    source = cleaned(wide)
    assert source.text == line
    (cited,) = [c for c in extract_from(source, read_metadata(source)).citations if c.number]
    assert cited.number == "59/2023/NĐ-CP"
    a, b = source.original_span(cited.start, cited.end)
    assert "５９/２０２３/NĐ-CP" in source.original[a:b]


def test_decomposed_input_gives_nfc_text_and_offsets_into_the_original() -> None:
    line = ("Thực hiện Kế hoạch số 191/KH-UBND ngày 03/6/2022 của UBND tỉnh Hà Tĩnh thực hiện quy chế dân "
            "chủ trong hoạt động của cơ quan hành chính nhà nước")
    assert line in seed_text("000")
    decomposed = unicodedata.normalize("NFD", line)
    assert len(decomposed) > len(line)
    source = cleaned(decomposed)
    assert source.text == line
    for citation in ("Kế hoạch số 191/KH-UBND ngày 03/6/2022", "UBND tỉnh Hà Tĩnh"):
        start = source.text.index(citation)
        a, b = source.original_span(start, start + len(citation))
        assert nfc(source.original[a:b]) == citation


def test_decomposed_span_ending_in_an_accented_letter() -> None:
    line = "tuyên truyền, phổ biến Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"
    source = cleaned(unicodedata.normalize("NFD", line))
    citation = "Luật Thực hiện dân chủ ở cơ sở"
    start = source.text.index(citation)
    a, b = source.original_span(start, start + len(citation))
    assert nfc(source.original[a:b]) == citation


def test_match_text_folds_old_tone_placement_only() -> None:
    written = ("Thực hiện Nghị quyết số 15/2024/NQ-HĐND của Hội đồng nhân dân tỉnh Khánh Hoà; Uỷ ban nhân "
               "dân tỉnh ban hành Kế hoạch. UỶ BAN NHÂN DÂN. b) Đa dạng hoá các hình thức thông tin tuyên "
               "truyền; phát huy năng lực, hoàn thành tốt; báo cáo hàng tháng, quý, 6 tháng; thuyết minh")
    source = cleaned(written)
    assert source.text == written  # the text keeps what the document wrote
    assert len(source.match_text) == len(source.text)
    match = source.match_text
    for new in ("tỉnh Khánh Hòa;", "Ủy ban nhân dân", "ỦY BAN NHÂN DÂN", "Đa dạng hóa các"):
        assert new in match
    for same in ("hoàn thành", "quý, 6 tháng", "thuyết minh"):
        assert same in match
    assert "Hoà" not in match and "Uỷ" not in match and "hoá" not in match


# --- properties over every seed -------------------------------------------------------------------

def _source_char(original: str, at: int) -> str:
    """The character at ``at`` with its combining marks, as NFC with look-alikes folded."""
    end = at + 1
    while end < len(original) and unicodedata.combining(original[end]):
        end += 1
    return nfc(original[at:end]).translate(_LOOKALIKES)


def assert_maps_back(source: SourceText) -> None:
    offsets = source.offsets
    assert len(offsets) == len(source.text) + 1 and offsets[-1] == len(source.original)
    assert all(a <= b for a, b in pairwise(offsets))
    for i, ch in enumerate(source.text):
        found = _source_char(source.original, offsets[i])
        assert ch in found or (ch.isspace() and found.isspace()), (
            f"text[{i}]={ch!r} maps to {found!r} in …{source.original[offsets[i] - 20:offsets[i] + 20]!r}…")


@pytest.mark.parametrize("seed", sorted(SEEDS))
@pytest.mark.parametrize("form", ["as written", "NFD", "CRLF"])
def test_every_character_maps_to_an_equal_original_character(seed: str, form: str) -> None:
    text = seed_text(seed)
    if form == "NFD":
        text = unicodedata.normalize("NFD", text)
    elif form == "CRLF":
        text = text.replace("\n", "\r\n")
    source = cleaned(text)
    assert source.text and unicodedata.is_normalized("NFC", source.text)
    assert len(source.match_text) == len(source.text)
    assert_maps_back(source)


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_decomposed_seed_cleans_to_the_same_text(seed: str) -> None:
    text = seed_text(seed)
    assert cleaned(unicodedata.normalize("NFD", text)).text == cleaned(text).text


def test_the_map_back_is_kept_as_runs_not_an_int_per_character() -> None:
    """Issue 17, item 8: a long text with a few changes keeps a few runs, and every position
    still maps exactly (the seeds' per-character checks above hold it to each character)."""
    line = "Căn cứ Nghị định số 145/2020/NĐ-CP  của Chính phủ;\n"
    source = cleaned(line * 20_000 + "hoà  bình\n")  # 1 MB; the double spaces are squeezed
    assert source.text.count("  ") == 0 and source.match_text.endswith("hòa bình")
    assert len(source.offsets) == len(source.text) + 1
    assert source.offsets.runs < 3 * 20_000 + 10  # a run per change, not per character
    assert_maps_back(cleaned(line * 50 + "Ủy ban  nhân dân\n"))
    at = source.match_text.index("hòa")
    assert source.original[source.offsets[at]:source.offsets[at] + 3] == "hoà"
