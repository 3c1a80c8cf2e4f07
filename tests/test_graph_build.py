"""From extraction to graph: a plan read from a file and the same plan cited elsewhere are one node."""

from __future__ import annotations

from pathlib import Path

from luocdo.graph.build import document_node_id, file_graph
from luocdo.graph.load import ingest_paths
from luocdo.graph.store import open_store
from luocdo.ingest.pipeline import extract, read_document
from luocdo.queries.named import run_named

from .conftest import sample

# A district plan as seed 001 cites it ("Kế hoạch số 49/KH-UBND, ngày 10/02/2025 của Ủy ban nhân dân
# huyện Bình Gia"), written the way such plans open.
DISTRICT_PLAN = """ỦY BAN NHÂN DÂN
HUYỆN BÌNH GIA

Số: 49/KH-UBND

Bình Gia, ngày 10 tháng 02 năm 2025

KẾ HOẠCH
Thực hiện dân chủ ở cơ sở trên địa bàn huyện Bình Gia năm 2025

Thực hiện Kế hoạch số 20/KH-UBND ngày 20/01/2025 của UBND tỉnh Lạng Sơn về thực hiện dân chủ ở cơ sở năm 2025;
Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10/11/2022;

I. MỤC ĐÍCH, YÊU CẦU
Bảo đảm thực hiện nghiêm Luật Thực hiện dân chủ ở cơ sở năm 2022.
"""


def test_a_cited_plan_read_from_its_file_is_the_same_node(tmp_path: Path) -> None:
    district = tmp_path / "49-kh-ubnd-binh-gia.txt"
    district.write_text(DISTRICT_PLAN, encoding="utf-8")
    read = read_document(district)
    assert document_node_id(read.document) == "49/KH-UBND@ubnd-huyen-binh-gia@2025"
    commune = file_graph(extract(sample("001")))
    assert "49/KH-UBND@ubnd-huyen-binh-gia@2025" in {e.cited for e in commune.citations if e.relation == "IMPLEMENTS"}

    store = open_store(tmp_path / "s")
    ingest_paths(store, [sample("001"), district])
    node = store.read("MATCH (d:Document {id: '49/KH-UBND@ubnd-huyen-binh-gia@2025'}) RETURN d AS d")[0]["d"]
    assert node["in_corpus"] and node["source"] == str(district) and node["level"] == "district"
    chains = run_named(store, "implementation_chain", {"id": commune.document.id})
    through = [[d["id"] for d in r["documents"]] for r in chains]
    assert [commune.document.id, "49/KH-UBND@ubnd-huyen-binh-gia@2025", "10/2022/QH15"] in through
    implementers = {r["id"]: r["distance"] for r in run_named(store, "implementers_of", {"number": "20/KH-UBND"})}
    assert implementers == {"49/KH-UBND@ubnd-huyen-binh-gia@2025": 1, commune.document.id: 2}
    store.close()


def test_edges_keep_what_the_citation_said() -> None:
    graph = file_graph(extract(sample("003")))
    pl34 = [e for e in graph.citations if e.cited == "34/2007/PL-UBTVQH11" and e.form == "full"]
    assert pl34 and {(e.cited_number, e.cited_date) for e in pl34} == {("34/2007/PL-UBTVQH", "2007-04-06")}
    original = sample("003").read_text(encoding="utf-8")
    for e in graph.citations:  # offsets index the file's own text
        assert original[e.start_offset:e.end_offset] == e.text
        assert e.sentence and e.relation in ("IMPLEMENTS", "BASED_ON", "CITES")
    assert graph.document.citation_count == len(graph.citations)
    assert {n.id for n in graph.cited} == {e.cited for e in graph.citations}


def test_a_citation_without_its_year_joins_the_dated_document(tmp_path: Path) -> None:
    dated = tmp_path / "a.txt"
    dated.write_text("KẾ HOẠCH\n\nThực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ;\n",
                     encoding="utf-8")
    undated = tmp_path / "b.txt"
    undated.write_text("KẾ HOẠCH\n\nThực hiện Chỉ thị số 33/CT-TTg của Thủ tướng Chính phủ;\n", encoding="utf-8")
    assert "33/CT-TTg@?" in {e.cited for e in file_graph(extract(undated)).citations}
    store = open_store(tmp_path / "s")
    ingest_paths(store, [dated])
    ingest_paths(store, [undated])
    rows = store.read("MATCH (d:Document)-[r:IMPLEMENTS]->(c:Document) WHERE r.origin IS NULL "
                      "RETURN c.id AS id, count(d) AS n")
    assert rows == [{"id": "33/CT-TTg@2021", "n": 2}]
    store.close()


# Luật Quy hoạch 2017 (corpus johnpa02_tvpl/Luat-Quy-hoach-2017.txt, Điều 59 khoản 9): one
# sentence of 1,170 characters listing twenty laws.
LAW_LIST = """LUẬT
QUY HOẠCH

Điều 59. Sửa đổi, bổ sung, bãi bỏ một số quy định liên quan đến quy hoạch

9. Quy hoạch phát triển kinh tế
- xã hội, quy hoạch tổng thể phát triển kinh tế - xã hội tại Luật Quốc phòng số 39/2005/QH11, Luật Tần số vô tuyến điện số 42/2009/QH12, Luật Giáo dục số 38/2005/QH11 đã được sửa đổi, bổ sung theo Luật sửa đổi, bổ sung một số Điều của Luật Giáo dục số 44/2009/QH12, Luật Biển Việt Nam số 18/2012/QH13, Luật Phòng, chống thiên tai số 33/2013/QH13, Luật Nhà ở số 65/2014/QH13, Luật Công an nhân dân số 73/2014/QH13, Luật Tài nguyên, môi trường biển và hải đảo số 82/2015/QH13, Luật Tiếp cận thông tin số 104/2016/QH13, Luật Du lịch số 09/2017/QH14, Pháp lệnh về Giống cây trồng số 15/2004/PL-UBTVQH11, Pháp lệnh về Giống vật nuôi số 16/2004/PL- UBTVQH11, Pháp lệnh Dân số số 06/2003/PL-UBTVQH11 đã được sửa đổi, bổ sung theo Pháp lệnh sửa đổi Điều 10 của Pháp lệnh Dân số số 08/2008/PL-UBTVQH12 và các văn bản quy phạm pháp luật khác được thay thế bằng quy hoạch được cơ quan có thẩm quyền quyết định hoặc phê duyệt.
"""


def test_a_citation_in_a_long_list_keeps_the_words_about_it(tmp_path: Path) -> None:
    """Issue 15, item 14: in a sentence too long to keep whole, a citation keeps the words between
    its neighbours (at least 200 characters), not a 600-character stretch of the list per item."""
    from luocdo.graph.build import MAX_SENTENCE_CHARS, MIN_WINDOW_CHARS

    path = tmp_path / "quy-hoach.txt"
    path.write_text(LAW_LIST, encoding="utf-8")
    edges = {e.cited: e for e in file_graph(extract(path)).citations}
    police = edges["73/2014/QH13"].sentence or ""
    assert "Luật Công an nhân dân số 73/2014/QH13" in police
    assert police.startswith("…") and police.endswith("…")
    assert len(police) < MIN_WINDOW_CHARS + 60 < MAX_SENTENCE_CHARS
    assert "39/2005/QH11" not in police  # the list's first item is not this citation's context
    for e in edges.values():
        assert e.sentence and e.text in e.sentence and len(e.sentence) <= MAX_SENTENCE_CHARS + 2


# Kế hoạch 153/KH-UBND of Cần Thơ (corpus tnt305_tvpl/153-KH-UBND__24c7124ec6b2bf61.txt): its
# header, line 28 (the date typed with the wrong year) and footnote [1] (line 364, right twice).
TYPO_PLAN = 'ỦY BAN NHÂN\nDÂN\nTHÀNH PHỐ CẦN THƠ\n--------\n\nCỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n\nSố: 153/KH-UBND\n\nCần Thơ, ngày 17 tháng 11 năm 2025\n\nKẾ HOẠCH\n\nTRIỂN KHAI, THỰC HIỆN CÁC DỰ ÁN, TIỂU DỰ ÁN THUỘC\nCHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA PHÒNG, CHỐNG MA TÚY ĐẾN NĂM 2030 TRÊN ĐỊA BÀN\nTHÀNH PHỐ\n' + "\n\nI. MỤC ĐÍCH\n" + 'a) Triển khai nghiêm túc, chất lượng và hiệu quả Nghị quyết số 163/2024/QH15 ngày 27 tháng 11 năm 2025 phê duyệt chủ trương đầu tư Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030; Nghị quyết số 50/NQ-CP ngày 13 tháng 3 năm 2025 của Chính phủ ban hành Kế hoạch triển khai thực hiện Nghị quyết 163/2024/QH15; nhằm nâng cao hiệu quả công tác quản lý, điều hành và triển khai, thực hiện Chương trình trên địa bàn thành phố.' + "\n\n" + '[1] Nghị quyết số 163/2024/QH15 ngày 27/11/2024 của Quốc hội phê duyệt chủ trương đầu tư Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030; Nghị quyết số 50/NQ-CP ngày 13/3/2025 của Chính phủ về việc ban hành Kế hoạch triển khai thực hiện Nghị quyết số 163/2024/QH15 ngày 27/11/2024 của Quốc hội phê duyệt chủ trương đầu tư' + "\n"


def test_a_cited_document_takes_the_date_most_citations_give(tmp_path: Path) -> None:
    """Issue 19, item 6: one citation's typo (2025 for 2024) must not become the document's date."""
    path = tmp_path / "153-KH-UBND.txt"
    path.write_text(TYPO_PLAN, encoding="utf-8")
    graph = file_graph(extract(path))
    dates = {n.id: n.date for n in graph.cited}
    assert dates["163/2024/QH15"] == "2024-11-27"
    stated = [e.cited_date for e in graph.citations if e.cited == "163/2024/QH15" and e.cited_date]
    assert sorted(stated) == ["2024-11-27", "2024-11-27", "2025-11-27"]  # what each citation said stays
