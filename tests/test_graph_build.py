"""From extraction to graph: a plan read from a file and the same plan cited elsewhere are one node."""

from __future__ import annotations

from pathlib import Path

from luocdo.graph.build import document_node_id, file_graph
from luocdo.graph.load import ingest_paths
from luocdo.ingest.pipeline import extract, read_document
from luocdo.queries.named import run_named

from .conftest import Stores, sample

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


def test_a_cited_plan_read_from_its_file_is_the_same_node(tmp_path: Path, stores: Stores) -> None:
    district = tmp_path / "49-kh-ubnd-binh-gia.txt"
    district.write_text(DISTRICT_PLAN, encoding="utf-8")
    read = read_document(district)
    assert document_node_id(read.document) == "49/KH-UBND@ubnd-huyen-binh-gia@2025"
    commune = file_graph(extract(sample("001")))
    assert "49/KH-UBND@ubnd-huyen-binh-gia@2025" in {e.cited for e in commune.citations if e.relation == "IMPLEMENTS"}

    store = stores.open(tmp_path / "s")
    ingest_paths(store, [sample("001"), district])
    node = store.read("MATCH (d:Document {id: '49/KH-UBND@ubnd-huyen-binh-gia@2025'}) RETURN d AS d")[0]["d"]
    assert node["in_corpus"] and node["source"] == str(district) and node["level"] == "district"
    chains = run_named(store, "implementation_chain", {"id": commune.document.id})
    through = [[d["id"] for d in r["documents"]] for r in chains]
    assert [commune.document.id, "49/KH-UBND@ubnd-huyen-binh-gia@2025", "10/2022/QH15"] in through
    implementers = {r["id"]: r["distance"] for r in run_named(store, "implementers_of", {"number": "20/KH-UBND"})}
    assert implementers == {"49/KH-UBND@ubnd-huyen-binh-gia@2025": 1, commune.document.id: 2}


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


def test_a_citation_without_its_year_joins_the_dated_document(tmp_path: Path, stores: Stores) -> None:
    dated = tmp_path / "a.txt"
    dated.write_text("KẾ HOẠCH\n\nThực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ;\n",
                     encoding="utf-8")
    undated = tmp_path / "b.txt"
    undated.write_text("KẾ HOẠCH\n\nThực hiện Chỉ thị số 33/CT-TTg của Thủ tướng Chính phủ;\n", encoding="utf-8")
    assert "33/CT-TTg@?" in {e.cited for e in file_graph(extract(undated)).citations}
    store = stores.open(tmp_path / "s")
    ingest_paths(store, [dated])
    ingest_paths(store, [undated])
    rows = store.read("MATCH (d:Document)-[r:IMPLEMENTS]->(c:Document) WHERE r.origin IS NULL "
                      "RETURN c.id AS id, count(d) AS n")
    assert rows == [{"id": "33/CT-TTg@2021", "n": 2}]


SEMANTICS = Path(__file__).parent / "data" / "semantics"  # real texts, sources in SOURCES.md


def test_a_citation_in_a_long_list_keeps_the_words_about_it() -> None:
    """Issue 15, item 14: in a sentence too long to keep whole, a citation keeps the words between
    its neighbours (at least 200 characters), not a 600-character stretch of the list per item."""
    from luocdo.graph.build import MAX_SENTENCE_CHARS, MIN_WINDOW_CHARS

    path = SEMANTICS / "luat-quy-hoach-2017-dieu-59.txt"
    edges = {e.cited: e for e in file_graph(extract(path)).citations}
    police = edges["73/2014/QH13"].sentence or ""
    assert "Luật Công an nhân dân số 73/2014/QH13" in police
    assert police.startswith("…") and police.endswith("…")
    assert len(police) < MIN_WINDOW_CHARS + 60 < MAX_SENTENCE_CHARS
    assert "39/2005/QH11" not in police  # the list's first item is not this citation's context
    for e in edges.values():
        assert e.sentence and e.text in e.sentence and len(e.sentence) <= MAX_SENTENCE_CHARS + 2


def test_a_cited_document_takes_the_date_most_citations_give() -> None:
    """Issue 19, item 6: one citation's typo (2025 for 2024) must not become the document's date."""
    graph = file_graph(extract(SEMANTICS / "153-KH-UBND-can-tho-ngay-sai.txt"))
    dates = {n.id: n.date for n in graph.cited}
    assert dates["163/2024/QH15"] == "2024-11-27"
    stated = [e.cited_date for e in graph.citations if e.cited == "163/2024/QH15" and e.cited_date]
    assert sorted(stated) == ["2024-11-27", "2024-11-27", "2025-11-27"]  # what each citation said stays


def _tcvn3(text: str) -> bytes:
    """``text`` as a TCVN3 font file stores it: capitals with marks come from the capitals font
    (.VnTimeH), which shares the lower-case codes; what the font cannot write is left out."""
    from .test_encodings import _encode_legacy

    return b"".join(_encode_legacy(ch, "tcvn3") or _encode_legacy(ch.lower(), "tcvn3") or b"" for ch in text)


def test_one_plan_in_three_files_is_one_document(tmp_path: Path, stores: Stores) -> None:
    """Issue 19, item 6: the unnumbered Hưng Đạo plan (seed 001) saved as .txt, .docx (footnotes
    moved to the end) and TCVN3 .txt is one document, not three with three times its citations."""
    from .docgen import make_docx

    text = sample("001").read_text(encoding="utf-8")
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "ke-hoach.txt").write_text(text, encoding="utf-8")
    make_docx(text, folder / "ke-hoach-ban-word.docx")
    (folder / "kh-tcvn3.txt").write_bytes(_tcvn3(text))
    ids = {file_graph(extract(p)).document.id for p in folder.iterdir()}
    assert len(ids) == 1 and next(iter(ids)).startswith("file:ke-hoach~")
    store = stores.open(tmp_path / "store")
    ingest_paths(store, [folder])
    documents = store.query("MATCH (d:Document) WHERE d.in_corpus = true RETURN d.id AS id")
    edges = store.query("MATCH (d:Document)-[r:IMPLEMENTS|BASED_ON|CITES]->() WHERE d.in_corpus = true "
                        "RETURN count(r) AS n")
    assert [r["id"] for r in documents] == list(ids)
    assert edges[0]["n"] == len(file_graph(extract(folder / "ke-hoach.txt")).citations)


def test_a_file_graph_survives_the_trip_from_its_worker() -> None:
    """A FileGraph is pickled with its citations as tuples (bench/store_bench.py): it comes back equal."""
    import pickle

    graph = file_graph(extract(sample("001")))
    assert graph.citations and pickle.loads(pickle.dumps(graph)) == graph


def test_a_cited_document_is_titled_by_what_citations_say_until_its_own_text_does(tmp_path: Path,
                                                                                   stores: Stores) -> None:
    """Seed 001 says the district plan 49/KH-UBND is "về thực hiện dân chủ ở cơ sở trên địa bàn huyện
    Bình Gia năm 2025": its node carries that as its title; once the plan itself is read, its own
    title wins, in whichever order the two files come."""
    commune = file_graph(extract(sample("001")))
    (plan,) = [n for n in commune.cited if n.id == "49/KH-UBND@ubnd-huyen-binh-gia@2025"]
    assert plan.title == "Về thực hiện dân chủ ở cơ sở trên địa bàn huyện Bình Gia năm 2025"
    district = tmp_path / "49-kh-ubnd-binh-gia.txt"
    district.write_text(DISTRICT_PLAN, encoding="utf-8")
    own = read_document(district).document.title
    for n, order in enumerate(([sample("001"), district], [district, sample("001")])):
        store = stores.open(tmp_path / f"s{n}")
        for path in order:
            ingest_paths(store, [path])
        node = store.read("MATCH (d:Document {id: '49/KH-UBND@ubnd-huyen-binh-gia@2025'}) RETURN d.title AS t")
        assert node == [{"t": own}]


def test_a_cited_document_takes_the_type_its_citations_give() -> None:
    """The first mention of 119/2014/NĐ-CP is inside the capital title ("… NGHỊ ĐỊNH SỐ 119/2014/NĐ-CP"),
    whose type word in capitals is read as the "Căn cứ Nghị định số 119/2014/NĐ-CP" after it."""
    graph = file_graph(extract(SEMANTICS / "du-thao-thong-tu-119-2014.txt"))
    first, *_ = (e for e in graph.citations if e.cited == "119/2014/NĐ-CP")
    assert first.cited_type == "Nghị định" and first.text.startswith("NGHỊ ĐỊNH SỐ")
    assert {n.id: n.type for n in graph.cited}["119/2014/NĐ-CP"] == "Nghị định"


def test_numbers_listed_without_their_type_take_it_from_their_code() -> None:
    """"Căn cứ các Nghị định của Chính phủ: số 63/2010/NĐ-CP …; số 48/2013/NĐ-CP …" (Bắc Ninh
    1486/QĐ-UBND): each number's code says Nghị định; a party "QĐ" would say nothing (Quyết định or
    Quy định), nor does a law's "QH15"."""
    graph = file_graph(extract(SEMANTICS / "1486-QD-UBND-nghi-dinh-liet-ke.txt"))
    types = {n.id: n.type for n in graph.cited}
    for number in ("63/2010/NĐ-CP", "48/2013/NĐ-CP", "92/2017/NĐ-CP", "118/2025/NĐ-CP"):
        assert types[number] == "Nghị định", number
    assert types["02/2017/TT-VPCP"] == "Thông tư"
    from luocdo.ingest.doctypes import type_from_number

    assert [type_from_number(n) for n in ("124-QĐ/TW", "30-CT/TW", "10/2022/QH15", "191/KH-UBND")] == \
        [None, "Chỉ thị", None, "Kế hoạch"]
