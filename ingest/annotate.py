"""Annotate: the original text as HTML, every citation highlighted and linked to its document.

Everything taken from the document is escaped; only the markup written here is HTML.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from luocdo.ingest.models import Citation, SourceText

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; line-height: 1.5; }
pre { white-space: pre-wrap; font-family: inherit; }
a.cite { text-decoration: none; border-bottom: 2px solid; padding: 0 .1em; }
a.implements { background: #e3f2fd; border-color: #1565c0; }
a.based_on { background: #ede7f6; border-color: #5e35b1; }
a.cites { background: #f1f8e9; border-color: #7cb342; }
a.unresolved { background: #ffebee; border-color: #c62828; }
"""


def tooltip(c: Citation) -> str:
    """What a citation resolved to, in one line."""
    if not c.target:
        return f"{c.doc_type or 'văn bản'} — chưa xác định được (unresolved)"
    parts = [c.doc_type or "", c.number or "", f"ngày {c.date}" if c.date else "", c.issuer or ""]
    return " ".join(p for p in parts if p) + f" · {c.relation} · {c.target}"


def annotated_text(text: SourceText, citations: list[Citation], *, link_base: str = "#") -> str:
    """``text.original`` as escaped HTML, every citation a link to ``link_base`` + its target."""
    out: list[str] = []
    pos = 0
    for c in sorted(citations, key=lambda c: c.start):
        start, end = text.original_span(c.start, c.end)
        if start < pos:
            continue  # overlapping spans: keep the first
        out.append(escape(text.original[pos:start]))
        css = c.relation if c.target else "unresolved"
        href = f"{link_base}{quote(c.target, safe='')}" if c.target else "#"
        out.append(f'<a class="cite {css}" href="{escape(href)}" title="{escape(tooltip(c))}" '
                   f'data-target="{escape(c.target or "")}">{escape(text.original[start:end])}</a>')
        pos = end
    out.append(escape(text.original[pos:]))
    return "".join(out)


def annotate_html(text: SourceText, citations: list[Citation], *, title: str | None = None,
                  link_base: str = "#") -> str:
    """A standalone HTML page of ``text.original`` with ``citations`` as links."""
    heading = escape(title or text.source)
    body = annotated_text(text, citations, link_base=link_base)
    return (f'<!doctype html>\n<html lang="vi"><head><meta charset="utf-8"><title>{heading}</title>'
            f"<style>{_STYLE}</style></head><body><h1>{heading}</h1><pre>{body}</pre></body></html>\n")
