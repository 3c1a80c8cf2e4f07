"""A neighbourhood drawn as an interactive network (pyvis builds it; vis-network draws it).

Colour says the level (national, province, district, commune), a red border the Party branch,
shape the type of document; plans carry their issuer under their number. IMPLEMENTS, BASED_ON,
CITES and REPLACES edges are styled apart, and citations of documents no longer in force are red,
with "thay thế bởi … từ …" as their tooltip. A group of alike neighbours is one dashed box that
opens on click. Tooltips are plain strings: vis-network shows them as text, never as HTML.
"""

from __future__ import annotations

import json
from collections import Counter
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyvis
from pyvis.network import Network

from luocdo.api.vocabulary import vi
from luocdo.ingest.kinds import Level
from luocdo.queries.neighbourhood import ACROSS, Edge, Group, Neighbourhood

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
SHAPE_GLYPHS = {"star": "★", "box": "▭", "diamond": "◆", "triangle": "▲", "square": "■", "triangleDown": "▼",
                "dot": "●", "ellipse": "◯", "hexagon": "⬢"}
LOCAL_LEVELS = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)
LABEL_INSIDE = ("box", "ellipse")  # shapes vis-network writes the label in: white on the level's colour
OPTIONS = {
    "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 250},
                "forceAtlas2Based": {"gravitationalConstant": -110, "springLength": 130, "avoidOverlap": 0.6}},
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
        style = _node_style(doc_id, node, focus=doc_id == hood.focus)
        if doc_id != hood.focus and hood.more.get(doc_id):
            style = _with_more(style, hood.more[doc_id])
        net.add_node(doc_id, **style)
    for group in hood.groups.values():
        net.add_node(group.key, **_group_style(group))
    for group in hood.groups.values():
        links = group.links()
        for drawn, relations, members in links:
            ends = (drawn, group.key) if group.direction == "out" else (group.key, drawn)
            net.add_edge(*ends, **_group_edge_style(relations, group.size if len(links) == 1 else members))
    if hood.more.get(hood.focus):  # around other documents the count goes in their label: fewer shapes
        left = hood.more[hood.focus]
        net.add_node(f"more:{hood.focus}", label=f"+{left} văn bản khác", shape="text",
                     title=f"{left} văn bản khác không được vẽ", group="more", level=None, year=None)
        net.add_edge(hood.focus, f"more:{hood.focus}", color="#bbbbbb", dashes=True, relation="MORE", arrows="")
    for e in hood.edges:
        net.add_edge(e.source, e.target, **_edge_style(e, hood))
    net.options = OPTIONS
    return net


def payload(hood: Neighbourhood) -> dict[str, Any]:
    """What the page's script needs: nodes, edges and options, as JSON-ready data."""
    net = build_network(hood)
    return {"focus": hood.focus, "nodes": net.nodes, "edges": net.edges, "options": OPTIONS}


def group_payload(hood: Neighbourhood, key: str) -> dict[str, Any]:
    """An opened group's members and their edges, to add to a drawn network in place of ``key``."""
    group = hood.groups[key]
    every = Neighbourhood(hood.focus, {**hood.nodes, **group.members})  # for the cited numbers in tooltips
    nodes = [_node_style(i, n, focus=False) | {"id": i} for i, n in group.members.items()]
    edges = [_edge_style(e, every) | {"from": e.source, "to": e.target} for e in group.edges]
    if group.size > len(group.members):  # the cap cut the group: say how many more it stands for
        left, anchor = group.size - len(group.members), group.edges[0].target if group.direction == "in" \
            else group.edges[0].source
        nodes.append({"id": f"more:{key}", "label": f"+{left} văn bản khác trong nhóm", "shape": "text",
                      "title": f"{left} văn bản khác của nhóm không được vẽ", "group": "more"})
        edges.append({"from": anchor, "to": f"more:{key}", "color": "#bbbbbb", "dashes": True, "relation": "MORE",
                      "arrows": ""})
    return {"group": key, "nodes": nodes, "edges": edges}


def legend() -> dict[str, Any]:
    """What the legend explains: colours by level, shapes by type, edges by relation."""
    shapes: dict[str, list[str]] = {}
    for doc_type, shape in SHAPES.items():
        shapes.setdefault(shape, []).append(doc_type)
    return {
        "levels": [(level, vi(level), colour) for level, colour in LEVEL_COLOURS.items()],
        "shapes": [(SHAPE_GLYPHS[shape], ", ".join(types) + (", loại khác" if shape == "ellipse" else ""))
                   for shape, types in shapes.items()],
        "relations": [(vi(rel), style["color"], _css_line(style)) for rel, style in EDGE_STYLES.items()],
    }


def _css_line(style: dict[str, Any]) -> str:
    dashes = style.get("dashes")
    kind = "solid" if not dashes else "dotted" if dashes in ([2, 6], [2, 2]) else "dashed"
    return f"{max(2, style.get('width', 1))}px {kind} {style['color']}"


def standalone_html(hood: Neighbourhood, focus: dict[str, Any], *, link_base: str = "") -> str:
    """The graph view as one self-contained HTML file: scripts and styles inline, nothing fetched."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    folder = Path(str(files("luocdo.api"))) / "templates"
    static = Path(str(files("luocdo.api"))) / "static"
    env = Environment(loader=FileSystemLoader(folder), autoescape=select_autoescape(["html"]))
    env.filters["vi"] = vi
    return env.get_template("viz.html").render(
        focus_label=focus_name(focus), depth=None, data_json=script_json(standalone_payload(hood)), link_base=link_base,
        legend=legend(),
        vis_js=_inline_safe(vis_script()), vis_css=vis_stylesheet(),
        graph_js=_inline_safe((static / "graph.js").read_text(encoding="utf-8")),
        luocdo_css=(static / "luocdo.css").read_text(encoding="utf-8"))


def standalone_payload(hood: Neighbourhood) -> dict[str, Any]:
    """The payload plus every group's members: a file has no server to ask when a group is opened."""
    return payload(hood) | {"groups": {k: group_payload(hood, k) for k in hood.groups}}


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
    doc_type = node.get("type") or "Văn bản"
    status = node.get("status") or "unknown"
    lines = [f"{doc_type} {node.get('number') or ''}".strip(), node.get("title") or "", node.get("issuer") or "",
             f"{vi(level) if level else 'chưa rõ cấp'} · {node.get('date') or 'chưa rõ ngày'}", vi(status)]
    return {
        "label": node_label(node, doc_id), "title": "\n".join(line for line in lines if line),
        "shape": SHAPES.get(node.get("type") or "", "ellipse"),
        "color": {"background": colour, "border": PARTY_BORDER if party else colour,
                  "highlight": {"background": colour, "border": "#000000"}},
        "borderWidth": 4 if party else 1, "size": 28 if focus else 16,
        "font": {"color": "#ffffff" if SHAPES.get(node.get("type") or "", "ellipse") in LABEL_INSIDE else "#222222"},
        "level": level, "branch": node.get("branch"), "year": (node.get("date") or "")[:4] or None,
        "in_corpus": bool(node.get("in_corpus")),
    }


def _with_more(style: dict[str, Any], left: int) -> dict[str, Any]:
    """A document whose other neighbours were not drawn: "+N" after its number, and said in its tooltip."""
    first, _, rest = style["label"].partition("\n")
    label = f"{first} (+{left})" + (f"\n{rest}" if rest else "")
    return style | {"label": label, "title": f"{style['title']}\n+{left} văn bản liên quan khác không được vẽ"}


def focus_name(doc: dict[str, Any]) -> str:
    """The document a view is about, as its heading names it: type and number, else type and
    title; never its internal id."""
    return f"{doc.get('type') or 'Văn bản'} {doc.get('number') or _cut(doc.get('title') or '(không số)', 80)}"


def node_label(node: dict[str, Any], doc_id: str) -> str:
    """A number, else type and date; for a local plan, its issuer on a second line."""
    first = node.get("number") or " ".join(filter(None, [node.get("type"), node.get("date")])) \
        or _cut(node.get("title") or "", 40) or (doc_id if not doc_id.startswith("file:") else "Văn bản chưa rõ số")
    issuer = node.get("issuer")
    if issuer and (node.get("type") == "Kế hoạch" or node.get("level") in LOCAL_LEVELS):
        return f"{first}\n{_cut(issuer, 34)}"
    return first


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


def group_label(group: Group) -> str:
    """ "37 kế hoạch / cấp xã ở Hà Tĩnh" """
    what = (group.type or "văn bản").lower()
    where = vi(group.level) if group.level else "chưa rõ cấp"
    if group.province == ACROSS:
        where += f" ở {len(group.provinces)} tỉnh, thành phố"
    elif group.province:
        where += f" ở {group.province}"
    return f"{group.size} {what}\n{where}"


def _group_style(group: Group) -> dict[str, Any]:
    colour = LEVEL_COLOURS.get(group.level or "", UNKNOWN_COLOUR)
    said = "được trích dẫn" if group.direction == "out" else "trích dẫn văn bản nối với nhóm"
    return {
        "label": group_label(group), "shape": "box", "expand": group.key,
        "title": f"{group_label(group).replace(chr(10), ' ')} ({said}) — nhấn để mở",
        "color": {"background": "#ffffff", "border": colour, "highlight": {"background": "#f5f5f5", "border": "#000"}},
        "borderWidth": 2, "shapeProperties": {"borderDashes": [6, 3], "borderRadius": 8},
        "font": {"color": "#222222", "multi": False}, "margin": 8,
        "level": group.level, "branch": None, "year": None, "in_corpus": True, "members": group.size,
    }


def _group_edge_style(relations: Counter[str], members: int) -> dict[str, Any]:
    relation, _ = relations.most_common(1)[0]
    style = dict(EDGE_STYLES.get(relation, {}))
    style["width"] = min(8, style.get("width", 1) + members // 10)
    counts = ", ".join(f"{vi(r)} ×{n}" for r, n in relations.most_common())
    return {**style, "title": counts, "relation": relation, "outdated": False,
            **({"label": f"×{members}"} if members > 1 else {})}


def _edge_style(e: Edge, hood: Neighbourhood) -> dict[str, Any]:
    style = dict(EDGE_STYLES.get(e.relation, {}))
    tooltip = vi(e.relation) + (f" ×{e.mentions}" if e.mentions > 1 else "")
    if e.outdated:
        style["color"] = OUTDATED
        style["width"] = max(style.get("width", 1), 2)
        target = hood.nodes.get(e.target, {})
        cited = target.get("number") or e.target
        tooltip = f"{cited}: thay thế bởi {e.replaced_by or 'một văn bản sau'} từ {e.since}"
    return {**style, "title": tooltip, "relation": e.relation, "outdated": e.outdated}
