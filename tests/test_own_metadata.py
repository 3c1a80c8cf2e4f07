"""A document's own metadata read right (issue 19, items 2 and 3): laws in the "Luật số: N/…/QHnn"
header layout typed Luật with their title, and the document's own title never cited by itself."""

from __future__ import annotations

from pathlib import Path

from luocdo.ingest.pipeline import extract_from, read_document

DATA = Path(__file__).parent / "data" / "metadata"
LAW_HEAD = DATA / "Luat-Giao-dich-dien-tu-2023.head.txt"  # johnpa02_tvpl/Luat-Giao-dich-dien-tu-2023.txt


def test_law_header_on_the_date_line_gives_type_luat_and_title() -> None:
    # "Hà Nội, ngày 22 tháng 6 năm 2023 LUẬT GIAO DỊCH ĐIỆN TỬ": was typed Công văn, no title.
    d = read_document(LAW_HEAD).document
    assert (d.type, d.number, d.title, d.date) == ("Luật", "20/2023/QH15", "GIAO DỊCH ĐIỆN TỬ", "2023-06-22")
    assert d.issuer == "Quốc hội"


def test_law_own_title_is_not_a_citation() -> None:
    # The heading and "Quốc hội ban hành Luật Giao dịch điện tử." were cites of 51/2005/QH11.
    read = read_document(LAW_HEAD)
    citations = extract_from(read.text, read.document).citations
    names = ["".join(c.text.split()).casefold() for c in citations]
    assert "luậtgiaodịchđiệntử" not in names
    assert [c.doc_type for c in citations] == ["Hiến pháp"]  # "Căn cứ Hiến pháp …" stays
