"""The auditors' questions, on top of the named queries: outdated citations, conflicting
citations and validity facts, documents of unknown validity, unresolved citations, and units that
never implemented a document."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from luocdo.graph.model import CITATION_RELATIONS
from luocdo.graph.store import GraphStore, Row
from luocdo.ingest.places import units_of
from luocdo.queries.documents import facts_about, find_document, said_agrees
from luocdo.queries.named import QueryParameterError, run_named
from luocdo.queries.validity import Fact, Own, Status, ending_conflicts, facts_by_document, outdated_on, status_as_of

_ISO_DAY = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d")
PLAN_TYPE = "Kế hoạch"
_OWN_DATES_DIFFER = ("MATCH (d:Document) WHERE d.text_effective_from IS NOT NULL "
                     "AND d.effective_from <> d.text_effective_from "
                     "RETURN d.id AS id, d.number AS number, d.effective_from AS known, d.text_effective_from AS said")


@dataclass(frozen=True)
class Citing:
    """Which citing documents an audit looks at; ``None`` is any."""

    level: str | None = None  # "national" | "province" | "district" | "commune"
    province: str | None = None
    type: str | None = None  # "Kế hoạch", "Quyết định" …
    branch: str | None = None  # "state" | "party"
    plans_only: bool = False
    relation: str | None = None  # IMPLEMENTS | BASED_ON | CITES: at least one citation of this kind

    def __post_init__(self) -> None:
        if self.relation is not None and self.relation.upper() not in CITATION_RELATIONS:
            raise QueryParameterError(f"relation must be one of {', '.join(CITATION_RELATIONS)}, "
                                      f"not {self.relation!r}")

    def keeps(self, row: Row) -> bool:
        wanted = {"citing_level": self.level, "citing_province": self.province, "citing_branch": self.branch,
                  "citing_type": PLAN_TYPE if self.plans_only else self.type}
        if any(v is not None and _fold(row.get(k)) != _fold(v) for k, v in wanted.items()):
            return False
        return self.relation is None or self.relation.upper() in row["relations"]


def _fold(value: Any) -> str:
    return " ".join(str(value or "").lower().split())


def check_as_of(as_of: str | None) -> str:
    """``as_of`` checked: an ISO day or "issue"; today when not given."""
    as_of = as_of or date.today().isoformat()
    if as_of != "issue" and not _ISO_DAY.fullmatch(as_of):
        raise QueryParameterError(f"as_of must be an ISO date (YYYY-MM-DD) or 'issue', not {as_of!r}")
    return as_of


def outdated_citations(store: GraphStore, as_of: str | None = None, citing: Citing | None = None) -> list[Row]:
    """Citations of documents no longer in force on ``as_of`` (ISO; default today), or on each
    citing document's own date when ``as_of`` is ``"issue"``: one row per citing and cited
    document, with the status, since when, by what, and where that fact comes from (``evidence``
    reference or text, ``said_by``). A citing document whose date is partial or missing under
    "issue", or a fact without a date, gives an ``undetermined`` row, never none."""
    as_of = check_as_of(as_of)
    citing = citing or Citing()
    rows = [r for r in run_named(store, "ended_citations") if citing.keeps(r)]
    facts = facts_by_document(run_named(store, "validity_facts", {"id": "*"})) if rows else {}
    out = []
    for r in rows:
        day = r["citing_date"] if as_of == "issue" else as_of
        found = outdated_on(Own.from_row(r, "reference_"), facts.get(r["cited_id"], []), day)
        if found is not None:
            out.append(_outdated_row(r, found))
    return out


def _outdated_row(r: Row, found: Status) -> Row:
    keep = ("citing", "citing_number", "citing_type", "citing_title", "citing_date", "citing_source",
            "citing_level", "citing_province", "citing_branch", "cited_id", "cited", "cited_type", "cited_title",
            "relations", "mentions", "text")
    return {**{k: r[k] for k in keep}, "citing_document": citing_label(r), **found.evidence(),
            "outdated": "undetermined" if found.undetermined else "outdated"}


def outdated_citations_of(store: GraphStore, doc_id: str, as_of: str | None = "issue") -> list[Row]:
    """The citations in one document of documents no longer in force on ``as_of`` (by default the
    document's own date), rows as :func:`outdated_citations` gives them."""
    as_of = check_as_of(as_of)
    out = []
    for r in run_named(store, "ended_citations_of", {"id": doc_id}):
        facts = [Fact.from_row(f) for f in run_named(store, "validity_facts", {"id": r["cited_id"]})
                 if f["document"] == r["cited_id"]]
        day = r["citing_date"] if as_of == "issue" else as_of
        found = outdated_on(Own.from_row(r, "reference_"), facts, day)
        if found is not None:
            out.append(_outdated_row(r, found))
    return out


def citing_label(r: Row) -> str:
    """The citing document as people name it: type and number, else type and title; never a file."""
    if r.get("citing_number"):
        return " ".join(v for v in (r.get("citing_type"), r["citing_number"]) if v)
    title = " ".join((r.get("citing_title") or "").split())
    title = title if len(title) <= 80 else title[:79].rsplit(" ", 1)[0] + " …"
    return " ".join(v for v in (r.get("citing_type"), f"«{title}»" if title else None) if v) or "(untitled document)"


def document_status(store: GraphStore, doc_id: str, on: str | None = None) -> Row:
    """One document's status on ``on`` (default today) with the fact that decided it; ``doc_id``
    may be a number (the first document of that number)."""
    on = check_as_of(on)
    if on == "issue":
        raise QueryParameterError("a document's status is asked as of a date")
    node = find_document(store, doc_id, first=True)
    doc_id = node["id"]
    status = status_as_of(Own.from_row(node), facts_about(store, doc_id), on)
    return {"id": doc_id, "as_of": on, **status.evidence(), "undetermined": status.undetermined,
            "amended_by": list(status.amended_by)}


def citation_conflicts(store: GraphStore) -> list[Row]:
    """Documents cited with disagreeing dates, types or numbers, and validity facts that disagree
    (a text against the reference data, or two texts): one row per document, field and value
    said, with the documents that said it."""
    rows = []
    for r in run_named(store, "citation_conflicts"):
        said = [(value, said_agrees(r["field"], value, r["known"]), citing)
                for value, citing in zip(r["said"], r["citing"], strict=True)]
        if all(agrees for _, agrees, _ in said):
            continue  # every value agrees with the known one ("06/QĐ-TTG" in a title, "06/QĐ-TTg")
        rows += [{"cited": r["cited"], "number": r["number"], "field": r["field"], "known": r["known"],
                  "said": value, "agrees": agrees, "citing": sorted(citing)} for value, agrees, citing in said]
    rows += validity_conflicts(store)
    return sorted(rows, key=lambda r: (r["cited"], r["field"], not r["agrees"], r["said"]))


def validity_conflicts(store: GraphStore) -> list[Row]:
    """When a document ended, or took effect, said differently by the reference data and a text,
    or by two texts."""
    facts = run_named(store, "validity_facts", {"id": "*"})
    numbers = {r["document"]: r["number"] for r in facts}
    rows = [row for doc, fs in facts_by_document(facts).items() for row in ending_conflicts(doc, numbers[doc], fs)]
    rows += [{"cited": r["id"], "number": r["number"], "field": "effective_from", "known": r["known"],
              "said": r["said"], "agrees": False, "citing": [r["id"]]} for r in store.query(_OWN_DATES_DIFFER)]
    return rows


def unknown_validity(store: GraphStore, limit: int = 100) -> list[Row]:
    """Cited documents whose validity is unknown, most cited (by documents, then plans) first."""
    return run_named(store, "unknown_validity", {"limit": limit})


def unresolved_citations(store: GraphStore, limit: int = 100) -> list[Row]:
    """Cited documents whose text the graph does not hold, most cited first (``unresolved``)."""
    return run_named(store, "unresolved", {"limit": limit})


def validity_share(store: GraphStore) -> Row:
    """How many citations (and cited documents) point at a document of known validity, and the share."""
    (row,) = run_named(store, "validity_share")
    share = row["known_citations"] / row["citations"] if row["citations"] else 0.0
    return {**row, "known_share": round(share, 4)}


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
