"""Did you mean: the ids closest to one that names no document ("10/2022" → 10/2022/QH15)."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from luocdo.graph.search import fold
from luocdo.graph.store import GraphStore

ALL_IDS = "MATCH (d:Document) RETURN d.id AS id, d.number AS number"


def closest_ids(store: GraphStore, wanted: str, limit: int = 5) -> list[str]:
    """Ids of documents whose id or number matches ``wanted`` up to case and accents, then those
    they start with, then the fuzzy-closest; at most ``limit``."""
    key = fold(wanted).strip()
    if not key:
        return []
    rows = store.query(ALL_IDS)
    keys = {r["id"]: {fold(r["id"]), fold(r["number"] or "")} for r in rows}
    exact = sorted(i for i, ks in keys.items() if key in ks)
    prefix = sorted(i for i, ks in keys.items() if i not in exact and any(k.startswith(key) for k in ks if k))
    found = (exact + sorted(prefix, key=len))[:limit]
    if found:
        return found
    fuzzy = process.extract(key, {i: fold(i) for i in keys}, scorer=fuzz.ratio, limit=limit, score_cutoff=85)
    return [doc_id for _, _, doc_id in fuzzy]
