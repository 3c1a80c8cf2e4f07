"""A document's text as the page shows it: the file as ingested, its citations linked from the
graph's own spans. The file is read (its sha256 must still be the one ingested) but never
extracted again: the links are the citations the graph was built from."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from luocdo.api.vocabulary import vi
from luocdo.graph.store import Row
from luocdo.ingest.models import ReadError
from luocdo.ingest.readers import read_file


def ingested_text(doc: dict[str, Any], citations: list[Row], link_base: str = "/doc/") -> tuple[Markup | None, bool]:
    """The text with its citations linked, and whether the file changed since it was ingested
    (then nothing of it is shown: the page shows only what the graph was built from)."""
    source = doc.get("source")
    if not doc.get("in_corpus") or not source:
        return None, False
    try:
        raw = read_file(source)  # a regular file only, size-limited: never a link to a device
    except ReadError:
        return None, True
    if not doc.get("sha256") or raw.sha256 != doc["sha256"]:
        return None, True
    # A fact another document states about this one has the span of that document's sentence.
    own = [r for r in citations if r.get("origin") in (None, doc.get("id"))]
    return Markup(linked(raw.text, own, link_base)), False


def linked(original: str, citations: list[Row], link_base: str) -> str:
    """``original`` as escaped HTML, each citation span (``start_offset``/``end_offset`` of the
    ``citations_of`` rows) a link to its document."""
    spans = sorted((r for r in citations if r.get("start_offset") is not None and r.get("end_offset") is not None),
                   key=lambda r: (r["start_offset"], r["end_offset"]))
    out, pos = [], 0
    for r in spans:
        start, end = int(r["start_offset"]), min(int(r["end_offset"]), len(original))
        if start < pos or start >= end:
            continue  # overlapping spans: keep the first
        title = " ".join(str(v) for v in (r.get("type"), r.get("number") or r["cited"], "·", vi(r["relation"])) if v)
        href = link_base + quote(r["cited"], safe="")
        out.append(escape(original[pos:start]))
        out.append(f'<a class="cite {escape(r["relation"].lower())}" href="{escape(href)}" title="{escape(title)}"'
                   f' data-target="{escape(r["cited"])}">{escape(original[start:end])}</a>')
        pos = end
    out.append(escape(original[pos:]))
    return "".join(out)
