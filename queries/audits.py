"""The auditors' questions, on top of the named queries: outdated citations, conflicting
citations, and units that never implemented a document."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from luocdo.graph.store import GraphStore, Row
from luocdo.ingest.places import units_of
from luocdo.queries.named import QueryParameterError, run_named

_ISO_DAY = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d")


def outdated_citations(store: GraphStore, as_of: str | None = None) -> list[Row]:
    """Citations of documents no longer in force on ``as_of`` (ISO; default today), or on each
    citing document's own date when ``as_of`` is ``"issue"``."""
    as_of = as_of or date.today().isoformat()
    if as_of != "issue" and not _ISO_DAY.fullmatch(as_of):
        raise QueryParameterError(f"as_of must be an ISO date (YYYY-MM-DD) or 'issue', not {as_of!r}")
    return run_named(store, "outdated_citations", {"as_of": as_of})


def citation_conflicts(store: GraphStore) -> list[Row]:
    """Documents cited with disagreeing dates, types or numbers: one row per document, field and
    value said, with the documents that said it."""
    rows = []
    for r in run_named(store, "citation_conflicts"):
        for said, citing in zip(r["said"], r["citing"], strict=True):
            rows.append({"cited": r["cited"], "number": r["number"], "field": r["field"], "known": r["known"],
                         "said": said, "agrees": said == r["known"], "citing": sorted(citing)})
    return sorted(rows, key=lambda r: (r["cited"], r["field"], not r["agrees"], r["said"]))


def coverage(store: GraphStore, number: str, province: str, *, level: str = "district",
             on: str | None = None) -> dict[str, Any]:
    """Which units of a province (districts, or communes) have a document implementing ``number``.

    Units come from the administrative register in force ``on`` (default: the old register for
    districts, today's for communes). Returns ``{"covered": [...], "missing": [...], "units": n}``.
    """
    try:
        units = units_of(province, level, on=on)
    except ValueError as err:
        raise QueryParameterError(str(err)) from None
    if not units:
        raise QueryParameterError(f"no province named {province!r} in the register")
    label = units[0].province or province
    rows = run_named(store, "coverage", {"number": number, "province": label, "level": level})
    covered = {key for r in rows for key in _unit_keys(r["district"], r["commune"], level)}
    missing = [u for u in units if _unit_keys(u.district, u.commune, level)[0] not in covered]
    return {
        "number": number, "province": label, "level": level, "units": len(units),
        "covered": rows,
        "missing": [{"district": u.district, "commune": u.commune} for u in missing],
    }


def _unit_keys(district: str | None, commune: str | None, level: str) -> list[tuple[str, ...]]:
    """How a unit is matched: a district by name; a commune by name within its district, or by
    name alone in the new register, which has no districts."""
    def fold(s: str | None) -> str:
        return " ".join((s or "").lower().split())

    if level == "district":
        return [(fold(district),)]
    return [(fold(commune), fold(district)), (fold(commune),)] if district else [(fold(commune),)]
