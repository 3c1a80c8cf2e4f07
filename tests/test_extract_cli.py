"""``luocdo extract`` as a user runs it: a real subprocess on the sample plans and on small files made here.

Checks the output contract of ``--json`` (keys, vocabularies, offsets into the original file text),
facts read off the samples by hand, the ``--html`` page (one link per citation, everything from the
document escaped) and a bad file in a batch.
"""

from __future__ import annotations

import json
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from .conftest import SAMPLES, sample
from .support import luocdo

DOCUMENT_KEYS = {"type", "number", "issuer", "level", "province", "date", "title"}
CITATION_KEYS = {"start", "end", "text", "form", "doc_type", "number", "date", "issuer", "relation", "target",
                 "pinpoint"}
FORMS = {"full", "short", "name", "alias"}
RELATIONS = {"implements", "based_on", "cites"}


def original(path: Path) -> str:
    """The file's text exactly as stored (no newline translation), which the offsets index."""
    return path.read_bytes().decode("utf-8")


def extract_json(*paths: Path) -> list[dict[str, Any]]:
    result = luocdo("extract", "--json", *map(str, paths))
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def seeds() -> dict[str, dict[str, Any]]:
    """``luocdo extract --json data/samples``, by sample prefix ("000" … "004")."""
    rows = extract_json(SAMPLES)
    assert len(rows) == 5
    return {Path(r["source"]).name[:3]: r for r in rows}


def cites(row: dict[str, Any], text: str) -> list[dict[str, Any]]:
    return [c for c in row["citations"] if c["text"] == text]


def check_validity(v: dict[str, Any], text: str) -> None:
    """The validity block: its keys, and every span read back from the original file (issue 16)."""
    assert set(v) == {"effective_from", "effective_to", "acts", "stated"}
    for a in v["acts"]:
        assert set(a) == {"relation", "scope", "target", "number", "pinpoint", "since", "start", "end",
                          "text"}, a
        assert a["relation"] in {"repeals", "replaces", "amends", "suspends"}, a
        assert a["scope"] in {"whole", "part"}, a
    for f in v["stated"]:
        assert set(f) == {"relation", "source", "source_number", "target", "target_number", "start",
                          "end", "text"}, f
    for span in v["acts"] + v["stated"]:
        assert 0 <= span["start"] <= span["end"] <= len(text) and span["text"] == text[span["start"]:span["end"]]


def check_contract(row: dict[str, Any], path: Path) -> None:
    """Keys, vocabularies, and every span read back from the original file."""
    assert set(row) == {"source", "document", "citations", "validity"}
    check_validity(row["validity"], original(path))  # issue 16: tests/test_validity.py
    assert Path(row["source"]).resolve() == path.resolve()
    assert set(row["document"]) == DOCUMENT_KEYS
    text = original(path)
    previous_start = -1
    for c in row["citations"]:
        assert set(c) >= CITATION_KEYS, c
        assert c["form"] in FORMS and c["relation"] in RELATIONS, c
        assert 0 <= c["start"] < c["end"] <= len(text), c
        assert c["text"] == text[c["start"]:c["end"]], c
        assert c["start"] >= previous_start, "citations in reading order"
        previous_start = c["start"]
        assert c["text"] == c["text"].strip() and c["text"][0].isalpha(), c
        if c["form"] == "full":  # the span holds the number as cited
            squeezed = "".join(unicodedata.normalize("NFC", c["text"]).split()).replace("–", "-")
            assert c["as_cited_number"] in squeezed, c
        if c["target"]:  # a number's id starts with it; a document cited by its name alone is "name:" + it
            assert (c["number"] and c["target"].startswith(c["number"])) or \
                (c["number"] is None and c["target"] == "name:" + c["name"]), c


# --- the output contract --------------------------------------------------------------------------

def test_json_contract_and_offsets_on_every_sample(seeds: dict[str, dict[str, Any]]) -> None:
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]
    for prefix, row in seeds.items():
        assert len(row["citations"]) >= 5, prefix
        check_contract(row, sample(prefix))
    # sample 003 is Markdown (** and ###), sample 001 has a footnote marker ("cơ sở¹"): offsets still hold
    assert "**" in original(sample("003")) and "¹" in original(sample("001"))
    footnote = original(sample("001")).index("¹ Trọng tâm là")
    after_marker = [c for c in seeds["001"]["citations"] if c["start"] > footnote]
    assert after_marker[0]["text"] == "Luật Thực hiện dân chủ ở cơ sở"
    assert after_marker[0]["verb"] == "Trọng tâm là"


def test_offsets_index_a_decomposed_crlf_file(tmp_path: Path) -> None:
    """The same plan stored as NFD with CRLF line ends: same citations, spans on the stored text."""
    nfd = tmp_path / "nfd-crlf.txt"
    nfd.write_bytes(unicodedata.normalize("NFD", original(sample("001"))).replace("\n", "\r\n").encode("utf-8"))
    (row,) = extract_json(nfd)
    (plain,) = extract_json(sample("001"))
    check_contract(row, nfd)
    assert [(unicodedata.normalize("NFC", c["text"]).replace("\r\n", "\n"), c["number"], c["relation"])
            for c in row["citations"]] == [(c["text"], c["number"], c["relation"]) for c in plain["citations"]]


# --- facts read off the samples --------------------------------------------------------------------

def test_001_law_by_name_with_date_is_implemented(seeds: dict[str, dict[str, Any]]) -> None:
    (law,) = cites(seeds["001"], "Luật thực hiện dân chủ cơ sở ngày 10/11/2022")
    assert (law["form"], law["doc_type"], law["number"], law["relation"], law["verb"]) == (
        "name", "Luật", "10/2022/QH15", "implements", "Thực hiện")
    assert law["date"] == "2022-11-10" and law["target"] == "10/2022/QH15"


def test_001_decree_is_the_legal_basis(seeds: dict[str, dict[str, Any]]) -> None:
    (decree, *_) = [c for c in seeds["001"]["citations"] if c["as_cited_number"] == "59/2023/NĐ-CP"]
    assert decree["text"] == "Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ"
    assert (decree["form"], decree["relation"], decree["verb"]) == ("full", "based_on", "Căn cứ")
    assert (decree["date"], decree["issuer"], decree["target"]) == ("2023-08-14", "Chính phủ", "59/2023/NĐ-CP")


def test_002_defined_name_points_back_to_the_full_citation(seeds: dict[str, dict[str, Any]]) -> None:
    row = seeds["002"]
    text = original(sample("002"))
    definition_end = text.index("(sau đây viết tắt là Kết luận 1231)") + len("(sau đây viết tắt là Kết luận 1231)")
    (full,) = [c for c in row["citations"] if c["number"] == "1231-KL/TU" and c["form"] == "full"]
    assert full["text"].startswith("Kết luận số 1231-KL/TU ngày 01/11/2019")
    assert full["target"].startswith("1231-KL/TU@") and full["target"].endswith("@2019")  # issuer key: resolve's
    later = [c for c in row["citations"] if c["start"] >= definition_end and c["text"] == "Kết luận 1231"]
    assert len(later) == text[definition_end:].count("Kết luận 1231") >= 1
    for use in later:
        assert use["form"] in ("alias", "short")
        assert (use["number"], use["target"]) == ("1231-KL/TU", full["target"])


def test_003_ordinance_number_is_completed_and_the_cited_one_kept(seeds: dict[str, dict[str, Any]]) -> None:
    (ordinance,) = [c for c in seeds["003"]["citations"] if c["doc_type"] == "Pháp lệnh"]
    assert ordinance["text"].startswith("Pháp lệnh số 34/2007/PL-UBTVQH ngày 06/4/2007")
    assert (ordinance["number"], ordinance["as_cited_number"]) == ("34/2007/PL-UBTVQH11", "34/2007/PL-UBTVQH")
    assert ordinance["target"] == "34/2007/PL-UBTVQH11"


def test_000_directive_is_governed_by_trong_tam_la(seeds: dict[str, dict[str, Any]]) -> None:
    (first, *_) = [c for c in seeds["000"]["citations"] if c["number"] == "30-CT/TW"]
    assert first["text"] == "Chỉ thị số 30-CT/TW ngày 18/02/1998 của Bộ Chính trị"
    assert (first["relation"], first["verb"], first["target"]) == ("cites", "trọng tâm là", "30-CT/TW@1998")


def test_004_pinpoints(seeds: dict[str, dict[str, Any]]) -> None:
    text = original(sample("004"))
    assert "theo quy định tại khoản 2 Điều 85 Luật Thực hiện dân chủ ở cơ sở năm 2022" in text
    pinned = {c["pinpoint"]: c for c in seeds["004"]["citations"] if c["pinpoint"]}
    assert set(pinned) == {"khoản 2 Điều 85", "điểm a, khoản 1, Điều 86"}
    for c in pinned.values():
        assert (c["text"], c["form"], c["number"]) == ("Luật Thực hiện dân chủ ở cơ sở năm 2022", "name",
                                                       "10/2022/QH15")
        assert text[c["start"] - len(c["pinpoint"]) - 1:c["start"] - 1] == c["pinpoint"]


def test_short_forms_at_the_end_of_a_sentence(seeds: dict[str, dict[str, Any]]) -> None:
    assert "sơ kết 5 thực hiện Nghị quyết 02/TU." in original(sample("000"))
    (resolution,) = cites(seeds["000"], "Nghị quyết 02/TU")
    assert (resolution["form"], resolution["number"]) == ("short", "02-NQ/TU")
    (full, *_) = [c for c in seeds["000"]["citations"] if c["number"] == "02-NQ/TU" and c["form"] == "full"]
    assert resolution["target"] == full["target"]
    assert "trong Chương V của Nghị định 145." in original(sample("002"))
    (decree,) = cites(seeds["002"], "Nghị định 145")
    assert (decree["number"], decree["pinpoint"]) == ("145/2020/NĐ-CP", "Chương V")


ALIAS_AFTER_A_LAW = """ỦY BAN NHÂN DÂN
TỈNH KHÁNH HÒA
Số: 77/KH-UBND

KẾ HOẠCH
Triển khai thực hiện nghị quyết

Căn cứ Luật Tổ chức chính quyền địa phương;
Thực hiện Nghị quyết số 15/2024/NQ-HĐND ngày 02/12/2024 của Hội đồng nhân dân tỉnh (sau đây gọi tắt là \
Nghị quyết 15), Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. MỤC ĐÍCH
1. Tổ chức thực hiện có hiệu quả Nghị quyết 15 trên địa bàn tỉnh.
"""


def test_alias_defined_after_a_law_named_earlier(tmp_path: Path) -> None:
    path = tmp_path / "alias.txt"
    path.write_text(ALIAS_AFTER_A_LAW, encoding="utf-8")
    (row,) = extract_json(path)
    check_contract(row, path)
    (use,) = [c for c in row["citations"] if c["form"] == "alias"]
    assert use["text"] == "Nghị quyết 15"
    assert (use["number"], use["target"]) == ("15/2024/NQ-HĐND", "15/2024/NQ-HĐND@khanh-hoa")


# --- --html ----------------------------------------------------------------------------------------

class Page(HTMLParser):
    """The tags of a page, and each <a class="cite …"> with its attributes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.links: list[dict[str, Any]] = []
        self._open: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        a = dict(attrs)
        if tag == "a" and "cite" in (a.get("class") or "").split():
            assert self._open is None, "nested links"
            self._open = {"attrs": a, "text": ""}

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open is not None:
            self.links.append(self._open)
            self._open = None


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def check_links(page: Page, row: dict[str, Any]) -> None:
    """One link per citation, in order, each with its text, class, tooltip and href to its target."""
    assert len(page.links) == len(row["citations"])
    for link, c in zip(page.links, row["citations"], strict=True):
        a = link["attrs"]
        assert link["text"] == c["text"]
        assert a["class"].split() == ["cite", c["relation"] if c["target"] else "unresolved"]
        assert a["title"] and (c["target"] or "unresolved") in a["title"]
        assert a["href"] == ("#" + quote(c["target"], safe="") if c["target"] else "#")
        assert a["data-target"] == (c["target"] or "")


def test_html_links_every_citation_of_every_sample(seeds: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    out = tmp_path / "html"
    result = luocdo("extract", "--html", str(out), str(SAMPLES))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # --html alone prints no tables
    for prefix, row in seeds.items():
        page = parse(out / (sample(prefix).stem + ".html"))
        assert page.tags <= {"html", "head", "meta", "title", "style", "body", "h1", "pre", "a"}
        check_links(page, row)


HOSTILE = """ỦY BAN NHÂN DÂN
XÃ HƯNG ĐẠO
Số: 12/KH-UBND

KẾ HOẠCH
Thử <b>đậm</b> & "ngoặc" <script>alert(1)</script>

Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ;
Thực hiện Kế hoạch số 49/KH-UBND ngày 10/02/2025 của Ủy ban nhân dân huyện Bình Gia.
<script>alert(1)</script>

I. MỤC ĐÍCH
Theo quy định tại khoản 2 Điều 85 Luật Thực hiện dân chủ ở cơ sở năm 2022 và Đề án 202 <b>x</b>.
"""


def test_html_escapes_the_document_and_json_agrees(tmp_path: Path) -> None:
    src = tmp_path / "hostile.txt"
    src.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "hostile.html"
    result = luocdo("extract", "--json", "--html", str(out), str(src))
    assert result.returncode == 0, result.stderr
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    check_contract(row, src)
    assert {c["number"] for c in row["citations"]} >= {"59/2023/NĐ-CP", "49/KH-UBND", "10/2022/QH15"}
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;đậm&lt;/b&gt;" in html
    page = parse(out)
    assert page.tags <= {"html", "head", "meta", "title", "style", "body", "h1", "pre", "a"}
    check_links(page, row)
    unresolved = [link for link in page.links if link["attrs"]["href"] == "#"]
    assert [link["text"] for link in unresolved] == ["Đề án 202"]


# --- errors ----------------------------------------------------------------------------------------

def test_a_bad_file_in_a_batch(tmp_path: Path) -> None:
    for prefix in ("001", "003"):
        (tmp_path / sample(prefix).name).write_bytes(sample(prefix).read_bytes())
    (tmp_path / "002-empty.txt").write_bytes(b"")
    result = luocdo("extract", "--json", str(tmp_path))
    assert result.returncode == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["source"]).name[:3] for r in rows] == ["001", "003"]
    for row in rows:
        check_contract(row, Path(row["source"]))
    (line,) = result.stderr.strip().splitlines()
    assert "002-empty.txt" in line and "empty" in line.lower()
    assert "Traceback" not in result.stderr
