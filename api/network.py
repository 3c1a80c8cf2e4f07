"""A neighbourhood drawn as an interactive network (pyvis builds it; vis-network draws it).

Colour says the level (national, province, district, commune), a red border the Party branch,
shape the type of document; IMPLEMENTS, BASED_ON, CITES and REPLACES edges are styled apart, and
citations of documents no longer in force are red, with "replaced by … since …" as their tooltip.
Tooltips are plain strings: vis-network shows them as text, never as HTML.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyvis
from pyvis.network import Network

from luocdo.queries.neighbourhood import Edge, Neighbourhood

LEVEL_COLOURS = {"national": "#1f4e79", "province": "#2e7d32", "district": "#e0a100", "commune": "#8e44ad"}
UNKNOWN_COLOUR = "#8a8a8a"
PARTY_BORDER = "#c62828"
SHAPES = {"Hiến pháp": "star", "Luật": "box", "Bộ luật": "box", "Pháp lệnh": "box", "Nghị định": "diamond",
          "Thông tư": "diamond", "Quyết định": "triangle", "Quy định": "triangle", "Chỉ thị": "star",
          "Nghị quyết": "square", "Kết luận": "triangleDown", "Thông báo": "triangleDown", "Kế hoạch": "dot",
          "Công văn": "ellipse", "Hướng dẫn": "hexagon"}
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "IMPLEMENTS": {"color": "#1f4e79", "width": 3},
    "BASED_ON": {"color": "#2e7d32", "width": 2, "dashes": True},
    "CITES": {"color": "#9e9e9e", "width": 1},
    "REPLACES": {"color": "#6a1b9a", "width": 2, "dashes": [2, 6]},
    "AMENDS": {"color": "#6a1b9a", "width": 1, "dashes": [8, 4]},
    "REPEALS": {"color": "#6a1b9a", "width": 2, "dashes": [2, 2]},
}
OUTDATED = "#d32f2f"
OPTIONS = {
    "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 150},
                "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120}},
    "interaction": {"hover": True, "tooltipDelay": 150},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "smooth": {"type": "continuous"}},
    "nodes": {"font": {"size": 13}},
}
_VIS = Path(str(files("pyvis"))) / "templates" / "lib" / "vis-9.1.2"
VIS_VERSION = "9.1.2 (shipped with pyvis " + pyvis.__version__ + ")"


def build_network(hood: Neighbourhood) -> Network:
    """The pyvis network of a neighbourhood."""
    net = Network(directed=True, cdn_resources="local")
    for doc_id, node in hood.nodes.items():
        net.add_node(doc_id, **_node_style(doc_id, node, focus=doc_id == hood.focus))
    for doc_id, left in hood.more.items():
        net.add_node(f"more:{doc_id}", label=f"+{left} more", shape="text", title=f"{left} more documents not shown",
                     group="more", level=None, year=None)
        net.add_edge(doc_id, f"more:{doc_id}", color="#bbbbbb", dashes=True, relation="MORE", arrows="")
    for e in hood.edges:
        net.add_edge(e.source, e.target, **_edge_style(e, hood))
    net.options = OPTIONS
    return net


def payload(hood: Neighbourhood) -> dict[str, Any]:
    """What the page's script needs: nodes, edges and options, as JSON-ready data."""
    net = build_network(hood)
    return {"focus": hood.focus, "nodes": net.nodes, "edges": net.edges, "options": OPTIONS}


def standalone_html(hood: Neighbourhood, focus: dict[str, Any], *, link_base: str = "") -> str:
    """The graph view as one self-contained HTML file: scripts and styles inline, nothing fetched."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    folder = Path(str(files("luocdo.api"))) / "templates"
    static = Path(str(files("luocdo.api"))) / "static"
    env = Environment(loader=FileSystemLoader(folder), autoescape=select_autoescape(["html"]))
    label = f"{focus.get('type') or ''} {focus.get('number') or focus['id']}".strip()
    return env.get_template("viz.html").render(
        focus_label=label, depth=None, data_json=script_json(payload(hood)), link_base=link_base,
        vis_js=_inline_safe(vis_script()), vis_css=vis_stylesheet(),
        graph_js=_inline_safe((static / "graph.js").read_text(encoding="utf-8")),
        luocdo_css=(static / "luocdo.css").read_text(encoding="utf-8"))


def _inline_safe(script: str) -> str:
    """A script that can sit inside <script>…</script>: no literal closing tag in it."""
    return script.replace("</script", "<\\/script")


def vis_script() -> str:
    return (_VIS / "vis-network.min.js").read_text(encoding="utf-8")


def vis_stylesheet() -> str:
    return (_VIS / "vis-network.css").read_text(encoding="utf-8")


def vis_folder() -> Path:
    """Where the vis-network files are, to serve them."""
    return _VIS


def script_json(data: Any) -> str:
    """JSON safe inside a <script> element: no "</script>", no HTML comment opener."""
    return (json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026"))


def _node_style(doc_id: str, node: dict[str, Any], *, focus: bool) -> dict[str, Any]:
    level = node.get("level")
    colour = LEVEL_COLOURS.get(level or "", UNKNOWN_COLOUR)
    party = node.get("branch") == "party"
    label = node.get("number") or (node.get("title") or doc_id)[:40]
    lines = [f"{node.get('type') or 'Văn bản'} {node.get('number') or ''}".strip(), node.get("title") or "",
             node.get("issuer") or "", f"{level or 'level unknown'} · {node.get('date') or 'no date'}",
             f"status: {node.get('status') or 'unknown'}", doc_id]
    return {
        "label": label, "title": "\n".join(line for line in lines if line),
        "shape": SHAPES.get(node.get("type") or "", "ellipse"),
        "color": {"background": colour, "border": PARTY_BORDER if party else colour,
                  "highlight": {"background": colour, "border": "#000000"}},
        "borderWidth": 4 if party else 1, "size": 28 if focus else 16,
        "font": {"color": "#ffffff" if SHAPES.get(node.get("type") or "") == "box" else "#222222"},
        "level": level, "branch": node.get("branch"), "year": (node.get("date") or "")[:4] or None,
        "in_corpus": bool(node.get("in_corpus")),
    }


def _edge_style(e: Edge, hood: Neighbourhood) -> dict[str, Any]:
    style = dict(EDGE_STYLES.get(e.relation, {}))
    tooltip = f"{e.relation.replace('_', ' ').lower()}" + (f" ×{e.mentions}" if e.mentions > 1 else "")
    if e.outdated:
        style["color"] = OUTDATED
        style["width"] = max(style.get("width", 1), 2)
        cited = hood.nodes[e.target].get("number") or e.target
        tooltip = f"{cited}: replaced by {e.replaced_by or 'a later document'} since {e.since}"
    return {**style, "title": tooltip, "relation": e.relation, "outdated": e.outdated}
