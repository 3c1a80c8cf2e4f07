"""Score extraction against the hand-annotated gold sets in ``tests/gold/``.

The unit is the cited document: one per distinct canonical number a document cites (entries
the annotators left without a number are counted apart). Its relation is the strongest of its
citations: implements > based_on > cites.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from luocdo.ingest.pipeline import extract

GOLD = Path(__file__).parent / "gold"
_STRENGTH = {"implements": 3, "based_on": 2, "cites": 1}


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    relation_right: int = 0
    misses: list[str] = field(default_factory=list)
    inventions: list[str] = field(default_factory=list)
    wrong_relations: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positive / max(1, self.true_positive + self.false_positive)

    @property
    def recall(self) -> float:
        return self.true_positive / max(1, self.true_positive + self.false_negative)

    @property
    def relation_accuracy(self) -> float:
        return self.relation_right / max(1, self.true_positive)


def gold_documents(name: str) -> list[dict]:
    return [json.loads(line) for line in (GOLD / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def cited_by_extraction(path: Path, abstain: frozenset[str] = frozenset()) -> dict[str, str]:
    """Canonical number → strongest relation, for what luocdo extracts from ``path``.

    Laws named in ``abstain`` are left out: the annotators named them but could not tell which
    law of that name is meant, so no number given for them can be scored.
    """
    out: dict[str, str] = {}
    for c in extract(path).citations:
        if c.form == "name" and c.name in abstain:
            continue
        if c.number and _STRENGTH[c.relation] > _STRENGTH.get(out.get(c.number, ""), 0):
            out[c.number] = c.relation
    return out


def expected(entry: dict) -> dict[str, str]:
    return {c["number"]: c["relation"] for c in entry["cited"] if c["number"]}


def score(pairs: list[tuple[Path, dict]]) -> Score:
    s = Score()
    for path, entry in pairs:
        abstain = frozenset(c["name"] for c in entry["cited"] if not c["number"] and c.get("name"))
        want, got = expected(entry), cited_by_extraction(path, abstain)
        for number, relation in want.items():
            if number in got:
                s.true_positive += 1
                if got[number] == relation:
                    s.relation_right += 1
                else:
                    s.wrong_relations.append(f"{path.name}: {number} {got[number]} (gold {relation})")
            else:
                s.false_negative += 1
                s.misses.append(f"{path.name}: {number}")
        for number in got.keys() - want.keys():
            s.false_positive += 1
            s.inventions.append(f"{path.name}: {number}")
    return s
