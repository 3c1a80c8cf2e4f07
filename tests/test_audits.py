"""Audits for people (issue 16, item 4): ``audit outdated`` with filters, the citing document by
type and number, the source of each validity fact, undetermined rows; ``audit unknown``,
``audit unresolved``, the validity-known share in ``stats``; the same over HTTP.

The store: the sample plans (the seeds), decree 02/2021/NĐ-CP (``tests/gold/validity``; it repeals
10/2005/NĐ-CP from 2021-03-01), and two short plans written here that cite 10/2005/NĐ-CP: a
provincial plan of Hà Tĩnh dated 2022-01-05, and an undated, unnumbered draft.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from .api_server import serving
from .conftest import CORPUS, SAMPLES
from .support import luocdo

DECREE = Path(__file__).resolve().parent / "gold" / "validity" / "Nghi-dinh-02-2021-ND-CP.txt"
PLAN = """ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH
Số: 12/KH-UBND
Hà Tĩnh, ngày 05 tháng 01 năm 2022
KẾ HOẠCH
Thực hiện công tác hải quan năm 2022
Căn cứ Nghị định số 10/2005/NĐ-CP ngày 31 tháng 01 năm 2005 của Chính phủ;
Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15;
Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau.
"""
DRAFT = """KẾ HOẠCH
Thực hiện công tác hải quan
Căn cứ Nghị định số 10/2005/NĐ-CP ngày 31 tháng 01 năm 2005 của Chính phủ;
Căn cứ Pháp lệnh số 34/2007/PL-UBTVQH11 ngày 20 tháng 4 năm 2007;
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("audits")
    texts = folder / "texts"
    shutil.copytree(SAMPLES, texts)
    shutil.copy(DECREE, texts / DECREE.name)
    (texts / "plan-ha-tinh.txt").write_text(PLAN, encoding="utf-8")
    (texts / "draft.txt").write_text(DRAFT, encoding="utf-8")
    path = folder / "store"
    result = luocdo("ingest", str(texts), "--store", str(path))
    assert result.returncode == 0, result.stderr
    return path


def rows_of(*args: str) -> Any:
    result = luocdo(*args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def outdated(store: Path, *args: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = rows_of("audit", "outdated", "--store", str(store), "--json", *args)
    return rows


def test_a_repeal_read_in_a_text_makes_citations_outdated_with_its_source(store: Path) -> None:
    rows = [r for r in outdated(store, "--as-of", "2022-02-01") if r["cited"] == "10/2005/NĐ-CP"]
    by_citing = {r["citing_document"]: r for r in rows}
    assert set(by_citing) == {"Kế hoạch 12/KH-UBND", "Kế hoạch «Thực hiện công tác hải quan»"}
    row = by_citing["Kế hoạch 12/KH-UBND"]
    assert (row["status"], row["since"], row["by"], row["outdated"]) == ("expired", "2021-03-01", "02/2021/NĐ-CP",
                                                                         "outdated")
    assert (row["evidence"], row["said_by"]) == ("text", "Nghị định 02/2021/NĐ-CP")
    assert (row["by_id"], row["by_type"]) == ("02/2021/NĐ-CP", "Nghị định")  # the page names it by type
    assert "hết hiệu lực" in row["sentence"]
    assert not [r for r in outdated(store, "--as-of", "2021-02-28") if r["cited"] == "10/2005/NĐ-CP"]


def test_the_table_names_documents_and_fact_sources_never_files(store: Path) -> None:
    result = luocdo("audit", "outdated", "--as-of", "2024-01-01", "--store", str(store))
    assert result.returncode == 0, result.stderr
    table = result.stdout
    assert "Kế hoạch 12/KH-UBND" in table and "text of Nghị định 02/2021/NĐ-CP" in table
    assert "reference data (unverified)" in table  # 04/2015/NĐ-CP's formal repeal is unverified
    for path_like in (".txt", "file:", "/tmp", str(store.parent)):
        assert path_like not in table


def test_seed_checks_hold_pl34_outdated_from_2023_07_01_in_seeds_000_002_003(store: Path) -> None:
    def seeds_citing_pl34(day: str) -> list[str]:
        return sorted(Path(r["citing_source"]).name[:3] for r in outdated(store, "--as-of", day)
                      if r["cited"] == "34/2007/PL-UBTVQH11" and r["citing_source"].startswith(str(store.parent)) and
                      Path(r["citing_source"]).name[:3].isdigit())

    assert seeds_citing_pl34("2023-06-30") == []
    assert seeds_citing_pl34("2023-07-01") == ["000", "002", "003"]


def test_under_issue_a_citing_document_without_a_full_date_is_undetermined(store: Path) -> None:
    rows = outdated(store, "--as-of", "issue")
    draft = [r for r in rows if r["citing_document"] == "Kế hoạch «Thực hiện công tác hải quan»"]
    assert {(r["cited"], r["outdated"]) for r in draft} == {("10/2005/NĐ-CP", "undetermined"),
                                                            ("34/2007/PL-UBTVQH11", "undetermined")}
    dated = [r for r in rows if r["citing_document"] == "Kế hoạch 12/KH-UBND"]
    assert [(r["cited"], r["outdated"]) for r in dated] == [("10/2005/NĐ-CP", "outdated")]  # 2022-01-05 ≥ 2021-03-01
    year_only = [r for r in rows if r["citing_date"] == "2023" and r["cited"] == "34/2007/PL-UBTVQH11"]
    assert year_only and {r["outdated"] for r in year_only} == {"undetermined"}  # ended mid-2023


@pytest.mark.parametrize(("option", "keeps", "fewer"), [
    (["--plans-only"], lambda r: r["citing_type"] == "Kế hoạch", False),
    (["--province", "Hà Tĩnh"], lambda r: r["citing_province"] == "Hà Tĩnh", True),
    (["--type", "Kế hoạch", "--level", "province"],
     lambda r: (r["citing_type"], r["citing_level"]) == ("Kế hoạch", "province"), True),
    (["--relation", "CITES"], lambda r: "CITES" in r["relations"], True),
    (["--branch", "party"], lambda r: r["citing_branch"] == "party", True),
])
def test_outdated_filters(store: Path, option: list[str], keeps: Any, fewer: bool) -> None:
    every = outdated(store, "--as-of", "2025-01-01")
    some = outdated(store, "--as-of", "2025-01-01", *option)
    assert [r for r in every if keeps(r)] == some, option
    assert len(some) < len(every) if fewer else len(some) <= len(every)


def test_province_and_level_keep_exactly_the_matching_citing_documents(store: Path) -> None:
    rows = outdated(store, "--as-of", "2025-01-01", "--province", "hà tĩnh", "--level", "province")
    assert {r["citing_document"] for r in rows} == {"Kế hoạch 12/KH-UBND"}


def test_a_bad_relation_is_refused_with_one_line(store: Path) -> None:
    result = luocdo("audit", "outdated", "--relation", "REPEALS", "--store", str(store))
    assert result.returncode == 2 and "relation must be one of" in result.stderr


def test_unknown_ranks_documents_of_unknown_validity_with_csv(store: Path) -> None:
    rows = rows_of("audit", "unknown", "--store", str(store), "--json", "--limit", "500")
    numbers = {r["number"] for r in rows}
    assert "124-QĐ/TW" in numbers  # cited by two plans; nothing says whether it is in force
    assert not numbers & {"10/2005/NĐ-CP", "34/2007/PL-UBTVQH11", "10/2022/QH15"}  # known: a text, the reference
    ranks = [(r["citing_documents"], r["plans"], r["citations"]) for r in rows]
    assert ranks == sorted(ranks, reverse=True)
    assert all(r["plans"] <= r["citing_documents"] for r in rows)
    result = luocdo("audit", "unknown", "--store", str(store), "--csv", "--limit", "3")
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(table) == 3 and {"number", "citing_documents", "plans"} <= set(table[0])


def test_unresolved_lists_cited_documents_no_file_gave(store: Path) -> None:
    rows = rows_of("audit", "unresolved", "--store", str(store), "--json", "--limit", "500")
    numbers = {r["number"] for r in rows}
    assert "10/2005/NĐ-CP" in numbers and "02/2021/NĐ-CP" not in numbers  # the decree was read
    assert [r["citing_documents"] for r in rows] == sorted((r["citing_documents"] for r in rows), reverse=True)


def test_stats_report_the_validity_known_share(store: Path) -> None:
    stats = rows_of("stats", "--store", str(store), "--json")
    share = stats["validity"]
    assert 0 < share["known_citations"] < share["citations"]
    assert share["known_share"] == round(share["known_citations"] / share["citations"], 4)
    assert stats["edges"]["REPEALS"] >= 1 and "SUSPENDS" in stats["edges"]
    text = luocdo("stats", "--store", str(store)).stdout
    assert f"validity known for {share['known_citations']} of {share['citations']} citations" in text


@pytest.fixture(scope="module")
def api(store: Path) -> Iterator[httpx.Client]:
    with serving("--store", str(store)) as client:
        yield client


def test_the_audits_over_http(api: httpx.Client, store: Path) -> None:
    rows = api.get("/audit/outdated", params={"as_of": "2022-02-01", "plans_only": "true",
                                              "province": "Hà Tĩnh", "level": "province"}).json()["items"]
    assert {(r["citing_document"], r["cited"], r["evidence"]) for r in rows} == {
        ("Kế hoạch 12/KH-UBND", "10/2005/NĐ-CP", "text")}
    assert api.get("/audit/outdated", params={"relation": "REPEALS"}).status_code == 422
    undetermined = api.get("/audit/outdated", params={"as_of": "issue"}).json()["items"]
    assert any(r["outdated"] == "undetermined" for r in undetermined)
    unknown = api.get("/audit/unknown", params={"limit": 5}).json()["items"]
    assert len(unknown) == 5 and unknown[0]["citing_documents"] >= unknown[-1]["citing_documents"]
    assert api.get("/audit/unresolved", params={"limit": 5}).json()["items"]
    status = api.get("/audit/status", params={"id": "04/2015/NĐ-CP", "as_of": "2024-01-01"}).json()
    assert (status["status"], status["verified"], status["by"]) == ("expired (unverified)", False, "10/2022/QH15")
    status = api.get("/audit/status", params={"id": "10/2005/NĐ-CP", "as_of": "2021-03-01"}).json()
    assert (status["status"], status["evidence"], status["said_by"]) == ("expired", "text", "Nghị định 02/2021/NĐ-CP")
    assert api.get("/audit/status", params={"id": "99/9999/XX"}).status_code == 404


def test_the_audit_page_filters_and_pages(api: httpx.Client) -> None:
    page = api.get("/audit", params={"as_of": "2022-02-01", "province": "Hà Tĩnh", "level": "province"})
    assert page.status_code == 200
    html = page.text
    assert "Kế hoạch 12/KH-UBND" in html and "văn bản Nghị định 02/2021/NĐ-CP" in html
    assert "Trích dẫn văn bản đã hết hiệu lực (1)" in html
    assert ">Nghị định 02/2021/NĐ-CP</a>" in html and "Văn bản 02/2021" not in html  # the repealing decree by type
    assert "file:" not in html and ".txt" not in html
    every = api.get("/audit", params={"as_of": "2024-01-01"}).text
    assert "(chưa xác minh)" in every  # 04/2015/NĐ-CP's formal repeal is unverified
    first = api.get("/audit", params={"as_of": "2024-01-01", "per_page": 2}).text
    assert "trang 1/" in first and 'rel="next"' in first and first.count("<tr class=\"outdated\"") \
        + first.count("<tr class=\"undetermined\"") == 2
    # The conflicts table pages too, apart from the outdated one; the count is of all wrong values.
    conflicts = [api.get("/audit", params={"per_page": 1, "page": 2, "conflicts_page": n}).text.split('id="conflicts"')
                 for n in (1, 2)]
    wrong = re.search(r"Trích dẫn không thống nhất \((\d+) giá trị ghi sai\)", conflicts[0][0])
    assert wrong and int(wrong.group(1)) >= 2
    assert f"trang 1/{wrong.group(1)}" in conflicts[0][0] and "trang 2/" in conflicts[0][0]  # each its own page
    assert [c[1].count('<tr class="disagrees"') for c in conflicts] == [1, 1] and conflicts[0][1] != conflicts[1][1]
    assert re.search(r"page=2&(amp;)?conflicts_page=2#conflicts-section", conflicts[0][0])  # the outdated page is kept
    issue = api.get("/audit?as_of=&as_of=issue").text
    assert "chưa xác định được" in issue
    csv_text = api.get("/audit/outdated.csv", params={"as_of": "2022-02-01", "plans_only": "true"}).text
    rows = list(csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"))))
    assert rows and all(r["citing_type"] == "Kế hoạch" for r in rows)


TEMPORARY = """ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH
Số: 45/2022/QĐ-UBND
Hà Tĩnh, ngày 10 tháng 3 năm 2022
QUYẾT ĐỊNH
Về việc hỗ trợ giá vận chuyển hàng hóa năm 2022
Điều 1. Hỗ trợ giá vận chuyển hàng hóa cho các xã miền núi.
Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký đến hết ngày 31 tháng 12 năm 2023.
"""
FOLLOWER = """ỦY BAN NHÂN DÂN
HUYỆN HƯƠNG KHÊ
Số: 30/KH-UBND
Hương Khê, ngày 05 tháng 4 năm 2022
KẾ HOẠCH
Thực hiện hỗ trợ giá vận chuyển hàng hóa năm 2022
Thực hiện Quyết định số 45/2022/QĐ-UBND ngày 10 tháng 3 năm 2022 của UBND tỉnh Hà Tĩnh về việc hỗ trợ giá;
Ủy ban nhân dân huyện ban hành Kế hoạch thực hiện như sau.
"""


def test_a_document_that_states_its_own_end_is_outdated_the_day_after(tmp_path: Path) -> None:
    """"đến hết ngày 31/12/2023" is its last day in force: outdated from 2024-01-01, and the fact
    comes from its own text (not "text of its own text", not English on the pages)."""
    from fastapi.testclient import TestClient

    from luocdo.api.app import create_app
    from luocdo.graph.store import open_store

    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "qd.txt").write_text(TEMPORARY, encoding="utf-8")
    (tmp_path / "texts" / "kh.txt").write_text(FOLLOWER, encoding="utf-8")
    store = tmp_path / "store"
    assert luocdo("ingest", str(tmp_path / "texts"), "--store", str(store)).returncode == 0
    assert outdated(store, "--as-of", "2023-12-31") == []
    (row,) = outdated(store, "--as-of", "2024-01-01")
    assert (row["cited"], row["since"], row["evidence"], row["said_by"]) == (
        "45/2022/QĐ-UBND", "2024-01-01", "own text", "its own text")
    table = luocdo("audit", "outdated", "--store", str(store), "--as-of", "2024-01-01", "--csv").stdout
    assert "its own text" in table and "text of" not in table
    with TestClient(create_app(lambda: open_store(store, read_only=True))) as client:
        audit = client.get("/audit").text
        page = client.get(f"/doc/{row['cited_id']}").text
    assert "chính văn bản đó" in audit and "its own text" not in audit
    assert "chính văn bản đó" in page and "its own text" not in page


LASTING = TEMPORARY.replace("45/2022", "46/2022").replace(
    " kể từ ngày ký đến hết ngày 31 tháng 12 năm 2023.", " kể từ ngày ký.")


def test_in_force_only_as_far_as_known_is_said_so(tmp_path: Path) -> None:
    """A decision that took effect and that nothing known ends is 'in force (no end known)' — a weaker
    claim than the reference data's 'in force' for 10/2022/QH15 — in JSON and on its page."""
    from fastapi.testclient import TestClient

    from luocdo.api.app import create_app
    from luocdo.graph.store import open_store

    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "qd.txt").write_text(LASTING, encoding="utf-8")
    (tmp_path / "texts" / "plan.txt").write_text(PLAN, encoding="utf-8")  # cites 10/2022/QH15
    store = tmp_path / "store"
    assert luocdo("ingest", str(tmp_path / "texts"), "--store", str(store)).returncode == 0
    with TestClient(create_app(lambda: open_store(store, read_only=True))) as client:
        decision = client.get("/documents/46/2022/QĐ-UBND").json()
        law = client.get("/documents/10/2022/QH15").json()
        page = client.get(f"/doc/{decision['id']}").text
        law_page = client.get("/doc/10/2022/QH15").text
    assert (decision["status"], decision["status_code"]) == ("in force (no end known)", "in force")
    assert (law["status"], law["status_code"]) == ("in force", "in force")
    assert "chưa thấy hết hiệu lực" in page and "còn hiệu lực" not in page.split('id="status"')[1][:400]
    assert "còn hiệu lực" in law_page.split('id="status"')[1][:400]


def test_the_conflicts_table_folds_long_lists_of_citing_documents(tmp_path: Path) -> None:
    """The audit page lists the values written wrong beside the known one; on demand also those
    written right, whose citing documents can be dozens (02/2017/TT-VPCP's date: 71 in the corpus):
    three shown by number, the rest folded, never an internal id."""
    from fastapi.testclient import TestClient

    from luocdo.api.app import create_app
    from luocdo.graph.store import open_store

    texts = tmp_path / "texts"
    texts.mkdir()
    for n, date in enumerate(("10/10/2023",) * 5 + ("11/10/2023",), 1):
        (texts / f"qd{n}.txt").write_text(
            f"ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: {n}/QĐ-UBND\nHà Tĩnh, ngày 02 tháng 01 năm 2024\n\nQUYẾT ĐỊNH\n"
            f"Về việc công bố thủ tục hành chính\n\nCăn cứ Nghị định số 999/2023/NĐ-CP ngày {date} của Chính phủ;\n",
            encoding="utf-8")
    store = tmp_path / "store"
    assert luocdo("ingest", str(texts), "--store", str(store)).returncode == 0
    with TestClient(create_app(lambda: open_store(store, read_only=True))) as client:
        wrong_only = client.get("/audit").text.split('id="conflicts"')[1].split("</table>")[0]
        page = client.get("/audit", params={"agreeing": "true"}).text
    assert 'class="agrees"' not in wrong_only and wrong_only.count('class="disagrees"') == 1
    assert "11/10/2023" not in wrong_only and "2023-10-11" in wrong_only
    table = page.split('id="conflicts"')[1].split("</table>")[0]
    agreeing = next(row for row in table.split("<tr")[1:] if 'class="agrees"' in row and "ngày ban hành" in row)
    shown, folded = agreeing.split("<details>")
    assert shown.count("<a ") == 1 + 3 and "và 2 văn bản khác" in folded and folded.count("<a ") == 2
    assert "@" not in "".join(a.split(">", 1)[1] for a in agreeing.split("<a ")[1:])  # link texts: numbers only


def test_the_conflicts_table_names_citing_documents_as_a_reader_would(tmp_path: Path) -> None:
    """Citing documents are shown by type and number ("Quyết định 1/QĐ-UBND"), a plan without a
    number by its type and title: never "không số" or an internal id (issue 17, item 5)."""
    from fastapi.testclient import TestClient

    from luocdo.api.app import create_app
    from luocdo.graph.store import open_store

    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "qd.txt").write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 1/QĐ-UBND\nHà Tĩnh, ngày 02 tháng 01 năm 2024\n\nQUYẾT ĐỊNH\n"
        "Về việc công bố thủ tục hành chính\n\nCăn cứ Nghị định số 999/2023/NĐ-CP ngày 10/10/2023 của Chính phủ;\n",
        encoding="utf-8")
    (texts / "kh.txt").write_text(
        "ỦY BAN NHÂN DÂN\nXÃ HƯNG ĐẠO\n\nKẾ HOẠCH\nTriển khai công tác cải cách hành chính năm 2024\n\n"
        "Thực hiện Nghị định số 999/2023/NĐ-CP ngày 11/10/2023 của Chính phủ;\n", encoding="utf-8")
    store = tmp_path / "store"
    assert luocdo("ingest", str(texts), "--store", str(store)).returncode == 0
    with TestClient(create_app(lambda: open_store(store, read_only=True))) as client:
        page = client.get("/audit", params={"agreeing": "true"}).text
    table = page.split('id="conflicts"')[1].split("</table>")[0]
    links = [a.split(">", 1)[1].split("</a>")[0] for a in table.split("<a ")[1:]]
    assert "Quyết định 1/QĐ-UBND" in links
    assert "Kế hoạch Triển khai công tác cải cách hành chính năm 2024" in links
    assert "Nghị định 999/2023/NĐ-CP" in links
    assert not any("không số" in link or "file:" in link or "@" in link for link in links)


def test_a_number_in_capitals_is_no_conflict(tmp_path: Path) -> None:
    """tnt305_tvpl/2820-QD-UBND cites "Quyết định số 06/QĐ-TTg" and, in a title in capitals,
    "QUYẾT ĐỊNH SỐ 06/QĐ-TTG": the same symbol (its letter case tells nothing), so no conflict; a
    letter left out ("10/2024/TTBTC" for 10/2024/TT-BTC) still is one."""
    from luocdo.graph.store import open_store
    from luocdo.queries.audits import citation_conflicts

    texts = tmp_path / "texts"
    texts.mkdir()
    shutil.copy(CORPUS / "tnt305_tvpl" / "2820-QD-UBND__001c610b2efdcf0c.txt", texts)
    (texts / "qd.txt").write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 1/QĐ-UBND\nHà Tĩnh, ngày 02 tháng 01 năm 2025\n\nQUYẾT ĐỊNH\n"
        "Về việc công bố thủ tục hành chính\n\nCăn cứ Thông tư số 10/2024/TTBTC ngày 28/02/2024 của Bộ Tài chính;\n"
        "Căn cứ Thông tư số 10/2024/TT-BTC ngày 28/02/2024 của Bộ Tài chính;\n", encoding="utf-8")
    store = tmp_path / "store"
    assert luocdo("ingest", str(texts), "--store", str(store)).returncode == 0
    graph = open_store(store, read_only=True)
    try:
        rows = citation_conflicts(graph)
    finally:
        graph.close()
    said = {(r["number"], r["field"], r["said"]) for r in rows}
    assert not any(number == "06/QĐ-TTg" for number, _, _ in said)
    assert ("10/2024/TT-BTC", "number", "10/2024/TTBTC") in said
