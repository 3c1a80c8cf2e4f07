"""Extraction scored against the hand-annotated gold set of real corpus documents.

The targets: precision ≥ 0.98, recall ≥ 0.95 and relation accuracy ≥ 0.97 over cited
documents (the README states the current figures).
"""

from __future__ import annotations

from pathlib import Path

from .gold_score import gold_documents, score

PRECISION_FLOOR = 0.98
RECALL_FLOOR = 0.95
RELATION_FLOOR = 0.98


def test_gold_corpus_scores(corpus: Path) -> None:
    entries = gold_documents("citations.jsonl")
    assert len(entries) >= 40
    s = score([(corpus / e["file"], e) for e in entries])
    print(f"\ngold corpus: precision {s.precision:.3f}, recall {s.recall:.3f}, "
          f"relation accuracy {s.relation_accuracy:.3f} "
          f"({s.true_positive} found, {s.false_positive} invented, {s.false_negative} missed)")
    for line in s.misses + s.inventions + s.wrong_relations:
        print("  ", line)
    assert s.precision >= PRECISION_FLOOR
    assert s.recall >= RECALL_FLOOR
    assert s.relation_accuracy >= RELATION_FLOOR
