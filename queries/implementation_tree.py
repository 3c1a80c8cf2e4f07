"""Who implements a document, as a tree of places: province → district → commune, with the units
that have no implementing document yet (from the administrative register, ``ingest.places``).

Units come from the register in force before 1 July 2025 (63 provinces, three levels); a province
whose documents name communes of the two-level register from that day gets those communes as one
more branch. A province with no document at all is one leaf, and so is a district: its units would all be empty.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from luocdo.graph.store import GraphStore
from luocdo.ingest.places import province_names, unit_labels

_DETAILS = ("UNWIND $rows AS row MATCH (d:Document {id: row.id}) "
            "RETURN d.id AS id, d.title AS title, d.status AS status, d.district AS district, d.commune AS commune")


@dataclass
class Unit:
    """A place and the implementing documents issued there (``documents``) or below (``children``)."""

    name: str
    level: str  # "national" | "province" | "district" | "commune" | "unknown" | "new-communes"
    documents: list[dict[str, Any]] = field(default_factory=list)
    children: list[Unit] = field(default_factory=list)
    empty_children: int = 0  # units below, all without a document, not listed one by one

    @property
    def total(self) -> int:
        """Documents here and below."""
        return len(self.documents) + sum(c.total for c in self.children)

    @property
    def covered(self) -> int:
        """Children with at least one document."""
        return sum(1 for c in self.children if c.total)


@dataclass
class Tree:
    national: list[dict[str, Any]]
    provinces: list[Unit]  # with documents
    empty_provinces: list[str]  # no document at all
    unplaced: list[dict[str, Any]]  # local documents that name no province


def implementation_tree(store: GraphStore, rows: list[dict[str, Any]]) -> Tree:
    """The tree of ``rows`` (``implementers_of`` rows: id, type, number, issuer, level, province …)."""
    docs = _with_details(store, rows)
    national = [d for d in docs if d.get("level") == "national"]
    local = [d for d in docs if d.get("level") != "national"]
    by_province: dict[str, list[dict[str, Any]]] = {}
    unplaced = []
    for d in local:
        if d.get("province"):
            by_province.setdefault(d["province"], []).append(d)
        else:
            unplaced.append(d)
    provinces = [_province(name, docs) for name, docs in sorted(by_province.items(), key=lambda p: _sort_key(p[0]))]
    named = {_fold(p) for p in by_province}
    empty = sorted((p for p in _province_labels() if _fold(p) not in named), key=_sort_key)
    return Tree(national, provinces, empty, unplaced)


def _with_details(store: GraphStore, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with title, status, district and commune (what ``implementers_of`` leaves out)."""
    if not rows:
        return []
    extra = {r["id"]: r for r in store.query(_DETAILS, {"rows": [{"id": r["id"]} for r in rows]})}
    return [r | extra.get(r["id"], {}) for r in rows]


def _province_labels() -> set[str]:
    return set(province_names())


def _units_of(province: str, level: str, new: bool) -> list[tuple[str | None, str]]:
    return unit_labels(province, level, new=new)


def _sort_key(name: str) -> tuple[str, str]:
    """Vietnamese order, near enough: letters first, then tones ("Hà Nội" before "Huế")."""
    bare = unicodedata.normalize("NFD", name.replace("Đ", "Dz").replace("đ", "dz"))
    return "".join(c for c in bare if not unicodedata.combining(c)).casefold(), name


def _fold(name: str | None) -> str:
    return " ".join((name or "").casefold().split())


def _province(name: str, docs: list[dict[str, Any]]) -> Unit:
    """One province: its own documents, its districts (each with its communes), and the new communes."""
    province = Unit(name, "province")
    districts = {_fold(label): Unit(label, "district") for _, label in _units_of(name, "district", False)}
    communes: dict[tuple[str, str], Unit] = {}
    by_name: dict[str, list[Unit]] = {}
    for district, label in _units_of(name, "commune", False):
        unit = Unit(label, "commune")
        communes[(_fold(district), _fold(label))] = unit
        by_name.setdefault(_fold(label), []).append(unit)
        if _fold(district) in districts:
            districts[_fold(district)].children.append(unit)
    new = {_fold(label): Unit(label, "commune") for _, label in _units_of(name, "commune", True)}
    elsewhere = Unit("Chưa xác định được đơn vị", "unknown")
    for d in docs:
        _place(d, province, districts, communes, by_name, new, elsewhere).documents.append(d)
    for unit in districts.values():
        if not unit.total:
            unit.empty_children, unit.children = len(unit.children), []  # one line, not 20 empty ones
    province.children = list(districts.values())
    if any(u.documents for u in new.values()):
        province.children.append(Unit("Xã, phường từ 1/7/2025", "new-communes", children=list(new.values())))
    if elsewhere.documents:
        province.children.append(elsewhere)
    return province


def _place(d: dict[str, Any], province: Unit, districts: dict[str, Unit], communes: dict[tuple[str, str], Unit],
           by_name: dict[str, list[Unit]], new: dict[str, Unit], elsewhere: Unit) -> Unit:
    """The unit a document belongs to: its commune, else its district, else its province."""
    district, commune = _fold(d.get("district")), _fold(d.get("commune"))
    if commune:
        if (district, commune) in communes:
            return communes[(district, commune)]
        if not district and commune in new:
            return new[commune]
        if not district and len(by_name.get(commune, [])) == 1:
            return by_name[commune][0]
        return elsewhere
    if district:
        return districts.get(district, elsewhere)
    return province
