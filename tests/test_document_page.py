"""A document's page and the /documents lookups show the status derived from every validity fact,
with its evidence (issue 16, items 3 and 6), and the page neither runs the whole-graph audit nor
extracts the file again (issue 18, item 5). On the seed plans, law 47/2024/QH15 (vendored in
tests/corpus/johnpa02_tvpl) and a made-up decision whose repeal sentence carries a script."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import closing
from html import unescape
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from luocdo.api.app import create_app
from luocdo.graph.ladybug_store import LadybugStore

from .api_server import serving
from .conftest import CORPUS, SAMPLES, ingested, sample

LAW_47 = CORPUS / "johnpa02_tvpl" / "Luat-Quy-hoach-do-thi-va-nong-thon-2024.txt"
SCRIPT = '<script>alert("x")</script>'
# The head of a Hà Tĩnh decision (made up for these tests), with its number, date and title.
HEAD = """ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH
Số: {number}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Tĩnh, ngày {date}

QUYẾT ĐỊNH
{title}
"""
# A province decision that repeals another, the script inside its sentence.
DECISION = HEAD.format(number="77/2024/QĐ-UBND", date="10 tháng 5 năm 2024",
                       title="Về việc quản lý chợ trên địa bàn tỉnh") + f"""
ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

QUYẾT ĐỊNH:
Điều 1. Ban hành Quy định quản lý chợ.
Điều 2. Quyết định này có hiệu lực kể từ ngày 20 tháng 5 năm 2024. Bãi bỏ Quyết định số 12/2020/QĐ-UBND \
ngày 03 tháng 3 năm 2020 của Ủy ban nhân dân tỉnh Hà Tĩnh {SCRIPT} về quản lý chợ.
Điều 3. Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này.
"""
REPEALED = "12/2020/QĐ-UBND@ha-tinh"
# Made up for these tests: a decision that repeals one clause of another (as 172/2025/NĐ-CP repeals
# the rules on civil servants in 112/2020/NĐ-CP and leaves the rest).
PART = HEAD.format(number="81/2025/QĐ-UBND", date="12 tháng 9 năm 2025",
                   title="Về việc quản lý bến thủy nội địa") + """
QUYẾT ĐỊNH:
Điều 1. Quyết định này có hiệu lực kể từ ngày 20 tháng 9 năm 2025.
Điều 2. Bãi bỏ các quy định về bến khách ngang sông tại Quyết định số 15/2021/QĐ-UBND ngày 04 tháng 5 năm 2021 \
của Ủy ban nhân dân tỉnh Hà Tĩnh.
"""

# Made up for this test: a decision that states another act's amendment in passing (as Quảng Trị's
# 80/2025/QĐ-UBND states that 118/2025/NĐ-CP amends 42/2022/NĐ-CP).
STATES = HEAD.format(number="80/2025/QĐ-UBND", date="10 tháng 9 năm 2025",
                     title="Ban hành Quy chế thực hiện dân chủ ở cơ sở trên địa bàn tỉnh") + """
ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH

Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;

QUYẾT ĐỊNH:
Điều 1. Nội dung công khai thực hiện theo quy định tại Điều 11 Luật số 10/2022/QH15 được sửa đổi, bổ sung \
bởi Luật số 47/2024/QH15.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
"""


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(tmp_path_factory.mktemp("document_page"))
    texts = folder / "texts"
    shutil.copytree(SAMPLES, texts)
    shutil.copy(LAW_47, texts / LAW_47.name)
    (texts / "qd-77-2024.txt").write_text(DECISION, encoding="utf-8")
    (texts / "qd-80-2025.txt").write_text(STATES, encoding="utf-8")
    (texts / "qd-81-2025.txt").write_text(PART, encoding="utf-8")
    return ingested(folder / "store", texts)


@pytest.fixture(scope="module")
def site(store_path: Path) -> Iterator[httpx.Client]:
    with serving("--store", str(store_path)) as client:
        yield client


def section(html: str, name: str) -> str:
    """The text of one ``<section id=name>`` of a page (empty when the page has none)."""
    found = re.search(rf'<section id="{name}"[^>]*>(.*?)</section>', html, re.S)
    return found.group(1) if found else ""


def plan_id(store_path: Path, prefix: str) -> str:
    with closing(LadybugStore(store_path, read_only=True)) as store:
        rows = store.query("MATCH (d:Document) WHERE d.in_corpus RETURN d.id AS id, d.source AS source")
    (found,) = [r["id"] for r in rows if Path(r["source"]).name == sample(prefix).name]
    return str(found)


def test_the_amended_law_lists_its_amender_with_the_sentence(site: httpx.Client) -> None:
    """Acceptance of issue 16: 10/2022/QH15's page lists 47/2024/QH15 under "amended by"."""
    page = site.get("/doc/10/2022/QH15")
    assert page.status_code == 200
    validity = section(page.text, "validity")
    amended = validity.split("Được sửa đổi, bổ sung bởi", 1)[1]
    assert "47/2024/QH15" in amended and "2025-07-01" in amended
    assert "Sửa đổi, bổ sung một số điều của Luật Thực hiện dân chủ ở cơ sở" in amended  # the sentence
    acts = section(site.get("/doc/47/2024/QH15").text, "acts")  # and the reverse, on the amending law
    assert "Sửa đổi, bổ sung" in acts and "10/2022/QH15" in acts


def test_a_replaced_document_says_by_what_and_since(site: httpx.Client) -> None:
    page = site.get("/doc/34/2007/PL-UBTVQH11").text
    status = re.search(r'<p id="status">(.*?)</p>', page, re.S)
    assert status
    said = status.group(1)
    assert "hết hiệu lực" in said and "chưa xác minh" not in said
    assert "bị thay thế bởi" in said and "10/2022/QH15" in said and "2023-07-01" in said
    assert "10/2022/QH15" in section(page, "validity").split("Bị thay thế bởi", 1)[1]
    dates = re.search(r"<dt>Hiệu lực</dt><dd>(.*?)</dd>", page, re.S)
    assert dates and dates.group(1) == "từ 2007-07-01 đến 2023-07-01 (hết hiệu lực từ ngày này)"


def test_a_partly_repealed_document_says_part_of_it_is(site: httpx.Client) -> None:
    """Luật 20/2023/QH15, of which Luật 60/2024/QH15 repeals "một số điểm, khoản, điều", read as
    "bị bãi bỏ bởi" under the badge "hết hiệu lực một phần": a part, said as the whole."""
    status = re.search(r'<p id="status">(.*?)</p>', site.get("/doc/15/2021/QĐ-UBND@ha-tinh").text, re.S)
    assert status
    said = " ".join(unescape(re.sub(r"<[^>]+>", " ", status.group(1))).split())
    assert "hết hiệu lực một phần" in said and "bị bãi bỏ một phần bởi Quyết định 81/2025/QĐ-UBND" in said


def test_a_seed_plan_warns_of_its_outdated_citations(site: httpx.Client, store_path: Path) -> None:
    # Seed 003 is of 2023: Pháp lệnh 34 ended on 2023-07-01, inside that year, so undetermined at its date.
    warned = section(site.get(f"/doc/{plan_id(store_path, '003')}").text, "outdated")
    assert "34/2007/PL-UBTVQH11" in warned and "chưa xác định được" in warned and "10/2022/QH15" in warned
    assert "Nghị định 04/2015/NĐ-CP" in warned and "(chưa xác minh)" in warned
    # Seed 000 is of 2022-06, when it was in force: outdated today, not then.
    warned = section(site.get(f"/doc/{plan_id(store_path, '000')}").text, "outdated")
    assert "Vào ngày ban hành" not in warned and "Đến hôm nay" in warned and "34/2007/PL-UBTVQH11" in warned


def test_an_unverified_fact_is_labelled_so_on_the_page_and_in_the_api(site: httpx.Client) -> None:
    """Issue 16, item 3: the reference data's repeal of 04/2015/NĐ-CP is unverified."""
    status = re.search(r'<p id="status">(.*?)</p>', site.get("/doc/04/2015/NĐ-CP").text, re.S)
    assert status and "hết hiệu lực (chưa xác minh)" in status.group(1)
    doc = site.get("/documents/04/2015/NĐ-CP").json()
    assert (doc["status"], doc["status_code"]) == ("expired (unverified)", "expired")
    assert (doc["validity"]["verified"], doc["validity"]["by"], doc["validity"]["evidence"]) == (
        False, "10/2022/QH15", "reference")
    listed = site.get("/documents", params={"q": "04/2015/NĐ-CP"}).json()["items"]
    assert listed[0]["id"] == "04/2015/NĐ-CP" and listed[0]["status"] == "expired (unverified)"
    assert site.get("/documents/34/2007/PL-UBTVQH11").json()["status"] == "expired"  # verified: plainly
    assert site.get("/documents/10/2022/QH15").json()["validity"]["amended_by"] == ["47/2024/QH15"]


def test_a_sentence_with_a_script_is_escaped(site: httpx.Client) -> None:
    page = site.get(f"/doc/{REPEALED}").text
    repealed = section(page, "validity")
    assert "Bị bãi bỏ bởi" in repealed and "77/2024/QĐ-UBND" in repealed
    assert "<script>alert" not in page and "&lt;script&gt;" in repealed
    assert SCRIPT in unescape(repealed)
    decision = site.get("/doc/77/2024/QĐ-UBND@ha-tinh").text  # its acts and its own text
    assert "<script>alert" not in decision and "&lt;script&gt;" in section(decision, "acts")


def test_the_page_does_not_extract_the_file_again(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The text is linked from the citations the graph holds: finding citations is never run per view."""
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the page extracted the file")

    monkeypatch.setattr("luocdo.ingest.pipeline.find_citations", refuse)
    monkeypatch.setattr("luocdo.ingest.find.find_citations", refuse)
    app = create_app(lambda: LadybugStore(store_path, read_only=True))
    with TestClient(app) as client:
        page = client.get(f"/doc/{plan_id(store_path, '001')}")
    assert page.status_code == 200
    text = section(page.text, "text")
    assert 'class="cite implements" href="/doc/10%2F2022%2FQH15"' in text or '/doc/10%2F2022%2FQH15' in text
    assert "Hưng Đạo" in text


def test_an_act_another_document_states_is_shown_as_theirs(site: httpx.Client) -> None:
    """Decision 80/2025 says that 47/2024/QH15 amends 10/2022/QH15. On 47/2024's page that fact is
    attributed to the decision, and neither listed among 47/2024's own citations nor linked in its
    text at the decision's offsets (they index the decision's file, not the law's)."""
    page = site.get("/doc/47/2024/QH15").text
    stated = [item for item in section(page, "acts").split("<li>") if "Điều 11 Luật số 10/2022/QH15" in item]
    assert len(stated) == 1 and "theo Quyết định 80/2025/QĐ-UBND" in stated[0]
    assert "Điều 11 Luật số 10/2022/QH15" not in section(page, "outgoing")
    rows = site.get("/documents/47/2024/QH15/citations").json()["items"]
    (fact,) = [r for r in rows if r["origin"] and r["origin"].startswith("80/2025/QĐ-UBND")]
    linked = re.findall(r'<a class="cite amends"[^>]*>(.*?)</a>', page, re.S)
    own = [r for r in rows if r["relation"] == "AMENDS" and r["origin"] in (None, "47/2024/QH15")
           and r["start_offset"] is not None]
    assert fact["start_offset"] is not None and len(linked) == len(own)


def test_an_unnumbered_plan_is_named_by_its_title_never_its_id(site: httpx.Client, store_path: Path) -> None:
    """A seed plan has no number: its page, its graph and its tree are headed by type and title
    (the window's title too), never by the internal ``file:…~hash`` id (issue 17, item 5)."""
    doc = plan_id(store_path, "001")
    assert doc.startswith("file:")
    for path in (f"/doc/{doc}", f"/graph/{doc}", f"/tree/{doc}"):
        html = site.get(path).text
        visible = re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<script.*?</script>", "", html))
        assert "Kế hoạch Thực hiện dân chủ ở cơ sở trên địa bàn xã Hưng Đạo năm 2025" in visible, path
        title = re.search(r"<title>(.*?)</title>", html)
        assert title and "~" not in title.group(1) and doc not in visible, path
