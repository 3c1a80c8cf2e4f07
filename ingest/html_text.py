"""Reading an HTML page: its visible text, one block element a line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from luocdo.ingest.encodings import decode_text_bytes
from luocdo.ingest.models import RawText

_HTML_HIDDEN = {"script", "style", "noscript", "template", "head", "title", "iframe", "object",
                "svg", "math", "canvas", "select", "button", "-comment", "!doctype"}
_HTML_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
}
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def read_html(data: bytes, source: str) -> RawText:
    """Visible text of an HTML page, one block element (paragraph, cell, list item) a line."""
    from selectolax.lexbor import LexborHTMLParser

    text, _ = decode_text_bytes(data, source, html=True)
    tree = LexborHTMLParser(text)
    root = tree.body or tree.root
    if root is None:
        return RawText(source, "", "html", "html")
    lines: list[str] = []
    current: list[str] = []
    for kind, value in _html_events(root):
        if kind == "text":
            current.append(value)
        elif current:  # a block boundary ends the line being built
            lines.append(_HTML_SPACE.sub(" ", "".join(current)).strip())
            current = []
    if current:
        lines.append(_HTML_SPACE.sub(" ", "".join(current)).strip())
    return RawText(source, "\n".join(line for line in lines if line), "html", "html")


def _html_events(root: Any) -> Iterator[tuple[str, str]]:
    """("text", …) for visible text and ("break", "") at block edges, in document order.

    Iterative, so a page nested thousands of levels deep cannot exhaust the stack.
    """
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag
        if closing:
            yield "break", ""
            continue
        if tag == "-text":
            yield "text", node.text_content or ""
            continue
        if tag in _HTML_HIDDEN or tag.startswith("-"):
            continue
        attributes = node.attributes
        if "hidden" in attributes or _DISPLAY_NONE.search(attributes.get("style") or ""):
            continue
        block = tag in _HTML_BLOCK
        if block:
            yield "break", ""
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
