"""Graphs built directly, without text: for tests about stores and views, not extraction."""

from __future__ import annotations

from luocdo.graph.model import CitationEdge, DocumentNode, FileGraph

HUB = "999/2024/NĐ-CP"


def hub_graphs(count: int) -> list[FileGraph]:
    """``count`` plans that all implement one decree: a node with ``count`` neighbours."""
    graphs = []
    for i in range(count):
        node = DocumentNode(id=f"{i}/KH-UBND@ubnd-tinh-hub@2024", type="Kế hoạch", number=f"{i}/KH-UBND",
                            level="commune" if i % 2 else "district", province="Hà Tĩnh", date="2024-05-01",
                            in_corpus=True, source=f"hub-{i}.txt", sha256=f"{i:064d}", citation_count=1)
        edge = CitationEdge(node.id, HUB, "IMPLEMENTS", 0, 20, f"Nghị định số {HUB}")
        graphs.append(FileGraph(node, [DocumentNode(id=HUB, number=HUB, type="Nghị định", level="national")], [edge]))
    return graphs


def synthetic_graphs(count: int) -> list[FileGraph]:
    """Plans citing national documents and each other: enough rows for several pages of a push."""
    graphs = []
    for i in range(count):
        node = DocumentNode(id=f"{i}/KH-UBND@ubnd-tinh-test@2024", type="Kế hoạch", number=f"{i}/KH-UBND",
                            level="province", province="Test", date="2024-01-01", in_corpus=True,
                            source=f"plan-{i}.txt", sha256=f"{i:064d}")
        cited = [DocumentNode(id="10/2022/QH15"), DocumentNode(id="34/2007/PL-UBTVQH11")]
        edges = [CitationEdge(node.id, "10/2022/QH15", "IMPLEMENTS", 10, 20, "Luật Thực hiện dân chủ ở cơ sở"),
                 *(CitationEdge(node.id, "34/2007/PL-UBTVQH11", "CITES", 100 * k, 100 * k + 30,
                                "Pháp lệnh số 34/2007/PL-UBTVQH11", sentence="Theo Pháp lệnh số 34/2007.")
                   for k in range(1, 4))]
        if i:
            prev = f"{i - 1}/KH-UBND@ubnd-tinh-test@2024"
            cited.append(DocumentNode(id=prev))
            edges.append(CitationEdge(node.id, prev, "CITES", 500, 520, f"Kế hoạch số {i - 1}/KH-UBND"))
        node.citation_count = len(edges)
        graphs.append(FileGraph(node, cited, edges))
    return graphs
