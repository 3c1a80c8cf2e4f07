"""Readers on real files: every seed as .docx, .pdf and .html, and the bad inputs users send."""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from luocdo.ingest.clean import clean
from luocdo.ingest.models import RawText, ReadError
from luocdo.ingest.readers import MAX_FILE_BYTES, READERS, read_file

try:  # tests/ imported as a package or as a plain folder on sys.path
    from . import docgen
except ImportError:
    import docgen  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = next(d for d in (ROOT.parent / "shared" / "seeds", ROOT / "data" / "samples") if d.is_dir())
SEEDS = sorted(SEED_DIR.glob("0*.txt"))
SEED_BY_ID = {seed.name[:3]: seed for seed in SEEDS}
SEED_IDS = list(SEED_BY_ID)


def flat(text: str) -> str:
    return " ".join(text.split())


def footnotes_last(text: str) -> str:
    """The seed with its footnote lines ("¹ Trọng tâm là: …") moved to the end.

    A .txt made from a PDF has a footnote where the page ended; a .docx footnote has no place in
    the flow, and the reader puts it after the body.
    """
    lines = text.splitlines()
    notes = [line for line in lines if docgen.FOOTNOTE_LINE.match(line)]
    return "\n".join([line for line in lines if line not in notes] + notes)


@pytest.fixture(scope="module")
def font() -> dict[str, Path]:
    found = docgen.find_unicode_font()
    if found is None:
        pytest.skip("no DejaVu Sans TTF on this machine: cannot write Vietnamese into a PDF")
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Each seed written once as .docx and .html."""
    folder = tmp_path_factory.mktemp("seeds")
    out: dict[str, dict[str, Path]] = {}
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        out[seed.name[:3]] = {
            ".txt": seed,
            ".docx": docgen.make_docx(text, folder / f"{seed.stem}.docx"),
            ".html": docgen.make_html(text, folder / f"{seed.stem}.html"),
        }
    return out


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory, font: dict[str, Path]) -> dict[str, Path]:
    """Each seed written once as a PDF."""
    folder = tmp_path_factory.mktemp("pdfs")
    return {seed.name[:3]: docgen.make_pdf(seed.read_text(encoding="utf-8"), folder / f"{seed.stem}.pdf",
                                           font)
            for seed in SEEDS}


def cleaned(path: Path) -> str:
    return clean(read_file(path)).text


def seed_cleaned(path: Path, footnotes_at_end: bool = False) -> str:
    raw = read_file(path)
    if footnotes_at_end:
        raw = replace(raw, text=footnotes_last(raw.text))
    return clean(raw).text


# --- every seed in every format gives the text of the .txt ----------------------------------

def test_there_are_seeds() -> None:
    assert len(SEEDS) == 5


@pytest.mark.parametrize("seed", SEED_IDS)
def test_docx_gives_the_txt_text_line_for_line(built: dict[str, dict[str, Path]], seed: str) -> None:
    files = built[seed]
    raw = read_file(files[".docx"])
    assert (raw.format, raw.encoding) == ("docx", "docx")
    # Paragraph for paragraph, not just the same words: one seed line became one Word paragraph.
    assert clean(raw).text == seed_cleaned(files[".txt"], footnotes_at_end=True)


@pytest.mark.parametrize("seed", SEED_IDS)
def test_pdf_gives_the_txt_text(pdfs: dict[str, Path], seed: str) -> None:
    raw = read_file(pdfs[seed])
    assert raw.format == "pdf"
    assert "\f" in raw.text  # several pages, each ending in its page number
    expected = seed_cleaned(SEED_BY_ID[seed])
    text = clean(raw).text
    assert flat(text) == flat(expected)
    assert not re.search(r"(?m)^\d{1,3}$", text)  # the page numbers are gone
    # Lines wrapped by the PDF are joined back into paragraphs: nearly every paragraph of the
    # .txt is a whole line of the PDF's text (the rest keep a break after ";", ":" or ".").
    lines = set(text.splitlines())
    expected_lines = expected.splitlines()
    found = sum(line in lines for line in expected_lines)
    assert found >= 0.85 * len(expected_lines), f"only {found}/{len(expected_lines)} paragraphs whole"


@pytest.mark.parametrize("seed", SEED_IDS)
def test_html_gives_the_txt_text_line_for_line(built: dict[str, dict[str, Path]], seed: str) -> None:
    files = built[seed]
    raw = read_file(files[".html"])
    assert raw.format == "html"
    assert clean(raw).text == seed_cleaned(files[".txt"])


# --- .docx -------------------------------------------------------------------------------------

def test_docx_header_block_is_a_table_read_in_order(built: dict[str, dict[str, Path]]) -> None:
    import docx

    path = built["000"][".docx"]
    table = docx.Document(str(path)).tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["Số: /KH-UBND", "Hồng Lĩnh, ngày tháng 6 năm 2022"]
    assert read_file(path).text.splitlines()[:3] == ["Số: /KH-UBND", "Hồng Lĩnh, ngày tháng 6 năm 2022",
                                                     "KẾ HOẠCH"]


def test_docx_footnote_is_a_real_word_footnote_read_after_the_body(built: dict[str, dict[str, Path]]) -> None:
    path = built["001"][".docx"]
    with zipfile.ZipFile(path) as zf:
        body = zf.read("word/document.xml").decode()
        notes = zf.read("word/footnotes.xml").decode()
    assert '<w:footnoteReference w:id="1"/>' in body
    assert "Trọng tâm là" not in body and "Trọng tâm là: Luật Thực hiện dân chủ ở cơ sở" in notes

    text = cleaned(path)
    assert "về thực hiện chủ ở cơ sở gắn với cụ thể hóa nhiệm vụ" in text
    last = text.splitlines()[-1]
    assert last.startswith("Trọng tâm là: Luật Thực hiện dân chủ ở cơ sở; Kết luận số 120-KL/TW")


def test_docx_signature_table_keeps_recipients_before_signer(built: dict[str, dict[str, Path]]) -> None:
    lines = cleaned(built["000"][".docx"]).splitlines()
    assert lines.index("Nơi nhận:") < lines.index("- Lưu: VT, NV.") < lines.index("TM. ỦY BAN NHÂN DÂN")
    assert lines[-1] == "Đình Văn Hồng"


def test_docx_revisions_content_controls_and_text_boxes(tmp_path: Path) -> None:
    """What python-docx's ``paragraph.text`` misses: tracked insertions, content controls, text
    boxes; and what it must leave out: tracked deletions and field codes."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    body = document.element.body
    for xml in (
        f'<w:p {w}><w:r><w:t xml:space="preserve">Căn cứ Nghị định số </w:t></w:r>'
        '<w:del w:id="1" w:author="A"><w:r><w:delText>04/2015</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="A"><w:r><w:t>59/2023</w:t></w:r></w:ins>'
        '<w:r><w:t>/NĐ</w:t></w:r><w:r><w:noBreakHyphen/><w:t>CP;</w:t></w:r></w:p>',
        f'<w:sdt {w}><w:sdtPr><w:alias w:val="Số hiệu"/></w:sdtPr><w:sdtContent>'
        '<w:p><w:r><w:t>Số: 12/KH-UBND</w:t></w:r></w:p></w:sdtContent></w:sdt>',
        f'<w:p {w}><w:r><w:t xml:space="preserve">Trang </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
        '<w:p><w:r><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p>'
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>",
    ):
        body.insert(len(body) - 1, parse_xml(xml))  # before the final sectPr
    document.save(str(tmp_path / "revisions.docx"))

    lines = read_file(tmp_path / "revisions.docx").text.splitlines()
    assert lines[-4:] == ["Căn cứ Nghị định số 59/2023/NĐ-CP;", "Số: 12/KH-UBND", "Trang ",
                          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]


# --- .pdf --------------------------------------------------------------------------------------

def test_pdf_paragraphs_rejoined_lists_kept(pdfs: dict[str, Path]) -> None:
    lines = cleaned(pdfs["000"]).splitlines()
    # Wrapped after "Hà" in the PDF, before an upper-case word the clean-up alone would not join.
    assert any(line.startswith("Thực hiện Kế hoạch số 191/KH-UBND ngày 03/6/2022 của UBND tỉnh Hà Tĩnh thực "
                               "hiện quy chế dân chủ") for line in lines)
    recipients = lines[lines.index("Nơi nhận:") + 1:]
    assert recipients[:2] == ["- Sở Nội vụ tỉnh Hà Tĩnh;", "- Thường trực: Thị ủy, HĐND thị xã;"]


def test_pdf_code_cut_at_a_line_end_is_rejoined(tmp_path: Path, font: dict[str, Path]) -> None:
    text = "Căn cứ Nghị định số 59/2023/NĐ-\nCP ngày 14/8/2023 của Chính phủ về quy định chi tiết;"
    path = docgen.make_pdf(text, tmp_path / "cut.pdf", font)
    assert "NĐ-\nCP" in read_file(path).text
    assert "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ" in cleaned(path)


# --- .html -------------------------------------------------------------------------------------

def test_html_visible_text_only_entities_decoded(built: dict[str, dict[str, Path]]) -> None:
    path = built["000"][".html"]
    source = path.read_text(encoding="utf-8")
    assert "&#272;" in source and "&ldquo;" in source and "Số:&nbsp;" in source and "<script>" in source
    text = read_file(path).text
    for hidden in ("SCRIPT", "STYLE", "COMMENT", "HIDDEN", "TEMPLATE", "TITLE", "Bật JavaScript",
                   "alert(", "margin", "{", "<", "&#", "&ldquo;", "&amp;"):
        assert hidden not in text
    assert "Số:\u00a0/KH-UBND" in text  # &nbsp; decoded; the clean-up makes it a space
    assert "Đảng lãnh đạo" in text and "“Đảng lãnh đạo, Nhà nước quản lý, Nhân dân làm chủ”" in text


def test_html_inline_markup_does_not_split_lines(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(
        "<html><body><div class=content><p>Thực hiện Kế hoạch số <b>191</b>/KH-UBND ngày "
        "<span>03/6/2022</span> của <a href='#'>UBND tỉnh</a> Hà&nbsp;Tĩnh &amp; Quyết định "
        "22/2018/QĐ&#8209;TTg</p><ul><li>Sở Nội vụ;</li><li>Lưu: VT.</li></ul>"
        "<div style='display: none'>ẩn</div><p>Dòng 1<br>Dòng 2</p></div></body></html>",
        encoding="utf-8",
    )
    assert read_file(path).text.splitlines() == [
        "Thực hiện Kế hoạch số 191/KH-UBND ngày 03/6/2022 của UBND tỉnh Hà\u00a0Tĩnh & Quyết định "
        "22/2018/QĐ\u2011TTg",
        "Sở Nội vụ;", "Lưu: VT.", "Dòng 1", "Dòng 2",
    ]
    assert "22/2018/QĐ-TTg" in cleaned(path)


# --- bad input ---------------------------------------------------------------------------------

def _docx_bytes(tmp_path: Path) -> Path:
    return docgen.make_docx("Số: 12/KH-UBND\n\nHà Tĩnh, ngày 03 tháng 6 năm 2022\n\nKẾ HOẠCH",
                            tmp_path / "good.docx")


BAD_INPUTS = {
    "empty": (lambda d: _write(d / "empty.txt", b""), "empty file (0 bytes)"),
    "whitespace": (lambda d: _write(d / "blank.txt", b" \n\t\r\n  \n"), "blank file: only whitespace"),
    "binary-as-txt": (lambda d: docgen.random_binary(d / "noise.txt"), "binary data"),
    "pdf-as-txt": (lambda d: _write(d / "x.txt", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj"), "the bytes are a PDF"),
    "truncated-docx": (lambda d: docgen.truncate(_docx_bytes(d), d / "cut.docx"),
                       "truncated or damaged .docx: zip directory unreadable"),
    "zip-bomb-docx": (lambda d: docgen.make_zip_bomb_docx(_docx_bytes(d), d / "bomb.docx"),
                      "would unpack to 3073 MB (limit 200 MB; zip bomb?)"),
    "packed-bomb-docx": (lambda d: docgen.make_zip_bomb_docx(_docx_bytes(d), d / "bomb.docx", 150 * 2**20),
                         "refused .docx: member word/media/image1.bin is packed"),
    "text-as-docx": (lambda d: _write(d / "plan.docx", "Số: 12/KH-UBND\nKẾ HOẠCH\n".encode()),
                     "not a Word .docx file: it holds plain text"),
    "zip-as-docx": (lambda d: _zip(d / "archive.docx"), "a zip archive without the Office package parts"),
    "macro-docm-as-docx": (lambda d: _as_docm(_docx_bytes(d), d / "macro.docx"),
                           "not a Word .docx document (main part is application/vnd.ms-word.document"),
    "image-only-pdf": (lambda d: docgen.make_image_only_pdf(d / "scan.pdf"), "no text layer: OCR it first"),
    "html-as-pdf": (lambda d: _write(d / "page.pdf", b"<html><body>Trang web</body></html>"),
                    "not a PDF file"),
    "too-large": (lambda d: docgen.sparse_file(d / "huge.txt", 51 * 2**20),
                  "file too large (51 MB > 50 MB limit)"),
    "unsupported": (lambda d: _write(d / "plan.xyz", b"text"), "unsupported file type '.xyz'"),
    "legacy-doc": (lambda d: _write(d / "plan.doc", b"\xd0\xcf\x11\xe0"), "save it as .docx first"),
    "no-extension-dir": (lambda d: _mkdir(d / "folder"), "is a directory, not a file"),
    "dir-with-ext": (lambda d: _mkdir(d / "folder.txt"), "is a directory, not a file"),
    "missing": (lambda d: d / "nowhere.docx", "no such file"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = b"application/vnd.ms-word.document.macroEnabled.main+xml"


def _as_docm(source: Path, path: Path) -> Path:
    """``source`` relabelled as a macro-enabled document, which python-docx refuses."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(DOCX_MAIN, DOCM_MAIN)
            zout.writestr(item, data)
    return path


def _zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("notes.txt", "Số: 12/KH-UBND")
    return path


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_a_one_line_read_error(tmp_path: Path, case: str) -> None:
    make, expected = BAD_INPUTS[case]
    path = make(tmp_path)
    with pytest.raises(ReadError) as info:
        read_file(path)
    error = info.value
    assert expected in error.reason
    assert "\n" not in error.reason and len(error.reason) <= 200
    assert error.source == str(path)


def test_encrypted_pdf_is_refused(tmp_path: Path, font: dict[str, Path]) -> None:
    plain = docgen.make_pdf("Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023", tmp_path / "plain.pdf", font)
    locked = docgen.make_encrypted_pdf(plain, tmp_path / "locked.pdf")
    assert "Căn cứ Nghị định" in read_file(plain).text
    with pytest.raises(ReadError, match="encrypted PDF: it needs a password"):
        read_file(locked)
    editing_only = docgen.make_encrypted_pdf(plain, tmp_path / "no-edit.pdf", password="")
    assert read_file(editing_only).text == read_file(plain).text


def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    bomb = docgen.make_zip_bomb_docx(_docx_bytes(tmp_path), tmp_path / "bomb.docx")
    assert bomb.stat().st_size < 100_000
    with zipfile.ZipFile(bomb) as zf:
        assert zf.getinfo("word/media/image1.bin").file_size == 3 * 2**30


def test_size_limit_is_the_documented_constant(tmp_path: Path) -> None:
    path = docgen.sparse_file(tmp_path / "big.txt", MAX_FILE_BYTES + 1)
    with pytest.raises(ReadError, match="file too large"):
        read_file(path)
    small = tmp_path / "small.txt"
    small.write_text("Số: 12/KH-UBND", encoding="utf-8")
    with pytest.raises(ReadError, match="file too large"):
        read_file(small, max_bytes=4)


def test_readers_cover_the_documented_formats() -> None:
    assert {".txt", ".md", ".docx", ".pdf", ".html", ".htm"} <= set(READERS)


def test_raw_text_carries_the_file_hash() -> None:
    raw: RawText = read_file(SEEDS[0])
    assert raw.sha256 == hashlib.sha256(SEEDS[0].read_bytes()).hexdigest()
    assert (raw.format, raw.encoding) == ("txt", "utf-8")
