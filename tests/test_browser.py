"""The graph browser in a real browser: Debian's chromium, headless, driven by Playwright, against
a real ``luocdo serve`` on 127.0.0.1. Screenshots of each step go to tests/artifacts/, and of each
page at 1366×900 and 800×900 to tests/artifacts/screenshots/ (issue 17's acceptance)."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest
from playwright.sync_api import Browser, Dialog, Page, sync_playwright

from luocdo.graph.load import ingest_paths
from luocdo.graph.store import open_store

from .api_server import serving
from .conftest import ROOT, SAMPLES
from .graphs import HUB, hub_graphs
from .support import luocdo

ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
WIDTHS = (1366, 800)


def _chromium() -> str:
    """LUOCDO_CHROMIUM; else Debian's chromium on PATH; else Playwright's own download."""
    named = os.environ.get("LUOCDO_CHROMIUM") or shutil.which("chromium")
    if named:
        return named
    with sync_playwright() as p:
        return p.chromium.executable_path


CHROMIUM = _chromium()
if not Path(CHROMIUM).is_file():
    pytest.skip(f"no chromium at {CHROMIUM}: `make test` installs it (Debian's package as root, else"
                " `playwright install chromium`), or set LUOCDO_CHROMIUM to a chromium binary",
                allow_module_level=True)

XSS_PLAN = """ỦY BAN NHÂN DÂN
XÃ HƯNG ĐẠO

Số: 12/KH-UBND

Hưng Đạo, ngày 05 tháng 3 năm 2025

KẾ HOẠCH
<script>alert(1)</script> thực hiện dân chủ <img src=x onerror=alert(2)>

Thực hiện Luật Thực hiện dân chủ ở cơ sở năm 2022; Căn cứ Pháp lệnh số 34/2007/PL-UBTVQH11 ngày 20/4/2007;

I. MỤC ĐÍCH
1. Nội dung
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    folder = tmp_path_factory.mktemp("browser")
    (folder / "plans").mkdir()
    for f in SAMPLES.glob("*.txt"):
        shutil.copy(f, folder / "plans" / f.name)
    (folder / "plans" / "xss-plan.txt").write_text(XSS_PLAN, encoding="utf-8")
    with closing(open_store(folder / "store")) as store:
        ingest_paths(store, [folder / "plans"])
        store.ingest(hub_graphs(2000))
    with serving("--store", str(folder / "store"), log=folder / "server.log") as client:
        yield client


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page that records every request and every dialog (an alert() would be an injection)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    fetched: list[str] = []
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("request", lambda request: fetched.append(request.url))
    pg.on("dialog", on_dialog)
    pg.fetched, pg.dialogs = fetched, dialogs  # type: ignore[attr-defined]
    yield pg
    context.close()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def only_local(page: Page) -> None:
    foreign = [u for u in page.fetched if urlparse(u).scheme in ("http", "https")  # type: ignore[attr-defined]
               and urlparse(u).hostname != "127.0.0.1"]
    assert not foreign, foreign


def wait_for_network(page: Page, timeout: float = 30) -> None:
    """Until the network has drawn nodes (polled: the pages' CSP forbids the eval wait_for_function uses)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.evaluate("!!(window.luocdoNetwork && window.luocdoNetwork.network"
                         " && window.luocdoNetwork.network.body.nodeIndices.length > 0)"):
            return
        time.sleep(0.05)
    raise AssertionError("the network did not render")


def wait_until_still(page: Page, timeout: float = 30) -> None:
    """Until the drawing has stopped moving (the view turns physics off once it is laid out)."""
    wait_for_network(page, timeout)
    deadline = time.monotonic() + timeout
    while not page.evaluate("window.luocdoNetwork.stable") and time.monotonic() < deadline:
        time.sleep(0.05)


def test_search_to_document_to_graph(site: httpx.Client, page: Page) -> None:
    page.goto(f"{site.base_url}/")
    page.fill("input[name=q]", "phap lenh 34")
    page.click("header form button")
    page.wait_for_selector("table.results")
    shot(page, "1-search")
    page.click("text=Pháp lệnh 34/2007/PL-UBTVQH11")
    page.wait_for_selector("#doc-title")
    assert "34/2007/PL-UBTVQH11" in page.inner_text("#doc-title")
    citing = page.inner_text("#incoming")
    for issuer in ("Hồng Lĩnh", "Đức Phổ", "Trương Quang Trọng"):  # seeds 000, 002, 003, by who issued them
        assert issuer in citing
    assert "/tmp/" not in citing and ".txt" not in citing  # never a file path (issue 17)
    assert "BASED_ON" not in citing and "Căn cứ" in citing  # the pages' words are Vietnamese
    assert "10/2022/QH15" in page.inner_text("p:has(.replaced)")
    shot(page, "2-document")
    page.click("text=Xem lược đồ")
    wait_for_network(page)
    rendered = page.evaluate("window.luocdoNetwork.network.body.nodeIndices.length")
    red = page.evaluate("window.luocdoNetwork.edges.get({filter: e => e.outdated && e.color === '#d32f2f'}).length")
    assert rendered >= 4 and red >= 3
    shot(page, "3-graph")
    page.uncheck("input[name=relation][value=CITES]")  # the filters work on the drawn network
    shown = page.evaluate("window.luocdoNetwork.network.body.edgeIndices.length")
    assert shown < page.evaluate("window.luocdoNetwork.edges.length")
    only_local(page)
    assert not page.dialogs  # type: ignore[attr-defined]


def test_clicking_a_node_opens_its_page(site: httpx.Client, page: Page) -> None:
    page.goto(f"{site.base_url}/graph/10/2022/QH15")
    wait_for_network(page)
    position = page.evaluate("""() => { const n = window.luocdoNetwork.network;
        const p = n.canvasToDOM(n.getPositions(['10/2022/QH15'])['10/2022/QH15']);
        const r = document.getElementById('network').getBoundingClientRect();
        return {x: r.left + p.x, y: r.top + p.y}; }""")
    page.mouse.click(position["x"], position["y"])
    page.wait_for_url("**/doc/10%2F2022%2FQH15", timeout=10_000)
    assert "10/2022/QH15" in page.inner_text("#doc-title")


def test_a_script_in_a_title_stays_text(site: httpx.Client, page: Page) -> None:
    page.goto(f"{site.base_url}/?q=thuc hien dan chu")
    assert "<script>alert(1)</script>" in page.inner_text("table.results")
    found = site.get("/documents", params={"q": "script alert", "in_corpus": True}).json()["items"]
    (xss,) = [d["id"] for d in found if d["source"].endswith("xss-plan.txt")]
    page.goto(f"{site.base_url}/doc/{xss}")
    assert "<script>alert(1)</script>" in page.inner_text(".subtitle")
    assert "<img src=x onerror=alert(2)>" in page.inner_text("#text")
    page.goto(f"{site.base_url}/graph/{xss}")
    wait_for_network(page)
    title = page.evaluate(f"window.luocdoNetwork.nodes.get({xss!r}).title")
    assert "<script>alert(1)</script>" in title
    page.goto(f"{site.base_url}/audit?as_of=2024-01-01")
    shot(page, "4-audit")
    assert not page.dialogs  # type: ignore[attr-defined]
    assert page.evaluate("document.querySelectorAll('main script, main img').length") == 0


def test_audit_tables_sort_and_download(site: httpx.Client, page: Page) -> None:
    page.goto(f"{site.base_url}/audit?as_of=2024-01-01")
    rows = page.locator("#outdated tbody tr")
    assert rows.count() >= 3
    page.click("#outdated th:nth-child(5)")
    since = page.eval_on_selector_all("#outdated tbody tr td:nth-child(5)", "cells => cells.map(c => c.textContent)")
    assert since == sorted(since)
    with page.expect_download() as download:
        page.click("text=Tải CSV >> nth=0")
    assert download.value.suggested_filename == "outdated-citations.csv"


def test_implementation_tree_goes_down_to_communes(site: httpx.Client, page: Page) -> None:
    page.goto(f"{site.base_url}/tree/10/2022/QH15")
    tree = page.locator("#tree")
    assert "Lạng Sơn" in tree.inner_text()
    province = page.locator("details.tier-province", has_text="Lạng Sơn").first
    if province.get_attribute("open") is None:
        province.locator("summary").first.click()
    assert "xã Hưng Đạo" in province.inner_text()  # the plan's own commune
    units = province.locator(".unit-leaf.none, details.none")
    assert units.count() >= 5  # the units that have nothing are there
    empty = page.locator("#empty-provinces")
    empty.locator("summary").click()
    assert "Cao Bằng" in empty.inner_text()
    assert "district" not in tree.inner_text() and "unknown" not in tree.inner_text()
    shot(page, "5-tree")


def test_a_hub_opens_quickly_and_capped(site: httpx.Client, page: Page) -> None:
    start = time.monotonic()
    page.goto(f"{site.base_url}/graph/{HUB}")
    wait_until_still(page)
    seconds = time.monotonic() - start
    print(f"\ngraph view of a node with 2,000 neighbours rendered in {seconds:.2f} s")
    shown = page.evaluate("window.luocdoNetwork.nodes.length")
    groups = page.evaluate("window.luocdoNetwork.nodes.get({filter: n => !!n.expand}).map(n => [n.id, n.label])")
    counts = {label.split("\n")[1]: int(label.split()[0]) for _, label in groups}
    assert shown < 20 and counts == {"cấp huyện ở Hà Tĩnh": 1000, "cấp xã ở Hà Tĩnh": 1000}  # whole, though capped
    shot(page, "6-hub")
    key = groups[0][0]
    position = page.evaluate(f"""() => {{ const n = window.luocdoNetwork.network;
        const p = n.canvasToDOM(n.getPositions([{key!r}])[{key!r}]);
        const r = document.getElementById('network').getBoundingClientRect();
        return {{x: r.left + p.x, y: r.top + p.y}}; }}""")
    page.mouse.click(position["x"], position["y"])  # a group opens in place, its members from the server
    deadline = time.monotonic() + 10
    while page.evaluate("window.luocdoNetwork.nodes.length") < shown + 50 and time.monotonic() < deadline:
        time.sleep(0.05)
    opened = page.evaluate("window.luocdoNetwork.nodes.length") - shown + 1
    more = page.evaluate("window.luocdoNetwork.nodes.get({filter: n => n.group === 'more'}).map(n => n.label)")
    assert 50 < opened - 1 <= 200 and more == [f"+{1000 - (opened - 1)} văn bản khác trong nhóm"], (opened, more)
    assert any(u.startswith(f"{site.base_url}/graph-group/") for u in page.fetched)  # type: ignore[attr-defined]
    assert "/graph/" in page.url  # a group is not a page to open
    shot(page, "6-hub-opened")


def test_standalone_viz_needs_no_network(site: httpx.Client, page: Page, tmp_path: Path) -> None:
    out = tmp_path / "graph.html"
    store_dir = Path(site.get("/healthz").json() and tmp_path)  # the server holds its store: use a fresh one
    assert luocdo("ingest", str(SAMPLES), "--store", str(store_dir / "s")).returncode == 0
    result = luocdo("viz", "--focus", "34/2007/PL-UBTVQH11", "--depth", "2", "-o", str(out),
                    "--store", str(store_dir / "s"))
    assert result.returncode == 0, result.stderr
    page.goto(out.as_uri())
    wait_for_network(page)
    assert page.evaluate("window.luocdoNetwork.nodes.length") > 5
    assert all(u.startswith(("file:", "data:", "about:")) for u in page.fetched), page.fetched  # type: ignore[attr-defined]
    wait_until_still(page)
    position = page.evaluate("""() => { const n = window.luocdoNetwork.network;
        const p = n.canvasToDOM(n.getPositions(['34/2007/PL-UBTVQH11'])['34/2007/PL-UBTVQH11']);
        const r = document.getElementById('network').getBoundingClientRect();
        return {x: r.left + p.x, y: r.top + p.y}; }""")
    page.mouse.click(position["x"], position["y"])  # no server named: the details show beside the drawing
    page.wait_for_selector("#details:not([hidden])", timeout=10_000)
    assert "34/2007/PL-UBTVQH11" in page.inner_text("#details h2")
    assert page.url == out.as_uri()
    shot(page, "7-standalone")


PAGES = {
    "search": "/?q=thuc hien dan chu",
    "document": "/doc/34%2F2007%2FPL-UBTVQH11",
    "graph": "/graph/10/2022/QH15?depth=2",
    "graph-hub": f"/graph/{HUB}?depth=3",
    "tree": "/tree/10/2022/QH15",
    "audit": "/audit?as_of=2024-01-01",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_pages_at_two_widths(site: httpx.Client, browser: Browser, name: str) -> None:
    """Each page at 1366×900 and 800×900: a screenshot that shows something, and no sideways scrolling."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        try:
            pg = context.new_page()
            pg.goto(f"{site.base_url}{PAGES[name]}")
            if name.startswith("graph"):
                wait_until_still(pg)
            overflow = pg.evaluate("document.documentElement.scrollWidth - innerWidth")
            path = SCREENSHOTS / f"{name}-{width}.png"
            pg.screenshot(path=str(path))
            colours = pg.evaluate("document.body.innerText.trim().length")
        finally:
            context.close()
        assert path.stat().st_size > 15_000 and colours > 100, (path, path.stat().st_size)
        assert overflow <= 0, f"{name} at {width} px scrolls sideways by {overflow} px"
