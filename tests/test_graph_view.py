"""The graph view and the implementation tree on a real store, the application in this process: a hub
is sent as a few groups (bounded payload), a group opens from the server, depth 3 stays bounded,
the tree lists the units that have nothing, and the pages speak Vietnamese (issue 17, item 7)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from luocdo.graph.model import CitationEdge, DocumentNode, FileGraph
from luocdo.graph.store import open_store
from luocdo.ingest.places import units_of

from .api_server import in_process, ladybug
from .conftest import Stores

HUB = "999/2024/NĐ-CP"
LAW = "1/2020/QH14"  # the hub is based on it; 50 provincial plans of Quảng Ngãi cite it too
HA_TINH = units_of("Hà Tĩnh", "commune", on="2024-01-01")  # real units, for the tree


def _plan(i: int, level: str, province: str, place: object | None = None) -> DocumentNode:
    district = getattr(place, "district", None)
    commune = getattr(place, "commune", None) if level == "commune" else None
    return DocumentNode(id=f"{i}/KH-UBND@test@{province}@2024", type="Kế hoạch", number=f"{i}/KH-UBND",
                        issuer=f"UBND {commune or district or province}", level=level, province=province,
                        district=district, commune=commune, date="2024-05-01", in_corpus=True,
                        source=f"plan-{i}.txt", sha256=f"{i:064d}", citation_count=1, title=f"Kế hoạch {i}")


def _graphs() -> list[FileGraph]:
    hub = DocumentNode(id=HUB, number=HUB, type="Nghị định", level="national", issuer="Chính phủ")
    law = DocumentNode(id=LAW, number=LAW, type="Luật", level="national", issuer="Quốc hội")
    plans = ([_plan(i, "commune", "Hà Tĩnh", HA_TINH[i % 3]) for i in range(100)]
             + [_plan(i, "district", "Hà Tĩnh", HA_TINH[0]) for i in range(100, 140)]
             + [_plan(i, "commune", "Nghệ An") for i in range(140, 180)])
    graphs = [FileGraph(p, [hub], [CitationEdge(p.id, HUB, "IMPLEMENTS", 0, 20, f"Nghị định số {HUB}",
                                                cited_date="2024-01-01" if i % 2 else "2024-01-02")])
              for i, p in enumerate(plans)]
    hub_file = DocumentNode(**{**hub.__dict__, "in_corpus": True, "source": "hub.txt", "sha256": "f" * 64,
                               "citation_count": 1})
    graphs.append(FileGraph(hub_file, [law], [CitationEdge(HUB, LAW, "BASED_ON", 0, 10, f"Luật số {LAW}")]))
    for i in range(300, 350):
        p = _plan(i, "province", "Quảng Ngãi")
        graphs.append(FileGraph(p, [law], [CitationEdge(p.id, LAW, "CITES", 0, 10, f"Luật số {LAW}")]))
    return graphs


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    path = tmp_path_factory.mktemp("graph-view") / "store"
    with closing(open_store(path)) as store:
        store.ingest(_graphs())
    with in_process(ladybug(path)) as client:
        yield client


def _payload(html: str) -> dict:
    return json.loads(re.search(r'id="graph-data">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]


def test_a_hub_is_sent_as_groups_by_level_and_province(site: httpx.Client) -> None:
    page = site.get(f"/graph/{HUB}")
    assert page.status_code == 200
    data = _payload(page.text)
    groups = {n["label"]: n for n in data["nodes"] if n.get("expand")}
    assert set(groups) >= {"100 kế hoạch\ncấp xã ở Hà Tĩnh", "40 kế hoạch\ncấp huyện ở Hà Tĩnh",
                           "40 kế hoạch\ncấp xã ở Nghệ An"}, groups
    assert not [n for n in data["nodes"] if n["id"].startswith(tuple(f"{i}/KH-UBND@" for i in range(180)))]
    assert len(data["nodes"]) <= 10 and len(page.content) < 60_000  # was 120 plans drawn one by one
    edge = next(e for e in data["edges"] if e["from"] == groups["100 kế hoạch\ncấp xã ở Hà Tĩnh"]["id"])
    assert edge["to"] == HUB and edge["relation"] == "IMPLEMENTS" and edge["label"] == "×100"


def test_a_group_opens_from_the_server(site: httpx.Client) -> None:
    data = _payload(site.get(f"/graph/{HUB}").text)
    key = next(n["expand"] for n in data["nodes"] if n.get("label", "").startswith("40 kế hoạch\ncấp xã ở Nghệ An"))
    opened = site.get(f"/graph-group/{quote(HUB, safe='')}", params={"key": key, "depth": 1})
    assert opened.status_code == 200
    members = opened.json()
    assert len(members["nodes"]) == 40 and len(members["edges"]) == 40
    assert {e["to"] for e in members["edges"]} == {HUB}
    assert all(n["label"].endswith("\nUBND Nghệ An") for n in members["nodes"])  # the issuer on plan nodes
    missing = site.get(f"/graph-group/{quote(HUB, safe='')}", params={"key": "group:9|in|x|y|z"})
    assert missing.status_code == 404


def test_depth_three_around_a_hub_stays_bounded(site: httpx.Client) -> None:
    data = _payload(site.get(f"/graph/{HUB}", params={"depth": 3}).text)
    drawn = [n for n in data["nodes"] if n.get("group") != "more"]
    assert len(drawn) <= 60
    labels = {n["label"] for n in drawn}
    assert "50 văn bản\ncấp tỉnh ở Quảng Ngãi" in labels  # past the first step: by level and province


def test_the_tree_lists_every_unit_with_its_status(site: httpx.Client) -> None:
    page = site.get(f"/tree/{HUB}")
    assert page.status_code == 200
    html = page.text
    assert html.count("<details") >= 3 and "Hà Tĩnh" in html and "Nghệ An" in html
    districts = {p.district for p in units_of("Hà Tĩnh", "district", on="2024-01-01")}
    assert all(d in html for d in districts if d)  # every district, those with nothing too
    assert HA_TINH[0].commune in html and "chưa có văn bản" in html
    assert re.search(r"Cao Bằng", html)  # a province with nothing is listed
    words = re.sub(r'class="[^"]*"', "", html)
    assert "unknown" not in words and "district" not in words  # no code of the graph shown


def test_conflicting_citations_are_named_in_vietnamese(site: httpx.Client) -> None:
    page = site.get(f"/doc/{HUB}")
    conflicts = re.search(r'<section id="conflicts">(.*?)</section>', page.text, re.S)
    assert conflicts, "the hub is cited with two dates"
    assert "ngày ban hành" in conflicts.group(1) and "date:" not in conflicts.group(1)


def test_viz_links_to_the_server_or_shows_details(tmp_path: Path) -> None:
    from .support import luocdo

    store = tmp_path / "s"
    with closing(open_store(store)) as opened:
        opened.ingest(_graphs()[:80])
    linked = tmp_path / "linked.html"
    assert luocdo("viz", "--focus", HUB, "-o", str(linked), "--store", str(store),
                  "--server", "http://127.0.0.1:8000/").returncode == 0
    assert 'data-link-base="http://127.0.0.1:8000/doc/"' in linked.read_text(encoding="utf-8")
    plain = tmp_path / "plain.html"
    assert luocdo("viz", "--focus", HUB, "-o", str(plain), "--store", str(store)).returncode == 0
    text = plain.read_text(encoding="utf-8")
    assert 'data-link-base=""' in text and 'id="details"' in text
    data = _payload(text)
    (key,) = [n["expand"] for n in data["nodes"] if n.get("expand")]
    assert len(data["groups"][key]["nodes"]) == 80  # a file has no server: the members are in it


def test_many_small_groups_are_gathered_across_provinces(tmp_path: Path, stores: Stores) -> None:
    """A national law implemented by one decision in each of 30 provinces: one group, not 30 shapes."""
    from luocdo.api.network import payload
    from luocdo.queries.neighbourhood import neighbourhood

    law = DocumentNode(id=LAW, number=LAW, type="Luật", level="national")
    provinces = sorted({p.province for p in units_of("Hà Tĩnh", "district", on="2024-01-01")} |
                       {f"Tỉnh {i}" for i in range(29)})
    graphs = []
    for i, province in enumerate(provinces):
        node = DocumentNode(id=f"{i}/QĐ-UBND@{province}", type="Quyết định", number=f"{i}/QĐ-UBND", level="province",
                            province=province, in_corpus=True, source=f"q{i}.txt", sha256=f"{i:064d}",
                            citation_count=1, issuer=f"UBND {province}")
        graphs.append(FileGraph(node, [law], [CitationEdge(node.id, LAW, "IMPLEMENTS", 0, 10, f"Luật số {LAW}")]))
    store = stores.open(tmp_path / "s")
    store.ingest(graphs)
    (focus,) = store.query("MATCH (d:Document {id: $id}) RETURN d", {"id": LAW})
    hood = neighbourhood(store, focus["d"])
    labels = [n["label"] for n in payload(hood)["nodes"] if n.get("expand")]
    assert labels == [f"{len(provinces)} quyết định\ncấp tỉnh ở {len(provinces)} tỉnh, thành phố"]
    assert len(hood.nodes) == 1  # the law alone, one by one
